/**
 * Editing the checklist: notes, risks and next steps on items, the departing rep's confirmations,
 * relationship-map notes and manual lines. Each is a content edit (see edit.ts): the content hash is
 * recomputed and signatures over the old content go stale.
 *
 * Only the departing rep confirms: a confirmation is their statement that an item is complete and true
 * (rule 7). The manager may add and correct content (the uncooperative case), but what the rep never
 * confirmed stays unconfirmed.
 */
import { z } from 'zod';
import { CONTACT_CHANNELS, CONTACT_DECISION_ROLES, CONTACT_STANCES, ITEM_PRIORITIES } from '../../core/sobjects.js';
import type { OrgConnection } from '../connection.js';
import { HandoverError } from '../store/errors.js';
import { id18 } from '../store/ids.js';
import { queryByIds } from '../store/query.js';
import type { ContactNoteChange, HandoverItem, ItemChange } from '../store/model.js';
import { withDefaults, type ServiceDeps } from './deps.js';
import { applyContentEdit, type EditResult } from './edit.js';
import { isoDate, longText, parseInput, sfId } from './input.js';
import { loadAsParty, type LoadedHandover } from './state.js';

// ---------------------------------------------------------------- notes on an item

const noteSchema = z
  .object({
    handoverId: sfId,
    itemId: sfId.optional(),
    recordId: sfId.optional(),
    notes: longText.nullable().optional(),
    riskNotes: longText.nullable().optional(),
    nextStep: z.string().max(255).nullable().optional(),
    confirm: z.boolean().optional(),
  })
  .refine(
    (v) => (v.itemId === undefined) !== (v.recordId === undefined),
    'name the item: itemId or recordId (one of them)',
  )
  .refine(
    (v) => v.notes !== undefined || v.riskNotes !== undefined || v.nextStep !== undefined || v.confirm !== undefined,
    'give notes, riskNotes, nextStep or confirm',
  );

export type NoteInput = z.input<typeof noteSchema>;

/** Writes the rep's notes on one item (by its id, or the record it is about) and/or confirms it. */
export async function addNote(
  conn: OrgConnection,
  rawInput: NoteInput,
  deps: Partial<ServiceDeps> = {},
): Promise<EditResult> {
  const input = parseInput(noteSchema, rawInput, 'add a note');
  const d = withDefaults(deps);
  const loaded = await loadAsParty(conn, input.handoverId, d);
  const item = findItem(loaded, input.itemId, input.recordId);
  if (item.category === 'Question') {
    throw new HandoverError('NOT_CONFIRMABLE', 'This item is a question: answer it instead of adding a note.', {
      actions: ['Answer the question.'],
      data: { itemId: item.id },
    });
  }
  if (input.confirm !== undefined) requireDeparting(loaded);
  const change: ItemChange = {
    id: item.id,
    notes: input.notes,
    riskNotes: input.riskNotes,
    nextStep: input.nextStep,
    confirmedByDeparting: input.confirm,
  };
  return applyContentEdit(conn, loaded, { items: [change] }, d.now().toISOString(), {
    operation: 'note',
    itemIds: [item.id],
    fields: Object.entries({
      notes: input.notes,
      riskNotes: input.riskNotes,
      nextStep: input.nextStep,
      confirmed: input.confirm,
    })
      .filter(([, v]) => v !== undefined)
      .map(([k]) => k),
  });
}

// ---------------------------------------------------------------- confirmations

const confirmSchema = z.object({
  handoverId: sfId,
  itemIds: z.array(sfId).min(1, 'name the items to confirm'),
  /** false takes confirmations back. */
  confirmed: z.boolean().optional().default(true),
});

export type ConfirmInput = z.input<typeof confirmSchema>;

/** The departing rep confirms the named items (each named: confirmation is item by item). */
export async function confirmItems(
  conn: OrgConnection,
  rawInput: ConfirmInput,
  deps: Partial<ServiceDeps> = {},
): Promise<EditResult> {
  const input = parseInput(confirmSchema, rawInput, 'confirm items');
  const d = withDefaults(deps);
  const loaded = await loadAsParty(conn, input.handoverId, d);
  requireDeparting(loaded);
  const items = [...new Set(input.itemIds)].map((id) => findItem(loaded, id, undefined));
  const questions = items.filter((i) => i.category === 'Question');
  if (questions.length > 0) {
    throw new HandoverError('NOT_CONFIRMABLE', 'Questions are answered, not confirmed.', {
      data: { itemIds: questions.map((q) => q.id) },
    });
  }
  const changes = items
    .filter((i) => i.confirmedByDeparting !== input.confirmed)
    .map((i): ItemChange => ({ id: i.id, confirmedByDeparting: input.confirmed }));
  return applyContentEdit(conn, loaded, { items: changes }, d.now().toISOString(), {
    operation: input.confirmed ? 'confirm' : 'unconfirm',
    itemIds: changes.map((c) => c.id ?? ''),
  });
}

// ---------------------------------------------------------------- relationship map

const contactNoteSchema = z.object({
  handoverId: sfId,
  contactId: sfId,
  accountId: sfId.optional(),
  decisionRole: z.enum(CONTACT_DECISION_ROLES).nullable().optional(),
  stance: z.enum(CONTACT_STANCES).nullable().optional(),
  caresAbout: longText.nullable().optional(),
  preferredChannel: z.enum(CONTACT_CHANNELS).nullable().optional(),
  preferredTimes: z.string().max(255).nullable().optional(),
  topicsToAvoid: longText.nullable().optional(),
  reportsToId: sfId.nullable().optional(),
  notes: longText.nullable().optional(),
  confirm: z.boolean().optional(),
});

export type ContactNoteInput = z.input<typeof contactNoteSchema>;

/** Writes what the rep knows about one contact (the relationship map); a new row if the contact has none. */
export async function upsertContactNote(
  conn: OrgConnection,
  rawInput: ContactNoteInput,
  deps: Partial<ServiceDeps> = {},
): Promise<EditResult> {
  const input = parseInput(contactNoteSchema, rawInput, 'write a contact note');
  const d = withDefaults(deps);
  const loaded = await loadAsParty(conn, input.handoverId, d);
  if (input.confirm !== undefined) requireDeparting(loaded);
  const { contactId } = input;
  const existing = loaded.handover.contactNotes.find(
    (n) => n.contactId !== null && id18(n.contactId) === id18(contactId),
  );
  // A new person on the map: the handover keeps their name and title (successors cannot open them yet).
  const contact = existing === undefined ? await readContact(conn, contactId) : undefined;
  const values = {
    ...(contact === undefined ? {} : { contactName: contact.Name ?? null, contactTitle: contact.Title ?? null }),
    accountId: input.accountId ?? contact?.AccountId ?? undefined,
    decisionRole: input.decisionRole,
    stance: input.stance,
    caresAbout: input.caresAbout,
    preferredChannel: input.preferredChannel,
    preferredTimes: input.preferredTimes,
    topicsToAvoid: input.topicsToAvoid,
    reportsToId: input.reportsToId,
    notes: input.notes,
    confirmedByDeparting: input.confirm,
  };
  const change: ContactNoteChange = existing === undefined ? { ...values, contactId } : { ...values, id: existing.id };
  return applyContentEdit(conn, loaded, { contactNotes: [change] }, d.now().toISOString(), {
    operation: 'contact_note',
    contactId,
  });
}

const contactRow = z.object({
  Id: z.string(),
  Name: z.string().nullish(),
  Title: z.string().nullish(),
  AccountId: z.string().nullish(),
});

async function readContact(conn: OrgConnection, contactId: string): Promise<z.infer<typeof contactRow>> {
  const [row] = await queryByIds(conn, 'Contact', 'Id, Name, Title, AccountId', [contactId], contactRow, 'contact');
  if (row === undefined) {
    throw new HandoverError('CONTACT_NOT_FOUND', `No contact ${contactId} that you can see.`, {
      actions: ['Check the contact Id; the departing rep or the manager can add people they can open.'],
      data: { contactId },
    });
  }
  return row;
}

// ---------------------------------------------------------------- manual lines

const SECTION_CATEGORY = {
  cross_department: 'Cross_Department',
  system_access: 'System_Access',
  team_routine: 'Team_Routine',
  note: 'Note',
} as const;

const lineSchema = z.object({
  handoverId: sfId,
  section: z.enum(['cross_department', 'system_access', 'team_routine', 'note']),
  text: z.string().trim().min(1, 'write the line').max(32768),
  title: z.string().trim().max(255).optional(),
  counterpart: z.string().trim().max(255).optional(),
  dueDate: isoDate.optional(),
  priority: z.enum(ITEM_PRIORITIES).optional(),
  recordId: sfId.optional(),
});

export type ChecklistLineInput = z.input<typeof lineSchema>;

/**
 * Adds a manual line (module D, or a free note). A line the departing rep writes is their own
 * statement, so it counts as confirmed; one the manager writes waits for the rep's confirmation.
 */
export async function addChecklistItem(
  conn: OrgConnection,
  rawInput: ChecklistLineInput,
  deps: Partial<ServiceDeps> = {},
): Promise<EditResult> {
  const input = parseInput(lineSchema, rawInput, 'add a checklist line');
  const d = withDefaults(deps);
  const loaded = await loadAsParty(conn, input.handoverId, d);
  const change: ItemChange = {
    category: SECTION_CATEGORY[input.section],
    objectType: 'Manual',
    recordId: input.recordId ?? null,
    recordName: input.title ?? firstLine(input.text),
    notes: input.text,
    counterpart: input.counterpart ?? null,
    dueDate: input.dueDate ?? null,
    priority: input.priority ?? null,
    state: 'Open',
    previousOwnerId: loaded.handover.header.departingUserId,
    confirmedByDeparting: loaded.role === 'departing',
    transferStatus: 'Not_Planned',
  };
  return applyContentEdit(conn, loaded, { items: [change] }, d.now().toISOString(), {
    operation: 'add_line',
    section: input.section,
  });
}

// ---------------------------------------------------------------- helpers

function firstLine(text: string): string {
  return text.split('\n')[0]?.slice(0, 255) ?? '';
}

export function findItem(
  loaded: LoadedHandover,
  itemId: string | undefined,
  recordId: string | undefined,
): HandoverItem {
  const items = loaded.handover.items;
  const found =
    itemId !== undefined
      ? items.find((i) => i.id === itemId)
      : items.find((i) => i.recordId === recordId && i.category !== 'Question');
  if (found === undefined) {
    const what = itemId !== undefined ? `item ${itemId}` : `an item for record ${recordId ?? ''}`;
    throw new HandoverError('ITEM_NOT_FOUND', `This handover has no ${what}.`, {
      actions: ['Check the item or record Id in the handover.'],
      data: { handoverId: loaded.handover.header.id, itemId, recordId },
    });
  }
  return found;
}

function requireDeparting(loaded: LoadedHandover): void {
  if (loaded.role === 'departing') return;
  throw new HandoverError(
    'ROLE_NOT_ALLOWED',
    'Only the departing rep confirms checklist items: a confirmation is their statement.',
    {
      actions:
        loaded.role === 'manager'
          ? [
              'Ask the departing rep to confirm.',
              'If they cannot, approve with an override: unconfirmed items stay marked.',
            ]
          : ['Ask the departing rep to confirm.'],
      data: { handoverId: loaded.handover.header.id, role: loaded.role },
    },
  );
}
