/**
 * Typed reads: every page of a query, each row validated with zod. A row the org returns in a shape
 * we do not expect is an error (INVALID_ROW), never a silently wrong handover.
 */
import type { z } from 'zod';
import type { OrgConnection, QueryResult } from '../connection.js';
import { idChunks, soqlIdList } from '../soql.js';
import { HandoverError, orgError } from './errors.js';

/** Runs `soql` (built with the soql.ts helpers) and follows every page. */
export async function queryAll<S extends z.ZodType>(
  conn: OrgConnection,
  soql: string,
  schema: S,
  what: string,
): Promise<z.infer<S>[]> {
  let page: QueryResult<unknown>;
  try {
    page = await conn.query<unknown>(soql);
  } catch (error) {
    throw orgError(error, `read ${what}`);
  }
  return rowsOfPages(conn, page, (record) => parseRow(schema, record, what), what);
}

/**
 * `SELECT <fields> FROM <object> WHERE Id IN (...)` for any number of Ids: one query per chunk of Ids
 * (an IN list must stay within SOQL's length limit). `object` and `fields` are the caller's constants.
 */
export async function queryByIds<S extends z.ZodType>(
  conn: OrgConnection,
  object: string,
  fields: string,
  ids: readonly string[],
  schema: S,
  what: string,
): Promise<z.infer<S>[]> {
  const rows: z.infer<S>[] = [];
  for (const chunk of idChunks(ids)) {
    rows.push(
      ...(await queryAll(conn, `SELECT ${fields} FROM ${object} WHERE Id IN ${soqlIdList(chunk)}`, schema, what)),
    );
  }
  return rows;
}

/** Every row from a query's first page on (following nextRecordsUrl), each turned into a T. */
export async function rowsOfPages<T>(
  conn: OrgConnection,
  first: QueryResult<unknown>,
  toRow: (record: unknown) => T,
  what: string,
): Promise<T[]> {
  const rows: T[] = [];
  let page = first;
  for (;;) {
    for (const record of page.records) rows.push(toRow(record));
    if (page.done || page.nextRecordsUrl === undefined) return rows;
    try {
      page = await conn.queryMore<unknown>(page.nextRecordsUrl);
    } catch (error) {
      throw orgError(error, `read more ${what}`);
    }
  }
}

export function parseRow<S extends z.ZodType>(schema: S, record: unknown, what: string): z.infer<S> {
  const parsed = schema.safeParse(record);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue === undefined ? '' : ` (${issue.path.join('.')}: ${issue.message})`;
  throw new HandoverError('INVALID_ROW', `The org returned ${what} in an unexpected shape${where}.`, {
    actions: ['Run `sf handover doctor` to check that the Handover objects and fields are deployed as shipped.'],
    data: { issues: parsed.error.issues.slice(0, 5).map((i) => ({ path: i.path.join('.'), message: i.message })) },
  });
}
