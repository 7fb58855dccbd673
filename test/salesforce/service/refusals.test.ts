/**
 * Every bad start is refused with its stable code and a next step, before anything is written: the
 * rows of every handover object are counted before and after each refusal.
 */
import type jsforce from 'jsforce';
import { addNote, cancel, sign, startHandover, type StartInput } from '../../../src/salesforce/service/index.js';
import { addUserWithProfile, stopTestOrg, type TestOrg } from '../../helpers/localOrg.js';
import {
  asOrg,
  businessDaysFromToday,
  handoverRowCounts,
  refusal,
  startHandoverOrg,
  USERS,
  userId,
} from './helpers.js';

const NO_DEALS_USER = 'nodeals@handover.local';

describe('refusals (local org, demo seed)', () => {
  let org: TestOrg;
  let admin: jsforce.Connection;
  let manager: jsforce.Connection;
  let lastWorkingDay: string;
  let today: string;
  let yesterday: string;
  let noApiUser: string;

  beforeAll(async () => {
    org = await startHandoverOrg();
    admin = await org.login();
    manager = await org.login(USERS.manager);
    ({ today, day: lastWorkingDay } = await businessDaysFromToday(admin, 8));
    yesterday = new Date(Date.parse(`${today}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    const adminId = await userId(admin, 'admin@handover.local');
    noApiUser = 'noapi@handover.local';
    addUserWithProfile(org, adminId, { username: noApiUser, lastName: 'NoApi', profile: 'No API', apiEnabled: false });
    addUserWithProfile(org, adminId, {
      username: NO_DEALS_USER,
      lastName: 'NoDeals',
      profile: 'No Deals',
      apiEnabled: true,
      cannotRead: ['Opportunity'],
    });
  });
  afterAll(() => stopTestOrg(org));

  const base = (): StartInput => ({
    departing: USERS.departing,
    successors: [USERS.successor1, USERS.successor2],
    split: { kind: 'even' },
    lastWorkingDay,
    reason: 'Resignation',
  });

  /** The refusal of a start, checked to leave every handover table as it was. */
  async function refusedStart(
    input: StartInput,
  ): Promise<{ code: string; actions: readonly string[]; data: Record<string, unknown> }> {
    const before = await handoverRowCounts(admin);
    const error = await refusal(startHandover(asOrg(manager), input));
    expect(await handoverRowCounts(admin)).toEqual(before);
    expect(error.message.length).toBeGreaterThan(0);
    return error;
  }

  it.each<[string, (input: StartInput) => StartInput]>([
    ['no successor', (i) => ({ ...i, successors: [] })],
    ['a date that does not exist', (i) => ({ ...i, lastWorkingDay: '2026-02-30' })],
    ['an unknown reason', (i) => ({ ...i, reason: 'Fired' as StartInput['reason'] })],
    ['an unknown split', (i) => ({ ...i, split: { kind: 'random' } as unknown as StartInput['split'] })],
    [
      'a manual assignment to a non-Id',
      (i) => ({ ...i, split: { kind: 'manual', assignments: { 'not-an-id': USERS.successor1 } } }),
    ],
  ])('refuses invalid input: %s (INVALID_INPUT)', async (_name, change) => {
    const error = await refusedStart(change(base()));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.actions.length).toBeGreaterThan(0);
  });

  it.each<[string, string, (input: StartInput) => StartInput]>([
    ['an unknown departing user', 'DEPARTING_NOT_FOUND', (i) => ({ ...i, departing: 'nobody@handover.local' })],
    [
      'an unknown successor',
      'SUCCESSOR_NOT_FOUND',
      (i) => ({ ...i, successors: [USERS.successor1, 'ghost@handover.local'] }),
    ],
    ['an inactive successor', 'SUCCESSOR_INACTIVE', (i) => ({ ...i, successors: [USERS.inactive] })],
    ['a frozen successor', 'SUCCESSOR_FROZEN', (i) => ({ ...i, successors: [USERS.frozen] })],
    [
      'the departing user as successor',
      'SUCCESSOR_IS_DEPARTING',
      (i) => ({ ...i, successors: [USERS.successor1, USERS.departing] }),
    ],
    ['a successor without API access', 'SUCCESSOR_CANNOT_OWN', (i) => ({ ...i, successors: [noApiUser] })],
    [
      'too many successors',
      'TOO_MANY_SUCCESSORS',
      (i) => ({ ...i, successors: Array.from({ length: 14 }, (_, n) => `s${n}@handover.local`) }),
    ],
    ['the manager as successor', 'MANAGER_IS_PARTY', (i) => ({ ...i, successors: [USERS.manager] })],
    ['a successor as manager', 'MANAGER_IS_PARTY', (i) => ({ ...i, managerId: USERS.successor1 })],
    ['an unknown manager', 'MANAGER_NOT_FOUND', (i) => ({ ...i, managerId: 'boss@handover.local' })],
    ['an inactive manager', 'MANAGER_INACTIVE', (i) => ({ ...i, managerId: USERS.inactive })],
    ['a frozen manager', 'MANAGER_FROZEN', (i) => ({ ...i, managerId: USERS.frozen })],
    ['a departing user without a manager', 'NO_MANAGER', (i) => ({ ...i, departing: USERS.director })],
    ['a last day in the past', 'LAST_DAY_IN_PAST', (i) => ({ ...i, lastWorkingDay: yesterday })],
    ['a single split with two successors', 'SPLIT_INVALID', (i) => ({ ...i, split: { kind: 'single' } })],
  ])('refuses %s (%s)', async (_name, code, change) => {
    const error = await refusedStart(change(base()));
    expect(error.code).toBe(code);
    expect(error.actions.length).toBeGreaterThan(0);
  });

  it('refuses a successor who cannot read opportunities, naming what they cannot read', async () => {
    const error = await refusedStart({ ...base(), successors: [USERS.successor1, NO_DEALS_USER] });
    expect(error.code).toBe('SUCCESSOR_CANNOT_OWN');
    expect(error.data.reason).toBe('cannot read Opportunity');
  });

  it('refuses a successor named twice, by username and by Id', async () => {
    const id15 = (await userId(admin, USERS.successor1)).slice(0, 15);
    const error = await refusedStart({ ...base(), successors: [USERS.successor1, id15] });
    expect(error.code).toBe('DUPLICATE_SUCCESSOR');
  });

  describe('a manual split', () => {
    let accounts: string[];
    let foreignAccount: string;

    beforeAll(async () => {
      const departingId = await userId(admin, USERS.departing);
      const linaId = await userId(admin, USERS.lina);
      accounts = (
        await admin.query<{ Id: string }>(`SELECT Id FROM Account WHERE OwnerId = '${departingId}' ORDER BY Id`)
      ).records.map((r) => r.Id);
      const other = await admin.query<{ Id: string }>(`SELECT Id FROM Account WHERE OwnerId = '${linaId}' LIMIT 1`);
      foreignAccount = other.records[0]?.Id ?? '';
    });

    const manual = (assignments: Record<string, string>): StartInput => ({
      ...base(),
      split: { kind: 'manual', assignments },
    });
    const everyAccount = (): Record<string, string> =>
      Object.fromEntries(accounts.map((id, i) => [id, i % 2 === 0 ? USERS.successor1 : USERS.successor2]));

    it('refuses accounts left without a successor', async () => {
      const error = await refusedStart(manual({ [accounts[0] ?? '']: USERS.successor1 }));
      expect(error.code).toBe('SPLIT_INVALID');
      const errors = error.data.errors as { code: string }[];
      expect(errors.every((e) => e.code === 'UNASSIGNED_ACCOUNT')).toBe(true);
      expect(error.data.errorCount).toBe(accounts.length - 1);
    });

    it('refuses an account that is not in the book', async () => {
      const error = await refusedStart(manual({ ...everyAccount(), [foreignAccount]: USERS.successor1 }));
      expect(error.code).toBe('SPLIT_INVALID');
      expect(error.data.errors).toEqual([expect.objectContaining({ code: 'UNKNOWN_ACCOUNT', id: foreignAccount })]);
    });

    it('refuses an assignment to someone who is not a successor', async () => {
      const error = await refusedStart(manual({ ...everyAccount(), [accounts[1] ?? '']: USERS.lina }));
      expect(error.code).toBe('SPLIT_INVALID');
      expect(error.data.errors).toEqual([expect.objectContaining({ code: 'UNKNOWN_SUCCESSOR', id: USERS.lina })]);
    });
  });

  describe('with a handover in progress', () => {
    let handoverId: string;

    beforeAll(async () => {
      const started = await startHandover(asOrg(manager), {
        ...base(),
        successors: [USERS.successor3],
        split: { kind: 'single' },
      });
      handoverId = started.handoverId;
    });

    it('refuses a second handover for the same departing user', async () => {
      const error = await refusedStart(base());
      expect(error.code).toBe('HANDOVER_EXISTS');
      expect(error.data.handoverId).toBe(handoverId);
    });

    it('refuses the Id of another object, and text that is no Id, writing nothing', async () => {
      const account = await admin.query<{ Id: string }>('SELECT Id FROM Account LIMIT 1');
      const accountId = account.records[0]?.Id ?? '';
      const departing = asOrg(await org.login(USERS.departing));
      const before = await handoverRowCounts(admin);
      const wrong = await refusal(sign(departing, { handoverId: accountId }));
      expect(wrong).toMatchObject({ code: 'WRONG_OBJECT', data: { object: 'Account' } });
      expect(wrong.message).toContain('Account');
      const note = await refusal(addNote(departing, { handoverId: accountId, itemId: accountId, notes: 'x' }));
      expect(note.code).toBe('WRONG_OBJECT');
      expect((await refusal(sign(departing, { handoverId: 'HO-0001' }))).code).toBe('INVALID_INPUT');
      // A well-formed handover Id that does not exist.
      const missing = `${handoverId.slice(0, 9)}zzzzzz`;
      expect((await refusal(sign(departing, { handoverId: missing }))).code).toBe('HANDOVER_NOT_FOUND');
      expect(await handoverRowCounts(admin)).toEqual(before);
    });

    it('lets only the manager cancel, and then a new handover may start', async () => {
      const successor = asOrg(await org.login(USERS.successor3));
      expect((await refusal(cancel(successor, { handoverId }))).code).toBe('ROLE_NOT_ALLOWED');
      const cancelled = await cancel(asOrg(manager), { handoverId, reason: 'Wrong successor' });
      expect(cancelled).toMatchObject({ status: 'Cancelled', action: 'handover.cancelled' });
      expect((await refusal(cancel(asOrg(manager), { handoverId }))).code).toBe('WRONG_STATE');

      const late = await startHandover(asOrg(manager), {
        ...base(),
        successors: [USERS.successor1],
        split: { kind: 'single' },
        lastWorkingDay: today,
      });
      expect(late.warnings.map((w) => w.code)).toContain('late');
      expect(late.deadlines.startWarning).toBe('late');
    });
  });
});
