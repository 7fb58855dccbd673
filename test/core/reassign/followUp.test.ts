import { chinaCalendar } from '../../../src/core/calendars/china.js';
import type { AccountHandover, RelationshipContact } from '../../../src/core/model.js';
import {
  followUpKey,
  keyCustomersFrom,
  planFollowUps,
  primaryContactOf,
  type FollowUpInput,
  type KeyCustomer,
} from '../../../src/core/reassign/followUp.js';

const china = chinaCalendar();

const customer = (accountId: string, successorId: string, contactId: string | null): KeyCustomer => ({
  accountId,
  accountName: `Account ${accountId}`,
  successorId,
  primaryContact: contactId === null ? null : { contactId, name: `Contact ${contactId}` },
});

// Reassigned on Wednesday 2026-09-30, the day before the National Day holiday (Oct 1-7, make-up Saturday Oct 10).
const input: FollowUpInput = {
  handoverId: 'H1',
  departingUserId: 'U-DEP',
  departingName: 'Li Lei',
  lastWorkingDay: '2026-09-30',
  reassignedOn: '2026-09-30',
  today: '2026-09-30',
  successors: [
    { successorId: 'S1', receivedOn: '2026-09-29' },
    { successorId: 'S2', receivedOn: '2026-09-30' },
  ],
  keyCustomers: [
    customer('A1', 'S1', 'C1'),
    customer('A2', 'S1', 'C1'), // the same contact is primary of two accounts of S1
    customer('A3', 'S1', null),
    customer('A4', 'S2', 'C1'),
    customer('A1', 'S1', 'C1'), // listed twice
    customer('A5', 'S9', 'C5'), // not a successor of this handover
  ],
  freezeAfterLastDay: true,
  departingIsFrozen: false,
};

describe('planFollowUps', () => {
  it('creates review, introduction and transition tasks with business-day due dates across a holiday', () => {
    const { tasks } = planFollowUps(china, input);
    expect(tasks.map((t) => [t.ownerId, t.kind, t.whatId, t.whoId, t.earliestDate, t.dueDate])).toEqual([
      ['S1', 'review_handover', 'H1', null, null, '2026-10-09'],
      ['S1', 'introduce_to_contact', 'A1', 'C1', '2026-10-08', '2026-10-10'],
      ['S1', 'introduce_to_contact', 'A3', null, '2026-10-08', '2026-10-10'],
      ['S1', 'transition_end', 'H1', null, null, '2026-10-30'],
      ['S2', 'review_handover', 'H1', null, null, '2026-10-10'],
      ['S2', 'introduce_to_contact', 'A4', 'C1', '2026-10-08', '2026-10-10'],
      ['S2', 'transition_end', 'H1', null, null, '2026-10-30'],
    ]);
    expect(tasks.find((t) => t.whoId === 'C1')?.subject).toBe('Introduce yourself to Contact C1 (Account A1)');
    expect(tasks[0]?.subject).toBe('Review the handover from Li Lei');
  });

  it('keys every task deterministically from ids only, one introduction per contact and successor', () => {
    const { tasks } = planFollowUps(china, input);
    const keys = tasks.map((t) => t.externalKey);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toContain('handover:H1:introduce_to_contact:S1:C1');
    expect(keys).toContain('handover:H1:introduce_to_contact:S1:account-A3');
    expect(keys).toContain(followUpKey('H1', 'review_handover', 'S2'));
    // A resumed run a day later (other dates, customers in another order) finds the same keys.
    const later = planFollowUps(china, {
      ...input,
      reassignedOn: '2026-10-08',
      today: '2026-10-08',
      keyCustomers: [...input.keyCustomers].reverse(),
    });
    expect(later.tasks.map((t) => t.externalKey)).toEqual(keys);
    expect(later.tasks.find((t) => t.whoId === 'C1')?.dueDate).toBe('2026-10-12');
  });

  it('rolls a transition end that falls on a holiday forward to the next business day', () => {
    // One month after 2026-01-15 is 2026-02-15, inside Spring Festival: the next business day is Feb 24.
    const { tasks } = planFollowUps(china, { ...input, lastWorkingDay: '2026-01-15', reassignedOn: '2026-01-14' });
    expect(tasks.filter((t) => t.kind === 'transition_end').map((t) => t.dueDate)).toEqual([
      '2026-02-24',
      '2026-02-24',
    ]);
  });

  it('freezes the departing user only after the last working day, when asked and not frozen yet', () => {
    expect(planFollowUps(china, input).actions).toEqual([]);
    const after = { ...input, today: '2026-10-01' };
    expect(planFollowUps(china, after).actions).toEqual([
      { kind: 'freeze_user', userId: 'U-DEP', reason: expect.stringContaining('2026-09-30') },
    ]);
    expect(planFollowUps(china, { ...after, freezeAfterLastDay: false }).actions).toEqual([]);
    expect(planFollowUps(china, { ...after, departingIsFrozen: true }).actions).toEqual([]);
  });
});

const contact = (contactId: string, extra: Partial<RelationshipContact> = {}): RelationshipContact => ({
  contactId,
  name: `Contact ${contactId}`,
  title: null,
  department: null,
  email: null,
  phone: null,
  reportsToId: null,
  roles: [],
  isDecisionMaker: false,
  isPrimaryOnOpenDeal: false,
  lastTouch: null,
  ownerId: null,
  notes: null,
  ...extra,
});

const account = (
  accountId: string,
  isKeyAccount: boolean,
  contacts: RelationshipContact[],
  successorId: string | null,
): AccountHandover => ({
  accountId,
  name: `Account ${accountId}`,
  industry: null,
  annualRevenue: null,
  description: null,
  ownedByDeparting: true,
  isKeyAccount,
  keyReasons: isKeyAccount ? ['strategic'] : [],
  stage: 'prospect',
  closedWonLast12Months: 0,
  pastDeals: [],
  contracts: [],
  latestCommunications: [],
  relationshipMap: { contacts, reportsTo: [] },
  pendingItems: [],
  openOpportunities: [],
  complaints: [],
  files: [],
  successorId,
});

describe('key customers from the handover', () => {
  it('picks the primary contact: primary on an open deal, then decision maker, then latest touch, then id', () => {
    expect(
      primaryContactOf([contact('B', { isDecisionMaker: true }), contact('A', { isPrimaryOnOpenDeal: true })])
        ?.contactId,
    ).toBe('A');
    expect(primaryContactOf([contact('A'), contact('B', { isDecisionMaker: true })])?.contactId).toBe('B');
    expect(
      primaryContactOf([contact('A', { lastTouch: '2026-01-01' }), contact('B', { lastTouch: '2026-03-01' })])
        ?.contactId,
    ).toBe('B');
    expect(primaryContactOf([contact('B'), contact('A')])?.contactId).toBe('A');
    expect(primaryContactOf([])).toBeNull();
  });

  it('keeps key accounts with a successor, from the account or the split', () => {
    const accounts = [
      account('A1', true, [contact('C1')], 'S1'),
      account('A2', true, [], null),
      account('A3', false, [contact('C3')], 'S1'),
      account('A4', true, [], null),
    ];
    expect(keyCustomersFrom(accounts, { A2: 'S2' })).toEqual([
      {
        accountId: 'A1',
        accountName: 'Account A1',
        successorId: 'S1',
        primaryContact: { contactId: 'C1', name: 'Contact C1' },
      },
      { accountId: 'A2', accountName: 'Account A2', successorId: 'S2', primaryContact: null },
    ]);
  });
});
