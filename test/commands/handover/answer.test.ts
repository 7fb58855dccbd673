import { services } from '../../../src/cli/services.js';
import HandoverAnswer from '../../../src/commands/handover/answer.js';
import { commandContext, HANDOVER_ID, qaResult } from './fixtures.js';

describe('handover answer', () => {
  const ctx = commandContext();
  const { $$ } = ctx;

  it('answer answers a question', async () => {
    const stub = $$.SANDBOX.stub(services, 'answer').resolves({ ...qaResult, action: 'answer' });
    const result = await HandoverAnswer.run(
      [
        '--target-org',
        ctx.testOrg.username,
        '--handover',
        HANDOVER_ID,
        '--item',
        qaResult.itemId,
        '--answer',
        'The CFO.',
      ],
      ctx.config(),
    );
    expect(result.action).toBe('answer');
    expect(stub.firstCall.args[1]).toEqual({ handoverId: HANDOVER_ID, itemId: qaResult.itemId, answer: 'The CFO.' });
    expect(ctx.output()).toContain(`Question ${qaResult.itemId} answered.`);
  });
});
