import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { callKind, settingsFromEnv, settingsFromFlags } from '../../../src/org/faults/index.js';

describe('fault settings from the environment and from flags', () => {
  it('reads HANDOVER_ORG_* variables, ignoring unset and empty ones', () => {
    expect(
      settingsFromEnv({
        HANDOVER_ORG_LATENCY_MS: '120',
        HANDOVER_ORG_JITTER_MS: '',
        HANDOVER_ORG_ERROR_RATE_503: '0.1',
        HANDOVER_ORG_DAILY_API_REQUESTS: '15000',
        HANDOVER_ORG_MAX_CONCURRENT_LONG_REQUESTS: '5',
        HANDOVER_ORG_LONG_REQUEST_MS: '20000',
        HANDOVER_ORG_LOCK_WAIT_MS: '3000',
        HANDOVER_ORG_LOCK_EMULATION: 'off',
        UNRELATED: 'x',
      }),
    ).toEqual({
      latencyMs: 120,
      errorRate503: 0.1,
      dailyApiRequests: 15000,
      maxConcurrentLongRequests: 5,
      longRequestMs: 20000,
      lockWaitMs: 3000,
      lockEmulation: false,
    });
  });

  it('names every bad variable or flag in one error', () => {
    expect(() => settingsFromEnv({ HANDOVER_ORG_LATENCY_MS: 'slow', HANDOVER_ORG_ERROR_RATE_503: '1.5' })).toThrow(
      /HANDOVER_ORG_LATENCY_MS.*\n.*HANDOVER_ORG_ERROR_RATE_503/s,
    );
    expect(() => settingsFromFlags({ 'daily-api-requests': '0' })).toThrow(/--daily-api-requests/);
    expect(() => settingsFromFlags({ 'lock-emulation': 'maybe' })).toThrow(/--lock-emulation/);
    expect(() => settingsFromFlags({ 'latency-ms': '1.5' })).toThrow(/--latency-ms/);
  });

  it('reads the flags as node:util parseArgs returns them', () => {
    expect(
      settingsFromFlags({ 'latency-ms': '50', 'error-rate-503': '0.25', port: '1', 'lock-emulation': 'true' }),
    ).toEqual({ latencyMs: 50, errorRate503: 0.25, lockEmulation: true });
  });
});

describe('which calls get which faults', () => {
  it('REST and Bulk get every fault, SOAP and the version list only latency, the admin endpoint none', () => {
    expect(callKind('GET', '/services/data/v62.0/query?q=SELECT+Id+FROM+Account')).toBe('full');
    expect(callKind('POST', '/services/data/v62.0/jobs/ingest')).toBe('full');
    expect(callKind('GET', '/services/data/v62.0')).toBe('full');
    expect(callKind('PUT', '/services/data/v62.0/jobs/ingest/7505g000000001AAA/batches')).toBe('delay-only');
    expect(callKind('POST', '/services/Soap/u/62.0')).toBe('delay-only');
    expect(callKind('GET', '/services/data')).toBe('delay-only');
    expect(callKind('GET', '/services/data/')).toBe('delay-only');
    expect(callKind('PATCH', '/services/data/v62.0/local/settings')).toBe('none');
    expect(callKind('POST', '/services/oauth2/token')).toBe('none');
    expect(callKind('GET', '/id/00D/005')).toBe('none');
  });
});

describe('npm run org with fault options', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'handover-org-faults-cli-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  function run(args: string[], env: Record<string, string> = {}) {
    const child = spawn(process.execPath, ['--no-warnings=ExperimentalWarning', 'scripts/org.js', ...args], {
      cwd: process.cwd(),
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...env },
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    return { child, exited, output: () => output };
  }

  async function until(check: () => boolean, ms = 20_000): Promise<void> {
    const end = Date.now() + ms;
    while (!check()) {
      if (Date.now() > end) throw new Error('timed out');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  it('takes settings from HANDOVER_ORG_* variables, flags winning, and reports them', async () => {
    const org = run(
      ['--port', '0', '--data', dataDir, '--seed', 'empty', '--latency-ms', '5', '--daily-api-requests', '900'],
      {
        HANDOVER_ORG_LATENCY_MS: '7',
        HANDOVER_ORG_LOCK_WAIT_MS: '1234',
      },
    );
    await until(() => org.output().includes('Settings: '));
    expect(org.output()).toMatch(/Settings: .*lockWaitMs=1234/);
    expect(org.output()).toMatch(/latencyMs=5\b/);
    expect(org.output()).toMatch(/dailyApiRequests=900\b/);
    org.child.kill('SIGINT');
    expect(await org.exited).toBe(0);
  });

  it('refuses a bad fault flag or variable with a usage message and exit code 2', async () => {
    const flag = run(['--data', dataDir, '--error-rate-503', '2']);
    expect(await flag.exited).toBe(2);
    expect(flag.output()).toMatch(/--error-rate-503/);
    const env = run(['--data', dataDir], { HANDOVER_ORG_LONG_REQUEST_MS: 'never' });
    expect(await env.exited).toBe(2);
    expect(env.output()).toMatch(/HANDOVER_ORG_LONG_REQUEST_MS/);
  });
});
