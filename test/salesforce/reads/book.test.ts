import { describe, expect, it } from '@jest/globals';
import { buildHandover } from '../../../src/core/build/index.js';
import { readBookOfBusiness, type ReadProgress } from '../../../src/salesforce/reads/index.js';
import { HandoverError } from '../../../src/salesforce/store/errors.js';
import { baseAnswer, DEPARTING, fakeOrg, id, objectOf, OTHER_USER, record, type Answer } from './fakeConnection.js';

const ACCOUNT_ID = id('001', 1);

function account(n: number, fields: Record<string, unknown> = {}): Record<string, unknown> {
  return record('Account', {
    Id: id('001', n),
    Name: `Account ${n}`,
    OwnerId: DEPARTING,
    Strategic__c: false,
    AccountContactRelations: null,
    ...fields,
  });
}

function contact(n: number, fields: Record<string, unknown> = {}): Record<string, unknown> {
  return record('Contact', {
    Id: id('003', n),
    AccountId: ACCOUNT_ID,
    Name: `Contact ${n}`,
    OwnerId: DEPARTING,
    ...fields,
  });
}

/** An org where the departing user owns `accounts` accounts with `contactsPer` contacts each. */
function bookOrg(
  accounts: number,
  contactsPer: number,
  extra: (object: string) => Answer | undefined = () => undefined,
) {
  const accountRows = Array.from({ length: accounts }, (_, i) => account(i + 1));
  const contactRows = Array.from({ length: accounts * contactsPer }, (_, i) =>
    contact(i + 1, { AccountId: id('001', (i % accounts) + 1) }),
  );
  return fakeOrg({
    answer: (object) =>
      extra(object) ??
      baseAnswer(object) ??
      (object === 'Account' ? accountRows : object === 'Contact' ? contactRows : undefined),
  });
}

describe('readBookOfBusiness: paging and API calls (fake org)', () => {
  it('follows every page past jsforce maxFetch and counts each page as one call', async () => {
    const org = bookOrg(4_500, 3); // 4,500 accounts (3 pages), 13,500 contacts (7 pages, past maxFetch 10,000)
    const { snapshot, stats } = await readBookOfBusiness(org.conn, DEPARTING, { today: '2026-06-15' });

    expect(snapshot.accounts).toHaveLength(4_500);
    expect(snapshot.contacts).toHaveLength(13_500);
    expect(new Set(snapshot.contacts.map((c) => c.Id)).size).toBe(13_500);
    expect(stats.rowsPerObject).toMatchObject({ Account: 4_500, Contact: 13_500, User: 1, UserLogin: 1 });

    const queryMores = org.log.filter((l) => l.startsWith('queryMore'));
    expect(queryMores).toHaveLength(2 + 6);
    // Every call the fake saw is counted, and nothing else.
    expect(stats.apiCalls).toBe(org.log.length);
  });

  it('stays within the budget: the sum over objects of ceil(rows / 2,000) plus 10', async () => {
    const org = bookOrg(4_500, 3);
    const { stats } = await readBookOfBusiness(org.conn, DEPARTING, { today: '2026-06-15', timeZone: 'Asia/Shanghai' });
    const lowerBound = Object.values(stats.rowsPerObject).reduce((sum, rows) => sum + Math.ceil(rows / 2000), 0);
    expect(stats.apiCalls).toBeLessThanOrEqual(lowerBound + 10);
    // No query per account: the number of queries does not depend on the number of accounts.
    const small = bookOrg(3, 1);
    const few = await readBookOfBusiness(small.conn, DEPARTING, { today: '2026-06-15', timeZone: 'Asia/Shanghai' });
    expect(stats.apiCalls - few.stats.apiCalls).toBe(2 + 6); // only the extra pages
  });

  it('builds every query with the departing Id as a quoted literal and one query per object', async () => {
    const org = bookOrg(2, 1);
    await readBookOfBusiness(org.conn, DEPARTING, { today: '2026-06-15' });
    const queries = org.queries();
    expect(queries.every((q) => !q.includes(`OwnerId = ${DEPARTING}`))).toBe(true);
    const contacts = queries.filter((q) => q.includes(' FROM Contact WHERE '));
    expect(contacts).toEqual([
      expect.stringContaining(`WHERE OwnerId = '${DEPARTING}' OR Account.OwnerId = '${DEPARTING}'`),
    ]);
    // No semi-join is combined with OR (Salesforce refuses it).
    for (const q of queries) expect(q.includes('IN (SELECT') && q.includes(' OR ')).toBe(false);
  });

  it('reports progress after every page', async () => {
    const org = bookOrg(2_500, 0);
    const steps: ReadProgress[] = [];
    await readBookOfBusiness(org.conn, DEPARTING, { today: '2026-06-15', onProgress: (s) => steps.push(s) });
    const accounts = steps.filter((s) => s.object === 'Account');
    expect(accounts.map((s) => s.rows)).toEqual([2000, 2500]);
    expect(accounts[1]!.calls).toBeGreaterThan(accounts[0]!.calls);
  });

  it('completes a child subquery that Salesforce cut into pages (nested nextRecordsUrl)', async () => {
    const opportunity = id('006', 1);
    const roles = (from: number, to: number) =>
      Array.from({ length: to - from }, (_, i) =>
        record('OpportunityContactRole', {
          Id: id('00K', from + i),
          OpportunityId: opportunity,
          ContactId: id('003', 1),
          Role: 'Influencer',
          IsPrimary: false,
        }),
      );
    const childUrl = '/services/data/v62.0/query/01gCHILD0001-200';
    const org = fakeOrg({
      answer: (object) =>
        baseAnswer(object) ??
        (object === 'Opportunity'
          ? [
              record('Opportunity', {
                Id: opportunity,
                AccountId: ACCOUNT_ID,
                Name: 'Big deal',
                StageName: 'Prospecting',
                OwnerId: DEPARTING,
                CreatedDate: '2026-01-01T00:00:00.000+0000',
                OpportunityContactRoles: {
                  totalSize: 250,
                  done: false,
                  nextRecordsUrl: childUrl,
                  records: roles(0, 200),
                },
                OpportunityHistories: null,
              }),
            ]
          : undefined),
      recorded: { [childUrl]: { totalSize: 250, done: true, records: roles(200, 250) } },
    });
    const { snapshot, stats } = await readBookOfBusiness(org.conn, DEPARTING, { today: '2026-06-15' });
    expect(snapshot.opportunityContactRoles).toHaveLength(250);
    expect(org.log).toContain(`queryMore ${childUrl}`);
    expect(stats.apiCalls).toBe(org.log.length);
  });
});

describe('readBookOfBusiness: rows (fake org)', () => {
  it('rejects a malformed row with an error naming the object, the record and the field', async () => {
    const bad = id('006', 7);
    const org = fakeOrg({
      answer: (object) =>
        baseAnswer(object) ??
        (object === 'Opportunity'
          ? [record('Opportunity', { Id: bad, Name: 'Deal', Amount: 'a lot', OwnerId: DEPARTING })]
          : undefined),
    });
    const error = await readBookOfBusiness(org.conn, DEPARTING, { today: '2026-06-15' }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(HandoverError);
    expect((error as HandoverError).code).toBe('INVALID_ROW');
    expect((error as HandoverError).message).toContain(`Opportunity ${bad}`);
    expect((error as HandoverError).message).toContain('Amount');
    expect((error as HandoverError).data).toMatchObject({ object: 'Opportunity', field: 'Amount', recordId: bad });
  });

  it('rejects a row of a child subquery naming the child object', async () => {
    const org = fakeOrg({
      answer: (object) =>
        baseAnswer(object) ??
        (object === 'Account'
          ? [
              account(1, {
                AccountContactRelations: {
                  totalSize: 1,
                  done: true,
                  records: [{ Id: id('07k', 1), AccountId: ACCOUNT_ID, ContactId: id('003', 1), IsDirect: 'yes' }],
                },
              }),
            ]
          : undefined),
    });
    await expect(readBookOfBusiness(org.conn, DEPARTING, { today: '2026-06-15' })).rejects.toMatchObject({
      code: 'INVALID_ROW',
      data: { object: 'AccountContactRelation', field: 'IsDirect' },
    });
  });

  it('lets rows that break assumptions through: no names, no owners, no account, huge and emoji text', async () => {
    const huge = '长'.repeat(100_000);
    const org = fakeOrg({
      answer: (object, soql) => {
        const base = baseAnswer(object);
        if (base) return base;
        switch (object) {
          case 'Account':
            if (soql.includes('WHERE Id IN')) return []; // a deleted account: not there any more
            return [
              // No name, no owner fields beyond Id, no strategic flag, no relations key at all.
              record('Account', { Id: ACCOUNT_ID, Name: null, OwnerId: DEPARTING, Description: huge }),
              account(2, {
                Name: '阿杰🔥 贸易',
                AccountContactRelations: {
                  totalSize: 2,
                  done: true,
                  records: [
                    {
                      Id: id('07k', 1),
                      AccountId: id('001', 2),
                      ContactId: id('003', 1),
                      Roles: 'Decision Maker;;Influencer ',
                    },
                    {
                      Id: id('07k', 2),
                      AccountId: id('001', 2),
                      ContactId: id('003', 1),
                      Roles: null,
                      IsActive: false,
                    },
                  ],
                },
              }),
            ];
          case 'Contact':
            return [
              contact(1, { Name: null, AccountId: null }), // a contact without an account
              contact(2, { OwnerId: null, AccountId: id('001', 99) }), // a deleted parent account
            ];
          case 'Opportunity':
            return [
              record('Opportunity', {
                Id: id('006', 1),
                AccountId: ACCOUNT_ID,
                Name: null,
                StageName: null,
                Amount: null,
                Probability: null,
                OwnerId: DEPARTING,
                CreatedDate: '2026-01-01T00:00:00.000+0000',
                OpportunityContactRoles: {
                  totalSize: 2,
                  done: true,
                  records: [
                    { Id: id('00K', 1), OpportunityId: id('006', 1), ContactId: id('003', 1), Role: 'Decision Maker' },
                    { Id: id('00K', 2), OpportunityId: id('006', 1), ContactId: id('003', 1), Role: 'Decision Maker' },
                  ],
                },
                OpportunityHistories: null,
              }),
            ];
          case 'Case':
            return [
              // Booleans missing (an old org), owner a queue.
              record('Case', { Id: id('500', 1), AccountId: ACCOUNT_ID, OwnerId: '00G000000000001AAA' }),
              // On an account deleted since.
              record('Case', { Id: id('500', 2), AccountId: id('001', 99), OwnerId: DEPARTING, Subject: 'Old' }),
            ];
          case 'Task':
            return [record('Task', { Id: id('00T', 1), Subject: '📞 回访', OwnerId: DEPARTING, IsClosed: true })];
          case 'Event':
            return [
              record('Event', { Id: id('00U', 1), StartDateTime: '2026-06-20T02:00:00.000+0000', OwnerId: DEPARTING }),
            ];
          default:
            return undefined;
        }
      },
    });
    const { snapshot } = await readBookOfBusiness(org.conn, DEPARTING, { today: '2026-06-15' });

    expect(snapshot.accounts[0]).toMatchObject({ Name: null, Strategic: false, Description: huge });
    expect(snapshot.accounts[1]!.Name).toBe('阿杰🔥 贸易');
    expect(snapshot.accountContactRelations.map((r) => [r.Roles, r.IsActive, r.IsDirect])).toEqual([
      [['Decision Maker', 'Influencer'], true, false],
      [[], false, false],
    ]);
    expect(snapshot.contacts.map((c) => [c.Name, c.AccountId, c.OwnerId])).toEqual([
      [null, null, DEPARTING],
      ['Contact 2', id('001', 99), null],
    ]);
    expect(snapshot.opportunities[0]).toMatchObject({ Name: null, StageName: '', Amount: null, IsClosed: false });
    expect(snapshot.opportunityContactRoles).toHaveLength(2); // duplicates kept: the core de-duplicates roles
    expect(snapshot.cases[0]).toMatchObject({ IsClosed: false, IsEscalated: false, CreatedDate: '' });
    expect(snapshot.accounts).toHaveLength(2); // the deleted account was looked for, and is not invented
    expect(snapshot.activities.map((a) => [a.kind, a.Subject, a.IsClosed])).toEqual([
      ['Task', '📞 回访', true],
      ['Event', null, false],
    ]);
    expect(snapshot.departing).toMatchObject({ Id: DEPARTING, IsFrozen: true });

    // The core turns all of it into a handover (and gaps), without throwing.
    const build = buildHandover(snapshot);
    expect(build.counts.Account).toBe(2);
    expect(build.unassignedRecords.map((r) => r.reason)).toEqual(
      expect.arrayContaining(['no_account', 'account_not_visible']),
    );
  });

  it('reads Strategic__c when the org has it, and falls back (once per connection) when it has not', async () => {
    const withField = fakeOrg({
      answer: (object) =>
        baseAnswer(object) ?? (object === 'Account' ? [account(1, { Strategic__c: true })] : undefined),
    });
    const first = await readBookOfBusiness(withField.conn, DEPARTING, { today: '2026-06-15' });
    expect(first.snapshot.accounts[0]!.Strategic).toBe(true);

    const withoutField = fakeOrg({
      answer: (object, soql) => {
        if (object === 'Account' && soql.includes('Strategic__c')) {
          return {
            error: { errorCode: 'INVALID_FIELD', message: "No such column 'Strategic__c' on entity 'Account'." },
          };
        }
        return baseAnswer(object) ?? (object === 'Account' ? [account(1, { Strategic__c: undefined })] : undefined);
      },
    });
    const second = await readBookOfBusiness(withoutField.conn, DEPARTING, { today: '2026-06-15' });
    expect(second.snapshot.accounts).toHaveLength(1);
    expect(second.snapshot.accounts[0]!.Strategic).toBe(false);
    const accountQueries = () => withoutField.queries().filter((q) => objectOf(q) === 'Account').length;
    expect(accountQueries()).toBe(2);
    await readBookOfBusiness(withoutField.conn, DEPARTING, { today: '2026-06-15' });
    expect(accountQueries()).toBe(3); // the second read knows: no failed query again
  });

  it('reads other owner-bearing objects found by describeGlobal, skipping objects without OwnerId', async () => {
    const org = fakeOrg({
      sobjects: [
        { name: 'Account', queryable: true, custom: false },
        { name: 'Lead', queryable: true, custom: false },
        { name: 'Campaign', queryable: true, custom: false },
        { name: 'Project__c', queryable: true, custom: true },
        { name: 'Milestone__c', queryable: true, custom: true }, // master-detail: no OwnerId
        { name: 'Handover__c', queryable: true, custom: true }, // the product's own object
        { name: 'Setting__mdt', queryable: true, custom: true },
        { name: 'Hidden__c', queryable: false, custom: true },
      ],
      describe: { Milestone__c: ['Id', 'Name', 'Project__c'] },
      answer: (object, soql) => {
        const base = baseAnswer(object);
        if (base) return base;
        if (object === 'Milestone__c') {
          return {
            error: { errorCode: 'INVALID_FIELD', message: "No such column 'OwnerId' on entity 'Milestone__c'." },
          };
        }
        if (object === 'Lead') return [record('Lead', { Id: id('00Q', 1), Name: 'Li Lei' })];
        if (object === 'Project__c') {
          expect(soql).toContain(`FROM Project__c WHERE OwnerId = '${DEPARTING}'`);
          return [record('Project__c', { Id: id('a00', 1), Name: 'Rollout' })];
        }
        return undefined;
      },
    });
    const { snapshot, stats } = await readBookOfBusiness(org.conn, DEPARTING, { today: '2026-06-15' });
    expect(snapshot.otherOwned).toEqual([
      { Id: id('00Q', 1), objectType: 'Lead', Name: 'Li Lei' },
      { Id: id('a00', 1), objectType: 'Project__c', Name: 'Rollout' },
    ]);
    expect(stats.skippedObjects).toEqual([{ object: 'Milestone__c', reason: 'no OwnerId' }]);
    expect(org.queries().some((q) => /FROM (Handover__c|Setting__mdt|Hidden__c)/.test(q))).toBe(false);
    expect(org.log.filter((l) => l.startsWith('describe '))).toEqual(['describe Milestone__c']);
  });

  it("fetches by Id the accounts and contacts the user's records point at but the queries could not reach", async () => {
    const foreignAccount = id('001', 50);
    const indirectContact = id('003', 77);
    const org = fakeOrg({
      answer: (object, soql) => {
        const base = baseAnswer(object);
        if (base) return base;
        if (object === 'Account' && soql.includes('WHERE Id IN')) {
          expect(soql).toContain(`Id IN ('${foreignAccount}')`);
          return [account(50, { OwnerId: OTHER_USER })];
        }
        if (object === 'Contact' && soql.includes('WHERE Id IN')) {
          return [contact(77, { AccountId: foreignAccount, OwnerId: OTHER_USER })];
        }
        if (object === 'Account') {
          return [
            account(1, {
              AccountContactRelations: {
                totalSize: 1,
                done: true,
                records: [{ Id: id('07k', 1), AccountId: ACCOUNT_ID, ContactId: indirectContact, IsDirect: false }],
              },
            }),
          ];
        }
        if (object === 'Case') {
          return [record('Case', { Id: id('500', 1), AccountId: foreignAccount, OwnerId: DEPARTING, IsClosed: false })];
        }
        return undefined;
      },
    });
    // Given in 15 characters: rows carry 18, and the read still recognises the user's own records.
    const { snapshot, stats } = await readBookOfBusiness(org.conn, DEPARTING.slice(0, 15), { today: '2026-06-15' });
    expect(snapshot.accounts.map((a) => a.Id)).toEqual([ACCOUNT_ID, foreignAccount]);
    expect(snapshot.contacts.map((c) => c.Id)).toEqual([indirectContact]);
    expect(stats.rowsPerObject).toMatchObject({ Account: 2, Contact: 1 });
    expect(buildHandover(snapshot).accounts.map((a) => [a.accountId, a.ownedByDeparting])).toEqual([
      [ACCOUNT_ID, true],
      [foreignAccount, false],
    ]);
  });

  it('fails with DEPARTING_NOT_FOUND for an unknown user, and refuses a malformed Id before any call', async () => {
    const org = fakeOrg({ answer: (object) => (object === 'User' ? [] : undefined) });
    await expect(readBookOfBusiness(org.conn, DEPARTING)).rejects.toMatchObject({ code: 'DEPARTING_NOT_FOUND' });
    const untouched = fakeOrg({ answer: () => undefined });
    await expect(readBookOfBusiness(untouched.conn, "005' OR Name != '")).rejects.toThrow(TypeError);
    expect(untouched.log).toEqual([]);
  });

  it('reads the handover notes of an existing handover', async () => {
    const handover = id('a01', 1);
    const org = fakeOrg({
      answer: (object, soql) => {
        if (object !== 'Handover_Contact__c') return baseAnswer(object);
        expect(soql).toContain(`WHERE Handover__c = '${handover}'`);
        return [
          record('Handover_Contact__c', {
            Id: id('a02', 1),
            Contact__c: id('003', 1),
            Decision_Role__c: 'Decision_Maker',
            Cares_About__c: '性价比',
          }),
          record('Handover_Contact__c', { Id: id('a02', 2), Contact__c: null }),
        ];
      },
    });
    const { snapshot } = await readBookOfBusiness(org.conn, DEPARTING, { today: '2026-06-15', handoverId: handover });
    expect(snapshot.contactNotes).toEqual([
      {
        contactId: id('003', 1),
        decisionRole: 'Decision_Maker',
        stance: null,
        caresAbout: '性价比',
        preferredChannel: null,
        preferredTimes: null,
        topicsToAvoid: null,
        reportsToId: null,
        notes: null,
      },
    ]);
  });
});
