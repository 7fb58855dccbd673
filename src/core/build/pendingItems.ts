import type {
  CaseRow,
  ContractRow,
  IsoDate,
  OpportunityRow,
  PendingItem,
  PendingItemKind,
  Priority,
} from '../model.js';
import type { Clock } from './dates.js';
import type { ActivityView } from './snapshotIndex.js';
import { cueMatcher, hasText, NO_NAME, NO_SUBJECT, titleOf } from './text.js';

/** Task priorities (standard picklist values and common translations) as handover priorities. */
export const TASK_PRIORITY: Readonly<Record<string, Priority>> = {
  high: 'High',
  normal: 'Medium',
  medium: 'Medium',
  low: 'Low',
  高: 'High',
  普通: 'Medium',
  中: 'Medium',
  低: 'Low',
};

/** Case priorities as handover priorities. */
export const CASE_PRIORITY: Readonly<Record<string, Priority>> = {
  critical: 'High',
  urgent: 'High',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
  紧急: 'High',
  高: 'High',
  中: 'Medium',
  低: 'Low',
};

/** Words in a task subject or a deal's next step (or name) that mean we owe the customer an answer. */
export const AWAITING_ANSWER_CUES: readonly { kind: 'quote' | 'proposal'; cues: readonly string[] }[] = [
  { kind: 'quote', cues: ['quote', 'quotation', '报价', '询价'] },
  { kind: 'proposal', cues: ['proposal', '方案', '提案', '建议书'] },
];

/** A renewal this close (in days) is urgent. */
export const URGENT_RENEWAL_DAYS = 30;

const awaitingMatchers = AWAITING_ANSWER_CUES.map(({ kind, cues }) => ({ kind, matcher: cueMatcher(cues) }));
const PRIORITY_RANK: Record<Priority, number> = { High: 0, Medium: 1, Low: 2 };

export function priorityOf(value: string | null, table: Readonly<Record<string, Priority>>): Priority {
  return (hasText(value) ? table[value.trim().toLowerCase()] : undefined) ?? 'Medium';
}

/** 'quote' or 'proposal' when the text says one awaits an answer. */
export function awaitingKind(text: string | null): 'quote' | 'proposal' | null {
  if (!hasText(text)) return null;
  return awaitingMatchers.find(({ matcher }) => matcher.test(text))?.kind ?? null;
}

/** The rows of one account; their date fields are valid days or null (see snapshotIndex). */
export type PendingInput = {
  accountId: string | null;
  activities: readonly ActivityView[];
  openOpportunities: readonly OpportunityRow[];
  openCases: readonly CaseRow[];
  contracts: readonly ContractRow[];
  /** Activated contracts ending in [renewalFrom, renewalTo] are renewals to handle. */
  renewalFrom: IsoDate;
  renewalTo: IsoDate;
  clock: Clock;
};

/**
 * What is still owed on an account: open tasks (quotes and proposals named as such), upcoming events,
 * deals' next steps (or the quote or proposal they wait on), open cases and contracts to renew.
 * Anything overdue becomes High. Sorted: overdue, then priority, then due date.
 */
export function pendingItems(input: PendingInput): PendingItem[] {
  const { clock, accountId } = input;
  const today = clock.today;
  const items: PendingItem[] = [];
  const push = (item: Omit<PendingItem, 'accountId' | 'overdue'>): void => {
    const overdue = item.dueDate !== null && item.dueDate < today;
    items.push({ ...item, accountId, overdue, priority: overdue ? 'High' : item.priority });
  };

  for (const { row, day, due } of input.activities) {
    if (row.kind === 'Task' && !row.IsClosed) {
      push({
        kind: awaitingKind(row.Subject) ?? 'task',
        recordId: row.Id,
        objectType: 'Task',
        title: titleOf(row.Subject, NO_SUBJECT),
        priority: priorityOf(row.Priority, TASK_PRIORITY),
        dueDate: due,
        state: titleOf(row.Status, 'Open'),
      });
    } else if (row.kind === 'Event' && day !== null && day >= today) {
      push({
        kind: 'event',
        recordId: row.Id,
        objectType: 'Event',
        title: titleOf(row.Subject, NO_SUBJECT),
        priority: 'Medium',
        dueDate: day,
        state: 'Scheduled',
      });
    }
  }

  for (const o of input.openOpportunities) {
    const kind: PendingItemKind | null =
      awaitingKind(o.NextStep) ?? awaitingKind(o.Name) ?? (hasText(o.NextStep) ? 'next_step' : null);
    if (kind === null) continue;
    const name = titleOf(o.Name, NO_NAME);
    push({
      kind,
      recordId: o.Id,
      objectType: 'Opportunity',
      title: hasText(o.NextStep) ? titleOf(`${name}: ${o.NextStep.slice(0, 1000)}`, name) : name,
      priority: 'Medium',
      dueDate: o.CloseDate,
      state: titleOf(o.StageName, 'Open'),
    });
  }

  for (const c of input.openCases) {
    push({
      kind: 'case',
      recordId: c.Id,
      objectType: 'Case',
      title: titleOf(c.Subject, hasText(c.CaseNumber) ? `Case ${c.CaseNumber}` : NO_SUBJECT),
      priority: priorityOf(c.Priority, CASE_PRIORITY),
      dueDate: null,
      state: titleOf(c.Status, 'Open'),
    });
  }

  for (const c of input.contracts) {
    const end = c.EndDate;
    // An Activated contract past its end, within the window, is a renewal already late.
    if (c.Status !== 'Activated' || end === null || end < input.renewalFrom || end > input.renewalTo) continue;
    push({
      kind: 'renewal',
      recordId: c.Id,
      objectType: 'Contract',
      title: `Renewal of contract ${titleOf(c.ContractNumber, c.Id)}`,
      priority: clock.daysBetween(today, end) <= URGENT_RENEWAL_DAYS ? 'High' : 'Medium',
      dueDate: end,
      state: c.Status,
    });
  }

  return items.sort(
    (a, b) =>
      Number(b.overdue) - Number(a.overdue) ||
      PRIORITY_RANK[a.priority] - PRIORITY_RANK[b.priority] ||
      compareDue(a.dueDate, b.dueDate) ||
      (a.recordId < b.recordId ? -1 : a.recordId > b.recordId ? 1 : 0),
  );
}

/** Earlier first; no date last. */
function compareDue(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}
