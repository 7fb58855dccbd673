/**
 * Account and opportunity teams across an owner change: an API owner change deletes them, so the
 * members are read before the phase that moves their parents and re-inserted after it (all but the
 * departing users, whose access ends with the handover). A member that cannot be re-inserted (an
 * inactive user, say) is reported, never fatal: the records have moved by then.
 */
import { z } from 'zod';
import type { TeamSnapshotStep } from '../../core/reassign/index.js';
import type { OrgConnection } from '../connection.js';
import { soqlIdList } from '../soql.js';
import { chunks } from '../store/collections.js';
import { parseRow, queryAll } from '../store/query.js';
import { saveResults, transportOf } from './orgCalls.js';

type TeamObject = TeamSnapshotStep['object'];

/** Per team object: the parent field and the access fields a member carries. */
const TEAM_SHAPES: Record<TeamObject, { parentField: string; parentObject: string; accessFields: readonly string[] }> =
  {
    AccountTeamMember: {
      parentField: 'AccountId',
      parentObject: 'Account',
      accessFields: ['AccountAccessLevel', 'OpportunityAccessLevel', 'CaseAccessLevel', 'ContactAccessLevel'],
    },
    OpportunityTeamMember: {
      parentField: 'OpportunityId',
      parentObject: 'Opportunity',
      accessFields: ['OpportunityAccessLevel'],
    },
  };

const memberRow = z.looseObject({
  Id: z.string(),
  UserId: z.string(),
  TeamMemberRole: z.string().nullable().optional(),
});

export type TeamMember = { parentId: string; userId: string; fields: Record<string, string | null> };

export type TeamSnapshot = { step: TeamSnapshotStep; members: TeamMember[] };

export type TeamRestore = {
  object: TeamObject;
  /** The parents whose teams were checked. */
  parentIds: string[];
  snapshotted: number;
  restored: number;
  /** Already there after the phase (nothing deleted them). */
  present: number;
  failed: { parentId: string; userId: string; message: string }[];
};

/**
 * The members of the parents' teams. Many parents are read with one semi-join over the parents'
 * owners (the departing rep and the successors) and filtered here, instead of a query per 300 ids.
 */
async function readMembers(
  conn: OrgConnection,
  object: TeamObject,
  parentIds: readonly string[],
  ownerIds: readonly string[],
): Promise<TeamMember[]> {
  const shape = TEAM_SHAPES[object];
  const select = ['Id', 'UserId', 'TeamMemberRole', shape.parentField, ...shape.accessFields].join(', ');
  const wanted = new Set(parentIds);
  const queries =
    parentIds.length > 300 && ownerIds.length > 0
      ? [
          `SELECT ${select} FROM ${object} WHERE ${shape.parentField} IN (SELECT Id FROM ${shape.parentObject} WHERE OwnerId IN ${soqlIdList(ownerIds)})`,
        ]
      : chunks(parentIds, 300).map(
          (chunk) => `SELECT ${select} FROM ${object} WHERE ${shape.parentField} IN ${soqlIdList(chunk)}`,
        );
  const members: TeamMember[] = [];
  for (const soql of queries) {
    for (const row of await queryAll(conn, soql, memberRow, `the ${object} rows`)) {
      const parentId = String(row[shape.parentField]);
      if (!wanted.has(parentId)) continue;
      const fields: Record<string, string | null> = { TeamMemberRole: row.TeamMemberRole ?? null };
      for (const f of shape.accessFields) fields[f] = typeof row[f] === 'string' ? row[f] : null;
      members.push({ parentId, userId: row.UserId, fields });
    }
  }
  return members;
}

/**
 * The members to restore after the phase: those in the org now, plus those an earlier, cut-off run
 * saved in the audit log (its phase may have deleted them before it could put them back).
 */
export async function snapshotTeams(
  conn: OrgConnection,
  step: TeamSnapshotStep,
  ownerIds: readonly string[],
  saved: readonly TeamMember[] = [],
): Promise<TeamSnapshot> {
  const excluded = new Set(step.excludeUserIds);
  const parents = new Set(step.parentIds);
  const byKey = new Map<string, TeamMember>();
  for (const m of [...saved, ...(await readMembers(conn, step.object, step.parentIds, ownerIds))]) {
    if (parents.has(m.parentId) && !excluded.has(m.userId)) byKey.set(`${m.parentId}:${m.userId}`, m);
  }
  return { step, members: [...byKey.values()] };
}

/** Re-inserts the snapshot's members that the phase deleted. */
export async function restoreTeams(
  conn: OrgConnection,
  snapshot: TeamSnapshot,
  ownerIds: readonly string[],
): Promise<TeamRestore> {
  const { object } = snapshot.step;
  const shape = TEAM_SHAPES[object];
  const key = (m: Pick<TeamMember, 'parentId' | 'userId'>): string => `${m.parentId}:${m.userId}`;
  const parents = [...new Set(snapshot.members.map((m) => m.parentId))];
  const present = new Set((await readMembers(conn, object, parents, ownerIds)).map(key));
  const missing = snapshot.members.filter((m) => !present.has(key(m)));
  const result: TeamRestore = {
    object,
    parentIds: snapshot.step.parentIds,
    snapshotted: snapshot.members.length,
    restored: 0,
    present: snapshot.members.length - missing.length,
    failed: [],
  };
  for (const chunk of chunks(missing)) {
    const records = chunk.map((m) => ({
      attributes: { type: object },
      [shape.parentField]: m.parentId,
      UserId: m.userId,
      ...Object.fromEntries(Object.entries(m.fields).filter(([, v]) => v !== null)),
    }));
    let response: unknown;
    try {
      response = await conn.request<unknown>({
        method: 'POST',
        url: '/composite/sobjects',
        body: JSON.stringify({ allOrNone: false, records }),
        headers: { 'Content-Type': 'application/json' },
      });
    } catch (error) {
      const { message } = transportOf(error);
      for (const m of chunk) result.failed.push({ parentId: m.parentId, userId: m.userId, message });
      continue;
    }
    const results = parseRow(saveResults, response, `the results of restoring ${object} rows`);
    chunk.forEach((m, i) => {
      const r = results[i];
      if (r?.success === true) result.restored++;
      else {
        const e = r?.errors[0];
        result.failed.push({
          parentId: m.parentId,
          userId: m.userId,
          message: `${e?.statusCode ?? 'UNKNOWN'}: ${e?.message ?? ''}`,
        });
      }
    });
  }
  return result;
}
