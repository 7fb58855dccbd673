import { accountRevenue, assignChildren, splitAccounts, type SplitAccount } from '../../src/core/split.js';

const acc = (accountId: string, annualRevenue: number | null, closedWonLast12Months = 0): SplitAccount => ({
  accountId,
  annualRevenue,
  closedWonLast12Months,
});

describe('splitAccounts: single', () => {
  it('gives every account to the one successor', () => {
    const result = splitAccounts([acc('A1', 10), acc('A2', null)], ['S1'], { kind: 'single' });
    expect(result).toEqual({
      ok: true,
      assignments: { A1: 'S1', A2: 'S1' },
      totals: [{ successorId: 'S1', accountIds: ['A1', 'A2'], accountCount: 2, revenue: 10 }],
    });
  });

  it('refuses more than one successor, and none', () => {
    expect(splitAccounts([acc('A1', 1)], ['S1', 'S2'], { kind: 'single' })).toMatchObject({
      ok: false,
      errors: [{ code: 'NOT_SINGLE_SUCCESSOR' }],
    });
    expect(splitAccounts([acc('A1', 1)], [], { kind: 'single' })).toMatchObject({
      ok: false,
      errors: [{ code: 'NO_SUCCESSORS' }],
    });
  });
});

describe('splitAccounts: manual', () => {
  const accounts = [acc('A1', 1), acc('A2', 2), acc('A3', 3)];

  it('applies a complete assignment', () => {
    const result = splitAccounts(accounts, ['S1', 'S2'], {
      kind: 'manual',
      assignments: { A1: 'S2', A2: 'S1', A3: 'S2' },
    });
    expect(result.ok && result.assignments).toEqual({ A1: 'S2', A2: 'S1', A3: 'S2' });
    expect(result.ok && result.totals.map((t) => [t.successorId, t.accountCount, t.revenue])).toEqual([
      ['S1', 1, 2],
      ['S2', 2, 4],
    ]);
  });

  it('reports unknown accounts, unknown successors and unassigned accounts together', () => {
    const result = splitAccounts(accounts, ['S1', 'S2'], {
      kind: 'manual',
      assignments: { A1: 'S1', A2: 'S9', X9: 'S1' },
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => [e.code, e.id])).toEqual([
      ['UNKNOWN_SUCCESSOR', 'S9'],
      ['UNKNOWN_ACCOUNT', 'X9'],
      ['UNASSIGNED_ACCOUNT', 'A3'],
    ]);
    expect(result.errors.every((e) => e.message.length > 0)).toBe(true);
  });

  it('reports duplicate accounts and successors', () => {
    const result = splitAccounts([acc('A1', 1), acc('A1', 1)], ['S1', 'S1'], { kind: 'even' });
    expect(result.ok ? [] : result.errors.map((e) => e.code)).toEqual(['DUPLICATE_SUCCESSOR', 'DUPLICATE_ACCOUNT']);
  });
});

describe('splitAccounts: even', () => {
  it('balances skewed revenues: the huge account alone, the rest to the others', () => {
    const accounts = [
      acc('Big', 1_000_000),
      acc('A', 100),
      acc('B', 90, 20),
      acc('C', null, 80),
      acc('D', 50),
      acc('E', 40),
    ];
    const result = splitAccounts(accounts, ['S1', 'S2'], { kind: 'even' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.totals).toEqual([
      { successorId: 'S1', accountIds: ['Big'], accountCount: 1, revenue: 1_000_000 },
      { successorId: 'S2', accountIds: ['A', 'B', 'C', 'D', 'E'], accountCount: 5, revenue: 380 },
    ]);
  });

  it('balances revenue largest first (LPT) across three successors', () => {
    const accounts = [acc('A', 70), acc('B', 60), acc('C', 50), acc('D', 40), acc('E', 30), acc('F', 20)];
    const result = splitAccounts(accounts, ['S1', 'S2', 'S3'], { kind: 'even' });
    expect(result.ok && result.totals.map((t) => [t.accountIds, t.revenue])).toEqual([
      [['A', 'F'], 90],
      [['B', 'E'], 90],
      [['C', 'D'], 90],
    ]);
  });

  it('keeps account counts within 1 when revenues are equal', () => {
    const accounts = Array.from({ length: 11 }, (_, i) => acc(`A${String(i).padStart(2, '0')}`, 500));
    const result = splitAccounts(accounts, ['S1', 'S2', 'S3'], { kind: 'even' });
    const counts = result.ok ? result.totals.map((t) => t.accountCount) : [];
    expect(counts).toEqual([4, 4, 3]);
  });

  it('spreads accounts without revenue by count instead of piling them on one successor', () => {
    const accounts = [acc('Big', 1000), acc('Small', 10), ...['Z1', 'Z2', 'Z3', 'Z4'].map((id) => acc(id, null))];
    const result = splitAccounts(accounts, ['S1', 'S2'], { kind: 'even' });
    expect(result.ok && result.totals.map((t) => t.accountCount)).toEqual([3, 3]);
  });

  it('is deterministic: the same split for any input order', () => {
    const accounts = [acc('A', 10), acc('B', 10), acc('C', 30), acc('D', 5), acc('E', null), acc('F', 10)];
    const first = splitAccounts(accounts, ['S1', 'S2'], { kind: 'even' });
    const reversed = splitAccounts([...accounts].reverse(), ['S1', 'S2'], { kind: 'even' });
    expect(first.ok && reversed.ok).toBe(true);
    if (!first.ok || !reversed.ok) return;
    expect(reversed.assignments).toEqual(first.assignments);
    expect(splitAccounts(accounts, ['S1', 'S2'], { kind: 'even' })).toEqual(first);
  });

  it('handles no accounts', () => {
    expect(splitAccounts([], ['S1', 'S2'], { kind: 'even' })).toEqual({
      ok: true,
      assignments: {},
      totals: [
        { successorId: 'S1', accountIds: [], accountCount: 0, revenue: 0 },
        { successorId: 'S2', accountIds: [], accountCount: 0, revenue: 0 },
      ],
    });
  });

  it('adds annual revenue and closed-won, nulls as 0', () => {
    expect(accountRevenue(acc('A', null, 5))).toBe(5);
    expect(accountRevenue(acc('A', 7, 5))).toBe(12);
  });
});

describe('assignChildren', () => {
  const accountSuccessors = { A1: 'S1', A2: 'S2' };
  const children = [
    { recordId: 'C1', objectType: 'Contact', accountId: 'A1' },
    { recordId: 'O1', objectType: 'Opportunity', accountId: 'A2' },
    { recordId: 'K1', objectType: 'Case', accountId: 'A2' },
    { recordId: 'T1', objectType: 'Task', accountId: null },
    { recordId: 'F1', objectType: 'ContentDocument', accountId: 'A9' },
  ];

  it('follows the account, applies overrides, and sends the rest to the first successor', () => {
    const result = assignChildren(children, accountSuccessors, { successorIds: ['S1', 'S2'], overrides: { K1: 'S1' } });
    expect(result.ok && result.assignments.map((a) => [a.recordId, a.successorId, a.source])).toEqual([
      ['C1', 'S1', 'account'],
      ['O1', 'S2', 'account'],
      ['K1', 'S1', 'override'],
      ['T1', 'S1', 'default'],
      ['F1', 'S1', 'default'],
    ]);
  });

  it('uses the given default successor', () => {
    const result = assignChildren(children, accountSuccessors, {
      successorIds: ['S1', 'S2'],
      defaultSuccessorId: 'S2',
    });
    expect(result.ok && result.assignments.filter((a) => a.source === 'default').map((a) => a.successorId)).toEqual([
      'S2',
      'S2',
    ]);
  });

  it('reports unknown successors, unknown override records and duplicates', () => {
    const result = assignChildren(
      [...children, children[0]!],
      { A1: 'S1', A2: 'S7' },
      {
        successorIds: ['S1', 'S2'],
        overrides: { K1: 'S8', NOPE: 'S1' },
        defaultSuccessorId: 'S9',
      },
    );
    expect(result.ok ? [] : result.errors.map((e) => [e.code, e.id])).toEqual([
      ['DUPLICATE_RECORD', 'C1'],
      ['UNKNOWN_SUCCESSOR', 'S9'],
      ['UNKNOWN_SUCCESSOR', 'S7'],
      ['UNKNOWN_SUCCESSOR', 'S8'],
      ['UNKNOWN_RECORD', 'NOPE'],
    ]);
  });
});
