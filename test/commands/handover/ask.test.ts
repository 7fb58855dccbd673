import { services } from '../../../src/cli/services.js';
import HandoverAsk from '../../../src/commands/handover/ask.js';
import { HandoverError } from '../../../src/salesforce/service/index.js';
import { commandContext, HANDOVER_ID, qaResult } from './fixtures.js';

describe('handover ask', () => {
  const ctx = commandContext();
  const { $$ } = ctx;

  it('ask posts the question about a record', async () => {
    const stub = $$.SANDBOX.stub(services, 'ask').resolves(qaResult);
    const result = await HandoverAsk.run(
      [
        '--target-org',
        ctx.testOrg.username,
        '--handover',
        HANDOVER_ID,
        '--question',
        'Who signs?',
        '--record',
        '001000000000001AAA',
      ],
      ctx.config(),
    );
    expect(result).toEqual(qaResult);
    expect(stub.firstCall.args[1]).toEqual({
      handoverId: HANDOVER_ID,
      question: 'Who signs?',
      recordId: '001000000000001AAA',
    });
    expect(ctx.output()).toContain(`Question ${qaResult.itemId} posted.`);
  });

  it('ask reports a refusal with its code', async () => {
    $$.SANDBOX.stub(services, 'ask').rejects(
      new HandoverError('ROLE_NOT_ALLOWED', 'The departing rep answers questions.', { actions: ['Add a note.'] }),
    );
    await expect(
      HandoverAsk.run(
        ['--target-org', ctx.testOrg.username, '--handover', HANDOVER_ID, '--question', 'Q'],
        ctx.config(),
      ),
    ).rejects.toMatchObject({ name: 'ROLE_NOT_ALLOWED', actions: ['Add a note.'] });
  });
});
