import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { OrgApiError, type RecordError } from '../errors.js';
import { to18 } from '../ids.js';
import { holdLocks, loadParents, lockKeysOf, lockWrites, unableToLockRow } from '../locks.js';
import type { Row } from '../derived.js';
import type { RecordInput } from '../records.js';
import type { SObjectDef } from '../schema/types.js';
import { toStoredValue } from '../values.js';
import { upsertOne } from './sobjects.js';
import { actorOf, apiVersion, objectParam, type RestServices, type VersionParams } from './services.js';

/** sObject Collections accept at most 200 records per request. */
export const MAX_COLLECTION_SIZE = 200;

const recordSchema = z.looseObject({ attributes: z.looseObject({ type: z.string().min(1) }) });
const writeBody = z.object({ allOrNone: z.boolean().optional().default(false), records: z.array(z.unknown()) });
const retrieveBody = z.object({ ids: z.array(z.string()), fields: z.array(z.string()).min(1) });

type SaveResult = { id: string | null; success: boolean; errors: RecordError[]; created?: boolean };

/** What a record of a request writes, for its lock keys: the object, the record (if it exists) and the input. */
type LockTarget = { obj: SObjectDef; id?: string; input?: RecordInput };

const ROLLED_BACK: RecordError = {
  statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK',
  message: 'Record rolled back because not all records were valid and the request was using AllOrNone header',
  fields: [],
};

/** /composite/sobjects: create, update, delete, retrieve and upsert up to 200 records in one call. */
export function registerCollectionRoutes(app: FastifyInstance, services: RestServices): void {
  const { store } = services;

  app.post<{ Params: VersionParams }>('/services/data/:version/composite/sobjects', async (request, reply) => {
    apiVersion(request.params.version);
    const body = parseWrite(request.body);
    const actor = actorOf(request);
    const target = (raw: unknown): LockTarget | undefined => {
      const { attributes, ...input } = parseRecord(raw);
      const obj = services.ctx.schema.object(attributes.type);
      return obj && { obj, input };
    };
    return saveAll(services, reply, body.allOrNone, body.records, target, (raw) => {
      const record = parseRecord(raw);
      if (record.id !== undefined || record.Id !== undefined) {
        throw new OrgApiError(400, 'INVALID_FIELD', 'cannot specify Id in an insert call', ['Id']);
      }
      const { attributes, ...fields } = record;
      return { id: store.create(attributes.type, fields, actor), created: true };
    });
  });

  app.patch<{ Params: VersionParams }>('/services/data/:version/composite/sobjects', async (request, reply) => {
    apiVersion(request.params.version);
    const body = parseWrite(request.body);
    const actor = actorOf(request);
    const target = (raw: unknown): LockTarget | undefined => {
      const { attributes, id, Id, ...input } = parseRecord(raw);
      const obj = services.ctx.schema.object(attributes.type);
      const recordId = typeof id === 'string' ? id : typeof Id === 'string' ? Id : undefined;
      return obj && { obj, id: recordId, input };
    };
    return saveAll(
      services,
      reply,
      body.allOrNone,
      body.records,
      target,
      (raw, setId) => {
        const { attributes, id, Id, ...fields } = parseRecord(raw);
        const recordId = typeof id === 'string' ? id : typeof Id === 'string' ? Id : undefined;
        if (!recordId) throw new OrgApiError(400, 'MISSING_ARGUMENT', 'Id not specified in an update call', ['Id']);
        setId(recordId);
        store.update(attributes.type, recordId, fields, actor);
        return { id: recordId, created: false };
      },
      false,
      true,
    );
  });

  app.delete<{ Params: VersionParams }>('/services/data/:version/composite/sobjects', async (request, reply) => {
    apiVersion(request.params.version);
    const query = z.object({ ids: z.string().optional(), allOrNone: z.string().optional() }).parse(request.query);
    const ids = (query.ids ?? '').split(',').filter(Boolean);
    if (ids.length === 0) throw new OrgApiError(400, 'MISSING_ARGUMENT', 'ids parameter is required');
    const actor = actorOf(request);
    const target = (raw: unknown): LockTarget | undefined => {
      const obj = services.ctx.schema.objectForId(String(raw));
      return obj && { obj, id: String(raw) };
    };
    return saveAll(services, reply, query.allOrNone === 'true', ids, target, (raw, setId) => {
      const id = String(raw);
      setId(id);
      const obj = services.ctx.schema.objectForId(id);
      if (!obj) throw new OrgApiError(400, 'MALFORMED_ID', `malformed id ${id}`, []);
      store.delete(obj.name, id, actor);
      return { id, created: false };
    });
  });

  app.post<{ Params: VersionParams & { object: string } }>(
    '/services/data/:version/composite/sobjects/:object',
    (request) => {
      const version = apiVersion(request.params.version);
      const obj = objectParam(services, request.params.object);
      const parsed = retrieveBody.safeParse(request.body);
      if (!parsed.success) {
        throw new OrgApiError(
          400,
          'JSON_PARSER_ERROR',
          'The request body needs "ids" (array of Ids) and "fields" (array of field names).',
        );
      }
      if (parsed.data.ids.length > 2000) {
        throw new OrgApiError(
          400,
          'EXCEEDED_ID_LIMIT',
          'record limit reached. cannot submit more than 2000 records into this call',
        );
      }
      for (const f of parsed.data.fields) store.requireField(obj, f);
      const actor = actorOf(request);
      return store.retrieveMany(obj, parsed.data.ids, version, parsed.data.fields, actor).map((r) => r ?? null);
    },
  );

  app.patch<{ Params: VersionParams & { object: string; field: string } }>(
    '/services/data/:version/composite/sobjects/:object/:field',
    async (request, reply) => {
      const version = apiVersion(request.params.version);
      const obj = objectParam(services, request.params.object);
      const body = parseWrite(request.body);
      const actor = actorOf(request);
      const extField = store.requireField(obj, request.params.field);
      const target = (raw: unknown): LockTarget => {
        const input: RecordInput = { ...parseRecord(raw) };
        delete input.attributes;
        const key = Object.keys(input).find((k) => k.toLowerCase() === extField.name.toLowerCase());
        const value = key === undefined ? undefined : input[key];
        const matches =
          typeof value === 'string' || typeof value === 'number'
            ? extField.name === 'Id'
              ? [String(value)]
              : store.findByField(obj, extField, toStoredValue(extField, value))
            : [];
        return { obj, id: matches.length === 1 ? matches[0] : undefined, input };
      };
      return saveAll(
        services,
        reply,
        body.allOrNone,
        body.records,
        target,
        (raw) => {
          const fields: Record<string, unknown> = { ...parseRecord(raw) };
          delete fields.attributes;
          const key = Object.keys(fields).find((k) => k.toLowerCase() === request.params.field.toLowerCase());
          const value = key ? fields[key] : undefined;
          if (value === undefined || value === null) {
            throw new OrgApiError(400, 'MISSING_ARGUMENT', `${request.params.field} not specified`, [
              request.params.field,
            ]);
          }
          if (typeof value === 'object') {
            throw new OrgApiError(400, 'JSON_PARSER_ERROR', `${request.params.field} must be a string or a number`);
          }
          return upsertOne(
            services,
            obj,
            request.params.field,
            typeof value === 'string' ? value : JSON.stringify(value),
            fields,
            actor,
            version,
          );
        },
        true,
      );
    },
  );
}

function parseWrite(body: unknown): { allOrNone: boolean; records: unknown[] } {
  const parsed = writeBody.safeParse(body);
  if (!parsed.success) {
    throw new OrgApiError(
      400,
      'JSON_PARSER_ERROR',
      'The request body needs "records" (an array) and an optional boolean "allOrNone".',
    );
  }
  return parsed.data;
}

function parseRecord(raw: unknown): z.infer<typeof recordSchema> & Record<string, unknown> {
  const parsed = recordSchema.safeParse(raw);
  if (!parsed.success) {
    throw new OrgApiError(
      400,
      'INVALID_FIELD',
      'No SObject Type defined in the record: every record needs attributes.type',
    );
  }
  return parsed.data;
}

/**
 * Applies `save` to every record in order, each in its own savepoint. With allOrNone, one failure
 * rolls back the whole request: the failing records keep their errors, the others are reported as
 * rolled back.
 *
 * Before writing, the request locks every record it writes and their parent accounts (see locks.ts);
 * a record whose locks were not obtained within the org's lock wait fails with UNABLE_TO_LOCK_ROW.
 * The locks are held until the response has been sent, any added latency included.
 */
async function saveAll(
  services: RestServices,
  reply: FastifyReply,
  allOrNone: boolean,
  records: unknown[],
  targetOf: (record: unknown) => LockTarget | undefined,
  save: (record: unknown, setId: (id: string) => void) => { id: string; created: boolean },
  reportCreated = false,
  prefetch = false,
): Promise<SaveResult[]> {
  if (records.length > MAX_COLLECTION_SIZE) {
    throw new OrgApiError(
      400,
      'EXCEEDED_ID_LIMIT',
      'record limit reached. cannot submit more than 200 records into this call',
    );
  }
  const { store, ctx } = services;
  const targets = records.map((record) => quietly(() => targetOf(record)));
  const keySets = lockKeySets(services, targets);
  const locks = await lockWrites(ctx, keySets);
  releaseWhenSent(reply, () => locks.release());
  const write = (): SaveResult[] =>
    records.map((record, i) => {
      let id: string | null = null;
      try {
        const busy = locks.busy(keySets[i] ?? []);
        if (busy) {
          id = targets[i]?.id ?? null;
          throw unableToLockRow(busy);
        }
        const result = store.transaction(() => save(record, (known) => (id = known)));
        return { id: result.id, success: true, errors: [], created: result.created };
      } catch (error) {
        if (!(error instanceof OrgApiError) || error.status >= 500) throw error;
        return { id, success: false, errors: [error.toRecordError()], created: id === null };
      }
    });
  // The request's writes run as one batch; updates of records of one object read those in one query
  // first (see RecordStore.withPrefetch).
  const objects = new Set(targets.map((t) => t?.obj));
  const only = prefetch && objects.size === 1 ? targets[0]?.obj : undefined;
  const ids = targets.flatMap((t) => (t?.id === undefined ? [] : (to18(t.id) ?? [])));
  const run = (): SaveResult[] =>
    keepingWrites(services, () => (only && ids.length > 0 ? store.withPrefetch(only, ids, write) : store.batch(write)));
  const shape = (r: SaveResult): SaveResult => {
    const { created, ...rest } = r;
    return reportCreated ? { ...rest, created: created ?? false } : rest;
  };

  const results = allOrNone ? runAllOrNone(services, run) : run();
  await holdLocks(ctx);
  return results.map(shape);
}

function runAllOrNone(services: RestServices, run: () => SaveResult[]): SaveResult[] {
  let results: SaveResult[] = [];
  try {
    services.store.transaction(() => {
      results = run();
      if (results.some((r) => !r.success)) throw new RollBack();
    });
  } catch (error) {
    if (!(error instanceof RollBack)) throw error;
    // Salesforce reports rolled-back upserts as created: the records no longer exist.
    return results.map((r) => (r.success ? { id: null, success: false, errors: [ROLLED_BACK], created: true } : r));
  }
  return results;
}

/**
 * The lock keys of each record: itself and its parent accounts before (the stored parents, read in
 * one query per object) and after the write.
 */
function lockKeySets(services: RestServices, targets: (LockTarget | undefined)[]): string[][] {
  const ids = targets.map((target) => (target?.id === undefined ? undefined : to18(target.id)));
  const byObject = new Map<SObjectDef, string[]>();
  targets.forEach((target, i) => {
    const id = ids[i];
    if (!target || !id) return;
    const list = byObject.get(target.obj) ?? [];
    list.push(id);
    byObject.set(target.obj, list);
  });
  const parents = new Map<SObjectDef, Map<string, Row>>();
  for (const [obj, list] of byObject) parents.set(obj, loadParents(services.ctx, obj, list));
  return targets.map((target, i) => {
    if (!target) return [];
    const id = ids[i];
    const before = id ? parents.get(target.obj)?.get(id) : undefined;
    return lockKeysOf(services.ctx, target.obj, id, before, target.input);
  });
}

/**
 * Runs the writes of a request in one transaction. Each record has its own savepoint, so one commit
 * per request keeps what one commit per record kept; what was written before an unexpected error is
 * kept too (the error is then thrown on).
 */
function keepingWrites<T>(services: RestServices, fn: () => T): T {
  let failure: { error: unknown } | undefined;
  const result = services.store.transaction(() => {
    try {
      return fn();
    } catch (error) {
      failure = { error };
      return undefined;
    }
  });
  if (failure) throw failure.error;
  return result as T;
}

/** A malformed record has no lock target; its write reports the error. */
function quietly<T>(fn: () => T): T | undefined {
  try {
    return fn();
  } catch {
    return undefined;
  }
}

/** Runs `release` once the response is finished or the connection is gone. */
function releaseWhenSent(reply: FastifyReply, release: () => void): void {
  if (reply.raw.destroyed) {
    release();
    return;
  }
  reply.raw.once('close', release);
}

class RollBack extends Error {}
