/**
 * The reassign benchmark on a small book: every scenario runs and moves every record (checked in the
 * org's tables by the bench itself). Timing is not asserted. sf-data-update-bulk runs when the sf CLI
 * is installed in .cache/sf-cli, and is reported as skipped (with the reason) otherwise. The org runs
 * in a child process of its own, the compiled lib/bench/reassignOrgChild.js (`npm run build` first);
 * the second part checks that its failures reject clearly instead of hanging, with stand-in children.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchReassign, REASSIGN_SCENARIOS } from '../../src/bench/reassign.js';
import { createReassignFixture, startOrgMeter, type FixtureOptions } from '../../src/bench/reassignFixture.js';

describe('npm run bench -- reassign', () => {
  it('runs every scenario and each one moves every record', async () => {
    const records = 340;
    const report = await benchReassign(
      { records, successors: 3, latencyMs: 0, serverMs: 0, concurrency: 8, perRecordSample: 1000 },
      process.cwd(),
    );
    expect(report.scenario).toBe('reassign');
    expect(report.results.map((r) => r.name)).toEqual([...REASSIGN_SCENARIOS]);
    expect(report.params.objectTypes).toBe(5);
    expect(report.params.orgSeedPeakRssMb).toBeGreaterThan(0);
    for (const r of report.results) {
      expect(r.records).toBe(records);
      expect(r.peakRssMb).toBeGreaterThan(0);
      expect(r.orgPeakRssMb).toBeGreaterThan(0);
      if (r.skipped === true) {
        expect(r.name).toBe('sf-data-update-bulk');
        expect(r.reason).toEqual(expect.stringContaining('sf'));
        continue;
      }
      expect({ name: r.name, moved: r.verifiedMoved, all: r.movedAll }).toEqual({
        name: r.name,
        moved: records,
        all: true,
      });
      expect(r.apiCalls).toBeGreaterThan(0);
      // The org did work for every scenario, and no client finished faster than the org could serve it.
      expect(r.orgCpuMs).toBeGreaterThan(0);
    }
    const engine = report.results.filter((r) => r.name.startsWith('handover-'));
    for (const r of engine) {
      expect(r).toMatchObject({ status: 'Reassigned', objectTypes: 5, verified: true, targetPeakRssMb: 512 });
      expect(r.withinMemoryTarget).toBe(r.peakRssMb < 512);
      expect(r.engineCpuMs).toBeGreaterThan(0);
      expect(r.outcome).toMatchObject({ transferred: records, failed: 0, conflicts: 0 });
      const sequential = report.results.find((s) => s.name === 'baseline-sequential-collections');
      expect(r.speedupCapFromOrgCpu).toBeCloseTo(Number(sequential?.wallMs) / Number(r.orgCpuMs), 0);
    }
    expect(report.results.find((r) => r.name === 'baseline-per-record')?.extrapolatedFrom).toBe(records);
  }, 240_000);
});

describe('startOrgMeter', () => {
  it('reports the calls and CPU time the org spent since it started', async () => {
    const org = { calls: 100, cpuMs: 5_000 };
    const meter = await startOrgMeter({
      usedCalls: () => Promise.resolve(org.calls),
      orgCpuMs: () => Promise.resolve(org.cpuMs),
    });
    org.calls += 12;
    org.cpuMs += 750;
    await expect(meter()).resolves.toEqual({ apiCalls: 12, orgCpuMs: 750 });
  });
});

describe('the reassign bench org process', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'handover-bench-child-test-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  /** A stand-in for lib/bench/reassignOrgChild.js. */
  function child(source: string): string {
    const file = join(dir, `child-${Math.random().toString(36).slice(2)}.cjs`);
    writeFileSync(file, source);
    return file;
  }

  function options(childScript: string, extra: Partial<FixtureOptions> = {}): FixtureOptions {
    return { records: 10, successors: 3, latencyMs: 0, serverMs: 0, objectsDir: dir, childScript, ...extra };
  }

  const id = (prefix: string, n: number): string => `${prefix}${String(n).padStart(15, '0')}`;
  /** A ready message that passes validation, then `after` (a statement run on each request). */
  const readyChild = (onRequest: string): string =>
    child(`
      process.send({
        type: 'ready', url: 'http://127.0.0.1:1', managerUsername: 'manager@handover.local',
        users: { manager: '${id('005', 1)}', departing: '${id('005', 2)}', successors: ['${id('005', 3)}'] },
        handoverId: '${id('a00', 1)}',
        records: [['${id('001', 1)}', 'Account', '${id('001', 1)}', '${id('005', 3)}']],
        seedMs: 1, maxRssKb: 1024,
      });
      process.on('message', (m) => { ${onRequest} });
    `);

  it('rejects when the compiled child is missing', async () => {
    await expect(createReassignFixture(options(join(dir, 'missing.js')))).rejects.toThrow(/npm run build/);
  });

  it('rejects with the exit code and the last output when the child dies before ready', async () => {
    const script = child(`process.stderr.write('boom: no database\\n'); process.exit(3);`);
    await expect(createReassignFixture(options(script))).rejects.toThrow(/exited \(code 3\)[\s\S]*boom: no database/);
  });

  it('rejects with the reason when the child cannot build the fixture', async () => {
    const script = child(`process.send({ type: 'failed', error: 'no scale seed' }, () => process.exit(1));`);
    await expect(createReassignFixture(options(script))).rejects.toThrow(/could not build the fixture: no scale seed/);
  });

  it('rejects an invalid message from the child', async () => {
    const script = child(`process.send({ type: 'ready', url: 42 }); setInterval(() => {}, 1000);`);
    await expect(createReassignFixture(options(script))).rejects.toThrow(/invalid message/);
  });

  it('does not wait for ready forever, and kills the child', async () => {
    const script = child(`setInterval(() => {}, 1000);`);
    await expect(createReassignFixture(options(script, { readyTimeoutMs: 300 }))).rejects.toThrow(
      /did not get ready within/,
    );
  });

  it('answers requests, rejects the ones the child fails or does not answer, and closes', async () => {
    const fixture = await createReassignFixture(
      options(
        readyChild(`
          if (m.type === 'usedCalls') process.send({ type: 'response', id: m.id, ok: true, value: 7 });
          if (m.type === 'movedCount') process.send({ type: 'response', id: m.id, ok: false, error: 'no table' });
          if (m.type === 'close') process.send({ type: 'response', id: m.id, ok: true, value: null }, () => process.exit(0));
        `),
        { requestTimeoutMs: 300 },
      ),
    );
    expect(fixture.records).toEqual([
      { id: id('001', 1), objectType: 'Account', accountId: id('001', 1), successorId: id('005', 3) },
    ]);
    expect(fixture.orgSeedPeakRssMb).toBe(1);
    await expect(fixture.usedCalls()).resolves.toBe(7);
    await expect(fixture.movedCount()).rejects.toThrow(/movedCount failed: no table/);
    await expect(fixture.reset()).rejects.toThrow(/did not answer reset within/);
    await expect(fixture.usedCalls()).rejects.toThrow(/did not answer reset/);
    await fixture.close();
  });

  it('rejects pending requests when the child dies', async () => {
    const fixture = await createReassignFixture(options(readyChild(`process.exit(5);`)));
    await expect(fixture.reset()).rejects.toThrow(/exited \(code 5\)/);
    await fixture.close();
  });
});
