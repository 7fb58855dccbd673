import type { ProgressEvent } from '../core/reassign/index.js';
import type { HttpRequest, OrgConnection, QueryResult } from '../salesforce/connection.js';

/**
 * What each API call of a reassignment run was for, counted on the client: a proxy of the connection
 * that classifies every query, queryMore and request (the org counts the same calls, without knowing
 * what for). Stages follow the run's progress events: `plan` (load, owner reads, lease, preflight)
 * until run_started, `execute` until run_finished, `finish` after (verify, status, audit).
 */
export type CallKind =
  | 'handover' // header, lease, status, signatures, notes, audit events, identity, describes
  | 'items' // loading the Handover_Item__c rows
  | 'reads' // owner reads (REST queries or Bulk API 2.0 query jobs)
  | 'journal' // Transfer_Status__c writes (collections or Bulk API 2.0 ingest jobs)
  | 'writes' // owner writes (collections or Bulk API 2.0 ingest jobs)
  | 'teams' // account and opportunity team snapshots and restores
  | 'limits'
  | 'polls' // Bulk API 2.0 job status checks
  | 'other';

export type Stage = 'plan' | 'execute' | 'finish';

export type CallCounts = {
  total: number;
  byKind: Record<CallKind, number>;
  byStage: Record<Stage, number>;
  /** Bulk API 2.0 jobs the run created (ingest and query). */
  bulkJobs: number;
  /** Wall time per stage (from the counter's creation to run_started, to run_finished, to snapshot()). */
  stageMs: Record<Stage, number>;
};

const KINDS: readonly CallKind[] = [
  'handover',
  'items',
  'reads',
  'journal',
  'writes',
  'teams',
  'limits',
  'polls',
  'other',
];

const HANDOVER_OBJECTS = new Set(['Handover__c', 'Handover_Event__c', 'Handover_Signature__c', 'Handover_Contact__c']);
const TEAM_OBJECTS = new Set(['AccountTeamMember', 'OpportunityTeamMember']);
const JOB = /\/jobs\/(ingest|query)\/([^/?]+)(\/[^?]*)?/;

function kindOfObject(object: string | undefined): CallKind {
  if (object === undefined) return 'other';
  if (object === 'Handover_Item__c') return 'items';
  if (HANDOVER_OBJECTS.has(object)) return 'handover';
  if (TEAM_OBJECTS.has(object)) return 'teams';
  return 'reads';
}

function fromObject(soql: string): string | undefined {
  return /\bFROM\s+([A-Za-z0-9_]+)/i.exec(soql)?.[1];
}

function bodyOf(request: HttpRequest): Record<string, unknown> {
  if (request.body === undefined || request.headers?.['Content-Type'] === 'text/csv') return {};
  try {
    const parsed: unknown = JSON.parse(request.body);
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** The kind of a write of `object` records: journal for items, handover for its own objects, else owner writes. */
function writeKind(object: unknown): CallKind {
  if (object === 'Handover_Item__c') return 'journal';
  if (typeof object === 'string' && HANDOVER_OBJECTS.has(object)) return 'handover';
  if (typeof object === 'string' && TEAM_OBJECTS.has(object)) return 'teams';
  return typeof object === 'string' ? 'writes' : 'other';
}

export class CallCounter {
  public readonly conn: OrgConnection;
  private stage: Stage = 'plan';
  private readonly counts: CallCounts = {
    total: 0,
    byKind: Object.fromEntries(KINDS.map((k) => [k, 0])) as Record<CallKind, number>,
    byStage: { plan: 0, execute: 0, finish: 0 },
    bulkJobs: 0,
    stageMs: { plan: 0, execute: 0, finish: 0 },
  };
  private stageStarted = performance.now();
  /** nextRecordsUrl -> the kind of the query it continues. */
  private readonly locators = new Map<string, CallKind>();
  /** Bulk API 2.0 job id -> the kind of its calls. */
  private readonly jobs = new Map<string, CallKind>();

  public constructor(target: OrgConnection) {
    const query = async (soql: string): Promise<QueryResult<unknown>> => {
      const kind = kindOfObject(fromObject(soql));
      this.count(kind, `query ${soql.slice(0, 120)}`);
      return this.remember(kind, await target.query(soql));
    };
    const queryMore = async (locator: string): Promise<QueryResult<unknown>> => {
      const kind = this.locators.get(locator) ?? 'other';
      this.locators.delete(locator);
      this.count(kind, 'queryMore');
      return this.remember(kind, await target.queryMore(locator));
    };
    const request = async <T>(req: string | HttpRequest, options?: { responseType?: string }): Promise<T> => {
      const http: HttpRequest = typeof req === 'string' ? { method: 'GET', url: req } : req;
      const kind = this.kindOfRequest(http);
      this.count(kind, `${http.method} ${http.url}`);
      const response = await target.request<T>(req, options);
      this.rememberJob(http, kind, response);
      return response;
    };
    const describeGlobal = async (): Promise<unknown> => {
      this.count('handover', 'describeGlobal');
      return await target.describeGlobal();
    };
    const describe = async (type: string): Promise<unknown> => {
      this.count('handover', `describe ${type}`);
      return await target.describe(type);
    };
    this.conn = new Proxy(target, {
      get(t, prop) {
        if (prop === 'describeGlobal') return describeGlobal;
        if (prop === 'describe') return describe;
        if (prop === 'query') return query;
        if (prop === 'queryMore') return queryMore;
        if (prop === 'request') return request;
        const value: unknown = Reflect.get(t, prop, t);
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(t) : value;
      },
    });
  }

  /** Pass as RunOptions.onProgress: moves the stage on. */
  public readonly onProgress = (_state: unknown, event: ProgressEvent): void => {
    if (event.type === 'run_started') this.enter('execute');
    if (event.type === 'run_finished') this.enter('finish');
  };

  /** Starts the clock of the plan stage (call just before the run). */
  public start(): void {
    this.stageStarted = performance.now();
  }

  public snapshot(): CallCounts {
    const stageMs = { ...this.counts.stageMs };
    stageMs[this.stage] += Math.round(performance.now() - this.stageStarted);
    return { ...this.counts, byKind: { ...this.counts.byKind }, byStage: { ...this.counts.byStage }, stageMs };
  }

  private enter(stage: Stage): void {
    const now = performance.now();
    this.counts.stageMs[this.stage] += Math.round(now - this.stageStarted);
    this.stageStarted = now;
    this.stage = stage;
  }

  private count(kind: CallKind, what = ''): void {
    // HANDOVER_BENCH_TRACE=1 lists every call (to see where a run spends them).
    if (process.env.HANDOVER_BENCH_TRACE === '1')
      process.stderr.write(`${Math.round(performance.now())} [${this.stage}] ${kind} ${what}\n`);
    this.counts.total++;
    this.counts.byKind[kind]++;
    this.counts.byStage[this.stage]++;
  }

  private remember(kind: CallKind, page: QueryResult<unknown>): QueryResult<unknown> {
    if (!page.done && page.nextRecordsUrl !== undefined) this.locators.set(page.nextRecordsUrl, kind);
    return page;
  }

  private kindOfRequest(http: HttpRequest): CallKind {
    const url = http.url;
    if (/\/limits\/?$/.test(url)) return 'limits';
    const job = JOB.exec(url);
    if (job) {
      const [, , id, rest] = job;
      // GET /jobs/<type>/<id>: the status poll.
      if (http.method === 'GET' && (rest === undefined || rest === '' || rest === '/')) return 'polls';
      return this.jobs.get(id ?? '') ?? 'other';
    }
    if (/\/jobs\/ingest\/?$/.test(url)) return writeKind(bodyOf(http).object);
    if (/\/jobs\/query\/?$/.test(url)) {
      const soql = bodyOf(http).query;
      return typeof soql === 'string' ? kindOfObject(fromObject(soql)) : 'reads';
    }
    if (/\/composite\/?$/.test(url)) return this.kindOfComposite(bodyOf(http).compositeRequest);
    const retrieve = /\/composite\/sobjects\/([A-Za-z0-9_]+)\/?$/.exec(url);
    // POST /composite/sobjects/<object> {ids, fields}: sObject Collections retrieve.
    if (http.method === 'POST' && retrieve) return kindOfObject(retrieve[1]);
    if (url.includes('/composite/sobjects')) {
      const records = bodyOf(http).records;
      const first: unknown = Array.isArray(records) ? records[0] : undefined;
      const type = (first as { attributes?: { type?: unknown } } | undefined)?.attributes?.type;
      return writeKind(type);
    }
    const sobject = /\/sobjects\/([A-Za-z0-9_]+)/.exec(url)?.[1];
    if (sobject !== undefined) return writeKind(sobject);
    if (/^\/services\/data\/v[\d.]+\/?$/.test(url)) return 'handover';
    return 'other';
  }

  /** A Composite call (one API call) is counted by its first subrequest: a query's object, or the object written. */
  private kindOfComposite(subrequests: unknown): CallKind {
    const first: unknown = Array.isArray(subrequests) ? subrequests[0] : undefined;
    const url = (first as { url?: unknown } | undefined)?.url;
    if (typeof url !== 'string') return 'other';
    const q = /[?&]q=([^&]*)/.exec(url)?.[1];
    if (q !== undefined) return kindOfObject(fromObject(decodeURIComponent(q)));
    return writeKind(/\/sobjects\/([A-Za-z0-9_]+)/.exec(url)?.[1]);
  }

  private rememberJob(http: HttpRequest, kind: CallKind, response: unknown): void {
    if (http.method !== 'POST' || !/\/jobs\/(ingest|query)\/?$/.test(http.url)) return;
    const id = (response as { id?: unknown } | null)?.id;
    if (typeof id === 'string') {
      this.jobs.set(id, kind);
      this.counts.bulkJobs++;
    }
  }
}
