import { createHmac } from 'node:crypto';
import jsforce from 'jsforce';
import { authenticateBearer, expireSession, issueSession } from '../../../src/org/auth/index.js';
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

type TokenBody = Record<string, string>;

describe('OAuth 2.0 token endpoint', () => {
  let org: TestOrg;
  beforeAll(async () => {
    org = await createTestOrg();
  });
  afterAll(async () => {
    await org.close();
  });

  function oauthConnection(clientSecret: string | undefined = WEB_APP.consumerSecret): jsforce.Connection {
    return new jsforce.Connection({
      oauth2: { clientId: WEB_APP.consumerKey, clientSecret, loginUrl: org.ctx.baseUrl },
      version: '62.0',
    });
  }

  async function token(params: Record<string, string | undefined>, headers: Record<string, string> = FORM) {
    const answer = await call(org, 'POST', '/services/oauth2/token', { headers, body: form(params) });
    return { ...answer, json: JSON.parse(answer.body) as TokenBody };
  }

  const password = (overrides: Record<string, string | undefined> = {}) => ({
    grant_type: 'password',
    username: USERS.admin.username,
    password: PASSWORD,
    client_id: WEB_APP.consumerKey,
    client_secret: WEB_APP.consumerSecret,
    ...overrides,
  });

  it('logs in with jsforce through the password grant', async () => {
    const conn = oauthConnection();
    const userInfo = await conn.login(USERS.admin.username, PASSWORD);
    expect(userInfo).toMatchObject({ id: USERS.admin.id, organizationId: ORG_ID });
    expect(conn.accessToken).toMatch(ACCESS_TOKEN);
    expect(conn.instanceUrl).toBe(org.ctx.baseUrl);
    expect(authenticateBearer(org.ctx, `Bearer ${conn.accessToken ?? ''}`)).toMatchObject({
      userId: USERS.admin.id,
      clientId: WEB_APP.consumerKey,
    });
  });

  it('answers the documented token shape, signed with the consumer secret', async () => {
    const answer = await token(password());
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
    expect(answer.headers.get('cache-control')).toBe('no-store');
    const body = answer.json;
    expect(Object.keys(body).sort()).toEqual(
      ['access_token', 'id', 'instance_url', 'issued_at', 'scope', 'signature', 'token_type'].sort(),
    );
    expect(body.access_token).toMatch(ACCESS_TOKEN);
    expect(body.instance_url).toBe(org.ctx.baseUrl);
    expect(body.id).toBe(`${org.ctx.baseUrl}/id/${ORG_ID}/${USERS.admin.id}`);
    expect(body.token_type).toBe('Bearer');
    expect(body.issued_at).toBe(String(org.ctx.now().getTime()));
    expect(body.scope).toBe('api refresh_token web');
    const expected = createHmac('sha256', WEB_APP.consumerSecret)
      .update(`${body.id}${body.issued_at}`)
      .digest('base64');
    expect(body.signature).toBe(expected);
  });

  it('takes the client credentials from HTTP Basic authentication too', async () => {
    const basic = Buffer.from(`${WEB_APP.consumerKey}:${WEB_APP.consumerSecret}`).toString('base64');
    const answer = await token(password({ client_id: undefined, client_secret: undefined }), {
      ...FORM,
      authorization: `Basic ${basic}`,
    });
    expect(answer.status).toBe(200);
  });

  it.each([
    ['an unknown client', { client_id: 'nobody' }, 'invalid_client_id', 'client identifier invalid'],
    ['a missing client', { client_id: undefined }, 'invalid_client_id', 'client identifier invalid'],
    ['a wrong secret', { client_secret: 'nope' }, 'invalid_client', 'invalid client credentials'],
    ['a missing secret', { client_secret: undefined }, 'invalid_client', 'invalid client credentials'],
    ['a wrong password', { password: 'nope' }, 'invalid_grant', 'authentication failure'],
    ['an unknown user', { username: 'nobody@auth.test' }, 'invalid_grant', 'authentication failure'],
    ['a missing password', { password: undefined }, 'invalid_grant', 'authentication failure'],
    ['an inactive user', { username: USERS.inactive.username }, 'invalid_grant', 'inactive user'],
    ['a frozen user', { username: USERS.frozen.username }, 'invalid_grant', 'user is frozen'],
    [
      'an inactive user with a wrong password',
      { username: USERS.inactive.username, password: 'x' },
      'invalid_grant',
      'authentication failure',
    ],
    [
      'an unsupported grant',
      { grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer' },
      'unsupported_grant_type',
      'grant type not supported',
    ],
    ['a missing grant type', { grant_type: undefined }, 'unsupported_grant_type', 'grant type not supported'],
    ['a huge password', { password: 'x'.repeat(5000) }, 'invalid_request', 'invalid parameter: password'],
  ])('refuses %s', async (_case, overrides, error, description) => {
    const answer = await token(password(overrides));
    expect(answer.status).toBe(400);
    expect(answer.json).toEqual({ error, error_description: description });
  });

  it.each([
    ['a wrong password', 'nope', 'authentication failure'],
    ['an inactive user', PASSWORD, 'inactive user'],
  ])('lets jsforce report %s', async (_case, secret, message) => {
    const username = secret === PASSWORD ? USERS.inactive.username : USERS.admin.username;
    await expect(oauthConnection().login(username, secret)).rejects.toMatchObject({ name: 'invalid_grant', message });
  });

  it('refuses bodies that are not a form, repeated parameters and oversized bodies', async () => {
    const json = await call(org, 'POST', '/services/oauth2/token', {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(password()),
    });
    expect(json.status).toBe(400);
    expect(JSON.parse(json.body)).toEqual({
      error: 'invalid_request',
      error_description: 'the request body must be application/x-www-form-urlencoded',
    });
    const badJson = await call(org, 'POST', '/services/oauth2/token', {
      headers: { 'content-type': 'application/json' },
      body: '{',
    });
    expect(badJson.status).toBe(400);
    expect(JSON.parse(badJson.body)).toMatchObject({ error: 'invalid_request' });
    const repeated = await call(org, 'POST', '/services/oauth2/token', {
      headers: FORM,
      body: `${form(password())}&password=x`,
    });
    expect(JSON.parse(repeated.body)).toEqual({
      error: 'invalid_request',
      error_description: 'invalid parameter: password',
    });
    const huge = await call(org, 'POST', '/services/oauth2/token', { headers: FORM, body: `x=${'a'.repeat(200_000)}` });
    expect(huge.status).toBe(413);
    expect(JSON.parse(huge.body)).toEqual({ error: 'invalid_request', error_description: 'request body too large' });
  });

  it('accepts parameters in the query string of a POST, as Salesforce does', async () => {
    const answer = await call(org, 'POST', `/services/oauth2/token?${form(password())}`);
    expect(answer.status).toBe(200);
  });

  describe('client credentials', () => {
    it('runs as the app’s configured user', async () => {
      const answer = await token({
        grant_type: 'client_credentials',
        client_id: WEB_APP.consumerKey,
        client_secret: WEB_APP.consumerSecret,
      });
      expect(answer.status).toBe(200);
      expect(answer.json.id).toBe(`${org.ctx.baseUrl}/id/${ORG_ID}/${USERS.admin.id}`);
      expect(answer.json.refresh_token).toBeUndefined();
    });

    it('is refused without a run-as user or without the secret', async () => {
      const noUser = await token({
        grant_type: 'client_credentials',
        client_id: CONFIDENTIAL_APP.consumerKey,
        client_secret: CONFIDENTIAL_APP.consumerSecret,
      });
      expect(noUser.json).toEqual({ error: 'invalid_grant', error_description: 'no client credentials user enabled' });
      const noSecret = await token({ grant_type: 'client_credentials', client_id: WEB_APP.consumerKey });
      expect(noSecret.json).toEqual({ error: 'invalid_client', error_description: 'invalid client credentials' });
    });

    it('works through jsforce authorize()', async () => {
      const conn = oauthConnection();
      const userInfo = await conn.authorize({ grant_type: 'client_credentials' });
      expect(userInfo.id).toBe(USERS.admin.id);
    });
  });

  describe('refresh tokens', () => {
    it('refresh through jsforce oauth2.refreshToken', async () => {
      const { refreshToken } = issueSession(org.ctx, USERS.other.id, WEB_APP.consumerKey);
      const conn = oauthConnection();
      const answer = await conn.oauth2.refreshToken(refreshToken ?? '');
      expect(answer.access_token).toMatch(ACCESS_TOKEN);
      expect(answer.refresh_token).toBeUndefined();
      expect(answer.id).toBe(`${org.ctx.baseUrl}/id/${ORG_ID}/${USERS.other.id}`);
      expect(authenticateBearer(org.ctx, `Bearer ${answer.access_token}`).userId).toBe(USERS.other.id);
    });

    it('let jsforce recover from an expired session on its own', async () => {
      const { accessToken, refreshToken } = issueSession(org.ctx, USERS.other.id, WEB_APP.consumerKey);
      const conn = new jsforce.Connection({
        oauth2: { clientId: WEB_APP.consumerKey, clientSecret: WEB_APP.consumerSecret, loginUrl: org.ctx.baseUrl },
        instanceUrl: org.ctx.baseUrl,
        accessToken,
        refreshToken: refreshToken ?? '',
        version: '62.0',
      });
      expireSession(org.ctx, accessToken);
      const probe = await conn.request<{ userId: string }>('/services/data/v62.0/probe');
      expect(probe.userId).toBe(USERS.other.id);
      expect(conn.accessToken).not.toBe(accessToken);
    });

    it('are refused when unknown, revoked, of another client or of a deactivated user', async () => {
      const refresh = (refreshToken: string, clientId = WEB_APP.consumerKey, secret = WEB_APP.consumerSecret) =>
        token({ grant_type: 'refresh_token', refresh_token: refreshToken, client_id: clientId, client_secret: secret });
      const expired = { error: 'invalid_grant', error_description: 'expired access/refresh token' };
      expect((await refresh('5Aep861nope')).json).toEqual(expired);
      expect((await refresh('')).json).toEqual(expired);

      const other = issueSession(org.ctx, USERS.other.id, CONFIDENTIAL_APP.consumerKey).refreshToken ?? '';
      expect((await refresh(other)).json).toEqual(expired);
      expect((await refresh(other, CONFIDENTIAL_APP.consumerKey, CONFIDENTIAL_APP.consumerSecret)).status).toBe(200);
      // Without its secret, only an app that allows public clients may refresh.
      const noSecret = await token({
        grant_type: 'refresh_token',
        refresh_token: other,
        client_id: CONFIDENTIAL_APP.consumerKey,
      });
      expect(noSecret.json).toEqual({ error: 'invalid_client', error_description: 'invalid client credentials' });

      const mine = issueSession(org.ctx, USERS.other.id, WEB_APP.consumerKey).refreshToken ?? '';
      const publicRefresh = await token({
        grant_type: 'refresh_token',
        refresh_token: mine,
        client_id: WEB_APP.consumerKey,
      });
      expect(publicRefresh.status).toBe(200);
      const revoked = await call(org, 'POST', '/services/oauth2/revoke', {
        headers: FORM,
        body: form({ token: mine }),
      });
      expect(revoked.status).toBe(200);
      expect((await refresh(mine)).json).toEqual(expired);

      const inactive = issueSession(org.ctx, USERS.inactive.id, WEB_APP.consumerKey).refreshToken ?? '';
      expect((await refresh(inactive)).json).toEqual({ error: 'invalid_grant', error_description: 'inactive user' });
    });

    it('report jsforce’s expected message when a refresh fails', async () => {
      const conn = new jsforce.Connection({
        oauth2: { clientId: WEB_APP.consumerKey, clientSecret: WEB_APP.consumerSecret, loginUrl: org.ctx.baseUrl },
        instanceUrl: org.ctx.baseUrl,
        accessToken: `${ORG_ID.slice(0, 15)}!AQexpired`,
        refreshToken: '5Aep861revoked',
        version: '62.0',
      });
      await expect(conn.request('/services/data/v62.0/probe')).rejects.toThrow(
        'Unable to refresh session due to: expired access/refresh token',
      );
    });
  });

  describe('revoke', () => {
    it('revokes an access token through jsforce logout()', async () => {
      const conn = oauthConnection();
      await conn.login(USERS.admin.username, PASSWORD);
      const accessToken = conn.accessToken ?? '';
      await conn.logout();
      expect(() => authenticateBearer(org.ctx, `Bearer ${accessToken}`)).toThrow('Session expired or invalid');
    });

    it('revokes a refresh token with its access tokens, also through GET', async () => {
      const { accessToken, refreshToken } = issueSession(org.ctx, USERS.other.id, WEB_APP.consumerKey);
      const answer = await call(org, 'GET', `/services/oauth2/revoke?${form({ token: refreshToken })}`);
      expect(answer.status).toBe(200);
      expect(answer.body).toBe('');
      expect(() => authenticateBearer(org.ctx, `Bearer ${accessToken}`)).toThrow('Session expired or invalid');
    });

    it('refuses unknown and missing tokens', async () => {
      const unknown = await call(org, 'POST', '/services/oauth2/revoke', {
        headers: FORM,
        body: form({ token: 'whatever' }),
      });
      expect(unknown.status).toBe(400);
      expect(JSON.parse(unknown.body)).toEqual({
        error: 'unsupported_token_type',
        error_description: 'this token type is not supported',
      });
      const missing = await call(org, 'POST', '/services/oauth2/revoke', { headers: FORM, body: '' });
      expect(missing.status).toBe(400);
      expect(JSON.parse(missing.body)).toEqual({ error: 'invalid_request', error_description: 'token is required' });
    });
  });
});
