import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsforce from 'jsforce';
import { buildHandover } from '../core/build/index.js';
import { startLocalOrg, type LocalOrg } from '../org/localOrg.js';
import { ADMIN_USERNAME, SEED_PASSWORD } from '../org/seeds/empty.js';
import type { OrgConnection } from '../salesforce/connection.js';
import { readBookOfBusiness } from '../salesforce/reads/index.js';
import { resolveUser } from '../salesforce/reads/user.js';
import { soqlId } from '../salesforce/soql.js';
import { peakRssMb, result, timed, type BenchReport, type BenchResult } from './measure.js';

export type PullBenchParams = {
  accounts: number;
  /** Added by the org to every API call. */
  latencyMs: number;
  /** Accounts the per-account baseline really reads; beyond them its figures are extrapolated (default 300). */
  baselineAccounts?: number;
};

const PAGE = 2000;
const DEPARTING_USERNAME = 'departing@handover.local';

/**
 * Pulling a departing rep's book of business: readBookOfBusiness + buildHandover for a rep who owns
 * every account of a `scale:<accounts>:1` org (about 5 contacts, 3 opportunities, 2 cases and 10
 * activities per account; a few children owned by colleagues), with `latencyMs` added by the org to
 * every call. Calls are counted by the org itself. Beside it, the naive read: list the rep's accounts,
 * then one query per account with child subqueries for its contacts, deals, cases, tasks, events and
 * contracts, one account after the other (what a loop over accounts does). That baseline runs for
 * `baselineAccounts` accounts and is extrapolated linearly to all of them.
 */
export async function benchPull(params: PullBenchParams, projectRoot: string): Promise<BenchReport> {
  const dataDir = mkdtempSync(join(tmpdir(), 'handover-bench-pull-'));
  const results: BenchResult[] = [];
  const seedStart = performance.now();
  const org = await startLocalOrg({
    port: 0,
    dataDir,
    seed: `scale:${params.accounts}:1`,
    objectsDir: join(projectRoot, 'force-app/main/default/objects'),
    settings: { latencyMs: params.latencyMs },
  });
  const seedMs = Math.round(performance.now() - seedStart);
  try {
    const conn = new jsforce.Connection({ loginUrl: org.url, version: '62.0' });
    await conn.login(ADMIN_USERNAME, SEED_PASSWORD);
    const departing = await resolveUser(conn, DEPARTING_USERNAME);
    if (!departing) throw new Error(`The scale seed has no ${DEPARTING_USERNAME}`);

    results.push(await measureHandover(org, conn, departing.Id, seedMs));
    const handover = results[0];
    const baseline = await measureBaseline(org, conn, departing.Id, params);
    results.push(baseline);
    if (handover && handover.apiCalls > 0)
      handover.fewerCallsThanBaseline = round(baseline.apiCalls / handover.apiCalls);
  } finally {
    await org.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  return { scenario: 'pull', params, results };
}

async function measureHandover(
  org: LocalOrg,
  conn: OrgConnection,
  departingId: string,
  seedMs: number,
): Promise<BenchResult> {
  global.gc?.();
  const rssBeforeMb = Math.round(process.memoryUsage().rss / 1_048_576);
  const peakBeforeMb = peakRssMb();
  const before = org.usage.used();
  const read = await timed(() => readBookOfBusiness(conn, departingId));
  const build = await timed(() => buildHandover(read.value.snapshot));
  const apiCalls = org.usage.used() - before;
  const { stats } = read.value;
  const rows = Object.values(stats.rowsPerObject).reduce((sum, n) => sum + n, 0);
  const lowerBound = Object.values(stats.rowsPerObject).reduce((sum, n) => sum + Math.ceil(n / PAGE), 0);
  return result('handover', rows, apiCalls, round(read.wallMs + build.wallMs), {
    readMs: read.wallMs,
    buildMs: build.wallMs,
    lowerBoundApiCalls: lowerBound,
    targetApiCalls: lowerBound + 10,
    withinCallBudget: apiCalls <= lowerBound + 10,
    clientCountedApiCalls: stats.apiCalls,
    accounts: build.value.accounts.length,
    rssBeforeReadMb: rssBeforeMb,
    peakRssBeforeReadMb: peakBeforeMb,
    heapAfterMb: Math.round(process.memoryUsage().heapUsed / 1_048_576),
    targetPeakRssMb: 512,
    seedMs,
    rowsPerObject: Object.entries(stats.rowsPerObject)
      .map(([object, n]) => `${object}:${n}`)
      .join(','),
  });
}

/** Child subqueries of the naive per-account read: everything an account holds, one account per call. */
const BASELINE_CHILDREN = [
  '(SELECT Id, Name, Title, Email, Phone, OwnerId FROM Contacts)',
  '(SELECT Id, Name, StageName, Amount, CloseDate, IsClosed, OwnerId FROM Opportunities)',
  '(SELECT Id, CaseNumber, Subject, Status, Priority, IsClosed, OwnerId FROM Cases)',
  '(SELECT Id, Subject, Status, ActivityDate, IsClosed, OwnerId FROM Tasks)',
  '(SELECT Id, Subject, StartDateTime, OwnerId FROM Events)',
  '(SELECT Id, ContractNumber, Status, EndDate, OwnerId FROM Contracts)',
];

async function measureBaseline(
  org: LocalOrg,
  conn: OrgConnection,
  departingId: string,
  params: PullBenchParams,
): Promise<BenchResult> {
  const before = org.usage.used();
  const list = await timed(async () => {
    const ids: string[] = [];
    let page = await conn.query(`SELECT Id FROM Account WHERE OwnerId = ${soqlId(departingId)} ORDER BY Id`);
    for (;;) {
      for (const record of page.records) ids.push((record as { Id: string }).Id);
      if (page.done || !page.nextRecordsUrl) return ids;
      page = await conn.queryMore(page.nextRecordsUrl);
    }
  });
  const listCalls = org.usage.used() - before;
  const ids = list.value;
  const sample = ids.slice(0, Math.max(1, Math.min(ids.length, params.baselineAccounts ?? 300)));

  const sampleStart = org.usage.used();
  let rows = 0;
  const perAccount = await timed(async () => {
    for (const id of sample) {
      const page = await conn.query(
        `SELECT Id, Name, Industry, AnnualRevenue, OwnerId, ${BASELINE_CHILDREN.join(', ')} FROM Account WHERE Id = ${soqlId(id)}`,
      );
      rows += page.records.length;
    }
  });
  const sampleCalls = org.usage.used() - sampleStart;
  const scale = ids.length / sample.length;
  return result(
    'baseline-per-account',
    ids.length,
    Math.round(listCalls + sampleCalls * scale),
    round(list.wallMs + perAccount.wallMs * scale),
    {
      method: 'list accounts, then 1 query per account with 6 child subqueries, sequentially',
      measuredAccounts: sample.length,
      measuredApiCalls: listCalls + sampleCalls,
      measuredWallMs: round(list.wallMs + perAccount.wallMs),
      extrapolated: sample.length < ids.length,
      accountRowsRead: rows,
    },
  );
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
