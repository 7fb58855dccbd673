import type { FieldType as SelectItem, Query, Subquery } from '@jetstreamapp/soql-parser-js';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { OrgApiError } from '../errors.js';
import type { FieldDef, Schema, SObjectDef } from '../schema/types.js';
import { prepareQuery, type PreparedQuery } from '../soql/index.js';
import { parseSoql } from '../soql/parse.js';
import { DEFAULT_PAGE_SIZE, MIN_PAGE_SIZE } from './cursors.js';
import { actorOf, apiVersion, type RestServices, type VersionParams } from './services.js';

const queryString = z.object({
  q: z.string().optional(),
  explain: z.string().optional(),
  /** `columns=true` (the sf CLI's `data query` asks for it): the columns of the query instead of its rows. */
  columns: z.string().optional(),
});

/** GET /query, /queryAll and /query/{locator}: SOQL results in pages with locators. */
export function registerQueryRoutes(app: FastifyInstance, services: RestServices): void {
  const run = (includeDeleted: boolean) => (request: FastifyRequest<{ Params: VersionParams }>) => {
    const version = apiVersion(request.params.version);
    const params = queryString.parse(request.query);
    if (params.explain !== undefined) return explain(services, params.explain, version, actorOf(request).userId);
    if (!params.q?.trim()) {
      throw new OrgApiError(400, 'MALFORMED_QUERY', 'A query string (q) is required.');
    }
    const query = prepareQuery(services.ctx.db, services.ctx.schema, params.q, {
      apiVersion: version,
      includeDeleted,
      timeZone: services.ctx.timeZone,
      now: services.ctx.now(),
      visibility: services.visibility(actorOf(request).userId),
    });
    if (params.columns?.toLowerCase() === 'true') return columnMetadata(services.ctx.schema, query.object, params.q);
    return firstPage(services, query, version, pageSize(request.headers['sforce-query-options']));
  };

  app.get<{ Params: VersionParams }>('/services/data/:version/query', run(false));
  app.get<{ Params: VersionParams }>('/services/data/:version/queryAll', run(true));
  app.get<{ Params: VersionParams & { locator: string } }>('/services/data/:version/query/:locator', (request) =>
    nextPage(services, request.params.locator, apiVersion(request.params.version)),
  );
  app.get<{ Params: VersionParams & { locator: string } }>('/services/data/:version/queryAll/:locator', (request) =>
    nextPage(services, request.params.locator, apiVersion(request.params.version)),
  );
}

function firstPage(
  services: RestServices,
  query: PreparedQuery,
  version: string,
  size: number,
): Record<string, unknown> {
  if (query.isCountOnly) return { totalSize: query.totalSize(), done: true, records: [] };
  if (query.isAggregate) {
    const totalSize = query.totalSize();
    return { totalSize, done: true, records: query.fetch(0, Math.max(totalSize, 1)) };
  }
  const pageSize = Math.min(size, query.maxPageSize);
  const fetched = query.fetch(0, pageSize);
  const records = withinPage(fetched, pageSize);
  // A first page that holds every row is the whole answer: its size is the total, no count needed.
  if (fetched.length < pageSize && records.length === fetched.length) {
    return { totalSize: records.length, done: true, records };
  }
  const totalSize = query.totalSize();
  if (records.length >= totalSize) return { totalSize, done: true, records };
  const cursor = services.cursors.open(query, totalSize, pageSize);
  return { totalSize, done: false, nextRecordsUrl: locatorUrl(version, cursor, records.length), records };
}

/**
 * Child subquery rows count toward the page size, as on Salesforce: a page ends before the record
 * whose children would push it past the size (it always holds at least one record).
 */
function withinPage(records: Record<string, unknown>[], pageSize: number): Record<string, unknown>[] {
  let rows = 0;
  for (let i = 0; i < records.length; i++) {
    rows += 1 + childRows(records[i]!);
    if (rows > pageSize && i > 0) return records.slice(0, i);
  }
  return records;
}

function childRows(record: Record<string, unknown>): number {
  let rows = 0;
  for (const value of Object.values(record)) {
    if (value && typeof value === 'object' && Array.isArray((value as { records?: unknown }).records)) {
      rows += (value as { records: unknown[] }).records.length;
    }
  }
  return rows;
}

function nextPage(services: RestServices, locator: string, version: string): Record<string, unknown> {
  const { cursor, offset, id } = services.cursors.get(locator);
  const fetched = cursor.query.fetch(offset, cursor.pageSize);
  const records = withinPage(fetched, cursor.pageSize);
  const next = offset + records.length;
  if (next >= cursor.totalSize || (fetched.length < cursor.pageSize && records.length === fetched.length)) {
    services.cursors.close(id);
    return { totalSize: cursor.totalSize, done: true, records };
  }
  return { totalSize: cursor.totalSize, done: false, nextRecordsUrl: locatorUrl(version, id, next), records };
}

function locatorUrl(version: string, cursor: string, offset: number): string {
  return `/services/data/v${version}/query/${cursor}-${offset}`;
}

/** Sforce-Query-Options: batchSize=n (200 to 2,000; Salesforce treats the value as a hint). */
function pageSize(header: string | string[] | undefined): number {
  const value = Array.isArray(header) ? header[0] : header;
  const m = value ? /batchSize\s*=\s*(\d+)/i.exec(value) : null;
  if (!m) return DEFAULT_PAGE_SIZE;
  return Math.min(DEFAULT_PAGE_SIZE, Math.max(MIN_PAGE_SIZE, Number(m[1])));
}

function explain(services: RestServices, soql: string, version: string, userId: string): Record<string, unknown> {
  const query = prepareQuery(services.ctx.db, services.ctx.schema, soql, {
    apiVersion: version,
    includeDeleted: false,
    timeZone: services.ctx.timeZone,
    now: services.ctx.now(),
    visibility: services.visibility(userId),
  });
  const cardinality = query.totalSize();
  return {
    plans: [
      {
        cardinality,
        fields: [],
        leadingOperationType: 'TableScan',
        notes: [],
        relativeCost: 1.0,
        sobjectCardinality: cardinality,
        sobjectType: query.object.name,
      },
    ],
  };
}

// ---------------------------------------------------------------------------------------------
// columns=true: the query's columns, as Salesforce describes them to the sf CLI

type ColumnMetadata = {
  aggregate: boolean;
  apexType: string | null;
  booleanType: boolean;
  columnName: string;
  custom: boolean;
  displayName: string;
  foreignKeyName: string | null;
  insertable: boolean;
  joinColumns: ColumnMetadata[];
  numberType: boolean;
  textType: boolean;
  updatable: boolean;
};

const APEX_TYPES: Record<FieldDef['type'], string> = {
  id: 'Id',
  reference: 'Id',
  string: 'String',
  textarea: 'String',
  email: 'String',
  phone: 'String',
  url: 'String',
  picklist: 'String',
  multipicklist: 'String',
  encryptedstring: 'String',
  boolean: 'Boolean',
  int: 'Integer',
  double: 'Double',
  percent: 'Double',
  currency: 'Decimal',
  date: 'Date',
  datetime: 'Datetime',
  time: 'Time',
  base64: 'Blob',
};
const NUMBER_TYPES = new Set<FieldDef['type']>(['int', 'double', 'percent', 'currency']);
const TEXT_TYPES = new Set(Object.keys(APEX_TYPES).filter((t) => APEX_TYPES[t as FieldDef['type']] === 'String'));
/** Functions that only format a field: their column is the field's. */
const FIELD_FUNCTIONS = new Set(['tolabel', 'format', 'convertcurrency']);

/** `{columnMetadata, entityName, groupBy, idSelected, keyPrefix}` of a query already checked by prepareQuery. */
function columnMetadata(schema: Schema, object: SObjectDef, soql: string): Record<string, unknown> {
  const query: Query = parseSoql(soql);
  const counter = { expr: 0 };
  const columns = selectColumns(schema, object, query.fields ?? [], counter);
  return {
    columnMetadata: columns,
    entityName: object.name,
    groupBy: query.groupBy !== undefined,
    idSelected: columns.some((c) => c.columnName === 'Id' && c.joinColumns.length === 0),
    keyPrefix: object.keyPrefix,
  };
}

function selectColumns(
  schema: Schema,
  object: SObjectDef,
  items: SelectItem[],
  counter: { expr: number },
): ColumnMetadata[] {
  const columns: ColumnMetadata[] = [];
  for (const item of items) {
    switch (item.type) {
      case 'Field':
        columns.push(fieldColumn(requireField(schema, object, item.field)));
        break;
      case 'FieldRelationship':
        addRelationshipPath(schema, object, columns, relationshipPath(object, item.relationships), item.field);
        break;
      case 'FieldFunctionExpression':
        columns.push(functionColumn(schema, object, item, counter));
        break;
      case 'FieldSubquery':
        columns.push(subqueryColumn(schema, object, item.subquery, counter));
        break;
      case 'FieldTypeof':
        columns.push(typeofColumn(schema, object, item.field, item.conditions[0]));
        break;
    }
  }
  return columns;
}

function requireField(schema: Schema, object: SObjectDef, name: string): FieldDef {
  const field = schema.field(object, name);
  if (!field) throw new OrgApiError(400, 'INVALID_FIELD', `No such column '${name}' on entity '${object.name}'.`);
  return field;
}

function fieldColumn(field: FieldDef): ColumnMetadata {
  return {
    aggregate: false,
    apexType: APEX_TYPES[field.type],
    booleanType: field.type === 'boolean',
    columnName: field.name,
    custom: field.custom,
    displayName: field.name,
    foreignKeyName: null,
    insertable: field.createable,
    joinColumns: [],
    numberType: NUMBER_TYPES.has(field.type),
    textType: TEXT_TYPES.has(field.type),
    updatable: field.updateable,
  };
}

function relationshipColumn(via: FieldDef, name: string): ColumnMetadata {
  return {
    aggregate: false,
    apexType: null,
    booleanType: false,
    columnName: name,
    custom: via.custom,
    displayName: name,
    foreignKeyName: via.name,
    insertable: false,
    joinColumns: [],
    numberType: false,
    textType: false,
    updatable: false,
  };
}

/** `Account.Name` selected from Account itself names the object, not a relationship. */
function relationshipPath(object: SObjectDef, path: string[]): string[] {
  const first = path[0]?.toLowerCase();
  if (path.length < 1 || first !== object.name.toLowerCase()) return path;
  return relationshipField(object, first) ? path : path.slice(1);
}

function relationshipField(object: SObjectDef, name: string): FieldDef | undefined {
  const lower = name.toLowerCase();
  return object.fields.find((f) => f.type === 'reference' && f.relationshipName?.toLowerCase() === lower);
}

/** Adds `Owner.Manager.Name` under the columns it shares with earlier paths (one `Owner` column). */
function addRelationshipPath(
  schema: Schema,
  object: SObjectDef,
  columns: ColumnMetadata[],
  path: string[],
  fieldName: string,
): void {
  let current = object;
  let level = columns;
  for (const [index, name] of path.entries()) {
    const via = relationshipField(current, name);
    if (!via) throw new OrgApiError(400, 'INVALID_FIELD', `Didn't understand relationship '${name}' in field path.`);
    const relName = via.relationshipName ?? name;
    let column = level.find((c) => c.columnName === relName && c.foreignKeyName === via.name);
    if (!column) {
      column = relationshipColumn(via, relName);
      level.push(column);
    }
    current = parentObject(schema, via, index === path.length - 1 ? fieldName : undefined) ?? current;
    level = column.joinColumns;
  }
  if (!level.some((c) => c.columnName.toLowerCase() === fieldName.toLowerCase())) {
    level.push(fieldColumn(requireField(schema, current, fieldName)));
  }
}

/** The parent object of a lookup; for a polymorphic one, the first target that has `fieldName`. */
function parentObject(schema: Schema, via: FieldDef, fieldName: string | undefined): SObjectDef | undefined {
  const targets = via.referenceTo.map((t) => schema.object(t)).filter((o): o is SObjectDef => o !== undefined);
  if (fieldName) return targets.find((t) => schema.field(t, fieldName)) ?? targets[0];
  return targets[0];
}

function functionColumn(
  schema: Schema,
  object: SObjectDef,
  item: Extract<SelectItem, { type: 'FieldFunctionExpression' }>,
  counter: { expr: number },
): ColumnMetadata {
  const argument = typeof item.parameters[0] === 'string' ? item.parameters[0] : undefined;
  if (!item.isAggregateFn && FIELD_FUNCTIONS.has(item.functionName.toLowerCase()) && argument) {
    const column = fieldColumn(requireField(schema, object, argument));
    return item.alias ? { ...column, columnName: item.alias, displayName: item.alias } : column;
  }
  const columnName = item.alias ?? `expr${counter.expr++}`;
  const counts = ['count', 'count_distinct'].includes(item.functionName.toLowerCase());
  const field = argument && !argument.includes('.') ? schema.field(object, argument) : undefined;
  const sameType = ['min', 'max'].includes(item.functionName.toLowerCase()) && field;
  return {
    aggregate: true,
    apexType: counts ? 'Integer' : sameType ? APEX_TYPES[field.type] : null,
    booleanType: false,
    columnName,
    custom: false,
    // An alias names the column everywhere (the sf CLI's CSV header reads displayName).
    displayName: item.alias ?? item.rawValue ?? `${item.functionName}(${argument ?? ''})`,
    foreignKeyName: null,
    insertable: false,
    joinColumns: [],
    numberType: counts || (field ? NUMBER_TYPES.has(field.type) : true),
    textType: sameType ? TEXT_TYPES.has(field.type) : false,
    updatable: false,
  };
}

/** A child subquery: an aggregate column named after the relationship, its fields as join columns. */
function subqueryColumn(
  schema: Schema,
  object: SObjectDef,
  subquery: Subquery,
  counter: { expr: number },
): ColumnMetadata {
  const lower = subquery.relationshipName.toLowerCase();
  const relationship = object.childRelationships.find((r) => r.relationshipName?.toLowerCase() === lower);
  const child = relationship ? schema.object(relationship.childSObject) : undefined;
  if (!relationship?.relationshipName || !child) {
    throw new OrgApiError(400, 'INVALID_TYPE', `Didn't understand relationship '${subquery.relationshipName}'.`);
  }
  return {
    ...relationshipColumn(requireField(schema, child, relationship.field), relationship.relationshipName),
    aggregate: true,
    foreignKeyName: null,
    joinColumns: selectColumns(schema, child, subquery.fields ?? [], counter),
  };
}

function typeofColumn(
  schema: Schema,
  object: SObjectDef,
  name: string,
  condition: { objectType?: string; fieldList: string[] } | undefined,
): ColumnMetadata {
  const via = relationshipField(object, name);
  if (!via) throw new OrgApiError(400, 'INVALID_FIELD', `Didn't understand relationship '${name}' in TYPEOF.`);
  const named = condition?.objectType ? schema.object(condition.objectType) : undefined;
  const target = named ?? parentObject(schema, via, undefined);
  const column = relationshipColumn(via, via.relationshipName ?? name);
  for (const fieldName of condition?.fieldList ?? []) {
    const field = target ? schema.field(target, fieldName) : undefined;
    if (field) column.joinColumns.push(fieldColumn(field));
  }
  return column;
}
