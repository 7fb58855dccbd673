import { services } from '../../../src/cli/services.js';
import HandoverShow from '../../../src/commands/handover/show.js';
import { HandoverError } from '../../../src/salesforce/service/index.js';
import { commandContext, HANDOVER_ID, HASH, view } from './fixtures.js';

describe('handover show', () => {
  const ctx = commandContext();
  const { $$ } = ctx;
  const { argv } = ctx;

  it('shows the overview: status, role, hash, missing signers and allowed actions', async () => {
    const stub = $$.SANDBOX.stub(services, 'getHandover').resolves(view);
    $$.SANDBOX.stub(services, 'resolveUser').resolves({
      Id: '005000000000003AAA',
      Username: 'successor2@handover.local',
    } as never);
    const result = await HandoverShow.run(argv(), ctx.config());
    expect(result).toEqual(view);
    expect(stub.firstCall.args[1]).toEqual({ handoverId: HANDOVER_ID });
    const out = ctx.output();
    expect(out).toContain('HO-0001');
    expect(out).toContain('Your role: manager.');
    expect(out).toContain(HASH);
    expect(out).toContain('1 item(s), 1 not confirmed');
    expect(out).toContain('Successors still to sign: successor2@handover.local');
    expect(out).toContain('You may now: edit_content, cancel');
    expect(ctx.ux().table.called).toBe(false);
  });

  it('tells a successor how many of their items they reviewed, and how to go on', async () => {
    $$.SANDBOX.stub(services, 'getHandover').resolves({
      ...view,
      role: 'successor',
      yourReview: { assigned: 25, reviewed: 10 },
    });
    $$.SANDBOX.stub(services, 'resolveUser').resolves(undefined);
    await HandoverShow.run(argv(), ctx.config());
    const out = ctx.output();
    expect(out).toContain('Your items: 25, 10 reviewed.');
    expect(out).toContain('sf handover account');
  });

  it('lists one section as a table, the parties by username', async () => {
    $$.SANDBOX.stub(services, 'getHandover').resolves(view);
    $$.SANDBOX.stub(services, 'resolveUser').callsFake((_conn, id: string) =>
      Promise.resolve(
        id === '005000000000003AAA' ? ({ Id: id, Username: 'successor2@handover.local' } as never) : undefined,
      ),
    );
    await HandoverShow.run(argv('--section', 'risks'), ctx.config());
    expect(ctx.ux().table.firstCall.args[0].data).toEqual([
      expect.objectContaining({
        id: 'a01000000000001AAA',
        record: 'Acme',
        risk: 'Budget frozen',
        successor: 'successor2@handover.local',
      }),
    ]);
  });

  it('draws the relationship map of each account as a reporting tree', async () => {
    $$.SANDBOX.stub(services, 'getHandover').resolves(view);
    const maps = $$.SANDBOX.stub(services, 'relationshipMapsOf').resolves([
      {
        accountId: '001000000000001AAA',
        accountName: 'Acme',
        people: [
          {
            contactId: '003000000000001AAA',
            name: 'Li Ming',
            title: 'Procurement Director',
            reportsToId: null,
            decisionRole: 'Decision_Maker',
            stance: 'Champion',
            caresAbout: 'price/performance',
          },
          {
            contactId: '003000000000002AAA',
            name: 'Wang Wei',
            title: 'Technical Manager',
            reportsToId: '003000000000001AAA',
            decisionRole: null,
            stance: 'Skeptic',
            caresAbout: null,
          },
        ],
      },
    ]);
    await HandoverShow.run(argv('--section', 'relationships'), ctx.config());
    expect(maps.firstCall.args[1]).toBe(view.handover);
    expect(ctx.ux().styledHeader.firstCall.args[0]).toBe('Relationship map of Acme (2 contact(s); ★ decides):');
    const out = ctx.output();
    expect(out).toContain('★ Li Ming · Procurement Director · champion · cares about: price/performance');
    expect(out).toContain('└─ Wang Wei · Technical Manager · skeptic');
    // Both have a stance: no hint to add them.
    expect(out).not.toContain('no stance yet');
    expect(ctx.ux().table.called).toBe(false);
  });

  it('says who adds the stances a map does not have yet', async () => {
    $$.SANDBOX.stub(services, 'getHandover').resolves(view);
    const person = {
      contactId: '003000000000001AAA',
      name: 'Li Ming',
      title: null,
      reportsToId: null,
      decisionRole: null,
      stance: null,
      caresAbout: null,
    };
    $$.SANDBOX.stub(services, 'relationshipMapsOf').resolves([
      { accountId: '001000000000001AAA', accountName: 'Acme', people: [person] },
    ]);
    await HandoverShow.run(argv('--section', 'relationships'), ctx.config());
    expect(ctx.output()).toContain(
      `1 contact(s) have no stance yet: the departing rep says who supports or opposes us with "sf handover contact --handover ${HANDOVER_ID}`,
    );
  });

  it('reads nothing for the relationship map with --json (the notes are in the view)', async () => {
    $$.SANDBOX.stub(services, 'getHandover').resolves(view);
    const maps = $$.SANDBOX.stub(services, 'relationshipMapsOf').resolves([]);
    const result = await HandoverShow.run(argv('--section', 'relationships', '--json'), ctx.config());
    expect(result).toEqual(view);
    expect(maps.called).toBe(false);
  });

  it('says when a section is empty', async () => {
    $$.SANDBOX.stub(services, 'getHandover').resolves(view);
    await HandoverShow.run(argv('--section', 'signatures'), ctx.config());
    expect(ctx.output()).toContain('Nothing in signatures.');
  });

  it('reports WRONG_OBJECT with its actions', async () => {
    $$.SANDBOX.stub(services, 'getHandover').rejects(
      new HandoverError('WRONG_OBJECT', 'That Id is an Account, not a handover.', { actions: ['Give a handover Id.'] }),
    );
    await expect(HandoverShow.run(argv(), ctx.config())).rejects.toMatchObject({
      name: 'WRONG_OBJECT',
      actions: ['Give a handover Id.'],
    });
  });
});
