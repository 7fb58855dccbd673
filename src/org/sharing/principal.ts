import type { OrgContext } from '../context.js';
import { objectAccessOf, permissionsOf, type ObjectAccessTable, type Permissions } from '../permissions.js';

/**
 * Everything about a user that their access depends on, computed once and reused until a write to
 * users, roles, groups, profiles or permission sets invalidates it.
 */
export type Principal = {
  userId: string;
  permissions: Permissions;
  objects: ObjectAccessTable;
  /** The user and every user below them in the role hierarchy: their records, teams and shares are the user's. */
  users: readonly string[];
  /** Public groups and queues the user belongs to (directly, through nested groups, or as a boss of a member). */
  groups: readonly string[];
  /**
   * `users` as a SQL list of literals (`('005...', '005...')`). Literals, not a bound JSON array: the
   * planner then knows how few values there are and drives OwnerId / UserId lookups by index.
   */
  usersList: string;
  /** `users` and `groups` as a SQL list: who may own a record or hold a share on the user's behalf. */
  holdersList: string;
};

/** Users whose role is below the user's role (UserRole.ParentRoleId walked down). */
const SUBORDINATES = `
WITH RECURSIVE below(id) AS (
  SELECT r.Id FROM "UserRole" r
  WHERE r.ParentRoleId = (SELECT UserRoleId FROM "User" WHERE Id = ?) AND r.IsDeleted = 0
  UNION
  SELECT r.Id FROM "UserRole" r JOIN below b ON r.ParentRoleId = b.id WHERE r.IsDeleted = 0
)
SELECT u.Id AS id FROM "User" u WHERE u.UserRoleId IN (SELECT id FROM below) AND u.Id != ?`;

/**
 * Groups (public groups and queues) of the user: direct memberships, groups that contain a subordinate
 * and include bosses (Group.DoesIncludeBosses), and every group containing one of those.
 */
const GROUPS = `
WITH RECURSIVE member(id) AS (
  SELECT m.GroupId FROM "GroupMember" m WHERE m.UserOrGroupId = ? AND m.IsDeleted = 0
  UNION
  SELECT m.GroupId FROM "GroupMember" m JOIN "Group" g ON g.Id = m.GroupId
  WHERE m.UserOrGroupId IN (SELECT value FROM json_each(?)) AND m.IsDeleted = 0 AND g.DoesIncludeBosses = 1
  UNION
  SELECT m.GroupId FROM "GroupMember" m JOIN member ON m.UserOrGroupId = member.id WHERE m.IsDeleted = 0
)
SELECT member.id AS id FROM member JOIN "Group" g ON g.Id = member.id WHERE g.IsDeleted = 0`;

export function loadPrincipal(ctx: OrgContext, userId: string): Principal {
  const subordinates = (ctx.db.prepare(SUBORDINATES).all(userId, userId) as { id: string }[]).map((r) => r.id);
  const groups = (ctx.db.prepare(GROUPS).all(userId, JSON.stringify(subordinates)) as { id: string }[]).map(
    (r) => r.id,
  );
  const users = [userId, ...subordinates];
  return {
    userId,
    permissions: permissionsOf(ctx, userId),
    objects: objectAccessOf(ctx, userId),
    users,
    groups,
    usersList: sqlList(users),
    holdersList: sqlList([...users, ...groups]),
  };
}

/** Ids come from the database; anything else is refused rather than quoted. */
function sqlList(ids: string[]): string {
  for (const id of ids) if (!/^[A-Za-z0-9]{15,18}$/.test(id)) throw new Error(`Not a record Id: ${id}`);
  return `(${ids.map((id) => `'${id}'`).join(', ')})`;
}
