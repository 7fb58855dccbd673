/**
 * Runs one engine scenario in a fresh process (reassignEngineChild.ts) and waits for its figures:
 * the engine's peak memory is then that of a process doing nothing else, as `sf handover reassign`.
 * Rejects with the child's last output if it fails, dies or takes longer than `timeoutMs`.
 */
import { fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { engineMessage, type EngineDone, type EngineTask } from './reassignEngineProtocol.js';

const WHO = "The reassign bench's engine process";

export function runEngineProcess(childScript: string, task: EngineTask, timeoutMs: number): Promise<EngineDone> {
  if (!existsSync(childScript)) {
    return Promise.reject(new Error(`${WHO} cannot start: no ${childScript} (build the project first: npm run build)`));
  }
  const child = fork(childScript, [JSON.stringify(task)], {
    execArgv: ['--no-warnings=ExperimentalWarning'],
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    serialization: 'json',
  });
  const kill = (): void => {
    child.kill('SIGKILL');
  };
  process.on('exit', kill);
  let output = '';
  const keep = (chunk: Buffer): void => {
    output = (output + chunk.toString('utf8')).slice(-4096);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', (chunk: Buffer) => {
    keep(chunk);
    process.stderr.write(chunk);
  });
  return new Promise<EngineDone>((resolve, reject) => {
    let settled = false;
    const settle = (error: Error | null, done?: EngineDone): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      process.off('exit', kill);
      if (error !== null) {
        kill();
        reject(error);
      } else if (done !== undefined) resolve(done);
    };
    const timer = setTimeout(
      () => settle(new Error(`${WHO} did not finish within ${Math.round(timeoutMs / 1000)} s\n${output}`)),
      timeoutMs,
    );
    child.on('message', (raw: unknown) => {
      const parsed = engineMessage.safeParse(raw);
      if (!parsed.success) settle(new Error(`${WHO} sent an unexpected message: ${parsed.error.message}`));
      else if (parsed.data.type === 'failed') settle(new Error(`${WHO} failed: ${parsed.data.message}`));
      else settle(null, parsed.data);
    });
    child.on('error', (error) => settle(new Error(`${WHO} failed: ${error.message}`)));
    child.once('close', (code, signal) =>
      settle(new Error(`${WHO} exited (${signal ?? `code ${String(code)}`}) without its figures\n${output}`)),
    );
  });
}
