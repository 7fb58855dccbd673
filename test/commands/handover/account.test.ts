import { services } from '../../../src/cli/services.js';
import HandoverAccount from '../../../src/commands/handover/account.js';
import type { AccountHandoverView } from '../../../src/salesforce/service/index.js';
import { commandContext, HANDOVER_ID, view as handoverView } from './fixtures.js';

describe('handover account', () => {
  const ctx = commandContext();
  const { $$ } = ctx;
  const item = handoverView.handover.items[0]!;
  const account: AccountHandoverView = {
    handoverId: HANDOVER_ID,
    role: 'successor',
    accountId: '001000000000001AAA',
    accountName: 'Acme',
    successorId: '005000000000003AAA',
    items: [{ ...item, riskNotes: 'Budget frozen', reviewedBySuccessor: false }],
    questions: [{ ...item, id: 'a01000000000009AAA', category: 'Question', notes: 'Who signs?', answer: 'The CFO.' }],
    map: {
      accountId: '001000000000001AAA',
      accountName: 'Acme',
      people: [
        {
          contactId: '003000000000001AAA',
          name: 'Li Ming',
          title: 'CFO',
          reportsToId: null,
          decisionRole: 'Decision_Maker',
          stance: 'Supporter',
          caresAbout: null,
        },
      ],
    },
    reviewed: { done: 0, total: 1 },
  };

  it("shows the account's items, its questions and its relationship map, then what to do next", async () => {
    const stub = $$.SANDBOX.stub(services, 'getAccountHandover').resolves(account);
    $$.SANDBOX.stub(services, 'resolveUser').resolves({ Id: '005000000000003AAA', Username: 'successor1@x' } as never);
    const result = await HandoverAccount.run(ctx.argv('--account', '001000000000001AAA'), ctx.config());
    expect(result).toEqual(account);
    expect(stub.firstCall.args[1]).toEqual({ handoverId: HANDOVER_ID, accountId: '001000000000001AAA' });
    const tables = ctx.ux().table.args.map(([t]) => t);
    expect(tables.map((t) => t.title)).toEqual(['Items', 'Questions and answers']);
    expect(tables[0]?.data[0]).toMatchObject({ risk: 'Budget frozen', reviewed: false });
    expect(tables[1]?.data[0]).toMatchObject({ question: 'Who signs?', answer: 'The CFO.' });
    const out = ctx.output();
    expect(out).toContain('Acme (001000000000001AAA): successor successor1@x; 0 of 1 item(s) reviewed.');
    expect(out).toContain('★ Li Ming · CFO · supporter');
    expect(out).toContain(`sf handover review --handover ${HANDOVER_ID} --account 001000000000001AAA`);
  });

  it('says when the account has no relationship map', async () => {
    $$.SANDBOX.stub(services, 'getAccountHandover').resolves({ ...account, map: null, questions: [] });
    await HandoverAccount.run(ctx.argv('--account', '001000000000001AAA', '--json'), ctx.config());
    await HandoverAccount.run(ctx.argv('--account', '001000000000001AAA'), ctx.config());
    expect(ctx.output()).toContain('No relationship map');
  });
});
