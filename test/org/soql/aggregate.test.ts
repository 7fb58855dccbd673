import { seed, TestOrg } from './fixture.js';

const AGG = { type: 'AggregateResult' };

describe('SOQL aggregates', () => {
  const org = new TestOrg();
  beforeAll(() => seed(org));

  it('counts with COUNT() into totalSize only', () => {
    const all = org.prepare('SELECT COUNT() FROM Opportunity');
    expect([all.isCountOnly, all.isAggregate, all.totalSize(), all.fetch(0, 2000)]).toEqual([true, false, 4, []]);
    expect(org.prepare("SELECT count() FROM Opportunity WHERE StageName LIKE 'Closed%'").totalSize()).toBe(2);
    expect(org.prepare('SELECT COUNT() FROM Opportunity LIMIT 3').totalSize()).toBe(3);
    expect(org.prepare('SELECT COUNT() FROM Opportunity GROUP BY AccountId').totalSize()).toBe(3);
    expect(org.prepare('SELECT COUNT() FROM Account', { includeDeleted: true }).totalSize()).toBe(5);
  });

  it('computes aggregate functions without GROUP BY as one AggregateResult', () => {
    const query = org.prepare(
      'SELECT COUNT(Id), COUNT(Amount), COUNT_DISTINCT(AccountId), SUM(Amount), AVG(Amount), MIN(CloseDate), MAX(CloseDate), MIN(Name) FROM Opportunity',
    );
    expect([query.isAggregate, query.isCountOnly, query.totalSize()]).toEqual([true, false, 1]);
    expect(query.fetch(0, 2000)).toEqual([
      {
        attributes: AGG,
        expr0: 4,
        expr1: 3,
        expr2: 2,
        expr3: 4000,
        expr4: 4000 / 3,
        expr5: '2024-03-31',
        expr6: '2024-06-15',
        expr7: 'Acme Deal 1',
      },
    ]);
  });

  it('formats datetime aggregates and answers one row even when nothing matches', () => {
    expect(org.query('SELECT MIN(CreatedDate), MAX(CreatedDate) FROM Account')).toEqual([
      { attributes: AGG, expr0: '2023-12-31T23:59:59.000+0000', expr1: '2024-05-15T08:00:00.000+0000' },
    ]);
    expect(org.query("SELECT COUNT(Id), SUM(AnnualRevenue) FROM Account WHERE Name = 'none'")).toEqual([
      { attributes: AGG, expr0: 0, expr1: null },
    ]);
    expect(org.query("SELECT Industry, COUNT(Id) FROM Account WHERE Name = 'none' GROUP BY Industry")).toEqual([]);
  });

  it('groups by relationship fields, naming them by their last segment, with aliases', () => {
    expect(
      org.query(
        'SELECT Account.Name, COUNT(Id) n, SUM(Amount) total, MAX(Amount) FROM Opportunity GROUP BY Account.Name ORDER BY Account.Name',
      ),
    ).toEqual([
      { attributes: AGG, Name: null, n: 1, total: null, expr0: null },
      { attributes: AGG, Name: 'Acme', n: 2, total: 1500, expr0: 1000 },
      { attributes: AGG, Name: 'Globex', n: 1, total: 2500, expr0: 2500 },
    ]);
  });

  it('filters groups with HAVING on aggregates and grouped fields', () => {
    expect(
      org.query('SELECT Owner.Name, COUNT(Id), MAX(Amount) FROM Opportunity GROUP BY Owner.Name HAVING COUNT(Id) > 1'),
    ).toEqual([{ attributes: AGG, Name: 'Sam Seller', expr0: 2, expr1: 1000 }]);
    expect(
      org.query(
        "SELECT StageName, SUM(Amount) FROM Opportunity GROUP BY StageName HAVING StageName LIKE 'closed%' ORDER BY StageName",
      ),
    ).toEqual([
      { attributes: AGG, StageName: 'Closed Won', expr0: 1000 },
      { attributes: AGG, StageName: 'Closed Lost', expr0: null },
    ]);
    expect(
      org.query(
        'SELECT AccountId, SUM(Amount) s FROM Opportunity GROUP BY AccountId HAVING SUM(Amount) > 1000 AND COUNT(Id) < 3 ORDER BY SUM(Amount) DESC',
      ),
    ).toEqual([
      { attributes: AGG, AccountId: expect.stringMatching(/^001/), s: 2500 },
      { attributes: AGG, AccountId: expect.stringMatching(/^001/), s: 1500 },
    ]);
  });

  it('orders groups by aggregates and limits them', () => {
    const query = org.prepare(
      'SELECT Industry, COUNT(Id) FROM Account GROUP BY Industry ORDER BY COUNT(Id) DESC, Industry LIMIT 2',
    );
    expect(query.totalSize()).toBe(2);
    // Each industry has one account; ties fall back to the picklist order (nulls first).
    expect(query.fetch(0, 2000)).toEqual([
      { attributes: AGG, Industry: null, expr0: 1 },
      { attributes: AGG, Industry: 'Technology', expr0: 1 },
    ]);
  });

  it('groups by date functions and booleans', () => {
    expect(
      org.query(
        'SELECT CALENDAR_MONTH(CloseDate), COUNT(Id) FROM Opportunity WHERE CloseDate != null GROUP BY CALENDAR_MONTH(CloseDate) ORDER BY CALENDAR_MONTH(CloseDate)',
      ),
    ).toEqual([
      { attributes: AGG, expr0: 3, expr1: 1 },
      { attributes: AGG, expr0: 5, expr1: 1 },
      { attributes: AGG, expr0: 6, expr1: 1 },
    ]);
    expect(org.query('SELECT IsActive, COUNT(Id) c FROM User GROUP BY IsActive ORDER BY IsActive')).toEqual([
      { attributes: AGG, IsActive: false, c: 1 },
      { attributes: AGG, IsActive: true, c: 2 },
    ]);
    expect(
      org.query(
        'SELECT CALENDAR_YEAR(CreatedDate) y, COUNT(Id) FROM Account GROUP BY CALENDAR_YEAR(CreatedDate) ORDER BY CALENDAR_YEAR(CreatedDate)',
      ),
    ).toEqual([
      { attributes: AGG, y: 2023, expr0: 1 },
      { attributes: AGG, y: 2024, expr0: 3 },
    ]);
  });

  it('pages groups like records', () => {
    const query = org.prepare('SELECT Owner.Name, COUNT(Id) FROM Account GROUP BY Owner.Name ORDER BY Owner.Name');
    expect(query.totalSize()).toBe(3);
    expect(query.fetch(0, 2).map((r) => r.Name)).toEqual(['Admin', 'Olga Old']);
    expect(query.fetch(2, 2).map((r) => r.Name)).toEqual(['Sam Seller']);
  });
});
