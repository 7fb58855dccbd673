import type jsforce from 'jsforce';
import type { DatabaseSync } from 'node:sqlite';
import { startTestOrg, stopTestOrg, type TestOrg } from '../../helpers/localOrg.js';
import { failure } from './fixture.js';

/**
 * The demo seed's team seen through the sharing model: the departing rep, the successors and their
 * manager (above them in the role hierarchy) read and write as Salesforce would let them.
 */
describe('sharing on the demo seed', () => {
  let org: TestOrg;
  let db: DatabaseSync;
  const conns = new Map<string, jsforce.Connection>();
  const as = async (name: string) => {
    const cached = conns.get(name);
    if (cached) return cached;
    const conn = await org.login(`${name}@handover.local`);
    conns.set(name, conn);
    return conn;
  };
  const userId = (name: string) =>
    (db.prepare('SELECT Id FROM "User" WHERE Username = ?').get(`${name}@handover.local`) as { Id: string }).Id;
  const ids = (sql: string, ...params: string[]) =>
    (db.prepare(sql).all(...params) as { Id: string }[]).map((r) => r.Id).sort();
  const visible = async (name: string, soql: string) => {
    const result = await (await as(name)).query<{ Id: string }>(soql, { autoFetch: true, maxFetch: 100_000 });
    return result.records.map((r) => r.Id).sort();
  };

  beforeAll(async () => {
    org = await startTestOrg({ seed: 'demo' });
    db = org.ctx.db;
  });
  afterAll(() => stopTestOrg(org));

  it('shows the departing rep their own accounts plus those their teams and deals reach, nothing else', async () => {
    const departing = userId('departing');
    const own = ids('SELECT Id FROM "Account" WHERE OwnerId = ? AND IsDeleted = 0', departing);
    const reachable = ids(
      `SELECT Id FROM "Account" WHERE IsDeleted = 0 AND (OwnerId = ?1
         OR Id IN (SELECT AccountId FROM "AccountTeamMember" WHERE UserId = ?1 AND IsDeleted = 0)
         OR Id IN (SELECT AccountId FROM "Opportunity" WHERE IsDeleted = 0 AND (OwnerId = ?1
           OR Id IN (SELECT OpportunityId FROM "OpportunityTeamMember" WHERE UserId = ?1 AND IsDeleted = 0)))
         OR Id IN (SELECT AccountId FROM "Contact" WHERE OwnerId = ?1 AND IsDeleted = 0)
         OR Id IN (SELECT AccountId FROM "Case" WHERE IsDeleted = 0 AND (OwnerId = ?1
           OR OwnerId IN (SELECT GroupId FROM "GroupMember" WHERE UserOrGroupId = ?1 AND IsDeleted = 0))))`,
      departing,
    );
    const seen = await visible('departing', 'SELECT Id FROM Account');
    expect(own.length).toBeGreaterThan(0);
    expect(seen).toEqual(reachable);
    const all = ids('SELECT Id FROM "Account" WHERE IsDeleted = 0');
    expect(seen.length).toBeLessThan(all.length);
  });

  it('shows the manager everything their reps own', async () => {
    const managerSees = new Set(await visible('manager', 'SELECT Id FROM Account'));
    for (const rep of ['departing', 'successor1', 'successor2', 'successor3']) {
      for (const id of ids('SELECT Id FROM "Account" WHERE OwnerId = ? AND IsDeleted = 0', userId(rep))) {
        expect(managerSees.has(id)).toBe(true);
      }
    }
    // The south manager is a peer branch: none of the east reps' accounts are theirs.
    const south = new Set(await visible('manager.south', 'SELECT Id FROM Account'));
    const departingOwn = ids('SELECT Id FROM "Account" WHERE OwnerId = ? AND IsDeleted = 0', userId('departing'));
    expect(departingOwn.some((id) => south.has(id))).toBe(false);
  });

  it('keeps a successor out of the departing rep’s accounts until the manager hands one over', async () => {
    const departing = userId('departing');
    const successor = userId('successor1');
    const successorSees = new Set(await visible('successor1', 'SELECT Id FROM Account'));
    const account = ids('SELECT Id FROM "Account" WHERE OwnerId = ? AND IsDeleted = 0', departing).find(
      (id) => !successorSees.has(id),
    );
    expect(account).toBeDefined();
    const successorConn = await as('successor1');
    expect((await failure(successorConn.sobject('Account').retrieve(account!))).errorCode).toBe('NOT_FOUND');
    const update = await failure(successorConn.sobject('Account').update({ Id: account!, OwnerId: successor }));
    expect(update.errorCode).toBe('INSUFFICIENT_ACCESS_OR_READONLY');

    const handed = await (await as('manager')).sobject('Account').update({ Id: account!, OwnerId: successor });
    expect(handed.success).toBe(true);
    expect((await successorConn.sobject('Account').retrieve(account!)).OwnerId).toBe(successor);
    // The departing rep no longer sees it (unless a team or deal of theirs reaches it).
    const departingSees = await visible('departing', `SELECT Id FROM Account WHERE Id = '${account!}'`);
    const stillReached = ids(
      `SELECT Id FROM "Opportunity" WHERE AccountId = ?1 AND OwnerId = ?2
       UNION SELECT Id FROM "Contact" WHERE AccountId = ?1 AND OwnerId = ?2
       UNION SELECT Id FROM "Case" WHERE AccountId = ?1 AND OwnerId = ?2`,
      account!,
      departing,
    );
    expect(departingSees.length).toBe(stillReached.length > 0 ? 1 : 0);
  });

  it('keeps the frozen rep locked out', async () => {
    await expect(org.login('huangjie@handover.local')).rejects.toThrow(/INVALID_LOGIN/);
  });
});
