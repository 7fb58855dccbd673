import { seed, TestOrg } from './fixture.js';

describe('SOQL ORDER BY', () => {
  const org = new TestOrg();
  beforeAll(() => seed(org));
  const names = (soql: string): unknown[] => org.column(soql);

  it('sorts by several fields, ascending and descending', () => {
    expect(names('SELECT Name FROM Account ORDER BY Name DESC')).toEqual(["O'Hare 100%", 'Initech', 'Globex', 'Acme']);
    expect(names('SELECT Name FROM Opportunity ORDER BY AccountId, Amount DESC')).toEqual([
      'Loose Deal',
      'Acme Deal 1',
      'Acme Deal 2',
      'Globex Deal',
    ]);
  });

  it('puts nulls first ascending and last descending unless told otherwise', () => {
    expect(names('SELECT Name FROM Account ORDER BY AnnualRevenue')).toEqual([
      'Initech',
      "O'Hare 100%",
      'Globex',
      'Acme',
    ]);
    expect(names('SELECT Name FROM Account ORDER BY AnnualRevenue DESC')).toEqual([
      'Acme',
      'Globex',
      "O'Hare 100%",
      'Initech',
    ]);
    expect(names('SELECT Name FROM Account ORDER BY AnnualRevenue ASC NULLS LAST')).toEqual([
      "O'Hare 100%",
      'Globex',
      'Acme',
      'Initech',
    ]);
    expect(names('SELECT Name FROM Account ORDER BY AnnualRevenue DESC NULLS FIRST')).toEqual([
      'Initech',
      'Acme',
      'Globex',
      "O'Hare 100%",
    ]);
  });

  it('sorts by relationship paths', () => {
    expect(names('SELECT Name FROM Account ORDER BY Owner.Name, Name DESC')).toEqual([
      'Globex',
      'Initech',
      "O'Hare 100%",
      'Acme',
    ]);
    expect(
      org.column('SELECT LastName FROM Contact ORDER BY Account.Name DESC NULLS LAST, LastName', 'LastName'),
    ).toEqual(['Brown', 'Adams', 'Smith', 'Zeta', 'Nobody']);
  });

  it('sorts text case-insensitively and picklists in their defined order', () => {
    const aardvark = org.insert('Account', { Name: 'aardvark' });
    expect(names('SELECT Name FROM Account ORDER BY Name LIMIT 2')).toEqual(['aardvark', 'Acme']);
    // What.Name is computed over Account and Opportunity; it must still sort case-insensitively.
    const task = org.insert('Task', { Subject: 'Visit aardvark', WhatId: aardvark });
    expect(org.column('SELECT Subject FROM Task ORDER BY What.Name', 'Subject')).toEqual([
      'Orphan task',
      'Visit aardvark',
      'Call Acme',
      'Email deal',
    ]);
    org.db.prepare('DELETE FROM "Task" WHERE "Id" = ?').run(task);
    // Industry values are defined as Technology, Energy, Banking.
    expect(names('SELECT Name FROM Account WHERE Industry != null ORDER BY Industry')).toEqual([
      "O'Hare 100%",
      'Acme',
      'Globex',
    ]);
    expect(names('SELECT Name FROM Opportunity ORDER BY StageName DESC')).toEqual([
      'Loose Deal',
      'Acme Deal 1',
      'Globex Deal',
      'Acme Deal 2',
    ]);
    org.db.exec(`DELETE FROM "Account" WHERE "Name" = 'aardvark'`);
  });

  it('applies LIMIT and OFFSET', () => {
    expect(names('SELECT Name FROM Account ORDER BY Name LIMIT 2')).toEqual(['Acme', 'Globex']);
    expect(names('SELECT Name FROM Account ORDER BY Name LIMIT 2 OFFSET 1')).toEqual(['Globex', 'Initech']);
    expect(names('SELECT Name FROM Account ORDER BY Name OFFSET 3')).toEqual(["O'Hare 100%"]);
    expect(names('SELECT Name FROM Account ORDER BY Name LIMIT 0')).toEqual([]);
  });
});

describe('SOQL pagination', () => {
  const org = new TestOrg();
  const pageNames = (soql: string, offset: number, size: number): unknown[] =>
    org
      .prepare(soql)
      .fetch(offset, size)
      .map((r) => r.Name);

  beforeAll(() => {
    // Inserted out of name order; without ORDER BY, records come in insertion order.
    for (const name of ['P1', 'P3', 'P2', 'P5', 'P4']) {
      const id = org.insert('Account', { Name: name });
      org.insert('Contact', { LastName: `${name}-a`, AccountId: id });
      org.insert('Contact', { LastName: `${name}-b`, AccountId: id });
    }
  });

  it('pages through the whole result', () => {
    const soql = 'SELECT Name FROM Account ORDER BY Name';
    expect(org.prepare(soql).totalSize()).toBe(5);
    expect(pageNames(soql, 0, 2)).toEqual(['P1', 'P2']);
    expect(pageNames(soql, 2, 2)).toEqual(['P3', 'P4']);
    expect(pageNames(soql, 4, 2)).toEqual(['P5']);
    expect(pageNames(soql, 6, 2)).toEqual([]);
  });

  it('keeps insertion order without ORDER BY', () => {
    const soql = 'SELECT Name FROM Account';
    expect(pageNames(soql, 0, 3)).toEqual(['P1', 'P3', 'P2']);
    expect(pageNames(soql, 3, 3)).toEqual(['P5', 'P4']);
  });

  it('combines pages with the SOQL LIMIT', () => {
    const soql = 'SELECT Name FROM Account ORDER BY Name LIMIT 3';
    expect(org.prepare(soql).totalSize()).toBe(3);
    expect(pageNames(soql, 0, 2)).toEqual(['P1', 'P2']);
    expect(pageNames(soql, 2, 2)).toEqual(['P3']);
    expect(pageNames(soql, 4, 2)).toEqual([]);
  });

  it('combines pages with the SOQL OFFSET', () => {
    const soql = 'SELECT Name FROM Account ORDER BY Name OFFSET 1';
    expect(org.prepare(soql).totalSize()).toBe(4);
    expect(pageNames(soql, 0, 2)).toEqual(['P2', 'P3']);
    expect(pageNames(soql, 2, 2)).toEqual(['P4', 'P5']);
  });

  it('combines pages with both LIMIT and OFFSET', () => {
    const soql = 'SELECT Name FROM Account ORDER BY Name LIMIT 3 OFFSET 1';
    expect(org.prepare(soql).totalSize()).toBe(3);
    expect(pageNames(soql, 0, 2)).toEqual(['P2', 'P3']);
    expect(pageNames(soql, 2, 2)).toEqual(['P4']);
    expect(org.prepare('SELECT Name FROM Account LIMIT 0').totalSize()).toBe(0);
    expect(org.prepare('SELECT Name FROM Account OFFSET 9').totalSize()).toBe(0);
    expect(pageNames('SELECT Name FROM Account OFFSET 9', 0, 2)).toEqual([]);
  });

  it('fetches each page’s child records', () => {
    const query = org.prepare(
      'SELECT Name, (SELECT LastName FROM Contacts ORDER BY LastName DESC) FROM Account ORDER BY Name DESC',
    );
    const children = (offset: number): unknown[] =>
      query
        .fetch(offset, 2)
        .map((r) => [r.Name, (r.Contacts as { records: { LastName: string }[] }).records.map((c) => c.LastName)]);
    expect(children(0)).toEqual([
      ['P5', ['P5-b', 'P5-a']],
      ['P4', ['P4-b', 'P4-a']],
    ]);
    expect(children(4)).toEqual([['P1', ['P1-b', 'P1-a']]]);
  });
});
