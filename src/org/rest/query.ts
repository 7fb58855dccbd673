import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { OrgApiError } from '../errors.js';
import { prepareQuery, type PreparedQuery } from '../soql/index.js';
import { DEFAULT_PAGE_SIZE, MIN_PAGE_SIZE } from './cursors.js';
import { actorOf, apiVersion, type RestServices, type VersionParams } from './services.js';

const queryString = z.object({ q: z.string().optional(), explain: z.string().optional() });

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
  const totalSize = query.totalSize();
  if (query.isCountOnly) return { totalSize, done: true, records: [] };
  const pageSize = query.isAggregate ? Math.max(totalSize, 1) : size;
  const records = query.fetch(0, pageSize);
  if (records.length >= totalSize || records.length < pageSize) return { totalSize, done: true, records };
  const cursor = services.cursors.open(query, totalSize, pageSize);
  return { totalSize, done: false, nextRecordsUrl: locatorUrl(version, cursor, pageSize), records };
}

function nextPage(services: RestServices, locator: string, version: string): Record<string, unknown> {
  const { cursor, offset, id } = services.cursors.get(locator);
  const records = cursor.query.fetch(offset, cursor.pageSize);
  const next = offset + records.length;
  if (next >= cursor.totalSize || records.length < cursor.pageSize) {
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
