import type { FastifyRequest } from 'fastify';
import type { OrgContext } from '../context.js';
import { MAX_API_VERSION, MIN_API_VERSION } from '../context.js';
import { invalidSession, notFound, OrgApiError } from '../errors.js';
import type { ApiUsage } from '../limits.js';
import type { Actor, RecordStore } from '../records.js';
import type { SObjectDef } from '../schema/types.js';
import type { QueryOptions } from '../soql/index.js';
import type { QueryCursors } from './cursors.js';

/** What the REST route modules share. */
export type RestServices = {
  ctx: OrgContext;
  store: RecordStore;
  usage: ApiUsage;
  cursors: QueryCursors;
  /** The row-level visibility of a user's queries (the sharing model); undefined sees everything. */
  visibility: (userId: string) => QueryOptions['visibility'];
};

/** Path parameters every versioned route has. */
export type VersionParams = { version: string };

/** "v62.0" -> "62.0"; versions outside the served range are unknown resources, as on Salesforce. */
export function apiVersion(param: string): string {
  const m = /^v(\d{2})\.0$/.exec(param);
  const major = m ? Number(m[1]) : 0;
  if (major < MIN_API_VERSION || major > MAX_API_VERSION) throw notFound();
  return `${major}.0`;
}

export function actorOf(request: FastifyRequest): Actor {
  if (!request.session) throw invalidSession();
  const header = request.headers['sforce-auto-assign'];
  const value = (Array.isArray(header) ? header[0] : header)?.trim().toUpperCase();
  return { userId: request.session.userId, autoAssign: value !== 'FALSE' };
}

/** The object named in a URL, or NOT_FOUND as Salesforce answers for unknown sObject types. */
export function objectParam(services: RestServices, name: string): SObjectDef {
  const obj = services.ctx.schema.object(name);
  if (!obj) {
    throw new OrgApiError(404, 'NOT_FOUND', `The requested resource does not exist`);
  }
  return obj;
}

/** A JSON object body, or a Salesforce-shaped 400. */
export function objectBody(body: unknown): Record<string, unknown> {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new OrgApiError(400, 'JSON_PARSER_ERROR', 'The request body must be a JSON object.');
  }
  return body as Record<string, unknown>;
}
