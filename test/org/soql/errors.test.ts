import { OrgApiError } from '../../../src/org/errors.js';
import { apiError, seed, TestOrg } from './fixture.js';

const CUSTOM_FIELD_HINT =
  "If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.";
const CUSTOM_RELATIONSHIP_HINT =
  "If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.";

describe('SOQL errors', () => {
  const org = new TestOrg();
  beforeAll(() => seed(org));

  const error = (soql: string): { status: number; errorCode: string; message: string } => {
    const e = apiError(() => org.prepare(soql).fetch(0, 2000));
    return { status: e.status, errorCode: e.errorCode, message: e.message };
  };
  const code = (soql: string): string => error(soql).errorCode;

  it('reports parse failures as MALFORMED_QUERY with the unexpected token', () => {
    expect(error('SELECT Id FORM Account')).toEqual({
      status: 400,
      errorCode: 'MALFORMED_QUERY',
      message: "unexpected token: 'Account'",
    });
    expect(error("SELECT Id FROM Account WHERE Name = 'x' AND").message).toBe("unexpected token: '<EOF>'");
    expect(error('SELECT Id, FROM Account').message).toBe("unexpected token: 'FROM'");
    expect(code('')).toBe('MALFORMED_QUERY');
    expect(code("SELECT Id FROM Account WHERE Name = 'unterminated")).toBe('MALFORMED_QUERY');
    expect(code('SELECT Id FROM Account WHERE Name = :bind')).toBe('MALFORMED_QUERY');
  });

  it('rejects AND and OR mixed without parentheses, as SOQL does', () => {
    expect(error("SELECT Id FROM Account WHERE Name = 'a' AND Name = 'b' OR Name = 'c'")).toEqual({
      status: 400,
      errorCode: 'MALFORMED_QUERY',
      message: "unexpected token: 'OR'",
    });
  });

  it('reports unknown objects as INVALID_TYPE', () => {
    expect(error('SELECT Id FROM Foo')).toEqual({
      status: 400,
      errorCode: 'INVALID_TYPE',
      message:
        "sObject type 'Foo' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.",
    });
    expect(code('SELECT Id FROM Account WHERE Id IN (SELECT AccountId FROM Bar)')).toBe('INVALID_TYPE');
  });

  it('reports unknown fields as INVALID_FIELD on the entity that lacks them', () => {
    expect(error('SELECT Id, Foo FROM Account')).toEqual({
      status: 400,
      errorCode: 'INVALID_FIELD',
      message: `No such column 'Foo' on entity 'Account'. ${CUSTOM_FIELD_HINT}`,
    });
    expect(error('SELECT Owner.Foo FROM Account').message).toBe(
      `No such column 'Foo' on entity 'User'. ${CUSTOM_FIELD_HINT}`,
    );
    expect(error("SELECT Id FROM Account WHERE Foo__c = 'x'").message).toBe(
      `No such column 'Foo__c' on entity 'Account'. ${CUSTOM_FIELD_HINT}`,
    );
    expect(code('SELECT Id FROM Account ORDER BY Foo')).toBe('INVALID_FIELD');
    expect(code('SELECT Foo, COUNT(Id) FROM Account GROUP BY Foo')).toBe('INVALID_FIELD');
    expect(error('SELECT Id, (SELECT Foo FROM Contacts) FROM Account').message).toBe(
      `No such column 'Foo' on entity 'Contact'. ${CUSTOM_FIELD_HINT}`,
    );
    expect(code('SELECT Owner FROM Account')).toBe('INVALID_FIELD');
  });

  it('reports unknown relationships', () => {
    expect(error('SELECT Foo.Name FROM Account')).toEqual({
      status: 400,
      errorCode: 'INVALID_FIELD',
      message: `Didn't understand relationship 'Foo' in field path. ${CUSTOM_RELATIONSHIP_HINT}`,
    });
    expect(code('SELECT Name.Foo FROM Account')).toBe('INVALID_FIELD');
    expect(error('SELECT Id, (SELECT Id FROM Foos) FROM Account')).toEqual({
      status: 400,
      errorCode: 'INVALID_TYPE',
      message: `Didn't understand relationship 'Foos' in FROM part of query call. ${CUSTOM_RELATIONSHIP_HINT}`,
    });
  });

  it('rejects operators the field type does not allow', () => {
    expect(error("SELECT Id FROM Account WHERE AnnualRevenue LIKE '1%'")).toEqual({
      status: 400,
      errorCode: 'INVALID_QUERY_FILTER_OPERATOR',
      message: 'invalid operator on currency field: AnnualRevenue',
    });
    expect(error("SELECT Id FROM Account WHERE Industry INCLUDES ('Energy')")).toEqual({
      status: 400,
      errorCode: 'INVALID_QUERY_FILTER_OPERATOR',
      message: 'includes or excludes operator only valid on multipicklist field',
    });
    expect(code("SELECT Id FROM Account WHERE Regions__c LIKE 'E%'")).toBe('INVALID_QUERY_FILTER_OPERATOR');
    expect(code('SELECT Id FROM User WHERE IsActive > false')).toBe('INVALID_QUERY_FILTER_OPERATOR');
    expect(code(`SELECT Id FROM Account WHERE Id LIKE '001%'`)).toBe('INVALID_QUERY_FILTER_OPERATOR');
  });

  it('rejects values of the wrong type', () => {
    expect(error("SELECT Id FROM Account WHERE AnnualRevenue = '5'")).toEqual({
      status: 400,
      errorCode: 'INVALID_FIELD',
      message:
        "value of filter criterion for field 'AnnualRevenue' must be of type double and should not be enclosed in quotes",
    });
    expect(error('SELECT Id FROM Account WHERE Name = 5').message).toBe(
      "value of filter criterion for field 'Name' must be of type string and should be enclosed in quotes",
    );
    expect(error('SELECT Id FROM User WHERE IsActive = 1').message).toBe(
      "value of filter criterion for field 'IsActive' must be of type boolean and should not be enclosed in quotes",
    );
    expect(error('SELECT Id FROM Opportunity WHERE CloseDate = 2024-01-01T00:00:00Z').message).toBe(
      "value of filter criterion for field 'CloseDate' must be of type date and should not be enclosed in quotes",
    );
    expect(error('SELECT Id FROM Account WHERE CreatedDate > 2024-01-01').message).toBe(
      "value of filter criterion for field 'CreatedDate' must be of type dateTime and should not be enclosed in quotes",
    );
    expect(code("SELECT Id FROM Opportunity WHERE CloseDate = '2024-01-01'")).toBe('INVALID_FIELD');
    expect(code('SELECT Id FROM Account WHERE Name IN (1, 2)')).toBe('INVALID_FIELD');
    expect(code('SELECT Id FROM Opportunity WHERE CloseDate = 2024-02-30')).toBe('MALFORMED_QUERY');
  });

  it('rejects malformed Ids', () => {
    expect(error("SELECT Id FROM Account WHERE Id = 'abc'")).toEqual({
      status: 400,
      errorCode: 'INVALID_QUERY_FILTER_OPERATOR',
      message: 'invalid ID field: abc',
    });
    expect(code("SELECT Id FROM Contact WHERE AccountId IN ('001000000000000', '001000000000000ZZZ')")).toBe(
      'INVALID_QUERY_FILTER_OPERATOR',
    );
    expect(code('SELECT Id FROM Contact WHERE AccountId = 5')).toBe('INVALID_FIELD');
  });

  it('rejects bad string escapes and unsupported constructs', () => {
    expect(error("SELECT Id FROM Account WHERE Name = 'a\\zb'")).toEqual({
      status: 400,
      errorCode: 'MALFORMED_QUERY',
      message: "Invalid string literal 'a\\zb'. Illegal character sequence '\\z' in string literal.",
    });
    expect(code('SELECT FIELDS(ALL) FROM Account')).toBe('MALFORMED_QUERY');
    expect(code('SELECT Id, TYPEOF What WHEN Account THEN Name END FROM Task')).toBe('MALFORMED_QUERY');
    expect(code('SELECT Name n FROM Account')).toBe('MALFORMED_QUERY');
    expect(error('SELECT Id, Name, id FROM Account').message).toBe('duplicate field selected: id');
    expect(code('SELECT Id, (SELECT Id, (SELECT Id FROM Tasks) FROM Contacts) FROM Account')).toBe('MALFORMED_QUERY');
    expect(code('SELECT Id FROM Account WHERE Id IN (SELECT LastName FROM Contact)')).toBe('MALFORMED_QUERY');
    expect(code('SELECT Id FROM Account WHERE CALENDAR_YEAR(Name) = 2024')).toBe('MALFORMED_QUERY');
  });

  it('rejects fields that cannot be filtered or sorted', () => {
    expect(error("SELECT Id FROM Account WHERE Description = 'x'")).toEqual({
      status: 400,
      errorCode: 'INVALID_FIELD',
      message: "field 'Description' can not be filtered in a query call",
    });
    expect(code('SELECT Id FROM Account ORDER BY Description')).toBe('INVALID_FIELD');
    expect(code('SELECT Id FROM Account ORDER BY Regions__c')).toBe('INVALID_FIELD');
  });

  it('checks aggregate queries', () => {
    expect(error('SELECT Name, COUNT(Id) FROM Account GROUP BY Industry')).toEqual({
      status: 400,
      errorCode: 'MALFORMED_QUERY',
      message: 'Field must be grouped or aggregated: Name',
    });
    expect(code('SELECT Name, COUNT(Id) FROM Account')).toBe('MALFORMED_QUERY');
    expect(error('SELECT SUM(Name) FROM Account').message).toBe('field Name does not support aggregate operator SUM');
    expect(code('SELECT COUNT(), Name FROM Account')).toBe('MALFORMED_QUERY');
    expect(code('SELECT Industry, COUNT(Id) FROM Account GROUP BY Industry ORDER BY Name')).toBe('MALFORMED_QUERY');
    expect(code('SELECT Industry, COUNT(Id) FROM Account GROUP BY ROLLUP(Industry)')).toBe('MALFORMED_QUERY');
    expect(code('SELECT Industry, (SELECT Id FROM Contacts) FROM Account GROUP BY Industry')).toBe('MALFORMED_QUERY');
  });

  it('caps OFFSET at 2,000', () => {
    expect(error('SELECT Id FROM Account OFFSET 2001')).toEqual({
      status: 400,
      errorCode: 'NUMBER_OUTSIDE_VALID_RANGE',
      message: 'Maximum SOQL offset allowed for apiVersion 62.0 is 2000',
    });
    expect(org.prepare('SELECT Id FROM Account OFFSET 2000').totalSize()).toBe(0);
  });

  it('rejects statements longer than 100,000 characters', () => {
    const ids = Array.from({ length: 5000 }, () => "'001000000000000AAA'").join(', ');
    expect(error(`SELECT Id FROM Account WHERE Id IN (${ids})`)).toEqual({
      status: 400,
      errorCode: 'MALFORMED_QUERY',
      message: 'SOQL statements cannot be longer than 100000 characters',
    });
    const fewer = Array.from({ length: 4000 }, () => "'001000000000000AAA'").join(', ');
    expect(org.prepare(`SELECT Id FROM Account WHERE Id IN (${fewer})`).totalSize()).toBe(0);
  });

  it('answers only 400 OrgApiErrors, never crashes, on garbage and mutated queries', () => {
    const garbage = [
      'garbage',
      'SELECT',
      'SELECT FROM',
      'SELECT Id FROM',
      'SELECT Id FROM Account WHERE',
      'SELECT Id FROM Account WHERE (',
      'SELECT Id FROM Account WHERE Name = ))',
      'SELECT Id FROM Account LIMIT 99999999999999999999',
      'SELECT Id FROM Account WHERE CreatedDate = LAST_N_DAYS:99999999999999999999',
      "SELECT Id FROM Account WHERE Name LIKE '%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%b'",
      "SELECT Id FROM Account WHERE Name = '\\u12'",
      "SELECT Id FROM Account WHERE Name = '\\'",
      'SELECT "Id" FROM Account',
      'SELECT Id FROM Account; DROP TABLE Account',
      'SELECT Id FROM "Account"',
      'SELECT Id FROM Account WHERE Name = "x"',
      'SELECT Id FROM Account ORDER BY',
      'SELECT COUNT(Id) FROM Account GROUP BY',
      'SELECT Id FROM Account WHERE NOT',
      'SELECT Id FROM Account WHERE NOT NOT NOT',
      '\u0000\u0001\uffff',
      'SELECT Id FROM Account WHERE Id IN (SELECT Id FROM Account WHERE Id IN (SELECT Id FROM Account))',
      "SELECT Id FROM Account WHERE Regions__c INCLUDES ('', null, ';;')",
      'SELECT Id FROM Account WHERE AnnualRevenue IN (USD1, EUR2.5)',
      'SELECT COUNT(Id) FROM Account HAVING COUNT(Id) > 1',
      'SELECT Id FROM Account USING SCOPE mine',
      'SELECT MAX(Owner.Name), MIN(Regions__c) FROM Account',
      'SELECT Id FROM Account WHERE DAY_ONLY(LastActivityDate) = 2024-01-01',
      'SELECT Id FROM Account WHERE convertTimezone(CreatedDate) = 2024-01-01',
      "SELECT DISTANCE(Name, GEOLOCATION(1, 2), 'mi') FROM Account",
      "SELECT Id FROM Account WHERE DISTANCE(Name, GEOLOCATION(1, 2), 'mi') < 20",
      "SELECT Id FROM Account WHERE Name = 'x' GROUP BY CUBE(Name)",
      'SELECT Id FROM Account WITH DATA CATEGORY Geography__c AT asia__c',
      'SELECT Id FROM Account FOR REFERENCE UPDATE TRACKING',
      'SELECT FORMAT(MIN(AnnualRevenue)) FROM Account',
    ];
    const tokens = [
      '(',
      ')',
      "'",
      ',',
      ' AND ',
      ' OR ',
      ' NOT ',
      'SELECT ',
      ' FROM ',
      ' WHERE ',
      '%',
      '\\',
      '.',
      'Account',
      ' LIMIT ',
      '99999999999999999999',
      'NULL',
      'TODAY',
      ':',
      '2024-01-01',
      ' IN ',
      '=',
      '!=',
      '"',
      ';',
      'Owner.',
      'COUNT()',
      '__c',
      ' ',
    ];
    const bases = [
      "SELECT Id, Name, Owner.Name, (SELECT LastName FROM Contacts WHERE LastName LIKE 'S%' ORDER BY LastName LIMIT 2) FROM Account WHERE Industry IN ('Energy', 'Banking') AND CreatedDate > LAST_N_DAYS:30 ORDER BY Name DESC NULLS LAST LIMIT 10 OFFSET 1",
      'SELECT Account.Name, COUNT(Id) c, SUM(Amount) FROM Opportunity WHERE CloseDate = THIS_YEAR GROUP BY Account.Name HAVING COUNT(Id) > 1 ORDER BY COUNT(Id) DESC',
      "SELECT Subject, What.Name FROM Task WHERE WhatId IN (SELECT Id FROM Account WHERE Regions__c INCLUDES ('EMEA;APAC')) AND (NOT Subject = 'x')",
    ];
    let seedValue = 42;
    const random = (n: number): number => {
      seedValue = (seedValue * 1103515245 + 12345) % 2147483648;
      return seedValue % n;
    };
    const mutate = (text: string): string => {
      let out = text;
      for (let k = 0, edits = 1 + random(3); k < edits; k++) {
        const at = random(out.length + 1);
        const choice = random(3);
        if (choice === 0) out = out.slice(0, at) + out.slice(at + 1 + random(6));
        else if (choice === 1) out = out.slice(0, at) + (tokens[random(tokens.length)] ?? '') + out.slice(at);
        else out = out.slice(0, at) + out.slice(random(out.length));
      }
      return out;
    };
    const inputs = [...garbage];
    for (let i = 0; i < 1500; i++) inputs.push(mutate(bases[i % bases.length] ?? ''));
    const failures: string[] = [];
    for (const soql of inputs) {
      try {
        const query = org.prepare(soql);
        query.totalSize();
        query.fetch(0, 5);
        query.fetch(5, 5);
      } catch (e) {
        if (!(e instanceof OrgApiError) || e.status !== 400) {
          failures.push(`${soql} -> ${e instanceof OrgApiError ? `${e.errorCode}: ${e.message}` : String(e)}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });
});

describe('objects that need a selective filter', () => {
  it('refuses ContentDocumentLink without a ContentDocumentId or LinkedEntityId filter', async () => {
    const { prepareQuery } = await import('../../../src/org/soql/index.js');
    const { loadSchema } = await import('../../../src/org/schema/metadata.js');
    const { ensureTables } = await import('../../../src/org/db.js');
    const { DatabaseSync } = await import('node:sqlite');
    const db = new DatabaseSync(':memory:');
    const schema = loadSchema('/nonexistent-objects-dir');
    ensureTables(db, schema);
    const options = { apiVersion: '62.0', includeDeleted: false, timeZone: 'UTC', now: new Date() };
    expect(() => prepareQuery(db, schema, 'SELECT Id FROM ContentDocumentLink', options)).toThrow(
      expect.objectContaining({ errorCode: 'MALFORMED_QUERY' }),
    );
    expect(() =>
      prepareQuery(
        db,
        schema,
        "SELECT Id FROM ContentDocumentLink WHERE LinkedEntityId = '001000000000001AAA'",
        options,
      ).totalSize(),
    ).not.toThrow();
    expect(() =>
      prepareQuery(
        db,
        schema,
        'SELECT Id FROM ContentDocumentLink WHERE LinkedEntityId IN (SELECT Id FROM Account)',
        options,
      ),
    ).not.toThrow();
  });
});
