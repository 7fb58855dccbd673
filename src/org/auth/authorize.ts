import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { OrgContext } from '../context.js';
import { type ConnectedApp, findConnectedApp, redirectUriAllowed } from './apps.js';
import { createAuthorizationCode, PKCE_VALUE, type PkceMethod } from './codes.js';
import { errorPage, loginFormPage, PAGE_HEADERS } from './html.js';
import { AUTH_BODY_LIMIT, BadParams, errorStatus, oauthParams, param, parseParams } from './params.js';
import { checkCredentials } from './users.js';

/**
 * The authorization endpoint of the web server flow: a login form instead of Salesforce's login page.
 * Until the client and its redirect URI are verified, errors are shown as a page and never redirected.
 */

const AuthorizeParams = z.object({
  response_type: param(64),
  client_id: param(256),
  redirect_uri: param(2048),
  state: param(4096),
  code_challenge: param(512),
  code_challenge_method: param(16),
  scope: param(1024),
  prompt: param(64),
  display: param(32),
  login_hint: param(255),
  username: param(255),
  password: param(1024),
});
type AuthorizeParams = z.infer<typeof AuthorizeParams>;

/** A request whose client and redirect URI are verified: later errors go back to the client. */
type VerifiedRequest = {
  app: ConnectedApp;
  redirectUri: string;
  params: AuthorizeParams;
  codeChallenge: string | null;
  codeChallengeMethod: PkceMethod | null;
};

class PageError extends Error {
  public constructor(
    public readonly error: string,
    public readonly description: string,
    public readonly status = 400,
  ) {
    super(description);
  }
}

/** An error sent back to the verified redirect URI (RFC 6749 section 4.1.2.1). */
class RedirectError extends Error {
  public constructor(public readonly location: string) {
    super('redirected OAuth error');
  }
}

const WRONG_CREDENTIALS =
  "Please check your username and password. If you still can't log in, contact your Salesforce administrator.";
const REFUSED_USER: Record<'inactive' | 'frozen', string> = {
  inactive: 'Your user account is inactive. Contact your Salesforce administrator.',
  frozen: 'Your user account is frozen. Contact your Salesforce administrator.',
};

export function registerAuthorizeRoutes(app: FastifyInstance, ctx: OrgContext): void {
  app.route({
    method: 'GET',
    url: '/services/oauth2/authorize',
    errorHandler: pageErrorHandler,
    handler: (request, reply) => {
      const verified = verify(ctx, parseParams(AuthorizeParams, oauthParams(request)));
      // The local org keeps no browser session, so a login without the form is impossible.
      if (verified.params.prompt?.split(' ').includes('none')) {
        return redirect(reply, errorRedirect(verified, 'login_required', 'user is not logged in'));
      }
      return sendPage(reply, 200, loginFormPage(formModel(verified, verified.params.login_hint)));
    },
  });
  app.route({
    method: 'POST',
    url: '/services/oauth2/authorize',
    bodyLimit: AUTH_BODY_LIMIT,
    errorHandler: pageErrorHandler,
    handler: async (request, reply) => {
      const verified = verify(ctx, parseParams(AuthorizeParams, oauthParams(request)));
      const { username = '', password = '' } = verified.params;
      const outcome = await checkCredentials(ctx, username, password);
      if (!outcome.ok) {
        const error = outcome.reason === 'invalid' ? WRONG_CREDENTIALS : REFUSED_USER[outcome.reason];
        return sendPage(reply, 200, loginFormPage({ ...formModel(verified, username), error }));
      }
      const code = createAuthorizationCode(ctx, {
        clientId: verified.app.consumerKey,
        userId: outcome.user.Id,
        redirectUri: verified.redirectUri,
        codeChallenge: verified.codeChallenge,
        codeChallengeMethod: verified.codeChallengeMethod,
      });
      return redirect(reply, withQuery(verified.redirectUri, { code, state: verified.params.state }));
    },
  });
}

/** Checks the client, then the redirect URI, then the rest (whose errors may be redirected). */
function verify(ctx: OrgContext, params: AuthorizeParams): VerifiedRequest {
  const app = params.client_id ? findConnectedApp(ctx, params.client_id) : undefined;
  if (!app) throw new PageError('invalid_client_id', 'client identifier invalid');
  const redirectUri = params.redirect_uri;
  if (!redirectUri || !redirectUriAllowed(app, redirectUri)) {
    throw new PageError('redirect_uri_mismatch', 'redirect_uri must match configuration');
  }
  const partial = { app, redirectUri, params, codeChallenge: null, codeChallengeMethod: null };
  if (params.response_type !== 'code') {
    throw new RedirectError(errorRedirect(partial, 'unsupported_response_type', 'response type not supported'));
  }
  const pkce = pkceOf(params);
  if (!pkce) throw new RedirectError(errorRedirect(partial, 'invalid_request', 'invalid code_challenge'));
  return { ...partial, ...pkce };
}

/**
 * The PKCE challenge of the request. Salesforce supports S256 and assumes it when the method is
 * left out (jsforce sends none); `plain` is accepted when asked for explicitly.
 */
function pkceOf(params: AuthorizeParams): Pick<VerifiedRequest, 'codeChallenge' | 'codeChallengeMethod'> | undefined {
  const { code_challenge: challenge, code_challenge_method: method } = params;
  if (challenge === undefined) {
    return method === undefined ? { codeChallenge: null, codeChallengeMethod: null } : undefined;
  }
  if (!PKCE_VALUE.test(challenge)) return undefined;
  if (method === undefined || method === 'S256') return { codeChallenge: challenge, codeChallengeMethod: 'S256' };
  return method === 'plain' ? { codeChallenge: challenge, codeChallengeMethod: 'plain' } : undefined;
}

function formModel(verified: VerifiedRequest, username: string | undefined): Parameters<typeof loginFormPage>[0] {
  const { params } = verified;
  return {
    appName: verified.app.name,
    redirectOrigin: redirectTarget(verified.redirectUri),
    hidden: {
      response_type: 'code',
      client_id: verified.app.consumerKey,
      redirect_uri: verified.redirectUri,
      state: params.state,
      code_challenge: params.code_challenge,
      code_challenge_method: params.code_challenge_method,
      scope: params.scope,
    },
    ...(username ? { username } : {}),
  };
}

/** Origin of a web redirect URI, or the scheme of a custom-scheme one (`myapp:`). */
function redirectTarget(uri: string): string {
  const url = new URL(uri);
  return url.origin === 'null' ? url.protocol : url.origin;
}

function errorRedirect(
  verified: Pick<VerifiedRequest, 'redirectUri' | 'params'>,
  error: string,
  description: string,
): string {
  return withQuery(verified.redirectUri, { error, error_description: description, state: verified.params.state });
}

function withQuery(uri: string, params: Record<string, string | undefined>): string {
  const url = new URL(uri);
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined) url.searchParams.set(name, value);
  }
  return url.toString();
}

function redirect(reply: FastifyReply, location: string): FastifyReply {
  return reply.header('Cache-Control', 'no-store').header('Referrer-Policy', 'no-referrer').redirect(location, 302);
}

function sendPage(reply: FastifyReply, status: number, html: string): FastifyReply {
  return reply.status(status).headers(PAGE_HEADERS).send(html);
}

/** Every failure of the authorize endpoint is a page or a redirect; never JSON, never a stack. */
function pageErrorHandler(error: FastifyError | Error, _request: FastifyRequest, reply: FastifyReply): void {
  if (error instanceof RedirectError) {
    void redirect(reply, error.location);
    return;
  }
  const page = toPageError(error);
  void sendPage(reply, page.status, errorPage(page.error, page.description));
}

function toPageError(error: FastifyError | Error): PageError {
  if (error instanceof PageError) return error;
  if (error instanceof BadParams) return new PageError('invalid_request', error.message);
  const status = errorStatus(error);
  if (status === 413) return new PageError('invalid_request', 'request too large', 413);
  if (status >= 400 && status < 500) return new PageError('invalid_request', 'malformed request', status);
  return new PageError('server_error', 'an unexpected error occurred', 500);
}
