import type { FieldType as SelectItem, Query } from '@jetstreamapp/soql-parser-js';
import { OrgApiError } from '../errors.js';
import type { FieldDef, Schema, SObjectDef } from '../schema/types.js';
import type { PreparedQuery } from '../soql/index.js';
import { parseSoql } from '../soql/parse.js';
import { fieldPath } from '../soql/scope.js';
import { expandFields } from '../soql/shape.js';

/**
 * Bulk API 2.0 query results: one CSV column per selected field, named by its SOQL path in the
 * schema's spelling (`Owner.Name`), values taken from the query engine's records.
 */

/** A result column: its header and how to read it from an API-shaped record. */
export type QueryColumn = { header: string; path: string[]; field?: FieldDef };

/** Query features Bulk API 2.0 refuses (Salesforce's "SOQL considerations" for query jobs). */
export function checkBulkQuery(query: PreparedQuery, soql: string): void {
  if (query.isAggregate || query.isCountOnly) {
    throw unsupported('Aggregate queries (GROUP BY, COUNT() and other aggregate functions)');
  }
  if (parseSoql(soql).offset !== undefined) throw unsupported('OFFSET');
}

function unsupported(what: string): OrgApiError {
  return new OrgApiError(400, 'API_ERROR', `FeatureNotEnabled : ${what} not supported by Bulk API 2.0 query jobs`);
}

/** The columns of a query job's results, in select order. */
export function queryColumns(schema: Schema, object: SObjectDef, soql: string): QueryColumn[] {
  const query = parseSoql(soql);
  const items = expandFields(object, query.fields ?? [], query.limit);
  return items.map((item) => column(schema, object, query, item));
}

function column(schema: Schema, object: SObjectDef, query: Query, item: SelectItem): QueryColumn {
  switch (item.type) {
    case 'Field':
    case 'FieldRelationship': {
      const resolved = resolvePath(schema, object, withoutAlias(query, fieldPath(item)));
      return { header: resolved.path.join('.'), ...resolved };
    }
    case 'FieldFunctionExpression': {
      const arg = item.parameters[0];
      const resolved = resolvePath(schema, object, withoutAlias(query, typeof arg === 'string' ? arg : ''));
      if (!item.alias) return { header: resolved.path.join('.'), ...resolved };
      return { header: item.alias, path: [item.alias], field: resolved.field };
    }
    case 'FieldSubquery':
      throw unsupported(`Parent-to-child relationship queries (${item.subquery.relationshipName}) are`);
    default:
      throw unsupported('TYPEOF is');
  }
}

function withoutAlias(query: Query, path: string): string {
  const alias = query.sObjectAlias;
  return alias && path.toLowerCase().startsWith(`${alias.toLowerCase()}.`) ? path.slice(alias.length + 1) : path;
}

/** A SOQL path in the schema's spelling, following relationships through the objects they point to. */
function resolvePath(schema: Schema, object: SObjectDef, path: string): { path: string[]; field?: FieldDef } {
  const segments = path.split('.');
  const out: string[] = [];
  let objects: SObjectDef[] = [object];
  for (const [i, segment] of segments.entries()) {
    const lower = segment.toLowerCase();
    if (i === segments.length - 1) {
      const field = objects.map((o) => schema.field(o, segment)).find((f) => f !== undefined);
      out.push(field?.name ?? segment);
      return { path: out, field };
    }
    const rel = objects
      .flatMap((o) => o.fields)
      .find((f) => f.type === 'reference' && f.relationshipName?.toLowerCase() === lower);
    out.push(rel?.relationshipName ?? segment);
    objects = (rel?.referenceTo ?? []).flatMap((name) => schema.object(name) ?? []);
  }
  return { path: out };
}

/** One record's values as CSV text: null is empty, datetimes in Bulk's `...000Z` form. */
export function rowValues(columns: readonly QueryColumn[], record: Record<string, unknown>): string[] {
  return columns.map((c) => cellText(c, valueAt(record, c.path)));
}

function valueAt(record: Record<string, unknown>, path: readonly string[]): unknown {
  let value: unknown = record;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return null;
    const obj = value as Record<string, unknown>;
    value = key in obj ? obj[key] : caseInsensitive(obj, key);
  }
  return value;
}

function caseInsensitive(obj: Record<string, unknown>, key: string): unknown {
  const lower = key.toLowerCase();
  const found = Object.keys(obj).find((k) => k.toLowerCase() === lower);
  return found === undefined ? null : obj[found];
}

function cellText(column: QueryColumn, value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') {
    return column.field?.type === 'datetime' && value.endsWith('+0000') ? `${value.slice(0, -5)}Z` : value;
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}
