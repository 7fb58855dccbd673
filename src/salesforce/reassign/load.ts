/**
 * What a run loads: the header, who the signed-in user is in the handover, and the items with only
 * the fields the engine uses. Leaving the long text fields out lets the org serve 2,000-row pages
 * (a query with two or more long text areas gets 200); a large handover's items come through one
 * Bulk API 2.0 query instead.
 */
import { z } from 'zod';
import { roleOf, type SignoffRole } from '../../core/signoff.js';
import { HANDOVER_OBJECTS, ITEM_CATEGORIES, ITEM_FIELDS, TRANSFER_STATUSES } from '../../core/sobjects.js';
import type { OrgConnection } from '../connection.js';
import { currentUserId } from '../service/identity.js';
import { soqlId } from '../soql.js';
import { loadHeader } from '../store/handovers.js';
import type { Handover, HandoverItem } from '../store/model.js';
import { parseRow } from '../store/query.js';
import { BLANK_ITEM } from '../store/rows.js';
import { runQueryJob, type BulkCalls, type PollOptions } from './orgCalls.js';

const I = ITEM_FIELDS;

/** The item fields a run reads and writes. */
const RUN_ITEM_FIELDS = [
  'Id',
  I.objectType,
  I.recordId,
  I.account,
  I.successor,
  I.previousOwner,
  I.category,
  I.transferStatus,
  I.transferError,
  I.transferredAt,
] as const;

// Bulk API 2.0 rows are strings, an empty one a null.
const text = z.preprocess((v) => (v === '' || v === undefined ? null : v), z.string().nullable());

const runItemRow = z.looseObject({
  Id: z.string(),
  [I.objectType]: text,
  [I.recordId]: text,
  [I.account]: text,
  [I.successor]: text,
  [I.previousOwner]: text,
  [I.category]: z.enum(ITEM_CATEGORIES),
  [I.transferStatus]: z.preprocess(
    (v) => (v === '' || v === undefined ? null : v),
    z.enum(TRANSFER_STATUSES).nullable(),
  ),
  [I.transferError]: text,
  [I.transferredAt]: text,
});

/** Above this many items the run reads them with a Bulk API 2.0 query. */
export const BULK_ITEM_READ_THRESHOLD = 10_000;

/** An item with the fields a run uses; the others are null (they are not loaded). */
function toRunItem(row: z.infer<typeof runItemRow>, handoverId: string): HandoverItem {
  return {
    ...BLANK_ITEM,
    id: row.Id,
    handoverId,
    objectType: row[I.objectType],
    recordId: row[I.recordId],
    accountId: row[I.account],
    successorId: row[I.successor],
    previousOwnerId: row[I.previousOwner],
    category: row[I.category],
    transferStatus: row[I.transferStatus],
    transferError: row[I.transferError],
    transferredAt: row[I.transferredAt],
  };
}

export async function loadRunItems(
  conn: OrgConnection,
  handoverId: string,
  bulk: { poll: PollOptions; counter: BulkCalls },
): Promise<HandoverItem[]> {
  const where = `${I.handover} = ${soqlId(handoverId)}`;
  const counted = await conn.query<unknown>(`SELECT COUNT() FROM ${HANDOVER_OBJECTS.item} WHERE ${where}`);
  const soql = `SELECT ${RUN_ITEM_FIELDS.join(', ')} FROM ${HANDOVER_OBJECTS.item} WHERE ${where}`;
  if (counted.totalSize > BULK_ITEM_READ_THRESHOLD) {
    const rows = await runQueryJob(conn, soql, bulk.poll, bulk.counter);
    return rows.map((row) => toRunItem(parseRow(runItemRow, row, 'handover items'), handoverId));
  }
  const items: HandoverItem[] = [];
  let page = await conn.query<unknown>(soql);
  for (;;) {
    for (const record of page.records)
      items.push(toRunItem(parseRow(runItemRow, record, 'handover items'), handoverId));
    if (page.done || page.nextRecordsUrl === undefined) return items;
    page = await conn.queryMore<unknown>(page.nextRecordsUrl);
  }
}

export type RunLoaded = { handover: Handover; actorId: string; role: SignoffRole | null };

/** The header, the actor's role and the run's items; contact notes, signatures and events are left empty. */
export async function loadForRun(
  conn: OrgConnection,
  handoverId: string,
  actorId: string | undefined,
  bulk: { poll: PollOptions; counter: BulkCalls },
): Promise<RunLoaded> {
  const [header, actor] = await Promise.all([
    loadHeader(conn, handoverId),
    actorId === undefined ? currentUserId(conn) : Promise.resolve(actorId),
  ]);
  const role = roleOf(
    { departingId: header.departingUserId, managerId: header.managerId ?? '', successorIds: header.successorIds },
    actor,
  );
  const items = role === null ? [] : await loadRunItems(conn, header.id, bulk);
  return { handover: { header, items, contactNotes: [], signatures: [], events: [] }, actorId: actor, role };
}
