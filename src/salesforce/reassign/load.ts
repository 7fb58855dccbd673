/**
 * What a run loads: the header, who the signed-in user is in the handover, and the items with only
 * the fields the engine uses. Leaving the long text fields out lets the org serve 2,000-row pages
 * (a query with two or more long text areas gets 200); a large handover's items come through one
 * Bulk API 2.0 query instead.
 */
import { z } from 'zod';
import { roleOf, type SignoffRole } from '../../core/signoff.js';
import { parseRunJournal, type RunJournal } from '../../core/reassign/index.js';
import {
  HANDOVER_FIELDS,
  HANDOVER_OBJECTS,
  ITEM_CATEGORIES,
  ITEM_FIELDS,
  TRANSFER_STATUSES,
} from '../../core/sobjects.js';
import { firstPageOf, queryRowsOf, querySubrequest, sendComposite } from '../composite.js';
import type { OrgConnection, QueryResult } from '../connection.js';
import { currentUserId } from '../service/identity.js';
import { soqlId } from '../soql.js';
import { eventsOfRows, eventsSoql } from '../store/events.js';
import { handoverIdSyntax, headerNotFound } from '../store/handovers.js';
import type { RunHandover, RunItem } from '../store/model.js';
import { parseRow, rowsOfPages } from '../store/query.js';
import { eventSchema, HEADER_SELECT, headerSchema, toHeader } from '../store/rows.js';
import type { LeaseState } from './lease.js';
import { interner, runQueryJob, type BulkCalls, type PollOptions } from './orgCalls.js';

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

/** An item with the fields a run uses (the others are not loaded). */
function toRunItem(row: z.infer<typeof runItemRow>, handoverId: string, intern: ReturnType<typeof interner>): RunItem {
  return {
    id: row.Id,
    handoverId,
    objectType: intern(row[I.objectType]),
    recordId: row[I.recordId],
    accountId: intern(row[I.account]),
    successorId: intern(row[I.successor]),
    previousOwnerId: intern(row[I.previousOwner]),
    category: intern(row[I.category]),
    transferStatus: intern(row[I.transferStatus]),
    transferError: row[I.transferError],
    transferredAt: row[I.transferredAt],
  };
}

const itemsSoql = (handoverId: string): string =>
  `SELECT ${RUN_ITEM_FIELDS.join(', ')} FROM ${HANDOVER_OBJECTS.item} WHERE ${I.handover} = ${soqlId(handoverId)}`;

/** The items from the first page of their query: the rest page by page, or (many) one Bulk API 2.0 query. */
async function itemsFrom(
  conn: OrgConnection,
  handoverId: string,
  first: QueryResult<unknown>,
  bulk: { poll: PollOptions; counter: BulkCalls },
): Promise<RunItem[]> {
  const intern = interner();
  const toItem = (record: unknown): RunItem =>
    toRunItem(parseRow(runItemRow, record, 'handover items'), handoverId, intern);
  if (first.totalSize > BULK_ITEM_READ_THRESHOLD && !first.done) {
    return runQueryJob(conn, itemsSoql(handoverId), bulk.poll, bulk.counter, toItem);
  }
  return rowsOfPages(conn, first, toItem, 'handover items');
}

export async function loadRunItems(
  conn: OrgConnection,
  handoverId: string,
  bulk: { poll: PollOptions; counter: BulkCalls },
): Promise<RunItem[]> {
  return itemsFrom(conn, handoverId, await conn.query<unknown>(itemsSoql(handoverId)), bulk);
}

export type RunLoaded = {
  handover: RunHandover;
  actorId: string;
  role: SignoffRole | null;
  lease: LeaseState;
  runJournal: RunJournal;
};

const H = HANDOVER_FIELDS;
const runHeaderRow = headerSchema.extend({
  [H.runLeaseOwner]: z.string().nullable().optional(),
  [H.runLeaseExpires]: z.string().nullable().optional(),
  [H.runJournal]: z.string().nullable().optional(),
});

/**
 * The header (with the run's lease and journal), the items and the audit log in one Composite call,
 * the actor's role, and (a large handover) its items through one Bulk API 2.0 query. Contact notes
 * and signatures are left empty.
 */
export async function loadForRun(
  conn: OrgConnection,
  handoverId: string,
  actorId: string | undefined,
  bulk: { poll: PollOptions; counter: BulkCalls },
): Promise<RunLoaded> {
  const id = handoverIdSyntax(handoverId);
  const header = `SELECT ${[...HEADER_SELECT, H.runLeaseOwner, H.runLeaseExpires, H.runJournal].join(', ')} FROM ${HANDOVER_OBJECTS.handover} WHERE Id = ${soqlId(id)}`;
  const [responses, actor] = await Promise.all([
    sendComposite(
      conn,
      [
        querySubrequest('header', header),
        querySubrequest('items', itemsSoql(id)),
        querySubrequest('events', eventsSoql(id)),
      ],
      'read the handover',
    ),
    actorId === undefined ? currentUserId(conn) : Promise.resolve(actorId),
  ]);
  const rows = await queryRowsOf(conn, responses, 'header', runHeaderRow, 'the handover');
  const run = rows[0];
  if (run === undefined) throw await headerNotFound(conn, id, handoverId);
  const head = toHeader(run);
  const role = roleOf(
    { departingId: head.departingUserId, managerId: head.managerId ?? '', successorIds: head.successorIds },
    actor,
  );
  const items =
    role === null ? [] : await itemsFrom(conn, head.id, firstPageOf(responses, 'items', 'handover items'), bulk);
  const events = eventsOfRows(await queryRowsOf(conn, responses, 'events', eventSchema, 'audit events'));
  return {
    handover: { header: head, items, contactNotes: [], signatures: [], events },
    actorId: actor,
    role,
    lease: { owner: run[H.runLeaseOwner] ?? null, expiresAt: run[H.runLeaseExpires] ?? null },
    runJournal: parseRunJournal(run[H.runJournal]),
  };
}
