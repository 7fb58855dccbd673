/**
 * The checklist items the reassignment engine works from, folded into one row per record: several
 * items can name the same record (a task is both a "Record" and a "Pending_Item"), but a record is
 * written once, and every item that names it is journaled with the same outcome.
 */
import type { ItemCategory, TransferStatus } from '../sobjects.js';

/** What the org said about the record when the handover was built; absent means unknown. */
export type ItemFacts = { isClosed?: boolean; isWon?: boolean; isCompletedActivity?: boolean };

/** One Handover_Item__c row of an approved handover, as the engine needs it. */
export type PlanItem = {
  itemId: string;
  objectType: string;
  recordId: string;
  accountId: string | null;
  successorId: string;
  previousOwnerId: string;
  category: ItemCategory;
  transferStatus: TransferStatus;
  facts: ItemFacts;
};

/** Items of these categories name a record the departing user owns; the others (questions, notes, access...) move nothing. */
export const RECORD_CATEGORIES: ReadonlySet<ItemCategory> = new Set<ItemCategory>([
  'Record',
  'Pending_Item',
  'Open_Opportunity',
  'Complaint',
  'Contract_Renewal',
]);

export type PlanErrorCode = 'INVALID_POLICY' | 'INVALID_ITEM' | 'CONFLICTING_ITEMS' | 'SUCCESSOR_IS_OWNER';

/** `id` is the record, item or policy key the error is about. */
export type PlanError = { code: PlanErrorCode; id: string | null; message: string };

/** One record and every item that names it. */
export type RecordGroup = {
  recordId: string;
  objectType: string;
  accountId: string | null;
  successorId: string;
  previousOwnerId: string;
  /** Sorted, so that the same items in any order give the same group. */
  itemIds: string[];
  statuses: TransferStatus[];
  facts: ItemFacts;
};

export type GroupedItems = { groups: RecordGroup[]; ignoredItemIds: string[]; errors: PlanError[] };

/** Ordinal order (UTF-16 code units), the same on every machine and locale. */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Folds items into records, sorted by object type then record id. Items of non-record categories are
 * ignored. Items of one record must agree on the object, the successor and the previous owner: a
 * record cannot go to two people. The account and facts come from the first item (by itemId) that
 * has them.
 */
export function groupItemsByRecord(items: readonly PlanItem[]): GroupedItems {
  const errors: PlanError[] = [];
  const ignoredItemIds: string[] = [];
  const byRecord = new Map<string, PlanItem[]>();
  const sorted = [...items].sort((a, b) => compareIds(a.itemId, b.itemId));
  for (const item of sorted) {
    if (!RECORD_CATEGORIES.has(item.category)) {
      ignoredItemIds.push(item.itemId);
      continue;
    }
    const invalid = invalidField(item);
    if (invalid !== null) {
      errors.push({ code: 'INVALID_ITEM', id: item.itemId, message: `Item ${item.itemId} has no ${invalid}.` });
      continue;
    }
    const list = byRecord.get(item.recordId);
    if (list === undefined) byRecord.set(item.recordId, [item]);
    else list.push(item);
  }
  const groups: RecordGroup[] = [];
  for (const [recordId, list] of byRecord) {
    const group = fold(recordId, list);
    if ('code' in group) errors.push(group);
    else groups.push(group);
  }
  groups.sort((a, b) => compareIds(a.objectType, b.objectType) || compareIds(a.recordId, b.recordId));
  return { groups, ignoredItemIds, errors };
}

function invalidField(item: PlanItem): string | null {
  if (item.recordId === '') return 'record id';
  if (item.objectType === '') return 'object type';
  if (item.successorId === '') return 'successor';
  if (item.previousOwnerId === '') return 'previous owner';
  return null;
}

function fold(recordId: string, list: readonly PlanItem[]): RecordGroup | PlanError {
  const [first] = list;
  if (first === undefined) return { code: 'INVALID_ITEM', id: recordId, message: `Record ${recordId} has no item.` };
  for (const key of ['objectType', 'successorId', 'previousOwnerId'] as const) {
    if (list.every((i) => i[key] === first[key])) continue;
    const values = [...new Set(list.map((i) => i[key]))].join(', ');
    return {
      code: 'CONFLICTING_ITEMS',
      id: recordId,
      message: `The items of record ${recordId} disagree on ${key} (${values}); make them agree.`,
    };
  }
  if (first.successorId === first.previousOwnerId) {
    return {
      code: 'SUCCESSOR_IS_OWNER',
      id: recordId,
      message: `Record ${recordId} would go to ${first.successorId}, who already owns it; pick another successor.`,
    };
  }
  const pick = <K extends keyof ItemFacts>(key: K): ItemFacts[K] =>
    list.find((i) => i.facts[key] !== undefined)?.facts[key];
  const facts: ItemFacts = {};
  for (const key of ['isClosed', 'isWon', 'isCompletedActivity'] as const) {
    const value = pick(key);
    if (value !== undefined) facts[key] = value;
  }
  return {
    recordId,
    objectType: first.objectType,
    accountId: list.find((i) => i.accountId !== null)?.accountId ?? null,
    successorId: first.successorId,
    previousOwnerId: first.previousOwnerId,
    itemIds: list.map((i) => i.itemId),
    statuses: list.map((i) => i.transferStatus),
    facts,
  };
}
