import type { OrgContext } from '../context.js';
import { quoteIdent } from '../db.js';
import { ASSIGNMENT_RULE_TABLE } from './assignment.js';

/** (parent, member) indexes the visibility conditions probe once per row. */
const ACCESS_INDEXES: [table: string, columns: string[]][] = [
  ['AccountShare', ['AccountId', 'UserOrGroupId']],
  ['OpportunityShare', ['OpportunityId', 'UserOrGroupId']],
  ['CaseShare', ['CaseId', 'UserOrGroupId']],
  ['ContactShare', ['ContactId', 'UserOrGroupId']],
  ['AccountTeamMember', ['AccountId', 'UserId']],
  ['OpportunityTeamMember', ['OpportunityId', 'UserId']],
  ['GroupMember', ['UserOrGroupId', 'GroupId']],
];

/** The sharing model's own table (assignment rules) and the indexes it relies on. */
export function ensureSharingTables(ctx: OrgContext): void {
  ctx.db.exec(ASSIGNMENT_RULE_TABLE);
  // (OwnerId, Id), which covers "the Ids of the records these users own" (the parent sets of child
  // queries), is every owned object's OwnerId index (db.ts).
  for (const [table, columns] of ACCESS_INDEXES) {
    if (!ctx.schema.object(table)) continue;
    const name = quoteIdent(`${table}_access_${columns.join('_')}`);
    ctx.db.exec(`CREATE INDEX IF NOT EXISTS ${name} ON ${quoteIdent(table)} (${columns.map(quoteIdent).join(', ')})`);
  }
}
