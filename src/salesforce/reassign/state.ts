/**
 * What the engine reads before it plans: the handover's record items as core PlanItems, with the
 * facts that decide what stays (closed deals, closed cases, completed activities) read fresh from
 * the org together with each record's current owner. Small sets are read by Id through REST; large
 * ones with one Bulk API 2.0 query per object over the owners involved, the rest by Id.
 */
import type { ItemFacts, PlanItem } from '../../core/reassign/index.js';
import { RECORD_CATEGORIES } from '../../core/reassign/index.js';
import type { OrgConnection } from '../connection.js';
import { soqlIdentifier, soqlIdList } from '../soql.js';
import type { RunItem } from '../store/model.js';
import { parseRow } from '../store/query.js';
import {
  csvRow,
  interner,
  readOwners,
  runQueryJob,
  type BulkCalls,
  withRetries,
  type OwnerRow,
  type PollOptions,
  type RetryPolicy,
} from './orgCalls.js';

/** The fields that tell whether a record stays with the departing user. */
const FACT_FIELDS: Readonly<Record<string, readonly string[]>> = {
  Opportunity: ['IsClosed', 'IsWon'],
  Case: ['IsClosed'],
  Task: ['IsClosed'],
  Event: ['EndDateTime'],
};

const truthy = (value: unknown): boolean | undefined =>
  value === true || value === 'true' ? true : value === false || value === 'false' ? false : undefined;

export function factsOf(objectType: string, row: OwnerRow | undefined, now: Date): ItemFacts {
  if (row === undefined) return {};
  const facts: ItemFacts = {};
  if (objectType === 'Opportunity') {
    const closed = truthy(row.IsClosed);
    const won = truthy(row.IsWon);
    if (closed !== undefined) facts.isClosed = closed;
    if (won !== undefined) facts.isWon = won;
  } else if (objectType === 'Case') {
    const closed = truthy(row.IsClosed);
    if (closed !== undefined) facts.isClosed = closed;
  } else if (objectType === 'Task') {
    const closed = truthy(row.IsClosed);
    if (closed !== undefined) facts.isCompletedActivity = closed;
  } else if (objectType === 'Event') {
    const end = typeof row.EndDateTime === 'string' && row.EndDateTime !== '' ? Date.parse(row.EndDateTime) : NaN;
    if (!Number.isNaN(end)) facts.isCompletedActivity = end < now.getTime();
  }
  return facts;
}

/** Items that name a record with a successor: what the engine can move. The others are counted, not planned. */
export function recordItems<T extends RunItem>(items: readonly T[]): { planned: T[]; unassigned: T[] } {
  const planned: T[] = [];
  const unassigned: T[] = [];
  for (const item of items) {
    if (!RECORD_CATEGORIES.has(item.category) || item.recordId === null || item.objectType === null) continue;
    if (item.successorId === null || item.previousOwnerId === null) unassigned.push(item);
    else planned.push(item);
  }
  return { planned, unassigned };
}

export function planItemsOf(items: readonly RunItem[], current: ReadonlyMap<string, OwnerRow>, now: Date): PlanItem[] {
  return items.map((i) => ({
    itemId: i.id,
    objectType: i.objectType ?? '',
    recordId: i.recordId ?? '',
    accountId: i.accountId,
    successorId: i.successorId ?? '',
    previousOwnerId: i.previousOwnerId ?? '',
    category: i.category,
    transferStatus: i.transferStatus ?? 'Not_Planned',
    facts: factsOf(i.objectType ?? '', current.get(i.recordId ?? ''), now),
  }));
}

export type ReadStateOptions = {
  /** More records of one object than this are read with a Bulk API 2.0 query. */
  bulkThreshold: number;
  useBulk: boolean;
  poll: PollOptions;
  counter: BulkCalls;
  /** Reads by Id are retried while the org's refusals are transient (a 503, a lock, the network). */
  retry: RetryPolicy;
};

/**
 * The current owner (and facts) of every record, by Id. With Bulk, one query per object over the
 * owners involved (departing users and successors) finds nearly all of them; the few that someone
 * else owns now are read by Id. A record missing from the map was not found.
 */
export async function readCurrentState(
  conn: OrgConnection,
  idsByObject: ReadonlyMap<string, readonly string[]>,
  ownerIds: readonly string[],
  options: ReadStateOptions,
  /** Collects, per object read in bulk, every record this user owns (listed or not): verify's "left with the departing rep". */
  owned?: { userId: string; rows: { recordId: string; objectType: string; ownerId: string }[]; objects: Set<string> },
): Promise<Map<string, OwnerRow>> {
  const out = new Map<string, OwnerRow>();
  // Objects are read side by side: a Bulk API 2.0 query spends most of its time waiting for the job.
  await Promise.all(
    [...idsByObject].map(async ([objectType, ids]) => {
      const fields = FACT_FIELDS[objectType] ?? [];
      let missing = ids;
      if (options.useBulk && ids.length > options.bulkThreshold) {
        const wanted = new Set(ids);
        const select = ['Id', 'OwnerId', ...fields].map(soqlIdentifier).join(', ');
        const soql = `SELECT ${select} FROM ${soqlIdentifier(objectType)} WHERE OwnerId IN ${soqlIdList(ownerIds)}`;
        const intern = interner();
        // Only the columns asked for, their repeated values (owners, true/false) shared.
        const toRow = (raw: unknown): OwnerRow | null => {
          const row = parseRow(csvRow, raw, `the ${objectType} owners`);
          if (row.Id === undefined || row.Id === null) return null;
          const compact: OwnerRow = { Id: row.Id, OwnerId: intern(row.OwnerId ?? null) };
          for (const f of fields) compact[f] = intern(row[f] ?? null);
          return compact;
        };
        for (const row of await runQueryJob(conn, soql, options.poll, options.counter, toRow)) {
          if (row === null) continue;
          if (owned?.userId === row.OwnerId) owned?.rows.push({ recordId: row.Id, objectType, ownerId: row.OwnerId });
          if (wanted.has(row.Id)) out.set(row.Id, row);
        }
        owned?.objects.add(objectType);
        missing = ids.filter((id) => !out.has(id));
      }
      const read = await withRetries(options.retry, () => readOwners(conn, objectType, missing, fields));
      for (const [id, row] of read) out.set(id, row);
    }),
  );
  return out;
}

export function idsByObjectOf(items: readonly Pick<RunItem, 'objectType' | 'recordId'>[]): Map<string, string[]> {
  const byObject = new Map<string, Set<string>>();
  for (const item of items) {
    if (item.objectType === null || item.recordId === null) continue;
    const set = byObject.get(item.objectType) ?? new Set<string>();
    set.add(item.recordId);
    byObject.set(item.objectType, set);
  }
  return new Map([...byObject].map(([k, v]) => [k, [...v]]));
}
