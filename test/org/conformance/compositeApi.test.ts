/**
 * The Composite resource (POST /composite) through jsforce over HTTP: references between
 * subrequests, allOrNone rollback, the limits, Salesforce-shaped errors, and one API call per
 * Composite however many subrequests it holds.
 */
import type jsforce from 'jsforce';
import { startTestOrg, stopTestOrg, type TestOrg } from '../../helpers/localOrg.js';

type Sub = { method: string; url: string; referenceId: string; body?: unknown; httpHeaders?: Record<string, string> };
type Answer = { body: unknown; httpStatusCode: number; referenceId: string; httpHeaders: Record<string, string> };

const V = '/services/data/v62.0';

async function composite(conn: jsforce.Connection, compositeRequest: Sub[], allOrNone = false): Promise<Answer[]> {
  const response = await conn.request<{ compositeResponse: Answer[] }>({
    method: 'POST',
    url: '/composite',
    body: JSON.stringify({ allOrNone, compositeRequest }),
    headers: { 'Content-Type': 'application/json' },
  });
  return response.compositeResponse;
}

async function failure(promise: PromiseLike<unknown>): Promise<Error & { errorCode?: string }> {
  try {
    await promise;
  } catch (error) {
    return error as Error & { errorCode?: string };
  }
  throw new Error('expected the call to fail');
}

const query = (referenceId: string, soql: string): Sub => ({
  method: 'GET',
  url: `${V}/query?q=${encodeURIComponent(soql)}`,
  referenceId,
});

describe('local org Composite resource', () => {
  let org: TestOrg;
  let conn: jsforce.Connection;

  beforeAll(async () => {
    org = await startTestOrg();
    conn = await org.login();
  });
  afterAll(() => stopTestOrg(org));

  const count = async (soql: string): Promise<number> => (await conn.query(soql)).totalSize;

  it('runs subrequests in order, an answer feeding a later one through @{ref.path}', async () => {
    const answers = await composite(conn, [
      { method: 'POST', url: `${V}/sobjects/Account`, referenceId: 'newAccount', body: { Name: 'Composite Co' } },
      {
        method: 'POST',
        url: `${V}/sobjects/Contact`,
        referenceId: 'newContact',
        body: { LastName: 'Ref', AccountId: '@{newAccount.id}' },
      },
      query('found', "SELECT Id, Name FROM Account WHERE Name = 'Composite Co'"),
      {
        method: 'PATCH',
        url: `${V}/sobjects/Account/@{found.records[0].Id}`,
        referenceId: 'renamed',
        body: { Name: 'Composite Co 2' },
      },
    ]);
    expect(answers.map((a) => [a.referenceId, a.httpStatusCode])).toEqual([
      ['newAccount', 201],
      ['newContact', 201],
      ['found', 200],
      ['renamed', 204],
    ]);
    const accountId = (answers[0]?.body as { id: string }).id;
    expect(answers[0]?.httpHeaders.Location).toContain(accountId);
    const contact = await conn.query<{ AccountId: string }>(
      `SELECT AccountId FROM Contact WHERE Id = '${(answers[1]?.body as { id: string }).id}'`,
    );
    expect(contact.records[0]?.AccountId).toBe(accountId);
    expect(await count("SELECT Id FROM Account WHERE Name = 'Composite Co 2'")).toBe(1);
  });

  it('counts as one API call however many subrequests it holds', async () => {
    const before = org.usage.used();
    await composite(conn, [
      query('a', 'SELECT Id FROM Account'),
      query('b', 'SELECT Id FROM Contact'),
      { method: 'GET', url: `${V}/sobjects/Account/describe`, referenceId: 'c' },
    ]);
    expect(org.usage.used() - before).toBe(1);
  });

  it('without allOrNone: a failure stops only the subrequests that refer to it', async () => {
    const answers = await composite(conn, [
      { method: 'POST', url: `${V}/sobjects/Account`, referenceId: 'bad', body: { Nope__c: 1 } },
      {
        method: 'POST',
        url: `${V}/sobjects/Contact`,
        referenceId: 'dependent',
        body: { LastName: 'X', AccountId: '@{bad.id}' },
      },
      { method: 'POST', url: `${V}/sobjects/Account`, referenceId: 'independent', body: { Name: 'Independent Co' } },
    ]);
    expect(answers.map((a) => a.httpStatusCode)).toEqual([400, 400, 201]);
    expect((answers[1]?.body as { errorCode: string }[])[0]?.errorCode).toBe('PROCESSING_HALTED');
    expect((answers[1]?.body as { message: string }[])[0]?.message).toContain("Provided referenceId ('bad')");
    expect(await count("SELECT Id FROM Account WHERE Name = 'Independent Co'")).toBe(1);
  });

  it('with allOrNone: one failure rolls every subrequest back', async () => {
    const answers = await composite(
      conn,
      [
        { method: 'POST', url: `${V}/sobjects/Account`, referenceId: 'first', body: { Name: 'Rolled Back Co' } },
        {
          method: 'POST',
          url: `${V}/composite/sobjects`,
          referenceId: 'many',
          body: { allOrNone: true, records: [{ attributes: { type: 'Account' }, Name: 'Rolled Back Co 2' }] },
        },
        {
          method: 'PATCH',
          url: `${V}/sobjects/Account/001000000000000AAA`,
          referenceId: 'missing',
          body: { Name: 'x' },
        },
      ],
      true,
    );
    expect(answers.map((a) => a.httpStatusCode)).toEqual([400, 400, 404]);
    expect((answers[0]?.body as { errorCode: string }[])[0]?.errorCode).toBe('PROCESSING_HALTED');
    expect(await count("SELECT Id FROM Account WHERE Name LIKE 'Rolled Back Co%'")).toBe(0);
  });

  it('answers an unsupported resource per subrequest', async () => {
    const answers = await composite(conn, [
      { method: 'GET', url: `${V}/jobs/ingest`, referenceId: 'jobs' },
      { method: 'GET', url: '/services/data/v61.0/sobjects', referenceId: 'otherVersion' },
      query('ok', 'SELECT Id FROM Account LIMIT 1'),
    ]);
    expect(answers.map((a) => a.httpStatusCode)).toEqual([404, 400, 200]);
  });

  it.each([
    [
      'more than 25 subrequests',
      Array.from({ length: 26 }, (_, i) => ({ method: 'GET', url: `${V}/sobjects`, referenceId: `r${i}` })),
    ],
    ['more than 5 queries', Array.from({ length: 6 }, (_, i) => query(`q${i}`, 'SELECT Id FROM Account'))],
    ['a duplicate referenceId', [query('same', 'SELECT Id FROM Account'), query('same', 'SELECT Id FROM Contact')]],
    ['a bad referenceId', [query('not-valid!', 'SELECT Id FROM Account')]],
    ['no subrequest', []],
  ])('refuses %s with a 400 and nothing counted but the call', async (_name, subrequests) => {
    const error = await failure(composite(conn, subrequests));
    expect(error.errorCode).toMatch(/LIMIT_EXCEEDED|INVALID_REQUEST|JSON_PARSER_ERROR/);
  });

  it('refuses a body that is not a Composite request', async () => {
    const error = await failure(
      conn.request({
        method: 'POST',
        url: '/composite',
        body: '[1,2]',
        headers: { 'Content-Type': 'application/json' },
      }),
    );
    expect(error.errorCode).toBe('JSON_PARSER_ERROR');
  });

  it('counts a request that merely claims to be a subrequest', async () => {
    const before = org.usage.used();
    await conn.request({ method: 'GET', url: '/sobjects', headers: { 'x-local-org-internal': 'guess' } });
    expect(org.usage.used() - before).toBe(1);
  });
});
