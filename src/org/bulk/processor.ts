import { setImmediate as nextTurn } from 'node:timers/promises';
import type { OrgContext } from '../context.js';
import { OrgApiError } from '../errors.js';
import type { RecordStore } from '../records.js';
import { compositeGate } from '../rest/compositeApi.js';
import type { QueryOptions } from '../soql/index.js';
import { prepareQuery } from '../soql/index.js';
import { CsvError, CsvReader, csvLine } from './csv.js';
import { planHeader, prepareRow, writeBatch, type ChunkOutcome, type HeaderPlan, type PrepareCache } from './ingest.js';
import type { Job, JobStore } from './jobs.js';
import { checkBulkQuery, queryColumns, rowValues } from './query.js';

/** Salesforce splits ingest data into internal batches of 10,000 records; query pages use the same size. */
export const BATCH_SIZE = 10_000;

export type ProcessorEnv = {
  ctx: OrgContext;
  store: RecordStore;
  jobs: JobStore;
  visibility: (userId: string) => QueryOptions['visibility'];
};

/**
 * Runs jobs in the background, one internal batch at a time with a turn of the event loop between
 * batches, so API calls are served while a job runs. Progress is committed with each batch's
 * writes, so a job that was running when the org stopped resumes after the last committed batch.
 */
export class BulkProcessor {
  private readonly running = new Map<string, Promise<void>>();
  private stopped = false;

  public constructor(private readonly env: ProcessorEnv) {}

  /** Starts processing a job unless it already runs. */
  public start(jobId: string): void {
    if (this.stopped || this.running.has(jobId)) return;
    const run = this.run(jobId)
      .catch((error: unknown) => this.failUnexpectedly(jobId, error))
      .finally(() => this.running.delete(jobId));
    this.running.set(jobId, run);
  }

  /** Resumes the jobs that were processing (or waiting to) when the org last stopped. */
  public resumeUnfinished(): void {
    for (const job of this.env.jobs.unfinished()) this.start(job.id);
  }

  /**
   * Stops processing (before the database closes). Every write runs synchronously and every run checks
   * `stopped` after each await, so nothing touches the database after this; a run waiting for a lock
   * simply ends when its wait does. Its job stays InProgress and resumes at the next start.
   */
  public stop(): void {
    this.stopped = true;
  }

  private async run(jobId: string): Promise<void> {
    await nextTurn();
    // A run writes only while it holds a shared turn of the Composite gate (an allOrNone Composite's
    // rollback must not undo a batch); it gives the turn back between batches.
    const gate = compositeGate(this.env.ctx);
    const turn = { leave: await gate.enterShared() };
    const pause = async (): Promise<void> => {
      turn.leave();
      await nextTurn();
      turn.leave = await gate.enterShared();
    };
    try {
      const job = this.current(jobId);
      if (!job) return;
      if (job.state === 'UploadComplete') this.update(job, { state: 'InProgress' });
      if (job.kind === 'ingest') await this.runIngest(job, pause);
      else await this.runQuery(job, pause);
    } finally {
      turn.leave();
    }
  }

  /** The job as stored, while it is still to be processed and the org runs. */
  private current(jobId: string): Job | undefined {
    if (this.stopped) return undefined;
    const job = this.env.jobs.get(jobId);
    return job && (job.state === 'UploadComplete' || job.state === 'InProgress') ? job : undefined;
  }

  private update(job: Job, changes: Partial<Job>): void {
    Object.assign(job, changes);
    this.env.jobs.save(job, this.env.ctx.now());
  }

  private async runIngest(first: Job, pause: () => Promise<void>): Promise<void> {
    const { ctx, store, jobs } = this.env;
    const obj = ctx.schema.object(first.object);
    if (!obj)
      return this.update(first, {
        state: 'Failed',
        errorMessage: `InvalidJob : Unknown object ${first.object}`,
      });
    if (!first.uploaded) {
      return this.update(first, {
        state: 'Failed',
        errorMessage: 'InvalidBatch : No data was uploaded to the job',
      });
    }
    const reader = new CsvReader(jobs.data(first.id), first, first.offset);
    let plan: HeaderPlan;
    try {
      if (!first.header) {
        const header = reader.next();
        // An empty upload is a job without records: it completes with empty results.
        if (!header) return this.update(first, { state: 'JobComplete' });
        this.update(first, { header, offset: reader.pos });
      }
      plan = planHeader(ctx, obj, first, first.header ?? []);
    } catch (error) {
      return this.failOnCsv(first, error);
    }
    const cache: PrepareCache = new Map();
    for (;;) {
      const job = this.current(first.id);
      if (!job) return;
      let batch: { rows: string[][]; ends: number[] };
      try {
        batch = readBatch(reader);
      } catch (error) {
        return this.failOnCsv(job, error);
      }
      if (batch.rows.length === 0) return this.update(job, { state: 'JobComplete' });
      let mark = performance.now();
      const prepared = batch.rows.map((raw) => prepareRow(ctx, store, obj, job, plan, raw, cache));
      const done = await writeBatch(
        ctx,
        store,
        obj,
        job,
        prepared,
        batch.ends,
        () => this.current(job.id) !== undefined,
        (outcome) => {
          this.commitChunk(job, outcome, mark);
          mark = performance.now();
        },
      );
      if (!done) return;
      await pause();
    }
  }

  /** Inside a chunk's transaction: its results and the job's progress are saved with its writes. */
  private commitChunk(job: Job, outcome: ChunkOutcome, since: number): void {
    const { jobs } = this.env;
    const chunk = job.chunks + 1;
    jobs.addResult(job.id, 'success', chunk, outcome.success);
    jobs.addResult(job.id, 'failed', chunk, outcome.failed);
    this.update(job, {
      chunks: chunk,
      offset: outcome.end,
      numberRecordsProcessed: job.numberRecordsProcessed + outcome.processed,
      numberRecordsFailed: job.numberRecordsFailed + outcome.failures,
      apiActiveProcessingTime: job.apiActiveProcessingTime + Math.round(outcome.writeMs),
      totalProcessingTime: job.totalProcessingTime + Math.round(performance.now() - since),
    });
  }

  private failOnCsv(job: Job, error: unknown): void {
    if (!(error instanceof CsvError)) throw error;
    this.update(job, { state: 'Failed', errorMessage: error.message });
  }

  private async runQuery(job: Job, pause: () => Promise<void>): Promise<void> {
    const { ctx, jobs } = this.env;
    const started = performance.now();
    jobs.clearQueryRows(job.id);
    const soql = job.query ?? '';
    let query;
    try {
      query = prepareQuery(ctx.db, ctx.schema, soql, {
        apiVersion: job.apiVersion,
        includeDeleted: job.operation === 'queryAll',
        timeZone: ctx.timeZone,
        now: ctx.now(),
        visibility: this.env.visibility(job.createdById),
      });
      checkBulkQuery(query, soql);
    } catch (error) {
      if (!(error instanceof OrgApiError)) throw error;
      return this.update(job, {
        state: 'Failed',
        errorMessage: `${error.errorCode} : ${error.message}`,
      });
    }
    const columns = queryColumns(ctx.schema, query.object, soql);
    let offset = 0;
    for (;;) {
      const records = query.fetch(offset, BATCH_SIZE);
      if (!this.current(job.id)) return;
      const lines = records.map((r) => csvLine(rowValues(columns, r), job));
      jobs.addQueryRows(job.id, offset, lines);
      offset += records.length;
      this.update(job, {
        numberRecordsProcessed: offset,
        totalProcessingTime: Math.round(performance.now() - started),
      });
      if (records.length < BATCH_SIZE) break;
      await pause();
      if (!this.current(job.id)) return;
    }
    this.update(job, {
      state: 'JobComplete',
      totalProcessingTime: Math.round(performance.now() - started),
    });
  }

  /** A bug must not leave a job InProgress forever: it fails with a generic message. */
  private failUnexpectedly(jobId: string, error: unknown): void {
    if (this.stopped) return;
    const job = this.env.jobs.get(jobId);
    if (!job || (job.state !== 'UploadComplete' && job.state !== 'InProgress')) return;
    const detail = error instanceof Error ? error.message : String(error);
    this.update(job, {
      state: 'Failed',
      errorMessage: `InternalServerError : ${detail}`,
    });
  }
}

/** The next internal batch of rows, with the upload offset after each row (for resuming). */
function readBatch(reader: CsvReader): { rows: string[][]; ends: number[] } {
  const rows: string[][] = [];
  const ends: number[] = [];
  while (rows.length < BATCH_SIZE) {
    const row = reader.next();
    if (!row) break;
    rows.push(row);
    ends.push(reader.pos);
  }
  return { rows, ends };
}
