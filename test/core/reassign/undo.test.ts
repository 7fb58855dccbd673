import { movesOf } from '../../../src/core/reassign/batching.js';
import type { PlanItem } from '../../../src/core/reassign/items.js';
import { buildUndoPlan, type UndoPlan } from '../../../src/core/reassign/undo.js';
import { children, DEPARTING, item } from './fixtures.js';

const done = (
  objectType: string,
  recordId: string,
  accountId: string | null,
  extra: Partial<PlanItem> = {},
): PlanItem => item(objectType, recordId, accountId, { transferStatus: 'Transferred', ...extra });

function undo(items: readonly PlanItem[], owners: Record<string, string | null>, policy = {}): UndoPlan {
  const result = buildUndoPlan(items, owners, policy);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.plan;
}

describe('buildUndoPlan', () => {
  it('gives back only what the successor still owns; anything changed since is a conflict', () => {
    const items = [
      done('Contact', 'P-STILL', 'A1'),
      done('Contact', 'P-CHANGED', 'A1'),
      done('Contact', 'P-GONE', 'A1'),
      done('Contact', 'P-BACK', 'A1'),
    ];
    const plan = undo(items, { 'P-STILL': 'S1', 'P-CHANGED': 'U-OTHER', 'P-GONE': null, 'P-BACK': DEPARTING });
    expect(movesOf(plan.phases).map((m) => [m.recordId, m.fromOwnerId, m.toOwnerId])).toEqual([
      ['P-STILL', 'S1', DEPARTING],
    ]);
    expect(plan.conflicts.map((c) => [c.recordId, c.expectedOwnerId, c.currentOwnerId])).toEqual([
      ['P-CHANGED', 'S1', 'U-OTHER'],
      ['P-GONE', 'S1', null],
    ]);
    expect(plan.alreadyRolledBack.map((m) => m.recordId)).toEqual(['P-BACK']);
    expect(plan.counts.total).toEqual({ revert: 1, alreadyRolledBack: 1, conflict: 2 });
  });

  it('treats a record missing from the owners read as not found', () => {
    expect(undo([done('Contact', 'P1', 'A1')], {}).conflicts.map((c) => c.currentOwnerId)).toEqual([null]);
  });

  it('undoes children first and accounts last', () => {
    const items = [
      done('Account', 'A1', 'A1'),
      done('Contact', 'P1', 'A1'),
      done('Opportunity', 'O1', 'A1'),
      done('Task', 'T1', 'A1'),
      done('Event', 'E1', 'A1'),
      done('ContentDocument', 'F1', 'A1'),
      done('Lead', 'L1', null),
    ];
    const owners = Object.fromEntries(items.map((i) => [i.recordId, 'S1']));
    const plan = undo(items, owners);
    expect(plan.phases.map((p) => [p.phase, p.objectTypes])).toEqual([
      ['other', ['Lead']],
      ['files', ['ContentDocument']],
      ['activities', ['Event', 'Task']],
      ['opportunities', ['Opportunity']],
      ['contacts', ['Contact']],
      ['accounts', ['Account']],
    ]);
    expect(plan.phases.flatMap((p) => p.batches).every((b) => b.batchId.startsWith('undo:'))).toBe(true);
  });

  it('groups by account like the forward run', () => {
    const items = [...children('Contact', 'BIG', 250), ...children('Contact', 'S', 10)].map((i) => ({
      ...i,
      transferStatus: 'Transferred' as const,
    }));
    const owners = Object.fromEntries(items.map((i) => [i.recordId, 'S1']));
    const batches = undo(items, owners).phases.flatMap((p) => p.batches);
    expect(batches.map((b) => [b.lockKeys, b.moves.length, b.sequentialGroup, b.sequence])).toEqual([
      [['BIG'], 200, 'BIG', 0],
      [['BIG'], 50, 'BIG', 1],
      [['S'], 10, null, 0],
    ]);
  });

  it('leaves records never moved alone and asks to resume cut-off ones first', () => {
    const items = [
      item('Contact', 'P-PENDING', 'A1'),
      item('Contact', 'P-FAILED', 'A1', { transferStatus: 'Failed' }),
      item('Contact', 'P-DONE-BEFORE', 'A1', { transferStatus: 'Rolled_Back' }),
      item('Contact', 'P-CUT', 'A1', { transferStatus: 'In_Progress' }),
    ];
    const plan = undo(items, { 'P-PENDING': DEPARTING, 'P-CUT': 'S1' });
    expect(movesOf(plan.phases)).toEqual([]);
    expect(plan.unsettled.map((u) => u.recordId)).toEqual(['P-CUT']);
    expect(plan.conflicts).toEqual([]);
  });

  it('finishes a partly rolled-back record: one item Rolled_Back, another still Transferred', () => {
    const items = [
      done('Task', 'T1', 'A1', { itemId: 'I-1' }),
      item('Task', 'T1', 'A1', { itemId: 'I-2', category: 'Pending_Item', transferStatus: 'Rolled_Back' }),
    ];
    expect(undo(items, { T1: DEPARTING }).alreadyRolledBack.map((m) => m.itemIds)).toEqual([['I-1', 'I-2']]);
    expect(movesOf(undo(items, { T1: 'S1' }).phases).map((m) => m.recordId)).toEqual(['T1']);
  });

  it('snapshots the teams that the way back deletes too, and keeps the assignment-rule header', () => {
    const items = [done('Account', 'A1', 'A1'), done('Opportunity', 'O1', 'A1')];
    const plan = undo(items, { A1: 'S1', O1: 'S1' });
    expect(plan.teamSteps.map((s) => [s.object, s.parentIds, s.phase, s.excludeUserIds])).toEqual([
      ['AccountTeamMember', ['A1'], 'accounts', []],
      ['OpportunityTeamMember', ['O1'], 'opportunities', []],
    ]);
    expect(plan.requestHeaders).toEqual({ 'Sforce-Auto-Assign': 'FALSE' });
  });

  it('hashes deterministically and refuses bad input', () => {
    const items = [done('Contact', 'P1', 'A1'), done('Contact', 'P2', 'A1')];
    const owners = { P1: 'S1', P2: 'U-X' };
    expect(undo(items, owners).planHash).toBe(undo([...items].reverse(), owners).planHash);
    expect(undo(items, owners).planHash).not.toBe(undo(items, { P1: 'S1', P2: 'S1' }).planHash);
    expect(buildUndoPlan(items, owners, { batchSize: 0 })).toMatchObject({
      ok: false,
      errors: [{ code: 'INVALID_POLICY' }],
    });
  });
});
