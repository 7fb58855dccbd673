import { services } from '../../../src/cli/services.js';
import HandoverNote from '../../../src/commands/handover/note.js';
import { commandContext, editResult, HANDOVER_ID, view } from './fixtures.js';

describe('handover note', () => {
  const ctx = commandContext();
  const { $$ } = ctx;
  const { argv } = ctx;

  it('writes notes, a risk and a next step on the item of a record', async () => {
    const stub = $$.SANDBOX.stub(services, 'addNote').resolves(editResult);
    const result = await HandoverNote.run(
      argv('--record', '006000000000001AAA', '--notes', 'n', '--risk', 'r', '--next-step', 's', '--confirm'),
      ctx.config(),
    );
    expect(result).toEqual(editResult);
    expect(stub.firstCall.args[1]).toEqual({
      handoverId: HANDOVER_ID,
      recordId: '006000000000001AAA',
      notes: 'n',
      riskNotes: 'r',
      nextStep: 's',
      confirm: true,
    });
    expect(ctx.output()).toContain('Saved on 006000000000001AAA.');
  });

  it('names an item by its Id', async () => {
    const stub = $$.SANDBOX.stub(services, 'addNote').resolves({ ...editResult, staleSigners: ['005000000000003AAA'] });
    await HandoverNote.run(argv('--item', 'a01000000000001AAA', '--notes', 'n'), ctx.config());
    expect(stub.firstCall.args[1]).toEqual({ handoverId: HANDOVER_ID, itemId: 'a01000000000001AAA', notes: 'n' });
    expect(ctx.output()).toContain('005000000000003AAA must sign again');
  });

  it('confirms every unconfirmed item with --confirm alone', async () => {
    $$.SANDBOX.stub(services, 'getHandover').resolves(view);
    const confirm = $$.SANDBOX.stub(services, 'confirmItems').resolves(editResult);
    await HandoverNote.run(argv('--confirm'), ctx.config());
    expect(confirm.firstCall.args[1]).toEqual({ handoverId: HANDOVER_ID, itemIds: ['a01000000000001AAA'] });
    expect(ctx.output()).toContain('Confirmed 1 item(s).');
  });

  it('writes nothing when every item is already confirmed', async () => {
    $$.SANDBOX.stub(services, 'getHandover').resolves({ ...view, unconfirmedItemIds: [] });
    const confirm = $$.SANDBOX.stub(services, 'confirmItems').resolves(editResult);
    const result = await HandoverNote.run(argv('--confirm'), ctx.config());
    expect(confirm.called).toBe(false);
    expect(result.changed).toBe(false);
  });

  it('refuses notes without an item', async () => {
    const note = $$.SANDBOX.stub(services, 'addNote').resolves(editResult);
    await expect(HandoverNote.run(argv('--notes', 'n'), ctx.config())).rejects.toMatchObject({
      name: 'INVALID_INPUT',
      actions: [expect.any(String)],
    });
    expect(note.called).toBe(false);
  });
});
