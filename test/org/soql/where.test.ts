import { to15 } from '../../../src/org/ids.js';
import { seed, TestOrg, type Seeded } from './fixture.js';

describe('SOQL WHERE', () => {
  let org: TestOrg;
  let ids: Seeded;
  const accounts = (where: string): unknown[] => org.column(`SELECT Name FROM Account WHERE ${where} ORDER BY Name`);
  const contacts = (where: string): unknown[] =>
    org.column(`SELECT LastName FROM Contact WHERE ${where} ORDER BY LastName`, 'LastName');
  const deals = (where: string): unknown[] => org.column(`SELECT Name FROM Opportunity WHERE ${where} ORDER BY Name`);

  beforeAll(() => {
    org = new TestOrg();
    ids = seed(org);
  });

  describe('comparison operators', () => {
    it('compares text case-insensitively', () => {
      expect(accounts("Name = 'acme'")).toEqual(['Acme']);
      expect(accounts("Industry = 'ENERGY'")).toEqual(['Acme']);
      expect(accounts("Name < 'g'")).toEqual(['Acme']);
      expect(accounts("Name >= 'GLOBEX'")).toEqual(['Globex', 'Initech', "O'Hare 100%"]);
    });

    it('includes empty fields in != and NOT IN, as SOQL does', () => {
      expect(accounts("Industry != 'Energy'")).toEqual(['Globex', 'Initech', "O'Hare 100%"]);
      expect(accounts("Industry <> 'Energy'")).toEqual(['Globex', 'Initech', "O'Hare 100%"]);
      expect(accounts("Industry NOT IN ('Energy', 'Banking')")).toEqual(['Initech', "O'Hare 100%"]);
      expect(accounts("NOT Industry = 'Energy'")).toEqual(['Globex', 'Initech', "O'Hare 100%"]);
    });

    it('compares numbers numerically', () => {
      expect(accounts('NumberOfEmployees > 7')).toEqual(['Acme', 'Globex']);
      expect(accounts('NumberOfEmployees <= 40')).toEqual(['Globex', 'Initech']);
      expect(accounts('AnnualRevenue = 250000.5')).toEqual(['Globex']);
      expect(accounts('AnnualRevenue < 1000')).toEqual(["O'Hare 100%"]);
      expect(accounts('AnnualRevenue IN (10, 5000000)')).toEqual(['Acme', "O'Hare 100%"]);
      expect(accounts('AnnualRevenue > USD100000')).toEqual(['Acme', 'Globex']);
      expect(accounts('NumberOfEmployees > -1 AND NumberOfEmployees < 7.5')).toEqual(['Initech']);
    });

    it('handles = null and != null', () => {
      expect(accounts('Industry = null')).toEqual(['Initech']);
      expect(accounts('Industry != null')).toEqual(['Acme', 'Globex', "O'Hare 100%"]);
      expect(accounts("Industry IN ('Energy', null)")).toEqual(['Acme', 'Initech']);
      expect(accounts("Industry NOT IN ('Energy', null)")).toEqual(['Globex', "O'Hare 100%"]);
      expect(accounts("Industry = ''")).toEqual(['Initech']);
    });

    it('compares booleans', () => {
      expect(org.column('SELECT Name FROM User WHERE IsActive = true ORDER BY Name')).toEqual(['Admin', 'Sam Seller']);
      expect(org.column('SELECT Name FROM User WHERE IsActive = FALSE')).toEqual(['Olga Old']);
      expect(org.column('SELECT Name FROM User WHERE IsActive != true')).toEqual(['Olga Old']);
    });

    it('matches LIKE patterns case-insensitively with % and _ and their escapes', () => {
      expect(accounts("Name LIKE 'a%'")).toEqual(['Acme']);
      expect(accounts("Name LIKE '%E%'")).toEqual(['Acme', 'Globex', 'Initech', "O'Hare 100%"]);
      expect(accounts("Name LIKE '_lobex'")).toEqual(['Globex']);
      expect(accounts("Name LIKE '%100\\%'")).toEqual(["O'Hare 100%"]);
      expect(accounts("Name LIKE '%0\\%%'")).toEqual(["O'Hare 100%"]);
      expect(accounts("Name LIKE 'Acm\\_'")).toEqual([]);
      expect(accounts("NOT Name LIKE '%e%'")).toEqual([]);
      expect(accounts("(NOT Name LIKE 'A%')")).toEqual(['Globex', 'Initech', "O'Hare 100%"]);
    });

    it('reads escapes in string literals', () => {
      expect(accounts("Name = 'O\\'Hare 100%'")).toEqual(["O'Hare 100%"]);
      const id = org.insert('Account', { Name: 'Line\nBreak\\Slash"Quote', OwnerId: ids.sam });
      expect(org.column("SELECT Id FROM Account WHERE Name = 'Line\\nBreak\\\\Slash\\\"Quote'", 'Id')).toEqual([id]);
      expect(org.column("SELECT Id FROM Account WHERE Name = 'Line\\u000aBreak\\\\Slash\"Quote'", 'Id')).toEqual([id]);
      org.db.prepare('DELETE FROM "Account" WHERE "Id" = ?').run(id);
    });

    it('filters multi-select picklists with INCLUDES, EXCLUDES and exact sets', () => {
      expect(accounts("Regions__c INCLUDES ('APAC')")).toEqual(['Acme', "O'Hare 100%"]);
      expect(accounts("Regions__c INCLUDES ('apac;amer')")).toEqual(["O'Hare 100%"]);
      expect(accounts("Regions__c INCLUDES ('EMEA;AMER', 'AMER')")).toEqual(['Globex', "O'Hare 100%"]);
      expect(accounts("Regions__c EXCLUDES ('AMER')")).toEqual(['Acme', 'Initech']);
      expect(accounts("Regions__c = 'APAC;EMEA'")).toEqual(['Acme']);
      expect(accounts("Regions__c != 'APAC;EMEA'")).toEqual(['Globex', 'Initech', "O'Hare 100%"]);
      expect(accounts("Regions__c = 'EMEA'")).toEqual([]);
    });
  });

  describe('Ids', () => {
    it('accepts 15- and 18-character Ids for Id and reference fields', () => {
      expect(accounts(`Id = '${ids.acme}'`)).toEqual(['Acme']);
      expect(accounts(`Id = '${to15(ids.acme)}'`)).toEqual(['Acme']);
      expect(accounts(`Id IN ('${to15(ids.acme)}', '${ids.globex}')`)).toEqual(['Acme', 'Globex']);
      expect(contacts(`AccountId = '${to15(ids.globex)}'`)).toEqual(['Brown']);
      expect(contacts(`AccountId != '${ids.acme}'`)).toEqual(['Brown', 'Nobody']);
      expect(contacts('AccountId = null')).toEqual(['Nobody']);
      expect(org.column(`SELECT Subject FROM Task WHERE WhatId = '${ids.deal1}'`, 'Subject')).toEqual(['Email deal']);
    });
  });

  describe('dates and datetimes', () => {
    it('compares date fields to date literals', () => {
      expect(deals('CloseDate = 2024-05-01')).toEqual(['Acme Deal 1']);
      expect(deals('CloseDate > 2024-05-01')).toEqual(['Acme Deal 2']);
      expect(deals('CloseDate <= 2024-05-01')).toEqual(['Acme Deal 1', 'Globex Deal']);
      expect(deals('CloseDate IN (2024-03-31, 2024-06-15)')).toEqual(['Acme Deal 2', 'Globex Deal']);
      expect(deals('CloseDate = null')).toEqual(['Loose Deal']);
    });

    it('compares datetime fields to datetime literals in UTC', () => {
      expect(accounts('CreatedDate = 2024-05-15T08:00:00Z')).toEqual(['Acme']);
      expect(accounts('CreatedDate = 2024-05-15T16:00:00+08:00')).toEqual(['Acme']);
      expect(accounts('CreatedDate = 2024-05-15T08:00:00.000+0000')).toEqual(['Acme']);
      expect(accounts('CreatedDate > 2024-05-15T07:59:59Z')).toEqual(['Acme']);
      // 2024-05-14T23:00Z and 2024-05-15T01:00Z; Globex was created at 23:30Z.
      expect(accounts('CreatedDate < 2024-05-15T00:00:00+01:00')).toEqual(['Initech', "O'Hare 100%"]);
      expect(accounts('CreatedDate < 2024-05-15T00:00:00-01:00')).toEqual(['Globex', 'Initech', "O'Hare 100%"]);
      expect(accounts('CreatedDate >= 2024-01-01T00:00:00Z AND CreatedDate < 2024-05-01T00:00:00Z')).toEqual([
        'Initech',
      ]);
    });
  });

  describe('logic', () => {
    it('combines AND, OR and NOT with parentheses', () => {
      expect(accounts("Industry = 'Energy' OR Industry = 'Banking'")).toEqual(['Acme', 'Globex']);
      expect(accounts("(Industry = 'Energy' OR Industry = 'Banking') AND NumberOfEmployees < 100")).toEqual(['Globex']);
      expect(accounts("Industry = 'Energy' OR (Industry = 'Banking' AND NumberOfEmployees > 100)")).toEqual(['Acme']);
      expect(accounts("NOT (Industry = 'Energy' OR Industry = 'Banking')")).toEqual(['Initech', "O'Hare 100%"]);
      expect(accounts("NumberOfEmployees > 0 AND (NOT (Industry = 'Energy'))")).toEqual(['Globex', 'Initech']);
      expect(accounts("((Name = 'Acme'))")).toEqual(['Acme']);
      expect(accounts("NOT NOT Name = 'Acme'")).toEqual(['Acme']);
    });

    it('filters on parent fields through LEFT JOINs', () => {
      expect(accounts("Owner.Name = 'Sam Seller'")).toEqual(['Acme', "O'Hare 100%"]);
      expect(accounts("Owner.Manager.Name = 'admin'")).toEqual(['Acme', 'Initech', "O'Hare 100%"]);
      expect(accounts('Parent.Name = null')).toEqual(['Acme', 'Initech', "O'Hare 100%"]);
      expect(contacts("Account.Parent.Name = 'Acme'")).toEqual(['Brown']);
      expect(contacts("Account.Name != 'Acme'")).toEqual(['Brown', 'Nobody']);
    });

    it('filters with date functions', () => {
      expect(deals('CALENDAR_MONTH(CloseDate) = 5')).toEqual(['Acme Deal 1']);
      expect(deals('CALENDAR_YEAR(CloseDate) = 2024 AND CALENDAR_QUARTER(CloseDate) = 2')).toEqual([
        'Acme Deal 1',
        'Acme Deal 2',
      ]);
      expect(accounts('DAY_ONLY(CreatedDate) = 2024-05-14')).toEqual(['Globex']);
      expect(accounts('HOUR_IN_DAY(CreatedDate) = 23')).toEqual(['Globex', "O'Hare 100%"]);
    });
  });

  describe('semi-joins and anti-joins', () => {
    it('selects parents with matching children', () => {
      expect(accounts('Id IN (SELECT AccountId FROM Contact)')).toEqual(['Acme', 'Globex']);
      expect(accounts("Id IN (SELECT AccountId FROM Opportunity WHERE StageName = 'Closed Won')")).toEqual(['Acme']);
      expect(accounts("Id IN (SELECT WhatId FROM Task WHERE Subject LIKE 'Call%')")).toEqual(['Acme']);
    });

    it('excludes parents with matching children; deleted children do not count', () => {
      expect(accounts('Id NOT IN (SELECT AccountId FROM Contact)')).toEqual(['Initech', "O'Hare 100%"]);
      expect(accounts("Id NOT IN (SELECT AccountId FROM Contact WHERE LastName = 'Ghost')")).toEqual([
        'Acme',
        'Globex',
        'Initech',
        "O'Hare 100%",
      ]);
    });

    it('filters a reference field by a subquery, keeping empty lookups in NOT IN', () => {
      expect(contacts("AccountId IN (SELECT Id FROM Account WHERE Industry = 'Banking')")).toEqual(['Brown']);
      expect(contacts("AccountId NOT IN (SELECT Id FROM Account WHERE Industry = 'Energy')")).toEqual([
        'Brown',
        'Nobody',
      ]);
      expect(contacts("AccountId IN (SELECT Id FROM Account WHERE Owner.Name = 'Admin') AND LastName != 'x'")).toEqual([
        'Brown',
      ]);
    });
  });
});
