import jsforce from 'jsforce';
import { authenticateBearer } from '../../../src/org/auth/index.js';
import { ACCESS_TOKEN, call, createTestOrg, ORG_ID, PASSWORD, type TestOrg, USERS } from './helpers.js';

const INVALID_LOGIN = 'INVALID_LOGIN: Invalid username, password, security token; or user locked out.';

function envelope(body: string, header = ''): string {
  return (
    '<se:Envelope xmlns:se="http://schemas.xmlsoap.org/soap/envelope/">' +
    `<se:Header>${header}</se:Header><se:Body>${body}</se:Body></se:Envelope>`
  );
}

function loginXml(username: string, password: string): string {
  return envelope(
    `<login xmlns="urn:partner.soap.sforce.com"><username>${username}</username><password>${password}</password></login>`,
  );
}

describe('SOAP login over HTTP with jsforce', () => {
  let org: TestOrg;
  beforeAll(async () => {
    org = await createTestOrg();
  });
  afterAll(async () => {
    await org.close();
  });

  function connection(): jsforce.Connection {
    return new jsforce.Connection({ loginUrl: org.ctx.baseUrl, version: '62.0' });
  }

  it('logs in, and the session works and ends with logout', async () => {
    const conn = connection();
    const userInfo = await conn.login(USERS.admin.username, PASSWORD);
    expect(userInfo).toEqual({
      id: USERS.admin.id,
      organizationId: ORG_ID,
      url: `${org.ctx.baseUrl}/id/${ORG_ID}/${USERS.admin.id}`,
    });
    expect(conn.accessToken).toMatch(ACCESS_TOKEN);
    expect(conn.instanceUrl).toBe(org.ctx.baseUrl);
    const token = conn.accessToken ?? '';
    expect(authenticateBearer(org.ctx, `Bearer ${token}`)).toMatchObject({ userId: USERS.admin.id, clientId: null });

    await conn.logout();
    expect(() => authenticateBearer(org.ctx, `Bearer ${token}`)).toThrow('Session expired or invalid');
  });

  it('takes usernames case-insensitively', async () => {
    const userInfo = await connection().login(USERS.admin.username.toUpperCase(), PASSWORD);
    expect(userInfo.id).toBe(USERS.admin.id);
  });

  it.each([
    ['a wrong password', USERS.admin.username, 'wrong'],
    ['an unknown user', 'nobody@auth.test', PASSWORD],
    ['an inactive user', USERS.inactive.username, PASSWORD],
    ['a frozen user', USERS.frozen.username, PASSWORD],
  ])('refuses %s with INVALID_LOGIN', async (_case, username, password) => {
    await expect(connection().login(username, password)).rejects.toThrow(INVALID_LOGIN);
  });
});

describe('SOAP endpoint', () => {
  let org: TestOrg;
  beforeAll(async () => {
    org = await createTestOrg();
  });
  afterAll(async () => {
    await org.close();
  });

  async function post(payload: string, contentType = 'text/xml', url = '/services/Soap/u/62.0') {
    return call(org, 'POST', url, { headers: { 'content-type': contentType, soapaction: '""' }, body: payload });
  }

  function faultCode(body: string): string | undefined {
    return /<faultcode>([^<]+)<\/faultcode>/.exec(body)?.[1];
  }

  it('answers a loginResponse without prefixes on the fields jsforce reads', async () => {
    const response = await post(loginXml(USERS.admin.username, 'p&amp;ss&lt;word&gt; &quot;1&quot;'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/xml; charset=utf-8');
    const body = response.body;
    const org15 = ORG_ID.slice(0, 15);
    expect(body).toContain('xmlns="urn:partner.soap.sforce.com"');
    expect(body).toContain(`<serverUrl>${org.ctx.baseUrl}/services/Soap/u/62.0/${org15}</serverUrl>`);
    expect(body).toContain(`<metadataServerUrl>${org.ctx.baseUrl}/services/Soap/m/62.0/${org15}</metadataServerUrl>`);
    expect(body).toContain('<passwordExpired>false</passwordExpired><sandbox>false</sandbox>');
    expect(body).toMatch(/<sessionId>00D\w{12}![.\w]+<\/sessionId>/);
    expect(body).toContain(`<userId>${USERS.admin.id}</userId>`);
    expect(body).toContain(`<organizationId>${ORG_ID}</organizationId>`);
    expect(body).toContain('<organizationName>Auth Test Org</organizationName>');
    expect(body).toContain(`<userName>${USERS.admin.username}</userName>`);
    expect(body).toContain('<userFullName>Ada Admin</userFullName>');
    expect(body).toContain(`<userEmail>${USERS.admin.username}</userEmail>`);
    expect(body).toContain('<userTimeZone>America/Los_Angeles</userTimeZone>');
    expect(body).toContain('<userLanguage>en_US</userLanguage><userLocale>en_US</userLocale>');
    expect(body).toContain('<sessionSecondsValid>7200</sessionSecondsValid>');
  });

  it('reads CDATA and numeric character references in credentials', async () => {
    const response = await post(loginXml(USERS.admin.username, '<![CDATA[p&ss<word>]]>&#32;&#x22;1&#34;'));
    expect(response.status).toBe(200);
  });

  it('serves the org-specific serverUrl too (jsforce logs out there)', async () => {
    const response = await post(
      loginXml(USERS.admin.username, 'wrong'),
      'text/xml',
      `/services/Soap/u/62.0/${ORG_ID.slice(0, 15)}`,
    );
    expect(response.status).toBe(500);
    expect(response.body).toContain(`<faultstring>${INVALID_LOGIN}</faultstring>`);
    expect(response.body).toContain('<sf:LoginFault xsi:type="sf:LoginFault">');
  });

  it('logout needs a live session', async () => {
    const login = await post(loginXml(USERS.other.username, 'p&amp;ss&lt;word&gt; "1"'));
    const sessionId = /<sessionId>([^<]+)<\/sessionId>/.exec(login.body)?.[1] ?? '';
    const logoutXml = envelope(
      '<logout xmlns="urn:partner.soap.sforce.com"/>',
      `<SessionHeader xmlns="urn:partner.soap.sforce.com"><sessionId>${sessionId}</sessionId></SessionHeader>`,
    );
    const first = await post(logoutXml);
    expect(first.status).toBe(200);
    expect(first.body).toContain('<logoutResponse/>');
    const second = await post(logoutXml);
    expect(second.status).toBe(500);
    expect(faultCode(second.body)).toBe('sf:INVALID_SESSION_ID');
    const missing = await post(envelope('<logout xmlns="urn:partner.soap.sforce.com"/>'));
    expect(faultCode(missing.body)).toBe('sf:INVALID_SESSION_ID');
  });

  it.each([
    ['malformed XML', '<se:Envelope><se:Body><login>', 'text/xml', 'sf:INVALID_REQUEST'],
    ['not XML', 'hello', 'text/xml', 'sf:INVALID_REQUEST'],
    ['an empty body', '', 'text/xml', 'sf:INVALID_REQUEST'],
    ['no envelope', '<login><username>a</username></login>', 'text/xml', 'sf:INVALID_REQUEST'],
    ['an empty Body', envelope(''), 'text/xml', 'sf:INVALID_REQUEST'],
    ['two operations', envelope('<login/><logout/>'), 'text/xml', 'sf:INVALID_REQUEST'],
    [
      'a repeated password',
      envelope('<login><username>a</username><password>1</password><password>2</password></login>'),
      'text/xml',
      'sf:INVALID_REQUEST',
    ],
    [
      'a structured username',
      envelope('<login><username><x>a</x></username><password>1</password></login>'),
      'text/xml',
      'sf:INVALID_REQUEST',
    ],
    ['a DOCTYPE', `<!DOCTYPE x [<!ENTITY a "b">]>${loginXml('&a;', 'x')}`, 'text/xml', 'sf:INVALID_REQUEST'],
    ['a JSON body', '{"username":"a"}', 'application/json', 'sf:INVALID_REQUEST'],
    ['invalid JSON', '{', 'application/json', 'sf:INVALID_REQUEST'],
    ['a form body', 'username=a&password=b', 'application/x-www-form-urlencoded', 'sf:INVALID_REQUEST'],
    [
      'an unsupported operation',
      envelope('<query><queryString>SELECT Id FROM User</queryString></query>'),
      'text/xml',
      'sf:INVALID_OPERATION',
    ],
    [
      'a missing password',
      envelope(`<login><username>${USERS.admin.username}</username></login>`),
      'text/xml',
      'sf:INVALID_LOGIN',
    ],
    ['a huge body', loginXml('a', 'x'.repeat(100_000)), 'text/xml', 'sf:EXCEEDED_MAX_SIZE_REQUEST'],
    [
      'a huge password under the limit',
      loginXml(USERS.admin.username, 'x'.repeat(60_000)),
      'text/xml',
      'sf:INVALID_LOGIN',
    ],
  ])('answers %s with a clean fault', async (_case, payload, contentType, code) => {
    const response = await post(payload, contentType);
    expect(response.status).toBe(500);
    expect(response.headers.get('content-type')).toBe('text/xml; charset=utf-8');
    expect(faultCode(response.body)).toBe(code);
    expect(response.body).not.toMatch(/at .*\.(?:js|ts):\d+/);
  });

  it.each(['99.0', '20.0', 'v62.0', 'x'])('refuses API version %s', async (version) => {
    const response = await post(loginXml(USERS.admin.username, 'x'), 'text/xml', `/services/Soap/u/${version}`);
    expect(response.status).toBe(500);
    expect(faultCode(response.body)).toBe('sf:UNSUPPORTED_API_VERSION');
  });
});
