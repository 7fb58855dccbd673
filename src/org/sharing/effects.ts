import { revokeUserSessions } from '../auth/index.js';
import type { OrgContext } from '../context.js';
import { quoteIdent, statement } from '../db.js';
import type { Row } from '../derived.js';
import type { SObjectDef } from '../schema/types.js';
import { shareTableOf } from './model.js';

/**
 * What a saved write sets off besides itself: an owner change drops the record's manual shares and,
 * as the API does by default, its team; freezing or deactivating a user ends their sessions.
 */

/**
 * Teams an API owner change deletes: KeepAccountTeam and KeepSalesTeam default to false and REST has
 * no header to set them (salesforce-mechanics §1.3: account teams since Winter '21, OwnerChangeOptions).
 */
const TEAMS: Record<string, { table: string; parentField: string }> = {
  Account: { table: 'AccountTeamMember', parentField: 'AccountId' },
  Opportunity: { table: 'OpportunityTeamMember', parentField: 'OpportunityId' },
};

export function afterSave(ctx: OrgContext, obj: SObjectDef, before: Row | undefined, row: Row): void {
  if (before?.OwnerId !== undefined && before.OwnerId !== row.OwnerId) {
    dropOwnerAccess(ctx, obj, String(row.Id));
  }
  if (obj.name === 'User' && before && Number(before.IsActive) === 1 && Number(row.IsActive) !== 1) {
    revokeUserSessions(ctx, String(row.Id));
  }
  if (obj.name === 'UserLogin' && Number(row.IsFrozen) === 1 && Number(before?.IsFrozen) !== 1 && row.UserId) {
    revokeUserSessions(ctx, String(row.UserId));
  }
}

/** Manual shares (RowCause Manual) go with the old owner; so does the team (hard deletes, no recycle bin). */
function dropOwnerAccess(ctx: OrgContext, obj: SObjectDef, id: string): void {
  for (const sql of ownerAccessDeletes(ctx, obj)) statement(ctx.db, sql).run(id);
}

const ownerAccessPlans = new WeakMap<SObjectDef, string[]>();

/** The DELETEs of an owner change for one record of `obj` (its Id is their only parameter). */
function ownerAccessDeletes(ctx: OrgContext, obj: SObjectDef): string[] {
  let plan = ownerAccessPlans.get(obj);
  if (!plan) {
    plan = [];
    const share = shareTableOf(ctx.schema, obj);
    if (share) {
      plan.push(
        `DELETE FROM ${quoteIdent(share.table)} WHERE ${quoteIdent(share.parentField)} = ? AND RowCause = 'Manual'`,
      );
    }
    const team = TEAMS[obj.name];
    if (team && ctx.schema.object(team.table)) {
      plan.push(`DELETE FROM ${quoteIdent(team.table)} WHERE ${quoteIdent(team.parentField)} = ?`);
    }
    ownerAccessPlans.set(obj, plan);
  }
  return plan;
}
