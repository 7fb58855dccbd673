/**
 * A content edit of a handover: the new content hash is computed from the rows as they will be, decide()
 * rules on it (who may edit, in which state; signatures over the old hash go stale and the status falls
 * back), then the rows, the header (hash and status) and the audit events are written, in that order.
 * If the events could not be written after the rows, the log's head no longer carries the handover's
 * content hash and verifyHandoverLog reports it.
 */
import { decide } from '../../core/signoff.js';
import { computeContentHash } from '../store/content.js';
import { upsertContactNotes, upsertItems } from '../store/children.js';
import { appendEvents } from '../store/events.js';
import { updateHandoverHeader } from '../store/handovers.js';
import type { ContactNote, ContactNoteChange, HandoverItem, ItemChange } from '../store/model.js';
import { BLANK_CONTACT_NOTE, BLANK_ITEM } from '../store/rows.js';
import { accepted, type LoadedHandover } from './state.js';

export type ContentChange = { items?: readonly ItemChange[]; contactNotes?: readonly ContactNoteChange[] };

export type EditResult = {
  handoverId: string;
  changed: boolean;
  status: string;
  previousStatus: string;
  contentHash: string;
  previousContentHash: string;
  /** Signers whose signature no longer covers the content: they must sign again. */
  staleSigners: string[];
  unconfirmedItemCount: number;
  insertedItemIds: string[];
  insertedContactNoteIds: string[];
};

const NEW = '(new)';

export async function applyContentEdit(
  conn: Parameters<typeof upsertItems>[0],
  loaded: LoadedHandover,
  change: ContentChange,
  at: string,
  details: Readonly<Record<string, unknown>>,
): Promise<EditResult> {
  const { handover, state } = loaded;
  const items = mergeItems(handover.items, change.items ?? []);
  const notes = mergeNotes(handover.contactNotes, change.contactNotes ?? []);
  const contentHash = computeContentHash(handover.header, items, notes);
  const unconfirmedItemCount = items.filter((i) => i.category !== 'Question' && i.confirmedByDeparting !== true).length;
  const decision = accepted(
    decide(state, { type: 'edit', part: 'content', actorId: loaded.actorId, at, contentHash, unconfirmedItemCount }),
    loaded,
  );
  const base = {
    handoverId: handover.header.id,
    previousStatus: state.status,
    previousContentHash: state.currentContentHash,
    unconfirmedItemCount,
  };
  if (decision.events.length === 0) {
    return {
      ...base,
      changed: false,
      status: state.status,
      contentHash,
      staleSigners: [],
      insertedItemIds: [],
      insertedContactNoteIds: [],
    };
  }
  const writtenItems = await upsertItems(conn, handover.header.id, change.items ?? []);
  const writtenNotes = await upsertContactNotes(conn, handover.header.id, change.contactNotes ?? []);
  await updateHandoverHeader(conn, handover.header.id, { contentHash, status: decision.next.status });
  const stale = decision.events.find((e) => e.action === 'handover.signatures_stale');
  await appendEvents(
    conn,
    handover.header.id,
    decision.events.map((e) => ({
      ...e,
      details:
        e.action === 'handover.edited'
          ? {
              ...e.details,
              ...details,
              insertedItemIds: writtenItems.insertedIds,
              insertedContactNoteIds: writtenNotes.insertedIds,
            }
          : e.details,
    })),
  );
  return {
    ...base,
    changed: true,
    status: decision.next.status,
    contentHash,
    staleSigners: stale === undefined ? [] : (stale.details.signerIds as readonly string[]).map(String),
    insertedItemIds: writtenItems.insertedIds,
    insertedContactNoteIds: writtenNotes.insertedIds,
  };
}

type MergedItem = Omit<HandoverItem, 'id' | 'handoverId'> & { id: string };

function mergeItems(items: readonly HandoverItem[], changes: readonly ItemChange[]): MergedItem[] {
  const byId = new Map<string, MergedItem>(items.map((i) => [i.id, { ...i }]));
  const added: MergedItem[] = [];
  for (const change of changes) {
    if (change.id !== undefined) {
      const current = byId.get(change.id);
      if (current !== undefined) byId.set(change.id, { ...current, ...definedOnly(change) });
    } else {
      added.push({ ...BLANK_ITEM, ...definedOnly(change), category: change.category, id: NEW });
    }
  }
  return [...byId.values(), ...added];
}

function mergeNotes(
  notes: readonly ContactNote[],
  changes: readonly ContactNoteChange[],
): Omit<ContactNote, 'handoverId'>[] {
  const byId = new Map<string, Omit<ContactNote, 'handoverId'>>(notes.map((n) => [n.id, { ...n }]));
  const added: Omit<ContactNote, 'handoverId'>[] = [];
  for (const change of changes) {
    if (change.id !== undefined) {
      const current = byId.get(change.id);
      if (current !== undefined) byId.set(change.id, { ...current, ...definedOnly(change) });
    } else {
      added.push({ ...BLANK_CONTACT_NOTE, ...definedOnly(change), contactId: change.contactId, id: NEW });
    }
  }
  return [...byId.values(), ...added];
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
