import type jsforce from 'jsforce';
import { parentLocks } from '../../../src/org/locks.js';
import { stopTestOrg } from '../../helpers/localOrg.js';
import { startSharingOrg, type SharingOrg } from '../sharing/fixture.js';

type SaveResult = { id: string | null; success: boolean; errors: { statusCode: string; message: string }[] };
type Row = Record<string, string>;

/** Result rows as plain CSV records. */
const rowsOf = (rows: unknown): Row[] => rows as Row[];

/**
 * Owner changes in batches (Bulk API 2.0 chunks, sObject Collections requests), as a handover writes
 * them: every row is checked and written on its own, in order, as the actor, with per-row errors,
 * and an owner change drops the record's manual shares and team.
 */
describe('owner changes in batches', () => {
  let s: SharingOrg;
  const poll = { pollInterval: 20, pollTimeout: 20_000 };

  beforeAll(async () => {
    s = await startSharingOrg();
  });
  afterAll(() => stopTestOrg(s.org));

  const db = () => s.org.ctx.db;
  const count = (sql: string, id: string) => Number((db().prepare(sql).get(id) as { n: number }).n);
  const teamOf = (id: string) => count('SELECT COUNT(*) AS n FROM "AccountTeamMember" WHERE AccountId = ?', id);
  const manualSharesOf = (id: string) =>
    count(`SELECT COUNT(*) AS n FROM "AccountShare" WHERE AccountId = ? AND RowCause = 'Manual'`, id);
  const stored = (id: string) =>
    db().prepare('SELECT OwnerId, LastModifiedById, LastModifiedDate FROM "Account" WHERE Id = ?').get(id) as Row;

  /** An account owned by `owner`, with a team member and a manual share. */
  function account(name: string): string {
    const id = s.insert('Account', { Name: name, OwnerId: s.users.owner, LastModifiedDate: '2020-01-01T00:00:00Z' });
    s.insert('AccountTeamMember', {
      AccountId: id,
      UserId: s.users.teamMember,
      AccountAccessLevel: 'Read',
      OpportunityAccessLevel: 'None',
      CaseAccessLevel: 'None',
      ContactAccessLevel: 'Read',
    });
    s.insert('AccountShare', {
      AccountId: id,
      UserOrGroupId: s.users.shareUser,
      AccountAccessLevel: 'Edit',
      OpportunityAccessLevel: 'None',
    });
    return id;
  }

  /** Rows of one batch: a transfer, the same record again, an inactive owner, an owner who cannot read, a record the actor may not edit. */
  function scenario(tag: string): { rows: { Id: string; OwnerId: string }[]; moved: string; kept: string[] } {
    const moved = account(`${tag} moved`);
    const inactiveOwner = account(`${tag} inactive owner`);
    const cannotRead = account(`${tag} cannot read`);
    return {
      rows: [
        { Id: moved, OwnerId: s.users.peer },
        // The first row gave the record away: the owner may no longer edit it.
        { Id: moved, OwnerId: s.users.manager },
        { Id: inactiveOwner, OwnerId: s.users.inactive },
        { Id: cannotRead, OwnerId: s.users.noAccounts },
        { Id: s.ids.accountB, OwnerId: s.users.owner },
      ],
      moved,
      kept: [inactiveOwner, cannotRead],
    };
  }

  const EXPECTED_CODES = [
    undefined,
    'INSUFFICIENT_ACCESS_OR_READONLY',
    'INACTIVE_OWNER_OR_USER',
    'TRANSFER_REQUIRES_READ',
    'INSUFFICIENT_ACCESS_OR_READONLY',
  ];

  function expectApplied(moved: string, kept: string[]): void {
    const row = stored(moved);
    expect(row.OwnerId).toBe(s.users.peer);
    expect(row.LastModifiedById).toBe(s.users.owner);
    expect(String(row.LastModifiedDate) > '2020-01-01T00:00:00.000Z').toBe(true);
    expect(teamOf(moved)).toBe(0);
    expect(manualSharesOf(moved)).toBe(0);
    for (const id of kept) {
      expect(stored(id)).toMatchObject({ OwnerId: s.users.owner, LastModifiedDate: '2020-01-01T00:00:00.000Z' });
      expect(teamOf(id)).toBe(1);
      expect(manualSharesOf(id)).toBe(1);
    }
    expect(stored(s.ids.accountB).OwnerId).toBe(s.users.peer);
  }

  it('checks and writes each row of a Bulk API job in order, as the job owner', async () => {
    const { rows, moved, kept } = scenario('Bulk');
    const conn: jsforce.Connection = await s.as('owner');
    const results = await conn.bulk2.loadAndWaitForResults({
      object: 'Account',
      operation: 'update',
      input: `Id,OwnerId\n${rows.map((r) => `${r.Id},${r.OwnerId}`).join('\n')}\n`,
      ...poll,
    });
    expect(rowsOf(results.successfulResults).map((r) => r.sf__Id)).toEqual([moved]);
    const failed = rowsOf(results.failedResults);
    expect(failed.map((r) => [r.sf__Id, r.sf__Error?.split(':')[0]])).toEqual(
      rows.slice(1).map((r, i) => [r.Id, EXPECTED_CODES[i + 1]]),
    );
    expect(failed[1]?.sf__Error).toBe(
      `INACTIVE_OWNER_OR_USER:operation performed with inactive user [${s.users.inactive}] as owner of account:OwnerId --`,
    );
    expectApplied(moved, kept);
  });

  it('checks and writes each record of an sObject Collections request in order', async () => {
    const { rows, moved, kept } = scenario('Collections');
    const conn = await s.as('owner');
    const results = await conn.requestPatch<SaveResult[]>('/composite/sobjects', {
      allOrNone: false,
      records: rows.map((r) => ({ attributes: { type: 'Account' }, id: r.Id, OwnerId: r.OwnerId })),
    });
    expect(results.map((r) => [r.id, r.success, r.errors[0]?.statusCode])).toEqual(
      rows.map((r, i) => [r.Id, i === 0, EXPECTED_CODES[i]]),
    );
    expectApplied(moved, kept);
  });

  it('rolls a whole collection back with allOrNone, shares and team included', async () => {
    const { rows, moved } = scenario('All or none');
    const conn = await s.as('owner');
    const results = await conn.requestPatch<SaveResult[]>('/composite/sobjects', {
      allOrNone: true,
      records: rows.map((r) => ({ attributes: { type: 'Account' }, id: r.Id, OwnerId: r.OwnerId })),
    });
    expect(results[0]?.errors[0]?.statusCode).toBe('ALL_OR_NONE_OPERATION_ROLLED_BACK');
    expect(stored(moved).OwnerId).toBe(s.users.owner);
    expect(teamOf(moved)).toBe(1);
    expect(manualSharesOf(moved)).toBe(1);
  });

  it('sees an owner deactivated earlier in the same batch', async () => {
    const admin = await s.as('admin');
    const leaving = (
      await admin.sobject('User').create({
        Username: 'batch.leaving@handover.local',
        LastName: 'Leaving',
        Alias: 'leaving',
        Email: 'batch.leaving@handover.local',
        ProfileId: (await admin.query<{ Id: string }>("SELECT Id FROM Profile WHERE Name = 'Standard User'"))
          .records[0]!.Id,
        LocaleSidKey: 'en_US',
        LanguageLocaleKey: 'en_US',
        EmailEncodingKey: 'UTF-8',
        TimeZoneSidKey: 'Asia/Shanghai',
      })
    ).id!;
    const first = account('Deactivation first');
    const second = account('Deactivation second');
    const results = await admin.requestPatch<SaveResult[]>('/composite/sobjects', {
      allOrNone: false,
      records: [
        { attributes: { type: 'Account' }, id: first, OwnerId: leaving },
        { attributes: { type: 'User' }, id: leaving, IsActive: false },
        { attributes: { type: 'Account' }, id: second, OwnerId: leaving },
      ],
    });
    expect(results.map((r) => r.errors[0]?.statusCode)).toEqual([undefined, undefined, 'INACTIVE_OWNER_OR_USER']);
    expect(stored(first).OwnerId).toBe(leaving);
    expect(stored(second).OwnerId).toBe(s.users.owner);
  });

  it('fails only the rows whose record lock is held elsewhere (UNABLE_TO_LOCK_ROW)', async () => {
    const free = account('Lock free');
    const held = account('Lock held');
    const { lockWaitMs } = s.org.ctx.settings;
    s.org.ctx.settings.lockWaitMs = 50;
    const lock = await parentLocks(s.org.ctx).acquire([held], 0);
    try {
      const conn = await s.as('owner');
      const results = await conn.bulk2.loadAndWaitForResults({
        object: 'Account',
        operation: 'update',
        input: `Id,OwnerId\n${free},${s.users.peer}\n${held},${s.users.peer}\n`,
        ...poll,
      });
      expect(rowsOf(results.successfulResults).map((r) => r.sf__Id)).toEqual([free]);
      expect(rowsOf(results.failedResults).map((r) => [r.sf__Id, r.sf__Error?.split(':')[0]])).toEqual([
        [held, 'UNABLE_TO_LOCK_ROW'],
      ]);
    } finally {
      lock.release();
      s.org.ctx.settings.lockWaitMs = lockWaitMs;
    }
    expect(stored(free).OwnerId).toBe(s.users.peer);
    expect(stored(held).OwnerId).toBe(s.users.owner);
    expect(teamOf(held)).toBe(1);
  });
});
