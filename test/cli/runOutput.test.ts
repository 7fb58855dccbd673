import { followUpsLine, journalLine, phaseLine, planBars, summaryBars, teamsLine } from '../../src/cli/runOutput.js';
import { initialProgress } from '../../src/core/reassign/index.js';

describe('phaseLine', () => {
  const state = {
    ...initialProgress(),
    perObject: {
      Task: { total: 231, done: 231, failed: 0, conflicts: 0 },
      Event: { total: 51, done: 48, failed: 2, conflicts: 1 },
      Contact: { total: 10, done: 10, failed: 0, conflicts: 0 },
    },
  };

  it("lists the phase's objects, with failures and conflicts only where there are any", () => {
    expect(phaseLine('activities', state)).toBe('Task 231/231; Event 48/51 (2 failed, 1 conflict(s))');
    expect(phaseLine('contacts', state)).toBe('Contact 10/10');
  });

  it('says how many rows the org processed of an object whose Bulk API 2.0 job runs', () => {
    const running = {
      ...state,
      perObject: { ...state.perObject, Contact: { total: 50_000, done: 0, failed: 0, conflicts: 0 } },
      processing: { b1: { objectType: 'Contact', processed: 30_000 } },
    };
    expect(phaseLine('contacts', running)).toBe('Contact 0/50000 (30000 processed by the org so far)');
  });

  it('shows nothing for a phase without objects, or before progress', () => {
    expect(phaseLine('cases', state)).toBeUndefined();
    expect(phaseLine('contacts', undefined)).toBeUndefined();
  });
});

describe('journalLine', () => {
  it('says how many item statuses the journal wrote and how many wait', () => {
    expect(journalLine({ ...initialProgress(), journal: { written: 60_000, waiting: 40_000 } })).toBe(
      '60000 written, 40000 waiting',
    );
  });
});

describe('teamsLine', () => {
  const team = { parentIds: [], snapshotted: 0, restored: 0, present: 0, failed: [] };

  it('names each team object with the counts that are not zero', () => {
    expect(
      teamsLine([
        { ...team, object: 'AccountTeamMember', snapshotted: 30, restored: 30 },
        {
          ...team,
          object: 'OpportunityTeamMember',
          snapshotted: 3,
          present: 1,
          restored: 1,
          failed: [{ parentId: '006000000000001AAA', userId: '005000000000009AAA', message: 'INACTIVE_OWNER_OR_USER' }],
        },
      ]),
    ).toBe('AccountTeamMember: 30 re-inserted; OpportunityTeamMember: 1 kept, 1 re-inserted, 1 failed');
  });

  it('says when there was nothing to put back', () => {
    expect(teamsLine([])).toBe('no team to put back');
    expect(teamsLine([{ ...team, object: 'AccountTeamMember' }])).toBe('AccountTeamMember: no member');
  });
});

describe('followUpsLine', () => {
  const tasks = { planned: 3, created: 2, existing: 1, createdTaskIds: [] };

  it('says what came of the freeze after the tasks', () => {
    expect(followUpsLine({ followUps: tasks })).toBe('2 created, 1 already there');
    expect(followUpsLine({ followUps: { ...tasks, freeze: { status: 'frozen' } } })).toBe(
      '2 created, 1 already there; departing user frozen',
    );
    expect(followUpsLine({ followUps: { ...tasks, freeze: { status: 'already_frozen' } } })).toBe(
      '2 created, 1 already there; departing user already frozen',
    );
    expect(
      followUpsLine({ followUps: { ...tasks, freeze: { status: 'waiting', lastWorkingDay: '2026-12-31' } } }),
    ).toBe(
      '2 created, 1 already there; departing user not frozen yet: run again after the last working day (2026-12-31)',
    );
    expect(
      followUpsLine({ followUps: { ...tasks, freeze: { status: 'refused', message: 'INSUFFICIENT_ACCESS: no' } } }),
    ).toContain('not frozen (freezing needs Manage Users: ask an admin): INSUFFICIENT_ACCESS: no');
  });

  it('says only what came of the freeze when no task was planned (--no-follow-ups)', () => {
    const none = { planned: 0, created: 0, existing: 0, createdTaskIds: [] };
    expect(followUpsLine({ followUps: { ...none, freeze: { status: 'frozen' } } })).toBe('departing user frozen');
  });
});

describe('summaryBars', () => {
  it('draws the outcome per object as bars to one scale, with a legend of what happened', () => {
    const row = { planned: 0, moved: 0, already: 0, conflicts: 0, failed: 0, notReached: 0 };
    const lines = summaryBars('reassign', [
      { ...row, object: 'Account', planned: 40, moved: 40 },
      { ...row, object: 'Opportunity', planned: 20, moved: 10, conflicts: 5, failed: 5 },
    ]);
    expect(lines).toEqual([
      `Account      ${'█'.repeat(40)}  40`,
      `Opportunity  ${'█'.repeat(10)}${'▒'.repeat(5)}${'░'.repeat(5)}${' '.repeat(20)}  20`,
      '█ moved   ▒ conflict   ░ failed',
    ]);
    expect(summaryBars('rollback', [{ ...row, object: 'Case', moved: 2 }]).at(-1)).toBe('█ given back');
    expect(summaryBars('reassign', [])).toEqual([]);
  });
});

describe('planBars', () => {
  it('draws one bar per successor: what moves to them, what stays, what is skipped', () => {
    const count = (move: number, stay: number, skip: number) => ({ move, stay, skip });
    const lines = planBars(
      {
        total: count(30, 10, 0),
        perObject: {},
        perSuccessor: {
          '005A': { total: count(20, 10, 0), perObject: {} },
          '005B': { total: count(10, 0, 0), perObject: {} },
        },
      },
      (id) => (id === '005A' ? 'successor1@handover.local' : 'successor2@handover.local'),
    );
    expect(lines).toEqual([
      `successor1@handover.local  ${'█'.repeat(27)}${'▒'.repeat(13)}  30`,
      `successor2@handover.local  ${'█'.repeat(13)}${' '.repeat(27)}  10`,
      '█ moves   ▒ stays with the departing rep',
    ]);
  });
});
