import { SfCommand } from '@salesforce/sf-plugins-core';
import { services } from '../../../src/cli/services.js';
import HandoverRollback from '../../../src/commands/handover/rollback.js';
import type { RunOptions, RunResult } from '../../../src/salesforce/reassign/index.js';
import { commandContext, HANDOVER_ID } from './fixtures.js';
import { partial, rolledBack } from './runFixtures.js';

describe('handover rollback', () => {
  const ctx = commandContext();
  const { $$ } = ctx;
  const { argv } = ctx;
  beforeEach(() => $$.SANDBOX.stub(process.stdout, 'write').returns(true));
  // Other tests' failures set process.exitCode in this worker; every test starts and ends clean.
  beforeEach(() => {
    process.exitCode = undefined;
  });
  afterEach(() => {
    process.exitCode = undefined;
  });

  const dry: RunResult = { ...rolledBack, dryRun: true, status: 'Reassigned' };
  const options = (stub: sinon.SinonStub, call = 0): RunOptions => stub.getCall(call).args[2] as RunOptions;

  it('--dry-run prints what goes back and changes nothing, without a prompt', async () => {
    const confirm = $$.SANDBOX.stub(SfCommand.prototype, 'confirm').resolves(false);
    const stub = $$.SANDBOX.stub(services, 'rollbackHandover').resolves(dry);
    const result = await HandoverRollback.run(argv('--dry-run'), ctx.config());
    expect(result).toEqual(dry);
    expect(confirm.called).toBe(false);
    expect(options(stub)).toEqual({ dryRun: true });
    expect(ctx.output()).toContain('5 record(s) go back to the departing user, 0 already back, 0 conflict(s)');
    const [counts, phases] = ctx.ux().table.args.map(([o]) => o.data);
    expect(counts).toContainEqual({ object: 'Opportunity', revert: 3, alreadyBack: 0, conflict: 0 });
    expect(phases?.map((p) => p.phase)).toEqual(['opportunities', 'accounts']);
  });

  it('shows the plan and asks first; declining changes nothing', async () => {
    const confirm = $$.SANDBOX.stub(SfCommand.prototype, 'confirm').resolves(false);
    const stub = $$.SANDBOX.stub(services, 'rollbackHandover').resolves(dry);
    await expect(HandoverRollback.run(argv(), ctx.config())).rejects.toMatchObject({ name: 'ROLLBACK_DECLINED' });
    expect(String(confirm.firstCall.args[0].message)).toContain(`Give 5 record(s) of handover ${HANDOVER_ID} back`);
    expect(stub.calledOnce).toBe(true);
  });

  it('rolls back after the confirmation and prints the summary', async () => {
    $$.SANDBOX.stub(SfCommand.prototype, 'confirm').resolves(true);
    const stub = $$.SANDBOX.stub(services, 'rollbackHandover');
    stub.onFirstCall().resolves(dry);
    stub.onSecondCall().resolves(rolledBack);
    const result = await HandoverRollback.run(argv(), ctx.config());
    expect(stub.callCount).toBe(2);
    expect(options(stub, 1)).toEqual({ onProgress: expect.any(Function) });
    expect(result.status).toBe('Rolled_Back');
    expect(process.exitCode ?? 0).toBe(0);
    expect(ctx.output()).toContain(`Handover ${HANDOVER_ID} is Rolled_Back`);
  });

  it('never prompts with --no-prompt or --json', async () => {
    const confirm = $$.SANDBOX.stub(SfCommand.prototype, 'confirm').resolves(false);
    const stub = $$.SANDBOX.stub(services, 'rollbackHandover').resolves(rolledBack);
    await HandoverRollback.run(argv('--no-prompt'), ctx.config());
    const result = await HandoverRollback.run(argv('--json'), ctx.config());
    expect(confirm.called).toBe(false);
    expect(stub.callCount).toBe(2);
    expect(result).toEqual(rolledBack);
  });

  it('exits 1 when some records did not go back, with the exceptions', async () => {
    $$.SANDBOX.stub(services, 'rollbackHandover').resolves({ ...partial, kind: 'rollback' });
    await HandoverRollback.run(argv('--no-prompt'), ctx.config());
    expect(process.exitCode).toBe(1);
    const exceptions = ctx
      .ux()
      .table.args.map(([o]) => o)
      .find((t) => String(t.title).startsWith('Exceptions'));
    expect(exceptions?.data).toHaveLength(20);
    const warning = ctx.ux().warn.args.flat()[0] as { message: string; actions: string[] };
    expect(warning.message).toContain('some records did not go back');
    expect(warning.actions.join('\n')).toContain(`sf handover rollback --handover ${HANDOVER_ID}`);
  });
});
