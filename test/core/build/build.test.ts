import { buildHandover, COUNTED_OBJECTS, DEFAULT_BUILD_OPTIONS } from '../../../src/core/build/index.js';
import {
  account,
  caseRow,
  contact,
  contract,
  day,
  event,
  file,
  ME,
  opportunity,
  OTHER,
  relation,
  role,
  snapshot,
  task,
  won,
} from './fixtures.js';

describe('buildHandover', () => {
  it('has the documented defaults', () => {
    expect(DEFAULT_BUILD_OPTIONS).toEqual({
      keyAccountTopN: 20,
      inactivityDays: 30,
      renewalWindowDays: 90,
      latestCommunications: 5,
      competitors: [],
    });
  });

  it("builds one handover per account the rep owns, with the account's profile and history", () => {
    const build = buildHandover(
      snapshot({
        accounts: [
          account({
            Id: 'a',
            Name: '上海星辰科技有限公司',
            Industry: 'Manufacturing',
            AnnualRevenue: 5e7,
            Description: 'Long-time customer',
          }),
          account({ Id: 'not-mine', OwnerId: OTHER }),
        ],
        opportunities: [
          won({ Id: 'w1', AccountId: 'a', CloseDate: day(-50), Amount: 300 }),
          opportunity({ Id: 'l1', AccountId: 'a', StageName: 'Closed Lost', IsClosed: true, CloseDate: day(-5) }),
          opportunity({ Id: 'x', AccountId: 'a', CloseDate: null, IsClosed: true, StageName: 'Closed Lost' }),
        ],
        contracts: [contract({ Id: 'k', AccountId: 'a', EndDate: day(45) })],
        files: [
          file({ ContentDocumentId: 'f1', LinkedEntityId: 'a' }),
          file({ ContentDocumentId: 'f1', LinkedEntityId: 'w1' }),
          file({ ContentDocumentId: 'f2', LinkedEntityId: 'w1', Title: null }),
        ],
      }),
    );
    expect(build.accounts.map((a) => a.accountId)).toEqual(['a']);
    const a = build.accounts[0];
    expect(a).toMatchObject({
      name: '上海星辰科技有限公司',
      industry: 'Manufacturing',
      annualRevenue: 5e7,
      description: 'Long-time customer',
      ownedByDeparting: true,
      stage: 'under_contract',
      closedWonLast12Months: 300,
      successorId: null,
    });
    expect(a?.pastDeals.map((d) => [d.opportunityId, d.isWon])).toEqual([
      ['l1', false],
      ['w1', true],
      ['x', false],
    ]);
    expect(a?.contracts).toEqual([
      {
        contractId: 'k',
        contractNumber: 'C-k',
        status: 'Activated',
        startDate: day(-300),
        endDate: day(45),
        renewsWithinDays: 45,
      },
    ]);
    expect(a?.files).toEqual([
      { contentDocumentId: 'f1', title: 'File f1' },
      { contentDocumentId: 'f2', title: '(untitled)' },
    ]);
  });

  it('shows the latest communications that happened, newest first, up to the limit', () => {
    const build = buildHandover(
      snapshot({
        accounts: [account({ Id: 'a' })],
        contacts: [contact({ Id: 'c', AccountId: 'a' })],
        activities: [
          task({ Id: 't1', AccountId: 'a', IsClosed: true, ActivityDate: day(-1), WhoId: 'c', Subject: '电话沟通 📞' }),
          event({ Id: 'e1', AccountId: 'a', offset: -3, WhoId: 'lead-1' }),
          task({ Id: 't2', AccountId: 'a', IsClosed: true, ActivityDate: day(-9) }),
          task({ Id: 'open', AccountId: 'a', ActivityDate: day(-2) }),
          event({ Id: 'future', AccountId: 'a', offset: 2 }),
        ],
      }),
      { latestCommunications: 2 },
    );
    expect(build.accounts[0]?.latestCommunications).toEqual([
      { activityId: 't1', kind: 'Task', subject: '电话沟通 📞', date: day(-1), contactId: 'c' },
      { activityId: 'e1', kind: 'Event', subject: 'Meeting e1', date: day(-3), contactId: null },
    ]);
  });

  it('places activities by their What or Who when they have no AccountId', () => {
    const build = buildHandover(
      snapshot({
        accounts: [account({ Id: 'a' })],
        contacts: [contact({ Id: 'c', AccountId: 'a' })],
        opportunities: [opportunity({ Id: 'o', AccountId: 'a' })],
        activities: [task({ Id: 'by-what', WhatId: 'o' }), task({ Id: 'by-who', WhoId: 'c' })],
      }),
    );
    const tasks = build.accounts[0]?.pendingItems.filter((i) => i.objectType === 'Task');
    expect(tasks?.map((i) => i.recordId).sort()).toEqual(['by-what', 'by-who']);
    expect(build.unassignedRecords).toEqual([]);
  });

  it("adds someone else's account where the rep holds open deals, open cases, open tasks or contacts", () => {
    const build = buildHandover(
      snapshot({
        accounts: [
          account({ Id: 'mine' }),
          account({ Id: 'deal', OwnerId: OTHER }),
          account({ Id: 'case', OwnerId: OTHER }),
          account({ Id: 'task', OwnerId: OTHER }),
          account({ Id: 'contact', OwnerId: null }),
          account({ Id: 'history', OwnerId: OTHER }),
          account({ Id: 'untouched', OwnerId: OTHER }),
        ],
        opportunities: [
          opportunity({ Id: 'o1', AccountId: 'deal' }),
          won({ Id: 'o2', AccountId: 'history' }),
          opportunity({ Id: 'o3', AccountId: 'untouched', OwnerId: OTHER }),
        ],
        cases: [caseRow({ Id: 'k1', AccountId: 'case' }), caseRow({ Id: 'k2', AccountId: 'history', IsClosed: true })],
        activities: [task({ Id: 't1', AccountId: 'task' }), task({ Id: 't2', AccountId: 'history', IsClosed: true })],
        contacts: [contact({ Id: 'c1', AccountId: 'contact' })],
      }),
    );
    expect(build.accounts.map((a) => [a.accountId, a.ownedByDeparting])).toEqual([
      ['mine', true],
      ['deal', false],
      ['case', false],
      ['task', false],
      ['contact', false],
    ]);
    expect(build.accounts[1]?.openOpportunities.map((o) => o.opportunityId)).toEqual(['o1']);
  });

  it("reads the customer's stage and closed-won from all its rows, but hands over only the rep's", () => {
    const build = buildHandover(
      snapshot({
        accounts: [account({ Id: 'b', OwnerId: OTHER })],
        opportunities: [
          opportunity({ Id: 'mine', AccountId: 'b' }),
          won({ Id: 'theirs', AccountId: 'b', OwnerId: OTHER, Amount: 900 }),
        ],
        contracts: [contract({ Id: 'k', AccountId: 'b', OwnerId: OTHER })],
      }),
    );
    expect(build.accounts[0]).toMatchObject({
      ownedByDeparting: false,
      stage: 'under_contract',
      closedWonLast12Months: 900,
      keyReasons: ['top_closed_won'],
      contracts: [],
      pastDeals: [],
    });
    expect(build.counts).toMatchObject({ Account: 0, Opportunity: 1, Contract: 0 });
  });

  it("counts every record the rep owns, per object type, and nobody else's", () => {
    const build = buildHandover(
      snapshot({
        accounts: [account({ Id: 'a' }), account({ Id: 'b', OwnerId: OTHER })],
        contacts: [contact({ Id: 'c1', AccountId: 'a' }), contact({ Id: 'c2', AccountId: 'a', OwnerId: null })],
        opportunities: [opportunity({ Id: 'o1', AccountId: 'a' }), won({ Id: 'o2', AccountId: 'b' })],
        cases: [caseRow({ Id: 'k', AccountId: 'a', OwnerId: 'queue' })],
        activities: [task({ Id: 't', AccountId: 'a' }), event({ Id: 'e', AccountId: 'a', offset: -1 })],
        contracts: [contract({ Id: 'k1', AccountId: 'a' })],
        files: [
          file({ ContentDocumentId: 'f', LinkedEntityId: 'a' }),
          file({ ContentDocumentId: 'f', LinkedEntityId: 'o1' }),
          file({ ContentDocumentId: 'g', LinkedEntityId: 'a', OwnerId: OTHER }),
        ],
        otherOwned: [
          { Id: 'lead1', objectType: 'Lead', Name: '王先生' },
          { Id: 'lead2', objectType: 'Lead', Name: null },
          { Id: 'q1', objectType: 'Quote', Name: 'Q-1' },
        ],
      }),
    );
    expect(build.counts).toEqual({
      Account: 1,
      Contact: 1,
      Opportunity: 2,
      Case: 0,
      Task: 1,
      Event: 1,
      Contract: 1,
      ContentDocument: 1,
      Lead: 2,
      Quote: 1,
    });
    expect(Object.keys(build.counts).slice(0, COUNTED_OBJECTS.length)).toEqual([...COUNTED_OBJECTS]);
  });

  it('lists what no account holds: records without an account, or whose account the snapshot cannot see', () => {
    const build = buildHandover(
      snapshot({
        accounts: [account({ Id: 'a' })],
        contacts: [contact({ Id: 'orphan', AccountId: null }), contact({ Id: 'gone', AccountId: 'deleted-account' })],
        opportunities: [opportunity({ Id: 'o', AccountId: 'hidden', Name: null })],
        cases: [caseRow({ Id: 'k', AccountId: null, Subject: null, CaseNumber: '00001234' })],
        activities: [
          task({ Id: 'lead-call', WhoId: 'lead-1' }),
          task({ Id: 'hidden-deal', WhatId: 'o' }),
          task({ Id: 'theirs', OwnerId: OTHER }),
        ],
        contracts: [contract({ Id: 'kk', AccountId: 'hidden' })],
        files: [file({ ContentDocumentId: 'f', LinkedEntityId: ME })],
        otherOwned: [{ Id: 'lead1', objectType: 'Lead', Name: '李女士 🌸' }],
      }),
    );
    expect(build.unassignedRecords).toEqual([
      { recordId: 'orphan', objectType: 'Contact', name: 'Contact orphan', reason: 'no_account' },
      { recordId: 'gone', objectType: 'Contact', name: 'Contact gone', reason: 'account_not_visible' },
      { recordId: 'o', objectType: 'Opportunity', name: '(no name)', reason: 'account_not_visible' },
      { recordId: 'k', objectType: 'Case', name: '00001234', reason: 'no_account' },
      { recordId: 'lead-call', objectType: 'Task', name: 'Task lead-call', reason: 'no_account' },
      { recordId: 'hidden-deal', objectType: 'Task', name: 'Task hidden-deal', reason: 'account_not_visible' },
      { recordId: 'kk', objectType: 'Contract', name: 'C-kk', reason: 'account_not_visible' },
      { recordId: 'f', objectType: 'ContentDocument', name: 'File f', reason: 'no_account' },
      { recordId: 'lead1', objectType: 'Lead', name: '李女士 🌸', reason: 'no_account' },
    ]);
    expect(build.accounts.map((a) => a.accountId)).toEqual(['a']);
  });
});

describe('bad data never breaks the build', () => {
  it('fills in missing names and reports them as gaps', () => {
    const build = buildHandover(
      snapshot({
        accounts: [account({ Id: 'a', Name: null })],
        contacts: [contact({ Id: 'c', AccountId: 'a', Name: '' })],
        opportunities: [opportunity({ Id: 'o', AccountId: 'a', Name: null })],
      }),
    );
    const a = build.accounts[0];
    expect([a?.name, a?.relationshipMap.contacts[0]?.name, a?.openOpportunities[0]?.name]).toEqual([
      '(no name)',
      '(no name)',
      '(no name)',
    ]);
    const gaps = build.completeness.gaps.map((g) => [g.ruleId, g.recordId]);
    expect(gaps).toEqual(
      expect.arrayContaining([
        ['account_without_name', 'a'],
        ['contact_without_name', 'c'],
        ['open_deal_missing_fields', 'o'],
      ]),
    );
  });

  it('keeps 100,000-character descriptions out of titles and messages', () => {
    const huge = `${'很长的描述🙂 '.repeat(12_500)}`;
    expect(huge.length).toBeGreaterThanOrEqual(100_000);
    const build = buildHandover(
      snapshot({
        accounts: [account({ Id: 'a', Name: huge, Description: huge })],
        opportunities: [opportunity({ Id: 'o', AccountId: 'a', Name: huge, NextStep: huge, Description: huge })],
        cases: [caseRow({ Id: 'k', AccountId: 'a', Subject: huge, Description: huge })],
        activities: [task({ Id: 't', AccountId: 'a', Subject: huge })],
      }),
    );
    const a = build.accounts[0];
    expect(a?.description?.length).toBeLessThanOrEqual(2001 * 2);
    expect(a?.description?.endsWith('…')).toBe(true);
    expect(Array.from(a?.description ?? '').length).toBe(2000);
    expect(a?.name.length).toBeLessThanOrEqual(240);
    for (const item of a?.pendingItems ?? []) expect(Array.from(item.title).length).toBeLessThanOrEqual(120);
    for (const gap of build.completeness.gaps) expect(gap.message.length).toBeLessThanOrEqual(300);
    expect(JSON.stringify(build).length).toBeLessThan(50_000);
  });

  it('never splits an emoji when cutting text', () => {
    const build = buildHandover(snapshot({ accounts: [account({ Id: 'a', Name: '😀'.repeat(200) })] }));
    const name = build.accounts[0]?.name ?? '';
    expect(Array.from(name).every((ch) => ch === '😀' || ch === '…')).toBe(true);
  });

  it('handles deals without a close date or an amount', () => {
    const build = buildHandover(
      snapshot({
        accounts: [account({ Id: 'a' })],
        opportunities: [
          opportunity({ Id: 'o', AccountId: 'a', CloseDate: null, Amount: null }),
          won({ Id: 'w', AccountId: 'a', CloseDate: null, Amount: null }),
        ],
      }),
    );
    const a = build.accounts[0];
    expect(a?.openOpportunities[0]).toMatchObject({ amount: null, closeDate: null });
    expect(a?.openOpportunities[0]?.risks).not.toContain('close_date_passed');
    expect(a?.closedWonLast12Months).toBe(0);
    expect(a?.pendingItems[0]).toMatchObject({ kind: 'next_step', dueDate: null, overdue: false });
  });

  it('handles duplicate rows, null role lists, unknown zones and unreadable dates', () => {
    const rows = {
      accounts: [account({ Id: 'a' }), account({ Id: 'a' })],
      contacts: [contact({ Id: 'c', AccountId: 'a' }), contact({ Id: 'c', AccountId: 'a' })],
      accountContactRelations: [relation({ AccountId: 'a', ContactId: 'c', Roles: null as unknown as string[] })],
      opportunities: [opportunity({ Id: 'o', AccountId: 'a', CloseDate: 'soon', CreatedDate: 'never' })],
      opportunityContactRoles: [
        role({ OpportunityId: 'o', ContactId: 'c' }),
        role({ OpportunityId: 'o', ContactId: 'c' }),
      ],
      activities: [task({ Id: 't', AccountId: 'a', ActivityDate: '2025-02-30', CreatedDate: 'garbage' })],
      contracts: [contract({ Id: 'k', AccountId: 'a', EndDate: 'someday' })],
    };
    const build = buildHandover({ ...snapshot(rows), timeZone: 'Mars/Olympus' });
    expect(build.accounts).toHaveLength(1);
    expect(build.accounts[0]?.relationshipMap.contacts).toHaveLength(1);
    expect(build.accounts[0]?.pendingItems.find((i) => i.recordId === 't')?.dueDate).toBeNull();
    expect(build.counts.Account).toBe(1);
    expect(build.accounts[0]?.openOpportunities[0]).toMatchObject({ closeDate: null, risks: ['single_threaded'] });
    expect(build.accounts[0]?.contracts[0]?.endDate).toBeNull();
  });

  it('refuses a snapshot without a readable today', () => {
    expect(() => buildHandover({ ...snapshot(), today: 'tomorrow' })).toThrow(/today/);
  });
});
