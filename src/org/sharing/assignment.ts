import type { OrgContext } from '../context.js';
import { statement } from '../db.js';
import type { Row } from '../derived.js';
import type { Actor } from '../records.js';
import type { SObjectDef } from '../schema/types.js';

/**
 * Assignment rules, reduced to what bites a handover: at most one rule per object (Case or Lead) that
 * routes every record it sees to one queue or user. Salesforce runs the active rule on API creates and
 * updates unless the request says `Sforce-Auto-Assign: FALSE`, so an owner the client set is silently
 * replaced. Seeds and tests define rules with `setAssignmentRule`; a new org has none.
 */
export const ASSIGNMENT_RULE_TABLE = `CREATE TABLE IF NOT EXISTS _assignment_rule (
  SobjectType TEXT PRIMARY KEY COLLATE NOCASE,
  TargetId TEXT NOT NULL,
  IsActive INTEGER NOT NULL DEFAULT 1
)`;

/** Objects whose assignment rules the org runs (territory rules on accounts are not modelled). */
const ASSIGNABLE = new Set(['Case', 'Lead']);

export type AssignmentRule = { object: string; targetId: string; active: boolean };

/** Defines (or replaces) the rule of an object: route to `targetId` (a queue or an active user). */
export function setAssignmentRule(ctx: OrgContext, rule: AssignmentRule): void {
  if (!ASSIGNABLE.has(rule.object))
    throw new Error(`Assignment rules exist for Case and Lead only, not ${rule.object}`);
  ctx.db.exec(ASSIGNMENT_RULE_TABLE);
  ctx.db
    .prepare(
      `INSERT INTO _assignment_rule (SobjectType, TargetId, IsActive) VALUES (?, ?, ?)
       ON CONFLICT (SobjectType) DO UPDATE SET TargetId = excluded.TargetId, IsActive = excluded.IsActive`,
    )
    .run(rule.object, rule.targetId, rule.active ? 1 : 0);
}

export function clearAssignmentRule(ctx: OrgContext, object: string): void {
  ctx.db.prepare('DELETE FROM _assignment_rule WHERE SobjectType = ?').run(object);
}

/**
 * Runs the object's active rule on a record being created or updated when the actor lets assignment
 * rules run. Returns true when it changed the owner.
 */
export function applyAssignmentRule(ctx: OrgContext, obj: SObjectDef, row: Row, actor: Actor): boolean {
  if (actor.autoAssign !== true || !ASSIGNABLE.has(obj.name)) return false;
  const rule = statement(
    ctx.db,
    'SELECT TargetId AS target FROM _assignment_rule WHERE SobjectType = ? AND IsActive = 1',
  ).get(obj.name) as { target: string } | undefined;
  if (!rule || row.OwnerId === rule.target) return false;
  row.OwnerId = rule.target;
  return true;
}
