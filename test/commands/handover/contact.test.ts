import { services } from '../../../src/cli/services.js';
import HandoverContact from '../../../src/commands/handover/contact.js';
import { commandContext, editResult, HANDOVER_ID } from './fixtures.js';

describe('handover contact', () => {
  const ctx = commandContext();
  const { $$ } = ctx;
  const CONTACT = '003000000000001AAA';

  it('writes what the rep knows about a contact, only the fields given', async () => {
    const stub = $$.SANDBOX.stub(services, 'upsertContactNote').resolves(editResult);
    await HandoverContact.run(
      ctx.argv(
        '--contact',
        CONTACT,
        '--role',
        'Decision_Maker',
        '--stance',
        'Champion',
        '--cares-about',
        'price/performance',
        '--reports-to',
        '003000000000002AAA',
        '--confirm',
      ),
      ctx.config(),
    );
    expect(stub.firstCall.args[1]).toEqual({
      handoverId: HANDOVER_ID,
      contactId: CONTACT,
      decisionRole: 'Decision_Maker',
      stance: 'Champion',
      caresAbout: 'price/performance',
      reportsToId: '003000000000002AAA',
      confirm: true,
    });
    expect(ctx.output()).toContain(`Saved the note on contact ${CONTACT}.`);
  });

  it('refuses a stance that is not one of the picklist values, before calling the org', async () => {
    const stub = $$.SANDBOX.stub(services, 'upsertContactNote');
    await expect(
      HandoverContact.run(ctx.argv('--contact', CONTACT, '--stance', 'Friendly'), ctx.config()),
    ).rejects.toThrow(/Champion/);
    expect(stub.called).toBe(false);
  });
});
