/**
 * Gathering a handover export: the handover as a party sees it (getHandover refuses anyone else), the
 * names of the users it mentions, and the departing rep's book read with the existing book reads.
 */
import { z } from 'zod';
import type { CrmSnapshot } from '../../core/model.js';
import type { OrgConnection } from '../connection.js';
import { withDefaults, type ServiceDeps } from '../service/deps.js';
import { currentUserId } from '../service/identity.js';
import { parseInput, sfId } from '../service/input.js';
import { relationshipMapsOf } from '../service/relationships.js';
import { getHandover } from '../service/view.js';
import { id18 } from '../store/ids.js';
import type { Handover } from '../store/model.js';
import { queryByIds } from '../store/query.js';
import type { CrmTables, ExportData, ExportUser } from './model.js';

const collectSchema = z.object({ handoverId: sfId });

export type CollectInput = z.input<typeof collectSchema>;

const userRow = z.object({ Id: z.string(), Name: z.string().nullish(), Username: z.string().nullish() });

/** Everything an export of the handover holds; NOT_A_PARTY / WRONG_OBJECT / HANDOVER_NOT_FOUND as getHandover. */
export async function collectExport(
  conn: OrgConnection,
  rawInput: CollectInput,
  deps: Partial<ServiceDeps> = {},
): Promise<ExportData> {
  const input = parseInput(collectSchema, rawInput, 'export a handover');
  const d = withDefaults(deps);
  const view = await getHandover(conn, input, d);
  const { handover } = view;
  const [exportedBy, users, maps, book] = await Promise.all([
    d.actorId === undefined ? currentUserId(conn) : Promise.resolve(d.actorId),
    readUsers(conn, userIdsOf(handover)),
    relationshipMapsOf(conn, handover),
    d.reads.readBookOfBusiness(conn, handover.header.departingUserId, {}),
  ]);
  return {
    exportedAt: d.now().toISOString(),
    exportedBy,
    role: view.role,
    handover,
    contentHash: view.contentHash,
    chain: view.log,
    users,
    maps,
    crm: crmTables(book.snapshot, handover),
  };
}

/** Every user the handover names: the parties, the signers, the actors of its events, the items' people. */
export function userIdsOf(handover: Handover): string[] {
  const h = handover.header;
  const ids = [
    h.departingUserId,
    h.managerId,
    h.createdById,
    ...h.successorIds,
    ...handover.signatures.map((s) => s.signerId),
    ...handover.events.map((e) => e.actorId),
    ...handover.items.flatMap((i) => [i.successorId, i.previousOwnerId, i.askedById]),
  ];
  return [...new Set(ids.filter((id): id is string => typeof id === 'string' && id !== '').map(id18))].sort();
}

async function readUsers(conn: OrgConnection, ids: readonly string[]): Promise<Record<string, ExportUser>> {
  const users: Record<string, ExportUser> = {};
  for (const row of await queryByIds(conn, 'User', 'Id, Name, Username', ids, userRow, 'users')) {
    const id = id18(row.Id);
    users[id] = { id, name: row.Name ?? null, username: row.Username ?? null };
  }
  return users;
}

/**
 * The rep's CRM data: records the departing user owns now, plus those the handover lists (after a
 * reassignment they belong to the successors, and the archive still shows them). Open activities only.
 */
export function crmTables(snapshot: CrmSnapshot, handover: Handover): CrmTables {
  const departing = id18(handover.header.departingUserId);
  const listed = new Set(
    handover.items
      .map((i) => i.recordId)
      .filter((id): id is string => id !== null)
      .map(id18),
  );
  const keep = <T extends { Id: string; OwnerId: string | null }>(rows: readonly T[]): T[] =>
    rows.filter((r) => (r.OwnerId !== null && id18(r.OwnerId) === departing) || listed.has(id18(r.Id)));
  return {
    accounts: keep(snapshot.accounts),
    contacts: keep(snapshot.contacts),
    opportunities: keep(snapshot.opportunities),
    cases: keep(snapshot.cases),
    activities: keep(snapshot.activities.filter((a) => !a.IsClosed)),
    contracts: keep(snapshot.contracts),
  };
}
