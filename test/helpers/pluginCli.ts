/**
 * Running the compiled plugin as users run it: `node scripts/run.js handover ... --json` child
 * processes (lib/, so build first) against a local org, signed in as each user through sf auth files
 * kept in a throwaway HOME (never the developer's own sf logins).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { TestOrg } from './localOrg.js';

export type JsonOutput = {
  status: number;
  result?: Record<string, unknown>;
  name?: string;
  message?: string;
  actions?: string[];
  data?: Record<string, unknown>;
};

/** Variables that would make sf look elsewhere than the throwaway home. */
const DROPPED = /^(SF_|SFDX_|XDG_|https?_proxy$|HTTPS?_PROXY$|NODE_EXTRA_CA_CERTS$)/i;

export type PluginCli = {
  home: string;
  env: NodeJS.ProcessEnv;
  /** `handover <args> --target-org <as> --json`; resolves with the JSON it printed (any status). */
  run(as: string, args: string[]): Promise<JsonOutput>;
  cleanup(): void;
};

export async function pluginCli(org: TestOrg, usernames: readonly string[]): Promise<PluginCli> {
  const home = mkdtempSync(join(tmpdir(), 'handover-cli-home-'));
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!DROPPED.test(key)) env[key] = value;
  Object.assign(env, {
    HOME: home,
    PATH: [dirname(process.execPath), process.env.PATH ?? ''].join(':'),
    SF_DISABLE_DNS_CHECK: 'true',
    SF_AUTOUPDATE_DISABLE: 'true',
    SF_DISABLE_TELEMETRY: 'true',
    SF_SKIP_NEW_VERSION_CHECK: 'true',
    SF_USE_GENERIC_UNIX_KEYCHAIN: 'true',
    SF_DISABLE_LOG_FILE: 'true',
    NODE_OPTIONS: '',
    FORCE_COLOR: '0',
    NO_COLOR: '1',
  });
  await saveAuths(org, usernames, env);

  const run = (as: string, args: string[]): Promise<JsonOutput> =>
    new Promise((resolve, reject) => {
      execFile(
        process.execPath,
        ['scripts/run.js', 'handover', ...args, '--target-org', as, '--json'],
        { cwd: process.cwd(), env, maxBuffer: 32 * 1024 * 1024, timeout: 90_000 },
        (error, stdout, stderr) => {
          let output: JsonOutput;
          try {
            output = JSON.parse(stdout) as JsonOutput;
          } catch {
            reject(new Error(`handover ${args.join(' ')} printed no JSON:\n${stdout}\n${stderr}`));
            return;
          }
          const exitCode = error ? error.code : 0;
          if (exitCode !== output.status) {
            reject(new Error(`handover ${args.join(' ')} exited with ${String(exitCode)}, printed ${output.status}`));
          } else resolve(output);
        },
      );
    });

  return { home, env, run, cleanup: () => rmSync(home, { recursive: true, force: true }) };
}

/**
 * Stores an sf login per user in the throwaway HOME. A child process does it: under Jest,
 * process.env.HOME cannot redirect @salesforce/core (it reads the real environment).
 */
async function saveAuths(org: TestOrg, usernames: readonly string[], env: NodeJS.ProcessEnv): Promise<void> {
  const logins = await Promise.all(
    usernames.map(async (username) => {
      const conn = await org.login(username);
      return {
        accessToken: conn.accessToken,
        instanceUrl: org.url,
        loginUrl: org.url,
        username,
        orgId: conn.userInfo?.organizationId,
        userId: conn.userInfo?.id,
        isDevHub: false,
        instanceApiVersion: '62.0',
      };
    }),
  );
  const script = [
    "import { AuthInfo } from '@salesforce/core';",
    'for (const options of JSON.parse(process.argv[1])) {',
    '  const auth = await AuthInfo.create({ accessTokenOptions: options });',
    '  await auth.save();',
    '}',
  ].join('\n');
  await new Promise<void>((resolve, reject) => {
    execFile(
      process.execPath,
      ['--input-type=module', '-e', script, JSON.stringify(logins)],
      { cwd: process.cwd(), env, timeout: 60_000 },
      (error, _stdout, stderr) => (error ? reject(new Error(`saving the sf logins failed: ${stderr}`)) : resolve()),
    );
  });
}
