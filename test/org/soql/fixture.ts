import { DatabaseSync } from 'node:sqlite';
import { ensureTables, quoteIdent, type SqlValue } from '../../../src/org/db.js';
import { OrgApiError } from '../../../src/org/errors.js';
import { makeId } from '../../../src/org/ids.js';
import { buildSchema, field, ownerField, picklist, reference, sobject } from '../../../src/org/schema/build.js';
import type { Schema } from '../../../src/org/schema/types.js';
import { prepareQuery, type PreparedQuery, type QueryOptions } from '../../../src/org/soql/index.js';

/** A small org: User, Group, Account, Contact, Opportunity, Case and Task with a polymorphic WhatId. */
export function testSchema(): Schema {
  return buildSchema([
    sobject('User', '005', [
      field('Name', 'string'),
      field('Email', 'email'),
      field('IsActive', 'boolean'),
      reference('ManagerId', ['User'], 'Manager'),
    ]),
    sobject('Group', '00G', [field('Name', 'string'), field('Type', 'string')]),
    sobject('Account', '001', [
      field('Name', 'string', { required: true }),
      picklist('Industry', ['Technology', 'Energy', 'Banking']),
      field('AnnualRevenue', 'currency'),
      field('NumberOfEmployees', 'int'),
      picklist('Regions__c', ['EMEA', 'APAC', 'AMER'], { type: 'multipicklist' }),
      field('Description', 'textarea', { length: 32000 }),
      field('LastActivityDate', 'date'),
      ownerField(false),
      reference('ParentId', ['Account'], 'Parent', { childRelationshipName: 'ChildAccounts' }),
    ]),
    sobject('Contact', '003', [
      field('FirstName', 'string'),
      field('LastName', 'string', { required: true }),
      field('Email', 'email'),
      field('Birthdate', 'date'),
      reference('AccountId', ['Account'], 'Account', { childRelationshipName: 'Contacts' }),
      reference('ReportsToId', ['Contact'], 'ReportsTo'),
      ownerField(false),
    ]),
    sobject('Opportunity', '006', [
      field('Name', 'string', { required: true }),
      field('Amount', 'currency'),
      field('CloseDate', 'date'),
      picklist('StageName', ['Prospecting', 'Qualification', 'Closed Won', 'Closed Lost']),
      field('Probability', 'percent'),
      reference('AccountId', ['Account'], 'Account', { childRelationshipName: 'Opportunities' }),
      ownerField(false),
    ]),
    sobject('Case', '500', [
      field('Subject', 'string'),
      picklist('Status', ['New', 'Working', 'Closed']),
      reference('AccountId', ['Account'], 'Account', { childRelationshipName: 'Cases' }),
      ownerField(true),
    ]),
    sobject('Task', '00T', [
      field('Subject', 'string'),
      field('ActivityDate', 'date'),
      reference('WhatId', ['Account', 'Opportunity'], 'What', { childRelationshipName: 'Tasks' }),
      reference('WhoId', ['Contact'], 'Who', { childRelationshipName: 'Tasks' }),
      ownerField(false),
    ]),
  ]);
}

export type Row = Record<string, SqlValue>;

/** An in-memory org with tables; `insert` fills the system fields tests do not care about. */
export class TestOrg {
  public readonly db = new DatabaseSync(':memory:');
  public readonly schema = testSchema();
  private sequence = 1;

  public constructor() {
    ensureTables(this.db, this.schema);
  }

  /** Inserts a row with plain SQL and returns its 18-character Id. */
  public insert(object: string, values: Row): string {
    const def = this.schema.object(object);
    if (!def) throw new Error(`no object ${object}`);
    const id = (values.Id as string | undefined) ?? makeId(def.keyPrefix, this.sequence++);
    const row: Row = {
      IsDeleted: 0,
      CreatedDate: '2024-01-01T00:00:00.000Z',
      LastModifiedDate: '2024-01-01T00:00:00.000Z',
      SystemModstamp: '2024-01-01T00:00:00.000Z',
      ...values,
      Id: id,
    };
    const names = Object.keys(row);
    const sql = `INSERT INTO ${quoteIdent(def.name)} (${names.map(quoteIdent).join(', ')}) VALUES (${names.map(() => '?').join(', ')})`;
    this.db.prepare(sql).run(...names.map((n) => row[n] ?? null));
    return id;
  }

  public prepare(soql: string, options: Partial<QueryOptions> = {}): PreparedQuery {
    return prepareQuery(this.db, this.schema, soql, {
      apiVersion: '62.0',
      includeDeleted: false,
      timeZone: 'UTC',
      now: new Date('2024-05-15T12:00:00.000Z'),
      ...options,
    });
  }

  /** All records of a query, as one page. */
  public query(soql: string, options: Partial<QueryOptions> = {}): Record<string, unknown>[] {
    const prepared = this.prepare(soql, options);
    return prepared.fetch(0, 2000);
  }

  /** The values of one field of each record, for compact assertions. */
  public column(soql: string, name = 'Name', options: Partial<QueryOptions> = {}): unknown[] {
    return this.query(soql, options).map((r) => r[name]);
  }
}

/** The OrgApiError a call throws (fails the test when it throws nothing or something else). */
export function apiError(run: () => unknown): OrgApiError {
  try {
    run();
  } catch (error) {
    if (error instanceof OrgApiError) return error;
    throw error;
  }
  throw new Error('expected an OrgApiError');
}

export function url(type: string, id: string): string {
  return `/services/data/v62.0/sobjects/${type}/${id}`;
}

export type Seeded = ReturnType<typeof seed>;

/**
 * A small data set; "now" in the tests is Wednesday 2024-05-15 12:00 UTC.
 * Accounts: Acme, Globex (child of Acme), Initech (mostly empty), O'Hare 100% and a deleted one.
 */
export function seed(org: TestOrg) {
  const admin = org.insert('User', { Name: 'Admin', Email: 'admin@example.com', IsActive: 1 });
  const sam = org.insert('User', { Name: 'Sam Seller', Email: 'sam@example.com', IsActive: 1, ManagerId: admin });
  const olga = org.insert('User', { Name: 'Olga Old', Email: null, IsActive: 0, ManagerId: admin });
  const queue = org.insert('Group', { Name: 'Support Queue', Type: 'Queue' });

  const acme = org.insert('Account', {
    Name: 'Acme',
    Industry: 'Energy',
    AnnualRevenue: 5000000,
    NumberOfEmployees: 120,
    Regions__c: 'EMEA;APAC',
    OwnerId: sam,
    LastActivityDate: '2024-05-10',
    CreatedDate: '2024-05-15T08:00:00.000Z',
  });
  const globex = org.insert('Account', {
    Name: 'Globex',
    Industry: 'Banking',
    AnnualRevenue: 250000.5,
    NumberOfEmployees: 40,
    Regions__c: 'AMER',
    OwnerId: admin,
    ParentId: acme,
    LastActivityDate: '2024-04-30',
    CreatedDate: '2024-05-14T23:30:00.000Z',
  });
  const initech = org.insert('Account', { Name: 'Initech', NumberOfEmployees: 7, OwnerId: olga });
  const ohare = org.insert('Account', {
    Name: "O'Hare 100%",
    Industry: 'Technology',
    AnnualRevenue: 10,
    Regions__c: 'APAC;AMER;EMEA',
    OwnerId: sam,
    LastActivityDate: '2024-05-16',
    CreatedDate: '2023-12-31T23:59:59.000Z',
  });
  const deletedAccount = org.insert('Account', { Name: 'Deleted Co', OwnerId: sam, IsDeleted: 1 });

  const smith = org.insert('Contact', {
    FirstName: 'John',
    LastName: 'Smith',
    Email: 'john@acme.com',
    Birthdate: '1980-02-29',
    AccountId: acme,
    OwnerId: sam,
  });
  const adams = org.insert('Contact', {
    FirstName: 'Ann',
    LastName: 'Adams',
    AccountId: acme,
    ReportsToId: smith,
    OwnerId: sam,
  });
  const zeta = org.insert('Contact', { LastName: 'Zeta', AccountId: acme, OwnerId: admin });
  const brown = org.insert('Contact', { FirstName: 'Bob', LastName: 'Brown', AccountId: globex, OwnerId: admin });
  const nobody = org.insert('Contact', { LastName: 'Nobody', OwnerId: admin });
  const ghost = org.insert('Contact', { LastName: 'Ghost', AccountId: acme, OwnerId: sam, IsDeleted: 1 });

  const deal1 = org.insert('Opportunity', {
    Name: 'Acme Deal 1',
    Amount: 1000,
    CloseDate: '2024-05-01',
    StageName: 'Closed Won',
    Probability: 100,
    AccountId: acme,
    OwnerId: sam,
  });
  const deal2 = org.insert('Opportunity', {
    Name: 'Acme Deal 2',
    Amount: 500,
    CloseDate: '2024-06-15',
    StageName: 'Prospecting',
    Probability: 10,
    AccountId: acme,
    OwnerId: sam,
  });
  const globexDeal = org.insert('Opportunity', {
    Name: 'Globex Deal',
    Amount: 2500,
    CloseDate: '2024-03-31',
    StageName: 'Qualification',
    Probability: 20,
    AccountId: globex,
    OwnerId: admin,
  });
  const looseDeal = org.insert('Opportunity', { Name: 'Loose Deal', StageName: 'Closed Lost', OwnerId: olga });

  const broken = org.insert('Case', { Subject: 'Broken', Status: 'New', AccountId: acme, OwnerId: queue });
  const slow = org.insert('Case', { Subject: 'Slow', Status: 'Closed', AccountId: globex, OwnerId: sam });

  const callAcme = org.insert('Task', {
    Subject: 'Call Acme',
    WhatId: acme,
    WhoId: smith,
    ActivityDate: '2024-05-15',
    OwnerId: sam,
  });
  const emailDeal = org.insert('Task', { Subject: 'Email deal', WhatId: deal1, OwnerId: sam });
  const orphanTask = org.insert('Task', { Subject: 'Orphan task', OwnerId: admin });

  return {
    admin,
    sam,
    olga,
    queue,
    acme,
    globex,
    initech,
    ohare,
    deletedAccount,
    smith,
    adams,
    zeta,
    brown,
    nobody,
    ghost,
    deal1,
    deal2,
    globexDeal,
    looseDeal,
    broken,
    slow,
    callAcme,
    emailDeal,
    orphanTask,
  };
}
