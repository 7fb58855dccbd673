import type { SqlValue } from './db.js';
import type { SObjectDef } from './schema/types.js';

/**
 * Fields the org computes on save, as Salesforce does: full names, closed/won flags from the
 * stage or status, the account of an activity, auto-numbers. `row` holds stored values (after
 * the write), `before` the stored values before an update.
 */
export type Row = Record<string, SqlValue>;

type Rule = (row: Row, helpers: DeriveHelpers) => void;

export type DeriveHelpers = {
  /** The next number of an auto-number series ("CaseNumber" -> 1, 2, ...). */
  nextNumber(series: string): number;
  /** The AccountId of a Contact, or null. */
  accountOfContact(contactId: string): string | null;
  /** The AccountId of an Opportunity, Case or Contract, or null. */
  accountOfRecord(id: string): string | null;
  nowIso: string;
};

const CLOSED_WON = 'Closed Won';
const CLOSED_LOST = 'Closed Lost';

/** Default probability per opportunity stage, as in a new org. */
const STAGE_PROBABILITY: Record<string, number> = {
  Prospecting: 10,
  Qualification: 10,
  'Needs Analysis': 20,
  'Value Proposition': 50,
  'Id. Decision Makers': 60,
  'Perception Analysis': 70,
  'Proposal/Price Quote': 75,
  'Negotiation/Review': 90,
  [CLOSED_WON]: 100,
  [CLOSED_LOST]: 0,
};

function fullName(row: Row): void {
  const parts = [row.FirstName, row.LastName].filter((p) => p !== null && p !== undefined && p !== '');
  row.Name = parts.join(' ');
}

const RULES: Record<string, Rule[]> = {
  User: [fullName],
  Contact: [fullName],
  Lead: [fullName],
  Opportunity: [
    (row) => {
      const stage = String(row.StageName ?? '');
      row.IsClosed = stage === CLOSED_WON || stage === CLOSED_LOST ? 1 : 0;
      row.IsWon = stage === CLOSED_WON ? 1 : 0;
      row.Probability ??= STAGE_PROBABILITY[stage] ?? null;
      row.ForecastCategoryName = row.IsWon
        ? 'Closed'
        : row.IsClosed
          ? 'Omitted'
          : (row.ForecastCategoryName ?? 'Pipeline');
    },
  ],
  Case: [
    (row, h) => {
      const closed = row.Status === 'Closed';
      if (closed && !row.IsClosed) row.ClosedDate = h.nowIso;
      if (!closed) row.ClosedDate = null;
      row.IsClosed = closed ? 1 : 0;
      if (row.Status === 'Escalated') row.IsEscalated = 1;
    },
  ],
  Contract: [
    (row) => {
      // EndDate is read-only on Contract: StartDate plus ContractTerm months, minus a day.
      if (typeof row.StartDate === 'string' && typeof row.ContractTerm === 'number') {
        const start = new Date(`${row.StartDate}T00:00:00Z`);
        start.setUTCMonth(start.getUTCMonth() + row.ContractTerm);
        start.setUTCDate(start.getUTCDate() - 1);
        row.EndDate = start.toISOString().slice(0, 10);
      }
    },
  ],
  Task: [
    (row, h) => {
      row.IsClosed = row.Status === 'Completed' ? 1 : 0;
      row.AccountId = activityAccount(row, h);
    },
  ],
  Event: [
    (row, h) => {
      row.AccountId = activityAccount(row, h);
      if (row.StartDateTime && !row.ActivityDateTime) row.ActivityDateTime = row.StartDateTime;
      if (row.ActivityDateTime && !row.ActivityDate) row.ActivityDate = String(row.ActivityDateTime).slice(0, 10);
    },
  ],
};

function activityAccount(row: Row, h: DeriveHelpers): SqlValue {
  const what = typeof row.WhatId === 'string' ? row.WhatId : null;
  if (what?.startsWith('001')) return what;
  if (what) {
    const account = h.accountOfRecord(what);
    if (account) return account;
  }
  const who = typeof row.WhoId === 'string' ? row.WhoId : null;
  return who?.startsWith('003') ? h.accountOfContact(who) : null;
}

export function deriveFields(obj: SObjectDef, row: Row, helpers: DeriveHelpers): void {
  for (const f of obj.fields) {
    if (f.autoNumberFormat && !row[f.name])
      row[f.name] = formatAutoNumber(f.autoNumberFormat, helpers.nextNumber(`${obj.name}.${f.name}`));
  }
  // Custom objects without a Name get their Id as the name, as Salesforce does.
  if (obj.custom && obj.fields.some((f) => f.name === 'Name') && !row.Name) row.Name = row.Id ?? null;
  for (const rule of RULES[obj.name] ?? []) rule(row, helpers);
}

/** "HO-{0000}" with 7 -> "HO-0007"; "{00000000}" with 12 -> "00000012". */
export function formatAutoNumber(format: string, n: number): string {
  return format.replace(/\{(0+)\}/, (_m, zeros: string) => String(n).padStart(zeros.length, '0'));
}
