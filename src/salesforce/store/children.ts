/**
 * Writes of a handover's children: checklist items and relationship-map notes (inserted or updated),
 * and signatures (only ever inserted: a new signature replaces a stale one by being later).
 */
import { CONTACT_NOTE_FIELDS, HANDOVER_OBJECTS, ITEM_FIELDS } from '../../core/sobjects.js';
import type { OrgConnection } from '../connection.js';
import { insertRecords, updateRecords, type WriteProgress } from './collections.js';
import { requireHandoverId } from './handovers.js';
import type { ContactNoteChange, ItemChange, SignatureDraft } from './model.js';
import { BLANK_CONTACT_NOTE, BLANK_ITEM, contactNoteRecord, itemRecord, signatureRecord } from './rows.js';

export type UpsertResult = { insertedIds: string[]; updatedIds: string[] };

/** Items with an id are updated (the fields given), the others inserted under the handover. */
export async function upsertItems(
  conn: OrgConnection,
  handoverId: string,
  changes: readonly ItemChange[],
  onProgress?: WriteProgress,
): Promise<UpsertResult> {
  const id = await requireHandoverId(conn, handoverId);
  return upsert(
    conn,
    HANDOVER_OBJECTS.item,
    changes,
    (c) => itemRecord(c),
    (c) => itemRecord({ ...BLANK_ITEM, ...c }),
    { [ITEM_FIELDS.handover]: id },
    onProgress,
  );
}

/** Relationship-map notes with an id are updated, the others inserted under the handover. */
export async function upsertContactNotes(
  conn: OrgConnection,
  handoverId: string,
  changes: readonly ContactNoteChange[],
): Promise<UpsertResult> {
  const id = await requireHandoverId(conn, handoverId);
  return upsert(
    conn,
    HANDOVER_OBJECTS.contact,
    changes,
    (c) => contactNoteRecord(c),
    (c) => contactNoteRecord({ ...BLANK_CONTACT_NOTE, ...c }),
    { [CONTACT_NOTE_FIELDS.handover]: id },
  );
}

export async function insertSignature(
  conn: OrgConnection,
  handoverId: string,
  signature: SignatureDraft,
): Promise<string> {
  const id = await requireHandoverId(conn, handoverId);
  const [signatureId] = await insertRecords(conn, HANDOVER_OBJECTS.signature, [signatureRecord(id, signature)]);
  return signatureId ?? '';
}

async function upsert<C extends { id?: string }>(
  conn: OrgConnection,
  type: string,
  changes: readonly C[],
  toRecord: (change: Omit<C, 'id'>) => Record<string, unknown>,
  toNewRecord: (change: Omit<C, 'id'>) => Record<string, unknown>,
  parent: Record<string, string>,
  onProgress?: WriteProgress,
): Promise<UpsertResult> {
  const updates = changes.filter((c): c is C & { id: string } => typeof c.id === 'string' && c.id !== '');
  const inserts = changes.filter((c) => typeof c.id !== 'string' || c.id === '');
  const total = changes.length;
  await updateRecords(
    conn,
    type,
    updates.map(({ id, ...fields }) => ({ ...toRecord(fields), Id: id })),
  );
  onProgress?.(updates.length, total);
  const insertedIds = await insertRecords(
    conn,
    type,
    inserts.map(({ id: _id, ...fields }) => ({ ...toNewRecord(fields), ...parent })),
    (done) => onProgress?.(updates.length + done, total),
  );
  return { insertedIds, updatedIds: updates.map((u) => u.id) };
}
