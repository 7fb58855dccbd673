import type jsforce from 'jsforce';
import { setPassword } from '../../../src/org/auth/index.js';
import type { RecordInput } from '../../../src/org/records.js';
import { setObjectAccess } from '../../../src/org/profilePermissions.js';
import { SEED_PASSWORD } from '../../../src/org/seeds/empty.js';
import { startTestOrg, type TestOrg } from '../../helpers/localOrg.js';

/**
 * A small org for sharing tests, built on the `empty` seed with system writes:
 *
 *   CEO (admin)
 *   ├── Sales Manager (manager)
 *   │   └── Sales Rep (owner, peer, teamMember, oppTeamMember, readOnly)
 *   └── Support (shareUser, queueMember, transferUser, caseTransfer, userManager, noAccounts, inactive)
 *
 * Account A belongs to `owner` with contact cA, opportunity oA and case kA; account B and its
 * contact/opportunity belong to `peer`; account C to `manager`. `teamMember` is on A's account team
 * (Read, contacts Read, opportunities None), `oppTeamMember` on oA's team (Edit), `shareUser` holds a
 * manual AccountShare on A (Edit, opportunities Read), `readOnly` (profile Read Only) one too (Edit).
 * The queue `Support Queue` (member `queueMember`) owns case kQ.
 */
export type SharingOrg = {
  org: TestOrg;
  users: Record<UserKey, string>;
  ids: {
    accountA: string;
    accountB: string;
    accountC: string;
    contactA: string;
    contactB: string;
    oppA: string;
    oppB: string;
    caseA: string;
    caseQ: string;
    queue: string;
    shareA: string;
  };
  /** A jsforce connection logged in as the user (password login over HTTP), cached per user. */
  as(user: UserKey | 'admin'): Promise<jsforce.Connection>;
  /** A system write, as a seed would do it (no access checks). */
  insert(object: string, fields: RecordInput): string;
};

export const USER_KEYS = [
  'manager',
  'owner',
  'peer',
  'teamMember',
  'oppTeamMember',
  'readOnly',
  'shareUser',
  'queueMember',
  'transferUser',
  'caseTransfer',
  'userManager',
  'noAccounts',
  'inactive',
] as const;
export type UserKey = (typeof USER_KEYS)[number];

const SYSTEM = { system: true };

export async function startSharingOrg(): Promise<SharingOrg> {
  const org = await startTestOrg();
  const db = org.ctx.db;
  const one = (sql: string, ...params: string[]) => (db.prepare(sql).get(...params) as { Id: string }).Id;
  const adminId = one(`SELECT Id FROM "User" WHERE Username = 'admin@handover.local'`);
  const admin = { userId: adminId };
  const insert = (object: string, fields: RecordInput) => org.store.create(object, fields, admin, SYSTEM);
  const profile = (name: string) => one(`SELECT Id FROM "Profile" WHERE Name = ?`, name);

  const ceo = one(`SELECT Id FROM "UserRole" WHERE Name = 'CEO'`);
  const salesManager = insert('UserRole', { Name: 'Sales Manager', ParentRoleId: ceo });
  const salesRep = insert('UserRole', { Name: 'Sales Rep', ParentRoleId: salesManager });
  const support = insert('UserRole', { Name: 'Support', ParentRoleId: ceo });
  const noAccountsProfile = insert('Profile', {
    Name: 'Contract Manager',
    UserType: 'Standard',
    PermissionsApiEnabled: true,
  });
  setObjectAccess(org.store, org.ctx, noAccountsProfile, 'Account', { read: false, edit: false }, admin);

  const roleOf: Record<UserKey, string> = {
    manager: salesManager,
    owner: salesRep,
    peer: salesRep,
    teamMember: salesRep,
    oppTeamMember: salesRep,
    readOnly: salesRep,
    shareUser: support,
    queueMember: support,
    transferUser: support,
    caseTransfer: support,
    userManager: support,
    noAccounts: support,
    inactive: support,
  };
  const users = {} as Record<UserKey, string>;
  for (const key of USER_KEYS) {
    const username = `${key.toLowerCase()}@sharing.local`;
    const profileId =
      key === 'readOnly' ? profile('Read Only') : key === 'noAccounts' ? noAccountsProfile : profile('Standard User');
    users[key] = insert('User', {
      Username: username,
      LastName: key,
      Alias: key.slice(0, 8),
      Email: username,
      ProfileId: profileId,
      UserRoleId: roleOf[key],
      TimeZoneSidKey: 'Asia/Shanghai',
      LocaleSidKey: 'en_US',
      LanguageLocaleKey: 'en_US',
      EmailEncodingKey: 'UTF-8',
      IsActive: key !== 'inactive',
    });
    setPassword(org.ctx, users[key], SEED_PASSWORD);
  }
  grant(insert, users.transferUser, 'Transfer_Record', { PermissionsTransferAnyEntity: true });
  grant(insert, users.caseTransfer, 'Transfer_Cases', { PermissionsTransferAnyCase: true });
  grant(insert, users.userManager, 'User_Management', { PermissionsManageUsers: true });

  const accountA = insert('Account', { Name: 'Alpha', OwnerId: users.owner });
  const accountB = insert('Account', { Name: 'Beta', OwnerId: users.peer });
  const accountC = insert('Account', { Name: 'Gamma', OwnerId: users.manager });
  const contactA = insert('Contact', { LastName: 'Alpha Contact', AccountId: accountA, OwnerId: users.owner });
  const contactB = insert('Contact', { LastName: 'Beta Contact', AccountId: accountB, OwnerId: users.peer });
  const opp = (name: string, accountId: string, ownerId: string) =>
    insert('Opportunity', {
      Name: name,
      AccountId: accountId,
      OwnerId: ownerId,
      StageName: 'Prospecting',
      CloseDate: '2030-01-31',
    });
  const oppA = opp('Alpha Deal', accountA, users.owner);
  const oppB = opp('Beta Deal', accountB, users.peer);
  const caseA = insert('Case', { Subject: 'Alpha Case', AccountId: accountA, OwnerId: users.owner });

  insert('AccountTeamMember', {
    AccountId: accountA,
    UserId: users.teamMember,
    AccountAccessLevel: 'Read',
    OpportunityAccessLevel: 'None',
    CaseAccessLevel: 'None',
    ContactAccessLevel: 'Read',
  });
  insert('OpportunityTeamMember', { OpportunityId: oppA, UserId: users.oppTeamMember, OpportunityAccessLevel: 'Edit' });
  const shareA = insert('AccountShare', {
    AccountId: accountA,
    UserOrGroupId: users.shareUser,
    AccountAccessLevel: 'Edit',
    OpportunityAccessLevel: 'Read',
  });
  insert('AccountShare', {
    AccountId: accountA,
    UserOrGroupId: users.readOnly,
    AccountAccessLevel: 'Edit',
    OpportunityAccessLevel: 'None',
  });

  const queue = insert('Group', { Name: 'Support Queue', Type: 'Queue' });
  insert('QueueSobject', { QueueId: queue, SobjectType: 'Case' });
  insert('GroupMember', { GroupId: queue, UserOrGroupId: users.queueMember });
  const caseQ = insert('Case', { Subject: 'Queued Case', OwnerId: queue });

  const connections = new Map<string, jsforce.Connection>();
  return {
    org,
    users,
    ids: { accountA, accountB, accountC, contactA, contactB, oppA, oppB, caseA, caseQ, queue, shareA },
    insert,
    as: async (user) => {
      const cached = connections.get(user);
      if (cached) return cached;
      const conn = await org.login(user === 'admin' ? undefined : `${user.toLowerCase()}@sharing.local`);
      connections.set(user, conn);
      return conn;
    },
  };
}

function grant(insert: SharingOrg['insert'], userId: string, name: string, permissions: Record<string, boolean>): void {
  const set = insert('PermissionSet', { Name: name, Label: name.replace(/_/g, ' '), ...permissions });
  insert('PermissionSetAssignment', { AssigneeId: userId, PermissionSetId: set });
}

export type HttpError = Error & { errorCode?: string; statusCode?: number; data?: unknown };

/** The error a call fails with (the test fails when it succeeds). */
export async function failure(promise: PromiseLike<unknown>): Promise<HttpError> {
  try {
    await promise;
  } catch (error) {
    return error as HttpError;
  }
  throw new Error('expected the call to fail');
}

/** Names of the records a query returns, sorted. */
export async function names(conn: jsforce.Connection, soql: string): Promise<string[]> {
  const result = await conn.query<{ Name?: string; LastName?: string; Subject?: string }>(soql);
  return result.records.map((r) => r.Name ?? r.LastName ?? r.Subject ?? '').sort();
}
