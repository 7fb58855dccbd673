import { buildHandover } from '../../../src/core/build/index.js';
import { awaitingKind, priorityOf, TASK_PRIORITY } from '../../../src/core/build/pendingItems.js';
import type { PendingItem } from '../../../src/core/model.js';
import { account, caseRow, contract, day, event, opportunity, OTHER, snapshot, task } from './fixtures.js';

const pendingOf = (parts: Parameters<typeof snapshot>[0], options = {}): PendingItem[] =>
  buildHandover(snapshot({ accounts: [account({ Id: 'a' })], ...parts }), options).accounts[0]?.pendingItems ?? [];
const byId = (items: PendingItem[], id: string) => items.find((i) => i.recordId === id);

describe('pending items', () => {
  it('lists open tasks with their priority mapped and due date, not closed ones', () => {
    const items = pendingOf({
      activities: [
        task({ Id: 'hi', AccountId: 'a', Priority: 'High' }),
        task({ Id: 'normal', AccountId: 'a', Priority: 'Normal', ActivityDate: day(1) }),
        task({ Id: 'lo', AccountId: 'a', Priority: 'Low' }),
        task({ Id: 'odd', AccountId: 'a', Priority: 'Whenever', ActivityDate: null }),
        task({ Id: 'done', AccountId: 'a', IsClosed: true, Status: 'Completed' }),
      ],
    });
    expect(items.map((i) => [i.recordId, i.kind, i.priority])).toEqual([
      ['hi', 'task', 'High'],
      ['normal', 'task', 'Medium'],
      ['odd', 'task', 'Medium'],
      ['lo', 'task', 'Low'],
    ]);
    expect(byId(items, 'normal')).toMatchObject({
      dueDate: day(1),
      overdue: false,
      state: 'Not Started',
      objectType: 'Task',
    });
  });

  it('bumps an overdue task to High and lists it first', () => {
    const items = pendingOf({
      activities: [
        task({ Id: 'soon', AccountId: 'a', Priority: 'High', ActivityDate: day(1) }),
        task({ Id: 'late', AccountId: 'a', Priority: 'Low', ActivityDate: day(-2) }),
      ],
    });
    expect(items[0]).toMatchObject({ recordId: 'late', priority: 'High', overdue: true });
  });

  it('lists events from today on, not past ones', () => {
    const items = pendingOf({
      activities: [
        event({ Id: 'next', AccountId: 'a', offset: 2 }),
        event({ Id: 'today', AccountId: 'a', offset: 0 }),
        event({ Id: 'past', AccountId: 'a', offset: -1 }),
      ],
    });
    expect(items.map((i) => [i.recordId, i.kind, i.dueDate, i.overdue])).toEqual([
      ['today', 'event', day(0), false],
      ['next', 'event', day(2), false],
    ]);
  });

  it('recognises quotes and proposals awaiting an answer in tasks and deals', () => {
    const items = pendingOf({
      activities: [
        task({ Id: 't-quote', AccountId: 'a', Subject: '发送报价单' }),
        task({ Id: 't-proposal', AccountId: 'a', Subject: 'Send proposal v2' }),
      ],
      opportunities: [
        opportunity({ Id: 'o-quote', AccountId: 'a', NextStep: 'Waiting for feedback on the quotation' }),
        opportunity({ Id: 'o-proposal', AccountId: 'a', Name: 'ERP 方案', NextStep: null }),
        opportunity({ Id: 'o-plain', AccountId: 'a', Name: 'Renewal', NextStep: null }),
      ],
    });
    expect(byId(items, 't-quote')?.kind).toBe('quote');
    expect(byId(items, 't-proposal')?.kind).toBe('proposal');
    expect(byId(items, 'o-quote')).toMatchObject({ kind: 'quote', objectType: 'Opportunity', dueDate: day(30) });
    expect(byId(items, 'o-proposal')).toMatchObject({ kind: 'proposal', title: 'ERP 方案' });
    expect(byId(items, 'o-plain')).toBeUndefined();
    expect(awaitingKind('unquoted remark')).toBeNull();
  });

  it("lists open deals' next steps as Medium, High once the close date has passed", () => {
    const items = pendingOf({
      opportunities: [
        opportunity({ Id: 'o1', AccountId: 'a', Name: 'Big deal', NextStep: 'Demo to IT' }),
        opportunity({ Id: 'o2', AccountId: 'a', NextStep: 'Call CFO', CloseDate: day(-3) }),
        opportunity({ Id: 'o3', AccountId: 'a', NextStep: 'Nothing', IsClosed: true, StageName: 'Closed Lost' }),
      ],
    });
    expect(byId(items, 'o1')).toMatchObject({
      kind: 'next_step',
      priority: 'Medium',
      title: 'Big deal: Demo to IT',
      state: 'Qualification',
    });
    expect(byId(items, 'o2')).toMatchObject({ kind: 'next_step', priority: 'High', overdue: true });
    expect(byId(items, 'o3')).toBeUndefined();
  });

  it('lists open cases by their priority', () => {
    const items = pendingOf({
      cases: [
        caseRow({ Id: 'c1', AccountId: 'a', Priority: 'High' }),
        caseRow({ Id: 'c2', AccountId: 'a', Priority: 'Low', Subject: null }),
        caseRow({ Id: 'c3', AccountId: 'a', IsClosed: true }),
      ],
    });
    expect(items.map((i) => [i.recordId, i.kind, i.priority, i.dueDate])).toEqual([
      ['c1', 'case', 'High', null],
      ['c2', 'case', 'Low', null],
    ]);
    expect(byId(items, 'c2')?.title).toBe('Case 000c2');
  });

  it('lists renewals within the window: High within 30 days or late, Medium further out', () => {
    const items = pendingOf(
      {
        contracts: [
          contract({ Id: 'k-soon', AccountId: 'a', EndDate: day(20) }),
          contract({ Id: 'k-later', AccountId: 'a', EndDate: day(60) }),
          contract({ Id: 'k-far', AccountId: 'a', EndDate: day(200) }),
          contract({ Id: 'k-late', AccountId: 'a', EndDate: day(-5) }),
          contract({ Id: 'k-draft', AccountId: 'a', EndDate: day(10), Status: 'Draft' }),
          contract({ Id: 'k-none', AccountId: 'a', EndDate: null }),
        ],
      },
      { renewalWindowDays: 90 },
    );
    expect(items.map((i) => [i.recordId, i.kind, i.priority, i.overdue])).toEqual([
      ['k-late', 'renewal', 'High', true],
      ['k-soon', 'renewal', 'High', false],
      ['k-later', 'renewal', 'Medium', false],
    ]);
    expect(byId(items, 'k-soon')?.title).toBe('Renewal of contract C-k-soon');
  });

  it("leaves out other users' work on someone else's account", () => {
    const build = buildHandover(
      snapshot({
        accounts: [account({ Id: 'b', OwnerId: OTHER })],
        activities: [task({ Id: 'mine', AccountId: 'b' }), task({ Id: 'theirs', AccountId: 'b', OwnerId: OTHER })],
      }),
    );
    expect(build.accounts[0]?.pendingItems.map((i) => i.recordId)).toEqual(['mine']);
  });

  it('maps priorities case-insensitively, Chinese included', () => {
    expect(priorityOf('HIGH', TASK_PRIORITY)).toBe('High');
    expect(priorityOf('高', TASK_PRIORITY)).toBe('High');
    expect(priorityOf(null, TASK_PRIORITY)).toBe('Medium');
  });
});
