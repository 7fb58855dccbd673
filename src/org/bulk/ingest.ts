import { setImmediate as nextTurn } from 'node:timers/promises';
import type { OrgContext } from '../context.js';
import { OrgApiError } from '../errors.js';
import { to18 } from '../ids.js';
import { loadParents, lockKeysOf, lockWrites, unableToLockRow } from '../locks.js';
import type { Actor, RecordInput, RecordStore } from '../records.js';
import type { FieldDef, SObjectDef } from '../schema/types.js';
import { toStoredValue } from '../values.js';
import { CsvError, csvLine, type CsvFormat } from './csv.js';
import type { IngestOperation, Job } from './jobs.js';

/**
 * How an ingest job's rows become writes: the header row is matched to fields once, then each
 * internal batch is prepared (values converted, Ids and external ids resolved), locked, and written
 * row by row with Salesforce's per-record errors going to the failed results.
 */

/** Bulk "set to null" marker; an empty cell leaves the field unchanged. */
export const NULL_MARKER = '#N/A';

type Column =
  | { kind: 'id' }
  | { kind: 'field'; field: FieldDef }
  /** `Owner.Username`: a lookup set through an external id or idLookup field of the parent. */
  | { kind: 'relation'; field: FieldDef; target: SObjectDef; key: FieldDef };

export type HeaderPlan = {
  columns: Column[];
  /** Index of the Id column, or -1. */
  idIndex: number;
  /** Upsert: index of the external id column (-1 when upserting by Id), and that field. */
  extIndex: number;
  extField?: FieldDef;
};

/** Matches header names (case-insensitively) to fields; a name that matches nothing fails the job. */
export function planHeader(ctx: OrgContext, obj: SObjectDef, job: Job, header: readonly string[]): HeaderPlan {
  const seen = new Set<string>();
  const columns = header.map((raw): Column => {
    const name = raw.trim();
    if (seen.has(name.toLowerCase())) throw new CsvError(`InvalidBatch : Duplicate field name : ${name}`);
    seen.add(name.toLowerCase());
    if (name.toLowerCase() === 'id') return { kind: 'id' };
    const field = ctx.schema.field(obj, name);
    if (field) return { kind: 'field', field };
    const relation = relationColumn(ctx, obj, name);
    if (relation) return relation;
    throw new CsvError(`InvalidBatch : Field name not found : ${name}`);
  });
  const idIndex = columns.findIndex((c) => c.kind === 'id');
  const operation = job.operation as IngestOperation;
  if (operation !== 'insert' && operation !== 'upsert' && idIndex < 0) {
    throw new CsvError('InvalidBatch : Field name not found : Id');
  }
  if (operation !== 'upsert' || job.externalIdFieldName?.toLowerCase() === 'id') {
    return { columns, idIndex, extIndex: -1 };
  }
  const extField = ctx.schema.field(obj, job.externalIdFieldName ?? '');
  const extIndex = columns.findIndex((c) => c.kind === 'field' && c.field === extField);
  if (!extField || extIndex < 0) {
    throw new CsvError(`InvalidBatch : Field name not found : ${job.externalIdFieldName ?? ''}`);
  }
  return { columns, idIndex, extIndex, extField };
}

function relationColumn(ctx: OrgContext, obj: SObjectDef, name: string): Column | undefined {
  const dot = name.indexOf('.');
  if (dot <= 0) return undefined;
  const relName = name.slice(0, dot).toLowerCase();
  const keyName = name.slice(dot + 1);
  const field = obj.fields.find((f) => f.type === 'reference' && f.relationshipName?.toLowerCase() === relName);
  if (!field?.createable && !field?.updateable) return undefined;
  for (const targetName of field.referenceTo) {
    const target = ctx.schema.object(targetName);
    const key = target && ctx.schema.field(target, keyName);
    if (target && key && (key.externalId || key.idLookup || key.name === 'Id')) {
      return { kind: 'relation', field, target, key };
    }
  }
  return undefined;
}

/** One row, ready to write: what to do, to which record, with which field values; or why not. */
export type PreparedRow = {
  values: string[];
  action: 'create' | 'update' | 'delete' | 'hardDelete';
  /** The record written (18 characters) for updates and deletes. */
  id?: string;
  input: RecordInput;
  /** The sf__Id of a failed row (the Id given, or empty for inserts). */
  shownId: string;
  error?: OrgApiError;
};

/** Per-job caches of a run (parent external id look-ups repeat across rows). */
export type PrepareCache = Map<string, string | OrgApiError>;

/** Turns a CSV row into a write; failures are kept on the row, never thrown. */
export function prepareRow(
  ctx: OrgContext,
  store: RecordStore,
  obj: SObjectDef,
  job: Job,
  plan: HeaderPlan,
  raw: string[],
  cache: PrepareCache,
): PreparedRow {
  const width = plan.columns.length;
  const values =
    raw.length === width ? raw : [...raw.slice(0, width), ...Array<string>(Math.max(0, width - raw.length)).fill('')];
  const givenId = plan.idIndex >= 0 ? (values[plan.idIndex] ?? '').trim() : '';
  const row: PreparedRow = { values, action: 'create', input: {}, shownId: givenId };
  try {
    if (raw.length !== width) {
      throw new OrgApiError(400, 'INVALID_FIELD', `Row has ${raw.length} values but the header has ${width} columns`);
    }
    row.input = rowInput(store, plan, values, cache);
    decideAction(ctx, store, obj, job.operation as IngestOperation, plan, givenId, row);
  } catch (error) {
    row.error = asRowError(error);
  }
  return row;
}

function rowInput(store: RecordStore, plan: HeaderPlan, values: string[], cache: PrepareCache): RecordInput {
  const input: RecordInput = {};
  plan.columns.forEach((column, i) => {
    const value = values[i] ?? '';
    if (value === '' || column.kind === 'id') return;
    if (column.kind === 'field') {
      input[column.field.name] = value === NULL_MARKER ? null : cellValue(column.field, value);
      return;
    }
    input[column.field.name] = value === NULL_MARKER ? null : parentId(store, column, value, cache);
  });
  return input;
}

/** CSV text as the JSON-ish value the record store takes; checkboxes accept any letter case and 1/0. */
function cellValue(field: FieldDef, value: string): unknown {
  if (field.type !== 'boolean') return value;
  const lower = value.trim().toLowerCase();
  if (lower === 'true' || lower === '1') return true;
  if (lower === 'false' || lower === '0') return false;
  return value;
}

function parentId(
  store: RecordStore,
  column: Extract<Column, { kind: 'relation' }>,
  value: string,
  cache: PrepareCache,
): string {
  const cacheKey = `${column.field.name}\u0000${value}`;
  let found = cache.get(cacheKey);
  if (found === undefined) {
    found = lookUpParent(store, column, value);
    cache.set(cacheKey, found);
  }
  if (found instanceof OrgApiError) throw found;
  return found;
}

function lookUpParent(
  store: RecordStore,
  column: Extract<Column, { kind: 'relation' }>,
  value: string,
): string | OrgApiError {
  const { target, key, field } = column;
  try {
    const ids = store.findByField(target, key, toStoredValue(key, value));
    if (ids.length === 1) return ids[0]!;
    const problem = ids.length === 0 ? 'not found' : 'matches more than one record';
    return new OrgApiError(
      400,
      'INVALID_FIELD',
      `Foreign key external ID: ${value} ${problem} for field ${key.name} in entity ${target.name}`,
      [field.name],
    );
  } catch (error) {
    return asRowError(error);
  }
}

function decideAction(
  ctx: OrgContext,
  store: RecordStore,
  obj: SObjectDef,
  operation: IngestOperation,
  plan: HeaderPlan,
  givenId: string,
  row: PreparedRow,
): void {
  switch (operation) {
    case 'insert':
      if (givenId !== '') throw new OrgApiError(400, 'INVALID_FIELD', 'cannot specify Id in an insert call', ['Id']);
      return;
    case 'update':
    case 'delete':
    case 'hardDelete':
      if (givenId === '') {
        const call = operation === 'update' ? 'an update' : `a ${operation}`;
        throw new OrgApiError(400, 'MISSING_ARGUMENT', `Id not specified in ${call} call`, ['Id']);
      }
      row.id = recordId(ctx, obj, givenId);
      row.shownId = row.id;
      row.action = operation === 'update' ? 'update' : operation;
      return;
    case 'upsert':
      return decideUpsert(ctx, store, obj, plan, givenId, row);
  }
}

function decideUpsert(
  ctx: OrgContext,
  store: RecordStore,
  obj: SObjectDef,
  plan: HeaderPlan,
  givenId: string,
  row: PreparedRow,
): void {
  if (!plan.extField) {
    // Upsert by Id: rows without an Id are inserted.
    if (givenId === '') return;
    row.id = recordId(ctx, obj, givenId);
    row.shownId = row.id;
    row.action = 'update';
    return;
  }
  const ext = plan.extField;
  const value = (row.values[plan.extIndex] ?? '').trim();
  if (value === '' || value === NULL_MARKER) {
    throw new OrgApiError(400, 'MISSING_ARGUMENT', `${ext.name} not specified`, [ext.name]);
  }
  const ids = store.findByField(obj, ext, toStoredValue(ext, value));
  if (ids.length > 1) {
    throw new OrgApiError(
      400,
      'DUPLICATE_EXTERNAL_ID',
      `${ext.label}: more than one record found for external id field: [${ids.join(', ')}]`,
      [ext.name],
    );
  }
  if (ids.length === 1) {
    row.id = ids[0];
    row.shownId = ids[0]!;
    row.action = 'update';
  }
}

/** A row's Id, or MALFORMED_ID when it is not an Id of the job's object. */
function recordId(ctx: OrgContext, obj: SObjectDef, given: string): string {
  const id = to18(given);
  if (!id || ctx.schema.objectForId(id) !== obj) {
    throw new OrgApiError(400, 'MALFORMED_ID', `${obj.label} ID: id value of incorrect type: ${given}`, ['Id']);
  }
  return id;
}

/** A record error as a failed row reports it; a record Id that matches nothing is an invalid reference. */
export function asRowError(error: unknown): OrgApiError {
  if (error instanceof OrgApiError && error.status < 500) {
    if (error.errorCode === 'NOT_FOUND') {
      return new OrgApiError(400, 'INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id', []);
    }
    return error;
  }
  return new OrgApiError(
    500,
    'UNKNOWN_EXCEPTION',
    'An unexpected error occurred. Please include this ErrorId if you contact support: local-org',
  );
}

/** `STATUSCODE:message:field1,field2 --`, the sf__Error column of failed results. */
export function formatRowError(error: OrgApiError): string {
  return `${error.errorCode}:${error.message}:${(error.fields ?? []).join(',')} --`;
}

/** Writes one prepared row; returns the record Id and whether it was created. */
function writeRow(
  store: RecordStore,
  obj: SObjectDef,
  row: PreparedRow,
  actor: Actor,
): { id: string; created: boolean } {
  switch (row.action) {
    case 'create':
      return { id: store.create(obj.name, row.input, actor), created: true };
    case 'update':
      store.update(obj.name, row.id!, row.input, actor);
      return { id: row.id!, created: false };
    case 'delete':
      store.delete(obj.name, row.id!, actor);
      return { id: row.id!, created: false };
    case 'hardDelete':
      store.hardDelete(obj.name, row.id!, actor);
      return { id: row.id!, created: false };
  }
}

/** Rows written per SQLite transaction; the event loop gets a turn between two of them. */
export const WRITE_CHUNK = 1_000;

/** The result lines of one committed chunk of a batch, and where in the upload it ends. */
export type ChunkOutcome = {
  success: string;
  failed: string;
  processed: number;
  failures: number;
  writeMs: number;
  /** Character offset in the upload after the chunk's last row. */
  end: number;
};

/**
 * Writes one internal batch in chunks of WRITE_CHUNK rows, each in one transaction (a failing row
 * rolled back alone) together with its results and the job's progress (`commit`), with a turn of the
 * event loop between chunks. Each chunk takes the locks of its rows first (other requests run
 * meanwhile) and holds them only while it writes: Salesforce, too, processes a batch in transactions
 * of 200 records, so another write waits for one transaction, not for the whole job. `stillWanted`
 * is asked before every chunk: an aborted job or a closing org writes nothing more.
 */
export async function writeBatch(
  ctx: OrgContext,
  store: RecordStore,
  obj: SObjectDef,
  job: Job,
  rows: PreparedRow[],
  ends: number[],
  stillWanted: () => boolean,
  commit: (outcome: ChunkOutcome) => void,
): Promise<boolean> {
  const actor: Actor = { userId: job.createdById, autoAssign: job.assignmentRuleId !== undefined };
  for (let from = 0; from < rows.length; from += WRITE_CHUNK) {
    if (from > 0) await nextTurn();
    if (!stillWanted()) return false;
    const to = Math.min(rows.length, from + WRITE_CHUNK);
    const chunk = rows.slice(from, to);
    const chunkIds = chunk.flatMap((r) => (r.id && !r.error ? [r.id] : []));
    const before = loadParents(ctx, obj, chunkIds);
    const keySets = chunk.map((r) =>
      r.error ? [] : lockKeysOf(ctx, obj, r.id, r.id ? before.get(r.id) : undefined, r.input),
    );
    const locks = await lockWrites(ctx, keySets);
    try {
      // Waiting for the locks gave other requests (an abort, the org closing) their turn.
      if (!stillWanted()) return false;
      const busy = (i: number) => locks.busy(keySets[i] ?? []);
      const write = (savepoints: boolean) =>
        store.transaction(() =>
          store.withPrefetch(obj, chunkIds, () => {
            commit({ ...writeChunk(store, obj, job, actor, chunk, busy, savepoints), end: ends[to - 1] ?? 0 });
          }),
        );
      // Most chunks have no failing write: try them without a savepoint per row, and redo the
      // chunk with savepoints when a write throws (its partial writes are rolled back with the chunk).
      try {
        write(false);
      } catch (error) {
        if (!(error instanceof RowFailed)) throw error;
        write(true);
      }
    } finally {
      locks.release();
    }
  }
  return true;
}

/** A write threw in a chunk written without savepoints. */
class RowFailed extends Error {}

/**
 * Writes rows one by one; a row that fails (or whose lock was not obtained) goes to the failed results.
 * Without `savepoints`, a throwing write aborts the chunk with RowFailed instead.
 */
function writeChunk(
  store: RecordStore,
  obj: SObjectDef,
  job: Job,
  actor: Actor,
  rows: PreparedRow[],
  busyKey: (index: number) => string | undefined,
  savepoints: boolean,
): Omit<ChunkOutcome, 'end'> {
  const format: CsvFormat = job;
  const started = performance.now();
  let success = '';
  let failed = '';
  let failures = 0;
  rows.forEach((row, i) => {
    const busy = row.error ? undefined : busyKey(i);
    let error = row.error ?? (busy ? unableToLockRow(busy) : undefined);
    if (!error) {
      try {
        const written = savepoints
          ? store.transaction(() => writeRow(store, obj, row, actor))
          : writeRow(store, obj, row, actor);
        success += csvLine([written.id, written.created ? 'true' : 'false', ...row.values], format);
        return;
      } catch (thrown) {
        if (!savepoints) throw new RowFailed();
        error = asRowError(thrown);
      }
    }
    failures++;
    failed += csvLine([row.shownId, formatRowError(error), ...row.values], format);
  });
  return { success, failed, processed: rows.length, failures, writeMs: performance.now() - started };
}
