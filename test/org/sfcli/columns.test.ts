import type jsforce from 'jsforce';
import { startTestOrg, stopTestOrg, type TestOrg } from '../../helpers/localOrg.js';

/** GET /query?q=...&columns=true, which `sf data query` sends to name its columns. */

type Column = {
  aggregate: boolean;
  apexType: string | null;
  booleanType: boolean;
  columnName: string;
  custom: boolean;
  displayName: string;
  foreignKeyName: string | null;
  insertable: boolean;
  joinColumns: Column[];
  numberType: boolean;
  textType: boolean;
  updatable: boolean;
};
type Columns = {
  columnMetadata: Column[];
  entityName: string;
  groupBy: boolean;
  idSelected: boolean;
  keyPrefix: string;
};

describe('query columns (columns=true)', () => {
  let org: TestOrg;
  let conn: jsforce.Connection;
  const columns = (soql: string) =>
    conn.request<Columns>(`/services/data/v62.0/query?q=${encodeURIComponent(soql)}&columns=true`);

  beforeAll(async () => {
    org = await startTestOrg();
    conn = await org.login();
  });
  afterAll(() => stopTestOrg(org));

  it('describes plain fields as Salesforce does, and answers no rows', async () => {
    const answer = await columns('SELECT Id, Name, AnnualRevenue, NumberOfEmployees FROM Account');
    expect(answer).toEqual({
      columnMetadata: [
        {
          aggregate: false,
          apexType: 'Id',
          booleanType: false,
          columnName: 'Id',
          custom: false,
          displayName: 'Id',
          foreignKeyName: null,
          insertable: false,
          joinColumns: [],
          numberType: false,
          textType: false,
          updatable: false,
        },
        expect.objectContaining({ columnName: 'Name', apexType: 'String', textType: true, insertable: true }),
        expect.objectContaining({ columnName: 'AnnualRevenue', apexType: 'Decimal', numberType: true }),
        expect.objectContaining({ columnName: 'NumberOfEmployees', apexType: 'Integer', numberType: true }),
      ],
      entityName: 'Account',
      groupBy: false,
      idSelected: true,
      keyPrefix: '001',
    });
  });

  it('nests parent fields under one relationship column and child subqueries under an aggregate one', async () => {
    const answer = await columns(
      'SELECT name, Owner.Name, Owner.Email, Owner.Manager.Name, (SELECT LastName, Account.Name FROM Contacts) FROM Account a',
    );
    const [name, owner, contacts] = answer.columnMetadata;
    expect(name?.columnName).toBe('Name');
    expect(answer.idSelected).toBe(false);
    expect(owner).toMatchObject({ columnName: 'Owner', foreignKeyName: 'OwnerId', apexType: null, aggregate: false });
    expect(owner?.joinColumns.map((c) => c.columnName)).toEqual(['Name', 'Email', 'Manager']);
    expect(owner?.joinColumns[2]).toMatchObject({ foreignKeyName: 'ManagerId', joinColumns: [{ columnName: 'Name' }] });
    expect(contacts).toMatchObject({ columnName: 'Contacts', aggregate: true, foreignKeyName: null });
    expect(contacts?.joinColumns.map((c) => c.columnName)).toEqual(['LastName', 'Account']);
    expect(answer.columnMetadata).toHaveLength(3);
  });

  it('names aggregates exprN unless aliased, and reports GROUP BY', async () => {
    const answer = await columns(
      'SELECT StageName, COUNT(Id), SUM(Amount) total, MAX(CloseDate) FROM Opportunity GROUP BY StageName',
    );
    expect(answer.groupBy).toBe(true);
    expect(answer.columnMetadata.map((c) => [c.columnName, c.displayName, c.aggregate])).toEqual([
      ['StageName', 'StageName', false],
      ['expr0', 'COUNT(Id)', true],
      ['total', 'total', true],
      ['expr1', 'MAX(CloseDate)', true],
    ]);
    expect(answer.columnMetadata[1]).toMatchObject({ apexType: 'Integer', numberType: true });
    expect(answer.columnMetadata[3]).toMatchObject({ apexType: 'Date', numberType: false });
  });

  it('keeps the field of toLabel() and reports query errors as the query would', async () => {
    const answer = await columns('SELECT toLabel(StageName) FROM Opportunity');
    expect(answer.columnMetadata[0]).toMatchObject({ columnName: 'StageName', aggregate: false });
    await expect(columns('SELECT Nope FROM Account')).rejects.toMatchObject({ errorCode: 'INVALID_FIELD' });
  });
});
