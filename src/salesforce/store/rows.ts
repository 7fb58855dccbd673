/**
 * The mapping between the store's model and the org's rows: which fields are selected, how each row
 * is validated (zod) and how a model value becomes a record to write. Field names come from
 * core/sobjects.ts only.
 */
import { z } from 'zod';
import { SIGNOFF_STATUSES } from '../../core/signoff.js';
import {
  CONTACT_NOTE_FIELDS as C,
  EVENT_FIELDS as E,
  FIELD_LENGTHS,
  HANDOVER_FIELDS as H,
  HANDOVER_REASONS,
  ITEM_CATEGORIES,
  ITEM_FIELDS as I,
  ITEM_PRIORITIES,
  ITEM_STATES,
  SIGNATURE_FIELDS as S,
  SIGNATURE_ROLES,
  TRANSFER_STATUSES,
} from '../../core/sobjects.js';
import { id18 } from './ids.js';
import type {
  AuditEvent,
  ContactNote,
  ContactNoteFields,
  HandoverHeader,
  HandoverItem,
  HeaderFields,
  ItemFields,
  SignatureDraft,
  SignatureRecord,
} from './model.js';
import { parseSummary } from './summary.js';
import type { SObjectRecord } from './collections.js';

// ---------------------------------------------------------------- value schemas

const text = z
  .string()
  .nullish()
  .transform((v) => (v === undefined || v === null || v === '' ? null : v));
const id = z.string().transform(id18);
const optionalId = z
  .string()
  .nullish()
  .transform((v) => (v === undefined || v === null || v === '' ? null : id18(v)));
const date = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .nullish()
  .transform((v) => v ?? null);
/** The API prints instants as "2024-05-01T12:34:56.000+0000": the store keeps UTC ISO strings. */
const instant = z
  .string()
  .nullish()
  .transform((v, ctx) => {
    if (v === undefined || v === null || v === '') return null;
    const ms = Date.parse(v.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
    if (Number.isNaN(ms)) {
      ctx.addIssue({ code: 'custom', message: `not a datetime: ${v}` });
      return z.NEVER;
    }
    return new Date(ms).toISOString();
  });
const flag = z
  .boolean()
  .nullish()
  .transform((v) => v === true);
const number = z
  .number()
  .nullish()
  .transform((v) => v ?? null);
const picklist = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .enum(values)
    .nullish()
    .transform((v) => v ?? null);

export function normaliseInstant(value: string): string {
  const ms = Date.parse(value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return Number.isNaN(ms) ? value : new Date(ms).toISOString();
}

// ---------------------------------------------------------------- Handover__c

export const HEADER_SELECT = [
  'Id',
  'Name',
  'OwnerId',
  'CreatedById',
  'CreatedDate',
  'LastModifiedDate',
  ...Object.values(H).filter((f) => f !== H.runLeaseOwner && f !== H.runLeaseExpires && f !== H.runJournal),
];

const headerRow = z.object({
  Id: id,
  Name: text,
  OwnerId: optionalId,
  CreatedById: optionalId,
  CreatedDate: instant,
  LastModifiedDate: instant,
  [H.departingUser]: id,
  [H.manager]: optionalId,
  [H.status]: z.enum(SIGNOFF_STATUSES),
  [H.lastWorkingDay]: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  [H.reason]: picklist(HANDOVER_REASONS),
  [H.successorIds]: text,
  [H.completeness]: number,
  [H.gapCount]: number,
  [H.contentHash]: text,
  [H.reviewDue]: date,
  [H.transitionEnd]: date,
  [H.overrideReason]: text,
  [H.approvedAt]: instant,
  [H.summary]: text,
});

export function toHeader(row: z.infer<typeof headerRow>): HandoverHeader {
  return {
    id: row.Id,
    name: row.Name,
    ownerId: row.OwnerId,
    departingUserId: row[H.departingUser],
    managerId: row[H.manager],
    status: row[H.status],
    lastWorkingDay: row[H.lastWorkingDay],
    reason: row[H.reason],
    successorIds: splitIds(row[H.successorIds]),
    completeness: row[H.completeness],
    gapCount: row[H.gapCount],
    contentHash: row[H.contentHash],
    reviewDue: row[H.reviewDue],
    transitionEnd: row[H.transitionEnd],
    overrideReason: row[H.overrideReason],
    approvedAt: row[H.approvedAt],
    summary: parseSummary(row[H.summary]),
    createdById: row.CreatedById,
    createdDate: row.CreatedDate,
    lastModifiedDate: row.LastModifiedDate,
  };
}

export const headerSchema = headerRow;

function splitIds(value: string | null): string[] {
  return (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map(id18);
}

/** Header fields as a record; only the fields present in `fields` are written. */
export function headerRecord(fields: Partial<HeaderFields> & { summaryText?: string | null }): SObjectRecord {
  const record: SObjectRecord = {};
  const put = (name: string, value: unknown): void => {
    if (value !== undefined) record[name] = value;
  };
  put(H.departingUser, fields.departingUserId);
  put(H.manager, fields.managerId);
  put(H.status, fields.status);
  put(H.lastWorkingDay, fields.lastWorkingDay);
  put(H.reason, fields.reason);
  put(H.successorIds, fields.successorIds?.join(','));
  put(H.completeness, fields.completeness);
  put(H.gapCount, fields.gapCount);
  put(H.contentHash, fields.contentHash);
  put(H.reviewDue, fields.reviewDue);
  put(H.transitionEnd, fields.transitionEnd);
  put(H.overrideReason, fields.overrideReason);
  put(H.approvedAt, fields.approvedAt);
  put(H.summary, fields.summaryText);
  return record;
}

// ---------------------------------------------------------------- Handover_Item__c

export const ITEM_SELECT = ['Id', ...Object.values(I)];

export const itemSchema = z.object({
  Id: id,
  [I.handover]: id,
  [I.objectType]: text,
  [I.recordId]: text,
  [I.recordName]: text,
  [I.account]: optionalId,
  [I.successor]: optionalId,
  [I.previousOwner]: optionalId,
  [I.category]: z.enum(ITEM_CATEGORIES),
  [I.priority]: picklist(ITEM_PRIORITIES),
  [I.dueDate]: date,
  [I.state]: picklist(ITEM_STATES),
  [I.riskNotes]: text,
  [I.nextStep]: text,
  [I.notes]: text,
  [I.answer]: text,
  [I.askedBy]: optionalId,
  [I.answeredAt]: instant,
  [I.counterpart]: text,
  [I.confirmedByDeparting]: flag,
  [I.reviewedBySuccessor]: flag,
  [I.transferStatus]: picklist(TRANSFER_STATUSES),
  [I.transferError]: text,
  [I.transferredAt]: instant,
});

export function toItem(row: z.infer<typeof itemSchema>): HandoverItem {
  const recordId = row[I.recordId];
  return {
    id: row.Id,
    handoverId: row[I.handover],
    objectType: row[I.objectType],
    recordId: recordId === null ? null : id18(recordId),
    recordName: row[I.recordName],
    accountId: row[I.account],
    successorId: row[I.successor],
    previousOwnerId: row[I.previousOwner],
    category: row[I.category],
    priority: row[I.priority],
    dueDate: row[I.dueDate],
    state: row[I.state],
    riskNotes: row[I.riskNotes],
    nextStep: row[I.nextStep],
    notes: row[I.notes],
    answer: row[I.answer],
    askedById: row[I.askedBy],
    answeredAt: row[I.answeredAt],
    counterpart: row[I.counterpart],
    confirmedByDeparting: row[I.confirmedByDeparting],
    reviewedBySuccessor: row[I.reviewedBySuccessor],
    transferStatus: row[I.transferStatus],
    transferError: row[I.transferError],
    transferredAt: row[I.transferredAt],
  };
}

const ITEM_COLUMNS: Record<keyof ItemFields, string> = {
  objectType: I.objectType,
  recordId: I.recordId,
  recordName: I.recordName,
  accountId: I.account,
  successorId: I.successor,
  previousOwnerId: I.previousOwner,
  category: I.category,
  priority: I.priority,
  dueDate: I.dueDate,
  state: I.state,
  riskNotes: I.riskNotes,
  nextStep: I.nextStep,
  notes: I.notes,
  answer: I.answer,
  askedById: I.askedBy,
  answeredAt: I.answeredAt,
  counterpart: I.counterpart,
  confirmedByDeparting: I.confirmedByDeparting,
  reviewedBySuccessor: I.reviewedBySuccessor,
  transferStatus: I.transferStatus,
  transferError: I.transferError,
  transferredAt: I.transferredAt,
};

/** Text fields are cut to their length: a long CRM name must not make the whole handover fail. */
const ITEM_LIMITS: Partial<Record<keyof ItemFields, number>> = {
  objectType: FIELD_LENGTHS.itemObjectType,
  recordName: FIELD_LENGTHS.itemRecordName,
  nextStep: FIELD_LENGTHS.itemNextStep,
  counterpart: FIELD_LENGTHS.itemCounterpart,
  transferError: FIELD_LENGTHS.itemTransferError,
  riskNotes: FIELD_LENGTHS.longText,
  notes: FIELD_LENGTHS.longText,
  answer: FIELD_LENGTHS.longText,
};

/**
 * Every field of a new item, blank: an insert names them all, so that no picklist default of the org
 * (Priority Medium, State Open, ...) slips in unseen and changes the content that was hashed.
 */
export const BLANK_ITEM: Omit<ItemFields, 'category'> = {
  objectType: null,
  recordId: null,
  recordName: null,
  accountId: null,
  successorId: null,
  previousOwnerId: null,
  priority: null,
  dueDate: null,
  state: null,
  riskNotes: null,
  nextStep: null,
  notes: null,
  answer: null,
  askedById: null,
  answeredAt: null,
  counterpart: null,
  confirmedByDeparting: false,
  reviewedBySuccessor: false,
  transferStatus: null,
  transferError: null,
  transferredAt: null,
};

export function itemRecord(fields: Partial<ItemFields>): SObjectRecord {
  return columns(fields, ITEM_COLUMNS, ITEM_LIMITS);
}

/** An item's fields as they read back after a write: text cut and blanks as null, booleans false. */
export function normaliseItemFields<T extends Partial<ItemFields>>(fields: T): T {
  return normalise(fields, ITEM_LIMITS as Partial<Record<keyof T, number>>, [
    'confirmedByDeparting',
    'reviewedBySuccessor',
  ]);
}

// ---------------------------------------------------------------- Handover_Contact__c

export const CONTACT_NOTE_SELECT = ['Id', ...Object.values(C)];

export const contactNoteSchema = z.object({
  Id: id,
  [C.handover]: id,
  [C.contact]: optionalId,
  [C.contactName]: text,
  [C.contactTitle]: text,
  [C.account]: optionalId,
  [C.decisionRole]: text,
  [C.stance]: text,
  [C.caresAbout]: text,
  [C.preferredChannel]: text,
  [C.preferredTimes]: text,
  [C.topicsToAvoid]: text,
  [C.reportsTo]: optionalId,
  [C.notes]: text,
  [C.confirmedByDeparting]: flag,
});

export function toContactNote(row: z.infer<typeof contactNoteSchema>): ContactNote {
  return {
    id: row.Id,
    handoverId: row[C.handover],
    contactId: row[C.contact],
    contactName: row[C.contactName],
    contactTitle: row[C.contactTitle],
    accountId: row[C.account],
    decisionRole: row[C.decisionRole],
    stance: row[C.stance],
    caresAbout: row[C.caresAbout],
    preferredChannel: row[C.preferredChannel],
    preferredTimes: row[C.preferredTimes],
    topicsToAvoid: row[C.topicsToAvoid],
    reportsToId: row[C.reportsTo],
    notes: row[C.notes],
    confirmedByDeparting: row[C.confirmedByDeparting],
  };
}

const CONTACT_COLUMNS: Record<keyof ContactNoteFields, string> = {
  contactId: C.contact,
  contactName: C.contactName,
  contactTitle: C.contactTitle,
  accountId: C.account,
  decisionRole: C.decisionRole,
  stance: C.stance,
  caresAbout: C.caresAbout,
  preferredChannel: C.preferredChannel,
  preferredTimes: C.preferredTimes,
  topicsToAvoid: C.topicsToAvoid,
  reportsToId: C.reportsTo,
  notes: C.notes,
  confirmedByDeparting: C.confirmedByDeparting,
};

const CONTACT_LIMITS: Partial<Record<keyof ContactNoteFields, number>> = {
  contactName: FIELD_LENGTHS.contactName,
  contactTitle: FIELD_LENGTHS.contactTitle,
  preferredTimes: FIELD_LENGTHS.contactPreferredTimes,
  caresAbout: FIELD_LENGTHS.longText,
  topicsToAvoid: FIELD_LENGTHS.longText,
  notes: FIELD_LENGTHS.longText,
};

/** Every field of a new relationship-map note, blank (see BLANK_ITEM). */
export const BLANK_CONTACT_NOTE: Omit<ContactNoteFields, 'contactId'> = {
  contactName: null,
  contactTitle: null,
  accountId: null,
  decisionRole: null,
  stance: null,
  caresAbout: null,
  preferredChannel: null,
  preferredTimes: null,
  topicsToAvoid: null,
  reportsToId: null,
  notes: null,
  confirmedByDeparting: false,
};

export function contactNoteRecord(fields: Partial<ContactNoteFields>): SObjectRecord {
  return columns(fields, CONTACT_COLUMNS, CONTACT_LIMITS);
}

export function normaliseContactNoteFields<T extends Partial<ContactNoteFields>>(fields: T): T {
  return normalise(fields, CONTACT_LIMITS as Partial<Record<keyof T, number>>, ['confirmedByDeparting']);
}

// ---------------------------------------------------------------- Handover_Signature__c

export const SIGNATURE_SELECT = ['Id', ...Object.values(S)];

export const signatureSchema = z.object({
  Id: id,
  [S.handover]: id,
  [S.signer]: id,
  [S.role]: z.enum(SIGNATURE_ROLES),
  [S.signedAt]: instant.pipe(z.string()),
  [S.contentHash]: z.string(),
  [S.comment]: text,
});

export function toSignature(row: z.infer<typeof signatureSchema>): SignatureRecord {
  return {
    id: row.Id,
    handoverId: row[S.handover],
    signerId: row[S.signer],
    role: row[S.role],
    signedAt: row[S.signedAt],
    contentHash: row[S.contentHash],
    comment: row[S.comment],
  };
}

export function signatureRecord(handoverId: string, s: SignatureDraft): SObjectRecord {
  return {
    [S.handover]: handoverId,
    [S.signer]: s.signerId,
    [S.role]: s.role,
    [S.signedAt]: s.signedAt,
    [S.contentHash]: s.contentHash,
    [S.comment]: cut(s.comment, FIELD_LENGTHS.longText),
  };
}

// ---------------------------------------------------------------- Handover_Event__c

export const EVENT_SELECT = ['Id', 'CreatedDate', ...Object.values(E)];

export const eventSchema = z.object({
  Id: id,
  CreatedDate: instant,
  [E.handover]: id,
  [E.actor]: optionalId,
  [E.action]: z.string(),
  [E.occurredAt]: instant.pipe(z.string()),
  // The hash covers the details text exactly: no blank-to-null folding here.
  [E.details]: z
    .string()
    .nullish()
    .transform((v) => v ?? null),
  [E.contentHash]: text,
  [E.previousEventHash]: text,
  [E.eventHash]: text,
});

export function toEvent(row: z.infer<typeof eventSchema>): AuditEvent & { createdDate: string | null } {
  return {
    id: row.Id,
    handoverId: row[E.handover],
    actorId: row[E.actor],
    action: row[E.action],
    occurredAt: row[E.occurredAt],
    details: row[E.details],
    contentHash: row[E.contentHash],
    previousEventHash: row[E.previousEventHash],
    eventHash: row[E.eventHash],
    createdDate: row.CreatedDate,
  };
}

export function eventRecord(e: Omit<AuditEvent, 'id'>): SObjectRecord {
  return {
    [E.handover]: e.handoverId,
    [E.actor]: e.actorId,
    [E.action]: e.action,
    [E.occurredAt]: e.occurredAt,
    [E.details]: e.details,
    [E.contentHash]: e.contentHash,
    [E.previousEventHash]: e.previousEventHash,
    [E.eventHash]: e.eventHash,
  };
}

// ---------------------------------------------------------------- helpers

/** Blank as null; longer than the field (UTF-16 units, as the API counts) cut without splitting a pair. */
function cut(value: string | null | undefined, limit: number): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (value.length <= limit) return value;
  const head = value.slice(0, limit);
  return /[\uD800-\uDBFF]$/.test(head) ? head.slice(0, -1) : head;
}

function columns<F extends object>(
  fields: Partial<F>,
  names: Record<keyof F, string>,
  limits: Partial<Record<keyof F, number>>,
): SObjectRecord {
  const record: SObjectRecord = {};
  for (const key of Object.keys(fields) as (keyof F)[]) {
    const value = fields[key];
    // Only the model's own fields are written (extra keys of a caller's object are ignored).
    if (value === undefined || !Object.hasOwn(names, key)) continue;
    const limit = limits[key];
    record[names[key]] = limit !== undefined && typeof value === 'string' ? cut(value, limit) : value;
  }
  return record;
}

function normalise<F extends object>(fields: F, limits: Partial<Record<keyof F, number>>, flags: (keyof F)[]): F {
  const out = { ...fields } as Record<keyof F, unknown>;
  for (const key of Object.keys(out) as (keyof F)[]) {
    const value = out[key];
    if (typeof value === 'string') out[key] = cut(value, limits[key] ?? Number.MAX_SAFE_INTEGER);
    if (flags.includes(key) && value !== true) out[key] = false;
  }
  return out as F;
}
