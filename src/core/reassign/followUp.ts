/**
 * The follow-up work a reassignment leaves each successor, as tasks to create: review the handover
 * (within 3 business days of receiving it), introduce themself to each key customer's primary
 * contact (1 to 3 business days after the reassignment), and the end of the transition period (one
 * month after the last working day). Dates follow the org's business calendar (holidays and 调休)
 * through deadlines.ts, so the numbers live in one place.
 *
 * Every task has a deterministic `externalKey` built from ids only (no dates): a resumed or repeated
 * run finds the tasks it already created and never creates them twice.
 */
import type { BusinessCalendar } from '../businessDays.js';
import { handoverDeadlines } from '../deadlines.js';
import type { AccountHandover, IsoDate, Priority, RelationshipContact } from '../model.js';
import { compareIds } from './items.js';

export type KeyCustomer = {
  accountId: string;
  accountName: string;
  successorId: string;
  /** Null when the account has no contact: the successor then reaches out to the account itself. */
  primaryContact: { contactId: string; name: string } | null;
};

export type FollowUpInput = {
  handoverId: string;
  departingUserId: string;
  departingName: string;
  lastWorkingDay: IsoDate;
  /** The day the records moved, in the org's zone. */
  reassignedOn: IsoDate;
  today: IsoDate;
  /** Each successor and the day they received the checklist. */
  successors: readonly { successorId: string; receivedOn: IsoDate }[];
  keyCustomers: readonly KeyCustomer[];
  /** Policy: freeze the departing user once the last working day is over. */
  freezeAfterLastDay: boolean;
  departingIsFrozen: boolean;
};

export type FollowUpKind = 'review_handover' | 'introduce_to_contact' | 'transition_end';

export type FollowUpTask = {
  externalKey: string;
  kind: FollowUpKind;
  ownerId: string;
  /** The handover, or the key customer's account. */
  whatId: string;
  /** The contact to call, when there is one. */
  whoId: string | null;
  /** English; the UI translates by kind. */
  subject: string;
  dueDate: IsoDate;
  /** Not before this day (the introduction window opens 1 business day after the reassignment). */
  earliestDate: IsoDate | null;
  priority: Priority;
};

export type FollowUpAction = { kind: 'freeze_user'; userId: string; reason: string };

export type FollowUpPlan = { tasks: FollowUpTask[]; actions: FollowUpAction[] };

const KIND_ORDER: readonly FollowUpKind[] = ['review_handover', 'introduce_to_contact', 'transition_end'];

export function followUpKey(handoverId: string, kind: FollowUpKind, successorId: string, subjectId?: string): string {
  return ['handover', handoverId, kind, successorId, ...(subjectId === undefined ? [] : [subjectId])].join(':');
}

export function planFollowUps(cal: BusinessCalendar, input: FollowUpInput): FollowUpPlan {
  const tasks = new Map<string, FollowUpTask>();
  const add = (task: FollowUpTask): void => {
    if (!tasks.has(task.externalKey)) tasks.set(task.externalKey, task);
  };
  const base = { today: input.today, lastWorkingDay: input.lastWorkingDay, reassignedOn: input.reassignedOn };
  const successorIds = new Set(input.successors.map((s) => s.successorId));

  for (const { successorId, receivedOn } of input.successors) {
    const deadlines = handoverDeadlines(cal, { ...base, receivedOn });
    add({
      externalKey: followUpKey(input.handoverId, 'review_handover', successorId),
      kind: 'review_handover',
      ownerId: successorId,
      whatId: input.handoverId,
      whoId: null,
      subject: `Review the handover from ${input.departingName}`,
      dueDate: deadlines.reviewDue,
      earliestDate: null,
      priority: 'High',
    });
    add({
      externalKey: followUpKey(input.handoverId, 'transition_end', successorId),
      kind: 'transition_end',
      ownerId: successorId,
      whatId: input.handoverId,
      whoId: null,
      subject: `Transition with ${input.departingName} ends: ask your last questions`,
      dueDate: deadlines.transitionEnd,
      earliestDate: null,
      priority: 'Medium',
    });
  }

  const window = handoverDeadlines(cal, base).contactKeyCustomers;
  const sortedCustomers = [...input.keyCustomers].sort(
    (a, b) => compareIds(a.successorId, b.successorId) || compareIds(a.accountId, b.accountId),
  );
  for (const customer of sortedCustomers) {
    if (window === null || !successorIds.has(customer.successorId)) continue;
    const contact = customer.primaryContact;
    // One task per contact and successor: a contact who is primary for two accounts hears from each successor once.
    add({
      externalKey: followUpKey(
        input.handoverId,
        'introduce_to_contact',
        customer.successorId,
        contact?.contactId ?? `account-${customer.accountId}`,
      ),
      kind: 'introduce_to_contact',
      ownerId: customer.successorId,
      whatId: customer.accountId,
      whoId: contact?.contactId ?? null,
      subject:
        contact === null
          ? `Introduce yourself to ${customer.accountName}`
          : `Introduce yourself to ${contact.name} (${customer.accountName})`,
      dueDate: window.latest,
      earliestDate: window.earliest,
      priority: 'High',
    });
  }

  const actions: FollowUpAction[] = [];
  // ISO dates compare as strings.
  if (input.freezeAfterLastDay && !input.departingIsFrozen && input.today > input.lastWorkingDay) {
    actions.push({
      kind: 'freeze_user',
      userId: input.departingUserId,
      reason: `The last working day (${input.lastWorkingDay}) is over: access ends (freeze, then deactivate).`,
    });
  }

  const sorted = [...tasks.values()].sort(
    (a, b) =>
      compareIds(a.ownerId, b.ownerId) ||
      KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) ||
      compareIds(a.externalKey, b.externalKey),
  );
  return { tasks: sorted, actions };
}

// ---------------------------------------------------------------- key customers from the handover

/**
 * The key accounts of a handover with their successor and primary contact. The successor comes from
 * the account (or `successorOf`, the split's assignments); accounts without one are left out.
 */
export function keyCustomersFrom(
  accounts: readonly AccountHandover[],
  successorOf: Readonly<Record<string, string>> = {},
): KeyCustomer[] {
  return accounts.flatMap((account): KeyCustomer[] => {
    const successorId =
      account.successorId ??
      (Object.hasOwn(successorOf, account.accountId) ? successorOf[account.accountId] : undefined);
    if (!account.isKeyAccount || successorId === undefined) return [];
    const contact = primaryContactOf(account.relationshipMap.contacts);
    return [
      {
        accountId: account.accountId,
        accountName: account.name,
        successorId,
        primaryContact: contact === null ? null : { contactId: contact.contactId, name: contact.name },
      },
    ];
  });
}

/**
 * The contact to call first: the primary contact on an open deal, then a decision maker, then the
 * most recently touched, then the lowest id (so the choice is stable).
 */
export function primaryContactOf(contacts: readonly RelationshipContact[]): RelationshipContact | null {
  const ranked = [...contacts].sort(
    (a, b) =>
      Number(b.isPrimaryOnOpenDeal) - Number(a.isPrimaryOnOpenDeal) ||
      Number(b.isDecisionMaker) - Number(a.isDecisionMaker) ||
      compareIds(b.lastTouch ?? '', a.lastTouch ?? '') ||
      compareIds(a.contactId, b.contactId),
  );
  return ranked[0] ?? null;
}
