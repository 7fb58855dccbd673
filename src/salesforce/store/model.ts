/**
 * A handover as the store reads and writes it: the Handover__c header and its children, with Ids in
 * their 18-character form, dates as "YYYY-MM-DD" and instants as UTC ISO strings.
 */
import type { IsoDate, IsoDateTime, Priority } from '../../core/model.js';
import type { SignoffStatus } from '../../core/signoff.js';
import type { HandoverReason, ItemCategory, ItemState, SignatureRole, TransferStatus } from '../../core/sobjects.js';
import type { HandoverSummary } from './summary.js';

export type HandoverHeader = {
  id: string;
  /** The auto-number (HO-0001). */
  name: string | null;
  ownerId: string | null;
  departingUserId: string;
  managerId: string | null;
  status: SignoffStatus;
  lastWorkingDay: IsoDate;
  reason: HandoverReason | null;
  successorIds: string[];
  completeness: number | null;
  gapCount: number | null;
  /** Null while the handover is being written: it is complete once the hash is set. */
  contentHash: string | null;
  reviewDue: IsoDate | null;
  transitionEnd: IsoDate | null;
  overrideReason: string | null;
  approvedAt: IsoDateTime | null;
  summary: HandoverSummary | null;
  createdById: string | null;
  createdDate: IsoDateTime | null;
  lastModifiedDate: IsoDateTime | null;
};

/** The header fields a caller may write. */
export type HeaderFields = Omit<
  HandoverHeader,
  'id' | 'name' | 'ownerId' | 'createdById' | 'createdDate' | 'lastModifiedDate'
>;

export type HandoverItem = {
  id: string;
  handoverId: string;
  objectType: string | null;
  recordId: string | null;
  recordName: string | null;
  accountId: string | null;
  successorId: string | null;
  previousOwnerId: string | null;
  category: ItemCategory;
  priority: Priority | null;
  dueDate: IsoDate | null;
  state: ItemState | null;
  riskNotes: string | null;
  nextStep: string | null;
  notes: string | null;
  answer: string | null;
  askedById: string | null;
  answeredAt: IsoDateTime | null;
  counterpart: string | null;
  confirmedByDeparting: boolean;
  reviewedBySuccessor: boolean;
  transferStatus: TransferStatus | null;
  transferError: string | null;
  transferredAt: IsoDateTime | null;
};

export type ItemFields = Omit<HandoverItem, 'id' | 'handoverId'>;

/** A new item: the category, and any other field (the rest are null / false). */
export type ItemDraft = Partial<ItemFields> & { category: ItemCategory; id?: undefined };

/** An item to write: with an id it is updated (only the fields given), without it is inserted. */
export type ItemChange = (Partial<ItemFields> & { id: string }) | ItemDraft;

export type ContactNote = {
  id: string;
  handoverId: string;
  contactId: string | null;
  /** The contact's name and title when the handover was built (successors cannot open the contact yet). */
  contactName: string | null;
  contactTitle: string | null;
  accountId: string | null;
  decisionRole: string | null;
  stance: string | null;
  caresAbout: string | null;
  preferredChannel: string | null;
  preferredTimes: string | null;
  topicsToAvoid: string | null;
  reportsToId: string | null;
  notes: string | null;
  confirmedByDeparting: boolean;
};

export type ContactNoteFields = Omit<ContactNote, 'id' | 'handoverId'>;
export type ContactNoteDraft = Partial<ContactNoteFields> & { contactId: string; id?: undefined };
export type ContactNoteChange = (Partial<ContactNoteFields> & { id: string }) | ContactNoteDraft;

export type SignatureRecord = {
  id: string;
  handoverId: string;
  signerId: string;
  role: SignatureRole;
  signedAt: IsoDateTime;
  contentHash: string;
  comment: string | null;
};

export type SignatureDraft = Omit<SignatureRecord, 'id' | 'handoverId'>;

/** One row of the append-only audit log. */
export type AuditEvent = {
  id: string;
  handoverId: string;
  actorId: string | null;
  action: string;
  occurredAt: IsoDateTime;
  /** Canonical JSON of the details, exactly as stored (the event hash covers this text). */
  details: string | null;
  contentHash: string | null;
  previousEventHash: string | null;
  eventHash: string | null;
};

/** An event to append; the store serialises the details and chains the hashes. */
export type AuditEventInput = {
  action: string;
  actorId: string;
  at: IsoDateTime;
  contentHash: string | null;
  details: Readonly<Record<string, unknown>>;
};

export type Handover = {
  header: HandoverHeader;
  items: HandoverItem[];
  contactNotes: ContactNote[];
  signatures: SignatureRecord[];
  /** In chain order (oldest first). */
  events: AuditEvent[];
};

/** An item with only the fields a run reads: a 100,000-item run keeps 100,000 of them. */
export type RunItem = Pick<
  HandoverItem,
  | 'id'
  | 'handoverId'
  | 'objectType'
  | 'recordId'
  | 'accountId'
  | 'successorId'
  | 'previousOwnerId'
  | 'category'
  | 'transferStatus'
  | 'transferError'
  | 'transferredAt'
>;

export type RunHandover = Omit<Handover, 'items'> & { items: RunItem[] };

/** Everything a new handover is written with. */
export type HandoverDraft = {
  header: Omit<HeaderFields, 'contentHash'> & { contentHash: string };
  items: readonly ItemDraft[];
  contactNotes: readonly ContactNoteDraft[];
  /** The first event of the log ('handover.created'); written last, once everything else is. */
  createdEvent: AuditEventInput;
  /** Users to share the handover with (the parties besides its creator, who owns it). */
  shareWith?: readonly string[];
};
