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

/** True when the user's profile or one of their permission sets grants `permission`. */
export function hasPermission(ctx: OrgContext, userId: string, permission: SystemPermission): boolean {
  const row = ctx.db
    .prepare(
      `SELECT 1 AS ok FROM "User" u JOIN "Profile" p ON p.Id = u.ProfileId WHERE u.Id = ? AND p."${permission}" = 1
       UNION ALL
       SELECT 1 FROM "PermissionSetAssignment" a JOIN "PermissionSet" s ON s.Id = a.PermissionSetId
       WHERE a.AssigneeId = ? AND a.IsDeleted = 0 AND s."${permission}" = 1
       LIMIT 1`,
    )
    .get(userId, userId);
  return row !== undefined;
}
