import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import jsforce from 'jsforce';

/**
 * Drives the real Salesforce CLI (`sf`, installed by scripts/sf-cli.sh into .cache/sf-cli) against a
 * local org started as users start it (`npm run org -- --sf-aliases`), with a throwaway HOME so that
 * nothing touches the developer's own sf logins.
 */

export const SF_BIN = join(process.cwd(), '.cache/sf-cli/node_modules/.bin/sf');

/** Runs the sf tests where the binary is installed; in CI they always run (and fail without it). */
export function describeSf(name: string, fn: () => void): void {
  if (existsSync(SF_BIN) || process.env.CI) {
    describe(name, fn);
    return;
  }
  console.warn(`Skipping "${name}": no sf CLI at ${SF_BIN}. Install it with: bash scripts/sf-cli.sh`);
  describe.skip(name, fn);
}

export type SfResult<T = unknown> = { status: number; result: T; stdout: string; stderr: string };

export type SfSandbox = {
  home: string;
  env: NodeJS.ProcessEnv;
  /** Runs `sf <args>`; never throws for a non-zero exit (see `status`). */
  sf<T = unknown>(args: string[], extraEnv?: Record<string, string>): Promise<SfResult<T>>;
  /** Runs `sf <args> --json` and returns `result`; throws with sf's output when the command failed. */
  sfJson<T = unknown>(args: string[], extraEnv?: Record<string, string>): Promise<T>;
  /** Starts `npm run org` (scripts/org.js) with this HOME; resolves once it is ready. */
  startOrg(args: string[]): Promise<RunningOrg>;
  cleanup(): Promise<void>;
};

export type RunningOrg = { url: string; output(): string; stop(): Promise<void> };

/** Variables that would make sf or jsforce look elsewhere than the throwaway home and the local org. */
const DROPPED = /^(SF_|SFDX_|XDG_|https?_proxy$|HTTPS?_PROXY$|NODE_EXTRA_CA_CERTS$)/i;

function sandboxEnv(home: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!DROPPED.test(key)) env[key] = value;
  return {
    ...env,
    HOME: home,
    // Node 22 (this process's) first, then the sf bin folder: sf spawns `sf` for some background work.
    PATH: [dirname(process.execPath), dirname(SF_BIN), process.env.PATH ?? ''].join(':'),
    SF_DISABLE_DNS_CHECK: 'true',
    SF_AUTOUPDATE_DISABLE: 'true',
    SF_DISABLE_TELEMETRY: 'true',
    SF_SKIP_NEW_VERSION_CHECK: 'true',
    SF_USE_GENERIC_UNIX_KEYCHAIN: 'true',
    SF_DISABLE_LOG_FILE: 'true',
    FORCE_COLOR: '0',
    NO_COLOR: '1',
  };
}

export function sfSandbox(): SfSandbox {
  const home = mkdtempSync(join(tmpdir(), 'handover-sf-home-'));
  const env = sandboxEnv(home);
  const orgs: RunningOrg[] = [];

  const sf = <T>(args: string[], extraEnv: Record<string, string> = {}): Promise<SfResult<T>> =>
    new Promise((resolve) => {
      execFile(
        SF_BIN,
        args,
        { cwd: home, env: { ...env, ...extraEnv }, maxBuffer: 32 * 1024 * 1024, timeout: 120_000 },
        (error, stdout, stderr) => {
          const status = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
          let result: T = undefined as T;
          try {
            result = (JSON.parse(stdout) as { result: T }).result;
          } catch {
            // human output
          }
          resolve({ status, result, stdout, stderr });
        },
      );
    });

  const sfJson = async <T>(args: string[], extraEnv: Record<string, string> = {}): Promise<T> => {
    const run = await sf<T>([...args, '--json'], extraEnv);
    if (run.status !== 0) throw new Error(`sf ${args.join(' ')} exited ${run.status}:\n${run.stdout}\n${run.stderr}`);
    return run.result;
  };

  const startOrg = async (args: string[]): Promise<RunningOrg> => {
    const org = await startOrgProcess(args, env);
    orgs.push(org);
    return org;
  };

  const cleanup = async (): Promise<void> => {
    for (const org of orgs) await org.stop();
    rmSync(home, { recursive: true, force: true });
  };

  return { home, env, sf, sfJson, startOrg, cleanup };
}

async function startOrgProcess(args: string[], env: NodeJS.ProcessEnv): Promise<RunningOrg> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--no-warnings=ExperimentalWarning', 'scripts/org.js', '--port', '0', ...args],
    { cwd: process.cwd(), env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => {
      const m = /Local org ready at (https?:\/\/[^\s]+)/.exec(output);
      if (m?.[1]) {
        clearInterval(timer);
        resolve(m[1]);
      }
    }, 50);
    void exited.then(() => {
      clearInterval(timer);
      reject(new Error(`the local org exited early:\n${output}`));
    });
  });
  return {
    url,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGINT');
      await exited;
    },
  };
}

/** A jsforce connection to a local org (to check what an sf command changed). */
export async function adminConnection(url: string): Promise<jsforce.Connection> {
  const conn = new jsforce.Connection({ loginUrl: url, version: '62.0' });
  await conn.login('admin@handover.local', 'handover');
  return conn;
}

/** A temporary data folder for an org; removed by the returned function. */
export function tempDataDir(): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'handover-sf-org-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
