import type { OrgContext } from './context.js';

/** System permissions the local org evaluates, as Profile / PermissionSet fields name them. */
export type SystemPermission =
  | 'PermissionsApiEnabled'
  | 'PermissionsViewAllData'
  | 'PermissionsModifyAllData'
  | 'PermissionsTransferAnyEntity'
  | 'PermissionsTransferAnyCase'
  | 'PermissionsTransferAnyLead'
  | 'PermissionsManageUsers';

const SYSTEM_PERMISSIONS: readonly SystemPermission[] = [
  'PermissionsApiEnabled',
  'PermissionsViewAllData',
  'PermissionsModifyAllData',
  'PermissionsTransferAnyEntity',
  'PermissionsTransferAnyCase',
  'PermissionsTransferAnyLead',
  'PermissionsManageUsers',
];

/** The system permissions a user holds through their profile and permission sets. */
export type Permissions = ReadonlySet<SystemPermission>;

/** True when the user's profile or one of their permission sets grants `permission`. */
export function hasPermission(ctx: OrgContext, userId: string, permission: SystemPermission): boolean {
  return permissionsOf(ctx, userId).has(permission);
}

/** Every system permission of a user, in one query over the profile and the assigned permission sets. */
export function permissionsOf(ctx: OrgContext, userId: string): Permissions {
  const columns = (table: string) => SYSTEM_PERMISSIONS.map((p) => `${table}."${p}" AS "${p}"`).join(', ');
  const rows = ctx.db
    .prepare(
      `SELECT ${columns('p')} FROM "User" u JOIN "Profile" p ON p.Id = u.ProfileId WHERE u.Id = ?
       UNION ALL
       SELECT ${columns('s')} FROM "PermissionSetAssignment" a JOIN "PermissionSet" s ON s.Id = a.PermissionSetId
       WHERE a.AssigneeId = ? AND a.IsDeleted = 0 AND s.IsDeleted = 0`,
    )
    .all(userId, userId) as Record<SystemPermission, number | null>[];
  return new Set(SYSTEM_PERMISSIONS.filter((p) => rows.some((row) => Number(row[p]) === 1)));
}

// ---------------------------------------------------------------------------------------------
// Object permissions (read / edit per object), modelled minimally

/** Read and edit on one object; edit implies read. */
export type ObjectAccess = { read: boolean; edit: boolean };

/**
 * The local org's minimal object permissions (Salesforce's ObjectPermissions, reduced to read and edit).
 * Without a row a profile has read and edit on every object, except the profile named 'Read Only', which
 * reads only. A row for a profile replaces that default for one object; a row for a permission set adds
 * to it. Tests and seeds write rows with `setObjectAccess`.
 */
export const OBJECT_PERMISSION_TABLE = `CREATE TABLE IF NOT EXISTS _object_permission (
  ParentId TEXT NOT NULL,
  SobjectType TEXT NOT NULL COLLATE NOCASE,
  PermissionsRead INTEGER NOT NULL,
  PermissionsEdit INTEGER NOT NULL,
  PRIMARY KEY (ParentId, SobjectType)
)`;

const READ_ONLY_PROFILE = 'Read Only';

/** Sets a profile's or permission set's access to one object (edit implies read). */
export function setObjectAccess(ctx: OrgContext, parentId: string, object: string, access: ObjectAccess): void {
  ctx.db.exec(OBJECT_PERMISSION_TABLE);
  ctx.db
    .prepare(
      `INSERT INTO _object_permission (ParentId, SobjectType, PermissionsRead, PermissionsEdit) VALUES (?, ?, ?, ?)
       ON CONFLICT (ParentId, SobjectType) DO UPDATE SET PermissionsRead = excluded.PermissionsRead,
       PermissionsEdit = excluded.PermissionsEdit`,
    )
    .run(parentId, object, access.read || access.edit ? 1 : 0, access.edit ? 1 : 0);
}

/** The user's access to every object that has a row, plus the profile default for the others. */
export type ObjectAccessTable = { defaults: ObjectAccess; byObject: ReadonlyMap<string, ObjectAccess> };

/** Needs the _object_permission table (the record store creates it). */
export function objectAccessOf(ctx: OrgContext, userId: string): ObjectAccessTable {
  const profile = ctx.db
    .prepare(`SELECT p.Id AS id, p.Name AS name FROM "User" u JOIN "Profile" p ON p.Id = u.ProfileId WHERE u.Id = ?`)
    .get(userId) as { id: string; name: string | null } | undefined;
  const readOnly = profile?.name === READ_ONLY_PROFILE;
  const defaults: ObjectAccess = { read: profile !== undefined, edit: profile !== undefined && !readOnly };
  const rows = ctx.db
    .prepare(
      `SELECT SobjectType AS object, PermissionsRead AS read, PermissionsEdit AS edit, ParentId = ? AS isProfile
       FROM _object_permission
       WHERE ParentId = ? OR ParentId IN (
         SELECT PermissionSetId FROM "PermissionSetAssignment" WHERE AssigneeId = ? AND IsDeleted = 0)
       ORDER BY isProfile DESC`,
    )
    .all(profile?.id ?? null, profile?.id ?? null, userId) as {
    object: string;
    read: number;
    edit: number;
    isProfile: number;
  }[];
  const byObject = new Map<string, ObjectAccess>();
  // Profile rows come first and replace the default; permission set rows only add.
  for (const row of rows) {
    const key = row.object.toLowerCase();
    const base = row.isProfile === 1 ? { read: false, edit: false } : (byObject.get(key) ?? defaults);
    byObject.set(key, { read: base.read || row.read === 1 || row.edit === 1, edit: base.edit || row.edit === 1 });
  }
  return { defaults, byObject };
}

/** One object's access from a user's table. */
export function accessTo(table: ObjectAccessTable, object: string): ObjectAccess {
  return table.byObject.get(object.toLowerCase()) ?? table.defaults;
}
