import jsforce from 'jsforce';
import { SEED_PASSWORD } from '../../../src/org/seeds/empty.js';
import { stopTestOrg } from '../../helpers/localOrg.js';
import { failure, startSharingOrg, type SharingOrg } from './fixture.js';

/**
 * Offboarding (mechanics §4): freezing a user (UserLogin.IsFrozen) needs Manage Users, blocks their
 * logins and ends their live sessions; deactivating ends them too. Ended sessions stay ended when the
 * user is unfrozen or reactivated: the tokens are revoked, not merely refused.
 */
describe('sharing: freezing and deactivating users', () => {
  let s: SharingOrg;

  beforeAll(async () => {
    s = await startSharingOrg();
  });
  afterAll(() => stopTestOrg(s.org));

  /** A raw call with an access token: 200, or 401 with Salesforce's error body. */
  async function call(token: string): Promise<{ status: number; body: unknown }> {
    const response = await fetch(`${s.org.url}/services/data/v62.0/query?q=SELECT+Id+FROM+Account`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    return { status: response.status, body: await response.json() };
  }

  const login = (username: string) => new jsforce.Connection({ loginUrl: s.org.url }).login(username, SEED_PASSWORD);

  const loginRow = (userId: string) =>
    (s.org.ctx.db.prepare('SELECT Id FROM "UserLogin" WHERE UserId = ?').get(userId) as { Id: string }).Id;

  it('lets only a user with Manage Users freeze someone', async () => {
    const target = loginRow(s.users.peer);
    const byRep = await failure((await s.as('owner')).sobject('UserLogin').update({ Id: target, IsFrozen: true }));
    expect(byRep.errorCode).toBe('INSUFFICIENT_ACCESS_OR_READONLY');
    const byManager = await (await s.as('userManager')).sobject('UserLogin').update({ Id: target, IsFrozen: true });
    expect(byManager.success).toBe(true);
    await (await s.as('userManager')).sobject('UserLogin').update({ Id: target, IsFrozen: false });
  });

  it('ends a live session when the user is frozen, blocks their login, and keeps the session dead after unfreezing', async () => {
    const live = await s.as('owner');
    const token = live.accessToken!;
    expect((await call(token)).status).toBe(200);

    await (await s.as('admin')).sobject('UserLogin').update({ Id: loginRow(s.users.owner), IsFrozen: true });
    expect(await call(token)).toEqual({
      status: 401,
      body: [{ errorCode: 'INVALID_SESSION_ID', message: 'Session expired or invalid' }],
    });
    await expect(login('owner@sharing.local')).rejects.toThrow(/INVALID_LOGIN/);

    await (await s.as('admin')).sobject('UserLogin').update({ Id: loginRow(s.users.owner), IsFrozen: false });
    expect((await call(token)).status).toBe(401);
    await expect(login('owner@sharing.local')).resolves.toBeDefined();
  });

  it('ends a live session when the user is deactivated, for good', async () => {
    const conn = new jsforce.Connection({ loginUrl: s.org.url, version: '62.0' });
    await conn.login('teammember@sharing.local', SEED_PASSWORD);
    const token = conn.accessToken!;
    expect((await call(token)).status).toBe(200);

    await (await s.as('admin')).sobject('User').update({ Id: s.users.teamMember, IsActive: false });
    expect((await call(token)).status).toBe(401);
    await (await s.as('admin')).sobject('User').update({ Id: s.users.teamMember, IsActive: true });
    expect((await call(token)).status).toBe(401);
  });

  it('lets users edit their own record but not their own activation, profile or role', async () => {
    const conn = await s.as('shareUser');
    expect((await conn.sobject('User').update({ Id: s.users.shareUser, Title: 'Support lead' })).success).toBe(true);
    const promote = await failure(conn.sobject('User').update({ Id: s.users.shareUser, UserRoleId: null }));
    expect(promote.errorCode).toBe('INSUFFICIENT_ACCESS_OR_READONLY');
    const other = await failure(conn.sobject('User').update({ Id: s.users.peer, Title: 'Nope' }));
    expect(other.errorCode).toBe('INSUFFICIENT_ACCESS_OR_READONLY');
  });

  it('applies a role change to the next request: a rep moved under the manager becomes visible to them', async () => {
    const manager = await s.as('manager');
    const before = await manager.query(`SELECT Id FROM Account WHERE OwnerId = '${s.users.shareUser}'`);
    expect(before.totalSize).toBe(0);
    const mine = s.insert('Account', { Name: 'Support account', OwnerId: s.users.shareUser });
    expect((await manager.query(`SELECT Id FROM Account WHERE Id = '${mine}'`)).totalSize).toBe(0);
    const role = (
      await manager.query<{ UserRoleId: string }>(`SELECT UserRoleId FROM User WHERE Id = '${s.users.owner}'`)
    ).records[0]!.UserRoleId;
    await (await s.as('admin')).sobject('User').update({ Id: s.users.shareUser, UserRoleId: role });
    expect((await manager.query(`SELECT Id FROM Account WHERE Id = '${mine}'`)).totalSize).toBe(1);
  });
});
