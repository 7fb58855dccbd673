import { randomBytes } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { OrgContext } from '../context.js';
import { OrgApiError } from '../errors.js';
import { apiVersion, type RestServices, type VersionParams } from './services.js';

/**
 * POST /services/data/vXX.X/composite: up to 25 subrequests run in order as the caller, answered
 * together, counted as ONE API call (Salesforce: "The entire series of requests counts as a single
 * call toward your API limits"). Up to 5 of them may be queries or sObject Collections. A subrequest
 * may use an earlier one's answer through `@{referenceId.path}`. With allOrNone, one failure rolls
 * every subrequest back and the others answer PROCESSING_HALTED.
 *
 * Subrequests go through the server's own routes (over loopback) with an internal marker, so they are
 * validated and answered exactly as the same requests alone; the marker (a random per-process token)
 * keeps them out of the API count and the fault injection (latency and faults apply to the outer call).
 */

const INTERNAL_HEADER = 'x-local-org-internal';
const INTERNAL_TOKEN = randomBytes(16).toString('hex');

/** A subrequest of a Composite call being executed by this server (not counted, not delayed). */
export function isInternalRequest(request: FastifyRequest): boolean {
  return request.headers[INTERNAL_HEADER] === INTERNAL_TOKEN;
}

const MAX_SUBREQUESTS = 25;
const MAX_QUERIES_AND_COLLECTIONS = 5;

const subrequest = z.object({
  method: z.enum(['GET', 'POST', 'PATCH', 'PUT', 'DELETE']),
  url: z.string().min(1),
  referenceId: z.string().regex(/^[A-Za-z0-9_]+$/, 'a referenceId has only letters, digits and underscores'),
  body: z.unknown().optional(),
  httpHeaders: z.record(z.string(), z.string()).optional(),
});
const compositeBody = z.object({
  allOrNone: z.boolean().optional().default(false),
  collateSubrequests: z.boolean().optional(),
  compositeRequest: z.array(subrequest).min(1),
});
type CompositeSubrequest = z.infer<typeof subrequest>;

type Subresponse = {
  body: unknown;
  httpHeaders: Record<string, string>;
  httpStatusCode: number;
  referenceId: string;
};

const HALTED_ROLLED_BACK = [
  {
    errorCode: 'PROCESSING_HALTED',
    message: 'The transaction was rolled back since another operation in the same transaction failed.',
  },
];

const SUPPORTED = /^\/services\/data\/v[^/]+\/(sobjects(\/|$)|query\/?\?|queryAll\/?\?|composite\/sobjects(\/|\?|$))/;
const QUERY_OR_COLLECTIONS = /^\/services\/data\/v[^/]+\/(query|queryAll|composite\/sobjects)/;

/**
 * Who may touch the database while an allOrNone Composite holds its savepoint: nobody but its own
 * subrequests, or its rollback would also undo their writes. A readers-writer gate: every outside
 * request and every Bulk 2.0 batch holds a shared turn while it runs; an allOrNone Composite trades its
 * shared turn for the exclusive one, which waits until the shared turns in flight are over. Turns are
 * granted in arrival order, so shared turns asked for after a waiting exclusive one wait behind it.
 */
export class CompositeGate {
  private shared = 0;
  private exclusive = false;
  private readonly queue: { exclusive: boolean; grant: () => void }[] = [];

  /** A shared turn; the function it resolves to gives it back (once). */
  public async enterShared(): Promise<() => void> {
    if (this.exclusive || this.queue.length > 0) {
      await new Promise<void>((grant) => this.queue.push({ exclusive: false, grant }));
    } else this.shared++;
    return once(() => {
      this.shared--;
      this.pump();
    });
  }

  /** The exclusive turn: no shared turn is held while it is. */
  public async enterExclusive(): Promise<() => void> {
    if (this.exclusive || this.shared > 0 || this.queue.length > 0) {
      await new Promise<void>((grant) => this.queue.push({ exclusive: true, grant }));
    } else this.exclusive = true;
    return once(() => {
      this.exclusive = false;
      this.pump();
    });
  }

  private pump(): void {
    while (!this.exclusive && this.queue.length > 0) {
      const next = this.queue[0]!;
      if (next.exclusive) {
        if (this.shared > 0) return;
        this.exclusive = true;
      } else this.shared++;
      this.queue.shift();
      next.grant();
    }
  }
}

function once(fn: () => void): () => void {
  let done = false;
  return () => {
    if (done) return;
    done = true;
    fn();
  };
}

const gates = new WeakMap<OrgContext, CompositeGate>();

/** The Composite gate of an org (one per running org, in memory). */
export function compositeGate(ctx: OrgContext): CompositeGate {
  let gate = gates.get(ctx);
  if (!gate) {
    gate = new CompositeGate();
    gates.set(ctx, gate);
  }
  return gate;
}

/** The shared turn each outside request holds until its response is done. */
const turns = new WeakMap<FastifyRequest, () => void>();

/**
 * Registers the gate hook and the route. Register it before the API-usage hook: a request that waits
 * at the gate is counted after the wait, outside any allOrNone savepoint (a rollback would undo it).
 */
export function registerCompositeRoutes(app: FastifyInstance, services: RestServices): void {
  const gate = compositeGate(services.ctx);
  app.addHook('onRequest', async (request, reply) => {
    if (isInternalRequest(request)) return;
    const leave = await gate.enterShared();
    turns.set(request, leave);
    // 'close': the response is done or the client is gone (a client that left sees no answer, so an
    // allOrNone rollback of what its request still writes cannot contradict one).
    if (reply.raw.destroyed) leave();
    else reply.raw.once('close', leave);
  });

  app.post<{ Params: VersionParams }>('/services/data/:version/composite', async (request) => {
    const version = apiVersion(request.params.version);
    const body = parseBody(request.body);
    const run = (): Promise<Subresponse[]> =>
      execute(services, request, version, body.compositeRequest, body.allOrNone);
    if (!body.allOrNone) return { compositeResponse: await run() };
    turns.get(request)?.();
    const leave = await gate.enterExclusive();
    try {
      return { compositeResponse: await run() };
    } finally {
      leave();
    }
  });
}

function parseBody(raw: unknown): z.infer<typeof compositeBody> {
  const parsed = compositeBody.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new OrgApiError(
      400,
      'JSON_PARSER_ERROR',
      `The Composite request body is not valid: ${issue ? `${issue.path.join('.')}: ${issue.message}` : 'unknown'}`,
    );
  }
  const requests = parsed.data.compositeRequest;
  if (requests.length > MAX_SUBREQUESTS) {
    throw new OrgApiError(400, 'LIMIT_EXCEEDED', `The request can’t contain more than ${MAX_SUBREQUESTS} operations.`);
  }
  if (requests.filter((r) => QUERY_OR_COLLECTIONS.test(r.url)).length > MAX_QUERIES_AND_COLLECTIONS) {
    throw new OrgApiError(
      400,
      'LIMIT_EXCEEDED',
      `The request can’t contain more than ${MAX_QUERIES_AND_COLLECTIONS} query or sObject Collections operations.`,
    );
  }
  const seen = new Set<string>();
  for (const r of requests) {
    if (seen.has(r.referenceId)) {
      throw new OrgApiError(400, 'INVALID_REQUEST', `Duplicate referenceId provided in the request: ${r.referenceId}`);
    }
    seen.add(r.referenceId);
  }
  return parsed.data;
}

async function execute(
  services: RestServices,
  outer: FastifyRequest,
  version: string,
  requests: readonly CompositeSubrequest[],
  allOrNone: boolean,
): Promise<Subresponse[]> {
  const db = services.ctx.db;
  if (allOrNone) db.exec('SAVEPOINT composite_all_or_none');
  const answers = new Map<string, Subresponse>();
  const out: Subresponse[] = [];
  let failed = false;
  try {
    for (const r of requests) {
      const answer = await executeOne(services.ctx.baseUrl, outer, version, r, answers);
      answers.set(r.referenceId, answer);
      out.push(answer);
      if (answer.httpStatusCode >= 400) {
        failed = true;
        if (allOrNone) break;
      }
    }
  } finally {
    if (allOrNone) {
      if (failed) db.exec('ROLLBACK TO composite_all_or_none');
      db.exec('RELEASE composite_all_or_none');
      // Cached principals (users, roles, groups) may describe rows the rollback removed.
      if (failed) services.store.sharing.invalidate();
    }
  }
  if (!allOrNone || !failed) return out;
  // Rolled back: the failure keeps its error, every other subrequest says why it did not happen.
  return requests.map((r) =>
    (answers.get(r.referenceId)?.httpStatusCode ?? 0) >= 400
      ? answers.get(r.referenceId)!
      : {
          body: HALTED_ROLLED_BACK,
          httpHeaders: {},
          httpStatusCode: 400,
          referenceId: r.referenceId,
        },
  );
}

async function executeOne(
  baseUrl: string,
  outer: FastifyRequest,
  version: string,
  r: CompositeSubrequest,
  answers: ReadonlyMap<string, Subresponse>,
): Promise<Subresponse> {
  const halted = (message: string): Subresponse => ({
    body: [{ errorCode: 'PROCESSING_HALTED', message }],
    httpHeaders: {},
    httpStatusCode: 400,
    referenceId: r.referenceId,
  });
  let url: string;
  let payload: unknown;
  try {
    url = String(resolveReferences(r.url, answers, true));
    payload = r.body === undefined ? undefined : resolveReferences(r.body, answers, false);
  } catch (error) {
    return halted(error instanceof Error ? error.message : String(error));
  }
  if (!url.startsWith(`/services/data/v${version}/`)) {
    return {
      body: [
        {
          errorCode: 'INVALID_REQUEST',
          message: `The subrequest URL must start with /services/data/v${version}/`,
        },
      ],
      httpHeaders: {},
      httpStatusCode: 400,
      referenceId: r.referenceId,
    };
  }
  if (!SUPPORTED.test(url)) {
    return {
      body: [
        {
          errorCode: 'NOT_FOUND',
          message: 'The requested resource does not exist',
        },
      ],
      httpHeaders: {},
      httpStatusCode: 404,
      referenceId: r.referenceId,
    };
  }
  const headers: Record<string, string> = {
    ...Object.fromEntries(
      Object.entries(r.httpHeaders ?? {})
        .map(([k, v]): [string, string] => [k.toLowerCase(), v])
        .filter(([k]) => !FRAMING_HEADERS.has(k)),
    ),
    authorization: String(outer.headers.authorization ?? ''),
    [INTERNAL_HEADER]: INTERNAL_TOKEN,
  };
  if (payload !== undefined) headers['content-type'] = 'application/json';
  const response = await loopback(
    baseUrl,
    r.method,
    url,
    headers,
    payload === undefined ? undefined : JSON.stringify(payload),
  );
  const text = response.body;
  let body: unknown = null;
  if (text !== '') {
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
  }
  const httpHeaders: Record<string, string> = {};
  // A created record's answer names it, as on Salesforce.
  const created = (body as { id?: unknown } | null)?.id;
  const location =
    response.location ??
    (response.status === 201 && typeof created === 'string' && /\/sobjects\/[^/]+\/?$/.test(url)
      ? `${url.replace(/\/$/, '')}/${created}`
      : undefined);
  if (location !== undefined) httpHeaders.Location = location;
  return {
    body,
    httpHeaders,
    httpStatusCode: response.status,
    referenceId: r.referenceId,
  };
}

/** One request to this server over loopback (the org's own URL; its certificate is its own). */
function loopback(
  baseUrl: string,
  method: string,
  path: string,
  headers: Record<string, string>,
  body: string | undefined,
): Promise<{ status: number; body: string; location: string | undefined }> {
  const target = new URL(path, baseUrl);
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(
      target,
      {
        method,
        headers: {
          ...headers,
          ...(body === undefined ? {} : { 'content-length': String(Buffer.byteLength(body)) }),
        },
        rejectUnauthorized: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const location = res.headers.location;
          resolve({
            status: res.statusCode ?? 500,
            body: Buffer.concat(chunks).toString('utf8'),
            location,
          });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Headers of the loopback message itself, which a subrequest's httpHeaders must not set. */
const FRAMING_HEADERS = new Set([
  'content-length',
  'transfer-encoding',
  'connection',
  'keep-alive',
  'host',
  'expect',
  'upgrade',
]);

const REFERENCE = /@\{([A-Za-z0-9_]+)((?:\.[A-Za-z0-9_]+|\[\d+\])*)\}/g;

/** Replaces `@{ref.path}` in strings (deeply); a string that is one whole reference takes the value itself in a body. */
function resolveReferences(value: unknown, answers: ReadonlyMap<string, Subresponse>, inUrl: boolean): unknown {
  if (typeof value === 'string') {
    const whole = /^@\{[^}]+\}$/.test(value);
    if (whole && !inUrl) {
      const m = new RegExp(REFERENCE.source).exec(value);
      if (m) return lookup(m[1] ?? '', m[2] ?? '', answers);
    }
    return value.replace(REFERENCE, (_all, ref: string, path: string) => {
      const found = lookup(ref, path, answers);
      const text = typeof found === 'string' ? found : JSON.stringify(found);
      return inUrl ? encodeURIComponent(text) : text;
    });
  }
  if (Array.isArray(value)) return value.map((v) => resolveReferences(v, answers, inUrl));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveReferences(v, answers, inUrl)]));
  }
  return value;
}

function lookup(ref: string, path: string, answers: ReadonlyMap<string, Subresponse>): unknown {
  const answer = answers.get(ref);
  const fail = (): never => {
    throw new Error(
      `Invalid reference specified. No value for ${ref}${path} found in ${ref}. Provided referenceId ('${ref}') must be a previously executed subrequest that succeeded.`,
    );
  };
  if (answer === undefined || answer.httpStatusCode >= 400) return fail();
  let current: unknown = answer.body;
  for (const step of path.match(/\.[A-Za-z0-9_]+|\[\d+\]/g) ?? []) {
    if (current === null || typeof current !== 'object') return fail();
    const key = step.startsWith('[') ? Number(step.slice(1, -1)) : step.slice(1);
    current = (current as Record<string | number, unknown>)[key];
    if (current === undefined) return fail();
  }
  return current;
}
