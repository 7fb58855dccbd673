import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { OrgContext } from '../context.js';
import { MAX_API_VERSION, MIN_API_VERSION } from '../context.js';
import { to18 } from '../ids.js';
import type { Session } from '../session.js';
import { identityInfo, userInfo } from './identity.js';
import { BadParams, errorStatus, param, parseParams } from './params.js';
import { bearerToken, resolveAccessToken } from './sessions.js';
import { findUserById, type UserRow } from './users.js';

/**
 * The OpenID Connect userinfo endpoint and the identity service (`/id/{orgId}/{userId}`).
 *
 * A missing, expired or revoked token gets Salesforce's answer for these two endpoints,
 * `403 Bad_OAuth_Token` in plain text, not the REST API's 401 INVALID_SESSION_ID. Clients that refresh
 * on 401 therefore do not refresh here, exactly as against a real org.
 */

const IdentityQuery = z.object({
  oauth_token: param(512),
  access_token: param(512),
  format: param(16),
  version: param(16),
});
type IdentityQuery = z.infer<typeof IdentityQuery>;

class IdentityError extends Error {
  public constructor(
    public readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const badToken = (): IdentityError => new IdentityError(403, 'Bad_OAuth_Token');

export function registerUserInfoRoutes(app: FastifyInstance, ctx: OrgContext): void {
  app.route({
    method: ['GET', 'POST'],
    url: '/services/oauth2/userinfo',
    errorHandler: identityErrorHandler,
    handler: (request, reply) => {
      const query = readQuery(request);
      const { user } = sessionUser(ctx, request, query);
      return sendJson(reply, userInfo(ctx, user));
    },
  });
  app.route<{ Params: { orgId: string; userId: string } }>({
    method: 'GET',
    url: '/id/:orgId/:userId',
    errorHandler: identityErrorHandler,
    handler: (request, reply) => {
      const query = readQuery(request);
      const { session, user } = sessionUser(ctx, request, query);
      // A user reads only their own identity (Salesforce lets admins read others'; the local org does not).
      const sameOrg = to18(request.params.orgId) === ctx.orgId;
      if (!sameOrg || to18(request.params.userId) !== session.userId) throw new IdentityError(403, 'Forbidden');
      return sendJson(reply, identityInfo(ctx, user, apiVersion(query.version)));
    },
  });
}

function readQuery(request: FastifyRequest): IdentityQuery {
  const query = parseParams(IdentityQuery, (request.query ?? {}) as Record<string, unknown>);
  // Only JSON is served; Salesforce could also answer XML or URL-encoded forms.
  if (query.format !== undefined && query.format !== 'json') {
    throw new IdentityError(406, 'The local org serves identity information as JSON only (format=json).');
  }
  return query;
}

/** The session from the Bearer header, or from `oauth_token` / `access_token` in the query (jsforce sends both). */
function sessionUser(
  ctx: OrgContext,
  request: FastifyRequest,
  query: IdentityQuery,
): { session: Session; user: UserRow } {
  const token = bearerToken(request.headers.authorization) ?? query.oauth_token ?? query.access_token;
  const session = token ? resolveAccessToken(ctx, token) : undefined;
  const user = session ? findUserById(ctx, session.userId) : undefined;
  if (!session || !user) throw badToken();
  return { session, user };
}

/** `version=62.0` (or `latest`) fills in the `{version}` placeholder of the service URLs. */
function apiVersion(version: string | undefined): string | undefined {
  if (version === undefined) return undefined;
  if (version === 'latest') return `${MAX_API_VERSION}.0`;
  const major = /^(\d{2})\.0$/.exec(version)?.[1];
  if (!major || Number(major) < MIN_API_VERSION || Number(major) > MAX_API_VERSION) {
    throw new IdentityError(400, `Unsupported API version: ${version}`);
  }
  return version;
}

function sendJson(reply: FastifyReply, body: Record<string, unknown>): FastifyReply {
  return reply.status(200).header('Cache-Control', 'no-store').type('application/json;charset=UTF-8').send(body);
}

function identityErrorHandler(error: FastifyError | Error, _request: FastifyRequest, reply: FastifyReply): void {
  const answer = toIdentityError(error);
  void reply.status(answer.status).type('text/plain;charset=UTF-8').send(answer.message);
}

function toIdentityError(error: FastifyError | Error): IdentityError {
  if (error instanceof IdentityError) return error;
  if (error instanceof BadParams) return new IdentityError(400, error.message);
  const status = errorStatus(error);
  return status >= 400 && status < 500
    ? new IdentityError(status, 'Bad request')
    : new IdentityError(500, 'Internal error');
}
