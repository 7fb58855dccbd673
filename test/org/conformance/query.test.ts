import type jsforce from 'jsforce';
import { startTestOrg, stopTestOrg, type TestOrg } from '../../helpers/localOrg.js';

type Row = Record<string, unknown>;
type HttpError = Error & { errorCode?: string };

async function failure(promise: PromiseLike<unknown>): Promise<HttpError> {
  try {
    await promise;
  } catch (error) {
    return error as HttpError;
  }
  throw new Error('expected the call to fail');
}

/** Drops `attributes` recursively so that rows compare by their values. */
function plain(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Row)
        .filter(([k]) => k !== 'attributes')
        .map(([k, v]) => [k, plain(v)]),
    );
  }
  return value;
}

describe('local org SOQL over REST (through jsforce)', () => {
  let org: TestOrg;
  let conn: jsforce.Connection;
  const ids = {} as Record<
    'alpha' | 'beta' | 'gamma' | 'delta' | 'li' | 'wang' | 'smith' | 'orphan' | 'deleted',
    string
  >;

  async function rows(soql: string, scanAll = false): Promise<unknown[]> {
    const result = await conn.query<Row>(soql, { scanAll });
    return plain(result.records) as unknown[];
  }

  beforeAll(async () => {
    org = await startTestOrg();
    conn = await org.login();
    const accounts = await conn
      .sobject('Account')
      .create([
        { Name: 'Alpha 阿尔法', Industry: 'Technology', AnnualRevenue: 300, NumberOfEmployees: 10 },
        { Name: 'Beta', Industry: 'Energy', AnnualRevenue: 200 },
        { Name: 'Gamma', Industry: 'Technology', AnnualRevenue: 100 },
        { Name: 'Delta' },
      ]);
    (['alpha', 'beta', 'gamma', 'delta'] as const).forEach((k, i) => (ids[k] = accounts[i]!.id!));
    const contacts = await conn
      .sobject('Contact')
      .create([
        { FirstName: 'Lei', LastName: 'Li', Title: 'Procurement Director', AccountId: ids.alpha },
        { FirstName: 'Wei', LastName: 'Wang', Title: 'Technical Manager', AccountId: ids.alpha },
        { FirstName: "O'Neil", LastName: 'Smith', AccountId: ids.beta },
        { LastName: 'Orphan' },
      ]);
    (['li', 'wang', 'smith', 'orphan'] as const).forEach((k, i) => (ids[k] = contacts[i]!.id!));
    await conn.sobject('Contact').update({ Id: ids.wang, ReportsToId: ids.li });
    // TODAY is the org's day (Asia/Shanghai), not UTC's.
    const today = new Date().toLocaleDateString('en-CA', { timeZone: 'Asia/Shanghai' });
    await conn.sobject('Opportunity').create([
      { Name: 'Alpha renewal', AccountId: ids.alpha, StageName: 'Negotiation/Review', CloseDate: today, Amount: 500 },
      { Name: 'Alpha new', AccountId: ids.alpha, StageName: 'Closed Won', CloseDate: '2020-01-15', Amount: 1000 },
      { Name: 'Beta deal', AccountId: ids.beta, StageName: 'Prospecting', CloseDate: '2030-06-30', Amount: 50 },
    ]);
    const deleted = await conn.sobject('Account').create({ Name: 'Deleted one' });
    ids.deleted = deleted.id!;
    await conn.sobject('Account').destroy(ids.deleted);
  });
  afterAll(() => stopTestOrg(org));

  it('selects fields in canonical case, with nulls present', async () => {
    expect(await rows("select name, industry, numberofemployees from account where name = 'delta'")).toEqual([
      { Name: 'Delta', Industry: null, NumberOfEmployees: null },
    ]);
  });

  it('follows parent relationships, null when the lookup is empty', async () => {
    const result = await rows(
      'SELECT LastName, Account.Name, Account.Owner.Username, ReportsTo.LastName FROM Contact ORDER BY LastName',
    );
    expect(result).toEqual([
      {
        LastName: 'Li',
        Account: { Name: 'Alpha 阿尔法', Owner: { Username: 'admin@handover.local' } },
        ReportsTo: null,
      },
      { LastName: 'Orphan', Account: null, ReportsTo: null },
      { LastName: 'Smith', Account: { Name: 'Beta', Owner: { Username: 'admin@handover.local' } }, ReportsTo: null },
      {
        LastName: 'Wang',
        Account: { Name: 'Alpha 阿尔法', Owner: { Username: 'admin@handover.local' } },
        ReportsTo: { LastName: 'Li' },
      },
    ]);
  });

  it('runs child subqueries with their own WHERE, ORDER BY and LIMIT; null when empty', async () => {
    const result = await rows(
      "SELECT Name, (SELECT LastName FROM Contacts WHERE LastName != 'Nobody' ORDER BY LastName DESC LIMIT 1) FROM Account WHERE Name IN ('Alpha 阿尔法', 'Gamma') ORDER BY Name",
    );
    expect(result).toEqual([
      { Name: 'Alpha 阿尔法', Contacts: { totalSize: 1, done: true, records: [{ LastName: 'Wang' }] } },
      { Name: 'Gamma', Contacts: null },
    ]);
  });

  it('filters with AND, OR, NOT, comparisons, LIKE, IN, NOT IN and null', async () => {
    expect(
      await rows(
        "SELECT Name FROM Account WHERE (Industry = 'Technology' OR AnnualRevenue >= 200) AND NOT Name LIKE 'gam%' ORDER BY Name",
      ),
    ).toEqual([{ Name: 'Alpha 阿尔法' }, { Name: 'Beta' }]);
    expect(
      await rows("SELECT Name FROM Account WHERE Industry NOT IN ('Energy') AND Industry != null ORDER BY Name DESC"),
    ).toEqual([{ Name: 'Gamma' }, { Name: 'Alpha 阿尔法' }]);
    expect(await rows('SELECT Name FROM Account WHERE Industry = null')).toEqual([{ Name: 'Delta' }]);
    expect(await rows("SELECT LastName FROM Contact WHERE FirstName = 'O\\'Neil'")).toEqual([{ LastName: 'Smith' }]);
    expect(
      await rows('SELECT Name FROM Account WHERE AnnualRevenue < 150 OR AnnualRevenue > 250 ORDER BY AnnualRevenue'),
    ).toEqual([{ Name: 'Gamma' }, { Name: 'Alpha 阿尔法' }]);
  });

  it('compares dates and supports date literals', async () => {
    expect(await rows('SELECT Name FROM Opportunity WHERE CloseDate = TODAY')).toEqual([{ Name: 'Alpha renewal' }]);
    expect(await rows('SELECT Name FROM Opportunity WHERE CloseDate < 2021-01-01')).toEqual([{ Name: 'Alpha new' }]);
    expect(await rows('SELECT Name FROM Opportunity WHERE CloseDate > NEXT_N_DAYS:30 ORDER BY Name')).toEqual([
      { Name: 'Beta deal' },
    ]);
    expect(await rows('SELECT COUNT() FROM Account WHERE CreatedDate = LAST_N_DAYS:1')).toEqual([]);
    const count = await conn.query('SELECT COUNT() FROM Account WHERE CreatedDate = THIS_YEAR');
    expect(count.totalSize).toBe(4);
  });

  it('supports semi-joins and anti-joins', async () => {
    expect(
      await rows("SELECT Name FROM Account WHERE Id IN (SELECT AccountId FROM Contact WHERE Title LIKE '%Manager%')"),
    ).toEqual([{ Name: 'Alpha 阿尔法' }]);
    expect(
      await rows('SELECT Name FROM Account WHERE Id NOT IN (SELECT AccountId FROM Opportunity) ORDER BY Name'),
    ).toEqual([{ Name: 'Delta' }, { Name: 'Gamma' }]);
  });

  it('orders with NULLS FIRST/LAST, and pages with LIMIT and OFFSET', async () => {
    expect(await rows('SELECT Name FROM Account ORDER BY Industry ASC NULLS LAST, Name LIMIT 2 OFFSET 1')).toEqual([
      { Name: 'Alpha 阿尔法' },
      { Name: 'Gamma' },
    ]);
    expect(await rows('SELECT Name FROM Account ORDER BY Industry NULLS FIRST, Name LIMIT 1')).toEqual([
      { Name: 'Delta' },
    ]);
  });

  it('aggregates with COUNT, SUM, MAX and GROUP BY with aliases', async () => {
    expect(
      await rows(
        'SELECT Industry, COUNT(Id) n, SUM(AnnualRevenue) FROM Account WHERE Industry != null GROUP BY Industry ORDER BY Industry',
      ),
    ).toEqual([
      { Industry: 'Energy', n: 1, expr0: 200 },
      { Industry: 'Technology', n: 2, expr0: 400 },
    ]);
    const count = await conn.query('SELECT COUNT() FROM Contact WHERE AccountId != null');
    expect([count.totalSize, count.records]).toEqual([3, []]);
    expect(await rows('SELECT MAX(Amount) FROM Opportunity')).toEqual([{ expr0: 1000 }]);
  });

  it('shows deleted rows only to queryAll, and accepts FOR VIEW', async () => {
    expect(await rows(`SELECT Name FROM Account WHERE Id = '${ids.deleted}'`)).toEqual([]);
    expect(await rows(`SELECT Name, IsDeleted FROM Account WHERE Id = '${ids.deleted}'`, true)).toEqual([
      { Name: 'Deleted one', IsDeleted: true },
    ]);
    expect(await rows("SELECT Name FROM Account WHERE Name = 'Beta' LIMIT 1 FOR VIEW")).toEqual([{ Name: 'Beta' }]);
  });

  it('answers wrong SOQL with MALFORMED_QUERY, INVALID_FIELD and INVALID_TYPE', async () => {
    expect((await failure(conn.query('SELEKT Id FROM Account'))).errorCode).toBe('MALFORMED_QUERY');
    expect((await failure(conn.query('SELECT Nope FROM Account'))).errorCode).toBe('INVALID_FIELD');
    expect((await failure(conn.query('SELECT Id FROM Nope'))).errorCode).toBe('INVALID_TYPE');
    expect((await failure(conn.query('SELECT Id, (SELECT Id FROM Nopes) FROM Account'))).errorCode).toBe(
      'INVALID_TYPE',
    );
    expect((await failure(conn.query("SELECT Id FROM Account WHERE AnnualRevenue LIKE '1%'"))).errorCode).toBe(
      'INVALID_QUERY_FILTER_OPERATOR',
    );
    expect((await failure(conn.query('SELECT Id FROM ScratchOrgInfo LIMIT 1'))).errorCode).toBe('INVALID_TYPE');
    // Salesforce's semi-join restrictions, so that code that works here works there.
    const withOr = await failure(
      conn.query("SELECT Id FROM Contact WHERE Title = 'x' OR AccountId IN (SELECT Id FROM Account)"),
    );
    expect([withOr.errorCode, withOr.message]).toEqual([
      'MALFORMED_QUERY',
      "Semi join sub-selects are not allowed with the 'OR' operator",
    ]);
    const nested = await failure(
      conn.query(
        'SELECT Id FROM Contact WHERE AccountId IN (SELECT Id FROM Account WHERE Id IN (SELECT AccountId FROM Case))',
      ),
    );
    expect(nested.errorCode).toBe('MALFORMED_QUERY');
  });

  it('counts child subquery rows toward the 2,000-row page, as Salesforce does', async () => {
    const accounts = await conn
      .sobject('Account')
      .create(Array.from({ length: 5 }, (_, i) => ({ Name: `Big family ${i}` })));
    const contacts = accounts.flatMap((a) =>
      Array.from({ length: 600 }, (_, i) => ({ LastName: `Member ${i}`, AccountId: a.id })),
    );
    expect((await conn.sobject('Contact').create(contacts, { allowRecursive: true })).every((r) => r.success)).toBe(
      true,
    );
    const soql = "SELECT Name, (SELECT Id FROM Contacts) FROM Account WHERE Name LIKE 'Big family%' ORDER BY Name";
    const first = await conn.request<{ totalSize: number; done: boolean; nextRecordsUrl: string; records: unknown[] }>(
      `/services/data/v62.0/query?q=${encodeURIComponent(soql)}`,
    );
    // 3 accounts with 600 contacts each make 1,803 rows; a fourth would pass 2,000.
    expect([first.totalSize, first.done, first.records.length]).toEqual([5, false, 3]);
    expect(first.nextRecordsUrl).toMatch(/-3$/);
    const all = await conn.query<Row>(soql, { autoFetch: true, maxFetch: 100 });
    expect(all.records.map((r) => r.Name)).toEqual([0, 1, 2, 3, 4].map((i) => `Big family ${i}`));
  });

  it('pages at 200 rows when a query selects two long text areas, as Salesforce does', async () => {
    const contracts = Array.from({ length: 300 }, (_, i) => ({
      AccountId: ids.delta,
      StartDate: '2026-01-01',
      ContractTerm: 12,
      Description: `Contract ${i}`,
      SpecialTerms: 'Net 60',
    }));
    expect((await conn.sobject('Contract').create(contracts, { allowRecursive: true })).every((r) => r.success)).toBe(
      true,
    );
    const page = async (soql: string) =>
      conn.request<{ totalSize: number; done: boolean; records: unknown[] }>(
        `/services/data/v62.0/query?q=${encodeURIComponent(soql)}`,
      );
    const one = await page(`SELECT Id, Description FROM Contract WHERE AccountId = '${ids.delta}'`);
    expect([one.totalSize, one.done, one.records.length]).toEqual([300, true, 300]);
    const two = await page(`SELECT Id, Description, SpecialTerms FROM Contract WHERE AccountId = '${ids.delta}'`);
    expect([two.totalSize, two.done, two.records.length]).toEqual([300, false, 200]);
  });

  it('pages 4,500 rows in pages of 2,000 with nextRecordsUrl, and autoFetch follows them', async () => {
    const tasks = Array.from({ length: 4500 }, (_, i) => ({
      Subject: `Call ${String(i).padStart(4, '0')}`,
      WhatId: ids.gamma,
    }));
    const created = await conn.sobject('Task').create(tasks, { allowRecursive: true });
    expect(created.every((r) => r.success)).toBe(true);

    const soql = `SELECT Id, Subject FROM Task WHERE WhatId = '${ids.gamma}' ORDER BY Subject`;
    const first = await conn.request<{ totalSize: number; done: boolean; nextRecordsUrl: string; records: Row[] }>(
      `/services/data/v62.0/query?q=${encodeURIComponent(soql)}`,
    );
    expect(first).toMatchObject({ totalSize: 4500, done: false });
    expect(first.records).toHaveLength(2000);
    expect(first.nextRecordsUrl).toMatch(/^\/services\/data\/v62\.0\/query\/01g[A-Za-z0-9]+-2000$/);
    const second = await conn.request<{ done: boolean; nextRecordsUrl: string; records: Row[] }>(first.nextRecordsUrl);
    expect(second.records).toHaveLength(2000);
    expect(second.nextRecordsUrl).toMatch(/-4000$/);

    const all = await conn.query<Row>(`SELECT Id, Subject FROM Task WHERE WhatId = '${ids.gamma}' ORDER BY Subject`, {
      autoFetch: true,
      maxFetch: 10000,
    });
    expect(all.records).toHaveLength(4500);
    expect(all.done).toBe(true);
    expect(new Set(all.records.map((r) => r.Id)).size).toBe(4500);
    expect(all.records.at(-1)!.Subject).toBe('Call 4499');

    const bad = await failure(conn.request('/services/data/v62.0/query/01gNOPE-2000'));
    expect(bad.errorCode).toBe('INVALID_QUERY_LOCATOR');
  });
});
