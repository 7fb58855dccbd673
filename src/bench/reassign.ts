import { join } from 'node:path';
import type { ReassignPolicy } from '../core/reassign/index.js';
import { result, type BenchReport, type BenchResult } from './measure.js';
import {
  baselinePerRecord,
  baselineSequentialCollections,
  floorParallelCollections,
  sfDataUpdateBulk,
} from './reassignBaselines.js';
import { runEngineProcess } from './reassignEngine.js';
import { createReassignFixture, startOrgMeter, type ReassignFixture } from './reassignFixture.js';

export type ReassignBenchParams = {
  /** Records of the departing rep's book (accounts, contacts, deals, cases, tasks). */
  records: number;
  successors: number;
  /** Added by the org to every API call. */
  latencyMs: number;
  /**
   * How long each write keeps its records and their parents locked (the org's lock hold): the time a
   * real org's server spends on a write, during which writes to the same records or parents wait.
   */
  serverMs: number;
  /** Batches of a phase in flight in collections mode (1-25). */
  concurrency: number;
  /** Records the per-record baseline really writes; extrapolated linearly to all of them. */
  perRecordSample: number;
  /** Scenarios to run (default all), by result name. */
  only?: readonly string[];
};

export const REASSIGN_DEFAULTS = {
  records: 100_000,
  successors: 3,
  latencyMs: 50,
  serverMs: 0,
  concurrency: 25,
  perRecordSample: 500,
} as const satisfies ReassignBenchParams;

export const REASSIGN_SCENARIOS = [
  'handover-bulk',
  'handover-collections',
  'baseline-per-record',
  'baseline-sequential-collections',
  'sf-data-update-bulk',
  'floor-parallel-collections',
] as const;

/** Every record moves (the baselines move them all too): closed deals, closed cases and completed tasks included. */
const MOVE_EVERYTHING: Partial<ReassignPolicy> = {
  moveClosedOpportunities: true,
  moveClosedCases: true,
  moveCompletedActivities: true,
};

/** The engine's peak memory target (the bench process's maxRSS, the org running in its own process). */
const TARGET_PEAK_RSS_MB = 512;

/**
 * Reassigning a departing rep's book of `records` records to `successors` successors with `latencyMs`
 * per API call: our engine in Bulk API 2.0 mode and in sObject Collections mode, beside one PATCH per
 * record, sequential collections requests and `sf data update bulk`. Every scenario starts from the
 * same data (owners and journal reset between them, not measured) and its result is checked in the
 * org's tables (`verifiedMoved`). API calls are counted by the org.
 *
 * The local org (and the building of its fixture) runs in a child process of its own, as a real org is
 * another machine: its request handling does not share a thread with the engine's client work, so
 * parallel requests overlap server and client CPU as they would against Salesforce, and each result's
 * `peakRssMb` (this process's maxRSS) is the client's (the engine's or the baseline's) alone. The org
 * process's peak is reported apart: `orgSeedPeakRssMb` in the params (after building the fixture) and
 * `orgPeakRssMb` per result (after the scenario). The scenarios run one after another against that org.
 */
export async function benchReassign(params: ReassignBenchParams, projectRoot: string): Promise<BenchReport> {
  const wanted = (name: string): boolean => params.only === undefined || params.only.includes(name);
  const fixture = await createReassignFixture({
    records: params.records,
    successors: params.successors,
    latencyMs: params.latencyMs,
    serverMs: params.serverMs,
    objectsDir: join(projectRoot, 'force-app/main/default/objects'),
    childScript: join(projectRoot, 'lib/bench/reassignOrgChild.js'),
  });
  const results: BenchResult[] = [];
  const run = async (name: string, scenario: () => Promise<BenchResult>): Promise<void> => {
    if (!wanted(name)) return;
    const r = await scenario();
    r.orgPeakRssMb = await fixture.orgPeakRssMb();
    results.push(r);
  };
  try {
    await run('handover-bulk', () => runEngine(fixture, 'handover-bulk', { mode: 'bulk' }, projectRoot));
    await run('handover-collections', () =>
      runEngine(fixture, 'handover-collections', { mode: 'collections', concurrency: params.concurrency }, projectRoot),
    );
    await run('baseline-per-record', () => baselinePerRecord(fixture, params.perRecordSample));
    await run('baseline-sequential-collections', () => baselineSequentialCollections(fixture));
    await run('sf-data-update-bulk', () => sfDataUpdateBulk(fixture, projectRoot));
    await run('floor-parallel-collections', () => floorParallelCollections(fixture, params.concurrency));
  } finally {
    await fixture.close();
  }
  compare(results);
  const shown: Record<string, unknown> = { ...params };
  delete shown.only;
  return {
    scenario: 'reassign',
    params: {
      ...shown,
      seedMs: fixture.seedMs,
      objectTypes: new Set(fixture.records.map((r) => r.objectType)).size,
      orgSeedPeakRssMb: fixture.orgSeedPeakRssMb,
    },
    results,
  };
}

/** One engine run, in a process of its own (its peak memory is the engine's), checked in the org afterwards. */
async function runEngine(
  f: ReassignFixture,
  name: string,
  policy: Partial<ReassignPolicy>,
  projectRoot: string,
): Promise<BenchResult> {
  await f.reset();
  const meter = await startOrgMeter(f);
  const done = await runEngineProcess(
    join(projectRoot, 'lib/bench/reassignEngineChild.js'),
    { url: f.url, username: f.managerUsername, handoverId: f.handoverId, policy: { ...MOVE_EVERYTHING, ...policy } },
    Math.max(30 * 60_000, f.records.length * 20),
  );
  const { apiCalls, orgCpuMs } = await meter();
  const r = done.run;
  const moved = await f.movedCount();
  const withoutPolls = apiCalls - r.polls;
  return result(name, f.records.length, apiCalls, done.wallMs, {
    // The engine's process (result() would read the bench's own).
    peakRssMb: done.peakRssMb,
    engineCpuMs: done.cpuMs,
    orgCpuMs,
    policy: readable({
      mode: policy.mode,
      ...(policy.mode === 'collections' ? { concurrency: policy.concurrency } : {}),
    }),
    objectTypes: r.objectTypes,
    pollCalls: r.polls,
    callsPerObjectType: round(withoutPolls / Math.max(1, r.objectTypes)),
    ...(policy.mode === 'bulk'
      ? { targetCallsPerObjectType: 10, withinCallTarget: withoutPolls / Math.max(1, r.objectTypes) <= 10 }
      : {}),
    targetPeakRssMb: TARGET_PEAK_RSS_MB,
    withinMemoryTarget: done.peakRssMb < TARGET_PEAK_RSS_MB,
    status: r.status,
    outcome: readable({ ...r.outcome }),
    batches: r.batches,
    retries: r.retries,
    verified: r.verified,
    callsByKind: readable(done.calls.byKind),
    callsByStage: readable(done.calls.byStage),
    msByStage: readable(done.calls.stageMs),
    clientCountedCalls: done.calls.total,
    bulkJobs: done.calls.bulkJobs,
    verifiedMoved: moved,
    movedAll: moved === f.records.length,
  });
}

/**
 * Speed-ups against the sequential baselines, on the engine results. `speedupCapFromOrgCpu` is about
 * the speed-up a result could reach if the org were never idle: the org serves requests one at a time
 * on one thread, so no client finishes much faster than the org's CPU time for its work (which also
 * counts a little of V8's helper threads).
 */
function compare(results: BenchResult[]): void {
  const byName = new Map(results.map((r) => [r.name, r]));
  const sequential = byName.get('baseline-sequential-collections');
  const perRecord = byName.get('baseline-per-record');
  for (const name of ['handover-bulk', 'handover-collections']) {
    const engine = byName.get(name);
    if (!engine || engine.wallMs <= 0) continue;
    if (sequential) {
      engine.speedupVsSequentialCollections = round(sequential.wallMs / engine.wallMs);
      capByOrgCpu(engine, sequential);
    }
    if (perRecord) engine.speedupVsPerRecord = round(perRecord.wallMs / engine.wallMs);
  }
  const collections = byName.get('handover-collections');
  if (collections && sequential) {
    collections.targetSpeedupVsSequential = 5;
    collections.withinSpeedupTarget = sequential.wallMs / collections.wallMs >= 5;
  }
  const floor = byName.get('floor-parallel-collections');
  if (floor && sequential && floor.wallMs > 0) {
    floor.speedupVsSequentialCollections = round(sequential.wallMs / floor.wallMs);
    capByOrgCpu(floor, sequential);
  }
}

function capByOrgCpu(r: BenchResult, sequential: BenchResult): void {
  if (typeof r.orgCpuMs === 'number' && r.orgCpuMs > 0) r.speedupCapFromOrgCpu = round(sequential.wallMs / r.orgCpuMs);
}

/** A nested figure that prints readably in the table (`a:1 b:2`) and stays an object in --json. */
function readable<T extends object>(value: T): T {
  Object.defineProperty(value, 'toString', {
    enumerable: false,
    value: () =>
      Object.entries(value)
        .map(([k, v]) => `${k}:${String(v)}`)
        .join(','),
  });
  return value;
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
