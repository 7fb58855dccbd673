import { services } from '../../../src/cli/services.js';
import HandoverList from '../../../src/commands/handover/list.js';
import type { UserRow } from '../../../src/core/model.js';
import { commandContext, header, HANDOVER_ID } from './fixtures.js';

describe('handover list', () => {
  const ctx = commandContext();
  const { $$ } = ctx;

  it('lists the handovers in a table and returns them', async () => {
    const stub = $$.SANDBOX.stub(services, 'listHandovers').resolves([header]);
    $$.SANDBOX.stub(services, 'resolveUser').resolves({ Username: 'departing@handover.local' } as UserRow);
    const result = await HandoverList.run(['--target-org', ctx.testOrg.username], ctx.config());
    expect(result).toEqual([header]);
    expect(stub.firstCall.args[1]).toEqual({});
    expect(ctx.ux().table.firstCall.args[0].data).toEqual([
      expect.objectContaining({
        id: HANDOVER_ID,
        name: 'HO-0001',
        status: 'Draft',
        departing: 'departing@handover.local',
        lastDay: '2026-12-31',
      }),
    ]);
  });

  it('keeps the Ids with --json, reading no user', async () => {
    $$.SANDBOX.stub(services, 'listHandovers').resolves([header]);
    const resolve = $$.SANDBOX.stub(services, 'resolveUser').resolves(undefined);
    const result = await HandoverList.run(['--target-org', ctx.testOrg.username, '--json'], ctx.config());
    expect(result[0]?.departingUserId).toBe(header.departingUserId);
    expect(resolve.called).toBe(false);
  });

  it('passes the statuses and a departing user Id through', async () => {
    const stub = $$.SANDBOX.stub(services, 'listHandovers').resolves([]);
    const resolve = $$.SANDBOX.stub(services, 'resolveUser');
    await HandoverList.run(
      [
        '--target-org',
        ctx.testOrg.username,
        '--status',
        'Draft',
        '--status',
        'Approved',
        '--user',
        '005000000000002AAA',
      ],
      ctx.config(),
    );
    expect(stub.firstCall.args[1]).toEqual({ status: ['Draft', 'Approved'], departingUserId: '005000000000002AAA' });
    expect(resolve.called).toBe(false);
    expect(ctx.output()).toContain('No handovers found.');
  });

  it('resolves a username to the user Id', async () => {
    const stub = $$.SANDBOX.stub(services, 'listHandovers').resolves([]);
    $$.SANDBOX.stub(services, 'resolveUser').resolves({ Id: '005000000000002AAA' } as UserRow);
    await HandoverList.run(['--target-org', ctx.testOrg.username, '--user', 'departing@handover.local'], ctx.config());
    expect(stub.firstCall.args[1]).toEqual({ departingUserId: '005000000000002AAA' });
  });

  it('refuses an unknown username', async () => {
    const stub = $$.SANDBOX.stub(services, 'listHandovers').resolves([]);
    $$.SANDBOX.stub(services, 'resolveUser').resolves(undefined);
    await expect(
      HandoverList.run(['--target-org', ctx.testOrg.username, '--user', 'nobody@handover.local'], ctx.config()),
    ).rejects.toMatchObject({ name: 'DEPARTING_NOT_FOUND', actions: [expect.any(String)] });
    expect(stub.called).toBe(false);
  });
});
