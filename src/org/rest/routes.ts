import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { authenticateBearer, setPassword } from '../auth/index.js';
import type { OrgContext } from '../context.js';
import { MAX_API_VERSION, MIN_API_VERSION } from '../context.js';
import { OrgApiError } from '../errors.js';
import { hasPermission } from '../permissions.js';
import type { ApiUsage } from '../limits.js';
import type { RecordStore } from '../records.js';
import { registerCollectionRoutes } from './collections.js';
import { isInternalRequest, registerCompositeRoutes } from './compositeApi.js';
import { QueryCursors } from './cursors.js';
import { registerQueryRoutes } from './query.js';
import { actorOf, apiVersion, type RestServices, type VersionParams } from './services.js';
import { registerSObjectRoutes } from './sobjects.js';

const VERSIONED = /^\/services\/data\/v[^/]+/;

/** The REST API under /services/data: every versioned request is authenticated and counted. */
export function registerRestRoutes(
  app: FastifyInstance,
  ctx: OrgContext,
  store: RecordStore,
  usage: ApiUsage,
): RestServices {
  const services: RestServices = {
    ctx,
    store,
    usage,
    cursors: new QueryCursors(),
    visibility: () => undefined,
  };
  services.visibility = store.sharing.visibility;
  // First: its gate hook must run before the usage hook below (see registerCompositeRoutes).
  registerCompositeRoutes(app, services);

  app.addHook('onRequest', (request, _reply, done) => {
    if (!VERSIONED.test(request.url)) return done();
    try {
      request.session = authenticateBearer(ctx, request.headers.authorization);
      // A Composite call counts once, not per subrequest.
      if (!isInternalRequest(request)) usage.record();
      done();
    } catch (error) {
      done(error as Error);
    }
  });
  app.addHook('onSend', (request, reply, payload, done) => {
    if (request.session && request.url.startsWith('/services/')) {
      reply.header('Sforce-Limit-Info', `api-usage=${usage.used()}/${usage.dailyLimit}`);
    }
    done(null, payload);
  });

  app.get('/services/data', () => versionList());
  app.get<{ Params: VersionParams }>('/services/data/:version', (request) =>
    resources(services, request.params.version, request.session?.userId),
  );
  app.get<{ Params: VersionParams }>('/services/data/:version/limits', (request) => {
    apiVersion(request.params.version);
    return limits(usage);
  });
  registerSObjectRoutes(app, services);
  registerQueryRoutes(app, services);
  registerCollectionRoutes(app, services);
  registerPasswordRoutes(app, services);
  return services;
}

/** Release names of API versions: 31.0 was Summer '14; three releases a year since. */
export function releaseLabel(major: number): string {
  const k = major - MIN_API_VERSION;
  const year = 14 + Math.floor(k / 3) + (k % 3 === 0 ? 0 : 1);
  const season = ['Summer', 'Winter', 'Spring'][k % 3];
  return `${season} '${String(year).padStart(2, '0')}`;
}

function versionList(): { label: string; url: string; version: string }[] {
  const list = [];
  for (let v = MIN_API_VERSION; v <= MAX_API_VERSION; v++) {
    list.push({
      label: releaseLabel(v),
      url: `/services/data/v${v}.0`,
      version: `${v}.0`,
    });
  }
  return list;
}

function resources(services: RestServices, versionParam: string, userId: string | undefined): Record<string, string> {
  const version = apiVersion(versionParam);
  const base = `/services/data/v${version}`;
  const { ctx } = services;
  return {
    sobjects: `${base}/sobjects`,
    query: `${base}/query`,
    queryAll: `${base}/queryAll`,
    limits: `${base}/limits`,
    composite: `${base}/composite`,
    recent: `${base}/recent`,
    search: `${base}/search`,
    tooling: `${base}/tooling`,
    jobs: `${base}/jobs`,
    identity: `${ctx.baseUrl}/id/${ctx.orgId}/${userId ?? ''}`,
  };
}

function limits(usage: ApiUsage): Record<string, { Max: number; Remaining: number }> {
  const used = usage.used();
  return {
    DailyApiRequests: {
      Max: usage.dailyLimit,
      Remaining: Math.max(0, usage.dailyLimit - used),
    },
    DailyBulkApiBatches: { Max: 15000, Remaining: 15000 },
    DailyBulkV2QueryJobs: { Max: 10000, Remaining: 10000 },
    DailyBulkV2QueryFileStorageMB: { Max: 976562, Remaining: 976562 },
    DailyAsyncApexExecutions: { Max: 250000, Remaining: 250000 },
    ConcurrentAsyncGetReportInstances: { Max: 200, Remaining: 200 },
    DataStorageMB: { Max: 1024, Remaining: 1024 },
    FileStorageMB: { Max: 10240, Remaining: 10240 },
    HourlyODataCallout: { Max: 20000, Remaining: 20000 },
    SingleEmail: { Max: 5000, Remaining: 5000 },
    MassEmail: { Max: 5000, Remaining: 5000 },
  };
}

const passwordBody = z.object({ NewPassword: z.string().min(1).max(1000) });

/** /sobjects/User/{id}/password: set (POST), reset (DELETE) and expiry status (GET). */
function registerPasswordRoutes(app: FastifyInstance, services: RestServices): void {
  const path = '/services/data/:version/sobjects/User/:id/password';
  type Params = VersionParams & { id: string };
  const user = (id: string) => services.store.load(services.store.object('User'), id);

  app.get<{ Params: Params }>(path, (request) => {
    apiVersion(request.params.version);
    user(request.params.id);
    return { isExpired: false };
  });
  // Only the user themself or a user with Manage Users may set or reset a password.
  const mayManage = (request: FastifyRequest, userId: string): void => {
    const actor = actorOf(request);
    if (actor.userId !== userId && !hasPermission(services.ctx, actor.userId, 'PermissionsManageUsers')) {
      throw new OrgApiError(403, 'INSUFFICIENT_ACCESS', 'insufficient access rights on object id');
    }
  };

  app.post<{ Params: Params }>(path, (request, reply) => {
    apiVersion(request.params.version);
    mayManage(request, String(user(request.params.id).Id));
    const parsed = passwordBody.safeParse(request.body);
    if (!parsed.success)
      throw new OrgApiError(400, 'JSON_PARSER_ERROR', 'The request body needs a NewPassword string.');
    setPassword(services.ctx, String(user(request.params.id).Id), parsed.data.NewPassword);
    return reply.status(204).send();
  });
  app.delete<{ Params: Params }>(path, (request) => {
    apiVersion(request.params.version);
    mayManage(request, String(user(request.params.id).Id));
    const generated = `Hv${Math.random().toString(36).slice(2, 10)}!9`;
    setPassword(services.ctx, String(user(request.params.id).Id), generated);
    return { NewPassword: generated };
  });
}
