/**
 * Handover__c and its children: insert a new handover, load one whole, update its header, list them.
 * Reads run as the connection's user, so the org's sharing decides which handovers they see.
 */
import { z } from 'zod';
import type { SignoffStatus } from '../../core/signoff.js';
import {
  CONTACT_NOTE_FIELDS,
  HANDOVER_FIELDS as H,
  HANDOVER_OBJECTS,
  ITEM_FIELDS,
  SIGNATURE_FIELDS,
} from '../../core/sobjects.js';
import type { OrgConnection } from '../connection.js';
import { soqlId, soqlString } from '../soql.js';
import { deleteRecords, insertRecords, updateRecords, type WriteProgress } from './collections.js';
import { HandoverError, orgError } from './errors.js';
import { appendEvents, readEvents } from './events.js';
import { isId, keyPrefixOf, to18 } from './ids.js';
import type {
  ContactNote,
  Handover,
  HandoverDraft,
  HandoverHeader,
  HandoverItem,
  HeaderFields,
  SignatureRecord,
} from './model.js';
import { queryAll } from './query.js';
import {
  BLANK_CONTACT_NOTE,
  BLANK_ITEM,
  CONTACT_NOTE_SELECT,
  contactNoteRecord,
  contactNoteSchema,
  HEADER_SELECT,
  headerRecord,
  headerSchema,
  ITEM_SELECT,
  itemRecord,
  itemSchema,
  SIGNATURE_SELECT,
  signatureSchema,
  toContactNote,
  toHeader,
  toItem,
  toSignature,
} from './rows.js';
import { shareHandover, type ShareResult } from './sharing.js';
import { serialiseSummary } from './summary.js';

/** Statuses of a handover still in progress (a second one for the same departing user is refused). */
export const OPEN_STATUSES: readonly SignoffStatus[] = [
  'Draft',
  'Signed_By_Departing',
  'Signed_By_Successors',
  'Approved',
  'Reassigning',
  'Partially_Reassigned',
];

export type InsertProgress = (step: 'header' | 'items' | 'contacts' | 'event', done: number, total: number) => void;

/**
 * Writes a new handover. Order: the header without its content hash (the "being written" mark), the
 * items and the contact notes in chunks of 200 (allOrNone per chunk), the parties' share rows, then
 * the content hash (the "complete" mark), then the first audit event. If any step fails, the
 * half-written handover is deleted (its children go with it: master-detail) and WRITE_FAILED is
 * thrown; nothing of it was audited yet, so no logged event is lost. If even the delete fails,
 * PARTIAL_WRITE names the handover: it stays without a content hash, which every other operation
 * refuses as incomplete (cancel excepted).
 */
export async function writeHandover(
  conn: OrgConnection,
  draft: HandoverDraft,
  onProgress?: InsertProgress,
): Promise<{ id: string; sharing: ShareResult }> {
  const { contentHash, summary, ...header } = draft.header;
  const [id] = await insertRecords(conn, HANDOVER_OBJECTS.handover, [
    headerRecord({ ...header, contentHash: null, summaryText: summary === null ? null : serialiseSummary(summary) }),
  ]);
  if (id === undefined || id === '')
    throw new HandoverError('WRITE_FAILED', 'The org returned no Id for the handover.');
  onProgress?.('header', 1, 1);
  try {
    const progress =
      (step: 'items' | 'contacts'): WriteProgress =>
      (done, total) =>
        onProgress?.(step, done, total);
    const items = draft.items.map((item) => ({
      ...itemRecord({ ...BLANK_ITEM, ...item }),
      [ITEM_FIELDS.handover]: id,
    }));
    await insertRecords(conn, HANDOVER_OBJECTS.item, items, progress('items'));
    const notes = draft.contactNotes.map((n) => ({
      ...contactNoteRecord({ ...BLANK_CONTACT_NOTE, ...n }),
      [CONTACT_NOTE_FIELDS.handover]: id,
    }));
    await insertRecords(conn, HANDOVER_OBJECTS.contact, notes, progress('contacts'));
    // The creator owns the new handover; the other parties get share rows.
    const sharing = await shareHandover(conn, id, draft.createdEvent.actorId, draft.shareWith ?? []);
    await updateRecords(conn, HANDOVER_OBJECTS.handover, [{ Id: id, [H.contentHash]: contentHash }]);
    await appendEvents(conn, id, [draft.createdEvent]);
    onProgress?.('event', 1, 1);
    return { id, sharing };
  } catch (error) {
    throw await cleanUp(conn, id, error);
  }
}

/** writeHandover, returning the new handover's Id. */
export async function insertHandover(
  conn: OrgConnection,
  draft: HandoverDraft,
  onProgress?: InsertProgress,
): Promise<string> {
  return (await writeHandover(conn, draft, onProgress)).id;
}

async function cleanUp(conn: OrgConnection, id: string, error: unknown): Promise<HandoverError> {
  const cause = error instanceof HandoverError ? error : orgError(error, 'write the handover');
  try {
    await deleteRecords(conn, [id]);
  } catch {
    return new HandoverError(
      'PARTIAL_WRITE',
      `The handover ${id} was only partly written (${cause.message}) and could not be removed.`,
      {
        actions: [`Cancel handover ${id} (it is marked incomplete), then start the handover again.`],
        data: { handoverId: id, ...cause.data },
        cause,
      },
    );
  }
  return new HandoverError('WRITE_FAILED', `The handover was not created: ${cause.message}`, {
    actions: [...cause.actions, 'Nothing was kept: start the handover again once the cause is fixed.'],
    data: { ...cause.data, cleanedUp: true },
    cause,
  });
}

// ---------------------------------------------------------------- reading

/** The header of a handover; a clear error for an Id of another object or one the user cannot see. */
export async function loadHeader(conn: OrgConnection, handoverId: string): Promise<HandoverHeader> {
  const id = handoverIdSyntax(handoverId);
  const rows = await queryAll(
    conn,
    `SELECT ${HEADER_SELECT.join(', ')} FROM ${HANDOVER_OBJECTS.handover} WHERE Id = ${soqlId(id)}`,
    headerSchema,
    'the handover',
  );
  const row = rows[0];
  if (row === undefined) throw await headerNotFound(conn, id, handoverId);
  return toHeader(row);
}

/** No such handover: the Id of another object (WRONG_OBJECT, asked only now to spare a call), or not found or not shared. */
export async function headerNotFound(conn: OrgConnection, id: string, handoverId: string): Promise<HandoverError> {
  await requireHandoverId(conn, id);
  return new HandoverError('HANDOVER_NOT_FOUND', `Handover ${handoverId} does not exist or is not shared with you.`, {
    actions: ['Check the Id with `sf handover list`.', 'Ask the manager of the handover to share it with you.'],
    data: { handoverId },
  });
}

/** A whole handover: header, items, contact notes, signatures and the audit log (in chain order). */
export async function loadHandover(conn: OrgConnection, handoverId: string): Promise<Handover> {
  const header = await loadHeader(conn, handoverId);
  const [items, contactNotes, signatures, events] = await Promise.all([
    loadItems(conn, header.id),
    loadContactNotes(conn, header.id),
    loadSignatures(conn, header.id),
    readEvents(conn, header.id),
  ]);
  return { header, items, contactNotes, signatures, events };
}

export async function loadItems(conn: OrgConnection, handoverId: string): Promise<HandoverItem[]> {
  const rows = await queryAll(
    conn,
    `SELECT ${ITEM_SELECT.join(', ')} FROM ${HANDOVER_OBJECTS.item} WHERE ${ITEM_FIELDS.handover} = ${soqlId(handoverId)} ORDER BY Name`,
    itemSchema,
    'handover items',
  );
  return rows.map(toItem);
}

export async function loadContactNotes(conn: OrgConnection, handoverId: string): Promise<ContactNote[]> {
  const rows = await queryAll(
    conn,
    `SELECT ${CONTACT_NOTE_SELECT.join(', ')} FROM ${HANDOVER_OBJECTS.contact} WHERE ${CONTACT_NOTE_FIELDS.handover} = ${soqlId(handoverId)} ORDER BY Name`,
    contactNoteSchema,
    'relationship-map notes',
  );
  return rows.map(toContactNote);
}

export async function loadSignatures(conn: OrgConnection, handoverId: string): Promise<SignatureRecord[]> {
  const rows = await queryAll(
    conn,
    `SELECT ${SIGNATURE_SELECT.join(', ')} FROM ${HANDOVER_OBJECTS.signature} WHERE ${SIGNATURE_FIELDS.handover} = ${soqlId(handoverId)} ORDER BY ${SIGNATURE_FIELDS.signedAt}, Name`,
    signatureSchema,
    'signatures',
  );
  return rows.map(toSignature);
}

// ---------------------------------------------------------------- writing the header

export type HeaderUpdate = Partial<Omit<HeaderFields, 'departingUserId'>>;

/** Updates the given header fields (the departing user of a handover never changes). */
export async function updateHandoverHeader(
  conn: OrgConnection,
  handoverId: string,
  fields: HeaderUpdate,
): Promise<void> {
  const id = await requireHandoverId(conn, handoverId);
  const { summary, ...rest } = fields;
  const record = headerRecord({
    ...rest,
    ...(summary === undefined ? {} : { summaryText: summary === null ? null : serialiseSummary(summary) }),
  });
  if (Object.keys(record).length === 0) return;
  await updateRecords(conn, HANDOVER_OBJECTS.handover, [{ ...record, Id: id }]);
}

// ---------------------------------------------------------------- listing

export type HandoverFilter = {
  status?: SignoffStatus | readonly SignoffStatus[];
  departingUserId?: string;
  managerId?: string;
  /** At most this many, newest first (default: all). */
  limit?: number;
};

/** The handovers the signed-in user can see (the org's sharing decides), newest first. */
export async function listHandovers(conn: OrgConnection, filter: HandoverFilter = {}): Promise<HandoverHeader[]> {
  const where: string[] = [];
  const statuses =
    filter.status === undefined ? [] : typeof filter.status === 'string' ? [filter.status] : filter.status;
  if (statuses.length > 0) where.push(`${H.status} IN (${statuses.map(soqlString).join(',')})`);
  if (filter.departingUserId !== undefined)
    where.push(`${H.departingUser} = ${soqlId(userId(filter.departingUserId))}`);
  if (filter.managerId !== undefined) where.push(`${H.manager} = ${soqlId(userId(filter.managerId))}`);
  const limit = filter.limit === undefined ? '' : ` LIMIT ${Math.max(1, Math.floor(filter.limit))}`;
  const rows = await queryAll(
    conn,
    `SELECT ${HEADER_SELECT.join(', ')} FROM ${HANDOVER_OBJECTS.handover}${where.length > 0 ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY CreatedDate DESC, Name DESC${limit}`,
    headerSchema,
    'handovers',
  );
  return rows.map(toHeader);
}

function userId(value: string): string {
  const id = to18(value);
  if (id === undefined) throw new HandoverError('INVALID_INPUT', `Not a user Id: ${JSON.stringify(value)}.`);
  return id;
}

// ---------------------------------------------------------------- Ids

const describeCache = new WeakMap<OrgConnection, Promise<Map<string, string>>>();
const globalSchema = z.object({
  sobjects: z.array(z.object({ name: z.string(), keyPrefix: z.string().nullish() })),
});

/** keyPrefix -> object name, from describeGlobal (once per connection). */
async function keyPrefixes(conn: OrgConnection): Promise<Map<string, string>> {
  let cached = describeCache.get(conn);
  if (cached === undefined) {
    cached = Promise.resolve(conn.describeGlobal()).then((result) => {
      const parsed = globalSchema.safeParse(result);
      const map = new Map<string, string>();
      if (parsed.success) for (const s of parsed.data.sobjects) if (s.keyPrefix) map.set(s.keyPrefix, s.name);
      return map;
    });
    cached.catch(() => describeCache.delete(conn));
    describeCache.set(conn, cached);
  }
  return cached;
}

/** The object an Id belongs to (from its key prefix), when the org says. */
export async function objectOfId(conn: OrgConnection, id: string): Promise<string | undefined> {
  try {
    return (await keyPrefixes(conn)).get(keyPrefixOf(id));
  } catch {
    return undefined;
  }
}

/** The 18-character form of an Id, or INVALID_INPUT for text that is no Id (nothing asked of the org). */
export function handoverIdSyntax(value: string): string {
  const id = isId(value) ? to18(value) : undefined;
  if (id === undefined) {
    throw new HandoverError('INVALID_INPUT', `${JSON.stringify(value)} is not a Salesforce Id.`, {
      actions: ['Pass the Id of a Handover__c record (see `sf handover list`).'],
    });
  }
  return id;
}

/**
 * The 18-character Id of a handover; INVALID_INPUT for text that is no Id, WRONG_OBJECT for the Id of
 * another object (an Account Id, say): refused before anything is read or written.
 */
export async function requireHandoverId(conn: OrgConnection, value: string): Promise<string> {
  const id = handoverIdSyntax(value);
  const object = await objectOfId(conn, id);
  if (object !== undefined && object !== HANDOVER_OBJECTS.handover) {
    throw new HandoverError('WRONG_OBJECT', `${id} is the Id of a ${object} record, not of a handover.`, {
      actions: ['Pass the Id of a Handover__c record (see `sf handover list`).'],
      data: { id, object },
    });
  }
  return id;
}
