/**
 * Handover__c is Private: its parties see it through share rows (Handover__Share, RowCause Manual)
 * that the product writes for them when it creates the handover. The owner (who started it) and
 * those above them in the role hierarchy see it anyway; nobody else does (rule 5).
 */
import { z } from 'zod';
import { HANDOVER_OBJECTS } from '../../core/sobjects.js';
import type { OrgConnection } from '../connection.js';
import { soqlId } from '../soql.js';
import { insertRecords } from './collections.js';
import { id18 } from './ids.js';
import { queryAll } from './query.js';

/** Salesforce names a custom object's share object Foo__Share (for Foo__c). */
export const HANDOVER_SHARE = HANDOVER_OBJECTS.handover.replace(/__c$/, '__Share');

export type ShareResult =
  | { shared: true; userIds: string[] }
  /** The org has no share object: the object is not Private there, or the org cannot share it. */
  | { shared: false; reason: 'no_share_object' };

const shareRow = z.object({ UserOrGroupId: z.string() });
const globalSchema = z.object({ sobjects: z.array(z.object({ name: z.string() })) });

/** Grants each user Edit on the handover (the owner and users already shared with are skipped). */
export async function shareHandover(
  conn: OrgConnection,
  handoverId: string,
  ownerId: string | null,
  userIds: readonly string[],
): Promise<ShareResult> {
  const global = globalSchema.safeParse(await conn.describeGlobal());
  if (!global.success || !global.data.sobjects.some((s) => s.name === HANDOVER_SHARE)) {
    return { shared: false, reason: 'no_share_object' };
  }
  const existing = await queryAll(
    conn,
    `SELECT UserOrGroupId FROM ${HANDOVER_SHARE} WHERE ParentId = ${soqlId(handoverId)}`,
    shareRow,
    'handover shares',
  );
  const skip = new Set([...existing.map((s) => id18(s.UserOrGroupId)), ...(ownerId === null ? [] : [id18(ownerId)])]);
  const users = [...new Set(userIds.map(id18))].filter((u) => !skip.has(u));
  await insertRecords(
    conn,
    HANDOVER_SHARE,
    users.map((u) => ({ ParentId: handoverId, UserOrGroupId: u, AccessLevel: 'Edit', RowCause: 'Manual' })),
  );
  return { shared: true, userIds: users };
}
