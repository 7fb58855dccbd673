import { MultiStageOutput } from '@oclif/multi-stage-output';
import { SfCommand } from '@salesforce/sf-plugins-core';
import { services } from '../../../src/cli/services.js';
import HandoverReassign from '../../../src/commands/handover/reassign.js';
import type { RunOptions } from '../../../src/salesforce/reassign/index.js';
import { HandoverError } from '../../../src/salesforce/service/index.js';
import { commandContext, HANDOVER_ID } from './fixtures.js';
import { DEPARTING_ID, dryRun, OTHER_OWNER_ID, partial, reassigned, SUCCESSOR_ID } from './runFixtures.js';

describe('handover reassign', () => {
  const ctx = commandContext();
  const { $$ } = ctx;
  const { argv } = ctx;
  // The live stages write straight to stdout; keep the test output clean.
  beforeEach(() => $$.SANDBOX.stub(process.stdout, 'write').returns(true));
  // Other tests' failures set process.exitCode in this worker; every test starts and ends clean.
  beforeEach(() => {
    process.exitCode = undefined;
  });
  afterEach(() => {
    process.exitCode = undefined;
  });

  const options = (stub: sinon.SinonStub, call = 0): RunOptions => stub.getCall(call).args[2] as RunOptions;

  it('--dry-run prints the plan and moves nothing, without a prompt', async () => {
    const confirm = $$.SANDBOX.stub(SfCommand.prototype, 'confirm').resolves(false);
    $$.SANDBOX.stub(services, 'resolveUser').resolves({
      Id: SUCCESSOR_ID,
      Username: 'successor1@handover.local',
    } as never);
    const stub = $$.SANDBOX.stub(services, 'reassignHandover').resolves(dryRun);
    const result = await HandoverReassign.run(argv('--dry-run', '--move-closed-cases'), ctx.config());
    expect(result).toEqual({ ...dryRun, async: false });
    expect(stub.calledOnce).toBe(true);
    expect(stub.firstCall.args[1]).toBe(HANDOVER_ID);
    expect(options(stub)).toEqual({ policy: { moveClosedCases: true }, dryRun: true });
    expect(confirm.called).toBe(false);
    const out = ctx.output();
    expect(out).toContain('Plan ffffffffffff for handover');
    expect(out).toContain('5 record(s) move, 2 stay with the departing user, 1 skipped');
    expect(out).toContain('2 Opportunity record(s) stay with the departing user');
    expect(out).toContain('--move-closed-opportunities');
    expect(out).toContain('1 Account record(s) are left alone');
    const [counts, phases] = ctx.ux().table.args.map(([o]) => o.data);
    expect(counts).toEqual([
      { successor: 'successor1@handover.local', object: 'Account', move: 2, stay: 0, skip: 1 },
      { successor: 'successor1@handover.local', object: 'Opportunity', move: 3, stay: 2, skip: 0 },
    ]);
    expect(phases).toContainEqual({
      phase: 'opportunities',
      objects: 'Opportunity',
      records: 3,
      batches: 1,
      methods: 'Opportunity:bulk',
    });
  });

  it('maps the flags to the policy and runs without a prompt with --no-prompt', async () => {
    const confirm = $$.SANDBOX.stub(SfCommand.prototype, 'confirm').resolves(false);
    const stub = $$.SANDBOX.stub(services, 'reassignHandover').resolves(reassigned);
    const result = await HandoverReassign.run(
      argv(
        '--mode',
        'bulk',
        '--concurrency',
        '8',
        '--move-closed-opportunities',
        '--move-closed-cases',
        '--move-completed-activities',
        '--no-follow-ups',
        '--freeze-departing',
        '--no-prompt',
      ),
      ctx.config(),
    );
    expect(confirm.called).toBe(false);
    expect(stub.calledOnce).toBe(true);
    expect(options(stub)).toMatchObject({
      freezeDeparting: true,
      policy: {
        mode: 'bulk',
        concurrency: 8,
        moveClosedOpportunities: true,
        moveClosedCases: true,
        moveCompletedActivities: true,
      },
      followUps: false,
      onProgress: expect.any(Function),
    });
    expect(options(stub).dryRun).toBeUndefined();
    expect(result).toMatchObject({ status: 'Reassigned', async: false });
    expect(process.exitCode ?? 0).toBe(0);
    const out = ctx.output();
    expect(out).toContain('5 moved, 0 found already moved, 0 conflict(s), 0 failed, 0 not reached.');
    expect(out).toContain('Follow-up tasks: 2 created, 0 already there');
    expect(out).toContain(`Handover ${HANDOVER_ID} is Reassigned`);
    const summary = ctx.ux().table.args.map(([o]) => o.data)[0];
    expect(summary).toContainEqual({
      object: 'Opportunity',
      planned: 3,
      moved: 3,
      already: 0,
      conflicts: 0,
      failed: 0,
      notReached: 0,
    });
  });

  it('feeds the progress events to the live stages', async () => {
    const stub = $$.SANDBOX.stub(services, 'reassignHandover').callsFake((_conn, _id, opts) => {
      const at = '2026-11-26T10:00:00.000Z';
      const state = reassigned.progress;
      opts?.onProgress?.(state, { type: 'run_started', at, total: 5, perObject: { Account: 2, Opportunity: 3 } });
      opts?.onProgress?.(state, { type: 'phase_started', at, phase: 'accounts' });
      opts?.onProgress?.(state, {
        type: 'batch_done',
        at,
        batchId: 'accounts/Account/1',
        objectType: 'Account',
        transferred: 2,
        failed: 0,
        conflicts: 0,
      });
      opts?.onProgress?.(state, { type: 'phase_started', at, phase: 'opportunities' });
      opts?.onProgress?.(state, { type: 'run_finished', at });
      return Promise.resolve(reassigned);
    });
    // The display's own rendering differs by terminal and CI mode: assert what the command tells it.
    const goto = $$.SANDBOX.spy(MultiStageOutput.prototype, 'goto');
    const skipTo = $$.SANDBOX.spy(MultiStageOutput.prototype, 'skipTo');
    const stop = $$.SANDBOX.spy(MultiStageOutput.prototype, 'stop');
    await HandoverReassign.run(argv('--no-prompt'), ctx.config());
    expect(stub.calledOnce).toBe(true);
    const stages = [...goto.args, ...skipTo.args].map((a) => String(a[0]));
    expect(stages).toEqual(expect.arrayContaining(['Plan', 'Accounts', 'Opportunities', 'Verification']));
    expect(stop.calledOnceWith('completed')).toBe(true);
  });

  it('shows the plan and asks first; declining moves nothing', async () => {
    $$.SANDBOX.stub(services, 'resolveUser').resolves(undefined);
    const confirm = $$.SANDBOX.stub(SfCommand.prototype, 'confirm').resolves(false);
    const stub = $$.SANDBOX.stub(services, 'reassignHandover').resolves(dryRun);
    await expect(HandoverReassign.run(argv(), ctx.config())).rejects.toMatchObject({ name: 'REASSIGN_DECLINED' });
    expect(confirm.calledOnce).toBe(true);
    expect(String(confirm.firstCall.args[0].message)).toContain(`Move 5 record(s) of handover ${HANDOVER_ID}`);
    expect(stub.calledOnce).toBe(true);
    expect(options(stub).dryRun).toBe(true);
    // An unreadable successor shows as its Id.
    expect(ctx.ux().table.args[0]?.[0].data[0]).toMatchObject({ successor: SUCCESSOR_ID });
  });

  it('runs after the confirmation', async () => {
    $$.SANDBOX.stub(services, 'resolveUser').resolves(undefined);
    $$.SANDBOX.stub(SfCommand.prototype, 'confirm').resolves(true);
    const stub = $$.SANDBOX.stub(services, 'reassignHandover');
    stub.onFirstCall().resolves(dryRun);
    stub.onSecondCall().resolves(reassigned);
    const result = await HandoverReassign.run(argv(), ctx.config());
    expect(stub.callCount).toBe(2);
    expect(options(stub, 1).dryRun).toBeUndefined();
    expect(result.async).toBe(false);
  });

  it('never prompts with --json and returns the run result', async () => {
    const confirm = $$.SANDBOX.stub(SfCommand.prototype, 'confirm').resolves(false);
    const stub = $$.SANDBOX.stub(services, 'reassignHandover').resolves(reassigned);
    const result = await HandoverReassign.run(argv('--json'), ctx.config());
    expect(confirm.called).toBe(false);
    expect(stub.calledOnce).toBe(true);
    expect(options(stub)).toMatchObject({ policy: {}, followUps: true, freezeDeparting: false });
    expect(result).toEqual({ ...reassigned, async: false });
  });

  it('exits 1 on a partial run, lists the first 20 exceptions and says what to do', async () => {
    $$.SANDBOX.stub(services, 'reassignHandover').resolves(partial);
    const usernames: Record<string, string> = {
      [OTHER_OWNER_ID]: 'lina@handover.local',
      [DEPARTING_ID]: 'departing@handover.local',
    };
    const resolve = $$.SANDBOX.stub(services, 'resolveUser').callsFake((_conn, id: string) =>
      Promise.resolve({ Id: id, Username: usernames[id] } as never),
    );
    const result = await HandoverReassign.run(argv('--no-prompt'), ctx.config());
    expect(process.exitCode).toBe(1);
    expect(result).toMatchObject({ status: 'Partially_Reassigned' });
    const tables = ctx.ux().table.args.map(([o]) => o);
    const exceptions = tables.find((t) => String(t.title).startsWith('Exceptions'));
    expect(exceptions?.title).toBe('Exceptions (20 of 25)');
    expect(exceptions?.data).toHaveLength(20);
    expect(exceptions?.data[1]).toMatchObject({
      object: 'Opportunity',
      kind: 'failed',
      ownerNow: 'departing@handover.local',
      code: 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
      message: 'Validation rule 2 failed',
    });
    // Who took a conflicting record, by username; each owner read once.
    expect(exceptions?.data[0]).toMatchObject({ kind: 'conflict', ownerNow: 'lina@handover.local' });
    expect(resolve.callCount).toBe(2);
    expect(ctx.output()).toContain('5 more exception(s)');
    const summary = tables[0]?.data.find((r) => r.object === 'Opportunity');
    expect(summary).toMatchObject({ conflicts: 13, failed: 12 });
    const warning = ctx
      .ux()
      .warn.args.flat()
      .map((w) => w as { message: string; actions?: string[] })
      .find((w) => typeof w === 'object' && w.message.includes('some records did not move'));
    expect(warning?.message).toContain('Partially_Reassigned');
    expect(warning?.actions?.join('\n')).toContain(`sf handover verify --handover ${HANDOVER_ID}`);
    expect(warning?.actions?.join('\n')).toContain(`sf handover resume --handover ${HANDOVER_ID}`);
  });

  it('turns an engine refusal into an SfError with its code and actions', async () => {
    $$.SANDBOX.stub(services, 'reassignHandover').rejects(
      new HandoverError('NOT_APPROVED', 'Handover is Draft.', { actions: ['Approve it first.'] }),
    );
    await expect(HandoverReassign.run(argv('--no-prompt'), ctx.config())).rejects.toMatchObject({
      name: 'NOT_APPROVED',
      actions: ['Approve it first.'],
    });
  });

  it('--async starts a detached resume with the same policy and returns at once', async () => {
    const run = $$.SANDBOX.stub(services, 'reassignHandover').resolves(reassigned);
    const detached = $$.SANDBOX.stub(services, 'startDetached').returns({
      pid: 4242,
      logFile: '/tmp/handover-reassign.log',
      command: ['node', 'run.js'],
    });
    const result = await HandoverReassign.run(
      argv('--async', '--no-prompt', '--mode', 'bulk', '--no-follow-ups', '--freeze-departing'),
      ctx.config(),
    );
    expect(run.called).toBe(false);
    expect(detached.calledOnce).toBe(true);
    const [args] = detached.firstCall.args;
    expect(args.slice(0, 4)).toEqual(['handover', 'resume', '--handover', HANDOVER_ID]);
    expect(args).toEqual(expect.arrayContaining(['--target-org', ctx.testOrg.username, '--no-prompt', '--json']));
    expect(args.join(' ')).toContain('--mode bulk');
    expect(args).toContain('--no-follow-ups');
    expect(args).toContain('--freeze-departing');
    expect(result).toEqual({
      handoverId: HANDOVER_ID,
      async: true,
      pid: 4242,
      logFile: '/tmp/handover-reassign.log',
      command: ['node', 'run.js'],
    });
    const out = ctx.output();
    expect(out).toContain('/tmp/handover-reassign.log');
    expect(out).toContain(`sf handover resume --handover ${HANDOVER_ID}`);
    expect(out).toContain(`sf handover verify --handover ${HANDOVER_ID}`);
  });

  it('refuses --dry-run with --async', async () => {
    await expect(HandoverReassign.run(argv('--dry-run', '--async'), ctx.config())).rejects.toThrow(/--async/);
  });
});
