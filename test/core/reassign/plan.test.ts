import { movesOf, type PlanBatch } from '../../../src/core/reassign/batching.js';
import {
  buildReassignPlan,
  DEFAULT_REASSIGN_POLICY,
  factsMatter,
  resolvePolicy,
  type ReassignPlan,
  type ReassignPolicy,
} from '../../../src/core/reassign/plan.js';
import type { PlanItem } from '../../../src/core/reassign/items.js';
import { children, DEPARTING, item, seeded } from './fixtures.js';

function plan(items: readonly PlanItem[], policy: Partial<ReassignPolicy> = {}): ReassignPlan {
  const result = buildReassignPlan(items, policy);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.plan;
}

const batchesOf = (p: ReassignPlan): PlanBatch[] => p.phases.flatMap((ph) => ph.batches);
const movedIds = (p: ReassignPlan): string[] => movesOf(p.phases).map((m) => m.recordId);

describe('buildReassignPlan: safe order', () => {
  it('runs accounts, contacts, opportunities, cases, activities, contracts, files, then other objects', () => {
    const items = [
      item('Zeta__c', 'Z1', null),
      item('ContentDocument', 'F1', 'A1'),
      item('Contract', 'K1', 'A1'),
      item('Event', 'E1', 'A1'),
      item('Task', 'T1', 'A1'),
      item('Case', 'C1', 'A1'),
      item('Opportunity', 'O1', 'A1'),
      item('Lead', 'L1', null),
      item('Contact', 'P1', 'A1'),
      item('Account', 'A1', 'A1'),
    ];
    const p = plan(items);
    expect(p.phases.map((ph) => [ph.phase, ph.objectTypes])).toEqual([
      ['accounts', ['Account']],
      ['contacts', ['Contact']],
      ['opportunities', ['Opportunity']],
      ['cases', ['Case']],
      ['activities', ['Task', 'Event']],
      ['contracts', ['Contract']],
      ['files', ['ContentDocument']],
      ['other', ['Lead', 'Zeta__c']],
    ]);
    expect(movedIds(p)).toEqual(['A1', 'P1', 'O1', 'C1', 'T1', 'E1', 'K1', 'F1', 'L1', 'Z1']);
  });

  it('leaves out empty phases and gives every batch a stable id', () => {
    const p = plan([item('Contact', 'P1', 'A1'), item('Task', 'T1', 'A1')]);
    expect(p.phases.map((ph) => ph.phase)).toEqual(['contacts', 'activities']);
    expect(batchesOf(p).map((b) => b.batchId)).toEqual(['contacts/Contact/1', 'activities/Task/1']);
  });
});

describe('buildReassignPlan: batches grouped by parent account', () => {
  it('packs whole account groups into batches (first fit, largest first)', () => {
    const items = [
      ...children('Contact', 'A', 150),
      ...children('Contact', 'B', 100),
      ...children('Contact', 'C', 30),
      ...children('Contact', 'D', 20),
    ];
    const batches = batchesOf(plan(items));
    expect(batches.map((b) => [b.lockKeys, b.moves.length, b.sequentialGroup])).toEqual([
      [['A', 'C', 'D'], 200, null],
      [['B'], 100, null],
    ]);
    // Records are sorted by account inside a batch.
    expect(batches[0]?.moves.map((m) => m.accountId)).toEqual([
      ...Array<string>(150).fill('A'),
      ...Array<string>(30).fill('C'),
      ...Array<string>(20).fill('D'),
    ]);
  });

  it('cuts an account larger than a batch into consecutive batches that run in sequence', () => {
    const items = [...children('Contact', 'BIG', 450), ...children('Contact', 'S', 5)];
    const batches = batchesOf(plan(items));
    expect(batches.map((b) => [b.batchId, b.lockKeys, b.moves.length, b.sequentialGroup, b.sequence])).toEqual([
      ['contacts/Contact/1', ['BIG'], 200, 'BIG', 0],
      ['contacts/Contact/2', ['BIG'], 200, 'BIG', 1],
      ['contacts/Contact/3', ['BIG'], 50, 'BIG', 2],
      ['contacts/Contact/4', ['S'], 5, null, 0],
    ]);
    const sequential = batches
      .filter((b) => b.sequentialGroup === 'BIG')
      .flatMap((b) => b.moves.map((m) => m.recordId));
    expect(sequential).toEqual([...sequential].sort());
  });

  it('never puts one account in two batches of an object unless they form a sequential group', () => {
    const random = seeded(42);
    const items: PlanItem[] = [];
    for (let a = 0; a < 60; a++) {
      const size = Math.floor(random() ** 3 * 700); // mostly small, a few larger than a batch
      for (const type of ['Contact', 'Task', 'Event'])
        items.push(...children(type, `ACC${a}`, Math.floor(size * random())));
    }
    for (let i = 0; i < 40; i++) items.push(item('Task', `LOOSE-${i}`, null));
    const p = plan(items, { mode: 'collections' });
    for (const phase of p.phases) {
      for (const objectType of phase.objectTypes) {
        const batches = phase.batches.filter((b) => b.objectType === objectType);
        const owner = new Map<string, string>();
        for (const batch of batches) {
          expect(batch.moves.length).toBeLessThanOrEqual(200);
          expect(batch.lockKeys).toEqual(
            [...new Set(batch.moves.map((m) => m.accountId).filter((a) => a !== null))].sort(),
          );
          for (const key of batch.lockKeys) {
            const seen = owner.get(key);
            if (seen !== undefined) expect(batch.sequentialGroup).toBe(key);
            owner.set(key, batch.sequentialGroup ?? batch.batchId);
          }
        }
      }
    }
    expect(batchesOf(p).some((b) => b.sequentialGroup !== null)).toBe(true); // the data has large accounts
    expect(movesOf(p.phases)).toHaveLength(items.length);
    expect(new Set(movedIds(p)).size).toBe(items.length);
  });

  it('packs records without an account anywhere, with no lock key', () => {
    const batches = batchesOf(plan([item('Lead', 'L1', null), item('Lead', 'L2', null)]));
    expect(batches).toHaveLength(1);
    expect(batches[0]?.lockKeys).toEqual([]);
  });

  it('locks an account by its own id in the accounts phase', () => {
    const batches = batchesOf(plan([item('Account', 'A2', null), item('Account', 'A1', 'A1')]));
    expect(batches[0]?.lockKeys).toEqual(['A1', 'A2']);
  });
});

describe('buildReassignPlan: method per object', () => {
  const contacts = (n: number): PlanItem[] =>
    Array.from({ length: n }, (_, i) => item('Contact', `P${String(i).padStart(5, '0')}`, `A${i % 500}`));

  it('uses collections up to the threshold and Bulk API 2.0 above it', () => {
    const atThreshold = plan([...contacts(2000), item('Account', 'A0', 'A0')]);
    expect(batchesOf(atThreshold).every((b) => b.method === 'collections')).toBe(true);
    const above = plan([...contacts(2001), item('Account', 'A0', 'A0')]);
    const byObject = Object.fromEntries(batchesOf(above).map((b) => [b.objectType, b.method]));
    expect(byObject).toEqual({ Account: 'collections', Contact: 'bulk' });
    // One job holds the 2,001 contacts: bulk batches are sized for Bulk API 2.0 jobs.
    expect(batchesOf(above).filter((b) => b.objectType === 'Contact')).toHaveLength(1);
  });

  it('follows a changed threshold and a forced mode', () => {
    expect(batchesOf(plan(contacts(11), { bulkThreshold: 10 }))[0]?.method).toBe('bulk');
    expect(batchesOf(plan(contacts(3), { mode: 'bulk' }))[0]?.method).toBe('bulk');
    const forced = batchesOf(plan(contacts(2500), { mode: 'collections' }));
    expect(forced.every((b) => b.method === 'collections' && b.moves.length <= 200)).toBe(true);
  });

  it('sizes batches by batchSize and bulkBatchSize', () => {
    expect(batchesOf(plan(contacts(500), { batchSize: 50 })).every((b) => b.moves.length <= 50)).toBe(true);
    const bulk = batchesOf(plan(contacts(2500), { mode: 'bulk', bulkBatchSize: 1000 }));
    expect(bulk.map((b) => b.moves.length)).toEqual([1000, 1000, 500]);
  });
});

describe('factsMatter', () => {
  it('asks for the facts of an object only when a rule of the policy would keep some of its records', () => {
    const keepAll = DEFAULT_REASSIGN_POLICY;
    expect(['Account', 'Contact', 'Contract'].map((o) => factsMatter(o, keepAll))).toEqual([false, false, false]);
    expect(['Opportunity', 'Case', 'Task', 'Event'].map((o) => factsMatter(o, keepAll))).toEqual([
      true,
      true,
      true,
      true,
    ]);
    const moveAll = {
      ...DEFAULT_REASSIGN_POLICY,
      moveClosedOpportunities: true,
      moveClosedCases: true,
      moveCompletedActivities: true,
    };
    expect(['Opportunity', 'Case', 'Task', 'Event'].some((o) => factsMatter(o, moveAll))).toBe(false);
    expect(factsMatter('Case', { ...moveAll, moveClosedCases: false })).toBe(true);
    expect(factsMatter('Opportunity', { ...moveAll, moveClosedCases: false })).toBe(false);
  });
});

describe('buildReassignPlan: policy', () => {
  const won = item('Opportunity', 'O-WON', 'A1', { facts: { isClosed: true, isWon: true } });
  const lost = item('Opportunity', 'O-LOST', 'A1', { facts: { isClosed: true, isWon: false } });
  const open = item('Opportunity', 'O-OPEN', 'A1', { facts: { isClosed: false, isWon: false } });
  const closedCase = item('Case', 'C-CLOSED', 'A1', { category: 'Complaint', facts: { isClosed: true } });
  const openCase = item('Case', 'C-OPEN', 'A1', { facts: { isClosed: false } });
  const doneTask = item('Task', 'T-DONE', 'A1', { facts: { isCompletedActivity: true } });
  const closedTask = item('Task', 'T-CLOSED', 'A1', { facts: { isClosed: true } });
  const pastEvent = item('Event', 'E-PAST', 'A1', { facts: { isCompletedActivity: true } });
  const openTask = item('Task', 'T-OPEN', 'A1', { facts: { isCompletedActivity: false, isClosed: false } });
  const all = [won, lost, open, closedCase, openCase, doneTask, closedTask, pastEvent, openTask];

  it('has the documented defaults', () => {
    expect(resolvePolicy()).toEqual({ ok: true, policy: DEFAULT_REASSIGN_POLICY });
    expect(DEFAULT_REASSIGN_POLICY).toEqual({
      moveClosedOpportunities: false,
      moveClosedCases: false,
      moveCompletedActivities: false,
      keepAccountTeams: true,
      keepOpportunityTeams: true,
      skipAssignmentRules: true,
      mode: 'auto',
      bulkThreshold: 2000,
      concurrency: 4,
      batchSize: 200,
      bulkBatchSize: 100000,
    });
  });

  it('keeps closed deals, closed cases and completed activities with the departing user by default', () => {
    const p = plan(all);
    expect(movedIds(p)).toEqual(['O-OPEN', 'C-OPEN', 'T-OPEN']);
    expect(p.stays.map((s) => [s.recordId, s.reason, s.movedWhen, s.previousOwnerId])).toEqual([
      ['C-CLOSED', 'closed_case', 'moveClosedCases', DEPARTING],
      ['E-PAST', 'completed_activity', 'moveCompletedActivities', DEPARTING],
      ['O-LOST', 'closed_lost_opportunity', 'moveClosedOpportunities', DEPARTING],
      ['O-WON', 'closed_won_opportunity', 'moveClosedOpportunities', DEPARTING],
      ['T-CLOSED', 'completed_activity', 'moveCompletedActivities', DEPARTING],
      ['T-DONE', 'completed_activity', 'moveCompletedActivities', DEPARTING],
    ]);
  });

  it.each([
    ['moveClosedOpportunities', ['O-LOST', 'O-WON']],
    ['moveClosedCases', ['C-CLOSED']],
    ['moveCompletedActivities', ['E-PAST', 'T-CLOSED', 'T-DONE']],
  ] as const)('moves what %s covers when the manager turns it on', (flag, released) => {
    const p = plan(all, { [flag]: true });
    expect(movedIds(p)).toEqual(expect.arrayContaining([...released]));
    expect(p.stays.map((s) => s.recordId)).not.toEqual(expect.arrayContaining([released[0]]));
    expect(movedIds(p)).toHaveLength(3 + released.length);
  });

  it('sends Sforce-Auto-Assign: FALSE unless assignment rules should run', () => {
    expect(plan([open]).requestHeaders).toEqual({ 'Sforce-Auto-Assign': 'FALSE' });
    expect(plan([open], { skipAssignmentRules: false }).requestHeaders).toEqual({});
  });

  it('lists the team snapshots to take before and restore after the accounts and opportunities phases', () => {
    const items = [item('Account', 'A2', 'A2'), item('Account', 'A1', 'A1'), open, won];
    expect(plan(items).teamSteps).toEqual([
      { object: 'AccountTeamMember', parentIds: ['A1', 'A2'], phase: 'accounts', excludeUserIds: [DEPARTING] },
      { object: 'OpportunityTeamMember', parentIds: ['O-OPEN'], phase: 'opportunities', excludeUserIds: [DEPARTING] },
    ]);
    expect(plan(items, { keepAccountTeams: false }).teamSteps.map((s) => s.object)).toEqual(['OpportunityTeamMember']);
    expect(plan(items, { keepOpportunityTeams: false }).teamSteps.map((s) => s.object)).toEqual(['AccountTeamMember']);
    expect(plan([openCase]).teamSteps).toEqual([]);
  });

  it('refuses a policy outside the limits, with every problem at once', () => {
    const result = buildReassignPlan([open], {
      batchSize: 201,
      concurrency: 0,
      bulkBatchSize: 1.5,
      mode: 'fast' as ReassignPolicy['mode'],
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => [e.code, e.id])).toEqual([
      ['INVALID_POLICY', 'concurrency'],
      ['INVALID_POLICY', 'batchSize'],
      ['INVALID_POLICY', 'bulkBatchSize'],
      ['INVALID_POLICY', 'mode'],
    ]);
  });

  it('keeps the default for an override given as undefined', () => {
    expect(resolvePolicy({ concurrency: undefined })).toEqual({ ok: true, policy: DEFAULT_REASSIGN_POLICY });
  });
});

describe('buildReassignPlan: resume and items', () => {
  it('skips records already transferred or rolled back, and retries failed, conflicting and cut-off ones', () => {
    const items = [
      item('Contact', 'P-DONE', 'A1', { transferStatus: 'Transferred' }),
      item('Contact', 'P-BACK', 'A1', { transferStatus: 'Rolled_Back' }),
      item('Contact', 'P-FAILED', 'A1', { transferStatus: 'Failed' }),
      item('Contact', 'P-CONFLICT', 'A1', { transferStatus: 'Conflict' }),
      item('Contact', 'P-CUT', 'A1', { transferStatus: 'In_Progress' }),
      item('Contact', 'P-NEW', 'A1', { transferStatus: 'Not_Planned' }),
    ];
    const p = plan(items);
    expect(movedIds(p)).toEqual(['P-CONFLICT', 'P-CUT', 'P-FAILED', 'P-NEW']);
    expect(p.skipped.map((s) => [s.recordId, s.reason])).toEqual([
      ['P-BACK', 'rolled_back'],
      ['P-DONE', 'already_transferred'],
    ]);
  });

  it('finishes a cut-off record as planned even if the policy now keeps it', () => {
    const cut = item('Opportunity', 'O1', 'A1', {
      transferStatus: 'In_Progress',
      facts: { isClosed: true, isWon: true },
    });
    expect(movedIds(plan([cut]))).toEqual(['O1']);
  });

  it('writes a record named by several items once, journaling all of them', () => {
    const task = item('Task', 'T1', 'A1', { itemId: 'I-2' });
    const pending = item('Task', 'T1', 'A1', { itemId: 'I-1', category: 'Pending_Item' });
    const p = plan([task, pending]);
    expect(movesOf(p.phases)).toEqual([
      {
        recordId: 'T1',
        objectType: 'Task',
        accountId: 'A1',
        fromOwnerId: DEPARTING,
        toOwnerId: 'S1',
        itemIds: ['I-1', 'I-2'],
      },
    ]);
    // One item journaled Transferred is enough: the record was written.
    expect(movedIds(plan([task, { ...pending, transferStatus: 'Transferred' }]))).toEqual([]);
  });

  it('ignores items that name no record to move', () => {
    const p = plan([
      item('Contact', 'P1', 'A1'),
      item('Note', 'N1', null, { itemId: 'Q-1', category: 'Question' }),
      item('Cross', 'X1', null, { itemId: 'X-1', category: 'Cross_Department' }),
    ]);
    expect(movedIds(p)).toEqual(['P1']);
    expect(p.ignoredItemIds).toEqual(['Q-1', 'X-1']);
  });

  it('refuses items that disagree, move to the owner, or lack ids', () => {
    const result = buildReassignPlan([
      item('Contact', 'P1', 'A1', { successorId: 'S1' }),
      item('Contact', 'P1', 'A1', { successorId: 'S2' }),
      item('Contact', 'P2', 'A1', { successorId: DEPARTING }),
      item('Contact', '', 'A1', { itemId: 'I-EMPTY' }),
    ]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => [e.code, e.id])).toEqual([
      ['INVALID_ITEM', 'I-EMPTY'],
      ['CONFLICTING_ITEMS', 'P1'],
      ['SUCCESSOR_IS_OWNER', 'P2'],
    ]);
    expect(result.errors.every((e) => e.message.length > 0)).toBe(true);
  });
});

describe('buildReassignPlan: counts and hash', () => {
  const items = [
    item('Account', 'A1', 'A1', { successorId: 'S1' }),
    item('Contact', 'P1', 'A1', { successorId: 'S1' }),
    item('Contact', 'P2', 'A2', { successorId: 'S2' }),
    item('Opportunity', 'O1', 'A2', { successorId: 'S2', facts: { isClosed: true, isWon: true } }),
    item('Case', 'C1', 'A2', { successorId: 'S2', transferStatus: 'Transferred' }),
  ];

  it('counts moves, stays and skips per object and per successor', () => {
    expect(plan(items).counts).toEqual({
      total: { move: 3, stay: 1, skip: 1 },
      perObject: {
        Account: { move: 1, stay: 0, skip: 0 },
        Case: { move: 0, stay: 0, skip: 1 },
        Contact: { move: 2, stay: 0, skip: 0 },
        Opportunity: { move: 0, stay: 1, skip: 0 },
      },
      perSuccessor: {
        S1: {
          total: { move: 2, stay: 0, skip: 0 },
          perObject: { Account: { move: 1, stay: 0, skip: 0 }, Contact: { move: 1, stay: 0, skip: 0 } },
        },
        S2: {
          total: { move: 1, stay: 1, skip: 1 },
          perObject: {
            Case: { move: 0, stay: 0, skip: 1 },
            Contact: { move: 1, stay: 0, skip: 0 },
            Opportunity: { move: 0, stay: 1, skip: 0 },
          },
        },
      },
    });
  });

  it('hashes the same plan the same way, whatever the item order or item ids', () => {
    const p = plan(items);
    expect(p.planHash).toMatch(/^[0-9a-f]{64}$/);
    expect(plan([...items].reverse()).planHash).toBe(p.planHash);
    expect(plan(items.map((i) => ({ ...i, itemId: `other-${i.itemId}` }))).planHash).toBe(p.planHash);
  });

  it('changes the hash when the policy, a successor or a status changes', () => {
    const p = plan(items);
    expect(plan(items, { concurrency: 2 }).planHash).not.toBe(p.planHash);
    expect(plan(items.map((i) => (i.recordId === 'P1' ? { ...i, successorId: 'S2' } : i))).planHash).not.toBe(
      p.planHash,
    );
    expect(
      plan(items.map((i) => (i.recordId === 'P2' ? { ...i, transferStatus: 'Transferred' as const } : i))).planHash,
    ).not.toBe(p.planHash);
  });
});
