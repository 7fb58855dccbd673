/**
 * Profiles, permission sets and ObjectPermissions as Salesforce keeps them: each profile owns a
 * permission set holding its object permissions, each user is assigned their profile's set, and a
 * user's object access is the union of the rows of their sets. Checked over the API (jsforce), as
 * the product reads them to decide whether a successor can own the records.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type jsforce from 'jsforce';
import { ensureProfilePermissions, setObjectAccess } from '../../../src/org/profilePermissions.js';
import { startTestOrg, stopTestOrg } from '../../helpers/localOrg.js';
import { failure, names, startSharingOrg, type SharingOrg } from './fixture.js';

type SetRow = { Id: string; ProfileId: string | null; IsOwnedByProfile: boolean };
type PermissionRow = {
  ParentId: string;
  SobjectType: string;
  PermissionsRead: boolean;
  PermissionsEdit: boolean;
  PermissionsModifyAllRecords: boolean;
};

async function all<T extends Record<string, unknown>>(conn: jsforce.Connection, soql: string): Promise<T[]> {
  return (await conn.query<T>(soql)).records;
}

async function ownSetOfProfile(conn: jsforce.Connection, profileName: string): Promise<string> {
  const [set] = await all<SetRow>(
    conn,
    `SELECT Id, ProfileId, IsOwnedByProfile FROM PermissionSet WHERE IsOwnedByProfile = true AND Profile.Name = '${profileName}'`,
  );
  if (!set) throw new Error(`no set of ${profileName}`);
  return set.Id;
}

describe('object permissions (local org)', () => {
  let s: SharingOrg;
  let admin: jsforce.Connection;

  beforeAll(async () => {
    s = await startSharingOrg();
    admin = await s.as('admin');
  });
  afterAll(() => stopTestOrg(s?.org));

  it('gives every profile one permission set of its own, and assigns each user the set of their profile', async () => {
    const profiles = await all<{ Id: string }>(admin, 'SELECT Id FROM Profile');
    const owned = await all<SetRow>(
      admin,
      'SELECT Id, ProfileId, IsOwnedByProfile FROM PermissionSet WHERE IsOwnedByProfile = true',
    );
    expect(owned.map((o) => o.ProfileId).sort()).toEqual(profiles.map((p) => p.Id).sort());

    const users = await all<{ Id: string; ProfileId: string }>(admin, 'SELECT Id, ProfileId FROM User');
    const assignments = await all<{ AssigneeId: string; PermissionSet: { ProfileId: string } }>(
      admin,
      'SELECT AssigneeId, PermissionSet.ProfileId FROM PermissionSetAssignment WHERE PermissionSet.IsOwnedByProfile = true',
    );
    for (const user of users) {
      const mine = assignments.filter((a) => a.AssigneeId === user.Id);
      expect(mine.map((a) => a.PermissionSet.ProfileId)).toEqual([user.ProfileId]);
    }
  });

  it('answers the ObjectPermissions of a profile: read and edit, read only, or modify all', async () => {
    const rows = async (profile: string): Promise<PermissionRow[]> =>
      all<PermissionRow>(
        admin,
        `SELECT ParentId, SobjectType, PermissionsRead, PermissionsEdit, PermissionsModifyAllRecords FROM ObjectPermissions WHERE ParentId = '${await ownSetOfProfile(admin, profile)}' AND SobjectType IN ('Account', 'Opportunity', 'Handover__c')`,
      );
    const standard = await rows('Standard User');
    expect(standard.map((r) => [r.SobjectType, r.PermissionsRead, r.PermissionsEdit]).sort()).toEqual([
      ['Account', true, true],
      ['Handover__c', true, true],
      ['Opportunity', true, true],
    ]);
    expect((await rows('Read Only')).every((r) => r.PermissionsRead && !r.PermissionsEdit)).toBe(true);
    expect((await rows('System Administrator')).every((r) => r.PermissionsModifyAllRecords)).toBe(true);
    // A profile that may not read accounts has no Account row (Salesforce keeps no empty rows).
    expect((await rows('Contract Manager')).map((r) => r.SobjectType).sort()).toEqual(['Handover__c', 'Opportunity']);
  });

  it('grants read through a permission set that an admin gives an ObjectPermissions row over the API', async () => {
    const user = await s.as('noAccounts');
    s.insert('Account', { Name: 'Own Account', OwnerId: s.users.noAccounts });
    expect(await names(user, 'SELECT Name FROM Account')).toEqual([]);
    const set = await admin.sobject('PermissionSet').create({ Name: 'Account_Reader', Label: 'Account Reader' });
    const row = await admin
      .sobject('ObjectPermissions')
      .create({ ParentId: set.id, SobjectType: 'Account', PermissionsRead: true });
    await admin.sobject('PermissionSetAssignment').create({ AssigneeId: s.users.noAccounts, PermissionSetId: set.id });
    try {
      expect(await names(user, 'SELECT Name FROM Account')).toEqual(['Own Account']);
    } finally {
      await admin.sobject('ObjectPermissions').destroy(row.id ?? '');
    }
    expect(await names(user, 'SELECT Name FROM Account')).toEqual([]);
  });

  it('lets only a user manager write object permissions', async () => {
    const peer = await s.as('peer');
    const set = await ownSetOfProfile(admin, 'Standard User');
    const error = await failure(
      peer.sobject('ObjectPermissions').create({ ParentId: set, SobjectType: 'Lead', PermissionsRead: true }),
    );
    expect(error.errorCode).toBe('INSUFFICIENT_ACCESS_OR_READONLY');
  });

  it("moves a user's profile assignment to the new profile's set when their profile changes", async () => {
    const readOnly = (await all<{ Id: string }>(admin, "SELECT Id FROM Profile WHERE Name = 'Read Only'"))[0]!.Id;
    const standard = (await all<{ Id: string }>(admin, "SELECT Id FROM Profile WHERE Name = 'Standard User'"))[0]!.Id;
    const profileSets = async (): Promise<string[]> =>
      (
        await all<{ PermissionSet: { ProfileId: string } }>(
          admin,
          `SELECT PermissionSet.ProfileId FROM PermissionSetAssignment WHERE AssigneeId = '${s.users.shareUser}' AND PermissionSet.IsOwnedByProfile = true`,
        )
      ).map((a) => a.PermissionSet.ProfileId);
    await admin.sobject('User').update({ Id: s.users.shareUser, ProfileId: readOnly });
    try {
      expect(await profileSets()).toEqual([readOnly]);
    } finally {
      await admin.sobject('User').update({ Id: s.users.shareUser, ProfileId: standard });
    }
    expect(await profileSets()).toEqual([standard]);
  });
});

describe('object permissions of an org opened again', () => {
  it('keeps a row taken away, and moves the rows of the older local-org table over once', async () => {
    const org = await startTestOrg();
    const admin = await org.login();
    const actor = { userId: (await admin.identity()).user_id };
    const standard = await ownSetOfProfile(admin, 'Standard User');
    const profileId = (await all<{ Id: string }>(admin, "SELECT Id FROM Profile WHERE Name = 'Read Only'"))[0]!.Id;
    setObjectAccess(org.store, org.ctx, standard, 'Lead', { read: false, edit: false }, actor);
    // What an org written by an earlier version holds: a profile row that replaced its default.
    org.ctx.db.exec(
      'CREATE TABLE _object_permission (ParentId TEXT, SobjectType TEXT, PermissionsRead INTEGER, PermissionsEdit INTEGER)',
    );
    org.ctx.db.prepare('INSERT INTO _object_permission VALUES (?, ?, 0, 0)').run(profileId, 'Contract');
    await org.close();

    const again = await startTestOrg({ dataDir: org.dataDir });
    try {
      const conn = await again.login();
      const types = async (where: string): Promise<string[]> =>
        (await all<{ SobjectType: string }>(conn, `SELECT SobjectType FROM ObjectPermissions WHERE ${where}`)).map(
          (r) => r.SobjectType,
        );
      const standardTypes = await types(`ParentId = '${standard}'`);
      expect(standardTypes).toContain('Contract');
      expect(standardTypes).not.toContain('Lead'); // taken away, not given back
      const readOnlyTypes = await types(`Parent.ProfileId = '${profileId}'`);
      expect(readOnlyTypes).toContain('Lead');
      expect(readOnlyTypes).not.toContain('Contract'); // the older table's row: no access
      const legacy = again.ctx.db
        .prepare("SELECT COUNT(*) AS n FROM sqlite_master WHERE name = '_object_permission'")
        .get() as { n: number };
      expect(legacy.n).toBe(0);
      // Idempotent: nothing more to do.
      const before = again.ctx.db.prepare('SELECT COUNT(*) AS n FROM "ObjectPermissions"').get() as { n: number };
      ensureProfilePermissions(again.store, again.ctx, actor);
      expect(again.ctx.db.prepare('SELECT COUNT(*) AS n FROM "ObjectPermissions"').get()).toEqual(before);
    } finally {
      await stopTestOrg(again);
    }
  });
});
