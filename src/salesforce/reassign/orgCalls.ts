/**
 * The org calls of the reassignment engine: owner reads, owner writes through sObject Collections
 * and Bulk API 2.0 (over `conn.request`, so that the CLI's and the app's connections both work and
 * every call is one countable request), the daily API allocation, and jsforce's errors turned into
 * the WriteResults that core/reassign/outcome.ts classifies.
 */
import { z } from 'zod';
import { CsvSyntaxError, csvRecords } from '../../core/csv.js';
import {
  canRetry,
  classifyError,
  classifyOutcome,
  retryDelay,
  type RecordError,
  type RetryOptions,
  type WriteResult,
} from '../../core/reassign/index.js';
import type { OrgConnection } from '../connection.js';
import { HandoverError, orgError } from '../store/errors.js';
import { parseRow } from '../store/query.js';

// ---------------------------------------------------------------- errors

type Transport = Extract<WriteResult, { kind: 'transport' }>;

/**
 * A failed request as a transport result: jsforce names HTTP errors without a Salesforce body
 * ERROR_HTTP_<status>; a Salesforce error body gives its errorCode; an error without either is a
 * network failure (no response at all).
 */
export function transportOf(error: unknown): Transport {
  const detail = error as { errorCode?: unknown; name?: unknown; message?: unknown; code?: unknown } | null;
  const message = typeof detail?.message === 'string' ? detail.message : String(error);
  const errorCode = typeof detail?.errorCode === 'string' ? detail.errorCode : null;
  if (errorCode !== null) {
    const http = /^ERROR_HTTP_(\d{3})$/.exec(errorCode);
    if (http !== null) return { kind: 'transport', httpStatus: Number(http[1]), errorCode: null, message };
    // A response with a Salesforce error body: the status is not exposed, but it was not a network failure.
    return { kind: 'transport', httpStatus: statusOfCode(errorCode), errorCode, message };
  }
  return { kind: 'transport', httpStatus: null, errorCode: null, message };
}

function statusOfCode(errorCode: string): number {
  if (errorCode === 'REQUEST_LIMIT_EXCEEDED') return 403;
  if (errorCode === 'SERVER_UNAVAILABLE') return 503;
  if (errorCode === 'INVALID_SESSION_ID') return 401;
  return 400;
}

// ---------------------------------------------------------------- reads

const ownerRow = z.looseObject({ Id: z.string(), OwnerId: z.string().nullable() });
export type OwnerRow = z.infer<typeof ownerRow>;

/** sObject Collections retrieve takes up to 2,000 Ids a call. */
const RETRIEVE_CHUNK = 2_000;

const retrieved = z.array(ownerRow.nullable());

/**
 * The owner (and `fields`) of each record by Id, through sObject Collections retrieve (a POST of the
 * Ids: no 200-Id SOQL in a URL, nothing for the org to parse). A record missing from the map was not
 * found, is deleted, or the user cannot see it: Salesforce answers null for each.
 */
export async function readOwners(
  conn: OrgConnection,
  objectType: string,
  ids: readonly string[],
  fields: readonly string[] = [],
): Promise<Map<string, OwnerRow>> {
  const out = new Map<string, OwnerRow>();
  for (let i = 0; i < ids.length; i += RETRIEVE_CHUNK) {
    const rows = parseRow(
      retrieved,
      await call(conn, `read the owners of ${objectType} records`, {
        method: 'POST',
        url: `/composite/sobjects/${encodeURIComponent(objectType)}`,
        body: JSON.stringify({ ids: ids.slice(i, i + RETRIEVE_CHUNK), fields: ['Id', 'OwnerId', ...fields] }),
        headers: { 'Content-Type': 'application/json' },
      }),
      `the owners of ${objectType} records`,
    );
    for (const row of rows) if (row !== null) out.set(row.Id, row);
  }
  return out;
}

// ---------------------------------------------------------------- collections

/** The SaveResults of an sObject Collections request (one per record, in order). */
export const saveResults = z.array(
  z.object({
    id: z.string().nullable().optional(),
    success: z.boolean(),
    errors: z
      .array(z.object({ statusCode: z.string().optional(), message: z.string().optional() }).loose())
      .optional()
      .default([]),
  }),
);

export type OwnerChange = { recordId: string; toOwnerId: string };

/** One collections PATCH (allOrNone false) of up to 200 owner changes; a result per change, in order. */
export async function writeOwnersCollections(
  conn: OrgConnection,
  objectType: string,
  changes: readonly OwnerChange[],
  headers: Readonly<Record<string, string>>,
): Promise<WriteResult[]> {
  const body = {
    allOrNone: false,
    records: changes.map((c) => ({ attributes: { type: objectType }, Id: c.recordId, OwnerId: c.toOwnerId })),
  };
  let response: unknown;
  try {
    response = await conn.request<unknown>({
      method: 'PATCH',
      url: '/composite/sobjects',
      body: JSON.stringify(body),
      headers: { 'Content-Type': 'application/json', ...headers },
    });
  } catch (error) {
    const transport = transportOf(error);
    return changes.map(() => transport);
  }
  const results = parseRow(saveResults, response, `the results of updating ${objectType} owners`);
  return changes.map((_, i): WriteResult => {
    const r = results[i];
    if (r === undefined) return { kind: 'unprocessed' };
    if (r.success) return { kind: 'saved' };
    return {
      kind: 'rejected',
      errors: r.errors.map((e) => ({ statusCode: e.statusCode ?? 'UNKNOWN', message: e.message ?? '' })),
    };
  });
}

// ---------------------------------------------------------------- Bulk API 2.0

const jobInfo = z.looseObject({
  id: z.string(),
  state: z.string(),
  numberRecordsProcessed: z.coerce.number().optional(),
  numberRecordsFailed: z.coerce.number().optional(),
  errorMessage: z.string().nullable().optional(),
});
export type JobInfo = z.infer<typeof jobInfo>;

/** A row of a Bulk API 2.0 result: strings keyed by column. */
export const csvRow = z.record(z.string(), z.string().nullable().optional());
const csvRows = z.array(csvRow);

export type PollOptions = {
  sleep: (ms: number) => Promise<void>;
  intervalMs: number;
  timeoutMs: number;
  /** Told after each poll how many rows the org has processed so far (for live progress). */
  onPoll?: (processedRows: number) => void;
};

/** Counts the calls of a Bulk API 2.0 job, so that a run can report polling apart from work. */
export type BulkCalls = { calls: number; polls: number };

/** A CSV field: quoted when it holds a comma, quote or line break (RFC 4180). */
function csvField(value: string | null | undefined): string {
  // Bulk API 2.0: an empty field leaves the value as it is, #N/A clears it.
  if (value === undefined) return '';
  if (value === null) return '#N/A';
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function toCsv(columns: readonly string[], rows: readonly (readonly (string | null | undefined)[])[]): string {
  const lines = [columns.join(','), ...rows.map((row) => row.map(csvField).join(','))];
  return `${lines.join('\n')}\n`;
}

async function call<T>(
  conn: OrgConnection,
  doing: string,
  request: Parameters<OrgConnection['request']>[0],
  options?: Parameters<OrgConnection['request']>[1],
): Promise<T> {
  try {
    return await conn.request<T>(request, options);
  } catch (error) {
    throw orgError(error, doing);
  }
}

export type IngestOutcome = {
  job: JobInfo;
  /** sf__Id (or Id) -> the row's sf__Error. */
  failed: Map<string, string>;
  /** Ids the job never processed. */
  unprocessed: Set<string>;
};

/**
 * One ingest job: create, upload, close, poll until it ends, then the failed and unprocessed rows
 * (only fetched when the job's counts say there are any). A job that fails as a whole is an error.
 */
export async function runIngestJob(
  conn: OrgConnection,
  object: string,
  operation: 'update' | 'insert',
  csv: string,
  totalRows: number,
  poll: PollOptions,
  counter: BulkCalls,
  assignmentRuleId?: string,
): Promise<IngestOutcome> {
  const created = parseRow(
    jobInfo,
    await call(conn, `create a Bulk API 2.0 ${object} job`, {
      method: 'POST',
      url: '/jobs/ingest',
      body: JSON.stringify({
        object,
        operation,
        contentType: 'CSV',
        lineEnding: 'LF',
        ...(assignmentRuleId === undefined ? {} : { assignmentRuleId }),
      }),
      headers: { 'Content-Type': 'application/json' },
    }),
    'a Bulk API 2.0 job',
  );
  counter.calls++;
  await call(conn, `upload the ${object} rows`, {
    method: 'PUT',
    url: `/jobs/ingest/${created.id}/batches`,
    body: csv,
    headers: { 'Content-Type': 'text/csv' },
  });
  counter.calls++;
  await call(conn, `close the ${object} job`, {
    method: 'PATCH',
    url: `/jobs/ingest/${created.id}`,
    body: JSON.stringify({ state: 'UploadComplete' }),
    headers: { 'Content-Type': 'application/json' },
  });
  counter.calls++;
  const job = await pollJob(conn, `/jobs/ingest/${created.id}`, poll, counter);
  if (job.state !== 'JobComplete') {
    throw new HandoverError(
      'ORG_ERROR',
      `The Bulk API 2.0 ${object} job ${job.id} ended ${job.state}: ${job.errorMessage ?? ''}`,
      {
        actions: ['Look at the job in Setup > Bulk Data Load Jobs, then resume the run.'],
        data: { jobId: job.id, state: job.state },
      },
    );
  }
  const failed = new Map<string, string>();
  if ((job.numberRecordsFailed ?? 0) > 0) {
    const rows = parseRow(
      csvRows,
      await call(conn, `read the failed ${object} rows`, {
        method: 'GET',
        url: `/jobs/ingest/${job.id}/failedResults/`,
      }),
      'failed results',
    );
    counter.calls++;
    for (const row of rows) {
      // sf__Id is empty for a row whose Id was refused; the row's own Id column names it then.
      const id = row.sf__Id !== undefined && row.sf__Id !== null && row.sf__Id !== '' ? row.sf__Id : (row.Id ?? '');
      failed.set(id, row.sf__Error ?? 'UNKNOWN:');
    }
  }
  const unprocessed = new Set<string>();
  if ((job.numberRecordsProcessed ?? 0) < totalRows) {
    const rows = parseRow(
      csvRows,
      await call(conn, `read the unprocessed ${object} rows`, {
        method: 'GET',
        url: `/jobs/ingest/${job.id}/unprocessedrecords/`,
      }),
      'unprocessed records',
    );
    counter.calls++;
    for (const row of rows) if (row.Id) unprocessed.add(row.Id);
  }
  return { job, failed, unprocessed };
}

/**
 * One string object per distinct value: a 100,000-row answer repeats a few owner Ids, object names
 * and statuses in every row, and each row's copy would otherwise stay in memory for the whole run.
 */
export function interner(): <T extends string | null | undefined>(value: T) => T {
  const seen = new Map<string, string>();
  return <T extends string | null | undefined>(value: T): T => {
    if (typeof value !== 'string') return value;
    const known = seen.get(value);
    if (known !== undefined) return known as T;
    seen.set(value, value);
    return value;
  };
}

/**
 * A Bulk API 2.0 query: every row, each validated and turned into a T by `toRow` in place, so that
 * the raw rows of a 100,000-row answer can go while the typed ones are made (half the peak memory).
 */
export async function runQueryJob<T>(
  conn: OrgConnection,
  soql: string,
  poll: PollOptions,
  counter: BulkCalls,
  toRow: (raw: unknown) => T,
): Promise<T[]> {
  const created = parseRow(
    jobInfo,
    await call(conn, 'create a Bulk API 2.0 query', {
      method: 'POST',
      url: '/jobs/query',
      body: JSON.stringify({ operation: 'query', query: soql }),
      headers: { 'Content-Type': 'application/json' },
    }),
    'a Bulk API 2.0 query job',
  );
  counter.calls++;
  const job = await pollJob(conn, `/jobs/query/${created.id}`, poll, counter);
  if (job.state !== 'JobComplete') {
    throw new HandoverError('ORG_ERROR', `The Bulk API 2.0 query ${job.id} ended ${job.state}.`, {
      actions: ['Try again; if it keeps failing, run with --mode collections.'],
      data: { jobId: job.id, state: job.state },
    });
  }
  // The answer as text, read record by record: jsforce would parse all of it into objects first.
  const text = parseRow(
    z.string(),
    await call(conn, 'read the query results', { method: 'GET', url: `/jobs/query/${job.id}/results` }, RAW_TEXT),
    'query results',
  );
  counter.calls++;
  const rows = rowsOfCsv(text, job.id, toRow);
  // The results arrive in one response unless Salesforce pages them (Sforce-Locator), which
  // conn.request cannot show: a short answer is refused rather than taken as complete.
  if (job.numberRecordsProcessed !== undefined && rows.length < job.numberRecordsProcessed) {
    throw new HandoverError(
      'ORG_ERROR',
      `The query ${job.id} returned ${rows.length} of ${job.numberRecordsProcessed} rows.`,
      {
        actions: ['Run again with --mode collections.'],
        data: { jobId: job.id },
      },
    );
  }
  return rows;
}

/** jsforce hands the body over as it came (no content type it knows means no parsing). */
const RAW_TEXT = { responseType: 'text/plain' };

const csvHeader = z.array(z.string().min(1)).min(1);

/**
 * A field that owns its characters: V8 makes a slice of 13 characters or more a view of the whole
 * text, so the Ids a run keeps would keep the 100,000-row answer in memory for the whole run. A JSON
 * round trip makes a flat copy without allocating a Buffer per field.
 */
function ownCopy(value: string): string {
  return value.length < 13 ? value : (JSON.parse(JSON.stringify(value)) as string);
}

/** The records of a query's CSV answer as objects keyed by its header, each turned into a T by `toRow`. */
function rowsOfCsv<T>(text: string, jobId: string, toRow: (raw: unknown) => T): T[] {
  const malformed = (why: string): HandoverError =>
    new HandoverError('ORG_ERROR', `The results of the query ${jobId} are not valid CSV: ${why}`, {
      actions: ['Try again; if it keeps failing, run with --mode collections.'],
      data: { jobId },
    });
  const rows: T[] = [];
  try {
    let header: string[] | undefined;
    for (const values of csvRecords(text)) {
      if (header === undefined) {
        header = parseRow(csvHeader, values, 'the query results header');
        continue;
      }
      if (values.length !== header.length) {
        throw malformed(`record ${rows.length + 1} has ${values.length} fields, the header ${header.length}.`);
      }
      const raw: Record<string, string> = {};
      for (let k = 0; k < header.length; k++) raw[header[k]!] = ownCopy(values[k]!);
      rows.push(toRow(raw));
    }
  } catch (error) {
    if (error instanceof CsvSyntaxError) throw malformed(error.message);
    throw error;
  }
  return rows;
}

const FINAL_STATES = new Set(['JobComplete', 'Failed', 'Aborted']);

async function pollJob(conn: OrgConnection, url: string, poll: PollOptions, counter: BulkCalls): Promise<JobInfo> {
  const started = Date.now();
  // Small jobs end within a second: start polling fast and slow down to the interval (as sf does).
  let wait = Math.min(250, poll.intervalMs);
  for (;;) {
    const job = parseRow(jobInfo, await call(conn, 'check a Bulk API 2.0 job', { method: 'GET', url }), 'a job');
    counter.polls++;
    poll.onPoll?.(job.numberRecordsProcessed ?? 0);
    if (FINAL_STATES.has(job.state)) return job;
    if (Date.now() - started > poll.timeoutMs) {
      throw new HandoverError('ORG_ERROR', `The Bulk API 2.0 job ${job.id} is still ${job.state}.`, {
        actions: ['Resume the run later: it picks the records up where this one stopped.'],
        data: { jobId: job.id },
      });
    }
    await poll.sleep(wait);
    wait = Math.min(poll.intervalMs, Math.ceil(wait * 1.5));
  }
}

// ---------------------------------------------------------------- limits

const limitsSchema = z.looseObject({
  DailyApiRequests: z.looseObject({ Max: z.number(), Remaining: z.number() }),
});

/** The daily API allocation as Sforce-Limit-Info would say it: from the connection when jsforce saw the header, else /limits. */
export async function readLimitInfo(conn: OrgConnection): Promise<{ used: number; max: number } | null> {
  const seen = (conn as { limitInfo?: { apiUsage?: { used?: number; limit?: number } } }).limitInfo?.apiUsage;
  if (typeof seen?.used === 'number' && typeof seen.limit === 'number') return { used: seen.used, max: seen.limit };
  try {
    const limits = limitsSchema.safeParse(await conn.request<unknown>('/limits'));
    if (!limits.success) return null;
    const { Max, Remaining } = limits.data.DailyApiRequests;
    return { used: Max - Remaining, max: Max };
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------- retries of control calls

/** The jsforce error under a HandoverError that wrapped it. */
function rootCause(error: unknown): unknown {
  return error instanceof HandoverError && error.code === 'ORG_ERROR' && error.cause !== undefined
    ? error.cause
    : error;
}

/**
 * Whether a failed call is worth repeating: no response, 5xx/429, a lock, a concurrency (not daily)
 * limit. A write the org answered record by record (WRITE_FAILED) is repeated only when every
 * record's error is transient: a validation rule or missing access fails the same way again.
 */
export function isRetryableError(error: unknown): boolean {
  const refused = recordErrorsOf(error);
  if (refused !== null) return refused.every((e) => classifyError(e) === 'retryable');
  const transport = transportOf(rootCause(error));
  if (transport.errorCode === 'REQUEST_LIMIT_EXCEEDED') return !/TotalRequests/i.test(transport.message);
  return classifyOutcome({ fromOwnerId: '', toOwnerId: '', result: transport }).kind === 'retryable';
}

/** The records' errors of a WRITE_FAILED (store/collections.ts, or a run's audit write), when it names them. */
function recordErrorsOf(error: unknown): RecordError[] | null {
  if (!(error instanceof HandoverError) || error.code !== 'WRITE_FAILED') return null;
  const { failures, errorCode } = error.data;
  if (Array.isArray(failures) && failures.length > 0) {
    return failures.map((failure: unknown) => {
      const f = (failure ?? {}) as { statusCode?: unknown; message?: unknown };
      return {
        statusCode: typeof f.statusCode === 'string' ? f.statusCode : 'UNKNOWN',
        message: typeof f.message === 'string' ? f.message : '',
      };
    });
  }
  return typeof errorCode === 'string' ? [{ statusCode: errorCode, message: error.message }] : null;
}

export function isDailyLimitError(error: unknown): boolean {
  const transport = transportOf(rootCause(error));
  return transport.errorCode === 'REQUEST_LIMIT_EXCEEDED' && /TotalRequests/i.test(transport.message);
}

export type RetryPolicy = { retry: RetryOptions; sleep: (ms: number) => Promise<void> };

/** Runs a call that must succeed for the run to go on (lease, status, audit), retrying what is transient. */
export async function withRetries<T>(policy: RetryPolicy, fn: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      if (!isRetryableError(error) || !canRetry(attempt, policy.retry.maxRetries)) throw error;
      await policy.sleep(retryDelay(attempt, policy.retry));
    }
  }
}
