import type { PlanItem } from '../../../src/core/reassign/items.js';
import { buildReassignPlan, type ReassignPlan } from '../../../src/core/reassign/plan.js';
import { verifyReassignment, type JournalEntry } from '../../../src/core/reassign/verify.js';
import { DEPARTING, item } from './fixtures.js';

function plan(items: readonly PlanItem[]): ReassignPlan {
  const result = buildReassignPlan(items);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.plan;
}

const items = [
  item('Account', 'A1', 'A1', { itemId: 'I-A1' }),
  item('Contact', 'P-OK', 'A1', { itemId: 'I-OK' }),
  item('Contact', 'P-FAILED', 'A1', { itemId: 'I-FAILED' }),
  item('Contact', 'P-CONFLICT', 'A1', { itemId: 'I-CONFLICT' }),
  item('Contact', 'P-GONE', 'A1', { itemId: 'I-GONE' }),
  item('Contact', 'P-REVERTED', 'A1', { itemId: 'I-REVERTED' }),
  item('Contact', 'P-PENDING', 'A1', { itemId: 'I-PENDING' }),
  item('Case', 'C-EARLIER', 'A1', { itemId: 'I-EARLIER', transferStatus: 'Transferred' }),
  item('Opportunity', 'O-WON', 'A1', { itemId: 'I-WON', facts: { isClosed: true, isWon: true } }),
];
const journal: JournalEntry[] = [
  {
    itemId: 'I-FAILED',
    recordId: 'P-FAILED',
    transferStatus: 'Failed',
    transferError: 'INACTIVE_OWNER_OR_USER: owner inactive',
  },
  { itemId: 'I-REVERTED', recordId: 'P-REVERTED', transferStatus: 'Transferred', transferError: null },
  { itemId: 'I-PENDING', recordId: 'P-PENDING', transferStatus: 'In_Progress', transferError: null },
];
const owners: Record<string, string | null> = {
  A1: 'S1',
  'P-OK': 'S1',
  'P-FAILED': DEPARTING,
  'P-CONFLICT': 'U-OTHER',
  'P-REVERTED': DEPARTING,
  'P-PENDING': DEPARTING,
  'C-EARLIER': 'S1',
  'O-WON': DEPARTING,
};

describe('verifyReassignment', () => {
  it('passes when everything planned is with its successor, listing the stays', () => {
    const p = plan([item('Contact', 'P1', 'A1'), item('Opportunity', 'O1', 'A1', { facts: { isWon: true } })]);
    const report = verifyReassignment({ plan: p, currentOwners: { P1: 'S1', O1: DEPARTING } });
    expect(report).toMatchObject({ ok: true, checked: 1, transferred: 1, leftWithDeparting: 0 });
    expect(report.exceptions.map((e) => [e.kind, e.recordId, e.stayReason, e.leftWithDeparting])).toEqual([
      ['stays_by_policy', 'O1', 'closed_won_opportunity', false],
    ]);
  });

  it('lists every exception with its reason, left-behind ones first', () => {
    const report = verifyReassignment({
      plan: plan(items),
      currentOwners: owners,
      journal,
      ownedByDeparting: [
        { recordId: 'P-FAILED', objectType: 'Contact', ownerId: DEPARTING },
        { recordId: 'O-WON', objectType: 'Opportunity', ownerId: DEPARTING },
        { recordId: 'T-NEW', objectType: 'Task', ownerId: DEPARTING },
        { recordId: 'T-NEW', objectType: 'Task', ownerId: DEPARTING },
      ],
    });
    expect(report.ok).toBe(false);
    expect(report.checked).toBe(8); // 7 moves of this run + 1 moved by an earlier run
    expect(report.transferred).toBe(3);
    expect(report.exceptions.map((e) => [e.kind, e.recordId, e.currentOwnerId, e.leftWithDeparting])).toEqual([
      ['failed', 'P-FAILED', DEPARTING, true],
      ['not_moved', 'P-PENDING', DEPARTING, true],
      ['owner_reverted', 'P-REVERTED', DEPARTING, true],
      ['not_in_handover', 'T-NEW', DEPARTING, true],
      ['conflict', 'P-CONFLICT', 'U-OTHER', false],
      ['not_found', 'P-GONE', null, false],
      ['stays_by_policy', 'O-WON', DEPARTING, false],
    ]);
    const failed = report.exceptions[0];
    expect(failed?.message).toBe('INACTIVE_OWNER_OR_USER: owner inactive');
    expect(failed?.itemIds).toEqual(['I-FAILED']);
    expect(failed?.expectedOwnerId).toBe('S1');
    expect(report.exceptions.find((e) => e.kind === 'conflict')?.message).toContain('U-OTHER');
    expect(report.leftWithDeparting).toBe(4);
    expect(report.counts).toEqual({
      failed: 1,
      not_moved: 1,
      owner_reverted: 1,
      not_in_handover: 1,
      conflict: 1,
      not_found: 1,
      stays_by_policy: 1,
    });
    expect(report.perObject).toEqual({
      Account: { checked: 1, transferred: 1, leftWithDeparting: 0 },
      Case: { checked: 1, transferred: 1, leftWithDeparting: 0 },
      Contact: { checked: 6, transferred: 1, leftWithDeparting: 3 },
      Task: { checked: 0, transferred: 0, leftWithDeparting: 1 },
    });
  });

  it('checks records an earlier run moved', () => {
    const p = plan([item('Case', 'C1', 'A1', { transferStatus: 'Transferred' })]);
    expect(verifyReassignment({ plan: p, currentOwners: { C1: 'S1' } })).toMatchObject({ ok: true, checked: 1 });
    const back = verifyReassignment({ plan: p, currentOwners: { C1: DEPARTING } });
    expect(back.ok).toBe(false);
    expect(back.exceptions[0]?.kind).toBe('owner_reverted');
  });
});
