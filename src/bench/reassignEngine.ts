/**
 * Runs one engine scenario in a fresh process (reassignEngineChild.ts) and waits for its figures:
 * the engine's peak memory is then that of a process doing nothing else, as `sf handover reassign`.
 * Rejects with the child's last output if it fails, dies or takes longer than `timeoutMs`.
 */
import { forkBenchChild } from './benchChild.js';
import { engineMessage, type EngineDone, type EngineTask } from './reassignEngineProtocol.js';

const WHO = "The reassign bench's engine process";

export async function runEngineProcess(childScript: string, task: EngineTask, timeoutMs: number): Promise<EngineDone> {
  const { child, output, forget } = forkBenchChild(childScript, task, WHO);
  return new Promise<EngineDone>((resolve, reject) => {
    let settled = false;
    const settle = (error: Error | null, done?: EngineDone): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      forget();
      if (error !== null) {
        child.kill('SIGKILL');
        reject(error);
      } else if (done !== undefined) resolve(done);
    };
    const timer = setTimeout(
      () => settle(new Error(`${WHO} did not finish within ${Math.round(timeoutMs / 1000)} s\n${output()}`)),
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
      settle(new Error(`${WHO} exited (${signal ?? `code ${String(code)}`}) without its figures\n${output()}`)),
    );
  });
}
