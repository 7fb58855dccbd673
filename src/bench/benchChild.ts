/**
 * A child process of the reassign bench (the org, an engine run): forked from its compiled script
 * with one JSON argument and IPC, its output's tail kept for error messages (stderr also shown),
 * and killed if the bench exits first.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';

export type BenchChild = {
  child: ChildProcess;
  /** The last 4 KB of what the child wrote. */
  output: () => string;
  /** The child is done with: the bench no longer kills it on exit. */
  forget: () => void;
};

export function forkBenchChild(script: string, argument: unknown, who: string): BenchChild {
  if (!existsSync(script))
    throw new Error(`${who} cannot start: no ${script} (build the project first: npm run build)`);
  const child = fork(script, [JSON.stringify(argument)], {
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
  return { child, output: () => output, forget: () => process.off('exit', kill) };
}
