import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { OrgContext } from '../context.js';
import { type ConnectedApp, findConnectedApp, isLoopbackUri, secretMatches } from './apps.js';
import { recordCodeRefreshToken, redeemAuthorizationCode, verifierMatches } from './codes.js';
import { tokenSignature } from './crypto.js';
import { identityUrl } from './identity.js';
import { AUTH_BODY_LIMIT, BadParams, errorStatus, oauthParams, param, parseParams } from './params.js';
import { findRefreshGrant, issueAccessTokenForRefresh, issueSession, revokeToken } from './sessions.js';
import { checkCredentials, findUserById, type UserRow, userState } from './users.js';

/**
 * The OAuth 2.0 token and revoke endpoints. Errors are `400 {error, error_description}` with
 * Salesforce's texts; jsforce turns them into an Error named `error` with message `error_description`.
 */

/** An OAuth error answer. */
export class OAuthError extends Error {
  public constructor(
    public readonly error: string,
    public readonly description: string,
    public readonly status = 400,
  ) {
    super(description);
  }
}

const invalidClientId = (): OAuthError => new OAuthError('invalid_client_id', 'client identifier invalid');
const invalidClient = (): OAuthError => new OAuthError('invalid_client', 'invalid client credentials');
const authenticationFailure = (): OAuthError => new OAuthError('invalid_grant', 'authentication failure');
const invalidCode = (): OAuthError => new OAuthError('invalid_grant', 'invalid authorization code');
const expiredToken = (): OAuthError => new OAuthError('invalid_grant', 'expired access/refresh token');

/** Scopes granted to every session of the local org (it has no per-app scope configuration). */
const SCOPE = 'api refresh_token web';

const TokenParams = z.object({
  grant_type: param(200),
  client_id: param(256),
  client_secret: param(256),
  username: param(255),
  password: param(1024),
  code: param(256),
  code_verifier: param(512),
  redirect_uri: param(2048),
  refresh_token: param(512),
  scope: param(1024),
  format: param(16),
});
type TokenParams = z.infer<typeof TokenParams>;

type Client = { app: ConnectedApp; secretPresented: boolean };

export function registerTokenRoutes(app: FastifyInstance, ctx: OrgContext): void {
  app.route({
    method: 'POST',
    url: '/services/oauth2/token',
    bodyLimit: AUTH_BODY_LIMIT,
    errorHandler: oauthErrorHandler,
    handler: async (request, reply) => {
      const params = parseParams(TokenParams, oauthParams(request));
      const body = await grant(ctx, request, params);
      return reply.status(200).headers(NO_STORE).type('application/json;charset=UTF-8').send(body);
    },
  });
  app.route({
    method: ['GET', 'POST'],
    url: '/services/oauth2/revoke',
    bodyLimit: AUTH_BODY_LIMIT,
    errorHandler: oauthErrorHandler,
    handler: (request, reply) => {
      const { token } = parseParams(z.object({ token: param(512) }), oauthParams(request));
      if (!token) throw new OAuthError('invalid_request', 'token is required');
      if (!revokeToken(ctx, token)) throw new OAuthError('unsupported_token_type', 'this token type is not supported');
      return reply.status(200).headers(NO_STORE).send();
    },
  });
}

const NO_STORE = { 'Cache-Control': 'no-store', Pragma: 'no-cache' };

/** Errors of the token and revoke endpoints, including body-parser failures, as OAuth JSON: never a stack. */
export function oauthErrorHandler(error: FastifyError | Error, _request: FastifyRequest, reply: FastifyReply): void {
  const answer = toOAuthError(error);
  void reply
    .status(answer.status)
    .headers(NO_STORE)
    .type('application/json;charset=UTF-8')
    .send({ error: answer.error, error_description: answer.description });
}

function toOAuthError(error: FastifyError | Error): OAuthError {
  if (error instanceof OAuthError) return error;
  if (error instanceof BadParams) return new OAuthError('invalid_request', error.message);
  const status = errorStatus(error);
  if (status === 413) return new OAuthError('invalid_request', 'request body too large', 413);
  if (status >= 400 && status < 500) return new OAuthError('invalid_request', 'malformed request', status);
  return new OAuthError('server_error', 'an unexpected error occurred', 500);
}

async function grant(ctx: OrgContext, request: FastifyRequest, params: TokenParams): Promise<Record<string, string>> {
  switch (params.grant_type) {
    case 'password':
      return passwordGrant(ctx, request, params);
    case 'authorization_code':
      return authorizationCodeGrant(ctx, request, params);
    case 'refresh_token':
      return refreshTokenGrant(ctx, request, params);
    case 'client_credentials':
      return clientCredentialsGrant(ctx, request, params);
    default:
      // The JWT bearer and device flows are not emulated.
      throw new OAuthError('unsupported_grant_type', 'grant type not supported');
  }
}

/** Client id and secret from the form, or from HTTP Basic authentication (RFC 6749 section 2.3.1). */
function identifyClient(ctx: OrgContext, request: FastifyRequest, params: TokenParams): Client {
  const basic = basicCredentials(request.headers.authorization);
  const clientId = params.client_id ?? basic?.id;
  const secret = params.client_secret ?? basic?.secret;
  const app = clientId ? findConnectedApp(ctx, clientId) : undefined;
  if (!app) throw invalidClientId();
  if (secret !== undefined && !secretMatches(app, secret)) throw invalidClient();
  return { app, secretPresented: secret !== undefined };
}

function basicCredentials(header: string | undefined): { id: string; secret: string } | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/=]{1,1024})\s*$/i.exec(header ?? '');
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  try {
    return { id: decodeURIComponent(decoded.slice(0, colon)), secret: decodeURIComponent(decoded.slice(colon + 1)) };
  } catch {
    return undefined;
  }
}

/** Confidential flows (password, client credentials) always need the consumer secret. */
function requireSecret(client: Client): void {
  if (!client.secretPresented) throw invalidClient();
}

/** Refuses users who may not log in, with Salesforce's descriptions. */
function requireUsable(ctx: OrgContext, user: UserRow | undefined): UserRow {
  if (!user) throw authenticationFailure();
  const state = userState(ctx, user);
  if (state === 'inactive') throw new OAuthError('invalid_grant', 'inactive user');
  if (state === 'frozen') throw new OAuthError('invalid_grant', 'user is frozen');
  return user;
}

async function passwordGrant(
  ctx: OrgContext,
  request: FastifyRequest,
  params: TokenParams,
): Promise<Record<string, string>> {
  const client = identifyClient(ctx, request, params);
  requireSecret(client);
  const outcome = await checkCredentials(ctx, params.username ?? '', params.password ?? '');
  if (!outcome.ok && outcome.reason === 'invalid') throw authenticationFailure();
  const user = requireUsable(ctx, outcome.user);
  const { accessToken } = issueSession(ctx, user.Id, client.app.consumerKey, { withRefreshToken: false });
  return tokenAnswer(ctx, client.app, user.Id, accessToken);
}

function clientCredentialsGrant(ctx: OrgContext, request: FastifyRequest, params: TokenParams): Record<string, string> {
  const client = identifyClient(ctx, request, params);
  requireSecret(client);
  const runAs = client.app.runAsUserId;
  if (!runAs) throw new OAuthError('invalid_grant', 'no client credentials user enabled');
  const user = requireUsable(ctx, findUserById(ctx, runAs));
  const { accessToken } = issueSession(ctx, user.Id, client.app.consumerKey, { withRefreshToken: false });
  return tokenAnswer(ctx, client.app, user.Id, accessToken);
}

/**
 * The web server flow. A client without a secret (a CLI or native app) is accepted only if its app
 * allows it, the code was bound to a PKCE challenge, and the redirect URI is a loopback one.
 */
function authorizationCodeGrant(ctx: OrgContext, request: FastifyRequest, params: TokenParams): Record<string, string> {
  const client = identifyClient(ctx, request, params);
  if (!client.secretPresented && !client.app.allowPkceWithoutSecret) throw invalidClient();
  const code = params.code;
  const codeGrant = code ? redeemAuthorizationCode(ctx, code, client.app.consumerKey) : undefined;
  if (!code || !codeGrant) throw invalidCode();
  if (!client.secretPresented && (codeGrant.codeChallenge === null || !isLoopbackUri(codeGrant.redirectUri))) {
    throw invalidClient();
  }
  if (params.redirect_uri !== codeGrant.redirectUri) {
    throw new OAuthError('redirect_uri_mismatch', 'redirect_uri must match configuration');
  }
  if (!verifierMatches(codeGrant, params.code_verifier)) throw new OAuthError('invalid_grant', 'invalid code verifier');
  const user = requireUsable(ctx, findUserById(ctx, codeGrant.userId));
  const { accessToken, refreshToken } = issueSession(ctx, user.Id, client.app.consumerKey, { withRefreshToken: true });
  if (refreshToken) recordCodeRefreshToken(ctx, code, refreshToken);
  return tokenAnswer(ctx, client.app, user.Id, accessToken, refreshToken);
}

/** Salesforce does not rotate refresh tokens: the answer has a new access token only. */
function refreshTokenGrant(ctx: OrgContext, request: FastifyRequest, params: TokenParams): Record<string, string> {
  const client = identifyClient(ctx, request, params);
  if (!client.secretPresented && !client.app.allowPkceWithoutSecret) throw invalidClient();
  const refreshGrant = params.refresh_token ? findRefreshGrant(ctx, params.refresh_token) : undefined;
  if (refreshGrant?.clientId !== client.app.consumerKey) throw expiredToken();
  const user = requireUsable(ctx, findUserById(ctx, refreshGrant.userId));
  const accessToken = issueAccessTokenForRefresh(ctx, refreshGrant);
  return tokenAnswer(ctx, client.app, user.Id, accessToken);
}

function tokenAnswer(
  ctx: OrgContext,
  app: ConnectedApp,
  userId: string,
  accessToken: string,
  refreshToken?: string,
): Record<string, string> {
  const id = identityUrl(ctx, userId);
  const issuedAt = String(ctx.now().getTime());
  return {
    access_token: accessToken,
    ...(refreshToken ? { refresh_token: refreshToken } : {}),
    signature: tokenSignature(id, issuedAt, app.consumerSecret),
    scope: SCOPE,
    instance_url: ctx.baseUrl,
    id,
    token_type: 'Bearer',
    issued_at: issuedAt,
  };
}
