/**
 * Starting a command in a detached child process (`handover reassign --async`): the same Node, this
 * plugin's launcher, output to a log file in the temp directory; the parent returns at once.
 */
import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export type DetachedProcess = {
  pid: number | null;
  logFile: string;
  /** What runs: the Node binary, the launcher and the arguments. */
  command: string[];
};

/**
 * The plugin's own launcher (scripts/run.js beside lib/ in a checkout), else the CLI running now
 * (`sf`, when the plugin is installed into it without its scripts).
 */
export function launcher(): string {
  const own = fileURLToPath(new URL('../../scripts/run.js', import.meta.url));
  return existsSync(own) ? own : (process.argv[1] ?? own);
}

/** Runs `args` (e.g. ['handover', 'resume', ...]) detached; stdout and stderr go to a new log file. */
export function startDetached(args: readonly string[], logName: string): DetachedProcess {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const logFile = join(tmpdir(), `${logName}-${stamp}.log`);
  const command = [process.execPath, launcher(), ...args];
  const fd = openSync(logFile, 'a');
  try {
    const child = spawn(command[0] ?? process.execPath, command.slice(1), {
      detached: true,
      stdio: ['ignore', fd, fd],
      env: process.env,
      cwd: process.cwd(),
    });
    // A failure to start is in the log file's absence of output; it must not crash this process.
    child.once('error', () => undefined);
    child.unref();
    return { pid: child.pid ?? null, logFile, command };
  } finally {
    closeSync(fd);
  }
}
