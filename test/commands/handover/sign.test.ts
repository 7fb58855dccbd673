import { services } from '../../../src/cli/services.js';
import HandoverSign from '../../../src/commands/handover/sign.js';
import { HandoverError } from '../../../src/salesforce/service/index.js';
import { commandContext, HANDOVER_ID, HASH, signoffResult } from './fixtures.js';

describe('handover sign', () => {
  const ctx = commandContext();
  const { $$ } = ctx;
  const { argv } = ctx;

  it('sign signs with the comment and shows the hash signed', async () => {
    const stub = $$.SANDBOX.stub(services, 'sign').resolves(signoffResult);
    $$.SANDBOX.stub(services, 'resolveUser').resolves({
      Id: '005000000000003AAA',
      Username: 'successor2@handover.local',
    } as never);
    const result = await HandoverSign.run(argv('--comment', 'All true'), ctx.config());
    expect(result).toEqual(signoffResult);
    expect(stub.firstCall.args[1]).toEqual({ handoverId: HANDOVER_ID, comment: 'All true' });
    const out = ctx.output();
    expect(out).toContain(`Signed handover ${HANDOVER_ID} as the departing user.`);
    expect(out).toContain(`Content hash signed: ${HASH}`);
    expect(out).toContain('Draft -> Signed_By_Departing');
    expect(out).toContain('Successors still to sign: successor2@handover.local');
  });

  it('sign names a successor it cannot read by Id', async () => {
    $$.SANDBOX.stub(services, 'sign').resolves(signoffResult);
    $$.SANDBOX.stub(services, 'resolveUser').resolves(undefined);
    await HandoverSign.run(argv(), ctx.config());
    expect(ctx.output()).toContain('Successors still to sign: 005000000000003AAA');
  });

  it('sign --json keeps the Ids and reads no user', async () => {
    $$.SANDBOX.stub(services, 'sign').resolves(signoffResult);
    const resolve = $$.SANDBOX.stub(services, 'resolveUser').resolves(undefined);
    const result = await HandoverSign.run(argv('--json'), ctx.config());
    expect(result.missingSuccessors).toEqual(['005000000000003AAA']);
    expect(resolve.called).toBe(false);
  });

  it('sign reports NOT_A_PARTY', async () => {
    $$.SANDBOX.stub(services, 'sign').rejects(
      new HandoverError('NOT_A_PARTY', 'You are not a party.', { actions: ['Sign in as a party.'] }),
    );
    await expect(HandoverSign.run(argv(), ctx.config())).rejects.toMatchObject({
      name: 'NOT_A_PARTY',
      actions: ['Sign in as a party.'],
    });
  });
});
