import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import type { FieldDef, Schema, SObjectDef } from './schema/types.js';

/**
 * SQLite storage for the local org: one table per object, named as the object, one column per field.
 * Values are stored in a form that sorts and compares like SOQL does:
 * booleans as 0/1, datetimes as UTC ISO text with milliseconds ("2024-05-01T12:34:56.000Z"),
 * dates as "YYYY-MM-DD", Ids in their 18-character form, text with case-insensitive collation.
 */

export type SqlValue = string | number | null;

/**
 * Opens an org's database. `durable` (the default) syncs the database file at every WAL checkpoint,
 * so that an operating system crash cannot corrupt it; a throwaway org (a benchmark's, removed when it
 * ends) skips the syncs, which cost about a tenth of the time of a 100,000-record owner change.
 */
export function openDatabase(file: string, durable = true): DatabaseSync {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new DatabaseSync(file);
  // A page cache big enough for scale data sets: with SQLite's default 2 MB, writes re-read pages.
  db.exec(
    `PRAGMA journal_mode = WAL; PRAGMA synchronous = ${durable ? 'NORMAL' : 'OFF'}; PRAGMA foreign_keys = OFF; ` +
      'PRAGMA busy_timeout = 5000; PRAGMA cache_size = -131072; PRAGMA temp_store = MEMORY;',
  );
  return db;
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export function columnType(f: FieldDef): string {
  switch (f.type) {
    case 'boolean':
    case 'int':
      return 'INTEGER';
    case 'double':
    case 'currency':
    case 'percent':
      return 'REAL';
    case 'id':
    case 'reference':
    case 'date':
    case 'datetime':
    case 'time':
    case 'base64':
      return 'TEXT';
    default:
      return 'TEXT COLLATE NOCASE';
  }
}

/** Creates the table of every object and its indexes; adds columns for fields new since the last start. */
export function ensureTables(db: DatabaseSync, schema: Schema): void {
  for (const obj of schema.objects.values()) ensureTable(db, obj);
}

function ensureTable(db: DatabaseSync, obj: SObjectDef): void {
  const table = quoteIdent(obj.name);
  const existing = db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[];
  if (existing.length === 0) {
    const columns = obj.fields.map((f) =>
      f.name === 'Id' ? `"Id" TEXT PRIMARY KEY` : `${quoteIdent(f.name)} ${columnType(f)}`,
    );
    db.exec(`CREATE TABLE ${table} (${columns.join(', ')})`);
  } else {
    const have = new Set(existing.map((c) => c.name.toLowerCase()));
    for (const f of obj.fields) {
      if (!have.has(f.name.toLowerCase()))
        db.exec(`ALTER TABLE ${table} ADD COLUMN ${quoteIdent(f.name)} ${columnType(f)}`);
    }
  }
  for (const f of obj.fields) {
    if (f.name === 'OwnerId' && f.type === 'reference') {
      // One (OwnerId, Id) index serves owner look-ups and "the Ids of the records these users own" (the
      // sharing model's parent sets); a second OwnerId index would only cost every insert and owner change.
      db.exec(`CREATE INDEX IF NOT EXISTS ${quoteIdent(`${obj.name}_OwnerId_Id`)} ON ${table} ("OwnerId", "Id")`);
      for (const legacy of [`${obj.name}_OwnerId`, `${obj.name}_access_OwnerId_Id`]) {
        db.exec(`DROP INDEX IF EXISTS ${quoteIdent(legacy)}`);
      }
    } else if (f.type === 'reference' && !f.name.startsWith('CreatedById') && !f.name.startsWith('LastModifiedById')) {
      db.exec(`CREATE INDEX IF NOT EXISTS ${quoteIdent(`${obj.name}_${f.name}`)} ON ${table} (${quoteIdent(f.name)})`);
    }
    // Name is what lists sort and search by; without an index every sorted page sorts the table.
    if (f.externalId || f.unique || f.name === 'Name') {
      db.exec(`CREATE INDEX IF NOT EXISTS ${quoteIdent(`${obj.name}_${f.name}`)} ON ${table} (${quoteIdent(f.name)})`);
    }
  }
}

/** Formats a stored datetime the way the REST API prints it: "2024-05-01T12:34:56.000+0000". */
export function formatDateTime(stored: string): string {
  return stored.endsWith('Z') ? `${stored.slice(0, -1)}+0000` : stored;
}

/**
 * Normalises a datetime written by a client ("2024-05-01T12:34:56Z", "...000+0000", "...+08:00")
 * to the stored UTC form, or undefined when it is not a datetime.
 */
export function parseDateTime(value: string): string | undefined {
  const m = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?)(Z|[+-]\d{2}:?\d{2})?)?$/.exec(value.trim());
  if (!m) return undefined;
  const [, date, time = '00:00:00', zone = 'Z'] = m;
  const iso = `${date}T${time.length === 5 ? `${time}:00` : time}${zone === 'Z' ? 'Z' : zone.replace(/^([+-]\d{2}):?(\d{2})$/, '$1:$2')}`;
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return undefined;
  return new Date(ms).toISOString();
}

export function isDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(value);
}

/** Converts a stored column value to its JSON form in API answers. */
export function toApiValue(f: FieldDef, value: SqlValue | bigint | undefined): unknown {
  if (value === null || value === undefined) return null;
  switch (f.type) {
    case 'boolean':
      return Number(value) !== 0;
    case 'int':
      return Number(value);
    case 'double':
    case 'currency':
    case 'percent':
      return Number(value);
    case 'datetime':
      return formatDateTime(String(value));
    default:
      return value;
  }
}

/** Prepared statements per database, reused by SQL text; bounded so that per-user SQL cannot grow it forever. */
const statementCaches = new WeakMap<DatabaseSync, Map<string, StatementSync>>();
const MAX_CACHED_STATEMENTS = 2000;

/** A prepared statement for `sql`, prepared once per database. */
export function statement(db: DatabaseSync, sql: string): StatementSync {
  let cache = statementCaches.get(db);
  if (!cache) {
    cache = new Map();
    statementCaches.set(db, cache);
  }
  let prepared = cache.get(sql);
  if (!prepared) {
    if (cache.size >= MAX_CACHED_STATEMENTS) cache.clear();
    prepared = db.prepare(sql);
    cache.set(sql, prepared);
  }
  return prepared;
}

/**
 * Rows read as plain objects of one shape per statement. node:sqlite hands rows out as null-prototype
 * objects in dictionary mode: copying one (`{ ...row }`) costs as much as an indexed UPDATE. Reading
 * arrays and building the objects in column order gives V8 fast, shared-shape objects instead.
 */
type RowStatement = { stmt: StatementSync; names: string[] | undefined };
const rowStatementCaches = new WeakMap<DatabaseSync, Map<string, RowStatement>>();

function rowStatement(db: DatabaseSync, sql: string): RowStatement {
  let cache = rowStatementCaches.get(db);
  if (!cache) {
    cache = new Map();
    rowStatementCaches.set(db, cache);
  }
  let entry = cache.get(sql);
  if (!entry) {
    if (cache.size >= MAX_CACHED_STATEMENTS) cache.clear();
    const stmt = db.prepare(sql);
    // setReturnArrays arrived in Node 22.16; older runtimes copy the object rows instead.
    const arrays = typeof stmt.setReturnArrays === 'function';
    if (arrays) stmt.setReturnArrays(true);
    entry = { stmt, names: arrays ? stmt.columns().map((c) => c.name) : undefined };
    cache.set(sql, entry);
  }
  return entry;
}

function toRow(entry: RowStatement, raw: unknown): Record<string, SqlValue> {
  const row: Record<string, SqlValue> = {};
  if (entry.names) {
    const values = raw as SqlValue[];
    // A table altered since the statement was prepared (SQLite re-prepares it) has other columns.
    if (values.length !== entry.names.length) entry.names = entry.stmt.columns().map((c) => c.name);
    const names = entry.names;
    for (let i = 0; i < names.length; i++) row[names[i]!] = values[i]!;
  } else {
    const values = raw as Record<string, SqlValue>;
    for (const key in values) row[key] = values[key]!;
  }
  return row;
}

/** All rows of `sql` as plain objects (see rowStatement). */
export function selectRows(db: DatabaseSync, sql: string, ...params: SqlValue[]): Record<string, SqlValue>[] {
  const entry = rowStatement(db, sql);
  return entry.stmt.all(...params).map((raw) => toRow(entry, raw));
}

/** The first row of `sql` as a plain object, or undefined. */
export function selectRow(db: DatabaseSync, sql: string, ...params: SqlValue[]): Record<string, SqlValue> | undefined {
  const entry = rowStatement(db, sql);
  const raw = entry.stmt.get(...params);
  return raw === undefined ? undefined : toRow(entry, raw);
}
