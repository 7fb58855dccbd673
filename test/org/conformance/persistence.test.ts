import { startTestOrg, stopTestOrg, type TestOrg } from '../../helpers/localOrg.js';

describe('local org persistence', () => {
  let org: TestOrg | undefined;
  afterEach(() => stopTestOrg(org));

  it('keeps data, sessions of new logins and Id sequences across a restart', async () => {
    const first = await startTestOrg();
    expect(first.seeded).toBe(true);
    const conn = await first.login();
    const { id } = await conn.sobject('Account').create({ Name: 'Survives restart' });
    await stopTestOrg(first, true);

    org = await startTestOrg({ dataDir: first.dataDir });
    expect(org.seeded).toBe(false);
    expect(org.ctx.orgId).toBe(first.ctx.orgId);
    const again = await org.login();
    const rows = await again.query<{ Id: string; Name: string }>('SELECT Id, Name FROM Account');
    expect(rows.records).toEqual([expect.objectContaining({ Id: id, Name: 'Survives restart' })]);
    const next = await again.sobject('Account').create({ Name: 'After restart' });
    expect(next.id! > id!).toBe(true);
    const users = await again.query('SELECT COUNT() FROM User');
    expect(users.totalSize).toBe(1);
  });
});
