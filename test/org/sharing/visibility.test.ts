import { stopTestOrg } from '../../helpers/localOrg.js';
import { failure, names, startSharingOrg, type SharingOrg, type UserKey } from './fixture.js';

/**
 * Reads as each kind of user: query, child subquery, semi-join and retrieve see exactly the records
 * the sharing model grants (see fixture.ts for who holds what).
 */
describe('sharing: who reads what', () => {
  let s: SharingOrg;

  beforeAll(async () => {
    s = await startSharingOrg();
  });
  afterAll(() => stopTestOrg(s.org));

  type Expected = {
    accounts: string[];
    /** Contacts of Alpha through the child subquery (undefined: Alpha itself is invisible). */
    alphaContacts?: string[];
    /** Accounts with an opportunity the user sees (semi-join). */
    withDeals: string[];
    opportunities: string[];
    cases: string[];
  };

  const matrix: [UserKey | 'admin', Expected][] = [
    [
      'admin',
      {
        accounts: ['Alpha', 'Beta', 'Gamma'],
        alphaContacts: ['Alpha Contact'],
        withDeals: ['Alpha', 'Beta'],
        opportunities: ['Alpha Deal', 'Beta Deal'],
        cases: ['Alpha Case', 'Queued Case'],
      },
    ],
    [
      'owner',
      {
        accounts: ['Alpha'],
        alphaContacts: ['Alpha Contact'],
        withDeals: ['Alpha'],
        opportunities: ['Alpha Deal'],
        cases: ['Alpha Case'],
      },
    ],
    [
      // Above both reps in the role hierarchy: their records are the manager's.
      'manager',
      {
        accounts: ['Alpha', 'Beta', 'Gamma'],
        alphaContacts: ['Alpha Contact'],
        withDeals: ['Alpha', 'Beta'],
        opportunities: ['Alpha Deal', 'Beta Deal'],
        cases: ['Alpha Case'],
      },
    ],
    ['peer', { accounts: ['Beta'], withDeals: ['Beta'], opportunities: ['Beta Deal'], cases: [] }],
    [
      // Account team, Read on the account and (controlled by parent) its contacts, None on opportunities.
      'teamMember',
      { accounts: ['Alpha'], alphaContacts: ['Alpha Contact'], withDeals: [], opportunities: [], cases: [] },
    ],
    [
      // Opportunity team: the deal, and read on its account (implicit parent), not the account's contacts.
      'oppTeamMember',
      { accounts: ['Alpha'], alphaContacts: [], withDeals: ['Alpha'], opportunities: ['Alpha Deal'], cases: [] },
    ],
    [
      // Manual share: Edit on the account, Read on its opportunities.
      'shareUser',
      {
        accounts: ['Alpha'],
        alphaContacts: ['Alpha Contact'],
        withDeals: ['Alpha'],
        opportunities: ['Alpha Deal'],
        cases: [],
      },
    ],
    ['queueMember', { accounts: [], withDeals: [], opportunities: [], cases: ['Queued Case'] }],
    ['transferUser', { accounts: [], withDeals: [], opportunities: [], cases: [] }],
  ];

  describe.each(matrix)('%s', (user, expected) => {
    it('queries exactly the visible accounts, opportunities and cases', async () => {
      const conn = await s.as(user);
      expect(await names(conn, 'SELECT Name FROM Account')).toEqual(expected.accounts);
      expect(await names(conn, 'SELECT Name FROM Opportunity')).toEqual(expected.opportunities);
      expect(await names(conn, 'SELECT Subject FROM Case')).toEqual(expected.cases);
      const count = await conn.query('SELECT COUNT() FROM Account');
      expect(count.totalSize).toBe(expected.accounts.length);
    });

    it('filters child subqueries and semi-joins too', async () => {
      const conn = await s.as(user);
      const alpha = await conn.query<{ Contacts: { records: { LastName: string }[] } | null }>(
        "SELECT Name, (SELECT LastName FROM Contacts) FROM Account WHERE Name = 'Alpha'",
      );
      if (expected.alphaContacts === undefined) {
        expect(alpha.totalSize).toBe(0);
      } else {
        expect(alpha.totalSize).toBe(1);
        expect((alpha.records[0]!.Contacts?.records ?? []).map((c) => c.LastName)).toEqual(expected.alphaContacts);
      }
      expect(await names(conn, 'SELECT Name FROM Account WHERE Id IN (SELECT AccountId FROM Opportunity)')).toEqual(
        expected.withDeals,
      );
    });

    it('retrieves visible records and answers 404 NOT_FOUND for the others', async () => {
      const conn = await s.as(user);
      const visible = expected.accounts.includes('Alpha');
      const retrieve = conn.sobject('Account').retrieve(s.ids.accountA);
      if (visible) {
        expect((await retrieve).Name).toBe('Alpha');
      } else {
        const error = await failure(retrieve);
        expect(error.errorCode).toBe('NOT_FOUND');
      }
    });
  });

  it('reads an invisible parent through a lookup as null, and keeps the child', async () => {
    // The owner's contact reports to the peer's contact, which the owner cannot see.
    s.insert('Contact', {
      LastName: 'Reporter',
      AccountId: s.ids.accountA,
      OwnerId: s.users.owner,
      ReportsToId: s.ids.contactB,
    });
    const conn = await s.as('owner');
    const contacts = await conn.query<{ LastName: string; ReportsTo: { LastName: string } | null }>(
      "SELECT LastName, ReportsTo.LastName FROM Contact WHERE LastName = 'Reporter'",
    );
    expect(contacts.records.map((c) => [c.LastName, c.ReportsTo?.LastName ?? null])).toEqual([['Reporter', null]]);
    const admin = await (
      await s.as('admin')
    ).query<{ ReportsTo: { LastName: string } | null }>(
      "SELECT ReportsTo.LastName FROM Contact WHERE LastName = 'Reporter'",
    );
    expect(admin.records[0]!.ReportsTo?.LastName).toBe('Beta Contact');
  });

  it('gives read on an account to whoever owns one of its contacts (implicit parent access)', async () => {
    const cross = s.insert('Contact', { LastName: 'Cross', AccountId: s.ids.accountB, OwnerId: s.users.teamMember });
    try {
      const conn = await s.as('teamMember');
      expect(await names(conn, 'SELECT Name FROM Account')).toEqual(['Alpha', 'Beta']);
      // Read on Beta only: neither its other contacts nor edit come with it.
      expect(await names(conn, `SELECT LastName FROM Contact WHERE AccountId = '${s.ids.accountB}'`)).toEqual([
        'Cross',
      ]);
      const error = await failure(conn.sobject('Account').update({ Id: s.ids.accountB, Name: 'Beta (team)' }));
      expect(error.errorCode).toBe('INSUFFICIENT_ACCESS_OR_READONLY');
    } finally {
      s.org.store.hardDelete('Contact', cross, { userId: s.users.manager }, { system: true });
    }
  });

  it('treats a contact without an account as private to its owner', async () => {
    const orphan = s.insert('Contact', { LastName: 'Orphan', OwnerId: s.users.owner });
    expect(await names(await s.as('owner'), `SELECT LastName FROM Contact WHERE Id = '${orphan}'`)).toEqual(['Orphan']);
    expect(await names(await s.as('teamMember'), `SELECT LastName FROM Contact WHERE Id = '${orphan}'`)).toEqual([]);
    expect(await names(await s.as('manager'), `SELECT LastName FROM Contact WHERE Id = '${orphan}'`)).toEqual([
      'Orphan',
    ]);
  });

  it('lets View All Data read everything, and only read', async () => {
    const set = s.insert('PermissionSet', { Name: 'View_All', Label: 'View All', PermissionsViewAllData: true });
    const assignment = s.insert('PermissionSetAssignment', { AssigneeId: s.users.peer, PermissionSetId: set });
    try {
      const conn = await s.as('peer');
      expect(await names(conn, 'SELECT Name FROM Account')).toEqual(['Alpha', 'Beta', 'Gamma']);
      const error = await failure(conn.sobject('Account').update({ Id: s.ids.accountA, Name: 'Alpha (peer)' }));
      expect(error.errorCode).toBe('INSUFFICIENT_ACCESS_OR_READONLY');
    } finally {
      s.org.store.delete('PermissionSetAssignment', assignment, { userId: s.users.manager }, { system: true });
    }
    expect(await names(await s.as('peer'), 'SELECT Name FROM Account')).toEqual(['Beta']);
  });

  it('follows the Organization OWD: Public Read Only accounts are readable by all, editable by none', async () => {
    const org = s.org.ctx.db.prepare('SELECT Id FROM "Organization"').get() as { Id: string };
    const admin = { userId: s.users.manager };
    s.org.store.update('Organization', org.Id, { DefaultAccountAccess: 'Read' }, admin, { system: true });
    try {
      const conn = await s.as('peer');
      expect(await names(conn, 'SELECT Name FROM Account')).toEqual(['Alpha', 'Beta', 'Gamma']);
      // Contacts follow their account (controlled by parent): readable too.
      expect(await names(conn, 'SELECT LastName FROM Contact')).toEqual(
        expect.arrayContaining(['Alpha Contact', 'Beta Contact']),
      );
      const error = await failure(conn.sobject('Account').update({ Id: s.ids.accountA, Name: 'Alpha (peer)' }));
      expect(error.errorCode).toBe('INSUFFICIENT_ACCESS_OR_READONLY');
    } finally {
      s.org.store.update('Organization', org.Id, { DefaultAccountAccess: 'None' }, admin, { system: true });
    }
    expect(await names(await s.as('peer'), 'SELECT Name FROM Account')).toEqual(['Beta']);
  });

  it('returns no rows of an object the profile cannot read', async () => {
    const conn = await s.as('noAccounts');
    expect(await names(conn, 'SELECT Name FROM Account')).toEqual([]);
  });

  it('filters sObject Collections retrieve: records the user cannot see come back null', async () => {
    const conn = await s.as('peer');
    const rows = await conn.sobject('Account').retrieve([s.ids.accountA, s.ids.accountB], { fields: ['Id', 'Name'] });
    expect(rows.map((r) => r?.Name ?? null)).toEqual([null, 'Beta']);
  });
});
