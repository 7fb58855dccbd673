/**
 * Freezing the departing user after the run (RunOptions.freezeDeparting, `--freeze-departing`): it
 * waits for the last working day to be over, needs Manage Users (reported, not thrown, when the
 * manager lacks it), and happens once.
 */
import type jsforce from 'jsforce';
import { reassignHandover, type RunOptions, type RunResult } from '../../../src/salesforce/reassign/index.js';
import { getHandover } from '../../../src/salesforce/service/index.js';
import { readEvents } from '../../../src/salesforce/store/events.js';
import { stopTestOrg, type TestOrg } from '../../helpers/localOrg.js';
import { startHandoverOrg } from '../service/helpers.js';
import { approvedHandover, asOrg, USERS, userId } from './helpers.js';

const fast: RunOptions = { leaseSettleMs: 20, pollIntervalMs: 20, retry: { baseMs: 5, maxMs: 50 } };
const DAY_MS = 86_400_000;

describe('freezing the departing user (local org, demo seed)', () => {
  let org: TestOrg;
  let admin: jsforce.Connection;
  let manager: jsforce.Connection;
  let handoverId: string;
  let departingId: string;
  let lastWorkingDay: string;

  beforeAll(async () => {
    org = await startHandoverOrg();
    admin = await org.login();
    manager = await org.login(USERS.manager);
    departingId = await userId(admin, USERS.departing);
    handoverId = await approvedHandover(org, [USERS.successor1]);
    lastWorkingDay = (await getHandover(asOrg(manager), { handoverId })).handover.header.lastWorkingDay;
  }, 120_000);
  afterAll(() => stopTestOrg(org));

  const frozen = async (): Promise<boolean> => {
    const { records } = await admin.query<{ IsFrozen: boolean }>(
      `SELECT IsFrozen FROM UserLogin WHERE UserId = '${departingId}'`,
    );
    return records[0]?.IsFrozen === true;
  };
  /** A run as the manager, on a day `daysAfter` the last working day (undefined: today). */
  const runOn = (daysAfter?: number, options: RunOptions = {}): Promise<RunResult> =>
    reassignHandover(asOrg(manager), handoverId, {
      ...fast,
      ...options,
      freezeDeparting: true,
      ...(daysAfter === undefined
        ? {}
        : { deps: { now: () => new Date(Date.parse(`${lastWorkingDay}T12:00:00Z`) + daysAfter * DAY_MS) } }),
    });

  it('waits while the last working day is not over, and says until when', async () => {
    const run = await runOn();
    expect(run.status).toBe('Reassigned');
    expect(run.followUps?.freeze).toEqual({ status: 'waiting', lastWorkingDay });
    expect(await frozen()).toBe(false);
    // The run records that it was asked to freeze (a resume does it too) and what came of it.
    const events = await readEvents(asOrg(admin), handoverId);
    const started = events.findLast((e) => e.action === 'reassignment.started');
    const finished = events.findLast((e) => e.action === 'reassignment.finished');
    expect(JSON.parse(started?.details ?? '{}')).toMatchObject({ freezeDeparting: true });
    expect(JSON.parse(finished?.details ?? '{}')).toMatchObject({ followUps: { freeze: 'waiting' } });
  });

  it('reports that the org refused when the manager may not manage users', async () => {
    const run = await runOn(2);
    expect(run.followUps?.freeze).toEqual({
      status: 'refused',
      message: expect.stringContaining('INSUFFICIENT_ACCESS'),
    });
    expect(await frozen()).toBe(false);
  });

  it('freezes once the day is over and the manager may, and only once', async () => {
    const set = await admin.sobject('PermissionSet').create({
      Name: 'Freeze_Users',
      Label: 'Freeze users',
      PermissionsManageUsers: true,
    });
    await admin
      .sobject('PermissionSetAssignment')
      .create({ AssigneeId: await userId(admin, USERS.manager), PermissionSetId: set.id });
    // Without follow-up tasks (--no-follow-ups) the freeze still happens.
    const run = await runOn(2, { followUps: false });
    expect(run.followUps).toMatchObject({ planned: 0, created: 0, freeze: { status: 'frozen' } });
    expect(await frozen()).toBe(true);
    // Nothing moved again: the records went in the first run.
    expect(run.outcome.transferred).toBe(0);
    expect((await runOn(3)).followUps?.freeze).toEqual({ status: 'already_frozen' });
  });
});
