/**
 * How a departing rep's book is split among successors: which successor gets each account, and
 * which successor gets each child record (contacts, opportunities, cases, activities, contracts,
 * files). Plain data in, plain data out; problems are returned as errors, never thrown.
 */

export type SplitAccount = { accountId: string; annualRevenue: number | null; closedWonLast12Months: number };

export type SplitStrategy =
  { kind: 'single' } | { kind: 'manual'; assignments: Readonly<Record<string, string>> } | { kind: 'even' };

export type SplitErrorCode =
  | 'NO_SUCCESSORS'
  | 'DUPLICATE_SUCCESSOR'
  | 'DUPLICATE_ACCOUNT'
  | 'DUPLICATE_RECORD'
  | 'NOT_SINGLE_SUCCESSOR'
  | 'UNKNOWN_ACCOUNT'
  | 'UNASSIGNED_ACCOUNT'
  | 'UNKNOWN_SUCCESSOR'
  | 'UNKNOWN_RECORD';

/** `id` is the account, record or successor the error is about. */
export type SplitError = { code: SplitErrorCode; id: string | null; message: string };

export type SuccessorTotals = { successorId: string; accountIds: string[]; accountCount: number; revenue: number };

export type SplitResult =
  | {
      ok: true;
      /** accountId -> successorId, for every account. */
      assignments: Record<string, string>;
      /** One row per successor, in the order the successors were given. */
      totals: SuccessorTotals[];
    }
  | { ok: false; errors: SplitError[] };

/** The revenue the even split balances: yearly revenue plus closed-won of the last 12 months. */
export function accountRevenue(account: SplitAccount): number {
  const value = (account.annualRevenue ?? 0) + account.closedWonLast12Months;
  return Number.isFinite(value) ? value : 0;
}

export function splitAccounts(
  accounts: readonly SplitAccount[],
  successorIds: readonly string[],
  strategy: SplitStrategy,
): SplitResult {
  const errors = [
    ...successorErrors(successorIds),
    ...duplicateErrors(
      accounts.map((a) => a.accountId),
      'DUPLICATE_ACCOUNT',
    ),
  ];
  if (errors.length > 0) return { ok: false, errors };
  const result = assign(accounts, successorIds, strategy);
  if (!result.ok) return result;
  return { ok: true, assignments: result.assignments, totals: totalsOf(accounts, successorIds, result.assignments) };
}

type Assigned = { ok: true; assignments: Record<string, string> } | { ok: false; errors: SplitError[] };

function assign(accounts: readonly SplitAccount[], successorIds: readonly string[], strategy: SplitStrategy): Assigned {
  switch (strategy.kind) {
    case 'single': {
      const [only] = successorIds;
      if (successorIds.length !== 1 || only === undefined) {
        return fail(
          'NOT_SINGLE_SUCCESSOR',
          null,
          `The single strategy needs exactly one successor, got ${successorIds.length}.`,
        );
      }
      return { ok: true, assignments: Object.fromEntries(accounts.map((a) => [a.accountId, only])) };
    }
    case 'manual':
      return manualSplit(accounts, successorIds, strategy.assignments);
    case 'even':
      return { ok: true, assignments: evenSplit(accounts, successorIds) };
  }
}

function manualSplit(
  accounts: readonly SplitAccount[],
  successorIds: readonly string[],
  assignments: Readonly<Record<string, string>>,
): Assigned {
  const accountIds = new Set(accounts.map((a) => a.accountId));
  const successors = new Set(successorIds);
  const errors: SplitError[] = [];
  for (const [accountId, successorId] of Object.entries(assignments)) {
    if (!accountIds.has(accountId)) {
      errors.push({
        code: 'UNKNOWN_ACCOUNT',
        id: accountId,
        message: `Account ${accountId} is not in the departing user's book; remove its assignment.`,
      });
    } else if (!successors.has(successorId)) {
      errors.push({
        code: 'UNKNOWN_SUCCESSOR',
        id: successorId,
        message: `Account ${accountId} is assigned to ${successorId}, who is not a successor of this handover.`,
      });
    }
  }
  for (const { accountId } of accounts) {
    if (!Object.hasOwn(assignments, accountId)) {
      errors.push({
        code: 'UNASSIGNED_ACCOUNT',
        id: accountId,
        message: `Account ${accountId} has no successor; assign it to one.`,
      });
    }
  }
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    assignments: Object.fromEntries(accounts.map((a) => [a.accountId, assignments[a.accountId] ?? ''])),
  };
}

/**
 * Greedy largest-first: accounts by revenue descending (ties by accountId, so the input order does not
 * matter), each to the successor with the lowest revenue so far, then fewest accounts, then the order
 * given. Accounts without revenue cannot unbalance revenue, so they go to the successor with the fewest
 * accounts first (then lowest revenue, then order): otherwise they would all pile on the poorest one.
 */
function evenSplit(accounts: readonly SplitAccount[], successorIds: readonly string[]): Record<string, string> {
  const loads = successorIds.map((successorId, order) => ({ successorId, order, revenue: 0, count: 0 }));
  type Load = (typeof loads)[number];
  const byRevenue = (a: Load, b: Load): number => a.revenue - b.revenue || a.count - b.count || a.order - b.order;
  const byCount = (a: Load, b: Load): number => a.count - b.count || a.revenue - b.revenue || a.order - b.order;
  const sorted = accounts
    .map((account) => ({ accountId: account.accountId, revenue: accountRevenue(account) }))
    .sort((a, b) => b.revenue - a.revenue || (a.accountId < b.accountId ? -1 : a.accountId > b.accountId ? 1 : 0));
  const assignments: Record<string, string> = {};
  for (const account of sorted) {
    const target = [...loads].sort(account.revenue > 0 ? byRevenue : byCount)[0];
    if (target === undefined) break; // no successors: refused before
    target.revenue += account.revenue;
    target.count += 1;
    assignments[account.accountId] = target.successorId;
  }
  // Report in the input order of the accounts.
  return Object.fromEntries(accounts.map((a) => [a.accountId, assignments[a.accountId] ?? '']));
}

function totalsOf(
  accounts: readonly SplitAccount[],
  successorIds: readonly string[],
  assignments: Readonly<Record<string, string>>,
): SuccessorTotals[] {
  return successorIds.map((successorId) => {
    const mine = accounts.filter((a) => assignments[a.accountId] === successorId);
    return {
      successorId,
      accountIds: mine.map((a) => a.accountId),
      accountCount: mine.length,
      revenue: mine.reduce((sum, a) => sum + accountRevenue(a), 0),
    };
  });
}

// ---------------------------------------------------------------- children

export type ChildRecord = { recordId: string; objectType: string; accountId: string | null };

export type ChildAssignment = ChildRecord & {
  successorId: string;
  /** Why this successor: an explicit override, the account's successor, or the default. */
  source: 'override' | 'account' | 'default';
};

export type AssignChildrenOptions = {
  successorIds: readonly string[];
  /** recordId -> successorId, for the records that do not follow their account. */
  overrides?: Readonly<Record<string, string>>;
  /** For records without an account (or whose account is not in the split); the first successor when not given. */
  defaultSuccessorId?: string;
};

export type ChildrenResult = { ok: true; assignments: ChildAssignment[] } | { ok: false; errors: SplitError[] };

/** Children follow their account's successor, unless overridden; the others go to the default successor. */
export function assignChildren(
  children: readonly ChildRecord[],
  accountSuccessors: Readonly<Record<string, string>>,
  options: AssignChildrenOptions,
): ChildrenResult {
  const { successorIds } = options;
  const overrides = options.overrides ?? {};
  const errors = [
    ...successorErrors(successorIds),
    ...duplicateErrors(
      children.map((c) => c.recordId),
      'DUPLICATE_RECORD',
    ),
  ];
  const successors = new Set(successorIds);
  const defaultSuccessorId = options.defaultSuccessorId ?? successorIds[0] ?? '';
  const unknown = (id: string, what: string): SplitError => ({
    code: 'UNKNOWN_SUCCESSOR',
    id,
    message: `${what} goes to ${id}, who is not a successor of this handover.`,
  });
  if (successorIds.length > 0 && !successors.has(defaultSuccessorId))
    errors.push(unknown(defaultSuccessorId, 'The default successor'));
  for (const [accountId, successorId] of Object.entries(accountSuccessors)) {
    if (!successors.has(successorId)) errors.push(unknown(successorId, `Account ${accountId}`));
  }
  const recordIds = new Set(children.map((c) => c.recordId));
  for (const [recordId, successorId] of Object.entries(overrides)) {
    if (!recordIds.has(recordId)) {
      errors.push({
        code: 'UNKNOWN_RECORD',
        id: recordId,
        message: `Record ${recordId} is not in the handover; remove its override.`,
      });
    } else if (!successors.has(successorId)) {
      errors.push(unknown(successorId, `Record ${recordId}`));
    }
  }
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    assignments: children.map((child): ChildAssignment => {
      const override = Object.hasOwn(overrides, child.recordId) ? overrides[child.recordId] : undefined;
      if (override !== undefined) return { ...child, successorId: override, source: 'override' };
      const byAccount =
        child.accountId !== null && Object.hasOwn(accountSuccessors, child.accountId)
          ? accountSuccessors[child.accountId]
          : undefined;
      if (byAccount !== undefined) return { ...child, successorId: byAccount, source: 'account' };
      return { ...child, successorId: defaultSuccessorId, source: 'default' };
    }),
  };
}

// ---------------------------------------------------------------- shared checks

function successorErrors(successorIds: readonly string[]): SplitError[] {
  if (successorIds.length === 0) return [{ code: 'NO_SUCCESSORS', id: null, message: 'Name at least one successor.' }];
  return duplicateErrors(successorIds, 'DUPLICATE_SUCCESSOR');
}

function duplicateErrors(ids: readonly string[], code: SplitErrorCode): SplitError[] {
  const seen = new Set<string>();
  const reported = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) reported.add(id);
    seen.add(id);
  }
  return [...reported].map((id) => ({ code, id, message: `${id} is listed more than once.` }));
}

function fail(code: SplitErrorCode, id: string | null, message: string): { ok: false; errors: SplitError[] } {
  return { ok: false, errors: [{ code, id, message }] };
}
