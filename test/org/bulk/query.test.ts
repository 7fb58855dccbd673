import type jsforce from 'jsforce';
import { startTestOrg, stopTestOrg, type TestOrg } from '../../helpers/localOrg.js';
import { call, createUser, waitForJob } from './helpers.js';

/** Bulk API 2.0 query jobs: jsforce's conn.bulk2.query and raw result paging. */
describe('Bulk API 2.0 query', () => {
  let org: TestOrg;
  let conn: jsforce.Connection;
  let accountIds: string[];

  beforeAll(async () => {
    org = await startTestOrg();
    conn = await org.login();
    const actor = { userId: conn.userInfo!.id };
    accountIds = org.store.transaction(() =>
      org.store.insertTrusted(
        'Account',
        Array.from({ length: 2_500 }, (_, i) => ({
          Name: `Q ${String(i).padStart(4, '0')}`,
          Description: i === 0 ? 'has "quotes", commas;\nand a line break' : null,
          NumberOfEmployees: i,
        })),
        actor,
      ),
    );
  });
  afterAll(() => stopTestOrg(org));

  it('returns every row in one page with parent fields, through jsforce', async () => {
    const stream = await conn.bulk2.query(
      'SELECT Id, Name, owner.name, Description, NumberOfEmployees, CreatedDate FROM Account ORDER BY Name',
      { pollInterval: 20, pollTimeout: 20_000 },
    );
    const rows = (await stream.toArray()) as Record<string, string>[];
    expect(rows).toHaveLength(2_500);
    expect(rows[0]).toEqual({
      Id: accountIds[0],
      Name: 'Q 0000',
      'Owner.Name': 'Ada Admin',
      Description: 'has "quotes", commas;\nand a line break',
      NumberOfEmployees: '0',
      CreatedDate: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
    });
    expect(rows[1]?.Description).toBe('');
  });

  it('answers the results as text/csv with Sforce-Locator null and the record count', async () => {
    const created = await call(
      org,
      conn,
      'POST',
      '/jobs/query',
      JSON.stringify({ operation: 'query', query: "SELECT Name FROM Account WHERE Name LIKE 'Q 000%'" }),
    );
    expect(created.json).toMatchObject({
      id: expect.stringMatching(/^750/),
      operation: 'query',
      object: 'Account',
      state: 'UploadComplete',
      concurrencyMode: 'Parallel',
      contentType: 'CSV',
      apiVersion: 62,
      lineEnding: 'LF',
      columnDelimiter: 'COMMA',
    });
    const id = (created.json as { id: string }).id;
    expect(await waitForJob(org, conn, 'query', id)).toMatchObject({
      state: 'JobComplete',
      jobType: 'V2Query',
      numberRecordsProcessed: 10,
      retries: 0,
    });
    const results = await call(org, conn, 'GET', `/jobs/query/${id}/results`);
    expect(results.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(results.headers.get('sforce-locator')).toBe('null');
    expect(results.headers.get('sforce-numberofrecords')).toBe('10');
    expect(results.text.split('\n').slice(0, 3)).toEqual(['"Name"', '"Q 0000"', '"Q 0001"']);
  });

  it('pages with maxRecords and locators when a client asks for them', async () => {
    const created = await call(
      org,
      conn,
      'POST',
      '/jobs/query',
      JSON.stringify({ operation: 'query', query: 'SELECT Id FROM Account', columnDelimiter: 'PIPE' }),
    );
    const id = (created.json as { id: string }).id;
    await waitForJob(org, conn, 'query', id);
    const seen: string[] = [];
    let locator: string | null = null;
    for (let page = 0; page < 10; page++) {
      const query: string = locator ? `?maxRecords=1000&locator=${locator}` : '?maxRecords=1000';
      const answer = await call(org, conn, 'GET', `/jobs/query/${id}/results${query}`);
      const lines = answer.text.trim().split('\n');
      expect(lines[0]).toBe('"Id"');
      seen.push(...lines.slice(1));
      expect(answer.headers.get('sforce-numberofrecords')).toBe(String(lines.length - 1));
      locator = answer.headers.get('sforce-locator');
      if (locator === 'null') break;
    }
    expect(seen).toHaveLength(2_500);
    expect(new Set(seen).size).toBe(2_500);
    const bad = await call(org, conn, 'GET', `/jobs/query/${id}/results?locator=@@`);
    expect(bad.status).toBe(400);
    const zero = await call(org, conn, 'GET', `/jobs/query/${id}/results?maxRecords=0`);
    expect(zero.status).toBe(400);
  });

  it('includes deleted rows with queryAll (scanAll) only', async () => {
    const { id } = await conn.sobject('Account').create({ Name: 'Q deleted' });
    await conn.sobject('Account').destroy(id!);
    const soql = "SELECT Id, IsDeleted FROM Account WHERE Name = 'Q deleted'";
    expect(await (await conn.bulk2.query(soql, { pollInterval: 20 })).toArray()).toEqual([]);
    expect(await (await conn.bulk2.query(soql, { scanAll: true, pollInterval: 20 })).toArray()).toEqual([
      { Id: id, IsDeleted: 'true' },
    ]);
  });

  it('refuses queries Bulk API 2.0 cannot run, and bad SOQL, at job creation', async () => {
    const cases: [unknown, number, string][] = [
      [{ operation: 'query', query: 'SELECT COUNT() FROM Account' }, 400, 'API_ERROR'],
      [{ operation: 'query', query: 'SELECT Name, COUNT(Id) FROM Account GROUP BY Name' }, 400, 'API_ERROR'],
      [{ operation: 'query', query: 'SELECT Id, (SELECT Id FROM Contacts) FROM Account' }, 400, 'API_ERROR'],
      [{ operation: 'query', query: 'SELECT Id FROM Account LIMIT 5 OFFSET 2' }, 400, 'API_ERROR'],
      [{ operation: 'query', query: 'SELECT Nope FROM Account' }, 400, 'INVALID_FIELD'],
      [{ operation: 'query', query: 'SELECT FROM' }, 400, 'MALFORMED_QUERY'],
      [{ operation: 'query' }, 400, 'INVALIDJOB'],
      [{ operation: 'select', query: 'SELECT Id FROM Account' }, 400, 'INVALIDJOB'],
    ];
    for (const [body, status, errorCode] of cases) {
      const answer = await call(org, conn, 'POST', '/jobs/query', JSON.stringify(body));
      expect({ body, status: answer.status, json: answer.json }).toEqual({
        body,
        status,
        json: [expect.objectContaining({ errorCode })],
      });
    }
    await expect(conn.bulk2.query('SELECT COUNT() FROM Account')).rejects.toMatchObject({ errorCode: 'API_ERROR' });
  });

  it('runs as the job creator: a standard user sees only the records shared with them', async () => {
    const userId = await createUser(conn, 'queryrep');
    await conn.requestPost(`/sobjects/User/${userId}/password`, { NewPassword: 'Query1234!' });
    await conn.sobject('Account').create({ Name: 'Q owned by rep', OwnerId: userId });
    const jsforce = (await import('jsforce')).default;
    const rep = new jsforce.Connection({ loginUrl: org.url, version: '62.0' });
    await rep.login('queryrep@bulk.local', 'Query1234!');
    const rows = await (await rep.bulk2.query('SELECT Name FROM Account', { pollInterval: 20 })).toArray();
    const direct = await rep.query<{ Name: string }>('SELECT Name FROM Account');
    // The same rows as the REST query of that user (the sharing model decides which).
    expect(rows.map((r) => (r as { Name: string }).Name).sort()).toEqual(direct.records.map((r) => r.Name).sort());
    expect(rows.length).toBeLessThan(2_500);
  });

  it('aborts only unfinished query jobs and deletes finished ones', async () => {
    const created = await call(
      org,
      conn,
      'POST',
      '/jobs/query',
      JSON.stringify({ operation: 'query', query: 'SELECT Id FROM Account' }),
    );
    const id = (created.json as { id: string }).id;
    const info = await waitForJob(org, conn, 'query', id);
    expect(info.state).toBe('JobComplete');
    expect((await call(org, conn, 'PATCH', `/jobs/query/${id}`, JSON.stringify({ state: 'Aborted' }))).status).toBe(
      409,
    );
    expect(
      (await call(org, conn, 'PATCH', `/jobs/query/${id}`, JSON.stringify({ state: 'UploadComplete' }))).status,
    ).toBe(400);
    const list = (await call(org, conn, 'GET', '/jobs/query')).json as { records: { id: string }[] };
    expect(list.records.map((r) => r.id)).toContain(id);
    expect((await call(org, conn, 'DELETE', `/jobs/query/${id}`)).status).toBe(204);
    expect((await call(org, conn, 'GET', `/jobs/query/${id}/results`)).status).toBe(404);
  });
});
