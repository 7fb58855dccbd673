import { quoteIdent, type SqlValue } from '../db.js';

/** A piece of SQL with the values of its `?` placeholders, in textual order. */
export type Sql = { sql: string; params: SqlValue[] };

export function sql(text: string, params: SqlValue[] = []): Sql {
  return { sql: text, params };
}

/** Joins pieces in textual order, so their placeholders stay in step with their params. */
export function joinSql(parts: Sql[], separator: string): Sql {
  return { sql: parts.map((p) => p.sql).join(separator), params: parts.flatMap((p) => p.params) };
}

/** `alias."Column"` */
export function column(alias: string, name: string): string {
  return `${alias}.${quoteIdent(name)}`;
}

/** A comma-separated list of `?` for `values`. */
export function placeholders(count: number): string {
  return Array.from({ length: count }, () => '?').join(', ');
}
