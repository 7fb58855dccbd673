/**
 * The reassign benchmark on a small book: every scenario runs and moves every record (checked in the
 * org's tables by the bench itself). Timing is not asserted. sf-data-update-bulk runs when the sf CLI
 * is installed in .cache/sf-cli, and is reported as skipped (with the reason) otherwise.
 */
import { benchReassign, REASSIGN_SCENARIOS } from '../../src/bench/reassign.js';

describe('npm run bench -- reassign', () => {
  it('runs every scenario and each one moves every record', async () => {
    const records = 340;
    const report = await benchReassign(
      { records, successors: 3, latencyMs: 0, concurrency: 8, perRecordSample: 1000 },
      process.cwd(),
    );
    expect(report.scenario).toBe('reassign');
    expect(report.results.map((r) => r.name)).toEqual([...REASSIGN_SCENARIOS]);
    expect(report.params.objectTypes).toBe(5);
    for (const r of report.results) {
      expect(r.records).toBe(records);
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
    }
    const engine = report.results.filter((r) => r.name.startsWith('handover-'));
    for (const r of engine) {
      expect(r).toMatchObject({ status: 'Reassigned', objectTypes: 5, verified: true });
      expect(r.outcome).toMatchObject({ transferred: records, failed: 0, conflicts: 0 });
    }
    expect(report.results.find((r) => r.name === 'baseline-per-record')?.extrapolatedFrom).toBe(records);
  }, 240_000);
});
