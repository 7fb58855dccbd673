import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { MultipleChoicesError, OrgApiError } from '../errors.js';
import type { Actor } from '../records.js';
import type { SObjectDef } from '../schema/types.js';
import { toStoredValue } from '../values.js';
import { describeObject, globalEntry } from './describe.js';
import { actorOf, apiVersion, objectBody, objectParam, type RestServices, type VersionParams } from './services.js';

type ObjectParams = VersionParams & { object: string };
type RecordParams = ObjectParams & { id: string };
type ExternalIdParams = ObjectParams & { field: string; value: string };

const fieldsQuery = z.object({ fields: z.string().optional() });

/** /sobjects: describeGlobal, describe and single-record create, retrieve, update, delete and upsert. */
export function registerSObjectRoutes(app: FastifyInstance, services: RestServices): void {
  const { ctx, store } = services;

  app.get<{ Params: VersionParams }>('/services/data/:version/sobjects', (request) => {
    const version = apiVersion(request.params.version);
    const sobjects = [...ctx.schema.objects.values()].map((o) => globalEntry(o, version));
    return { encoding: 'UTF-8', maxBatchSize: 200, sobjects };
  });

  app.get<{ Params: ObjectParams }>('/services/data/:version/sobjects/:object', (request) => {
    const version = apiVersion(request.params.version);
    const obj = objectParam(services, request.params.object);
    return { objectDescribe: globalEntry(obj, version), recentItems: [] };
  });

  app.get<{ Params: ObjectParams }>('/services/data/:version/sobjects/:object/describe', (request) =>
    describeObject(objectParam(services, request.params.object), apiVersion(request.params.version)),
  );

  app.post<{ Params: ObjectParams }>('/services/data/:version/sobjects/:object', (request, reply) => {
    apiVersion(request.params.version);
    const obj = objectParam(services, request.params.object);
    const id = store.transaction(() => store.create(obj.name, objectBody(request.body), actorOf(request)));
    return reply.status(201).send({ id, success: true, errors: [] });
  });

  app.get<{ Params: RecordParams }>('/services/data/:version/sobjects/:object/:id', (request) => {
    const version = apiVersion(request.params.version);
    const obj = objectParam(services, request.params.object);
    return retrieveOr404(services, obj, request.params.id, version, fieldList(request.query), actorOf(request));
  });

  app.patch<{ Params: RecordParams }>('/services/data/:version/sobjects/:object/:id', (request, reply) => {
    apiVersion(request.params.version);
    const obj = objectParam(services, request.params.object);
    store.transaction(() => store.update(obj.name, request.params.id, objectBody(request.body), actorOf(request)));
    return reply.status(204).send();
  });

  app.delete<{ Params: RecordParams }>('/services/data/:version/sobjects/:object/:id', (request, reply) => {
    apiVersion(request.params.version);
    const obj = objectParam(services, request.params.object);
    store.transaction(() => store.delete(obj.name, request.params.id, actorOf(request)));
    return reply.status(204).send();
  });

  app.get<{ Params: ExternalIdParams }>('/services/data/:version/sobjects/:object/:field/:value', (request) => {
    const version = apiVersion(request.params.version);
    const obj = objectParam(services, request.params.object);
    const actor = actorOf(request);
    // Records the user cannot read neither match nor count towards 300 Multiple Choices.
    const ids = matchingIds(services, obj, request.params.field, request.params.value).filter((id) =>
      store.sharing.canRead(obj, id, actor.userId),
    );
    if (ids.length > 1) throw multipleChoices(obj, ids, version);
    if (ids.length === 0) throw notFoundByExternalId();
    return retrieveOr404(services, obj, ids[0]!, version, fieldList(request.query), actor);
  });

  app.patch<{ Params: ExternalIdParams }>(
    '/services/data/:version/sobjects/:object/:field/:value',
    (request, reply) => {
      const version = apiVersion(request.params.version);
      const obj = objectParam(services, request.params.object);
      const { field, value } = request.params;
      const body = objectBody(request.body);
      const result = store.transaction(() => upsertOne(services, obj, field, value, body, actorOf(request), version));
      if (!result.created && Number(version) < 46) return reply.status(204).send();
      return reply
        .status(result.created ? 201 : 200)
        .send({ id: result.id, success: true, errors: [], created: result.created });
    },
  );
}

/** Upserts one record by external id: insert when no record matches, update when one does, 300 when several do. */
export function upsertOne(
  services: RestServices,
  obj: SObjectDef,
  fieldName: string,
  value: string,
  body: Record<string, unknown>,
  actor: Actor,
  version: string,
): { id: string; created: boolean } {
  const { store } = services;
  const ids = fieldName.toLowerCase() === 'id' ? (value ? [value] : []) : matchingIds(services, obj, fieldName, value);
  if (ids.length > 1) throw multipleChoices(obj, ids, version);
  const field = store.requireField(obj, fieldName);
  const rest = { ...body };
  delete rest[field.name];
  if (ids.length === 1) {
    store.update(obj.name, ids[0]!, rest, actor);
    return { id: store.load(obj, ids[0]!).Id as string, created: false };
  }
  const input = field.name === 'Id' ? rest : { ...rest, [field.name]: value };
  return { id: store.create(obj.name, input, actor), created: true };
}

function matchingIds(services: RestServices, obj: SObjectDef, fieldName: string, value: string): string[] {
  const field = services.store.requireField(obj, fieldName);
  if (!field.externalId && field.name !== 'Id') {
    throw new OrgApiError(
      400,
      'INVALID_FIELD',
      `Field ${field.name} is not an External ID or Id field for ${obj.name}`,
      [field.name],
    );
  }
  return services.store.findByField(obj, field, toStoredValue(field, value));
}

/** A record the session's user may read; 404 NOT_FOUND for missing, deleted and invisible ones alike. */
function retrieveOr404(
  services: RestServices,
  obj: SObjectDef,
  id: string,
  version: string,
  fields: string[] | undefined,
  actor: Actor,
): Record<string, unknown> {
  const record = services.store.retrieve(obj, id, version, fields, actor);
  if (!record) throw new OrgApiError(404, 'NOT_FOUND', 'The requested resource does not exist');
  return record;
}

function fieldList(query: unknown): string[] | undefined {
  const { fields } = fieldsQuery.parse(query);
  return fields
    ?.split(',')
    .map((f) => f.trim())
    .filter(Boolean);
}

function multipleChoices(obj: SObjectDef, ids: string[], version: string): OrgApiError {
  return new MultipleChoicesError(ids.map((id) => `/services/data/v${version}/sobjects/${obj.name}/${id}`));
}

function notFoundByExternalId(): OrgApiError {
  return new OrgApiError(404, 'NOT_FOUND', 'The requested resource does not exist');
}
