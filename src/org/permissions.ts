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

export const SYSTEM_PERMISSIONS: readonly SystemPermission[] = [
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

/**
 * Every system permission of a user, in one query over the profile and the assigned permission sets
 * (the profile's own set says what the profile says, and is left out).
 */
export function permissionsOf(ctx: OrgContext, userId: string): Permissions {
  const columns = (table: string) => SYSTEM_PERMISSIONS.map((p) => `${table}."${p}" AS "${p}"`).join(', ');
  const rows = ctx.db
    .prepare(
      `SELECT ${columns('p')} FROM "User" u JOIN "Profile" p ON p.Id = u.ProfileId WHERE u.Id = ?
       UNION ALL
       SELECT ${columns('s')} FROM "PermissionSetAssignment" a JOIN "PermissionSet" s ON s.Id = a.PermissionSetId
       WHERE a.AssigneeId = ? AND a.IsDeleted = 0 AND s.IsDeleted = 0 AND s.IsOwnedByProfile = 0`,
    )
    .all(userId, userId) as Record<SystemPermission, number | null>[];
  return new Set(SYSTEM_PERMISSIONS.filter((p) => rows.some((row) => Number(row[p]) === 1)));
}

// ---------------------------------------------------------------------------------------------
// Object permissions (read / edit per object), from ObjectPermissions rows

/** Read and edit on one object; edit implies read. */
export type ObjectAccess = { read: boolean; edit: boolean };

/** The profile whose users read but do not edit the objects that have no ObjectPermissions. */
export const READ_ONLY_PROFILE = 'Read Only';

/** Standard objects that ObjectPermissions covers (custom objects all are); others follow the profile alone. */
const PERMISSIONABLE_STANDARD = new Set(['account', 'contact', 'opportunity', 'case', 'contract', 'lead']);

export function isPermissionable(objectName: string): boolean {
  const name = objectName.toLowerCase();
  return name.endsWith('__c') || PERMISSIONABLE_STANDARD.has(name);
}

/** The user's access per object (from the ObjectPermissions of all their sets) and for the other objects. */
export type ObjectAccessTable = { defaults: ObjectAccess; byObject: ReadonlyMap<string, ObjectAccess> };

/**
 * A user's object access: the union of the ObjectPermissions rows of the permission sets assigned to
 * them, their profile's own set included (see profilePermissions.ts). Objects ObjectPermissions does
 * not cover (activities, files, setup) are read and edited by any user with a profile, read only
 * under the 'Read Only' profile.
 */
export function objectAccessOf(ctx: OrgContext, userId: string): ObjectAccessTable {
  const profile = ctx.db
    .prepare(`SELECT p.Name AS name FROM "User" u JOIN "Profile" p ON p.Id = u.ProfileId WHERE u.Id = ?`)
    .get(userId) as { name: string | null } | undefined;
  const defaults: ObjectAccess = {
    read: profile !== undefined,
    edit: profile !== undefined && profile.name !== READ_ONLY_PROFILE,
  };
  const rows = ctx.db
    .prepare(
      `SELECT o.SobjectType AS object, o.PermissionsRead AS read, o.PermissionsEdit AS edit
       FROM "ObjectPermissions" o JOIN "PermissionSetAssignment" a ON a.PermissionSetId = o.ParentId
       WHERE a.AssigneeId = ? AND a.IsDeleted = 0 AND o.IsDeleted = 0`,
    )
    .all(userId) as { object: string; read: number; edit: number }[];
  const byObject = new Map<string, ObjectAccess>();
  for (const row of rows) {
    const key = row.object.toLowerCase();
    const base = byObject.get(key) ?? { read: false, edit: false };
    byObject.set(key, { read: base.read || row.read === 1 || row.edit === 1, edit: base.edit || row.edit === 1 });
  }
  return { defaults, byObject };
}

/** One object's access from a user's table: none without a row for an object ObjectPermissions covers. */
export function accessTo(table: ObjectAccessTable, object: string): ObjectAccess {
  const key = object.toLowerCase();
  if (!isPermissionable(key)) return table.defaults;
  return table.byObject.get(key) ?? NO_ACCESS;
}

const NO_ACCESS: ObjectAccess = { read: false, edit: false };
