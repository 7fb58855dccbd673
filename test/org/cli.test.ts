import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsforce from 'jsforce';

/** `npm run org` as a user runs it: the compiled launcher, a ready line, Ctrl-C stops it cleanly. */
describe('npm run org (scripts/org.js)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'handover-org-cli-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  function start(args: string[], script = 'scripts/org.js') {
    const child = spawn(process.execPath, ['--no-warnings=ExperimentalWarning', script, ...args], {
      cwd: process.cwd(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const ready = new Promise<string>((resolve, reject) => {
      const timer = setInterval(() => {
        const m = /Local org ready at (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
        if (m) {
          clearInterval(timer);
          resolve(m[1]!);
        }
      }, 50);
      void exited.then(() => {
        clearInterval(timer);
        reject(new Error(`exited early: ${output}`));
      });
    });
    ready.catch(() => undefined); // awaited only by the tests that expect a start
    return { child, ready, exited, output: () => output };
  }

  it('starts on a free port, serves the API, and stops on SIGINT with exit code 0', async () => {
    const org = start(['--port', '0', '--data', dataDir, '--seed', 'empty']);
    const url = await org.ready;
    const versions = (await (await fetch(`${url}/services/data`)).json()) as unknown[];
    expect(versions.length).toBeGreaterThan(30);
    org.child.kill('SIGINT');
    expect(await org.exited).toBe(0);
  });

  it('npm start (scripts/start.js) serves it with the demo data, and says that the app host comes later', async () => {
    const startDir = mkdtempSync(join(tmpdir(), 'handover-npm-start-'));
    try {
      const org = start(['--port', '0', '--data', startDir], 'scripts/start.js');
      const url = await org.ready;
      expect(org.output()).toContain('The app host is a later step');
      const conn = new jsforce.Connection({ loginUrl: url, version: '62.0' });
      await conn.login('manager@handover.local', 'handover');
      expect(
        (await conn.query<{ Id: string }>("SELECT Id FROM User WHERE Username = 'departing@handover.local'")).totalSize,
      ).toBe(1);
      org.child.kill('SIGINT');
      expect(await org.exited).toBe(0);
    } finally {
      rmSync(startDir, { recursive: true, force: true });
    }
  }, 60_000);

  it('refuses bad options with a usage message and exit code 2', async () => {
    const org = start(['--port', 'abc', '--data', dataDir]);
    expect(await org.exited).toBe(2);
    expect(org.output()).toMatch(/--port/);
    expect(org.output()).toMatch(/Usage: npm run org/);
    const seed = start(['--seed', 'nope', '--data', dataDir]);
    expect(await seed.exited).toBe(2);
    expect(seed.output()).toMatch(/--seed/);
  });
});
