import { services } from '../../../src/cli/services.js';
import HandoverReview from '../../../src/commands/handover/review.js';
import { commandContext, HANDOVER_ID } from './fixtures.js';

describe('handover review', () => {
  const ctx = commandContext();
  const { $$ } = ctx;
  const { argv } = ctx;
  const result = (itemIds: string[], reviewed = true) => ({
    handoverId: HANDOVER_ID,
    itemIds,
    reviewed,
    at: '2026-11-27T08:00:00.000Z',
  });

  it('marks all of the successor’s items reviewed', async () => {
    const stub = $$.SANDBOX.stub(services, 'markReviewed').resolves(result(['a', 'b', 'c']));
    const out = await HandoverReview.run(argv('--all'), ctx.config());
    expect(stub.firstCall.args[1]).toEqual({ handoverId: HANDOVER_ID, all: true, reviewed: true });
    expect(out.itemIds).toHaveLength(3);
    expect(ctx.output()).toContain('3 item(s) marked reviewed.');
  });

  it('takes the mark back from named items, and says when nothing changed', async () => {
    const stub = $$.SANDBOX.stub(services, 'markReviewed').resolves(result([], false));
    await HandoverReview.run(
      argv('--item', 'a0Y000000000001AAA', '--item', 'a0Y000000000002AAA', '--undo'),
      ctx.config(),
    );
    expect(stub.firstCall.args[1]).toEqual({
      handoverId: HANDOVER_ID,
      itemIds: ['a0Y000000000001AAA', 'a0Y000000000002AAA'],
      reviewed: false,
    });
    expect(ctx.output()).toContain('Nothing changed');
  });

  it('reviews one account', async () => {
    const stub = $$.SANDBOX.stub(services, 'markReviewed').resolves(result(['a']));
    await HandoverReview.run(argv('--account', '001000000000001AAA'), ctx.config());
    expect(stub.firstCall.args[1]).toMatchObject({ accountId: '001000000000001AAA', reviewed: true });
  });

  it('needs exactly one of --item, --account and --all', async () => {
    const stub = $$.SANDBOX.stub(services, 'markReviewed');
    await expect(HandoverReview.run(argv(), ctx.config())).rejects.toThrow(/exactly one|--item|--account|--all/);
    await expect(HandoverReview.run(argv('--all', '--account', '001000000000001AAA'), ctx.config())).rejects.toThrow();
    expect(stub.called).toBe(false);
  });
});
