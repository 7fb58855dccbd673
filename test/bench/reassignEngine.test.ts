/** The engine's own process in the reassign bench: its figures are validated, and a child that fails, dies or hangs is an error. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runEngineProcess } from '../../src/bench/reassignEngine.js';

const task = {
  url: 'http://127.0.0.1:1',
  username: 'manager@handover.local',
  handoverId: 'a0B000000000001AAA',
  policy: {},
};

describe('runEngineProcess', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'handover-engine-child-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const script = (name: string, body: string): string => {
    const file = join(dir, `${name}.cjs`);
    writeFileSync(file, body);
    return file;
  };

  it('says to build first when the compiled child is missing', async () => {
    await expect(runEngineProcess(join(dir, 'missing.js'), task, 5_000)).rejects.toThrow(/npm run build/);
  });

  it('returns the figures the child sends', async () => {
    const done = {
      type: 'done',
      wallMs: 12.5,
      cpuMs: 9,
      peakRssMb: 300,
      run: {
        status: 'Reassigned',
        outcome: { transferred: 3, alreadyDone: 0, conflicts: 0, failed: 0, notReached: 0 },
        objectTypes: 1,
        batches: 1,
        retries: 0,
        verified: true,
        polls: 0,
      },
      calls: { total: 5, byKind: { writes: 1 }, byStage: { plan: 2 }, bulkJobs: 0, stageMs: { plan: 3 } },
    };
    const file = script('ok', `process.send(${JSON.stringify(done)}, () => process.exit(0));`);
    await expect(runEngineProcess(file, task, 10_000)).resolves.toEqual(done);
  });

  it.each([
    [
      'reports a failure',
      `process.send({ type: 'failed', message: 'INVALID_LOGIN' }, () => process.exit(1));`,
      /failed: INVALID_LOGIN/,
    ],
    [
      'refuses figures of the wrong shape',
      `process.send({ type: 'done', wallMs: 'fast' }, () => process.exit(0));`,
      /unexpected message/,
    ],
    [
      'notices a child that dies without its figures',
      `console.error('boom'); process.exit(3);`,
      /exited \(code 3\)[\s\S]*boom/,
    ],
    ['gives up on a child that hangs', `setInterval(() => undefined, 1000);`, /did not finish within 1 s/],
  ])('%s', async (_name, body, message) => {
    await expect(runEngineProcess(script(_name.replace(/\W+/g, '-'), body), task, 1_000)).rejects.toThrow(message);
  });
});
