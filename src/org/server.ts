import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import formbody from '@fastify/formbody';
import type { OrgContext } from './context.js';
import { OrgApiError } from './errors.js';
import { registerAuthRoutes } from './auth/routes.js';
import { registerBulkRoutes } from './bulk/index.js';
import { registerFaults } from './faults/index.js';
import { registerRestRoutes } from './rest/routes.js';
import type { RecordStore } from './records.js';
import type { ApiUsage } from './limits.js';

/** Largest request body accepted (Bulk API 2.0 allows 150 MB uploads; REST bodies are far smaller). */
export const BODY_LIMIT = 150 * 1024 * 1024;

/** Builds the local org's HTTP server (not yet listening). */
export async function createOrgServer(ctx: OrgContext, store: RecordStore, usage: ApiUsage): Promise<FastifyInstance> {
  const app = Fastify({
    bodyLimit: BODY_LIMIT,
    // The sf CLI stores instance URLs with a trailing slash, so its requests arrive as //services/...
    rewriteUrl: (req) => (req.url ?? '/').replace(/^\/{2,}/, '/'),
    routerOptions: { ignoreTrailingSlash: true, caseSensitive: true, maxParamLength: 2000 },
    logger: false,
  });

  app.removeAllContentTypeParsers();
  app.addContentTypeParser(['application/json', 'text/json'], { parseAs: 'string' }, (_req, body, done) => {
    const text = String(body);
    if (text.trim() === '') return done(null, undefined);
    try {
      done(null, JSON.parse(text));
    } catch (error) {
      done(
        new OrgApiError(400, 'JSON_PARSER_ERROR', `The request body is not valid JSON: ${(error as Error).message}`),
      );
    }
  });
  app.addContentTypeParser(
    ['text/xml', 'application/xml', 'application/soap+xml'],
    { parseAs: 'string' },
    (_req, body, done) => done(null, String(body)),
  );
  app.addContentTypeParser(['text/csv', 'text/plain'], { parseAs: 'string' }, (_req, body, done) =>
    done(null, String(body)),
  );
  app.addContentTypeParser('*', { parseAs: 'string' }, (_req, body, done) => done(null, String(body)));
  await app.register(formbody);

  app.setErrorHandler((error: FastifyError | OrgApiError, _request, reply) => {
    if (error instanceof OrgApiError) {
      return reply.status(error.status).type('application/json;charset=UTF-8').send(error.toBody());
    }
    const status = typeof error.statusCode === 'number' && error.statusCode >= 400 ? error.statusCode : 500;
    const errorCode =
      status === 413
        ? 'REQUEST_ENTITY_TOO_LARGE'
        : status === 415
          ? 'UNSUPPORTED_MEDIA_TYPE'
          : status < 500
            ? 'INVALID_REQUEST'
            : 'UNKNOWN_EXCEPTION';
    const message =
      status < 500
        ? error.message
        : 'An unexpected error occurred. Please include this ErrorId if you contact support: local-org';
    return reply.status(status).type('application/json;charset=UTF-8').send([{ message, errorCode }]);
  });
  app.setNotFoundHandler((_request, reply) =>
    reply
      .status(404)
      .type('application/json;charset=UTF-8')
      .send([{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }]),
  );

  // Fault injection first: its hook runs before authentication and API usage counting.
  registerFaults(app, ctx, usage);
  registerAuthRoutes(app, ctx);
  // Bulk API 2.0 shares the REST services (auth hook, query visibility).
  registerBulkRoutes(app, registerRestRoutes(app, ctx, store, usage));
  return app;
}
