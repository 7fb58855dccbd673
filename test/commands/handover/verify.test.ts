import { services } from '../../../src/cli/services.js';
import HandoverVerify from '../../../src/commands/handover/verify.js';
import { commandContext, HANDOVER_ID } from './fixtures.js';
import { verifyNotOk, verifyOk } from './runFixtures.js';

describe('handover verify', () => {
  const ctx = commandContext();
  const { $$ } = ctx;
  const { argv } = ctx;
  // Other tests' failures set process.exitCode in this worker; every test starts and ends clean.
  beforeEach(() => {
    process.exitCode = undefined;
  });
  afterEach(() => {
    process.exitCode = undefined;
  });

  it('prints ok and the counts per object', async () => {
    const stub = $$.SANDBOX.stub(services, 'verifyHandover').resolves(verifyOk);
    const result = await HandoverVerify.run(argv(), ctx.config());
    expect(result).toEqual(verifyOk);
    expect(stub.firstCall.args[1]).toBe(HANDOVER_ID);
    expect(process.exitCode ?? 0).toBe(0);
    const out = ctx.output();
    expect(out).toContain(`Handover ${HANDOVER_ID} (Reassigned): ok. 6 of 6 planned record(s)`);
    expect(out).toContain('No exceptions.');
    expect(ctx.ux().table.args[0]?.[0].data).toContainEqual({
      object: 'Account',
      checked: 3,
      transferred: 3,
      leftWithDeparting: 0,
    });
  });

  it('prints not ok, every exception kind with its reason, and exits 1', async () => {
    $$.SANDBOX.stub(services, 'verifyHandover').resolves(verifyNotOk);
    $$.SANDBOX.stub(services, 'resolveUser').resolves({ Username: 'departing@handover.local' } as never);
    await HandoverVerify.run(argv(), ctx.config());
    expect(process.exitCode).toBe(1);
    expect(ctx.output()).toContain('not ok');
    const [, kinds, exceptions] = ctx.ux().table.args.map(([o]) => o.data);
    expect(kinds).toEqual([
      { kind: 'failed', count: 1, reason: expect.stringContaining('refused the owner change') },
      { kind: 'stays_by_policy', count: 1, reason: expect.stringContaining('by policy') },
    ]);
    expect(exceptions?.[0]).toMatchObject({
      kind: 'failed',
      record: '006000000000001AAA',
      owner: 'departing@handover.local',
      message: 'FIELD_CUSTOM_VALIDATION_EXCEPTION: Close date required',
    });
    const warning = ctx.ux().warn.args.flat()[0] as { message: string; actions: string[] };
    expect(warning.message).toContain('1 record(s) are still with the departing user');
    expect(warning.actions.join('\n')).toContain(`sf handover resume --handover ${HANDOVER_ID}`);
  });

  it('returns the report with --json', async () => {
    $$.SANDBOX.stub(services, 'verifyHandover').resolves(verifyNotOk);
    const resolve = $$.SANDBOX.stub(services, 'resolveUser').resolves(undefined);
    const result = await HandoverVerify.run(argv('--json'), ctx.config());
    expect(resolve.called).toBe(false);
    expect(result.report.ok).toBe(false);
    expect(result.report.exceptions).toHaveLength(2);
    expect(process.exitCode).toBe(1);
  });
});
