import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsforce from 'jsforce';
import { startTestOrg, stopTestOrg, type TestOrg } from '../../helpers/localOrg.js';
import { LOCAL_CONNECTED_APP, SEED_PASSWORD } from '../../../src/org/seeds/empty.js';
import { issueSession } from '../../../src/org/auth/index.js';

describe('local org authentication (real clients over HTTP)', () => {
  let org: TestOrg;
  let sfHome: string;

  beforeAll(async () => {
    org = await startTestOrg();
    // @salesforce/core keeps its auth files under the home folder: use a throwaway one.
    sfHome = mkdtempSync(join(tmpdir(), 'handover-sfhome-'));
  });
  afterAll(async () => {
    await stopTestOrg(org);
    rmSync(sfHome, { recursive: true, force: true });
  });

  it('logs in through SOAP and through the OAuth 2.0 password grant', async () => {
    const soap = await org.login();
    expect(soap.accessToken).toMatch(/^00D\w{12,15}![.\w]*$/);
    expect(soap.instanceUrl).toBe(org.url);
    expect(soap.userInfo?.organizationId).toBe(org.ctx.orgId);

    const oauth = new jsforce.Connection({
      oauth2: {
        clientId: LOCAL_CONNECTED_APP.consumerKey,
        clientSecret: LOCAL_CONNECTED_APP.consumerSecret,
        loginUrl: org.url,
      },
      version: '62.0',
    });
    const info = await oauth.login('admin@handover.local', SEED_PASSWORD);
    expect(info.organizationId).toBe(org.ctx.orgId);
    const rows = await oauth.query<{ Username: string }>('SELECT Username FROM User');
    expect(rows.records.map((r) => r.Username)).toContain('admin@handover.local');
  });

  it('refuses wrong credentials and unknown OAuth clients', async () => {
    const conn = new jsforce.Connection({ loginUrl: org.url, version: '62.0' });
    await expect(conn.login('admin@handover.local', 'wrong')).rejects.toThrow(/INVALID_LOGIN/);
    const oauth = new jsforce.Connection({
      oauth2: { clientId: 'nobody', clientSecret: 'x', loginUrl: org.url },
      version: '62.0',
    });
    await expect(oauth.login('admin@handover.local', SEED_PASSWORD)).rejects.toThrow();
  });

  it('runs the web-server flow with PKCE, refreshes, reads userinfo and identity, and revokes', async () => {
    const verifier = 'v'.repeat(64);
    const { createHash } = await import('node:crypto');
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const redirectUri = 'http://127.0.0.1:8080/oauth/callback';
    const authorize = `${org.url}/services/oauth2/authorize?response_type=code&client_id=handover-local&redirect_uri=${encodeURIComponent(redirectUri)}&state=s1&code_challenge=${challenge}`;
    const form = await fetch(authorize);
    expect(form.status).toBe(200);
    expect(await form.text()).toMatch(/<form[^>]+method="post"/i);

    const login = await fetch(`${org.url}/services/oauth2/authorize`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        username: 'admin@handover.local',
        password: SEED_PASSWORD,
        response_type: 'code',
        client_id: 'handover-local',
        redirect_uri: redirectUri,
        state: 's1',
        code_challenge: challenge,
      }),
    });
    expect(login.status).toBe(302);
    const location = new URL(login.headers.get('location')!);
    expect(`${location.origin}${location.pathname}`).toBe(redirectUri);
    expect(location.searchParams.get('state')).toBe('s1');

    // A public client: no secret, the PKCE verifier instead.
    const oauth2 = new jsforce.OAuth2({ clientId: 'handover-local', redirectUri, loginUrl: org.url });
    const conn = new jsforce.Connection({ oauth2, version: '62.0' });
    const info = await conn.authorize(location.searchParams.get('code')!, { code_verifier: verifier });
    expect(info.organizationId).toBe(org.ctx.orgId);
    expect(conn.refreshToken).toMatch(/^5Aep/);

    const userinfo = (await (
      await fetch(`${org.url}/services/oauth2/userinfo`, { headers: { Authorization: `Bearer ${conn.accessToken}` } })
    ).json()) as Record<string, unknown>;
    expect(userinfo).toMatchObject({ preferred_username: 'admin@handover.local', organization_id: org.ctx.orgId });
    expect((await conn.identity()).username).toBe('admin@handover.local');

    const refreshed = await oauth2.refreshToken(conn.refreshToken!);
    expect(refreshed.access_token).not.toBe(conn.accessToken);
    await oauth2.revokeToken(conn.refreshToken!);
    await expect(oauth2.refreshToken(conn.refreshToken!)).rejects.toThrow(/expired access\/refresh token/);
  });

  it('refuses unknown clients and callback URLs that do not match', async () => {
    const unknown = await fetch(
      `${org.url}/services/oauth2/authorize?response_type=code&client_id=nobody&redirect_uri=${encodeURIComponent('http://127.0.0.1/oauth/callback')}`,
      { redirect: 'manual' },
    );
    expect(unknown.status).toBe(400);
    expect(await unknown.text()).toContain('invalid_client_id');
    const mismatch = await fetch(
      `${org.url}/services/oauth2/authorize?response_type=code&client_id=handover-local&redirect_uri=${encodeURIComponent('https://evil.example/cb')}`,
      { redirect: 'manual' },
    );
    expect(mismatch.status).toBe(400);
    expect(await mismatch.text()).toContain('redirect_uri_mismatch');
  });

  it("gets a token by client credentials for the connected app's run-as user", async () => {
    const response = await fetch(`${org.url}/services/oauth2/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: 'handover-local',
        client_secret: 'handover-local-secret',
      }),
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { access_token: string; instance_url: string; id: string };
    expect(body.instance_url).toBe(org.url);
    expect(body.id).toMatch(new RegExp(`/id/${org.ctx.orgId}/005`));
  });

  it('answers an unknown or expired token with 401 INVALID_SESSION_ID', async () => {
    const conn = new jsforce.Connection({
      instanceUrl: org.url,
      accessToken: `${org.ctx.orgId.slice(0, 15)}!nope`,
      version: '62.0',
    });
    await expect(conn.query('SELECT Id FROM User')).rejects.toMatchObject({ errorCode: 'INVALID_SESSION_ID' });
  });

  it('works with @salesforce/core: AuthInfo from an access token, then Org.getConnection().query', async () => {
    const previousHome = process.env.HOME;
    process.env.HOME = sfHome;
    process.env.SF_DISABLE_DNS_CHECK = 'true';
    try {
      const { AuthInfo, Connection, Org } = await import('@salesforce/core');
      const userObject = org.store.object('User');
      const [adminId] = org.store.findByField(
        userObject,
        org.store.requireField(userObject, 'Username'),
        'admin@handover.local',
      );
      const { accessToken } = issueSession(org.ctx, adminId!, null);
      const authInfo = await AuthInfo.create({
        accessTokenOptions: { accessToken, instanceUrl: org.url, loginUrl: org.url },
      });
      expect(authInfo.getUsername()).toBe('admin@handover.local');
      const sfOrg = await Org.create({ connection: await Connection.create({ authInfo }) });
      expect(sfOrg.getOrgId()).toBe(org.ctx.orgId);
      const conn = sfOrg.getConnection();
      const result = await conn.query<{ Name: string }>('SELECT Name FROM Organization');
      expect(result.records).toEqual([expect.objectContaining({ Name: 'Handover Local Org' })]);
      expect(conn.getApiVersion()).toBe('66.0');
    } finally {
      process.env.HOME = previousHome;
    }
  });
});
