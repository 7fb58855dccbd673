import { SfCommand } from '@salesforce/sf-plugins-core';
import { watchTiming } from '../../../src/cli/runs.js';
import { services } from '../../../src/cli/services.js';
import HandoverResume from '../../../src/commands/handover/resume.js';
import type { RunOptions } from '../../../src/salesforce/reassign/index.js';
import { HandoverError } from '../../../src/salesforce/service/index.js';
import type { AuditEvent } from '../../../src/salesforce/store/model.js';
import { commandContext, header, HANDOVER_ID } from './fixtures.js';
import { approvedHeader, partial, reassigned, reassigningHeader, runningItems } from './runFixtures.js';

const NOW = new Date('2026-11-26T10:00:00.000Z');
const held = { owner: 'run-1', expiresAt: '2026-11-26T10:02:00.000Z' };
const free = { owner: null, expiresAt: null };

const startedEvent: AuditEvent = {
  id: 'a03000000000001AAA',
  handoverId: HANDOVER_ID,
  actorId: header.managerId,
  action: 'reassignment.started',
  occurredAt: '2026-11-26T09:00:00.000Z',
  details: JSON.stringify({ runId: 'run-0', planHash: 'x', policy: { mode: 'bulk', moveClosedCases: true, bogus: 1 } }),
  contentHash: null,
  previousEventHash: null,
  eventHash: null,
};

describe('handover resume', () => {
  const ctx = commandContext();
  const { $$ } = ctx;
  const { argv } = ctx;
  let sleep: sinon.SinonStub;
  beforeEach(() => {
    $$.SANDBOX.stub(process.stdout, 'write').returns(true);
    $$.SANDBOX.stub(watchTiming, 'now').returns(NOW);
    sleep = $$.SANDBOX.stub(watchTiming, 'sleep').resolves();
  });
  // Other tests' failures set process.exitCode in this worker; every test starts and ends clean.
  beforeEach(() => {
    process.exitCode = undefined;
  });
  afterEach(() => {
    process.exitCode = undefined;
  });

  const options = (stub: sinon.SinonStub): RunOptions => stub.firstCall.args[2] as RunOptions;

  it('finishes a stopped run with the policy it started with, flags on top, without a prompt', async () => {
    const confirm = $$.SANDBOX.stub(SfCommand.prototype, 'confirm').resolves(false);
    $$.SANDBOX.stub(services, 'readLease').resolves(free);
    $$.SANDBOX.stub(services, 'loadHeader').resolves(reassigningHeader);
    $$.SANDBOX.stub(services, 'readEvents').resolves([startedEvent]);
    const run = $$.SANDBOX.stub(services, 'reassignHandover').resolves(reassigned);
    const result = await HandoverResume.run(argv('--concurrency', '2'), ctx.config());
    expect(confirm.called).toBe(false);
    expect(options(run)).toMatchObject({
      policy: { mode: 'bulk', moveClosedCases: true, concurrency: 2 },
      followUps: true,
      freezeDeparting: false,
      onProgress: expect.any(Function),
    });
    expect(options(run).policy).not.toHaveProperty('bogus');
    expect(result).toEqual({
      handoverId: HANDOVER_ID,
      action: 'resumed',
      status: 'Reassigned',
      run: reassigned,
      watch: null,
    });
    expect(process.exitCode ?? 0).toBe(0);
    expect(ctx.output()).toContain(`Handover ${HANDOVER_ID} is Reassigned`);
  });

  it('freezes the departing user when the run it finishes was asked to', async () => {
    $$.SANDBOX.stub(services, 'readLease').resolves(free);
    $$.SANDBOX.stub(services, 'loadHeader').resolves(reassigningHeader);
    const details = { ...(JSON.parse(startedEvent.details ?? '{}') as object), freezeDeparting: true };
    $$.SANDBOX.stub(services, 'readEvents').resolves([{ ...startedEvent, details: JSON.stringify(details) }]);
    const run = $$.SANDBOX.stub(services, 'reassignHandover').resolves(reassigned);
    await HandoverResume.run(argv(), ctx.config());
    expect(options(run)).toMatchObject({ policy: { mode: 'bulk' }, freezeDeparting: true });
  });

  it('asks before starting a run that never started, unless --no-prompt or --json', async () => {
    const confirm = $$.SANDBOX.stub(SfCommand.prototype, 'confirm').resolves(false);
    $$.SANDBOX.stub(services, 'readLease').resolves(free);
    $$.SANDBOX.stub(services, 'loadHeader').resolves(approvedHeader);
    $$.SANDBOX.stub(services, 'readEvents').resolves([]);
    const run = $$.SANDBOX.stub(services, 'reassignHandover').resolves(reassigned);
    await expect(HandoverResume.run(argv(), ctx.config())).rejects.toMatchObject({ name: 'RESUME_DECLINED' });
    expect(confirm.calledOnce).toBe(true);
    expect(run.called).toBe(false);

    await HandoverResume.run(argv('--no-prompt'), ctx.config());
    await HandoverResume.run(argv('--json'), ctx.config());
    expect(confirm.calledOnce).toBe(true);
    expect(run.callCount).toBe(2);
    expect(options(run).policy).toEqual({});
  });

  it('does nothing for a handover already Reassigned', async () => {
    $$.SANDBOX.stub(services, 'readLease').resolves(free);
    $$.SANDBOX.stub(services, 'loadHeader').resolves({ ...header, status: 'Reassigned' });
    const run = $$.SANDBOX.stub(services, 'reassignHandover').resolves(reassigned);
    const result = await HandoverResume.run(argv(), ctx.config());
    expect(run.called).toBe(false);
    expect(result).toEqual({ handoverId: HANDOVER_ID, action: 'none', status: 'Reassigned', run: null, watch: null });
    expect(ctx.output()).toContain('already Reassigned');
  });

  it('exits 1 when the resumed run is partial', async () => {
    $$.SANDBOX.stub(services, 'readLease').resolves(free);
    $$.SANDBOX.stub(services, 'loadHeader').resolves(reassigningHeader);
    $$.SANDBOX.stub(services, 'readEvents').resolves([]);
    $$.SANDBOX.stub(services, 'reassignHandover').resolves(partial);
    const result = await HandoverResume.run(argv('--json'), ctx.config());
    expect(result.status).toBe('Partially_Reassigned');
    expect(process.exitCode).toBe(1);
  });

  it('watches a run another process holds until its lease is released', async () => {
    const lease = $$.SANDBOX.stub(services, 'readLease');
    lease.onCall(0).resolves(held);
    lease.onCall(1).resolves(held);
    lease.onCall(2).resolves(free);
    const headers = $$.SANDBOX.stub(services, 'loadHeader');
    headers.onCall(0).resolves(reassigningHeader);
    headers.onCall(1).resolves({ ...header, status: 'Reassigned' });
    $$.SANDBOX.stub(services, 'loadItems').resolves(runningItems);
    const run = $$.SANDBOX.stub(services, 'reassignHandover').resolves(reassigned);
    const result = await HandoverResume.run(argv(), ctx.config());
    expect(run.called).toBe(false);
    expect(sleep.calledOnce).toBe(true);
    expect(result).toMatchObject({
      action: 'watched',
      status: 'Reassigned',
      run: null,
      watch: {
        finished: true,
        polls: 2,
        transfer: { total: 4, byStatus: { Transferred: 2, In_Progress: 1, Pending: 1 } },
      },
    });
    expect(process.exitCode ?? 0).toBe(0);
    expect(ctx.output()).toContain('Items: 2 of 4 moved, 1 pending, 1 in progress, 0 failed, 0 conflict(s).');
    expect(ctx.output()).toContain('The other run finished');
  });

  const entry = { runId: 'run-1', kind: 'reassign' as const, startedAt: '2026-11-26T10:00:00.000Z' };
  /** The run journal of the run holding the lease: accounts done, contacts started (and an older run's entry). */
  const journal = {
    v: 1 as const,
    entries: [
      { ...entry, runId: 'run-0', phase: 'accounts', objectTypes: ['Account'], finishedAt: 'x', counts: null },
      {
        ...entry,
        phase: 'accounts',
        objectTypes: ['Account'],
        finishedAt: '2026-11-26T10:01:00.000Z',
        counts: { transferred: 40, failed: 1, conflicts: 0 },
      },
      { ...entry, phase: 'contacts', objectTypes: ['Contact'], finishedAt: null, counts: null },
    ],
  };

  it('shows the watched run where it stands: items and its current phase', async () => {
    $$.SANDBOX.stub(services, 'readLease').resolves({ ...held, journal });
    $$.SANDBOX.stub(services, 'loadHeader').resolves(reassigningHeader);
    $$.SANDBOX.stub(services, 'loadItems').resolves(runningItems);
    await HandoverResume.run(argv('--wait', '0'), ctx.config());
    // Outside a terminal each status ends a line of the spinner.
    expect(ctx.spinner().stop.args.map(([message]) => message)).toEqual([
      'Reassigning: 2 of 4 moved, 1 in progress, 0 failed, 0 conflict(s) · phase contacts (1 of 2 started phases done, 40 moved in them)',
      expect.stringContaining('still'),
    ]);
  });

  it('returns with exit code 1 when --wait runs out while the other run goes on', async () => {
    $$.SANDBOX.stub(services, 'readLease').resolves({ ...held, journal });
    $$.SANDBOX.stub(services, 'loadHeader').resolves(reassigningHeader);
    $$.SANDBOX.stub(services, 'loadItems').resolves(runningItems);
    const run = $$.SANDBOX.stub(services, 'reassignHandover').resolves(reassigned);
    const result = await HandoverResume.run(argv('--wait', '0', '--json'), ctx.config());
    expect(run.called).toBe(false);
    expect(sleep.called).toBe(false);
    expect(result).toMatchObject({ action: 'watched', status: 'Reassigning', watch: { finished: false, polls: 1 } });
    // The phases come from the run journal of the run holding the lease (not an older run's).
    expect(result.watch?.phases).toEqual([
      { phase: 'accounts', objectTypes: ['Account'], finished: true, transferred: 40, failed: 1, conflicts: 0 },
      {
        phase: 'contacts',
        objectTypes: ['Contact'],
        finished: false,
        transferred: null,
        failed: null,
        conflicts: null,
      },
    ]);
    expect(result.watch?.lease).toEqual(held);
    expect(process.exitCode).toBe(1);
    const warning = ctx.ux().warn.args.flat()[0] as { message: string; actions: string[] };
    expect(warning.message).toContain('still reassigning');
    expect(warning.actions.join('\n')).toContain(`sf handover resume --handover ${HANDOVER_ID}`);
  });

  it('takes over when the lease of a run that died expires', async () => {
    const lease = $$.SANDBOX.stub(services, 'readLease');
    lease.onCall(0).resolves(held);
    lease.onCall(1).resolves(free);
    $$.SANDBOX.stub(services, 'loadHeader').resolves(reassigningHeader);
    $$.SANDBOX.stub(services, 'loadItems').resolves(runningItems);
    $$.SANDBOX.stub(services, 'readEvents').resolves([]);
    const run = $$.SANDBOX.stub(services, 'reassignHandover').resolves(reassigned);
    const result = await HandoverResume.run(argv('--json'), ctx.config());
    expect(run.calledOnce).toBe(true);
    expect(result).toMatchObject({ action: 'resumed', status: 'Reassigned', watch: { finished: true } });
  });

  it('watches instead when another process takes the lease first', async () => {
    const lease = $$.SANDBOX.stub(services, 'readLease');
    lease.onCall(0).resolves(free);
    lease.onCall(1).resolves(free);
    const headers = $$.SANDBOX.stub(services, 'loadHeader');
    headers.onCall(0).resolves(reassigningHeader);
    headers.onCall(1).resolves({ ...header, status: 'Partially_Reassigned' });
    $$.SANDBOX.stub(services, 'loadItems').resolves(runningItems);
    $$.SANDBOX.stub(services, 'readEvents').resolves([]);
    $$.SANDBOX.stub(services, 'reassignHandover').rejects(
      new HandoverError('RUN_IN_PROGRESS', 'Another run is working.', { actions: ['Wait.'] }),
    );
    const result = await HandoverResume.run(argv('--json'), ctx.config());
    expect(result).toMatchObject({ action: 'watched', status: 'Partially_Reassigned', watch: { finished: true } });
    expect(process.exitCode).toBe(1);
  });
});
