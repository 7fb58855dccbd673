/**
 * The export as tables (one per CSV file): the summary, the checklist items, the relationship-map
 * notes, the signatures, the audit events and the departing rep's CRM records. Pure.
 */
import type { CsvValue } from '../../core/csv.js';
import type { ExportData } from './model.js';

export type ExportTable = { name: string; columns: string[]; rows: CsvValue[][] };

/** The rows of `records` as the values of `columns`, in that order. */
function project<T extends object>(records: readonly T[], columns: readonly (keyof T & string)[]): ExportTable['rows'] {
  return records.map((r) => columns.map((c) => cell(r[c])));
}

function cell(value: unknown): CsvValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return JSON.stringify(value);
}

export function usernameOf(data: ExportData, id: string | null): string {
  if (id === null) return '';
  const user = data.users[id];
  return user?.username ?? user?.name ?? '';
}

/** Whether a signature covers the content as it is now. */
export function isCurrent(data: ExportData, contentHash: string): boolean {
  return contentHash === data.contentHash;
}

export function summaryTable(data: ExportData): ExportTable {
  const h = data.handover.header;
  const columns = [
    'id',
    'name',
    'status',
    'departingUserId',
    'departingUsername',
    'managerId',
    'managerUsername',
    'successorIds',
    'successorUsernames',
    'lastWorkingDay',
    'reason',
    'completeness',
    'gapCount',
    'reviewDue',
    'transitionEnd',
    'overrideReason',
    'approvedAt',
    'createdDate',
    'storedContentHash',
    'currentContentHash',
    'contentUnchanged',
    'auditChainOk',
    'auditEventCount',
    'auditHeadHash',
    'exportedAt',
    'exportedBy',
    'exportedByRole',
  ];
  const row: CsvValue[] = [
    h.id,
    h.name,
    h.status,
    h.departingUserId,
    usernameOf(data, h.departingUserId),
    h.managerId,
    usernameOf(data, h.managerId),
    h.successorIds.join(' '),
    h.successorIds.map((id) => usernameOf(data, id)).join(' '),
    h.lastWorkingDay,
    h.reason,
    h.completeness,
    h.gapCount,
    h.reviewDue,
    h.transitionEnd,
    h.overrideReason,
    h.approvedAt,
    h.createdDate,
    h.contentHash,
    data.contentHash,
    h.contentHash === data.contentHash,
    data.chain.ok,
    data.chain.eventCount,
    data.chain.headHash,
    data.exportedAt,
    usernameOf(data, data.exportedBy) || data.exportedBy,
    data.role,
  ];
  return { name: 'summary', columns, rows: [row] };
}

export function itemsTable(data: ExportData): ExportTable {
  const columns = [
    'id',
    'category',
    'objectType',
    'recordId',
    'recordName',
    'accountId',
    'successorId',
    'previousOwnerId',
    'priority',
    'dueDate',
    'state',
    'riskNotes',
    'nextStep',
    'notes',
    'answer',
    'askedById',
    'answeredAt',
    'counterpart',
    'confirmedByDeparting',
    'reviewedBySuccessor',
    'transferStatus',
    'transferError',
    'transferredAt',
  ] as const;
  return {
    name: 'items',
    columns: [...columns, 'successorUsername'],
    rows: data.handover.items.map((i) => [...columns.map((c) => cell(i[c])), usernameOf(data, i.successorId)]),
  };
}

export function contactNotesTable(data: ExportData): ExportTable {
  const columns = [
    'id',
    'contactId',
    'contactName',
    'contactTitle',
    'accountId',
    'decisionRole',
    'stance',
    'caresAbout',
    'preferredChannel',
    'preferredTimes',
    'topicsToAvoid',
    'reportsToId',
    'notes',
    'confirmedByDeparting',
  ] as const;
  return { name: 'contact-notes', columns: [...columns], rows: project(data.handover.contactNotes, columns) };
}

export function signaturesTable(data: ExportData): ExportTable {
  return {
    name: 'signatures',
    columns: [
      'id',
      'signerId',
      'signerUsername',
      'signerName',
      'role',
      'signedAt',
      'signedContentHash',
      'currentContentHash',
      'current',
      'comment',
    ],
    rows: data.handover.signatures.map((s) => [
      s.id,
      s.signerId,
      usernameOf(data, s.signerId),
      data.users[s.signerId]?.name ?? '',
      s.role,
      s.signedAt,
      s.contentHash,
      data.contentHash,
      isCurrent(data, s.contentHash),
      s.comment,
    ]),
  };
}

export function eventsTable(data: ExportData): ExportTable {
  const problems = new Map<string, string[]>();
  for (const p of data.chain.problems) {
    if (p.eventId !== null) problems.set(p.eventId, [...(problems.get(p.eventId) ?? []), p.code]);
  }
  return {
    name: 'events',
    columns: [
      'id',
      'occurredAt',
      'actorId',
      'actorUsername',
      'action',
      'contentHash',
      'previousEventHash',
      'eventHash',
      'chainProblems',
      'details',
    ],
    rows: data.handover.events.map((e) => [
      e.id,
      e.occurredAt,
      e.actorId,
      usernameOf(data, e.actorId),
      e.action,
      e.contentHash,
      e.previousEventHash,
      e.eventHash,
      (problems.get(e.id) ?? []).join(' '),
      e.details,
    ]),
  };
}

export function crmTablesOf(data: ExportData): ExportTable[] {
  const { crm } = data;
  return [
    table('crm-accounts', crm.accounts, [
      'Id',
      'Name',
      'Industry',
      'Type',
      'AnnualRevenue',
      'Rating',
      'Phone',
      'Website',
      'BillingCity',
      'BillingCountry',
      'ParentId',
      'OwnerId',
      'Strategic',
      'LastActivityDate',
      'Description',
    ]),
    table('crm-contacts', crm.contacts, [
      'Id',
      'AccountId',
      'Name',
      'Title',
      'Department',
      'Phone',
      'MobilePhone',
      'Email',
      'ReportsToId',
      'OwnerId',
      'HasOptedOutOfEmail',
      'DoNotCall',
      'LastActivityDate',
    ]),
    table('crm-opportunities', crm.opportunities, [
      'Id',
      'AccountId',
      'Name',
      'StageName',
      'Amount',
      'Probability',
      'CloseDate',
      'IsClosed',
      'IsWon',
      'NextStep',
      'OwnerId',
      'LastActivityDate',
      'CreatedDate',
      'Description',
    ]),
    table('crm-cases', crm.cases, [
      'Id',
      'CaseNumber',
      'AccountId',
      'ContactId',
      'Subject',
      'Status',
      'Priority',
      'Origin',
      'IsClosed',
      'IsEscalated',
      'OwnerId',
      'CreatedDate',
      'ClosedDate',
      'Description',
    ]),
    table('crm-open-activities', crm.activities, [
      'Id',
      'kind',
      'Subject',
      'Status',
      'Priority',
      'ActivityDate',
      'StartDateTime',
      'WhatId',
      'WhoId',
      'AccountId',
      'OwnerId',
      'CreatedDate',
      'Description',
    ]),
    table('crm-contracts', crm.contracts, [
      'Id',
      'ContractNumber',
      'AccountId',
      'Status',
      'StartDate',
      'EndDate',
      'ContractTerm',
      'OwnerId',
      'Description',
    ]),
  ];
}

function table<T extends object>(
  name: string,
  records: readonly T[],
  columns: readonly (keyof T & string)[],
): ExportTable {
  return { name, columns: [...columns], rows: project(records, columns) };
}

/** Every table of the export, in file order. */
export function exportTables(data: ExportData): ExportTable[] {
  return [
    summaryTable(data),
    itemsTable(data),
    contactNotesTable(data),
    signaturesTable(data),
    eventsTable(data),
    ...crmTablesOf(data),
  ];
}
