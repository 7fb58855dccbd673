/**
 * The signed content of a stored handover (core/contentHash.ts's projection) from the store's model:
 * the same function serves a draft about to be written and a handover read back, so the hash a
 * signature covers is the hash anyone can recompute from the org's rows.
 */
import { handoverContentHash, type HandoverContentInput } from '../../core/contentHash.js';
import type { ContactNotes } from '../../core/model.js';
import type { ContactNoteFields, HandoverHeader, ItemFields } from './model.js';
import { normaliseContactNoteFields, normaliseItemFields } from './rows.js';

export type ContentHeader = Pick<HandoverHeader, 'departingUserId' | 'successorIds' | 'lastWorkingDay' | 'reason'>;
export type ContentItem = Partial<ItemFields> & Pick<ItemFields, 'category'>;
export type ContentContactNote = Partial<ContactNoteFields>;

export function contentInput(
  header: ContentHeader,
  items: readonly ContentItem[],
  contactNotes: readonly ContentContactNote[],
): HandoverContentInput {
  return {
    header: {
      departingId: header.departingUserId,
      successorIds: [...header.successorIds],
      lastWorkingDay: header.lastWorkingDay,
      reason: header.reason ?? '',
    },
    items: items.map((raw) => {
      const i = normaliseItemFields(raw);
      return {
        objectType: i.objectType ?? '',
        recordId: i.recordId ?? null,
        successorId: i.successorId ?? null,
        category: i.category,
        priority: i.priority ?? null,
        dueDate: i.dueDate ?? null,
        state: i.state ?? null,
        riskNotes: i.riskNotes ?? null,
        nextStep: i.nextStep ?? null,
        notes: i.notes ?? null,
        counterpart: i.counterpart ?? null,
        confirmedByDeparting: i.confirmedByDeparting === true,
      };
    }),
    contactNotes: contactNotes.map((raw): ContactNotes => {
      const c = normaliseContactNoteFields(raw);
      return {
        contactId: c.contactId ?? '',
        decisionRole: c.decisionRole ?? null,
        stance: c.stance ?? null,
        caresAbout: c.caresAbout ?? null,
        preferredChannel: c.preferredChannel ?? null,
        preferredTimes: c.preferredTimes ?? null,
        topicsToAvoid: c.topicsToAvoid ?? null,
        reportsToId: c.reportsToId ?? null,
        notes: c.notes ?? null,
      };
    }),
    // Module D lines are items (Cross_Department, System_Access, Team_Routine): no free-text sections.
    manualSections: [],
  };
}

/** The SHA-256 a signature over this content carries. */
export function computeContentHash(
  header: ContentHeader,
  items: readonly ContentItem[],
  contactNotes: readonly ContentContactNote[],
): string {
  return handoverContentHash(contentInput(header, items, contactNotes));
}
