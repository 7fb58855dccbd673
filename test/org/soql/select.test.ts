import { seed, TestOrg, url, type Seeded } from './fixture.js';

describe('SOQL select lists', () => {
  let org: TestOrg;
  let ids: Seeded;

  beforeAll(() => {
    org = new TestOrg();
    ids = seed(org);
  });

  it('returns fields in select order with canonical names, attributes and nulls', () => {
    const records = org.query(
      "SELECT name, ID, industry, AnnualRevenue, NumberOfEmployees, LastActivityDate, CreatedDate, Regions__c FROM account WHERE Name IN ('Acme', 'Initech') ORDER BY Name",
    );
    expect(records).toEqual([
      {
        attributes: { type: 'Account', url: url('Account', ids.acme) },
        Name: 'Acme',
        Id: ids.acme,
        Industry: 'Energy',
        AnnualRevenue: 5000000,
        NumberOfEmployees: 120,
        LastActivityDate: '2024-05-10',
        CreatedDate: '2024-05-15T08:00:00.000+0000',
        Regions__c: 'EMEA;APAC',
      },
      {
        attributes: { type: 'Account', url: url('Account', ids.initech) },
        Name: 'Initech',
        Id: ids.initech,
        Industry: null,
        AnnualRevenue: null,
        NumberOfEmployees: 7,
        LastActivityDate: null,
        CreatedDate: '2024-01-01T00:00:00.000+0000',
        Regions__c: null,
      },
    ]);
    expect(Object.keys(records[0] ?? {})).toEqual([
      'attributes',
      'Name',
      'Id',
      'Industry',
      'AnnualRevenue',
      'NumberOfEmployees',
      'LastActivityDate',
      'CreatedDate',
      'Regions__c',
    ]);
  });

  it('uses the requested API version in attributes.url and always knows the Id', () => {
    const [record] = org.query("SELECT Name FROM Account WHERE Name = 'Acme'", { apiVersion: '58.0' });
    expect(record).toEqual({
      attributes: { type: 'Account', url: `/services/data/v58.0/sobjects/Account/${ids.acme}` },
      Name: 'Acme',
    });
  });

  it('converts booleans and numbers to JSON types', () => {
    expect(org.query("SELECT IsActive, IsDeleted FROM User WHERE Name = 'Olga Old'")).toEqual([
      { attributes: { type: 'User', url: url('User', ids.olga) }, IsActive: false, IsDeleted: false },
    ]);
    expect(org.column("SELECT Probability FROM Opportunity WHERE Name = 'Acme Deal 1'", 'Probability')).toEqual([100]);
  });

  it('nests parent relationships of any depth, null when the lookup is empty', () => {
    const records = org.query(
      "SELECT Name, Owner.Name, Owner.Manager.Name, Parent.Name, Parent.Owner.Email FROM Account WHERE Name IN ('Acme', 'Globex') ORDER BY Name",
    );
    expect(records).toEqual([
      {
        attributes: { type: 'Account', url: url('Account', ids.acme) },
        Name: 'Acme',
        Owner: {
          attributes: { type: 'User', url: url('User', ids.sam) },
          Name: 'Sam Seller',
          Manager: { attributes: { type: 'User', url: url('User', ids.admin) }, Name: 'Admin' },
        },
        Parent: null,
      },
      {
        attributes: { type: 'Account', url: url('Account', ids.globex) },
        Name: 'Globex',
        Owner: {
          attributes: { type: 'User', url: url('User', ids.admin) },
          Name: 'Admin',
          Manager: null,
        },
        Parent: {
          attributes: { type: 'Account', url: url('Account', ids.acme) },
          Name: 'Acme',
          Owner: { attributes: { type: 'User', url: url('User', ids.sam) }, Email: 'sam@example.com' },
        },
      },
    ]);
  });

  it('places a relationship at its first field and merges later fields into it', () => {
    const [record] = org.query("SELECT Owner.Name, Id, owner.EMAIL FROM Account WHERE Name = 'Acme'");
    expect(Object.keys(record ?? {})).toEqual(['attributes', 'Owner', 'Id']);
    expect(record?.Owner).toEqual({
      attributes: { type: 'User', url: url('User', ids.sam) },
      Name: 'Sam Seller',
      Email: 'sam@example.com',
    });
  });

  it('follows a relationship from a child to its parent and on to the parent of the parent', () => {
    expect(
      org.query(
        "SELECT LastName, Account.Name, Account.Parent.Name, ReportsTo.LastName FROM Contact WHERE LastName IN ('Adams', 'Brown') ORDER BY LastName",
      ),
    ).toEqual([
      {
        attributes: { type: 'Contact', url: url('Contact', ids.adams) },
        LastName: 'Adams',
        Account: {
          attributes: { type: 'Account', url: url('Account', ids.acme) },
          Name: 'Acme',
          Parent: null,
        },
        ReportsTo: { attributes: { type: 'Contact', url: url('Contact', ids.smith) }, LastName: 'Smith' },
      },
      {
        attributes: { type: 'Contact', url: url('Contact', ids.brown) },
        LastName: 'Brown',
        Account: {
          attributes: { type: 'Account', url: url('Account', ids.globex) },
          Name: 'Globex',
          Parent: { attributes: { type: 'Account', url: url('Account', ids.acme) }, Name: 'Acme' },
        },
        ReportsTo: null,
      },
    ]);
  });

  it('types polymorphic parents by the Id key prefix; fields the parent lacks are null', () => {
    const records = org.query(
      'SELECT Subject, What.Name, What.Amount, What.Industry, Who.LastName FROM Task ORDER BY Subject',
    );
    expect(records).toEqual([
      {
        attributes: { type: 'Task', url: url('Task', ids.callAcme) },
        Subject: 'Call Acme',
        What: {
          attributes: { type: 'Account', url: url('Account', ids.acme) },
          Name: 'Acme',
          Amount: null,
          Industry: 'Energy',
        },
        Who: { attributes: { type: 'Contact', url: url('Contact', ids.smith) }, LastName: 'Smith' },
      },
      {
        attributes: { type: 'Task', url: url('Task', ids.emailDeal) },
        Subject: 'Email deal',
        What: {
          attributes: { type: 'Opportunity', url: url('Opportunity', ids.deal1) },
          Name: 'Acme Deal 1',
          Amount: 1000,
          Industry: null,
        },
        Who: null,
      },
      { attributes: { type: 'Task', url: url('Task', ids.orphanTask) }, Subject: 'Orphan task', What: null, Who: null },
    ]);
  });

  it('resolves an Owner that may be a user or a queue', () => {
    expect(org.query('SELECT Subject, Owner.Name FROM Case ORDER BY Subject')).toEqual([
      {
        attributes: { type: 'Case', url: url('Case', ids.broken) },
        Subject: 'Broken',
        Owner: { attributes: { type: 'Group', url: url('Group', ids.queue) }, Name: 'Support Queue' },
      },
      {
        attributes: { type: 'Case', url: url('Case', ids.slow) },
        Subject: 'Slow',
        Owner: { attributes: { type: 'User', url: url('User', ids.sam) }, Name: 'Sam Seller' },
      },
    ]);
  });

  it('filters and sorts on polymorphic fields case-insensitively', () => {
    expect(org.column("SELECT Subject FROM Task WHERE What.Name = 'ACME DEAL 1'", 'Subject')).toEqual(['Email deal']);
    expect(org.column('SELECT Subject FROM Task ORDER BY What.Name DESC', 'Subject')).toEqual([
      'Email deal',
      'Call Acme',
      'Orphan task',
    ]);
  });

  it('nests child subqueries, null when there are no children, without deleted children', () => {
    const records = org.query(
      "SELECT Name, (SELECT LastName, Account.Name FROM Contacts ORDER BY LastName) FROM Account WHERE Name IN ('Acme', 'Initech') ORDER BY Name",
    );
    const contact = (id: string, lastName: string): Record<string, unknown> => ({
      attributes: { type: 'Contact', url: url('Contact', id) },
      LastName: lastName,
      Account: { attributes: { type: 'Account', url: url('Account', ids.acme) }, Name: 'Acme' },
    });
    expect(records).toEqual([
      {
        attributes: { type: 'Account', url: url('Account', ids.acme) },
        Name: 'Acme',
        Contacts: {
          totalSize: 3,
          done: true,
          records: [contact(ids.adams, 'Adams'), contact(ids.smith, 'Smith'), contact(ids.zeta, 'Zeta')],
        },
      },
      { attributes: { type: 'Account', url: url('Account', ids.initech) }, Name: 'Initech', Contacts: null },
    ]);
  });

  it('applies WHERE, ORDER BY and LIMIT of a child subquery per parent', () => {
    const records = org.query(
      "SELECT Name, (SELECT LastName FROM Contacts WHERE LastName != 'Zeta' ORDER BY LastName DESC LIMIT 1), (SELECT Name, Amount FROM Opportunities ORDER BY Amount) FROM Account WHERE Name IN ('Acme', 'Globex') ORDER BY Name",
    );
    const names = records.map((r) => ({
      contacts: (r.Contacts as { records: { LastName: string }[] } | null)?.records.map((c) => c.LastName),
      deals: (r.Opportunities as { records: { Name: string; Amount: number }[] } | null)?.records.map((o) => [
        o.Name,
        o.Amount,
      ]),
    }));
    expect(names).toEqual([
      {
        contacts: ['Smith'],
        deals: [
          ['Acme Deal 2', 500],
          ['Acme Deal 1', 1000],
        ],
      },
      { contacts: ['Brown'], deals: [['Globex Deal', 2500]] },
    ]);
    expect(Object.keys(records[0] ?? {})).toEqual(['attributes', 'Name', 'Contacts', 'Opportunities']);
  });

  it('supports OFFSET in a child subquery and child relationships of polymorphic lookups', () => {
    const [acme] = org.query(
      "SELECT (SELECT LastName FROM Contacts ORDER BY LastName LIMIT 1 OFFSET 1), (SELECT Subject FROM Tasks) FROM Account WHERE Name = 'Acme'",
    );
    expect(acme).toEqual({
      attributes: { type: 'Account', url: url('Account', ids.acme) },
      Contacts: {
        totalSize: 1,
        done: true,
        records: [{ attributes: { type: 'Contact', url: url('Contact', ids.smith) }, LastName: 'Smith' }],
      },
      Tasks: {
        totalSize: 1,
        done: true,
        records: [{ attributes: { type: 'Task', url: url('Task', ids.callAcme) }, Subject: 'Call Acme' }],
      },
    });
  });

  it('accepts the FROM alias as a prefix and the relationship name in any case', () => {
    expect(org.query("SELECT a.Name, a.owner.name FROM Account a WHERE a.Name = 'Acme'")).toEqual([
      {
        attributes: { type: 'Account', url: url('Account', ids.acme) },
        Name: 'Acme',
        Owner: { attributes: { type: 'User', url: url('User', ids.sam) }, Name: 'Sam Seller' },
      },
    ]);
    expect(
      org.column("SELECT Name, (SELECT LastName FROM CONTACTS) FROM Account WHERE Name = 'Globex'", 'Contacts'),
    ).toEqual([
      {
        totalSize: 1,
        done: true,
        records: [{ attributes: { type: 'Contact', url: url('Contact', ids.brown) }, LastName: 'Brown' }],
      },
    ]);
  });

  it('expands FIELDS(STANDARD) and FIELDS(CUSTOM)', () => {
    const [standard] = org.query("SELECT FIELDS(STANDARD) FROM Group WHERE Name = 'Support Queue'");
    expect(Object.keys(standard ?? {})).toEqual([
      'attributes',
      'Id',
      'IsDeleted',
      'CreatedDate',
      'CreatedById',
      'LastModifiedDate',
      'LastModifiedById',
      'SystemModstamp',
      'Name',
      'Type',
    ]);
    expect(org.query("SELECT Name, FIELDS(CUSTOM) FROM Account WHERE Name = 'Acme' LIMIT 1")).toEqual([
      { attributes: { type: 'Account', url: url('Account', ids.acme) }, Name: 'Acme', Regions__c: 'EMEA;APAC' },
    ]);
  });

  it('treats toLabel() and convertCurrency() as the plain value', () => {
    expect(
      org.query("SELECT toLabel(StageName), convertCurrency(Amount) FROM Opportunity WHERE Name = 'Acme Deal 1'"),
    ).toEqual([
      {
        attributes: { type: 'Opportunity', url: url('Opportunity', ids.deal1) },
        StageName: 'Closed Won',
        Amount: 1000,
      },
    ]);
  });

  it('accepts FOR VIEW, FOR UPDATE and WITH SECURITY_ENFORCED', () => {
    expect(org.column("SELECT Name FROM Account WHERE Name = 'Acme' LIMIT 1 FOR VIEW")).toEqual(['Acme']);
    expect(org.column("SELECT Name FROM Account WHERE Name = 'Acme' FOR UPDATE")).toEqual(['Acme']);
    expect(org.column("SELECT Name FROM Account WHERE Name = 'Acme' WITH SECURITY_ENFORCED")).toEqual(['Acme']);
  });

  it('includes deleted rows everywhere for queryAll only', () => {
    expect(org.column('SELECT Name FROM Account ORDER BY Name')).toEqual(['Acme', 'Globex', 'Initech', "O'Hare 100%"]);
    expect(org.column('SELECT Name FROM Account ORDER BY Name', 'Name', { includeDeleted: true })).toEqual([
      'Acme',
      'Deleted Co',
      'Globex',
      'Initech',
      "O'Hare 100%",
    ]);
    const contacts = (includeDeleted: boolean): unknown =>
      org
        .query("SELECT (SELECT LastName FROM Contacts ORDER BY LastName) FROM Account WHERE Name = 'Acme'", {
          includeDeleted,
        })
        .map((r) => (r.Contacts as { records: { LastName: string }[] }).records.map((c) => c.LastName));
    expect(contacts(false)).toEqual([['Adams', 'Smith', 'Zeta']]);
    expect(contacts(true)).toEqual([['Adams', 'Ghost', 'Smith', 'Zeta']]);
  });

  it('applies the visibility rule to the main table, child subqueries, semi-joins and parent lookups', () => {
    const visibility = (object: { name: string }, alias: string): { sql: string; params: string[] } | undefined =>
      object.name === 'User' ? undefined : { sql: `${alias}."OwnerId" = ?`, params: [ids.sam] };
    expect(org.column('SELECT Name FROM Account ORDER BY Name', 'Name', { visibility })).toEqual([
      'Acme',
      "O'Hare 100%",
    ]);
    const [acme] = org.query(
      "SELECT Name, (SELECT LastName FROM Contacts ORDER BY LastName) FROM Account WHERE Name = 'Acme'",
      { visibility },
    );
    expect((acme?.Contacts as { records: { LastName: string }[] }).records.map((c) => c.LastName)).toEqual([
      'Adams',
      'Smith',
    ]);
    expect(
      org.column('SELECT LastName, Account.Name FROM Contact ORDER BY LastName', 'Account', { visibility }),
    ).toEqual([
      { attributes: { type: 'Account', url: url('Account', ids.acme) }, Name: 'Acme' },
      { attributes: { type: 'Account', url: url('Account', ids.acme) }, Name: 'Acme' },
    ]);
    expect(
      org.column('SELECT Name FROM Account WHERE Id IN (SELECT AccountId FROM Contact) ORDER BY Name', 'Name', {
        visibility,
      }),
    ).toEqual(['Acme']);
  });
});
