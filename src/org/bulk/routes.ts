import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { OrgApiError } from '../errors.js';
import { actorOf, apiVersion, type RestServices, type VersionParams } from '../rest/services.js';
import type { Job, JobKind, ResultKind } from './jobs.js';
import { JobStore } from './jobs.js';
import { BulkProcessor } from './processor.js';
import { BulkJobs } from './service.js';

/**
 * Bulk API 2.0 over HTTP: ingest jobs under /services/data/vXX.X/jobs/ingest and query jobs under
 * /jobs/query, as jsforce's `conn.bulk2` and the sf CLI use them. Jobs are processed in the
 * background; a job that was running when the org stopped resumes when it starts again.
 */

type JobParams = VersionParams & { jobId: string };

/** Finished jobs are kept 7 days, as on Salesforce. */
const RETENTION_MS = 7 * 24 * 60 * 60 * 1000;

const CSV = 'text/csv; charset=UTF-8';

const resultsQuery = z.object({
  locator: z.string().min(1).max(100).optional(),
  maxRecords: z.coerce.number().int().min(1).max(100_000_000).optional(),
});

export function registerBulkRoutes(app: FastifyInstance, services: RestServices): void {
  const { ctx, store } = services;
  const jobs = new JobStore(ctx.db);
  jobs.purge(new Date(ctx.now().getTime() - RETENTION_MS));
  const visibility = (userId: string) => services.visibility(userId);
  const processor = new BulkProcessor({ ctx, store, jobs, visibility });
  const bulk = new BulkJobs(ctx, jobs, processor, visibility);

  app.addHook('onReady', (done) => {
    processor.resumeUnfinished();
    done();
  });
  app.addHook('onClose', (_instance, done) => {
    processor.stop();
    done();
  });

  registerIngestRoutes(app, bulk);
  registerQueryRoutes(app, bulk);
}

function registerIngestRoutes(app: FastifyInstance, bulk: BulkJobs): void {
  const base = '/services/data/:version/jobs/ingest';

  app.post<{ Params: VersionParams }>(base, (request) => {
    const version = apiVersion(request.params.version);
    return ingestInfo(bulk.createIngest(request.body, actorOf(request).userId, version), false);
  });
  app.get<{ Params: VersionParams }>(base, (request) => {
    apiVersion(request.params.version);
    const records = bulk.list('ingest', actorOf(request).userId).map((job) => ingestInfo(job, false));
    return { done: true, records, nextRecordsUrl: null };
  });
  registerJobRoutes(app, bulk, 'ingest', base);

  app.put<{ Params: JobParams }>(`${base}/:jobId/batches`, (request, reply) => {
    apiVersion(request.params.version);
    bulk.upload('ingest', request.params.jobId, actorOf(request).userId, request.body);
    return reply.status(201).send();
  });

  const results: [string, ResultKind][] = [
    ['successfulResults', 'success'],
    ['failedResults', 'failed'],
  ];
  for (const [path, kind] of results) {
    app.get<{ Params: JobParams }>(`${base}/:jobId/${path}`, (request, reply) => {
      apiVersion(request.params.version);
      return csv(reply, bulk.results(request.params.jobId, actorOf(request).userId, kind));
    });
  }
  // Salesforce spells this one in lower case; the camel-case form is accepted too.
  for (const path of ['unprocessedrecords', 'unprocessedRecords']) {
    app.get<{ Params: JobParams }>(`${base}/:jobId/${path}`, (request, reply) => {
      apiVersion(request.params.version);
      return csv(reply, bulk.unprocessed(request.params.jobId, actorOf(request).userId));
    });
  }
}

function registerQueryRoutes(app: FastifyInstance, bulk: BulkJobs): void {
  const base = '/services/data/:version/jobs/query';

  app.post<{ Params: VersionParams }>(base, (request) => {
    const version = apiVersion(request.params.version);
    return queryInfo(bulk.createQuery(request.body, actorOf(request).userId, version), false);
  });
  app.get<{ Params: VersionParams }>(base, (request) => {
    apiVersion(request.params.version);
    const records = bulk.list('query', actorOf(request).userId).map((job) => queryInfo(job, false));
    return { done: true, records, nextRecordsUrl: null };
  });
  registerJobRoutes(app, bulk, 'query', base);

  app.get<{ Params: JobParams }>(`${base}/:jobId/results`, (request, reply) => {
    apiVersion(request.params.version);
    const params = resultsQuery.safeParse(request.query);
    if (!params.success) {
      throw new OrgApiError(400, 'INVALIDJOB', 'maxRecords must be a positive integer and locator a result locator');
    }
    const page = bulk.queryPage(
      request.params.jobId,
      actorOf(request).userId,
      params.data.locator,
      params.data.maxRecords,
    );
    // jsforce reads pages until Sforce-Locator is the text "null": it must be on every answer.
    reply.header('Sforce-Locator', page.next).header('Sforce-NumberOfRecords', String(page.count));
    return csv(reply, page.csv);
  });
}

/** GET, PATCH (close / abort) and DELETE of one job. */
function registerJobRoutes(app: FastifyInstance, bulk: BulkJobs, kind: JobKind, base: string): void {
  const info = (job: Job, full: boolean) => (kind === 'ingest' ? ingestInfo(job, full) : queryInfo(job, full));
  const user = (request: FastifyRequest) => actorOf(request).userId;

  app.get<{ Params: JobParams }>(`${base}/:jobId`, (request) => {
    apiVersion(request.params.version);
    return info(bulk.get(kind, request.params.jobId, user(request)), true);
  });
  app.patch<{ Params: JobParams }>(`${base}/:jobId`, (request) => {
    apiVersion(request.params.version);
    return info(bulk.changeState(kind, request.params.jobId, user(request), request.body), false);
  });
  app.delete<{ Params: JobParams }>(`${base}/:jobId`, (request, reply) => {
    apiVersion(request.params.version);
    bulk.delete(kind, request.params.jobId, user(request));
    return reply.status(204).send();
  });
}

function csv(reply: FastifyReply, body: string): FastifyReply {
  return reply.type(CSV).send(body);
}

/** JobInfo of an ingest job: the create/PATCH answer, or with `full` the counters GET adds. */
export function ingestInfo(job: Job, full: boolean): Record<string, unknown> {
  const info: Record<string, unknown> = {
    id: job.id,
    operation: job.operation,
    object: job.object,
    createdById: job.createdById,
    createdDate: job.createdDate,
    systemModstamp: job.systemModstamp,
    state: job.state,
    ...(job.externalIdFieldName ? { externalIdFieldName: job.externalIdFieldName } : {}),
    ...(job.assignmentRuleId ? { assignmentRuleId: job.assignmentRuleId } : {}),
    concurrencyMode: 'Parallel',
    contentType: 'CSV',
    apiVersion: Number(job.apiVersion),
    contentUrl: `services/data/v${job.apiVersion}/jobs/ingest/${job.id}/batches`,
    lineEnding: job.lineEnding,
    columnDelimiter: job.columnDelimiter,
  };
  if (!full) return info;
  return {
    ...info,
    jobType: 'V2Ingest',
    numberRecordsProcessed: job.numberRecordsProcessed,
    numberRecordsFailed: job.numberRecordsFailed,
    retries: 0,
    totalProcessingTime: job.totalProcessingTime,
    apiActiveProcessingTime: job.apiActiveProcessingTime,
    apexProcessingTime: 0,
    ...(job.state === 'Failed' && job.errorMessage ? { errorMessage: job.errorMessage } : {}),
  };
}

/** JobInfo of a query job. */
export function queryInfo(job: Job, full: boolean): Record<string, unknown> {
  const info: Record<string, unknown> = {
    id: job.id,
    operation: job.operation,
    object: job.object,
    createdById: job.createdById,
    createdDate: job.createdDate,
    systemModstamp: job.systemModstamp,
    state: job.state,
    concurrencyMode: 'Parallel',
    contentType: 'CSV',
    apiVersion: Number(job.apiVersion),
    lineEnding: job.lineEnding,
    columnDelimiter: job.columnDelimiter,
  };
  if (!full) return info;
  return {
    ...info,
    jobType: 'V2Query',
    numberRecordsProcessed: job.numberRecordsProcessed,
    retries: 0,
    totalProcessingTime: job.totalProcessingTime,
    isPkChunkingSupported: false,
    ...(job.state === 'Failed' && job.errorMessage ? { errorMessage: job.errorMessage } : {}),
  };
}
