import type { IsoDate, KeyAccountReason, OpportunityRow } from '../model.js';

/** What ranks an account among the handover's accounts. */
export type KeyAccountCandidate = {
  accountId: string;
  annualRevenue: number | null;
  closedWonLast12Months: number;
  strategic: boolean;
};

/** Closed-won amount of deals that closed in [from, today] (a won deal with no date or amount adds nothing). */
export function closedWonBetween(opportunities: readonly OpportunityRow[], from: IsoDate, today: IsoDate): number {
  let total = 0;
  for (const o of opportunities) {
    if (o.IsWon && o.CloseDate !== null && o.CloseDate >= from && o.CloseDate <= today && isAmount(o.Amount)) {
      total += o.Amount;
    }
  }
  return total;
}

/**
 * Key accounts, with every reason that makes them key: the top N by annual revenue, the top N by
 * closed-won amount in the last 12 months, and those marked strategic. Accounts with no positive figure
 * are not ranked; ties are cut by account id so the same snapshot always gives the same list.
 */
export function selectKeyAccounts(
  candidates: readonly KeyAccountCandidate[],
  topN: number,
): Map<string, KeyAccountReason[]> {
  const reasons = new Map<string, KeyAccountReason[]>();
  const add = (accountId: string, reason: KeyAccountReason): void => {
    const list = reasons.get(accountId);
    if (list === undefined) reasons.set(accountId, [reason]);
    else list.push(reason);
  };
  for (const id of topBy(candidates, (c) => c.annualRevenue, topN)) add(id, 'top_annual_revenue');
  for (const id of topBy(candidates, (c) => c.closedWonLast12Months, topN)) add(id, 'top_closed_won');
  for (const c of candidates) if (c.strategic) add(c.accountId, 'strategic');
  return reasons;
}

function topBy(
  candidates: readonly KeyAccountCandidate[],
  figure: (c: KeyAccountCandidate) => number | null,
  topN: number,
): string[] {
  return candidates
    .filter((c) => {
      const value = figure(c);
      return isAmount(value) && value > 0;
    })
    .sort((a, b) => (figure(b) ?? 0) - (figure(a) ?? 0) || (a.accountId < b.accountId ? -1 : 1))
    .slice(0, Math.max(0, topN))
    .map((c) => c.accountId);
}

function isAmount(value: number | null | undefined): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}
