/**
 * The check after a run: from the plan and the owners read back from the org, did everything the
 * plan moved end up with its successor, and is nothing left with the departing user? Every exception
 * is listed with its reason: failed (with the org's message from the journal), conflict (with the
 * owner now), not found, stays by policy (with the rule), and records the departing user owns that the
 * handover never listed (created or missed since the draft).
 */
import type { TransferStatus } from '../sobjects.js';
import { movesOf } from './batching.js';
import { compareIds } from './items.js';
import type { ReassignPlan, StayReason } from './plan.js';

/** An item's journal state, as stored on Handover_Item__c. */
export type JournalEntry = {
  itemId: string;
  recordId: string;
  transferStatus: TransferStatus;
  transferError: string | null;
};

export type OwnedRecord = { recordId: string; objectType: string; ownerId: string };

export type VerifyInput = {
  plan: Pick<ReassignPlan, 'phases' | 'stays' | 'skipped'>;
  /** recordId -> OwnerId now; a record missing (or null) was not found. */
  currentOwners: Readonly<Record<string, string | null>>;
  journal?: readonly JournalEntry[];
  /** What a fresh query finds owned by the departing users: anything the plan does not know is reported. */
  ownedByDeparting?: readonly OwnedRecord[];
};

export type ExceptionKind =
  'failed' | 'not_moved' | 'owner_reverted' | 'not_in_handover' | 'conflict' | 'not_found' | 'stays_by_policy';

/** The kinds that leave a record with the departing user against the plan, and the report order. */
const EXCEPTION_KINDS: readonly { kind: ExceptionKind; leftWithDeparting: boolean }[] = [
  { kind: 'failed', leftWithDeparting: true },
  { kind: 'not_moved', leftWithDeparting: true },
  { kind: 'owner_reverted', leftWithDeparting: true },
  { kind: 'not_in_handover', leftWithDeparting: true },
  { kind: 'conflict', leftWithDeparting: false },
  { kind: 'not_found', leftWithDeparting: false },
  { kind: 'stays_by_policy', leftWithDeparting: false },
];

export type VerifyException = {
  kind: ExceptionKind;
  recordId: string;
  objectType: string;
  accountId: string | null;
  itemIds: string[];
  departingOwnerId: string;
  /** The successor the plan named; null for a record the handover does not list. */
  expectedOwnerId: string | null;
  currentOwnerId: string | null;
  leftWithDeparting: boolean;
  /** The org's error for failed records, else an English sentence (the UI translates by kind). */
  message: string;
  stayReason: StayReason | null;
};

export type ObjectVerification = { checked: number; transferred: number; leftWithDeparting: number };

export type VerifyReport = {
  /** Nothing the plan moved is still with the departing user, and nothing unlisted is. */
  ok: boolean;
  /** Records the plan moved now or in an earlier run. */
  checked: number;
  transferred: number;
  leftWithDeparting: number;
  exceptions: VerifyException[];
  counts: Record<ExceptionKind, number>;
  perObject: Record<string, ObjectVerification>;
};

type Expected = {
  recordId: string;
  objectType: string;
  accountId: string | null;
  itemIds: string[];
  from: string;
  to: string;
  /** Moved by an earlier run (the plan skipped it as already transferred). */
  movedBefore: boolean;
};

export function verifyReassignment(input: VerifyInput): VerifyReport {
  const { plan } = input;
  const ownerOf = (recordId: string): string | null =>
    Object.hasOwn(input.currentOwners, recordId) ? (input.currentOwners[recordId] ?? null) : null;
  const journal = journalByRecord(input.journal ?? []);
  const expected: Expected[] = [
    ...movesOf(plan.phases).map((m) => ({ ...m, from: m.fromOwnerId, to: m.toOwnerId, movedBefore: false })),
    ...plan.skipped
      .filter((s) => s.reason === 'already_transferred')
      .map((s) => ({ ...s, from: s.previousOwnerId, to: s.successorId, movedBefore: true })),
  ];

  const exceptions: VerifyException[] = [];
  const perObject: Record<string, ObjectVerification> = {};
  let transferred = 0;
  for (const record of expected) {
    const object = (perObject[record.objectType] ??= { checked: 0, transferred: 0, leftWithDeparting: 0 });
    object.checked++;
    const current = ownerOf(record.recordId);
    if (current === record.to) {
      transferred++;
      object.transferred++;
      continue;
    }
    const exception = moveException(record, current, journal.get(record.recordId) ?? []);
    if (exception.leftWithDeparting) object.leftWithDeparting++;
    exceptions.push(exception);
  }

  for (const stay of plan.stays) {
    exceptions.push({
      ...base(stay.recordId, stay.objectType, stay.accountId, stay.itemIds, stay.previousOwnerId),
      kind: 'stays_by_policy',
      expectedOwnerId: stay.previousOwnerId,
      currentOwnerId: ownerOf(stay.recordId),
      message: `Stays with the departing user by policy (${stay.reason}); set ${stay.movedWhen} to move it.`,
      stayReason: stay.reason,
    });
  }

  const known = new Set([...expected, ...plan.stays, ...plan.skipped].map((r) => r.recordId));
  const unlisted = new Map<string, OwnedRecord>();
  for (const owned of input.ownedByDeparting ?? []) if (!known.has(owned.recordId)) unlisted.set(owned.recordId, owned);
  for (const owned of unlisted.values()) {
    const object = (perObject[owned.objectType] ??= { checked: 0, transferred: 0, leftWithDeparting: 0 });
    object.leftWithDeparting++;
    exceptions.push({
      ...base(owned.recordId, owned.objectType, null, [], owned.ownerId),
      kind: 'not_in_handover',
      expectedOwnerId: null,
      currentOwnerId: owned.ownerId,
      leftWithDeparting: true,
      message: 'Owned by the departing user but not in the handover: add it and run again.',
    });
  }

  const rank = (kind: ExceptionKind): number => EXCEPTION_KINDS.findIndex((k) => k.kind === kind);
  exceptions.sort(
    (a, b) =>
      rank(a.kind) - rank(b.kind) || compareIds(a.objectType, b.objectType) || compareIds(a.recordId, b.recordId),
  );
  const counts = Object.fromEntries(EXCEPTION_KINDS.map(({ kind }) => [kind, 0])) as Record<ExceptionKind, number>;
  for (const e of exceptions) counts[e.kind]++;
  const leftWithDeparting = exceptions.filter((e) => e.leftWithDeparting).length;
  return {
    ok: leftWithDeparting === 0,
    checked: expected.length,
    transferred,
    leftWithDeparting,
    exceptions,
    counts,
    perObject: Object.fromEntries(Object.entries(perObject).sort(([a], [b]) => compareIds(a, b))),
  };
}

function base(
  recordId: string,
  objectType: string,
  accountId: string | null,
  itemIds: string[],
  departingOwnerId: string,
): Pick<
  VerifyException,
  'recordId' | 'objectType' | 'accountId' | 'itemIds' | 'departingOwnerId' | 'leftWithDeparting' | 'stayReason'
> {
  return { recordId, objectType, accountId, itemIds, departingOwnerId, leftWithDeparting: false, stayReason: null };
}

function moveException(record: Expected, current: string | null, entries: readonly JournalEntry[]): VerifyException {
  const common = {
    ...base(record.recordId, record.objectType, record.accountId, record.itemIds, record.from),
    expectedOwnerId: record.to,
    currentOwnerId: current,
  };
  if (current === null) {
    return { ...common, kind: 'not_found', message: 'The record was not found: deleted or no longer visible.' };
  }
  if (current !== record.from) {
    return { ...common, kind: 'conflict', message: `Owned by ${current}, not the successor ${record.to}.` };
  }
  const failed = entries.find((e) => e.transferStatus === 'Failed');
  if (failed !== undefined) {
    return { ...common, kind: 'failed', leftWithDeparting: true, message: failed.transferError ?? 'Failed.' };
  }
  if (record.movedBefore || entries.some((e) => e.transferStatus === 'Transferred')) {
    return {
      ...common,
      kind: 'owner_reverted',
      leftWithDeparting: true,
      message: 'Transferred, but the departing user owns it again (an assignment rule, a flow or a person).',
    };
  }
  const status = entries[0]?.transferStatus ?? 'Pending';
  return { ...common, kind: 'not_moved', leftWithDeparting: true, message: `Not moved yet (${status}).` };
}

function journalByRecord(journal: readonly JournalEntry[]): Map<string, JournalEntry[]> {
  const byRecord = new Map<string, JournalEntry[]>();
  for (const entry of journal) {
    const list = byRecord.get(entry.recordId);
    if (list === undefined) byRecord.set(entry.recordId, [entry]);
    else list.push(entry);
  }
  return byRecord;
}
