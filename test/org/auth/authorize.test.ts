import { createHash, randomBytes } from 'node:crypto';
import jsforce from 'jsforce';
import { authenticateBearer } from '../../../src/org/auth/index.js';
import {
  ACCESS_TOKEN,
  call,
  CONFIDENTIAL_APP,
  createTestOrg,
  FORM,
  form,
  ORG_ID,
  PASSWORD,
  type TestOrg,
  USERS,
  WEB_APP,
} from './helpers.js';

type Params = Record<string, string | undefined>;

const verifierOf = (): string => randomBytes(48).toString('base64url');
const s256 = (verifier: string): string => createHash('sha256').update(verifier).digest('base64url');

/** The hidden inputs of the login form, as a browser would post them back. */
function hiddenFields(html: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const match of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
    fields[match[1] ?? ''] = (match[2] ?? '')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
  }
  return fields;
}

describe('OAuth 2.0 authorization code flow', () => {
  let org: TestOrg;
  beforeAll(async () => {
    org = await createTestOrg();
  });
  afterAll(async () => {
    await org.close();
  });

  const authorizeQuery = (overrides: Params = {}): Params => ({
    response_type: 'code',
    client_id: WEB_APP.consumerKey,
    redirect_uri: 'https://app.example.com/callback',
    state: 'st<"&>',
    ...overrides,
  });

  const getForm = (params: Params) => call(org, 'GET', `/services/oauth2/authorize?${form(params)}`);
  const postForm = (params: Params) =>
    call(org, 'POST', '/services/oauth2/authorize', { headers: FORM, body: form(params) });
  const token = async (params: Params) => {
    const answer = await call(org, 'POST', '/services/oauth2/token', { headers: FORM, body: form(params) });
    return { status: answer.status, json: JSON.parse(answer.body) as Record<string, string> };
  };

  /** GET the form, post it back with credentials, and return the redirect. */
  async function authorize(params: Params, username = USERS.admin.username, password = PASSWORD) {
    const page = await getForm(params);
    expect(page.status).toBe(200);
    const answer = await postForm({ ...hiddenFields(page.body), username, password });
    return { ...answer, location: answer.headers.get('location') ?? '' };
  }

  async function codeFor(params: Params): Promise<string> {
    const { status, location } = await authorize(params);
    expect(status).toBe(302);
    return new URL(location).searchParams.get('code') ?? '';
  }

  it('renders an accessible login form that escapes every echoed value', async () => {
    const page = await getForm(authorizeQuery({ state: '"><script>alert(1)</script>', login_hint: 'a"b' }));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = page.body;
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('<label for="username">Username</label>');
    expect(html).toContain('<label for="password">Password</label>');
    expect(html).toContain('autocomplete="current-password"');
    expect(html).toContain('<strong>Web &lt;App&gt; &amp; &quot;Co&quot;</strong> is asking to access the local org');
    expect(html).toContain('<code>https://app.example.com</code>');
    expect(html).not.toContain('<script>');
    expect(html).toContain('value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"');
    expect(html).toContain('value="a&quot;b"');
    expect(hiddenFields(html)).toEqual({
      response_type: 'code',
      client_id: WEB_APP.consumerKey,
      redirect_uri: 'https://app.example.com/callback',
      state: '"><script>alert(1)</script>',
    });
  });

  it.each([
    ['an unknown client', { client_id: 'nobody' }, 'invalid_client_id', ''],
    ['a missing client', { client_id: undefined }, 'invalid_client_id', ''],
    [
      'an unregistered redirect URI',
      { redirect_uri: 'https://evil.example.com/callback' },
      'redirect_uri_mismatch',
      '',
    ],
    ['a missing redirect URI', { redirect_uri: undefined }, 'redirect_uri_mismatch', ''],
    [
      'a redirect URI differing in path',
      { redirect_uri: 'https://app.example.com/callback/x' },
      'redirect_uri_mismatch',
      '',
    ],
    [
      'a non-loopback URI on another port',
      { redirect_uri: 'https://app.example.com:8443/callback' },
      'redirect_uri_mismatch',
      '',
    ],
    ['another loopback host', { redirect_uri: 'http://localhost/cb' }, 'redirect_uri_mismatch', ''],
    ['a repeated parameter', { client_id: undefined }, 'invalid_request', `client_id=a&client_id=b`],
    ['an oversized state', { state: 'x'.repeat(5000) }, 'invalid_request', ''],
  ])('shows an error page, never a redirect, for %s', async (_case, overrides, error, rawQuery) => {
    const query = rawQuery ? `${form(authorizeQuery(overrides))}&${rawQuery}` : form(authorizeQuery(overrides));
    const page = await call(org, 'GET', `/services/oauth2/authorize?${query}`);
    expect(page.status).toBe(400);
    expect(page.headers.get('location')).toBeNull();
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.body).toContain(`error=${error}`);
    expect(page.body).not.toContain('evil.example.com');
  });

  it('ignores the port of loopback redirect URIs (RFC 8252)', async () => {
    const page = await getForm(authorizeQuery({ redirect_uri: 'http://127.0.0.1:53211/cb' }));
    expect(page.status).toBe(200);
    const sfCli = await getForm(authorizeQuery({ redirect_uri: 'http://localhost:1717/OauthRedirect' }));
    expect(sfCli.status).toBe(200);
  });

  it.each([
    ['an implicit-flow request', { response_type: 'token' }, 'unsupported_response_type'],
    [
      'an unknown PKCE method',
      { code_challenge: s256(verifierOf()), code_challenge_method: 'S512' },
      'invalid_request',
    ],
    ['a malformed challenge', { code_challenge: 'short' }, 'invalid_request'],
    ['a method without challenge', { code_challenge_method: 'S256' }, 'invalid_request'],
    ['prompt=none (no browser session)', { prompt: 'none' }, 'login_required'],
  ])('redirects %s back to the verified client with an error', async (_case, overrides, error) => {
    const answer = await getForm(authorizeQuery(overrides));
    expect(answer.status).toBe(302);
    const location = new URL(answer.headers.get('location') ?? '');
    expect(location.origin + location.pathname).toBe('https://app.example.com/callback');
    expect(location.searchParams.get('error')).toBe(error);
    expect(location.searchParams.get('state')).toBe('st<"&>');
  });

  it('re-renders the form with a message on wrong credentials, inactive and frozen users', async () => {
    const wrong = await authorize(authorizeQuery(), USERS.admin.username, 'nope');
    expect(wrong.status).toBe(200);
    expect(wrong.body).toContain('role="alert"');
    expect(wrong.body).toContain('Please check your username and password.');
    expect(wrong.body).toContain(`value="${USERS.admin.username}"`);
    expect(wrong.body).toContain('aria-invalid="true"');
    expect(hiddenFields(wrong.body).state).toBe('st<"&>');

    const inactive = await authorize(authorizeQuery(), USERS.inactive.username);
    expect(inactive.body).toContain('Your user account is inactive.');
    const frozen = await authorize(authorizeQuery(), USERS.frozen.username);
    expect(frozen.body).toContain('Your user account is frozen.');
  });

  it('re-checks the client and redirect URI of the form post', async () => {
    const tampered = await postForm({
      ...authorizeQuery({ redirect_uri: 'https://evil.example.com/' }),
      username: USERS.admin.username,
      password: PASSWORD,
    });
    expect(tampered.status).toBe(400);
    expect(tampered.headers.get('location')).toBeNull();
    expect(tampered.body).toContain('error=redirect_uri_mismatch');
    const json = await call(org, 'POST', '/services/oauth2/authorize', {
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(json.status).toBe(400);
    expect(json.body).toContain('error=invalid_request');
    const huge = await call(org, 'POST', '/services/oauth2/authorize', {
      headers: FORM,
      body: `x=${'a'.repeat(100_000)}`,
    });
    expect(huge.status).toBe(413);
    expect(huge.headers.get('content-type')).toBe('text/html; charset=utf-8');
  });

  it('exchanges a code for tokens as a confidential client, with a refresh token', async () => {
    const { status, location } = await authorize(authorizeQuery());
    expect(status).toBe(302);
    const url = new URL(location);
    expect(url.origin + url.pathname).toBe('https://app.example.com/callback');
    expect(url.searchParams.get('state')).toBe('st<"&>');
    const code = url.searchParams.get('code') ?? '';
    expect(code).toMatch(/^aPrx\w+$/);

    const answer = await token({
      grant_type: 'authorization_code',
      code,
      client_id: WEB_APP.consumerKey,
      client_secret: WEB_APP.consumerSecret,
      redirect_uri: 'https://app.example.com/callback',
    });
    expect(answer.status).toBe(200);
    expect(answer.json.access_token).toMatch(ACCESS_TOKEN);
    expect(answer.json.refresh_token).toMatch(/^5Aep861/);
    expect(answer.json.id).toBe(`${org.ctx.baseUrl}/id/${ORG_ID}/${USERS.admin.id}`);
    expect(authenticateBearer(org.ctx, `Bearer ${answer.json.access_token}`).clientId).toBe(WEB_APP.consumerKey);
  });

  it('lets a public client use PKCE (S256) from a loopback redirect URI', async () => {
    const verifier = verifierOf();
    const redirectUri = 'http://127.0.0.1:49152/cb';
    const code = await codeFor(authorizeQuery({ redirect_uri: redirectUri, code_challenge: s256(verifier) }));
    const params = {
      grant_type: 'authorization_code',
      code,
      client_id: WEB_APP.consumerKey,
      redirect_uri: redirectUri,
    };
    const answer = await token({ ...params, code_verifier: verifier });
    expect(answer.status).toBe(200);
    expect(answer.json.refresh_token).toMatch(/^5Aep861/);
    // Single use: a replay fails and revokes what the code produced.
    const replay = await token({ ...params, code_verifier: verifier });
    expect(replay.json).toEqual({ error: 'invalid_grant', error_description: 'invalid authorization code' });
    expect(() => authenticateBearer(org.ctx, `Bearer ${answer.json.access_token}`)).toThrow(
      'Session expired or invalid',
    );
  });

  it('supports the plain PKCE method when asked for explicitly', async () => {
    const verifier = verifierOf();
    const code = await codeFor(
      authorizeQuery({ redirect_uri: 'http://127.0.0.1/cb', code_challenge: verifier, code_challenge_method: 'plain' }),
    );
    const answer = await token({
      grant_type: 'authorization_code',
      code,
      client_id: WEB_APP.consumerKey,
      redirect_uri: 'http://127.0.0.1/cb',
      code_verifier: verifier,
    });
    expect(answer.status).toBe(200);
  });

  it('refuses a wrong or missing verifier, and spends the code', async () => {
    const verifier = verifierOf();
    const redirectUri = 'http://127.0.0.1/cb';
    const code = await codeFor(authorizeQuery({ redirect_uri: redirectUri, code_challenge: s256(verifier) }));
    const params = {
      grant_type: 'authorization_code',
      code,
      client_id: WEB_APP.consumerKey,
      redirect_uri: redirectUri,
    };
    expect((await token({ ...params, code_verifier: verifierOf() })).json).toEqual({
      error: 'invalid_grant',
      error_description: 'invalid code verifier',
    });
    expect((await token({ ...params, code_verifier: verifier })).json.error_description).toBe(
      'invalid authorization code',
    );

    const second = await codeFor(authorizeQuery({ redirect_uri: redirectUri, code_challenge: s256(verifier) }));
    expect((await token({ ...params, code: second })).json.error_description).toBe('invalid code verifier');
  });

  it('refuses public clients without PKCE, off loopback, or of an app that does not allow them', async () => {
    const plainCode = await codeFor(authorizeQuery({ redirect_uri: 'http://127.0.0.1/cb' }));
    const noChallenge = await token({
      grant_type: 'authorization_code',
      code: plainCode,
      client_id: WEB_APP.consumerKey,
      redirect_uri: 'http://127.0.0.1/cb',
    });
    expect(noChallenge.json).toEqual({ error: 'invalid_client', error_description: 'invalid client credentials' });

    const verifier = verifierOf();
    const webCode = await codeFor(authorizeQuery({ code_challenge: s256(verifier) }));
    const offLoopback = await token({
      grant_type: 'authorization_code',
      code: webCode,
      client_id: WEB_APP.consumerKey,
      redirect_uri: 'https://app.example.com/callback',
      code_verifier: verifier,
    });
    expect(offLoopback.json).toEqual({ error: 'invalid_client', error_description: 'invalid client credentials' });

    const confCode = await codeFor(
      authorizeQuery({
        client_id: CONFIDENTIAL_APP.consumerKey,
        redirect_uri: 'http://127.0.0.1/cb',
        code_challenge: s256(verifier),
      }),
    );
    const notAllowed = await token({
      grant_type: 'authorization_code',
      code: confCode,
      client_id: CONFIDENTIAL_APP.consumerKey,
      redirect_uri: 'http://127.0.0.1/cb',
      code_verifier: verifier,
    });
    expect(notAllowed.json).toEqual({ error: 'invalid_client', error_description: 'invalid client credentials' });
  });

  it('refuses a code of another client, a different redirect URI and an expired code', async () => {
    const base = {
      grant_type: 'authorization_code',
      client_id: WEB_APP.consumerKey,
      client_secret: WEB_APP.consumerSecret,
    };
    const redirectUri = 'https://app.example.com/callback';

    const code = await codeFor(authorizeQuery());
    const otherClient = await token({
      ...base,
      code,
      client_id: CONFIDENTIAL_APP.consumerKey,
      client_secret: CONFIDENTIAL_APP.consumerSecret,
      redirect_uri: redirectUri,
    });
    expect(otherClient.json.error_description).toBe('invalid authorization code');

    const mismatch = await token({
      ...base,
      code: await codeFor(authorizeQuery()),
      redirect_uri: 'http://127.0.0.1/cb',
    });
    expect(mismatch.json).toEqual({
      error: 'redirect_uri_mismatch',
      error_description: 'redirect_uri must match configuration',
    });

    const late = await codeFor(authorizeQuery());
    org.advance(10 * 60_000 + 1);
    const expired = await token({ ...base, code: late, redirect_uri: redirectUri });
    expect(expired.json).toEqual({ error: 'invalid_grant', error_description: 'invalid authorization code' });

    expect((await token({ ...base, code: 'nope', redirect_uri: redirectUri })).json.error_description).toBe(
      'invalid authorization code',
    );
    expect((await token({ ...base, redirect_uri: redirectUri })).json.error_description).toBe(
      'invalid authorization code',
    );
  });

  it('works end to end with jsforce’s PKCE helpers', async () => {
    const redirectUri = 'http://localhost:1717/OauthRedirect';
    const oauth2 = new jsforce.OAuth2({
      clientId: WEB_APP.consumerKey,
      redirectUri,
      loginUrl: org.ctx.baseUrl,
      useVerifier: true,
    });
    const authorizeUrl = new URL(oauth2.getAuthorizationUrl({ state: 'xyz' }));
    expect(authorizeUrl.searchParams.get('code_challenge_method')).toBeNull(); // Salesforce assumes S256
    const { status, location } = await authorize(Object.fromEntries(authorizeUrl.searchParams));
    expect(status).toBe(302);
    const code = new URL(location).searchParams.get('code') ?? '';
    const conn = new jsforce.Connection({ oauth2 });
    const userInfo = await conn.authorize(code);
    expect(userInfo).toMatchObject({ id: USERS.admin.id, organizationId: ORG_ID });
    expect(conn.refreshToken).toMatch(/^5Aep861/);
    expect(conn.instanceUrl).toBe(org.ctx.baseUrl);
  });
});
