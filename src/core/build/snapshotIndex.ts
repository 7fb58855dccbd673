import type {
  AccountContactRelationRow,
  AccountRow,
  ActivityRow,
  CaseRow,
  ContactNotes,
  ContactRow,
  ContractRow,
  CrmSnapshot,
  FileRow,
  IsoDate,
  OpportunityContactRoleRow,
  OpportunityHistoryRow,
  OpportunityRow,
} from '../model.js';
import { laterDay, type Clock } from './dates.js';

/** An activity with what the build needs to know about it, worked out once. */
export type ActivityView = {
  row: ActivityRow;
  /** Its day: ActivityDate, else the day it starts, else the day it was created. */
  day: IsoDate | null;
  /** Its ActivityDate, when valid: a task's due date. */
  due: IsoDate | null;
  /** Whether it is a touch that already happened: a closed task, or an event on or before today. */
  touched: boolean;
  /** The account it belongs to (from AccountId, else its What, else its Who), visible or not. */
  accountId: string | null;
};

/** Where a record stands relative to the snapshot's accounts. */
export type AccountLink = { accountId: string; visible: true } | { accountId: string | null; visible: false };

/** Every row of the snapshot indexed once by the ids the build looks up: no nested scans afterwards. */
export type SnapshotIndex = {
  accountById: Map<string, AccountRow>;
  contactById: Map<string, ContactRow>;
  contactsByAccount: Map<string, ContactRow[]>;
  relationsByAccount: Map<string, AccountContactRelationRow[]>;
  opportunityById: Map<string, OpportunityRow>;
  opportunitiesByAccount: Map<string, OpportunityRow[]>;
  rolesByOpportunity: Map<string, OpportunityContactRoleRow[]>;
  /** Oldest first. */
  historyByOpportunity: Map<string, OpportunityHistoryRow[]>;
  caseById: Map<string, CaseRow>;
  casesByAccount: Map<string, CaseRow[]>;
  contractById: Map<string, ContractRow>;
  contractsByAccount: Map<string, ContractRow[]>;
  /** One per activity id. */
  activities: ActivityView[];
  activitiesByAccount: Map<string, ActivityView[]>;
  /** The latest touch per record id: the activity's What, Who and account. */
  lastTouchById: Map<string, IsoDate>;
  /** Distinct files per account they are linked to, directly or through its deals, cases, contracts, contacts. */
  filesByAccount: Map<string, Map<string, FileRow>>;
  notesByContact: Map<string, ContactNotes>;
  /** The account id behind any record id the snapshot knows (the account may itself be missing). */
  accountOfRecord: (id: string | null) => string | null;
};

export function indexSnapshot(snapshot: CrmSnapshot, clock: Clock): SnapshotIndex {
  // Date fields the build compares as text are made valid days (or null) once, here.
  const accounts = snapshot.accounts.map((a) => withDays(a, ['LastActivityDate'], clock));
  const contacts = snapshot.contacts.map((c) => withDays(c, ['LastActivityDate'], clock));
  const opportunities = snapshot.opportunities.map((o) => withDays(o, ['CloseDate', 'LastActivityDate'], clock));
  const contracts = snapshot.contracts.map((c) => withDays(c, ['StartDate', 'EndDate'], clock));
  const accountById = byId(accounts, (a) => a.Id);
  const contactById = byId(contacts, (c) => c.Id);
  const opportunityById = byId(opportunities, (o) => o.Id);
  const caseById = byId(snapshot.cases, (c) => c.Id);
  const contractById = byId(contracts, (c) => c.Id);

  // The account behind any record id the snapshot knows (used for activities' What and files' links).
  const accountOfRecord = (id: string | null): string | null => {
    if (id === null) return null;
    if (accountById.has(id)) return id;
    return (
      opportunityById.get(id)?.AccountId ??
      caseById.get(id)?.AccountId ??
      contractById.get(id)?.AccountId ??
      contactById.get(id)?.AccountId ??
      null
    );
  };

  const activities = [...byId(snapshot.activities, (a) => a.Id).values()].map((row): ActivityView => {
    const due = clock.dayOf(row.ActivityDate);
    const day = due ?? clock.dayOf(row.StartDateTime) ?? clock.dayOf(row.CreatedDate);
    const touched = day !== null && day <= clock.today && (row.kind !== 'Task' || row.IsClosed);
    const accountId = row.AccountId ?? accountOfRecord(row.WhatId) ?? accountOfRecord(row.WhoId);
    return { row, day, due, touched, accountId };
  });

  const lastTouchById = new Map<string, IsoDate>();
  const touch = (id: string | null, day: IsoDate): void => {
    if (id !== null) lastTouchById.set(id, laterDay(lastTouchById.get(id) ?? null, day) ?? day);
  };
  for (const activity of activities) {
    if (!activity.touched || activity.day === null) continue;
    touch(activity.row.WhatId, activity.day);
    touch(activity.row.WhoId, activity.day);
    if (activity.accountId !== activity.row.WhatId) touch(activity.accountId, activity.day);
  }

  const filesByAccount = new Map<string, Map<string, FileRow>>();
  for (const file of snapshot.files) {
    const accountId = accountOfRecord(file.LinkedEntityId);
    if (accountId === null) continue;
    let files = filesByAccount.get(accountId);
    if (files === undefined) filesByAccount.set(accountId, (files = new Map<string, FileRow>()));
    if (!files.has(file.ContentDocumentId)) files.set(file.ContentDocumentId, file);
  }

  return {
    accountById,
    contactById,
    contactsByAccount: groupBy(contacts, (c) => c.AccountId),
    relationsByAccount: groupBy(snapshot.accountContactRelations, (r) => r.AccountId),
    opportunityById,
    opportunitiesByAccount: groupBy(opportunities, (o) => o.AccountId),
    rolesByOpportunity: groupBy(snapshot.opportunityContactRoles, (r) => r.OpportunityId),
    historyByOpportunity: sortEach(
      groupBy(snapshot.opportunityHistory, (h) => h.OpportunityId),
      (h) => h.CreatedDate,
    ),
    caseById,
    casesByAccount: groupBy(snapshot.cases, (c) => c.AccountId),
    contractById,
    contractsByAccount: groupBy(contracts, (c) => c.AccountId),
    activities,
    activitiesByAccount: groupBy(activities, (a) => a.accountId),
    lastTouchById,
    filesByAccount,
    notesByContact: byId(snapshot.contactNotes, (n) => n.contactId),
    accountOfRecord,
  };
}

/** Whether a record's account is one the snapshot holds. */
export function linkAccount(index: SnapshotIndex, accountId: string | null): AccountLink {
  return accountId !== null && index.accountById.has(accountId)
    ? { accountId, visible: true }
    : { accountId, visible: false };
}

/** The row with each date field a valid "YYYY-MM-DD" or null; copied only when one needed fixing. */
function withDays<T extends object>(row: T, fields: readonly (keyof T)[], clock: Clock): T {
  let fixed: T | null = null;
  for (const field of fields) {
    const value = row[field];
    if (value === null || value === undefined) continue;
    const day = typeof value === 'string' ? clock.dayOf(value) : null;
    if (day === value) continue;
    fixed ??= { ...row };
    (fixed as Record<keyof T, unknown>)[field] = day;
  }
  return fixed ?? row;
}

function byId<T>(rows: readonly T[], key: (row: T) => string | null | undefined): Map<string, T> {
  const map = new Map<string, T>();
  for (const row of rows) {
    const id = key(row);
    if (typeof id === 'string' && id !== '') map.set(id, row); // a duplicate row: the last one wins
  }
  return map;
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string | null | undefined): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const id = key(row);
    if (typeof id !== 'string' || id === '') continue;
    const group = map.get(id);
    if (group === undefined) map.set(id, [row]);
    else group.push(row);
  }
  return map;
}

function sortEach<T>(map: Map<string, T[]>, key: (row: T) => string): Map<string, T[]> {
  // Text order is time order for UTC ISO instants; Array.prototype.sort is stable for equal keys.
  for (const rows of map.values()) rows.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  return map;
}
