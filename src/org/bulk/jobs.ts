import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { formatDateTime, statement } from '../db.js';
import { makeId } from '../ids.js';
import type { ColumnDelimiter, LineEnding } from './csv.js';

/**
 * Bulk API 2.0 jobs and their results, kept in SQLite internal tables so that they survive a
 * restart: `_bulk_job` (one JSON document per job), `_bulk_data` (the uploaded CSV),
 * `_bulk_result` (result CSV lines of each committed chunk of an ingest job) and `_bulk_query_row`
 * (one CSV line per record of a query job, for locator paging).
 */

export type JobKind = 'ingest' | 'query';
export type IngestOperation = 'insert' | 'update' | 'upsert' | 'delete' | 'hardDelete';
export type QueryOperation = 'query' | 'queryAll';
export type JobState = 'Open' | 'UploadComplete' | 'InProgress' | 'JobComplete' | 'Aborted' | 'Failed';

export const FINAL_STATES: ReadonlySet<JobState> = new Set(['JobComplete', 'Aborted', 'Failed']);

/** Everything the org keeps about a job. */
export type Job = {
  id: string;
  kind: JobKind;
  operation: IngestOperation | QueryOperation;
  object: string;
  createdById: string;
  createdDate: string;
  systemModstamp: string;
  state: JobState;
  /** e.g. "62.0": the version the job was created with. */
  apiVersion: string;
  lineEnding: LineEnding;
  columnDelimiter: ColumnDelimiter;
  externalIdFieldName?: string;
  assignmentRuleId?: string;
  query?: string;
  /** True once data was uploaded (an empty upload counts). */
  uploaded: boolean;
  numberRecordsProcessed: number;
  numberRecordsFailed: number;
  /** Milliseconds spent processing, and of that in record writes. */
  totalProcessingTime: number;
  apiActiveProcessingTime: number;
  errorMessage?: string;
  /** Ingest: the uploaded header row, once read (result files repeat it); query: the result columns. */
  header?: string[];
  /** Ingest progress: the character offset in the upload of the first unprocessed record (0 = header not read). */
  offset: number;
  /** Ingest: result chunks committed (one per write transaction, see WRITE_CHUNK). */
  chunks: number;
};

/** A result file of an ingest job. */
export type ResultKind = 'success' | 'failed';

export class JobStore {
  public constructor(private readonly db: DatabaseSync) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS _bulk_job (id TEXT PRIMARY KEY, seq INTEGER NOT NULL UNIQUE, kind TEXT NOT NULL,
        state TEXT NOT NULL, modified TEXT NOT NULL, info TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS _bulk_data (job_id TEXT PRIMARY KEY, csv TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS _bulk_result (job_id TEXT NOT NULL, kind TEXT NOT NULL, chunk INTEGER NOT NULL,
        csv TEXT NOT NULL, PRIMARY KEY (job_id, kind, chunk));
      CREATE TABLE IF NOT EXISTS _bulk_query_row (job_id TEXT NOT NULL, n INTEGER NOT NULL, line TEXT NOT NULL,
        PRIMARY KEY (job_id, n));
    `);
  }

  /** A new job with the next `750` Id. */
  public create(fields: Omit<Job, 'id' | 'createdDate' | 'systemModstamp' | 'state'>, now: Date, state: JobState): Job {
    const { seq } = this.stmt('SELECT COALESCE(MAX(seq), 0) + 1 AS seq FROM _bulk_job').get() as { seq: number };
    const stamp = formatDateTime(now.toISOString());
    const job: Job = { ...fields, id: makeId('750', seq), createdDate: stamp, systemModstamp: stamp, state };
    this.stmt('INSERT INTO _bulk_job (id, seq, kind, state, modified, info) VALUES (?, ?, ?, ?, ?, ?)').run(
      job.id,
      seq,
      job.kind,
      job.state,
      now.toISOString(),
      JSON.stringify(job),
    );
    return job;
  }

  public get(id: string): Job | undefined {
    const row = this.stmt('SELECT info FROM _bulk_job WHERE id = ?').get(id) as { info: string } | undefined;
    return row ? (JSON.parse(row.info) as Job) : undefined;
  }

  public save(job: Job, now: Date): void {
    job.systemModstamp = formatDateTime(now.toISOString());
    this.stmt('UPDATE _bulk_job SET state = ?, modified = ?, info = ? WHERE id = ?').run(
      job.state,
      now.toISOString(),
      JSON.stringify(job),
      job.id,
    );
  }

  public list(kind: JobKind): Job[] {
    const rows = this.stmt('SELECT info FROM _bulk_job WHERE kind = ? ORDER BY seq').all(kind) as { info: string }[];
    return rows.map((r) => JSON.parse(r.info) as Job);
  }

  /** Jobs that were being processed (or waiting to be) when the org stopped. */
  public unfinished(): Job[] {
    const rows = this.stmt(
      "SELECT info FROM _bulk_job WHERE state IN ('UploadComplete', 'InProgress') ORDER BY seq",
    ).all() as { info: string }[];
    return rows.map((r) => JSON.parse(r.info) as Job);
  }

  public delete(id: string): void {
    for (const table of ['_bulk_data', '_bulk_result', '_bulk_query_row']) {
      this.stmt(`DELETE FROM ${table} WHERE job_id = ?`).run(id);
    }
    this.stmt('DELETE FROM _bulk_job WHERE id = ?').run(id);
  }

  /** Drops finished jobs last changed before `cutoff` (Salesforce keeps them 7 days). */
  public purge(cutoff: Date): void {
    const rows = this.stmt(
      "SELECT id FROM _bulk_job WHERE state IN ('JobComplete', 'Aborted', 'Failed') AND modified < ?",
    ).all(cutoff.toISOString()) as { id: string }[];
    for (const { id } of rows) this.delete(id);
  }

  public setData(id: string, csv: string): void {
    this.stmt('INSERT OR REPLACE INTO _bulk_data (job_id, csv) VALUES (?, ?)').run(id, csv);
  }

  public data(id: string): string {
    const row = this.stmt('SELECT csv FROM _bulk_data WHERE job_id = ?').get(id) as { csv: string } | undefined;
    return row?.csv ?? '';
  }

  public addResult(id: string, kind: ResultKind, chunk: number, csv: string): void {
    if (csv === '') return;
    this.stmt('INSERT OR REPLACE INTO _bulk_result (job_id, kind, chunk, csv) VALUES (?, ?, ?, ?)').run(
      id,
      kind,
      chunk,
      csv,
    );
  }

  /** The result lines of every chunk, in order. */
  public results(id: string, kind: ResultKind): string {
    const rows = this.stmt('SELECT csv FROM _bulk_result WHERE job_id = ? AND kind = ? ORDER BY chunk').all(
      id,
      kind,
    ) as { csv: string }[];
    return rows.map((r) => r.csv).join('');
  }

  public addQueryRows(id: string, first: number, lines: readonly string[]): void {
    const insert = this.stmt('INSERT OR REPLACE INTO _bulk_query_row (job_id, n, line) VALUES (?, ?, ?)');
    // One commit for the chunk: a commit per row made a 100,000-row query take seconds.
    this.db.exec('SAVEPOINT query_rows');
    try {
      lines.forEach((line, i) => insert.run(id, first + i, line));
      this.db.exec('RELEASE query_rows');
    } catch (error) {
      this.db.exec('ROLLBACK TO query_rows');
      this.db.exec('RELEASE query_rows');
      throw error;
    }
  }

  public clearQueryRows(id: string): void {
    this.stmt('DELETE FROM _bulk_query_row WHERE job_id = ?').run(id);
  }

  /** Up to `limit` result lines of a query job from record `offset` on. */
  public queryRows(id: string, offset: number, limit: number): string[] {
    const rows = this.stmt('SELECT line FROM _bulk_query_row WHERE job_id = ? AND n >= ? ORDER BY n LIMIT ?').all(
      id,
      offset,
      limit,
    ) as { line: string }[];
    return rows.map((r) => r.line);
  }

  private stmt(sql: string): StatementSync {
    return statement(this.db, sql);
  }
}
