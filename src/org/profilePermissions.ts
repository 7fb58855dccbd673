import type { OrgContext } from './context.js';
import { selectRow, selectRows } from './db.js';
import { isPermissionable, READ_ONLY_PROFILE, SYSTEM_PERMISSIONS, type ObjectAccess } from './permissions.js';
import type { Actor, RecordStore } from './records.js';
import type { Row } from './derived.js';

/**
 * Profile-owned permission sets, as Salesforce keeps them: every profile has a permission set of its
 * own (IsOwnedByProfile, ProfileId) that holds its object permissions, and every user is assigned the
 * set of their profile (a PermissionSetAssignment that follows the user's profile). A new profile's
 * set reads every object ObjectPermissions covers and, unless the profile is 'Read Only', creates,
 * edits and deletes them too.
 */

const SYSTEM = { system: true } as const;

/** Which (set, object) pairs got their profile's default row once: a row taken away later stays away. */
const DEFAULTS_TABLE = `CREATE TABLE IF NOT EXISTS _profile_object_default (
  PermissionSetId TEXT NOT NULL,
  SobjectType TEXT NOT NULL COLLATE NOCASE,
  PRIMARY KEY (PermissionSetId, SobjectType)
)`;

/** The Id of the permission set a profile owns, if it has one yet. */
export function profileSetOf(ctx: OrgContext, profileId: string): string | undefined {
  const row = selectRow(
    ctx.db,
    'SELECT Id FROM "PermissionSet" WHERE ProfileId = ? AND IsOwnedByProfile = 1 AND IsDeleted = 0',
    profileId,
  );
  return row ? String(row.Id) : undefined;
}

/** After a profile is created: its own permission set, with the profile's object permissions. */
export function createProfileSet(store: RecordStore, ctx: OrgContext, profileId: string, actor: Actor): string {
  const profile = profileRow(ctx, profileId);
  const setId = store.create(
    'PermissionSet',
    {
      Name: `X${profileId}`,
      Label: profileId,
      IsOwnedByProfile: true,
      ProfileId: profileId,
      ...permissionsOfProfile(profile),
    },
    actor,
    SYSTEM,
  );
  addDefaultRows(store, ctx, setId, profile, actor);
  return setId;
}

/** After a profile's system permissions change: its set says the same. */
export function syncProfileSet(store: RecordStore, ctx: OrgContext, profileId: string, actor: Actor): void {
  const setId = profileSetOf(ctx, profileId);
  if (setId === undefined) return;
  store.update('PermissionSet', setId, permissionsOfProfile(profileRow(ctx, profileId)), actor, SYSTEM);
}

/** After a user is created or their profile changes: they are assigned their profile's set, and only that one. */
export function assignProfileSet(store: RecordStore, ctx: OrgContext, userId: string, actor: Actor): void {
  const user = selectRow(ctx.db, 'SELECT ProfileId FROM "User" WHERE Id = ?', userId);
  const setId = user?.ProfileId ? profileSetOf(ctx, String(user.ProfileId)) : undefined;
  const owned = selectRows(
    ctx.db,
    `SELECT a.Id AS Id, a.PermissionSetId AS PermissionSetId FROM "PermissionSetAssignment" a
     JOIN "PermissionSet" s ON s.Id = a.PermissionSetId
     WHERE a.AssigneeId = ? AND a.IsDeleted = 0 AND s.IsOwnedByProfile = 1`,
    userId,
  );
  let assigned = false;
  for (const row of owned) {
    if (row.PermissionSetId === setId && !assigned) {
      assigned = true;
      continue;
    }
    // Salesforce moves the user's profile assignment to the new profile's set: it is never deleted by hand.
    if (setId !== undefined && !assigned) {
      store.update('PermissionSetAssignment', String(row.Id), { PermissionSetId: setId }, actor, SYSTEM);
      assigned = true;
    } else {
      store.hardDelete('PermissionSetAssignment', String(row.Id), actor, SYSTEM);
    }
  }
  if (!assigned && setId !== undefined) {
    store.create('PermissionSetAssignment', { AssigneeId: userId, PermissionSetId: setId }, actor, SYSTEM);
  }
}

/**
 * Sets a permission set's access to one object (edit implies read; no access removes its row, as
 * Salesforce keeps no empty rows). `parentId` may name a profile: its own set is meant.
 */
export function setObjectAccess(
  store: RecordStore,
  ctx: OrgContext,
  parentId: string,
  object: string,
  access: ObjectAccess,
  actor: Actor,
): void {
  const setId = ctx.schema.objectForId(parentId)?.name === 'Profile' ? profileSetOf(ctx, parentId) : parentId;
  if (setId === undefined) throw new Error(`Profile ${parentId} has no permission set of its own`);
  const existing = selectRow(
    ctx.db,
    'SELECT Id FROM "ObjectPermissions" WHERE ParentId = ? AND SobjectType = ? COLLATE NOCASE AND IsDeleted = 0',
    setId,
    object,
  );
  const read = access.read || access.edit;
  if (!read) {
    if (existing) store.hardDelete('ObjectPermissions', String(existing.Id), actor, SYSTEM);
    return;
  }
  const fields = {
    PermissionsRead: true,
    PermissionsCreate: access.edit,
    PermissionsEdit: access.edit,
    PermissionsDelete: access.edit,
  };
  if (existing) store.update('ObjectPermissions', String(existing.Id), fields, actor, SYSTEM);
  else store.create('ObjectPermissions', { ParentId: setId, SobjectType: object, ...fields }, actor, SYSTEM);
}

/**
 * Brings an org's profiles, users and object permissions to the model above (idempotent; runs when the
 * org opens): a set for every profile, default rows for objects new to the schema, every user assigned
 * their profile's set. Rows of the older local-org table `_object_permission` move over once.
 */
export function ensureProfilePermissions(store: RecordStore, ctx: OrgContext, actor: Actor): void {
  if (!ctx.schema.object('ObjectPermissions')) return;
  ctx.db.exec(DEFAULTS_TABLE);
  const profiles = selectRows(ctx.db, 'SELECT Id FROM "Profile" WHERE IsDeleted = 0');
  for (const { Id } of profiles) {
    const profileId = String(Id);
    const setId = profileSetOf(ctx, profileId);
    if (setId === undefined) createProfileSet(store, ctx, profileId, actor);
    else addDefaultRows(store, ctx, setId, profileRow(ctx, profileId), actor);
  }
  const unassigned = selectRows(
    ctx.db,
    `SELECT u.Id AS Id FROM "User" u JOIN "PermissionSet" s ON s.ProfileId = u.ProfileId
     AND s.IsOwnedByProfile = 1 AND s.IsDeleted = 0
     WHERE u.IsDeleted = 0 AND NOT EXISTS (SELECT 1 FROM "PermissionSetAssignment" a
       WHERE a.AssigneeId = u.Id AND a.PermissionSetId = s.Id AND a.IsDeleted = 0)`,
  );
  for (const { Id } of unassigned) assignProfileSet(store, ctx, String(Id), actor);
  migrateLegacyRows(store, ctx, actor);
}

function permissionsOfProfile(profile: Row): Record<string, boolean> {
  return Object.fromEntries(SYSTEM_PERMISSIONS.map((f) => [f, Number(profile[f]) === 1]));
}

function profileRow(ctx: OrgContext, profileId: string): Row {
  const row = selectRow(ctx.db, 'SELECT * FROM "Profile" WHERE Id = ?', profileId);
  if (!row) throw new Error(`No profile ${profileId}`);
  return row;
}

/** The profile's default row for every object ObjectPermissions covers that this set has not had one for. */
function addDefaultRows(store: RecordStore, ctx: OrgContext, setId: string, profile: Row, actor: Actor): void {
  ctx.db.exec(DEFAULTS_TABLE);
  const done = new Set(
    selectRows(ctx.db, 'SELECT SobjectType FROM _profile_object_default WHERE PermissionSetId = ?', setId).map((r) =>
      String(r.SobjectType).toLowerCase(),
    ),
  );
  const edit = profile.Name !== READ_ONLY_PROFILE;
  const viewAll = Number(profile.PermissionsViewAllData) === 1 || Number(profile.PermissionsModifyAllData) === 1;
  const modifyAll = Number(profile.PermissionsModifyAllData) === 1;
  const mark = ctx.db.prepare('INSERT INTO _profile_object_default (PermissionSetId, SobjectType) VALUES (?, ?)');
  for (const obj of ctx.schema.objects.values()) {
    if (!isPermissionable(obj.name) || done.has(obj.name.toLowerCase())) continue;
    store.create(
      'ObjectPermissions',
      {
        ParentId: setId,
        SobjectType: obj.name,
        PermissionsRead: true,
        PermissionsCreate: edit,
        PermissionsEdit: edit,
        PermissionsDelete: edit,
        PermissionsViewAllRecords: viewAll,
        PermissionsModifyAllRecords: modifyAll,
      },
      actor,
      SYSTEM,
    );
    mark.run(setId, obj.name);
  }
}

/** Rows of `_object_permission` (a profile's row replaced its default, a set's row added to it) become ObjectPermissions. */
function migrateLegacyRows(store: RecordStore, ctx: OrgContext, actor: Actor): void {
  const legacy = selectRow(
    ctx.db,
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name = '_object_permission'",
  );
  if (!legacy) return;
  for (const row of selectRows(ctx.db, 'SELECT * FROM _object_permission')) {
    const access = { read: Number(row.PermissionsRead) === 1, edit: Number(row.PermissionsEdit) === 1 };
    setObjectAccess(store, ctx, String(row.ParentId), String(row.SobjectType), access, actor);
  }
  ctx.db.exec('DROP TABLE _object_permission');
}
