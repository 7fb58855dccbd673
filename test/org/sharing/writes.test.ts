import type jsforce from 'jsforce';
import { stopTestOrg } from '../../helpers/localOrg.js';
import { failure, startSharingOrg, type SharingOrg, type UserKey } from './fixture.js';

type SaveResult = { id: string | null; success: boolean; errors: { statusCode: string; message: string }[] };

/** PATCH one record through sObject Collections and return its SaveResult (errors come back per record). */
async function save(conn: jsforce.Connection, type: string, record: Record<string, unknown>): Promise<SaveResult> {
  const results = await conn.requestPatch<SaveResult[]>('/composite/sobjects', {
    allOrNone: false,
    records: [{ attributes: { type }, ...record }],
  });
  return results[0]!;
}

const denied = (result: SaveResult) => ({ success: result.success, code: result.errors[0]?.statusCode });

/**
 * Writes as each kind of user: edit, transfer and delete follow the access the sharing model grants,
 * with Salesforce's error codes; an owner change drops manual shares and the record's team.
 */
describe('sharing: who writes what', () => {
  let s: SharingOrg;

  beforeAll(async () => {
    s = await startSharingOrg();
  });
  afterAll(() => stopTestOrg(s.org));

  /** A fresh account owned by `owner` with the fixture's kinds of access on it. */
  function account(name: string): string {
    const id = s.insert('Account', { Name: name, OwnerId: s.users.owner });
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
    s.insert('AccountShare', {
      AccountId: id,
      UserOrGroupId: s.users.transferUser,
      AccountAccessLevel: 'Edit',
      OpportunityAccessLevel: 'None',
    });
    return id;
  }

  describe('edit', () => {
    const matrix: [UserKey | 'admin', boolean][] = [
      ['admin', true],
      ['owner', true],
      ['manager', true],
      ['peer', false],
      ['teamMember', false],
      ['oppTeamMember', false],
      ['shareUser', true],
      ['transferUser', true],
      ['readOnly', false],
      ['queueMember', false],
    ];
    it.each(matrix)('%s may edit the account: %s', async (user, allowed) => {
      const id = account(`Edit ${user}`);
      const result = await save(await s.as(user), 'Account', { id, Description: `edited by ${user}` });
      expect(denied(result)).toEqual(
        allowed ? { success: true, code: undefined } : { success: false, code: 'INSUFFICIENT_ACCESS_OR_READONLY' },
      );
    });

    it('answers a single-record PATCH to an invisible record with INSUFFICIENT_ACCESS_OR_READONLY, not NOT_FOUND', async () => {
      const error = await failure((await s.as('peer')).sobject('Account').update({ Id: s.ids.accountA, Name: 'x' }));
      expect(error.errorCode).toBe('INSUFFICIENT_ACCESS_OR_READONLY');
      expect(error.message).toBe('insufficient access rights on object id');
      // A record that does not exist at all is still NOT_FOUND.
      const missing = await failure(
        (await s.as('peer')).sobject('Account').update({ Id: '001000000000999AAA', Name: 'x' }),
      );
      expect(missing.errorCode).toBe('NOT_FOUND');
    });

    it('lets queue members edit the queue’s records and opportunity team members edit with Edit access', async () => {
      expect(denied(await save(await s.as('queueMember'), 'Case', { id: s.ids.caseQ, Status: 'Working' }))).toEqual({
        success: true,
        code: undefined,
      });
      expect(
        denied(await save(await s.as('oppTeamMember'), 'Opportunity', { id: s.ids.oppA, NextStep: 'Call' })),
      ).toEqual({ success: true, code: undefined });
      expect(denied(await save(await s.as('shareUser'), 'Opportunity', { id: s.ids.oppA, NextStep: 'Mail' }))).toEqual({
        success: false,
        code: 'INSUFFICIENT_ACCESS_OR_READONLY',
      });
    });
  });

  describe('transfer', () => {
    const matrix: [UserKey | 'admin', string][] = [
      ['admin', 'allowed'],
      ['owner', 'allowed'],
      ['manager', 'allowed'],
      ['peer', 'INSUFFICIENT_ACCESS_OR_READONLY'],
      ['teamMember', 'INSUFFICIENT_ACCESS_OR_READONLY'],
      // Edit through a share is not enough to change the owner...
      ['shareUser', 'INSUFFICIENT_ACCESS_OR_READONLY'],
      // ... Transfer Record plus edit access is.
      ['transferUser', 'allowed'],
    ];
    it.each(matrix)('%s changing the owner: %s', async (user, outcome) => {
      const id = account(`Transfer ${user}`);
      const result = await save(await s.as(user), 'Account', { id, OwnerId: s.users.peer });
      const allowed = outcome === 'allowed';
      expect(denied(result)).toEqual({ success: allowed, code: allowed ? undefined : outcome });
      const owner = s.org.ctx.db.prepare('SELECT OwnerId FROM "Account" WHERE Id = ?').get(id) as { OwnerId: string };
      expect(owner.OwnerId).toBe(allowed ? s.users.peer : s.users.owner);
    });

    it('refuses a new owner without read on the object (TRANSFER_REQUIRES_READ) and an inactive one', async () => {
      const conn = await s.as('owner');
      const id = account('Transfer checks');
      const noRead = await save(conn, 'Account', { id, OwnerId: s.users.noAccounts });
      expect(noRead.errors[0]).toMatchObject({
        statusCode: 'TRANSFER_REQUIRES_READ',
        message: 'The new owner must have read permission',
      });
      const inactive = await save(conn, 'Account', { id, OwnerId: s.users.inactive });
      expect(inactive.errors[0]?.statusCode).toBe('INACTIVE_OWNER_OR_USER');
    });

    it('lets Transfer Cases move cases the user can edit, and queue members take a queued case', async () => {
      const caseId = s.insert('Case', { Subject: 'Shared case', OwnerId: s.users.owner });
      s.insert('CaseShare', { CaseId: caseId, UserOrGroupId: s.users.caseTransfer, CaseAccessLevel: 'Edit' });
      expect(denied(await save(await s.as('caseTransfer'), 'Case', { id: caseId, OwnerId: s.users.peer }))).toEqual({
        success: true,
        code: undefined,
      });
      const queued = s.insert('Case', { Subject: 'Take me', OwnerId: s.ids.queue });
      const take = await save(await s.as('queueMember'), 'Case', { id: queued, OwnerId: s.users.queueMember });
      expect(take.success).toBe(true);
      // Transfer Cases does not transfer accounts.
      const id = account('Not a case');
      s.insert('AccountShare', {
        AccountId: id,
        UserOrGroupId: s.users.caseTransfer,
        AccountAccessLevel: 'Edit',
        OpportunityAccessLevel: 'None',
      });
      expect(denied(await save(await s.as('caseTransfer'), 'Account', { id, OwnerId: s.users.peer })).code).toBe(
        'INSUFFICIENT_ACCESS_OR_READONLY',
      );
    });

    it('drops the manual shares and the account team on an owner change, keeps other share causes', async () => {
      const id = account('Handed over');
      s.insert('AccountShare', {
        AccountId: id,
        UserOrGroupId: s.users.queueMember,
        AccountAccessLevel: 'Read',
        OpportunityAccessLevel: 'None',
        RowCause: 'Rule',
      });
      const admin = await s.as('admin');
      const rows = async () => ({
        shares: (
          await admin.query<{ RowCause: string }>(`SELECT RowCause FROM AccountShare WHERE AccountId = '${id}'`)
        ).records
          .map((r) => r.RowCause)
          .sort(),
        team: (await admin.query(`SELECT Id FROM AccountTeamMember WHERE AccountId = '${id}'`)).totalSize,
      });
      expect(await rows()).toEqual({ shares: ['Manual', 'Manual', 'Rule'], team: 1 });
      // Saving without an owner change keeps everything.
      await (await s.as('owner')).sobject('Account').update({ Id: id, Description: 'still mine' });
      expect(await rows()).toEqual({ shares: ['Manual', 'Manual', 'Rule'], team: 1 });

      await (await s.as('owner')).sobject('Account').update({ Id: id, OwnerId: s.users.peer });
      expect(await rows()).toEqual({ shares: ['Rule'], team: 0 });
      // The former owner, team member and share holder lost their access with them.
      for (const user of ['owner', 'teamMember', 'shareUser'] as const) {
        const error = await failure((await s.as(user)).sobject('Account').retrieve(id));
        expect(error.errorCode).toBe('NOT_FOUND');
      }
    });

    it('drops the opportunity team and manual opportunity shares on an opportunity owner change', async () => {
      const opp = s.insert('Opportunity', {
        Name: 'Team deal',
        AccountId: s.ids.accountA,
        OwnerId: s.users.owner,
        StageName: 'Prospecting',
        CloseDate: '2030-01-31',
      });
      s.insert('OpportunityTeamMember', {
        OpportunityId: opp,
        UserId: s.users.oppTeamMember,
        OpportunityAccessLevel: 'Edit',
      });
      s.insert('OpportunityShare', {
        OpportunityId: opp,
        UserOrGroupId: s.users.queueMember,
        OpportunityAccessLevel: 'Read',
      });
      await (await s.as('manager')).sobject('Opportunity').update({ Id: opp, OwnerId: s.users.peer });
      const admin = await s.as('admin');
      expect((await admin.query(`SELECT Id FROM OpportunityTeamMember WHERE OpportunityId = '${opp}'`)).totalSize).toBe(
        0,
      );
      expect((await admin.query(`SELECT Id FROM OpportunityShare WHERE OpportunityId = '${opp}'`)).totalSize).toBe(0);
    });
  });

  describe('children, shares, teams and deletes', () => {
    it('needs read on the parent account to create a child (INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY)', async () => {
      const owner = await s.as('owner');
      const error = await failure(owner.sobject('Contact').create({ LastName: 'Sneaky', AccountId: s.ids.accountB }));
      expect(error.errorCode).toBe('INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY');
      expect(error.message).toBe('insufficient access rights on cross-reference id');
      // Read is enough: the team member (Read on Alpha) may add an opportunity and a contact to it.
      const team = await s.as('teamMember');
      const opp = await team
        .sobject('Opportunity')
        .create({ Name: 'Team idea', AccountId: s.ids.accountA, StageName: 'Prospecting', CloseDate: '2030-02-01' });
      expect(opp.success).toBe(true);
      expect(
        (await team.sobject('Contact').create({ LastName: 'Team contact', AccountId: s.ids.accountA })).success,
      ).toBe(true);
      // Re-parenting an existing record checks the new parent too.
      const moved = await save(owner, 'Contact', { id: s.ids.contactA, AccountId: s.ids.accountB });
      expect(moved.errors[0]?.statusCode).toBe('INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY');
    });

    it('lets only full access share a record, and edit access change its team', async () => {
      const shareRow = {
        AccountId: s.ids.accountA,
        UserOrGroupId: s.users.peer,
        AccountAccessLevel: 'Read',
        OpportunityAccessLevel: 'None',
      };
      const byShareUser = await failure((await s.as('shareUser')).sobject('AccountShare').create(shareRow));
      expect(byShareUser.errorCode).toBe('INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY');
      const byOwner = await (await s.as('owner')).sobject('AccountShare').create(shareRow);
      expect(byOwner.success).toBe(true);
      const peer = await s.as('peer');
      expect((await peer.query(`SELECT Id FROM Account WHERE Id = '${s.ids.accountA}'`)).totalSize).toBe(1);

      const member = {
        AccountId: s.ids.accountA,
        UserId: s.users.queueMember,
        AccountAccessLevel: 'Read',
        OpportunityAccessLevel: 'None',
        CaseAccessLevel: 'None',
        ContactAccessLevel: 'None',
      };
      const byTeamMember = await failure((await s.as('teamMember')).sobject('AccountTeamMember').create(member));
      expect(byTeamMember.errorCode).toBe('INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY');
      expect((await (await s.as('shareUser')).sobject('AccountTeamMember').create(member)).success).toBe(true);
    });

    it('deletes only with full access: owner and above, not edit through a share', async () => {
      const id = account('Delete me');
      const byShare = await failure((await s.as('shareUser')).sobject('Account').destroy(id));
      expect(byShare.errorCode).toBe('INSUFFICIENT_ACCESS_OR_READONLY');
      const byPeer = await failure((await s.as('peer')).sobject('Account').destroy(id));
      expect(byPeer.errorCode).toBe('INSUFFICIENT_ACCESS_OR_READONLY');
      expect((await (await s.as('manager')).sobject('Account').destroy(id)).success).toBe(true);
    });

    it('refuses every write of a Read Only profile, even with an Edit share', async () => {
      const conn = await s.as('readOnly');
      expect((await conn.sobject('Account').retrieve(s.ids.accountA)).Name).toBe('Alpha');
      const edit = await failure(conn.sobject('Account').update({ Id: s.ids.accountA, Description: 'ro' }));
      expect(edit.errorCode).toBe('INSUFFICIENT_ACCESS_OR_READONLY');
      const create = await failure(conn.sobject('Account').create({ Name: 'Read only account' }));
      expect(create.errorCode).toBe('INSUFFICIENT_ACCESS_OR_READONLY');
    });

    it('reports per-record access errors in a collection and rolls back with allOrNone', async () => {
      const conn = await s.as('owner');
      const records = [
        { attributes: { type: 'Account' }, id: s.ids.accountA, Description: 'mine' },
        { attributes: { type: 'Account' }, id: s.ids.accountB, Description: 'not mine' },
      ];
      const partial = await conn.requestPatch<SaveResult[]>('/composite/sobjects', { allOrNone: false, records });
      expect(partial.map(denied)).toEqual([
        { success: true, code: undefined },
        { success: false, code: 'INSUFFICIENT_ACCESS_OR_READONLY' },
      ]);
      const all = await conn.requestPatch<SaveResult[]>('/composite/sobjects', { allOrNone: true, records });
      expect(all.map(denied)).toEqual([
        { success: false, code: 'ALL_OR_NONE_OPERATION_ROLLED_BACK' },
        { success: false, code: 'INSUFFICIENT_ACCESS_OR_READONLY' },
      ]);
    });
  });
});
