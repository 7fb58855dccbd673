import { SfCommand } from '@salesforce/sf-plugins-core';
import { services } from '../../../src/cli/services.js';
import HandoverApprove from '../../../src/commands/handover/approve.js';
import { commandContext, HANDOVER_ID, HASH, signoffResult, view } from './fixtures.js';

describe('handover approve', () => {
  const ctx = commandContext();
  const { $$ } = ctx;
  const { argv } = ctx;
  const approved = { ...signoffResult, role: 'manager', status: 'Approved', missingSuccessors: [] };

  it('approve asks for confirmation, then approves', async () => {
    $$.SANDBOX.stub(services, 'getHandover').resolves(view);
    const confirm = $$.SANDBOX.stub(SfCommand.prototype, 'confirm').resolves(true);
    const stub = $$.SANDBOX.stub(services, 'approve').resolves(approved);
    const result = await HandoverApprove.run(argv('--override-reason', 'Left without notice'), ctx.config());
    expect(result).toEqual(approved);
    expect(confirm.calledOnce).toBe(true);
    expect(String(confirm.firstCall.args[0].message)).toContain(HASH);
    expect(stub.firstCall.args[1]).toEqual({ handoverId: HANDOVER_ID, overrideReason: 'Left without notice' });
    expect(ctx.output()).toContain(`Content hash approved: ${HASH}`);
  });

  it('approve does nothing when the confirmation is declined', async () => {
    $$.SANDBOX.stub(services, 'getHandover').resolves(view);
    $$.SANDBOX.stub(SfCommand.prototype, 'confirm').resolves(false);
    const stub = $$.SANDBOX.stub(services, 'approve').resolves(approved);
    await expect(HandoverApprove.run(argv(), ctx.config())).rejects.toMatchObject({ name: 'APPROVAL_DECLINED' });
    expect(stub.called).toBe(false);
  });

  it('approve never prompts with --no-prompt or --json', async () => {
    const confirm = $$.SANDBOX.stub(SfCommand.prototype, 'confirm').resolves(false);
    const stub = $$.SANDBOX.stub(services, 'approve').resolves(approved);
    await HandoverApprove.run(argv('--no-prompt'), ctx.config());
    await HandoverApprove.run(argv('--json'), ctx.config());
    expect(confirm.called).toBe(false);
    expect(stub.callCount).toBe(2);
    expect(stub.firstCall.args[1]).toEqual({ handoverId: HANDOVER_ID });
  });
});
