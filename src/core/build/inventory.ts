import type { CrmSnapshot, IsoDate } from '../model.js';
import type { SnapshotIndex } from './snapshotIndex.js';
import { hasText, NO_NAME, titleOf } from './text.js';

/** A record of the departing user that no account of the handover holds. */
export type UnassignedRecord = {
  recordId: string;
  objectType: string;
  name: string;
  reason: 'no_account' | 'account_not_visible';
};

/** The object types always counted, even at zero: "nothing left behind" is checked against them. */
export const COUNTED_OBJECTS = [
  'Account',
  'Contact',
  'Opportunity',
  'Case',
  'Task',
  'Event',
  'Contract',
  'ContentDocument',
] as const;

export type Inventory = {
  counts: Record<string, number>;
  unassignedRecords: UnassignedRecord[];
  /** Accounts the departing user does not own but holds live work on (open deals, open cases, open activities, contacts). */
  foreignAccountIds: string[];
};

/**
 * Every record the departing user owns, counted per object type and placed: under an account of the
 * snapshot, or listed as unassigned (no account, or an account the snapshot cannot see). Rows are read
 * from the index, where a row read twice is already one record.
 */
export function takeInventory(snapshot: CrmSnapshot, index: SnapshotIndex, today: IsoDate): Inventory {
  const me = snapshot.departing.Id;
  const counts: Record<string, number> = Object.fromEntries(COUNTED_OBJECTS.map((type) => [type, 0]));
  const unassignedRecords: UnassignedRecord[] = [];
  const foreign = new Set<string>();

  /** `live`: work that brings its account into the handover even when someone else owns the account. */
  const place = (
    type: string,
    recordId: string,
    name: string | null,
    accountId: string | null,
    live: boolean,
  ): void => {
    counts[type] = (counts[type] ?? 0) + 1;
    const account = hasText(accountId) ? index.accountById.get(accountId) : undefined;
    if (account === undefined) {
      const reason = hasText(accountId) ? 'account_not_visible' : 'no_account';
      unassignedRecords.push({ recordId, objectType: type, name: titleOf(name, NO_NAME), reason });
    } else if (live && account.OwnerId !== me) {
      foreign.add(account.Id);
    }
  };

  for (const a of index.accountById.values()) if (a.OwnerId === me) place('Account', a.Id, a.Name, a.Id, false);
  for (const c of index.contactById.values()) if (c.OwnerId === me) place('Contact', c.Id, c.Name, c.AccountId, true);
  for (const o of index.opportunityById.values()) {
    if (o.OwnerId === me) place('Opportunity', o.Id, o.Name, o.AccountId, !o.IsClosed);
  }
  for (const c of index.caseById.values()) {
    if (c.OwnerId === me) place('Case', c.Id, c.Subject ?? c.CaseNumber, c.AccountId, !c.IsClosed);
  }
  for (const { row, day, accountId } of index.activities) {
    if (row.OwnerId !== me) continue;
    place(row.kind, row.Id, row.Subject, accountId, row.kind === 'Task' ? !row.IsClosed : day !== null && day >= today);
  }
  for (const c of index.contractById.values()) {
    if (c.OwnerId === me) place('Contract', c.Id, c.ContractNumber, c.AccountId, false);
  }
  // A file has one row per record it is linked to: it is placed by a link to a visible account if any.
  const files = new Map<string, { title: string | null; accountId: string | null }>();
  for (const f of snapshot.files) {
    if (f.OwnerId !== me) continue;
    const accountId = index.accountOfRecord(f.LinkedEntityId);
    const file = files.get(f.ContentDocumentId);
    if (file === undefined) files.set(f.ContentDocumentId, { title: f.Title, accountId });
    else if (accountId !== null && (file.accountId === null || !index.accountById.has(file.accountId))) {
      file.accountId = accountId;
    }
  }
  for (const [id, file] of files) place('ContentDocument', id, file.title, file.accountId, false);
  for (const r of snapshot.otherOwned) place(titleOf(r.objectType, 'Unknown'), r.Id, r.Name, null, false);
  return { counts, unassignedRecords, foreignAccountIds: [...foreign] };
}
