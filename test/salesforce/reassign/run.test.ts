/**
 * The reassignment engine against a local org (demo seed): a full run to three successors with
 * independent checks of every owner afterwards, teams kept, assignment rules not re-routing cases,
 * the journal, follow-up tasks never duplicated, the audit log, verify and rollback.
 */
import type jsforce from 'jsforce';
import { setAssignmentRule } from '../../../src/org/sharing/assignment.js';
import {
  reassignHandover,
  rollbackHandover,
  verifyHandover,
  type RunResult,
} from '../../../src/salesforce/reassign/index.js';
import { HandoverError, verifyHandoverLog } from '../../../src/salesforce/service/index.js';
import { stopTestOrg, type TestOrg } from '../../helpers/localOrg.js';
import { startHandoverOrg } from '../service/helpers.js';
import { approvedHandover, asOrg, itemsOf, ownersOf, recordItemsOf, USERS, userId } from './helpers.js';

const fast = { leaseSettleMs: 20, pollIntervalMs: 20, retry: { baseMs: 5, maxMs: 50 } };

describe('reassignment engine (local org, demo seed)', () => {
  let org: TestOrg;
  let admin: jsforce.Connection;
  let manager: jsforce.Connection;
  let handoverId: string;
  let departingId: string;
  let run: RunResult;
  let teamsBefore: { AccountId: string; UserId: string }[];

  beforeAll(async () => {
    org = await startHandoverOrg();
    admin = await org.login();
    manager = await org.login(USERS.manager);
    departingId = await userId(admin, USERS.departing);
    handoverId = await approvedHandover(org);
    // An active case assignment rule that would route every updated case to a queue-less admin.
    setAssignmentRule(org.ctx, { object: 'Case', targetId: await userId(admin, 'admin@handover.local'), active: true });
  }, 120_000);
  afterAll(() => stopTestOrg(org));

  it('refuses anyone but the manager', async () => {
    const rep = asOrg(await org.login(USERS.departing));
    await expect(reassignHandover(rep, handoverId, fast)).rejects.toMatchObject({ code: 'ROLE_NOT_ALLOWED' });
  });

  it('plans in a dry run without writing anything', async () => {
    const before = await itemsOf(admin, handoverId);
    const dry = await reassignHandover(asOrg(manager), handoverId, { ...fast, dryRun: true });
    expect(dry.dryRun).toBe(true);
    expect(dry.counts.total).toMatchObject({ move: expect.any(Number) });
    const moves = recordItemsOf(before).filter((i) => i.transferStatus === 'Pending');
    expect((dry.counts as { total: { move: number } }).total.move).toBe(new Set(moves.map((i) => i.recordId)).size);
    expect(dry.phases.map((p) => p.phase)[0]).toBe('accounts');
    expect(await itemsOf(admin, handoverId)).toEqual(before);
  });

  it('moves every planned record to its successor and leaves history with the departing rep', async () => {
    const items = recordItemsOf(await itemsOf(admin, handoverId));
    const accountIds = items.filter((i) => i.objectType === 'Account').map((i) => i.recordId ?? '');
    teamsBefore = (
      await admin.query<{ AccountId: string; UserId: string }>(
        `SELECT AccountId, UserId FROM AccountTeamMember WHERE AccountId IN (${accountIds.map((id) => `'${id}'`).join(',')})`,
      )
    ).records.map((r) => ({ AccountId: r.AccountId, UserId: r.UserId }));
    const events: string[] = [];
    run = await reassignHandover(asOrg(manager), handoverId, { ...fast, onProgress: (_s, e) => events.push(e.type) });
    expect(run.status).toBe('Reassigned');
    expect(run.outcome.failed).toBe(0);
    expect(run.outcome.conflicts).toBe(0);
    expect(run.verification?.ok).toBe(true);
    expect(events[0]).toBe('run_started');
    expect(events.slice(-3)).toEqual(['run_finished', 'stage_started', 'stage_started']);
    expect(run.progress.done).toBe(run.outcome.transferred + run.outcome.alreadyDone);

    const after = await itemsOf(admin, handoverId);
    // The progress told every status the journal wrote, and nothing left waiting.
    expect(run.progress.journal).toEqual({
      written: recordItemsOf(after).filter((i) => i.transferStatus === 'Transferred').length,
      waiting: 0,
    });
    const owners = await ownersOf(admin, recordItemsOf(after));
    for (const item of recordItemsOf(after)) {
      const owner = owners.get(item.recordId ?? '');
      if (item.transferStatus === 'Transferred') expect(owner).toBe(item.successorId);
      else {
        expect(item.transferStatus).toBe('Not_Planned');
        expect(owner).toBe(departingId);
      }
    }
    // Closed deals stay: history and credit.
    const closed = await admin.query<{ Id: string; OwnerId: string }>(
      `SELECT Id, OwnerId FROM Opportunity WHERE IsClosed = true AND Id IN (${after
        .filter((i) => i.objectType === 'Opportunity')
        .map((i) => `'${i.recordId}'`)
        .join(',')})`,
    );
    expect(closed.records.length).toBeGreaterThan(0);
    for (const r of closed.records) expect(r.OwnerId).toBe(departingId);
  });

  it('keeps the account teams (but not the departing rep in them)', async () => {
    const ids = [...new Set(teamsBefore.map((t) => t.AccountId))];
    const now = (
      await admin.query<{ AccountId: string; UserId: string }>(
        `SELECT AccountId, UserId FROM AccountTeamMember WHERE AccountId IN (${ids.map((id) => `'${id}'`).join(',')})`,
      )
    ).records.map((r) => `${r.AccountId}:${r.UserId}`);
    const expected = teamsBefore.filter((t) => t.UserId !== departingId).map((t) => `${t.AccountId}:${t.UserId}`);
    expect(teamsBefore.length).toBeGreaterThan(0);
    expect(now.sort()).toEqual(expected.sort());
    expect(run.teams.find((t) => t.object === 'AccountTeamMember')?.failed).toEqual([]);
  });

  it('sends Sforce-Auto-Assign: FALSE so the case assignment rule does not re-route cases', async () => {
    const items = (await itemsOf(admin, handoverId)).filter(
      (i) => i.objectType === 'Case' && i.transferStatus === 'Transferred',
    );
    expect(items.length).toBeGreaterThan(0);
    const owners = await ownersOf(admin, items);
    for (const i of items) expect(owners.get(i.recordId ?? '')).toBe(i.successorId);
  });

  it('creates the follow-up tasks once, and a second run changes nothing', async () => {
    expect(run.followUps?.created).toBeGreaterThanOrEqual(6);
    const again = await reassignHandover(asOrg(manager), handoverId, fast);
    expect(again.outcome).toMatchObject({ transferred: 0, failed: 0, conflicts: 0 });
    expect(again.followUps).toMatchObject({ created: 0, existing: run.followUps?.created });
  });

  it('writes audit events that chain', async () => {
    const log = await verifyHandoverLog(asOrg(manager), { handoverId });
    expect(log.ok).toBe(true);
    const actions = (
      await admin.query<{ Action__c: string }>(
        `SELECT Action__c FROM Handover_Event__c WHERE Handover__c = '${handoverId}'`,
      )
    ).records.map((r) => r.Action__c);
    expect(actions).toEqual(expect.arrayContaining(['reassignment.started', 'reassignment.finished']));
  });

  it('verifies as any party', async () => {
    const s1 = asOrg(await org.login(USERS.successor1));
    const verified = await verifyHandover(s1, handoverId, fast);
    expect(verified.report.ok).toBe(true);
    expect(verified.report.leftWithDeparting).toBe(0);
  });

  it('rolls back to the departing rep, leaving what someone changed since', async () => {
    const items = (await itemsOf(admin, handoverId)).filter(
      (i) => i.objectType === 'Contact' && i.transferStatus === 'Transferred',
    );
    const changed = items[0];
    const someoneElse = await userId(admin, USERS.lina);
    await admin.sobject('Contact').update({ Id: changed?.recordId ?? '', OwnerId: someoneElse });
    const back = await rollbackHandover(asOrg(manager), handoverId, fast);
    expect(back.outcome.conflicts).toBe(1);
    expect(back.exceptions[0]).toMatchObject({ recordId: changed?.recordId, currentOwnerId: someoneElse });
    expect(back.status).toBe('Partially_Reassigned');
    const after = recordItemsOf(await itemsOf(admin, handoverId));
    const owners = await ownersOf(admin, after);
    for (const item of after) {
      if (item.recordId === changed?.recordId) expect(owners.get(item.recordId ?? '')).toBe(someoneElse);
      else expect(owners.get(item.recordId ?? '')).toBe(departingId);
    }
    expect(after.filter((i) => i.transferStatus === 'Rolled_Back').length).toBeGreaterThan(0);
  });

  it('names a handover error for a handover that is not approved', () => {
    expect(new HandoverError('NOT_APPROVED', 'x').code).toBe('NOT_APPROVED');
  });
});
