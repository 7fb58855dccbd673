import type { CaseRow, Complaint } from '../model.js';
import type { Clock } from './dates.js';
import { CASE_PRIORITY, priorityOf } from './pendingItems.js';
import { hasText, NO_SUBJECT, titleOf } from './text.js';

/** When an open case needs escalating rather than a follow-up. */
export const ESCALATION = {
  /** A High priority case open longer than this (days). */
  highPriorityAfterDays: 2,
  /** Any case open longer than this (days). */
  anyAfterDays: 14,
} as const;

/** An open case as a complaint the successor inherits: how old it is and what it needs. */
export function complaintOf(c: CaseRow, clock: Clock): Complaint {
  const openedOn = clock.dayOf(c.CreatedDate) ?? clock.today; // an unreadable date counts as new
  const ageDays = Math.max(0, clock.daysBetween(openedOn, clock.today));
  const priority = priorityOf(c.Priority, CASE_PRIORITY);
  const escalate =
    c.IsEscalated === true ||
    (priority === 'High' && ageDays > ESCALATION.highPriorityAfterDays) ||
    ageDays > ESCALATION.anyAfterDays;
  return {
    caseId: c.Id,
    accountId: c.AccountId,
    caseNumber: c.CaseNumber ?? null,
    subject: titleOf(c.Subject, hasText(c.CaseNumber) ? `Case ${c.CaseNumber}` : NO_SUBJECT),
    priority,
    status: titleOf(c.Status, 'Open'),
    openedOn,
    ageDays,
    isEscalated: c.IsEscalated === true,
    needs: escalate ? 'escalation' : 'follow_up',
  };
}
