import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type jsforce from 'jsforce';
import { result, timed, type BenchResult } from './measure.js';
import { BOOK_OBJECTS, startOrgMeter, type BookRecord, type ReassignFixture } from './reassignFixture.js';

/** As the engine sends them: assignment rules must not re-route what we move. Copied per request: jsforce adds content-length to the object it gets. */
const HEADERS = { 'Content-Type': 'application/json', 'Sforce-Auto-Assign': 'FALSE' };

type Saved = { success: boolean };

/**
 * One PATCH /sobjects/<Type>/<Id> per record, one after another, for the first `sample` records of
 * the book (account-major: a mix of every object), extrapolated linearly to all records.
 */
export async function baselinePerRecord(f: ReassignFixture, sample: number): Promise<BenchResult> {
  await f.reset();
  const conn = await f.login();
  const measured = f.records.slice(0, Math.max(1, Math.min(sample, f.records.length)));
  let failed = 0;
  const meter = await startOrgMeter(f);
  const run = await timed(async () => {
    for (const r of measured) {
      try {
        await conn.request({
          method: 'PATCH',
          url: `/sobjects/${r.objectType}/${r.id}`,
          body: JSON.stringify({ OwnerId: r.successorId }),
          headers: { ...HEADERS },
        });
      } catch {
        failed++;
      }
    }
  });
  const spent = await meter();
  const measuredCalls = spent.apiCalls;
  const scale = f.records.length / measured.length;
  const moved = await f.movedCount(measured);
  return result('baseline-per-record', f.records.length, Math.round(measuredCalls * scale), round(run.wallMs * scale), {
    method: 'PATCH /sobjects/<Type>/<Id> per record, sequentially, Sforce-Auto-Assign: FALSE',
    extrapolatedFrom: measured.length,
    measuredApiCalls: measuredCalls,
    measuredWallMs: run.wallMs,
    orgCpuMs: round(spent.orgCpuMs * scale),
    failed,
    verifiedMoved: moved,
    movedAll: moved === measured.length,
  });
}

/** PATCH /composite/sobjects with 200 records, one request after another, every record. */
export async function baselineSequentialCollections(f: ReassignFixture): Promise<BenchResult> {
  await f.reset();
  const conn = await f.login();
  const ordered = BOOK_OBJECTS.flatMap((o) => f.records.filter((r) => r.objectType === o));
  let failed = 0;
  const meter = await startOrgMeter(f);
  const run = await timed(async () => {
    for (let i = 0; i < ordered.length; i += 200) {
      const chunk = ordered.slice(i, i + 200);
      const saved = await conn.request<Saved[]>({
        method: 'PATCH',
        url: '/composite/sobjects',
        body: JSON.stringify({
          allOrNone: false,
          records: chunk.map((r) => ({ attributes: { type: r.objectType }, Id: r.id, OwnerId: r.successorId })),
        }),
        headers: { ...HEADERS },
      });
      failed += saved.filter((s) => !s.success).length;
    }
  });
  const { apiCalls, orgCpuMs } = await meter();
  const moved = await f.movedCount();
  return result('baseline-sequential-collections', f.records.length, apiCalls, run.wallMs, {
    method: 'PATCH /composite/sobjects, 200 records per request, sequentially, Sforce-Auto-Assign: FALSE',
    orgCpuMs,
    failed,
    verifiedMoved: moved,
    movedAll: moved === f.records.length,
  });
}

/**
 * Not a baseline but a floor: the same collections requests with `concurrency` in flight and nothing
 * else (no reads, no journal, no retries). What any collections-based writer can reach at best against
 * this org, whose request handling is single-threaded (in its own process, beside this client's
 * thread): it shows how much of a speed-up the org allows.
 */
export async function floorParallelCollections(f: ReassignFixture, concurrency: number): Promise<BenchResult> {
  await f.reset();
  const conn = await f.login();
  const chunks: BookRecord[][] = [];
  for (const object of BOOK_OBJECTS) {
    const rows = f.records.filter((r) => r.objectType === object);
    for (let i = 0; i < rows.length; i += 200) chunks.push(rows.slice(i, i + 200));
  }
  let failed = 0;
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let chunk = chunks[next++]; chunk !== undefined; chunk = chunks[next++]) {
      const saved = await conn.request<Saved[]>({
        method: 'PATCH',
        url: '/composite/sobjects',
        body: JSON.stringify({
          allOrNone: false,
          records: chunk.map((r) => ({ attributes: { type: r.objectType }, Id: r.id, OwnerId: r.successorId })),
        }),
        headers: { ...HEADERS },
      });
      failed += saved.filter((s) => !s.success).length;
    }
  };
  const meter = await startOrgMeter(f);
  const run = await timed(() => Promise.all(Array.from({ length: concurrency }, worker)));
  const { apiCalls, orgCpuMs } = await meter();
  const moved = await f.movedCount();
  return result('floor-parallel-collections', f.records.length, apiCalls, run.wallMs, {
    method: `PATCH /composite/sobjects, 200 records per request, ${concurrency} in flight, no reads, no journal (diagnostic)`,
    orgCpuMs,
    failed,
    verifiedMoved: moved,
    movedAll: moved === f.records.length,
  });
}

// ---------------------------------------------------------------- the sf CLI

type SfRun = { status: number; stdout: string; stderr: string; json: { status?: number; result?: unknown } | null };

/** Variables that would make sf look elsewhere than the throwaway home and the local org. */
const DROPPED = /^(SF_|SFDX_|XDG_|https?_proxy$|HTTPS?_PROXY$|NODE_EXTRA_CA_CERTS$)/i;

function sfEnv(home: string, sfBin: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!DROPPED.test(key)) env[key] = value;
  return {
    ...env,
    HOME: home,
    PATH: [dirname(process.execPath), dirname(sfBin), process.env.PATH ?? ''].join(':'),
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

function runSf(sfBin: string, args: string[], env: NodeJS.ProcessEnv, cwd: string): Promise<SfRun> {
  return new Promise((resolve) => {
    execFile(
      sfBin,
      [...args, '--json'],
      { cwd, env, maxBuffer: 64 * 1024 * 1024, timeout: 40 * 60_000 },
      (error, stdout, stderr) => {
        let json: SfRun['json'] = null;
        try {
          json = JSON.parse(stdout) as SfRun['json'];
        } catch {
          // not JSON
        }
        const status = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ status, stdout, stderr, json });
      },
    );
  });
}

export function sfBinOf(projectRoot: string): string {
  return join(projectRoot, '.cache/sf-cli/node_modules/.bin/sf');
}

/**
 * The same owner changes through the real `sf data update bulk` (Bulk API 2.0), one command per
 * object with an `Id,OwnerId` CSV, signed in as the manager under a throwaway HOME. The calls are
 * counted by the org (the CLI's own describe and identity calls included); the sign-in is not measured.
 */
export async function sfDataUpdateBulk(f: ReassignFixture, projectRoot: string): Promise<BenchResult> {
  const sfBin = sfBinOf(projectRoot);
  const name = 'sf-data-update-bulk';
  if (!existsSync(sfBin)) {
    return {
      ...result(name, f.records.length, 0, 0),
      skipped: true,
      reason: `no sf CLI at ${sfBin} (install it with: bash scripts/sf-cli.sh)`,
    };
  }
  await f.reset();
  const home = mkdtempSync(join(tmpdir(), 'handover-bench-sf-home-'));
  try {
    const env = sfEnv(home, sfBin);
    const conn: jsforce.Connection = await f.login();
    const alias = 'bench-manager';
    const login = await runSf(
      sfBin,
      ['org', 'login', 'access-token', '--instance-url', f.url, '--alias', alias, '--no-prompt'],
      { ...env, SF_ACCESS_TOKEN: conn.accessToken ?? '' },
      home,
    );
    if (login.status !== 0) {
      return {
        ...result(name, f.records.length, 0, 0),
        skipped: true,
        reason: `sf org login access-token failed: ${(login.stdout || login.stderr).slice(0, 500)}`,
      };
    }
    const files = BOOK_OBJECTS.map((object) => {
      const file = join(home, `${object}.csv`);
      const rows = f.records.filter((r) => r.objectType === object);
      writeFileSync(file, `Id,OwnerId\n${rows.map((r: BookRecord) => `${r.id},${r.successorId}`).join('\n')}\n`);
      return { object, file, rows: rows.length };
    }).filter((x) => x.rows > 0);

    const jobs: { object: string; status: number; processed?: number; failed?: number; error?: string }[] = [];
    const meter = await startOrgMeter(f);
    const run = await timed(async () => {
      for (const { object, file } of files) {
        const sf = await runSf(
          sfBin,
          ['data', 'update', 'bulk', '--sobject', object, '--file', file, '--wait', '30', '--target-org', alias],
          env,
          home,
        );
        const out = (sf.json?.result ?? {}) as { processedRecords?: number; failedRecords?: number };
        jobs.push({
          object,
          status: sf.status,
          processed: out.processedRecords,
          failed: out.failedRecords,
          ...(sf.status === 0 ? {} : { error: (sf.stdout || sf.stderr).slice(0, 300) }),
        });
      }
    });
    const { apiCalls, orgCpuMs } = await meter();
    const moved = await f.movedCount();
    return result(name, f.records.length, apiCalls, run.wallMs, {
      method: 'sf data update bulk --sobject <Type> --file <Id,OwnerId csv> --wait 30, one command per object',
      orgCpuMs,
      objectTypes: files.length,
      callsPerObjectType: round(apiCalls / files.length),
      failed: jobs.reduce((n, j) => n + (j.failed ?? 0), 0),
      commandsFailed: jobs.filter((j) => j.status !== 0).length,
      ...(jobs.some((j) => j.status !== 0) ? { errors: jobs.filter((j) => j.error).map((j) => j.error) } : {}),
      verifiedMoved: moved,
      movedAll: moved === f.records.length,
      note: 'peakRssMb is the bench process (the org runs in its own process); sf runs in child processes',
    });
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
