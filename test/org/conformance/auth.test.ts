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
      oauth2: { clientId: LOCAL_CONNECTED_APP.consumerKey, clientSecret: LOCAL_CONNECTED_APP.consumerSecret, loginUrl: org.url },
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

  it('answers an unknown or expired token with 401 INVALID_SESSION_ID', async () => {
    const conn = new jsforce.Connection({ instanceUrl: org.url, accessToken: `${org.ctx.orgId.slice(0, 15)}!nope`, version: '62.0' });
    await expect(conn.query('SELECT Id FROM User')).rejects.toMatchObject({ errorCode: 'INVALID_SESSION_ID' });
  });

  it('works with @salesforce/core: AuthInfo from an access token, then Org.getConnection().query', async () => {
    const previousHome = process.env.HOME;
    process.env.HOME = sfHome;
    process.env.SF_DISABLE_DNS_CHECK = 'true';
    try {
      const { AuthInfo, Connection, Org } = await import('@salesforce/core');
      const userObject = org.store.object('User');
      const [adminId] = org.store.findByField(userObject, org.store.requireField(userObject, 'Username'), 'admin@handover.local');
      const { accessToken } = issueSession(org.ctx, adminId!, null);
      const authInfo = await AuthInfo.create({ accessTokenOptions: { accessToken, instanceUrl: org.url, loginUrl: org.url } });
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
