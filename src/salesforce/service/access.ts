/**
 * Module D, found in the org: the departing user's permission sets (beyond their profile) and their
 * queues and public groups, each a checklist line to hand over or revoke. Best effort: an org that
 * hides these setup objects from the signed-in user simply gives no lines (the templates remain).
 */
import { z } from 'zod';
import type { OrgConnection } from '../connection.js';
import { soqlId } from '../soql.js';
import { queryAll } from '../store/query.js';
import type { AccessLine } from './draft.js';

const assignmentRow = z.object({
  PermissionSetId: z.string(),
  PermissionSet: z
    .object({ Label: z.string().nullish(), Name: z.string().nullish(), IsOwnedByProfile: z.boolean().nullish() })
    .nullish(),
});
const memberRow = z.object({
  GroupId: z.string(),
  Group: z.object({ Name: z.string().nullish(), Type: z.string().nullish() }).nullish(),
});

export async function accessLines(conn: OrgConnection, userId: string): Promise<AccessLine[]> {
  const [sets, groups] = await Promise.all([permissionSets(conn, userId), groupsOf(conn, userId)]);
  return [...sets, ...groups];
}

async function permissionSets(conn: OrgConnection, userId: string): Promise<AccessLine[]> {
  try {
    const rows = await queryAll(
      conn,
      `SELECT PermissionSetId, PermissionSet.Label, PermissionSet.Name, PermissionSet.IsOwnedByProfile FROM PermissionSetAssignment WHERE AssigneeId = ${soqlId(userId)}`,
      assignmentRow,
      'permission set assignments',
    );
    return rows
      .filter((r) => r.PermissionSet?.IsOwnedByProfile !== true)
      .map((r) => ({
        objectType: 'PermissionSet',
        recordId: r.PermissionSetId,
        name: r.PermissionSet?.Label ?? r.PermissionSet?.Name ?? r.PermissionSetId,
      }));
  } catch {
    return [];
  }
}

async function groupsOf(conn: OrgConnection, userId: string): Promise<AccessLine[]> {
  try {
    const rows = await queryAll(
      conn,
      `SELECT GroupId, Group.Name, Group.Type FROM GroupMember WHERE UserOrGroupId = ${soqlId(userId)}`,
      memberRow,
      'group memberships',
    );
    return rows
      .filter((r) => r.Group?.Type === 'Queue' || r.Group?.Type === 'Regular')
      .map((r) => ({
        objectType: r.Group?.Type === 'Queue' ? 'Queue' : 'Group',
        recordId: r.GroupId,
        name: r.Group?.Name ?? r.GroupId,
      }));
  } catch {
    return [];
  }
}
