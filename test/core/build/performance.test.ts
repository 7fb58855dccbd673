import { buildHandover } from '../../../src/core/build/index.js';
import type { CrmSnapshot } from '../../../src/core/model.js';
import {
  account,
  caseRow,
  contact,
  contract,
  day,
  event,
  file,
  history,
  instant,
  ME,
  notes,
  opportunity,
  OTHER,
  relation,
  role,
  snapshot,
  task,
  won,
} from './fixtures.js';

const ACCOUNTS = 5000;

/** 5,000 accounts with 25 related rows each (125,000 rows), in every shape the build handles. */
function bigSnapshot(): CrmSnapshot {
  const s = snapshot();
  for (let i = 0; i < ACCOUNTS; i++) {
    const a = `a${i}`;
    s.accounts.push(
      account({
        Id: a,
        AnnualRevenue: (i % 997) * 10_000,
        Strategic: i % 1000 === 0,
        LastActivityDate: day(-(i % 60)),
      }),
    );
    for (let j = 0; j < 4; j++) {
      s.contacts.push(
        contact({
          Id: `${a}c${j}`,
          AccountId: a,
          Title: j === 0 ? '总经理' : 'Engineer',
          ReportsToId: j === 0 ? `${a}c3` : `${a}c0`,
        }),
      );
    }
    s.accountContactRelations.push(
      relation({ AccountId: a, ContactId: `a${(i + 1) % ACCOUNTS}c1`, Roles: ['Influencer'] }),
    );
    s.contactNotes.push(notes({ contactId: `${a}c0`, caresAbout: '价格' }));
    s.opportunities.push(
      won({ Id: `${a}w`, AccountId: a, Amount: i, CloseDate: day(-(i % 400)) }),
      opportunity({
        Id: `${a}o1`,
        AccountId: a,
        StageName: 'Negotiation/Review',
        CloseDate: day((i % 90) - 30),
        NextStep: i % 2 ? '发送报价' : null,
      }),
      opportunity({ Id: `${a}o2`, AccountId: a, OwnerId: i % 3 ? OTHER : ME, Description: 'vs. Oracle' }),
    );
    s.opportunityContactRoles.push(
      role({ OpportunityId: `${a}o1`, ContactId: `${a}c0`, Role: 'Decision Maker', IsPrimary: true }),
      role({ OpportunityId: `${a}o1`, ContactId: `${a}c1` }),
      role({ OpportunityId: `${a}o2`, ContactId: `${a}c2` }),
    );
    s.opportunityHistory.push(
      ...history(`${a}o1`, [
        ['Qualification', 100_000, 40],
        ['Proposal/Price Quote', 120_000, 30],
        ['Needs Analysis', 90_000, 20],
        ['Negotiation/Review', 100_000, 10],
      ]),
    );
    s.cases.push(
      caseRow({ Id: `${a}k`, AccountId: a, Priority: i % 2 ? 'High' : 'Low', CreatedDate: instant(-(i % 20)) }),
    );
    s.activities.push(
      task({ Id: `${a}t1`, AccountId: a, ActivityDate: day((i % 10) - 5) }),
      task({ Id: `${a}t2`, WhatId: `${a}o1`, IsClosed: true, ActivityDate: day(-(i % 50)), WhoId: `${a}c0` }),
      task({ Id: `${a}t3`, WhoId: `${a}c1`, IsClosed: true, ActivityDate: day(-3) }),
      event({ Id: `${a}e1`, AccountId: a, offset: (i % 20) - 10 }),
      event({ Id: `${a}e2`, AccountId: a, offset: -(i % 100), StartDateTime: instant(-(i % 100)), ActivityDate: null }),
      task({ Id: `${a}t4`, AccountId: i % 100 === 0 ? 'missing' : a, ActivityDate: day(1) }),
    );
    s.contracts.push(contract({ Id: `${a}ct`, AccountId: a, EndDate: day(i % 365) }));
    s.files.push(file({ ContentDocumentId: `${a}f`, LinkedEntityId: `${a}o1` }));
  }
  return s;
}

describe('performance', () => {
  it('builds 5,000 accounts with 125,000 related rows', () => {
    const s = bigSnapshot();
    const rows = Object.values(s).reduce((n: number, v) => n + (Array.isArray(v) ? v.length : 0), 0);
    const times: number[] = [];
    const timed = () => {
      const started = performance.now();
      const result = buildHandover(s, { competitors: ['Oracle'] });
      times.push(performance.now() - started);
      return result;
    };
    const build = timed();
    for (let run = 0; run < 3; run++) timed();
    // The first run is cold (JIT, heap growth); the others show the steady cost. Printed, not asserted.
    console.log(
      `buildHandover: ${ACCOUNTS} accounts, ${rows} rows: ${times.map((t) => t.toFixed(0)).join(', ')} ms (first run cold)`,
    );

    expect(build.accounts).toHaveLength(ACCOUNTS);
    expect(build.counts).toMatchObject({
      Account: ACCOUNTS,
      Contact: 4 * ACCOUNTS,
      Opportunity: 3 * ACCOUNTS - Math.floor((2 * ACCOUNTS) / 3),
      Case: ACCOUNTS,
      Task: 4 * ACCOUNTS,
      Event: 2 * ACCOUNTS,
      Contract: ACCOUNTS,
      ContentDocument: ACCOUNTS,
    });
    expect(build.unassignedRecords).toHaveLength(ACCOUNTS / 100);
    expect(build.keyAccountIds.length).toBeGreaterThanOrEqual(20);
    expect(build.keyAccountIds.length).toBeLessThanOrEqual(40 + ACCOUNTS / 1000);
    const first = build.accounts[1];
    expect(first?.relationshipMap.contacts).toHaveLength(5);
    expect(first?.relationshipMap.reportsTo).toHaveLength(4); // c0 and c3 report to each other: a cycle
    expect(first?.openOpportunities.find((o) => o.opportunityId === 'a1o1')?.risks).toEqual(
      expect.arrayContaining(['stage_moved_back', 'amount_dropped']),
    );
    expect(first?.openOpportunities.find((o) => o.opportunityId === 'a1o2')?.competitor).toBe('Oracle');
    expect(build.completeness.checked).toBeGreaterThan(ACCOUNTS * 10);
  });
});
