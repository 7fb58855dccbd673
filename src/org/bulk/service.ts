import { z } from 'zod';
import type { OrgContext } from '../context.js';
import { notFound, OrgApiError } from '../errors.js';
import { to18 } from '../ids.js';
import { hasPermission } from '../permissions.js';
import type { SObjectDef } from '../schema/types.js';
import { prepareQuery, type QueryOptions } from '../soql/index.js';
import { COLUMN_DELIMITERS, CsvError, CsvReader, csvLine, type ColumnDelimiter, type CsvFormat } from './csv.js';
import { FINAL_STATES, type IngestOperation, type Job, type JobKind, type JobStore, type ResultKind } from './jobs.js';
import type { BulkProcessor } from './processor.js';
import { checkBulkQuery, queryColumns } from './query.js';

/**
 * The Bulk API 2.0 job lifecycle behind the HTTP routes: creating ingest and query jobs (with
 * Salesforce's validation), the upload, state changes, job info and the result files.
 */

const INGEST_OPERATIONS = ['insert', 'update', 'upsert', 'delete', 'hardDelete'] as const;
const QUERY_OPERATIONS = ['query', 'queryAll'] as const;
const LINE_ENDINGS = ['LF', 'CRLF'] as const;

/** Bulk API 2.0 ingest exists from API 41.0, query jobs from 47.0. */
const MIN_INGEST_VERSION = 41;
const MIN_QUERY_VERSION = 47;

const optionalText = z.string().optional();
const ingestBody = z.looseObject({
  object: optionalText,
  operation: optionalText,
  externalIdFieldName: optionalText,
  lineEnding: optionalText,
  columnDelimiter: optionalText,
  assignmentRuleId: optionalText,
  contentType: optionalText,
});
const queryBody = z.looseObject({
  query: optionalText,
  operation: optionalText,
  lineEnding: optionalText,
  columnDelimiter: optionalText,
  contentType: optionalText,
});
const stateBody = z.looseObject({ state: z.string() });

type Visibility = (userId: string) => QueryOptions['visibility'];

export class BulkJobs {
  public constructor(
    private readonly ctx: OrgContext,
    private readonly jobs: JobStore,
    private readonly processor: BulkProcessor,
    private readonly visibility: Visibility,
  ) {}

  public createIngest(body: unknown, userId: string, version: string): Job {
    requireVersion(version, MIN_INGEST_VERSION);
    const parsed = parseBody(ingestBody, body);
    const operation = oneOf(parsed.operation, INGEST_OPERATIONS, 'operation');
    const obj = this.ingestObject(parsed.object, operation);
    const externalIdFieldName =
      operation === 'upsert' ? this.externalIdField(obj, parsed.externalIdFieldName) : undefined;
    if (operation === 'hardDelete' && !hasPermission(this.ctx, userId, 'PermissionsModifyAllData')) {
      throw invalidJob('hardDelete needs the "Bulk API Hard Delete" permission');
    }
    const assignmentRuleId = parsed.assignmentRuleId === undefined ? undefined : ruleId(parsed.assignmentRuleId);
    return this.jobs.create(
      {
        kind: 'ingest',
        operation,
        object: obj.name,
        createdById: userId,
        apiVersion: version,
        ...format(parsed),
        ...(externalIdFieldName ? { externalIdFieldName } : {}),
        ...(assignmentRuleId ? { assignmentRuleId } : {}),
        ...emptyProgress(),
      },
      this.ctx.now(),
      'Open',
    );
  }

  public createQuery(body: unknown, userId: string, version: string): Job {
    requireVersion(version, MIN_QUERY_VERSION);
    const parsed = parseBody(queryBody, body);
    const operation = oneOf(parsed.operation, QUERY_OPERATIONS, 'operation');
    const soql = parsed.query?.trim();
    if (!soql) throw invalidJob('A query is required to create a query job');
    // The query is checked now, as Salesforce does; it runs in the background.
    const query = prepareQuery(this.ctx.db, this.ctx.schema, soql, {
      apiVersion: version,
      includeDeleted: operation === 'queryAll',
      timeZone: this.ctx.timeZone,
      now: this.ctx.now(),
      visibility: this.visibility(userId),
    });
    checkBulkQuery(query, soql);
    const header = queryColumns(this.ctx.schema, query.object, soql).map((c) => c.header);
    const job = this.jobs.create(
      {
        kind: 'query',
        operation,
        object: query.object.name,
        createdById: userId,
        apiVersion: version,
        query: soql,
        header,
        ...format(parsed),
        ...emptyProgress(),
        uploaded: true,
      },
      this.ctx.now(),
      'UploadComplete',
    );
    this.processor.start(job.id);
    return job;
  }

  /** A job of `kind` the user may see (its creator, or a user who views all data), or 404. */
  public get(kind: JobKind, id: string, userId: string): Job {
    const job = this.jobs.get(to18(id) ?? id);
    if (job?.kind !== kind || (job.createdById !== userId && !this.seesAllJobs(userId))) throw notFound();
    return job;
  }

  public list(kind: JobKind, userId: string): Job[] {
    const all = this.seesAllJobs(userId);
    return this.jobs.list(kind).filter((job) => all || job.createdById === userId);
  }

  /** PUT .../batches: the job's one upload. */
  public upload(kind: JobKind, id: string, userId: string, body: unknown): void {
    const job = this.get(kind, id, userId);
    if (body != null && typeof body !== 'string') {
      throw new OrgApiError(400, 'INVALIDJOB', 'The job data must be CSV sent with Content-Type: text/csv');
    }
    if (job.uploaded) {
      throw new OrgApiError(
        400,
        'BULK_API_ERROR',
        `Found multiple contents for job: <${job.id}>, please 'Close' / 'Abort' / 'Delete' the current Job then create a new Job and make sure you only do 'PUT' once on a given Job.`,
      );
    }
    if (job.state !== 'Open') throw wrongState(job, 'upload data to');
    this.jobs.setData(job.id, body ?? '');
    job.uploaded = true;
    this.jobs.save(job, this.ctx.now());
  }

  /** PATCH {state}: close (ingest) or abort a job. */
  public changeState(kind: JobKind, id: string, userId: string, body: unknown): Job {
    const job = this.get(kind, id, userId);
    const parsed = stateBody.safeParse(body);
    const allowed = kind === 'ingest' ? ['UploadComplete', 'Aborted'] : ['Aborted'];
    if (!parsed.success || !allowed.includes(parsed.data.state)) {
      const given = parsed.success ? parsed.data.state : '';
      throw invalidJob(`Invalid state: ${given}. A job's state can be changed to ${allowed.join(' or ')}`);
    }
    if (parsed.data.state === 'Aborted') {
      if (FINAL_STATES.has(job.state)) throw wrongState(job, 'abort');
      job.state = 'Aborted';
      this.jobs.save(job, this.ctx.now());
      return job;
    }
    if (job.state !== 'Open') throw wrongState(job, 'close');
    job.state = 'UploadComplete';
    this.jobs.save(job, this.ctx.now());
    this.processor.start(job.id);
    return job;
  }

  public delete(kind: JobKind, id: string, userId: string): void {
    const job = this.get(kind, id, userId);
    if (!FINAL_STATES.has(job.state)) throw wrongState(job, 'delete');
    this.jobs.delete(job.id);
  }

  /** successfulResults / failedResults: `sf__` columns, then the uploaded columns. */
  public results(id: string, userId: string, kind: ResultKind): string {
    const job = this.get('ingest', id, userId);
    const first = kind === 'success' ? ['sf__Id', 'sf__Created'] : ['sf__Id', 'sf__Error'];
    return csvLine([...first, ...(job.header ?? [])], job) + this.jobs.results(job.id, kind);
  }

  /** unprocessedrecords: the rows an aborted or failed job did not get to, as uploaded. */
  public unprocessed(id: string, userId: string): string {
    const job = this.get('ingest', id, userId);
    const data = job.state === 'Aborted' || job.state === 'Failed' ? this.jobs.data(job.id) : '';
    const reader = new CsvReader(data, job, job.offset);
    const header = job.header ?? readQuietly(reader);
    if (!header) return '';
    let out = csvLine(header, job);
    for (let row = readQuietly(reader); row; row = readQuietly(reader)) out += csvLine(row, job);
    return out;
  }

  public queryPage(
    id: string,
    userId: string,
    locator: string | undefined,
    maxRecords: number | undefined,
  ): { csv: string; next: string; count: number } {
    const job = this.get('query', id, userId);
    if (job.state !== 'JobComplete') throw wrongState(job, 'get the results of');
    const offset = locator === undefined ? 0 : fromLocator(locator);
    const total = job.numberRecordsProcessed;
    const lines = this.jobs.queryRows(job.id, offset, maxRecords ?? Math.max(total, 1));
    const header = csvLine(job.header ?? [], job);
    const end = offset + lines.length;
    return { csv: header + lines.join(''), next: end < total ? toLocator(end) : 'null', count: lines.length };
  }

  /** Users who view all data see every job; others only their own. */
  private seesAllJobs(userId: string): boolean {
    return (
      hasPermission(this.ctx, userId, 'PermissionsViewAllData') ||
      hasPermission(this.ctx, userId, 'PermissionsModifyAllData')
    );
  }

  private ingestObject(name: string | undefined, operation: IngestOperation): SObjectDef {
    if (!name?.trim()) throw invalidJob('An object is required to create a job');
    const obj = this.ctx.schema.object(name.trim());
    if (!obj) throw new OrgApiError(400, 'INVALIDENTITY', `Entity '${name}' is not supported by the Bulk API.`);
    const supported =
      operation === 'insert'
        ? obj.createable
        : operation === 'update'
          ? obj.updateable
          : operation === 'upsert'
            ? obj.createable && obj.updateable
            : obj.deletable;
    if (!supported) throw invalidJob(`Entity type ${obj.name} does not support ${operation}`);
    return obj;
  }

  private externalIdField(obj: SObjectDef, name: string | undefined): string {
    if (!name?.trim()) {
      throw invalidJob(`External ID was blank for ${obj.name}. An External ID must be specified for upsert.`);
    }
    const field = this.ctx.schema.field(obj, name.trim());
    if (!field) throw invalidJob(`Field name not found : ${name}`);
    if (!field.externalId && !field.idLookup && field.name !== 'Id') {
      throw invalidJob(`The field ${field.name} is not an External ID or Id field for ${obj.name}`);
    }
    return field.name;
  }
}

function parseBody<T extends z.ZodType>(schema: T, body: unknown): z.infer<T> {
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const detail = parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ');
    throw invalidJob(`The request body must be a JSON object of job properties (${detail})`);
  }
  return parsed.data;
}

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], name: string): T {
  const found = allowed.find((a) => a === value);
  if (!found) throw invalidJob(`Invalid ${name}: ${value ?? ''}. Allowed values: ${allowed.join(', ')}`);
  return found;
}

function format(parsed: { lineEnding?: string; columnDelimiter?: string; contentType?: string }): CsvFormat {
  if (parsed.contentType !== undefined && parsed.contentType !== 'CSV') {
    throw invalidJob(`Invalid contentType: ${parsed.contentType}. Allowed values: CSV`);
  }
  const delimiters = Object.keys(COLUMN_DELIMITERS) as ColumnDelimiter[];
  return {
    lineEnding: parsed.lineEnding === undefined ? 'LF' : oneOf(parsed.lineEnding, LINE_ENDINGS, 'lineEnding'),
    columnDelimiter:
      parsed.columnDelimiter === undefined ? 'COMMA' : oneOf(parsed.columnDelimiter, delimiters, 'columnDelimiter'),
  };
}

function emptyProgress(): Pick<
  Job,
  | 'uploaded'
  | 'numberRecordsProcessed'
  | 'numberRecordsFailed'
  | 'totalProcessingTime'
  | 'apiActiveProcessingTime'
  | 'offset'
  | 'chunks'
> {
  return {
    uploaded: false,
    numberRecordsProcessed: 0,
    numberRecordsFailed: 0,
    totalProcessingTime: 0,
    apiActiveProcessingTime: 0,
    offset: 0,
    chunks: 0,
  };
}

function ruleId(value: string): string {
  const id = to18(value.trim());
  if (!id) throw invalidJob(`Invalid assignmentRuleId: ${value}`);
  return id;
}

function requireVersion(version: string, min: number): void {
  if (Number(version) < min) throw notFound();
}

function invalidJob(message: string): OrgApiError {
  return new OrgApiError(400, 'INVALIDJOB', message);
}

function wrongState(job: Job, action: string): OrgApiError {
  return new OrgApiError(409, 'INVALIDJOBSTATE', `Cannot ${action} job ${job.id} in state ${job.state}`);
}

function readQuietly(reader: CsvReader): string[] | undefined {
  try {
    return reader.next();
  } catch (error) {
    if (error instanceof CsvError) return undefined;
    throw error;
  }
}

/** Result locators are opaque to clients; like Salesforce's, these are the base64 of a record offset. */
function toLocator(offset: number): string {
  return Buffer.from(String(offset)).toString('base64url');
}

function fromLocator(locator: string): number {
  const text = Buffer.from(locator, 'base64url').toString('utf8');
  const offset = /^\d{1,12}$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(offset)) throw new OrgApiError(400, 'INVALIDLOCATOR', `Invalid locator: ${locator}`);
  return offset;
}
