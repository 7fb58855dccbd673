import { setTimeout as sleep } from 'node:timers/promises';
import { isInternalRequest } from '../rest/compositeApi.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { authenticateBearer } from '../auth/index.js';
import type { OrgContext } from '../context.js';
import { OrgApiError } from '../errors.js';
import type { ApiUsage } from '../limits.js';

/** What the fault injection did since the org started (for tests and diagnostics). */
export type FaultStats = {
  /** API calls that went through fault injection. */
  calls: number;
  delayedMs: number;
  served503: number;
  dailyLimitExceeded: number;
  concurrentLimitExceeded: number;
  /** Calls in flight now, and how many of them are long-running. */
  inFlight: number;
  longRunning: number;
};

/** The per-org state of fault injection. */
export type FaultState = {
  stats: Omit<FaultStats, 'inFlight' | 'longRunning'>;
  /** Start times (ms) of the API calls in flight. */
  inFlight: Set<{ startedAt: number }>;
  /** Error diffusion: the 503 rate accumulates here; each whole unit is one 503. */
  errorBudget: number;
  random: () => number;
};

const states = new WeakMap<OrgContext, FaultState>();

/** The fault state of an org (created on first use). */
export function faultState(ctx: OrgContext): FaultState {
  let state = states.get(ctx);
  if (!state) {
    state = {
      stats: { calls: 0, delayedMs: 0, served503: 0, dailyLimitExceeded: 0, concurrentLimitExceeded: 0 },
      inFlight: new Set(),
      errorBudget: 0,
      random: Math.random,
    };
    states.set(ctx, state);
  }
  return state;
}

export function faultStats(ctx: OrgContext): FaultStats {
  const state = faultState(ctx);
  return { ...state.stats, inFlight: state.inFlight.size, longRunning: longRunning(ctx, state) };
}

/** Restarts the 503 spread, so that a new rate applies from the next call on. */
export function resetErrorBudget(ctx: OrgContext): void {
  faultState(ctx).errorBudget = 0;
}

/** Which requests are API calls, and which of them may be failed on purpose. */
export type CallKind = 'none' | 'delay-only' | 'full';

const ADMIN = /^\/services\/data\/v[^/]+\/local(\/|$)/;
const REST = /^\/services\/data\/v[^/]+(\/|$)/;
const UNVERSIONED = /^\/services\/data\/?(\?|$)/;
/** A Bulk 2.0 CSV upload: its body stream is used up, so a retried 503 would send nothing (wire spec §1.7). */
const BULK_UPLOAD = /^\/services\/data\/v[^/]+\/jobs\/ingest\/[^/]+\/batches/;

/**
 * REST (/services/data/vXX.X/..., Bulk 2.0 included) and Bulk 1.0 calls get every fault. SOAP calls
 * and the version list only get latency (their clients expect no JSON errors). The admin endpoint
 * /services/data/vXX.X/local/... gets none, so that a limited or failing org can still be reset.
 */
export function callKind(method: string, url: string): CallKind {
  if (ADMIN.test(url)) return 'none';
  if (url.startsWith('/services/Soap/') || UNVERSIONED.test(url)) return 'delay-only';
  if (REST.test(url) || url.startsWith('/services/async/'))
    return method === 'PUT' && BULK_UPLOAD.test(url) ? 'delay-only' : 'full';
  return 'none';
}

/**
 * Adds the fault-injection hook: latency and jitter, the daily API request limit, the cap on
 * concurrent long-running calls and a rate of 503s, as ctx.settings says at the time of each call.
 * Register it before the REST routes' hooks: a refused call then counts nothing.
 */
export function registerFaultHooks(app: FastifyInstance, ctx: OrgContext, usage: ApiUsage): void {
  const state = faultState(ctx);
  app.addHook('onRequest', async (request, reply) => {
    usage.dailyLimit = ctx.settings.dailyApiRequests;
    const kind = callKind(request.method, request.url);
    // A Composite's subrequests: latency and faults apply to the Composite call itself.
    if (kind === 'none' || isInternalRequest(request)) return;
    state.stats.calls++;
    if (kind === 'full') admit(ctx, state, usage, request);
    track(state, reply);
    await delay(ctx, state);
    if (kind === 'full') maybeUnavailable(ctx, state);
  });
}

/** Refuses a call over the daily allocation or beyond the concurrent long-running cap. */
function admit(ctx: OrgContext, state: FaultState, usage: ApiUsage, request: FastifyRequest): void {
  if (usage.used() >= ctx.settings.dailyApiRequests) {
    // A bad session is still a 401; a good one gets the limit (with its Sforce-Limit-Info header).
    request.session = authenticateBearer(ctx, request.headers.authorization);
    state.stats.dailyLimitExceeded++;
    throw new OrgApiError(403, 'REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.');
  }
  const cap = ctx.settings.maxConcurrentLongRequests;
  if (cap > 0 && longRunning(ctx, state) >= cap) {
    state.stats.concurrentLimitExceeded++;
    throw new OrgApiError(403, 'REQUEST_LIMIT_EXCEEDED', 'ConcurrentPerOrgLongTxn Limit exceeded.');
  }
}

function longRunning(ctx: OrgContext, state: FaultState): number {
  const since = Date.now() - ctx.settings.longRequestMs;
  let count = 0;
  for (const call of state.inFlight) if (call.startedAt <= since) count++;
  return count;
}

/** Counts the call as in flight until its response is finished or its connection closes. */
function track(state: FaultState, reply: FastifyReply): void {
  const call = { startedAt: Date.now() };
  state.inFlight.add(call);
  reply.raw.once('close', () => state.inFlight.delete(call));
}

async function delay(ctx: OrgContext, state: FaultState): Promise<void> {
  const { latencyMs, jitterMs } = ctx.settings;
  const ms = latencyMs + (jitterMs > 0 ? Math.round(state.random() * jitterMs) : 0);
  if (ms <= 0) return;
  state.stats.delayedMs += ms;
  await sleep(ms);
}

/**
 * 503 for a share of the calls. The rate is spread evenly (error diffusion) rather than drawn at
 * random, so that tests and benchmarks see the same calls fail on every run: at 0.5, every second call.
 */
function maybeUnavailable(ctx: OrgContext, state: FaultState): void {
  const rate = ctx.settings.errorRate503;
  if (rate <= 0) return;
  state.errorBudget += rate;
  if (state.errorBudget < 1) return;
  state.errorBudget -= 1;
  state.stats.served503++;
  throw new OrgApiError(
    503,
    'SERVER_UNAVAILABLE',
    'Server temporarily unavailable; please retry your request later (injected by the local org).',
  );
}
