import { stopTestOrg } from '../../helpers/localOrg.js';
import { failure, names, startSharingOrg, type SharingOrg } from './fixture.js';

/**
 * The project's own custom objects: Handover__c is Private (its sharingModel), its items are details
 * controlled by the handover (master-detail), so they follow it.
 */
describe('sharing: custom objects and master-detail children', () => {
  let s: SharingOrg;
  let handover: string;

  beforeAll(async () => {
    s = await startSharingOrg();
    handover = s.insert('Handover__c', {
      OwnerId: s.users.owner,
      Departing_User__c: s.users.owner,
      Manager__c: s.users.manager,
      Last_Working_Day__c: '2030-01-31',
      Status__c: 'Draft',
    });
    s.insert('Handover_Item__c', { Handover__c: handover, Category__c: 'Record' });
  });
  afterAll(() => stopTestOrg(s.org));

  it.each([
    ['owner', 1],
    ['manager', 1],
    ['peer', 0],
    ['admin', 1],
  ] as const)('%s sees %i handover(s) and as many item lists', async (user, count) => {
    const conn = await s.as(user);
    expect((await conn.query('SELECT Id FROM Handover__c')).totalSize).toBe(count);
    expect((await conn.query('SELECT Id FROM Handover_Item__c')).totalSize).toBe(count);
    const nested = await conn.query<{ Items__r: { totalSize: number } | null }>(
      'SELECT Id, (SELECT Id FROM Items__r) FROM Handover__c',
    );
    expect(nested.records.map((h) => h.Items__r?.totalSize ?? 0)).toEqual(count === 1 ? [1] : []);
  });

  it('needs edit on the master to add a detail', async () => {
    const item = { Handover__c: handover, Category__c: 'Record' };
    const byPeer = await failure((await s.as('peer')).sobject('Handover_Item__c').create(item));
    expect(byPeer.errorCode).toBe('INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY');
    const byOwner = await (await s.as('owner')).sobject('Handover_Item__c').create(item);
    expect(byOwner.success).toBe(true);
  });

  it('follows the master when the master is handed to someone else', async () => {
    await (await s.as('owner')).sobject('Handover__c').update({ Id: handover, OwnerId: s.users.peer });
    expect(await names(await s.as('peer'), 'SELECT Name FROM Handover__c')).toHaveLength(1);
    expect((await (await s.as('peer')).query('SELECT Id FROM Handover_Item__c')).totalSize).toBe(2);
    expect((await (await s.as('owner')).query('SELECT Id FROM Handover_Item__c')).totalSize).toBe(0);
  });
});
