import { expireSession, issueSession } from '../../../src/org/auth/index.js';
import { call, createTestOrg, ORG_ID, type TestOrg, USERS } from './helpers.js';

describe('userinfo and identity', () => {
  let org: TestOrg;
  let token: string;
  beforeAll(async () => {
    org = await createTestOrg();
    token = issueSession(org.ctx, USERS.admin.id, null).accessToken;
  });
  afterAll(async () => {
    await org.close();
  });

  const bearer = (accessToken = token) => ({ authorization: `Bearer ${accessToken}` });
  const identityPath = (userId = USERS.admin.id) => `/id/${ORG_ID}/${userId}`;

  it('answers userinfo with what @salesforce/core reads', async () => {
    const answer = await call(org, 'GET', '/services/oauth2/userinfo', { headers: bearer() });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
    const body = JSON.parse(answer.body) as Record<string, unknown>;
    const base = org.ctx.baseUrl;
    expect(body).toMatchObject({
      sub: `${base}/id/${ORG_ID}/${USERS.admin.id}`,
      user_id: USERS.admin.id,
      organization_id: ORG_ID,
      preferred_username: USERS.admin.username,
      nickname: 'admin',
      name: 'Ada Admin',
      email: USERS.admin.username,
      email_verified: true,
      given_name: 'Ada',
      family_name: 'Admin',
      zoneinfo: 'America/Los_Angeles',
      photos: { picture: `${base}/profilephoto/005/F`, thumbnail: `${base}/profilephoto/005/T` },
      profile: `${base}/${USERS.admin.id}`,
      active: true,
      user_type: 'STANDARD',
      language: 'en_US',
      locale: 'en_US',
      // 2024-07-01 is summer time in Los Angeles: UTC-7.
      utcOffset: -7 * 3600_000,
      updated_at: '2024-03-01T08:00:00Z',
      is_app_installed: true,
    });
    const urls = body.urls as Record<string, string>;
    expect(urls.rest).toBe(`${base}/services/data/v{version}/`);
    expect(urls.sobjects).toBe(`${base}/services/data/v{version}/sobjects/`);
    expect(urls.partner).toBe(`${base}/services/Soap/u/{version}/${ORG_ID.slice(0, 15)}`);
    expect(urls.metadata).toBe(`${base}/services/Soap/m/{version}/${ORG_ID.slice(0, 15)}`);
  });

  it.each([
    ['no token', {}],
    ['an unknown token', bearer(`${ORG_ID.slice(0, 15)}!AQnope`)],
    ['a malformed header', { authorization: 'Bearer' }],
  ])('answers userinfo with %s as 403 Bad_OAuth_Token', async (_case, headers) => {
    const answer = await call(org, 'GET', '/services/oauth2/userinfo', { headers });
    expect(answer.status).toBe(403);
    expect(answer.body).toBe('Bad_OAuth_Token');
  });

  it('answers the identity URL the way jsforce identity() calls it', async () => {
    const answer = await call(org, 'GET', `${identityPath()}?format=json&oauth_token=${encodeURIComponent(token)}`, {
      headers: bearer(),
    });
    expect(answer.status).toBe(200);
    const body = JSON.parse(answer.body) as Record<string, unknown>;
    expect(body).toMatchObject({
      id: `${org.ctx.baseUrl}${identityPath()}`,
      asserted_user: true,
      user_id: USERS.admin.id,
      organization_id: ORG_ID,
      username: USERS.admin.username,
      nick_name: 'admin',
      display_name: 'Ada Admin',
      email: USERS.admin.username,
      email_verified: true,
      first_name: 'Ada',
      last_name: 'Admin',
      timezone: 'America/Los_Angeles',
      active: true,
      user_type: 'STANDARD',
      language: 'en_US',
      locale: 'en_US',
      utcOffset: -25_200_000,
      last_modified_date: '2024-03-01T08:00:00.000+0000',
      is_app_installed: true,
    });
    expect((body.urls as Record<string, string>).query).toBe(`${org.ctx.baseUrl}/services/data/v{version}/query/`);
  });

  it('takes the token from the query alone, accepts 15-character ids and fills in a requested version', async () => {
    const path = `/id/${ORG_ID.slice(0, 15)}/${USERS.admin.id.slice(0, 15)}`;
    const answer = await call(org, 'GET', `${path}?version=62.0&oauth_token=${encodeURIComponent(token)}`);
    expect(answer.status).toBe(200);
    const urls = (JSON.parse(answer.body) as { urls: Record<string, string> }).urls;
    expect(urls.rest).toBe(`${org.ctx.baseUrl}/services/data/v62.0/`);
    const latest = await call(org, 'GET', `${identityPath()}?version=latest`, { headers: bearer() });
    expect((JSON.parse(latest.body) as { urls: Record<string, string> }).urls.rest).toContain('/v66.0/');
  });

  it('computes utcOffset for the user’s own time zone', async () => {
    const tokyo = issueSession(org.ctx, USERS.other.id, null).accessToken;
    const answer = await call(org, 'GET', identityPath(USERS.other.id), { headers: bearer(tokyo) });
    expect((JSON.parse(answer.body) as { utcOffset: number }).utcOffset).toBe(9 * 3600_000);
  });

  it('refuses other users’ identities, bad tokens and unsupported formats', async () => {
    const other = await call(org, 'GET', identityPath(USERS.other.id), { headers: bearer() });
    expect(other.status).toBe(403);
    const otherOrg = await call(org, 'GET', `/id/00D000000000002AAA/${USERS.admin.id}`, { headers: bearer() });
    expect(otherOrg.status).toBe(403);
    const garbage = await call(org, 'GET', '/id/x/y', { headers: bearer() });
    expect(garbage.status).toBe(403);
    const noToken = await call(org, 'GET', identityPath());
    expect(noToken.status).toBe(403);
    expect(noToken.body).toBe('Bad_OAuth_Token');
    const xml = await call(org, 'GET', `${identityPath()}?format=xml`, { headers: bearer() });
    expect(xml.status).toBe(406);
    const badVersion = await call(org, 'GET', `${identityPath()}?version=9.0`, { headers: bearer() });
    expect(badVersion.status).toBe(400);
    const repeated = await call(org, 'GET', `${identityPath()}?format=json&format=json`, { headers: bearer() });
    expect(repeated.status).toBe(400);
  });

  it('refuses expired sessions', async () => {
    const short = issueSession(org.ctx, USERS.admin.id, null).accessToken;
    expireSession(org.ctx, short);
    const answer = await call(org, 'GET', identityPath(), { headers: bearer(short) });
    expect(answer.status).toBe(403);
    expect(answer.body).toBe('Bad_OAuth_Token');
  });
});
