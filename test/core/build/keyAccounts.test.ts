import { buildHandover } from '../../../src/core/build/index.js';
import { closedWonBetween, selectKeyAccounts } from '../../../src/core/build/keyAccounts.js';
import { account, day, opportunity, snapshot, won } from './fixtures.js';

describe('key accounts', () => {
  it('flags the top N by annual revenue, cutting at N', () => {
    const accounts = [5, 50, 20, 40, 10].map((m, i) => account({ Id: `a${i}`, AnnualRevenue: m * 1_000_000 }));
    const build = buildHandover(snapshot({ accounts }), { keyAccountTopN: 2 });
    expect(build.keyAccountIds.sort()).toEqual(['a1', 'a3']);
    expect(build.accounts.find((a) => a.accountId === 'a1')?.keyReasons).toEqual(['top_annual_revenue']);
    expect(build.accounts.find((a) => a.accountId === 'a2')?.isKeyAccount).toBe(false);
  });

  it('flags the top N by closed-won amount in the last 12 months, ignoring older and lost deals', () => {
    const accounts = ['a', 'b', 'c'].map((Id) => account({ Id }));
    const opportunities = [
      won({ Id: 'o1', AccountId: 'a', Amount: 300, CloseDate: day(-20) }),
      won({ Id: 'o2', AccountId: 'b', Amount: 900, CloseDate: day(-400) }), // older than 12 months
      opportunity({ Id: 'o3', AccountId: 'b', Amount: 5000, IsClosed: true, IsWon: false, StageName: 'Closed Lost' }),
      won({ Id: 'o4', AccountId: 'c', Amount: 200, CloseDate: day(-300) }),
      won({ Id: 'o5', AccountId: 'c', Amount: 200, CloseDate: day(-100) }),
    ];
    const build = buildHandover(snapshot({ accounts, opportunities }), { keyAccountTopN: 1 });
    expect(build.keyAccountIds).toEqual(['c']);
    const c = build.accounts.find((a) => a.accountId === 'c');
    expect(c?.keyReasons).toEqual(['top_closed_won']);
    expect(c?.closedWonLast12Months).toBe(400);
    expect(build.accounts.find((a) => a.accountId === 'b')?.closedWonLast12Months).toBe(0);
  });

  it('flags strategic accounts whatever their size, and lists every reason', () => {
    const accounts = [
      account({ Id: 'big', AnnualRevenue: 9e9, Strategic: true }),
      account({ Id: 'small', AnnualRevenue: 1, Strategic: true }),
      account({ Id: 'mid', AnnualRevenue: 5e6 }),
    ];
    const opportunities = [won({ Id: 'o', AccountId: 'big', Amount: 10 })];
    const build = buildHandover(snapshot({ accounts, opportunities }), { keyAccountTopN: 1 });
    expect(build.keyAccountIds).toEqual(['big', 'small']);
    expect(build.accounts[0]?.keyReasons).toEqual(['top_annual_revenue', 'top_closed_won', 'strategic']);
    expect(build.accounts[1]?.keyReasons).toEqual(['strategic']);
  });

  it('ranks no account without a positive figure, and breaks ties by id', () => {
    const candidates = [
      { accountId: 'z', annualRevenue: 100, closedWonLast12Months: 0, strategic: false },
      { accountId: 'y', annualRevenue: 100, closedWonLast12Months: 0, strategic: false },
      { accountId: 'x', annualRevenue: null, closedWonLast12Months: 0, strategic: false },
      { accountId: 'w', annualRevenue: 0, closedWonLast12Months: -5, strategic: false },
    ];
    expect([...selectKeyAccounts(candidates, 1).keys()]).toEqual(['y']);
    expect([...selectKeyAccounts(candidates, 20).keys()]).toEqual(['y', 'z']);
    expect(selectKeyAccounts(candidates, 0).size).toBe(0);
  });

  it('adds nothing for won deals without an amount or a close date', () => {
    const rows = [won({ Id: 'a', Amount: null }), won({ Id: 'b', CloseDate: null }), won({ Id: 'c', Amount: 7 })];
    expect(closedWonBetween(rows, day(-365), day(0))).toBe(7);
  });
});
