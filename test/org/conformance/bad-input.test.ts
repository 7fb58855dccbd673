import { startTestOrg, stopTestOrg, type TestOrg } from '../../helpers/localOrg.js';

/** Malformed requests to every endpoint: each gets a clean 4xx in Salesforce's shape, never a 500 or a hang. */
describe('local org: bad input on every endpoint', () => {
  let org: TestOrg;
  let token: string;
  let accountId: string;

  beforeAll(async () => {
    org = await startTestOrg();
    const conn = await org.login();
    token = conn.accessToken!;
    accountId = (await conn.sobject('Account').create({ Name: 'Target' })).id!;
  });
  afterAll(() => stopTestOrg(org));

  type Case = { method: string; path: string; body?: string; contentType?: string; status: number; code?: string };

  const v = '/services/data/v62.0';
  const cases = (): Case[] => [
    { method: 'GET', path: `${v}/query`, status: 400, code: 'MALFORMED_QUERY' },
    {
      method: 'GET',
      path: `${v}/query?q=${encodeURIComponent("SELECT Id FROM Account WHERE Name = 'x")}`,
      status: 400,
      code: 'MALFORMED_QUERY',
    },
    { method: 'GET', path: `${v}/query?q=${encodeURIComponent('SELECT Id FROM Account LIMIT -1')}`, status: 400 },
    {
      method: 'GET',
      path: `${v}/query?q=${encodeURIComponent('SELECT Id FROM Account WHERE')}`,
      status: 400,
      code: 'MALFORMED_QUERY',
    },
    {
      method: 'GET',
      path: `${v}/query?q=${encodeURIComponent("SELECT Id FROM Account WHERE CreatedDate > 'yesterday'")}`,
      status: 400,
    },
    { method: 'GET', path: `${v}/query/not-a-locator`, status: 400, code: 'INVALID_QUERY_LOCATOR' },
    { method: 'GET', path: `${v}/sobjects/Account/${accountId}?fields=Nope`, status: 400, code: 'INVALID_FIELD' },
    { method: 'GET', path: `${v}/sobjects/Account/${'z'.repeat(18)}`, status: 404, code: 'NOT_FOUND' },
    { method: 'GET', path: `${v}/sobjects/Account/Name/Target`, status: 400, code: 'INVALID_FIELD' },
    {
      method: 'POST',
      path: `${v}/sobjects/Account`,
      body: 'not json',
      contentType: 'application/json',
      status: 400,
      code: 'JSON_PARSER_ERROR',
    },
    {
      method: 'POST',
      path: `${v}/sobjects/Account`,
      body: '"a string"',
      contentType: 'application/json',
      status: 400,
      code: 'JSON_PARSER_ERROR',
    },
    {
      method: 'POST',
      path: `${v}/sobjects/Account`,
      body: JSON.stringify({ Name: { nested: true } }),
      contentType: 'application/json',
      status: 400,
      code: 'JSON_PARSER_ERROR',
    },
    {
      method: 'POST',
      path: `${v}/sobjects/Account`,
      body: JSON.stringify({ Name: 'x', NumberOfEmployees: 1.5 }),
      contentType: 'application/json',
      status: 400,
      code: 'JSON_PARSER_ERROR',
    },
    {
      method: 'POST',
      path: `${v}/sobjects/Account`,
      body: JSON.stringify({ Name: 'x', AnnualRevenue: 1e30 }),
      contentType: 'application/json',
      status: 400,
      code: 'NUMBER_OUTSIDE_VALID_RANGE',
    },
    {
      method: 'POST',
      path: `${v}/sobjects/Opportunity`,
      body: JSON.stringify({ Name: 'x', StageName: 'Prospecting', CloseDate: '2026-02-30' }),
      contentType: 'application/json',
      status: 400,
      code: 'JSON_PARSER_ERROR',
    },
    {
      method: 'POST',
      path: `${v}/sobjects/Nope__c`,
      body: '{}',
      contentType: 'application/json',
      status: 404,
      code: 'NOT_FOUND',
    },
    {
      method: 'POST',
      path: `${v}/sobjects/Organization`,
      body: '{"Name":"x"}',
      contentType: 'application/json',
      status: 400,
    },
    {
      method: 'PATCH',
      path: `${v}/sobjects/Account/${accountId}`,
      body: '[]',
      contentType: 'application/json',
      status: 400,
      code: 'JSON_PARSER_ERROR',
    },
    {
      method: 'PATCH',
      path: `${v}/sobjects/Account/${accountId}`,
      body: JSON.stringify({ OwnerId: '00G000000000000' }),
      contentType: 'application/json',
      status: 400,
    },
    { method: 'DELETE', path: `${v}/sobjects/Account/001000000000000`, status: 404, code: 'NOT_FOUND' },
    {
      method: 'POST',
      path: `${v}/composite/sobjects`,
      body: '{"records": "nope"}',
      contentType: 'application/json',
      status: 400,
      code: 'JSON_PARSER_ERROR',
    },
    {
      method: 'PATCH',
      path: `${v}/composite/sobjects`,
      body: '{}',
      contentType: 'application/json',
      status: 400,
      code: 'JSON_PARSER_ERROR',
    },
    { method: 'DELETE', path: `${v}/composite/sobjects`, status: 400, code: 'MISSING_ARGUMENT' },
    {
      method: 'POST',
      path: `${v}/composite/sobjects/Account`,
      body: '{"ids": 1}',
      contentType: 'application/json',
      status: 400,
      code: 'JSON_PARSER_ERROR',
    },
    {
      method: 'POST',
      path: `${v}/composite/sobjects/Account`,
      body: JSON.stringify({ ids: [accountId], fields: ['Nope'] }),
      contentType: 'application/json',
      status: 400,
      code: 'INVALID_FIELD',
    },
    {
      method: 'POST',
      path: `${v}/sobjects/User/${accountId}/password`,
      body: '{}',
      contentType: 'application/json',
      status: 404,
      code: 'NOT_FOUND',
    },
    { method: 'GET', path: '/services/data/v99.0/limits', status: 404, code: 'NOT_FOUND' },
    { method: 'GET', path: '/services/data/vX/limits', status: 404, code: 'NOT_FOUND' },
    {
      method: 'PUT',
      path: `${v}/sobjects/Account/${accountId}`,
      body: '{}',
      contentType: 'application/json',
      status: 404,
    },
  ];

  it('answers each malformed request with its 4xx and a Salesforce error array', async () => {
    for (const c of cases()) {
      const response = await fetch(org.url + c.path, {
        method: c.method,
        headers: { Authorization: `Bearer ${token}`, ...(c.contentType ? { 'Content-Type': c.contentType } : {}) },
        body: c.body,
      });
      const text = await response.text();
      expect({ path: `${c.method} ${c.path.slice(0, 80)}`, status: response.status }).toEqual({
        path: `${c.method} ${c.path.slice(0, 80)}`,
        status: c.status,
      });
      expect(response.headers.get('content-type')).toMatch(/application\/json/);
      const body = JSON.parse(text) as { errorCode: string; message: string }[];
      expect(Array.isArray(body)).toBe(true);
      expect(typeof body[0]!.message).toBe('string');
      expect(text).not.toMatch(/at .+\.(js|ts):\d+/);
      if (c.code) expect(body[0]!.errorCode).toBe(c.code);
    }
  });

  it('refuses URLs over 16 KB with 431, as Salesforce does', async () => {
    const response = await fetch(`${org.url}${v}/query?q=${'x'.repeat(17_000)}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(431);
  });

  it('refuses requests without a valid session before doing anything', async () => {
    for (const auth of [undefined, 'Bearer', 'Bearer nope', `Basic ${Buffer.from('a:b').toString('base64')}`]) {
      const response = await fetch(`${org.url}/services/data/v62.0/sobjects/Account`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...(auth ? { Authorization: auth } : {}) },
        body: JSON.stringify({ Name: 'Should not exist' }),
      });
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual([
        { message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' },
      ]);
    }
    const conn = await org.login();
    expect((await conn.query("SELECT COUNT() FROM Account WHERE Name = 'Should not exist'")).totalSize).toBe(0);
  });

  it('refuses bodies over the size limit with 413 and stays up', async () => {
    const big = JSON.stringify({ Name: 'x', Description: 'y'.repeat(151 * 1024 * 1024) });
    const response = await fetch(`${org.url}${v}/sobjects/Account`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: big,
    });
    expect(response.status).toBe(413);
    const ok = await fetch(`${org.url}/services/data`);
    expect(ok.status).toBe(200);
  });
});
