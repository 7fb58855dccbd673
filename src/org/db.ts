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

export function openDatabase(file: string): DatabaseSync {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new DatabaseSync(file);
  // A page cache big enough for scale data sets: with SQLite's default 2 MB, writes re-read pages.
  db.exec(
    'PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = OFF; PRAGMA busy_timeout = 5000; ' +
      'PRAGMA cache_size = -131072; PRAGMA temp_store = MEMORY;',
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
    if (f.type === 'reference' && !f.name.startsWith('CreatedById') && !f.name.startsWith('LastModifiedById')) {
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
