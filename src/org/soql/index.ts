import type { DatabaseSync } from 'node:sqlite';
import { OrgApiError } from '../errors.js';
import type { Schema, SObjectDef } from '../schema/types.js';
import { compileAggregate, compileCountOnly, isAggregateQuery, isCountOnly } from './aggregate.js';
import { internalError } from './errors.js';
import { checkLength, checkOffset } from './limits.js';
import { checkRequiredFilters } from './restrictions.js';
import { parseSoql } from './parse.js';
import { compileRecords, type Pager } from './records.js';
import { Scope, type QueryContext } from './scope.js';
import { resolveObject, type CompileEnv } from './where.js';

/**
 * The local org's SOQL engine: SOQL is parsed, checked against the schema and compiled to SQLite SQL.
 * Filtering, joins, ordering, grouping and paging all happen in SQL; JS only nests rows into records.
 */

export type QueryOptions = {
  /** e.g. '62.0', used in attributes.url: /services/data/v62.0/sobjects/Account/001... */
  apiVersion: string;
  /** queryAll: rows with IsDeleted = 1 are included; otherwise every table filters IsDeleted = 0. */
  includeDeleted: boolean;
  /** IANA zone for date literals (TODAY, THIS_WEEK, ...). */
  timeZone: string;
  now: Date;
  /** Optional row-level visibility (for a sharing model added later): extra SQL condition per table alias. */
  visibility?: (
    object: SObjectDef,
    alias: string,
    /** The WHERE picks rows by Id (a few): check those rows instead of building the set of visible ones. */
    byId?: boolean,
  ) => { sql: string; params: (string | number | null)[] } | undefined;
};

export type PreparedQuery = {
  object: SObjectDef;
  /** GROUP BY / aggregate functions: one page holds everything. */
  isAggregate: boolean;
  /** SELECT COUNT() FROM ...: totalSize only, records []. */
  isCountOnly: boolean;
  /** Rows the whole query returns, honouring LIMIT/OFFSET of the SOQL. */
  totalSize(): number;
  /** One page of records in API JSON shape. */
  fetch(offset: number, pageSize: number): Record<string, unknown>[];
  /** The largest page Salesforce serves for this query: 200 when it selects two or more long text areas. */
  maxPageSize: number;
};

/** Long text areas (over 255 characters) that, two or more in one query, cap its pages at 200 rows. */
const LONG_TEXT_LENGTH = 255;
const LONG_TEXT_PAGE_SIZE = 200;

/** Parses and compiles a query. Every failure is an OrgApiError (400 for the query's faults). */
export function prepareQuery(db: DatabaseSync, schema: Schema, soql: string, options: QueryOptions): PreparedQuery {
  return guard(() => compile(db, schema, soql, options));
}

function compile(db: DatabaseSync, schema: Schema, soql: string, options: QueryOptions): PreparedQuery {
  checkLength(soql);
  const query = parseSoql(soql);
  let aliases = 0;
  const ctx: QueryContext = { schema, visibility: options.visibility, nextAlias: () => `t${aliases++}` };
  const env: CompileEnv = { ctx, includeDeleted: options.includeDeleted, now: options.now, timeZone: options.timeZone };
  const object = resolveObject(ctx, query.sObject);
  checkRequiredFilters(query);
  checkOffset(query, options.apiVersion);
  const scope = new Scope(ctx, object, query.sObjectAlias);
  const countOnly = isCountOnly(query);
  const aggregate = !countOnly && isAggregateQuery(query);
  let pager: Pager;
  if (countOnly) pager = compileCountOnly(db, scope, query, env);
  else if (aggregate) pager = compileAggregate(db, scope, query, env);
  else pager = compileRecords(db, object, scope, query, env, { schema, apiVersion: options.apiVersion });
  const longTexts = (query.fields ?? []).filter((item) => {
    if (item.type !== 'Field') return false;
    const f = schema.field(object, item.field);
    return f?.type === 'textarea' && f.length > LONG_TEXT_LENGTH;
  }).length;
  return {
    object,
    isAggregate: aggregate,
    isCountOnly: countOnly,
    maxPageSize: longTexts >= 2 ? LONG_TEXT_PAGE_SIZE : Number.MAX_SAFE_INTEGER,
    totalSize: () => guard(() => pager.totalSize()),
    fetch: (offset, pageSize) => guard(() => pager.fetch(offset, pageSize)),
  };
}

/** Lets OrgApiErrors through and turns anything else (an engine bug) into one. */
function guard<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    throw error instanceof OrgApiError ? error : internalError(error);
  }
}
