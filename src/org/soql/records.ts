import type { Query } from '@jetstreamapp/soql-parser-js';
import type { DatabaseSync } from 'node:sqlite';
import type { SObjectDef } from '../schema/types.js';
import { compileChild } from './children.js';
import { compileOrderBy, orderOperand, type OrderKey } from './order.js';
import { Scope } from './scope.js';
import { expandFields, ID_COLUMN, RecordShape, type ApiRecord, type RecordContext, type Row } from './shape.js';
import { joinSql, sql, type Sql } from './sql.js';
import { compileWhere, type CompileEnv } from './where.js';

/** Rows of a query page: `fetch(offset, size)` within the SOQL's own LIMIT/OFFSET. */
export type Pager = { totalSize(): number; fetch(offset: number, pageSize: number): ApiRecord[] };

export type PageWindow = { limit: number; offset: number };

const ROW_COLUMN = '_row';

/**
 * The SQL window for records [offset, offset + pageSize) of a result that the SOQL itself limits to
 * LIMIT rows starting at OFFSET; undefined when the page is past the end.
 */
export function pageWindow(query: Query, offset: number, pageSize: number): PageWindow | undefined {
  const start = wholeNumber(offset);
  let limit = wholeNumber(pageSize);
  if (query.limit !== undefined) limit = Math.min(limit, query.limit - start);
  if (limit <= 0) return undefined;
  return { limit, offset: start + (query.offset ?? 0) };
}

function wholeNumber(n: number): number {
  return Number.isFinite(n) ? Math.max(0, Math.floor(n)) : 0;
}

/** LIMIT/OFFSET of the SOQL as SQL params (-1: no limit). */
export function soqlWindow(query: Query): [number, number] {
  return [Math.min(query.limit ?? -1, Number.MAX_SAFE_INTEGER), query.offset ?? 0];
}

/**
 * A non-aggregate query: records with parent fields and child subqueries.
 * `scope` (WHERE, ORDER BY) picks the page's rows first; the select list's parents are joined for those rows
 * only, so sorting and skipping never pay for lookups that are only displayed.
 */
export function compileRecords(
  db: DatabaseSync,
  object: SObjectDef,
  scope: Scope,
  query: Query,
  env: CompileEnv,
  ctx: RecordContext,
): Pager {
  const display = new Scope(env.ctx, object, query.sObjectAlias);
  const shape = new RecordShape(display, expandFields(object, query.fields ?? [], query.limit));
  const where = compileWhere(scope, query.where, env);
  const order = compileOrderBy(query.orderBy, (clause) => orderOperand(scope, clause));
  const children = shape.subqueries.map(({ subquery }) => compileChild(db, object, subquery, env, ctx));
  const filtered = joinSql([scope.fromSql(), sql('WHERE'), where], ' ');
  const pageRows = pageRowsSql(scope, filtered, order);
  const joined = display.fromSql(`${display.root.alias}.rowid = page."${ROW_COLUMN}"`);
  const page = db.prepare(
    `SELECT ${shape.selectList()} FROM (${pageRows.sql}) AS page CROSS JOIN ${joined.sql} ORDER BY ${outerOrder(order)}`,
  );
  const count = db.prepare(`SELECT COUNT(*) AS n FROM (SELECT 1 FROM ${filtered.sql} LIMIT ? OFFSET ?)`);
  return {
    totalSize: () => Number((count.get(...filtered.params, ...soqlWindow(query)) as Row | undefined)?.n ?? 0),
    fetch(offset, pageSize) {
      const window = pageWindow(query, offset, pageSize);
      if (!window) return [];
      const rows = page.all(...pageRows.params, window.limit, window.offset, ...joined.params) as Row[];
      const ids = rows.map((row) => row[ID_COLUMN] as string);
      const childRecords = children.map((child) => child.fetch(ids));
      return rows.map((row) => shape.toRecord(row, ctx, childRecords));
    },
  };
}

/** The rowids (and sort keys) of one page, in order; ties keep insertion order so pages never overlap. */
function pageRowsSql(scope: Scope, filtered: Sql, order: OrderKey[]): Sql {
  const keys = order.map((k, i) => sql(`, ${k.expr.sql} AS "_o${i}"`, k.expr.params));
  const orderBy = [...order.map((k, i) => `"_o${i}"${k.suffix}`), `"${ROW_COLUMN}"`].join(', ');
  return joinSql(
    [
      sql(`SELECT ${scope.root.alias}.rowid AS "${ROW_COLUMN}"`),
      ...keys,
      sql(' FROM '),
      filtered,
      sql(` ORDER BY ${orderBy} LIMIT ? OFFSET ?`),
    ],
    '',
  );
}

/** The page's order again, read from the subquery's key columns. */
function outerOrder(order: OrderKey[]): string {
  return [...order.map((k, i) => `page."_o${i}"${k.suffix}`), `page."${ROW_COLUMN}"`].join(', ');
}
