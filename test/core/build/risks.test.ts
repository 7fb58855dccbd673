import { buildHandover } from '../../../src/core/build/index.js';
import { competitorFinder } from '../../../src/core/build/risks.js';
import type { OpportunityRisk } from '../../../src/core/model.js';
import { account, day, history, opportunity, role, snapshot, task } from './fixtures.js';

type Parts = Parameters<typeof snapshot>[0];

/** A healthy open deal: future close date, touched yesterday, two contacts. Tests break one thing each. */
function riskOf(over: Parameters<typeof opportunity>[0], parts: Parts = {}, options = {}): OpportunityRisk | undefined {
  const roles = parts?.opportunityContactRoles ?? [
    role({ OpportunityId: over.Id, ContactId: 'c1' }),
    role({ OpportunityId: over.Id, ContactId: 'c2' }),
  ];
  const build = buildHandover(
    snapshot({
      accounts: [account({ Id: 'a' })],
      ...parts,
      opportunities: [opportunity({ AccountId: 'a', ...over })],
      opportunityContactRoles: roles,
    }),
    options,
  );
  return build.accounts[0]?.openOpportunities.find((o) => o.opportunityId === over.Id);
}

describe('opportunity risks', () => {
  it('finds none on a healthy deal', () => {
    expect(riskOf({ Id: 'o' })).toMatchObject({ risks: [], competitor: null, name: 'Deal o', amount: 100_000 });
  });

  it('close_date_passed: a close date before today only', () => {
    expect(riskOf({ Id: 'o', CloseDate: day(-1) })?.risks).toEqual(['close_date_passed']);
    expect(riskOf({ Id: 'o', CloseDate: day(0) })?.risks).toEqual([]);
    expect(riskOf({ Id: 'o', CloseDate: null })?.risks).toEqual([]);
  });

  it('no_recent_activity: nothing on the deal or its account within the window', () => {
    expect(riskOf({ Id: 'o', LastActivityDate: day(-31) })?.risks).toEqual(['no_recent_activity']);
    expect(riskOf({ Id: 'o', LastActivityDate: null })?.risks).toEqual(['no_recent_activity']);
    expect(riskOf({ Id: 'o', LastActivityDate: day(-30) })?.risks).toEqual([]);
    expect(riskOf({ Id: 'o', LastActivityDate: day(-31) }, {}, { inactivityDays: 60 })?.risks).toEqual([]);
  });

  it('no_recent_activity: a past touch on the deal or the account counts, an open task does not', () => {
    const stale = { Id: 'o', LastActivityDate: null };
    const done = (over: Parameters<typeof task>[0]) =>
      task({ IsClosed: true, Status: 'Completed', ActivityDate: day(-3), ...over });
    expect(riskOf(stale, { activities: [done({ Id: 't', WhatId: 'o' })] })?.risks).toEqual([]);
    expect(riskOf(stale, { activities: [done({ Id: 't', AccountId: 'a' })] })?.risks).toEqual([]);
    expect(riskOf(stale, { accounts: [account({ Id: 'a', LastActivityDate: day(-2) })] })?.risks).toEqual([]);
    expect(riskOf(stale, { activities: [task({ Id: 't', WhatId: 'o', ActivityDate: day(-3) })] })?.risks).toEqual([
      'no_recent_activity',
    ]);
  });

  it('single_threaded: fewer than two distinct contacts with a role', () => {
    const one = [
      role({ OpportunityId: 'o', ContactId: 'c1' }),
      role({ OpportunityId: 'o', ContactId: 'c1', Id: 'dup', Role: 'Other' }),
    ];
    expect(riskOf({ Id: 'o' }, { opportunityContactRoles: one })?.risks).toEqual(['single_threaded']);
    expect(riskOf({ Id: 'o' }, { opportunityContactRoles: [] })?.risks).toEqual(['single_threaded']);
  });

  it('stage_moved_back: a later row at an earlier standard stage', () => {
    const back = history('o', [
      ['Qualification', 100, 30],
      ['Proposal/Price Quote', 100, 20],
      ['Needs Analysis', 100, 10],
    ]);
    expect(riskOf({ Id: 'o', StageName: 'Needs Analysis' }, { opportunityHistory: back })?.risks).toEqual([
      'stage_moved_back',
    ]);
    const forward = history('o', [
      ['Qualification', 100, 30],
      ['自定义阶段', 100, 25],
      ['Needs Analysis', 100, 20],
    ]);
    expect(riskOf({ Id: 'o', StageName: 'Needs Analysis' }, { opportunityHistory: forward })?.risks).toEqual([]);
    // History rows come in any order; they are read oldest first.
    expect(
      riskOf({ Id: 'o', StageName: 'Needs Analysis' }, { opportunityHistory: [...back].reverse() })?.risks,
    ).toEqual(['stage_moved_back']);
  });

  it('stage_moved_back: the deal now at an earlier stage than its history', () => {
    const rows = history('o', [['Negotiation/Review', 100_000, 5]]);
    expect(riskOf({ Id: 'o', StageName: 'Qualification' }, { opportunityHistory: rows })?.risks).toEqual([
      'stage_moved_back',
    ]);
  });

  it('amount_dropped: a known amount lower than the one before', () => {
    const dropped = history('o', [
      ['Qualification', 200_000, 20],
      ['Qualification', null, 15],
      ['Qualification', 100_000, 10],
    ]);
    expect(riskOf({ Id: 'o' }, { opportunityHistory: dropped })?.risks).toEqual(['amount_dropped']);
    const grew = history('o', [
      ['Qualification', 50_000, 20],
      ['Qualification', 100_000, 10],
    ]);
    expect(riskOf({ Id: 'o' }, { opportunityHistory: grew })?.risks).toEqual([]);
    expect(riskOf({ Id: 'o', Amount: 10 }, { opportunityHistory: grew })?.risks).toEqual(['amount_dropped']);
  });

  it('competitor_named: a listed competitor, in its listed spelling', () => {
    const options = { competitors: ['Oracle', '华为'] };
    expect(riskOf({ Id: 'o', Description: 'They also talk to ORACLE sales.' }, {}, options)).toMatchObject({
      risks: ['competitor_named'],
      competitor: 'Oracle',
    });
    expect(riskOf({ Id: 'o', NextStep: '客户在对比华为的方案' }, {}, options)?.competitor).toBe('华为');
    expect(
      riskOf({ Id: 'o', Description: 'Oracles of Delphi aside, nothing' }, {}, { competitors: ['Delph'] })?.risks,
    ).toEqual([]);
  });

  it('competitor_named: generic cues, with the name when one follows', () => {
    expect(riskOf({ Id: 'o', NextStep: 'Bake-off vs. Salesforce next week' })).toMatchObject({
      risks: ['competitor_named'],
      competitor: 'Salesforce',
    });
    expect(riskOf({ Id: 'o', Description: '竞争对手：金蝶，价格低20%' })?.competitor).toBe('金蝶');
    expect(riskOf({ Id: 'o', Description: 'A competitor cut prices' })).toMatchObject({
      risks: ['competitor_named'],
      competitor: null,
    });
    expect(riskOf({ Id: 'o', Description: 'Competitive pricing, no rivals here' })?.risks).toEqual([]);
  });

  it('finds competitors in huge text without copying it', () => {
    const find = competitorFinder(['SAP']);
    expect(find(`${'无关内容'.repeat(25_000)} SAP`)).toEqual({ found: true, name: 'SAP' });
    expect(find('asap please')).toEqual({ found: false, name: null });
  });
});
