import type jsforce from 'jsforce';
import { stopTestOrg } from '../../helpers/localOrg.js';
import { startSharingOrg, type SharingOrg } from './fixture.js';

/**
 * An active case assignment rule re-routes the owner of every case the API creates or updates, unless
 * the request says `Sforce-Auto-Assign: FALSE`: the trap a handover must avoid.
 */
describe('sharing: assignment rules and Sforce-Auto-Assign', () => {
  let s: SharingOrg;
  let admin: jsforce.Connection;

  beforeAll(async () => {
    s = await startSharingOrg();
    admin = await s.as('admin');
    s.org.store.sharing.setAssignmentRule({ object: 'Case', targetId: s.ids.queue, active: true });
  });
  afterAll(() => stopTestOrg(s.org));

  const ownerOf = async (id: string) => (await admin.sobject('Case').retrieve(id)).OwnerId as string;

  /** A raw REST write, with or without the header. */
  async function write(method: 'POST' | 'PATCH', url: string, body: object, autoAssign?: string): Promise<unknown> {
    return admin.request({
      method,
      url,
      body: JSON.stringify(body),
      headers: {
        'Content-Type': 'application/json',
        ...(autoAssign === undefined ? {} : { 'Sforce-Auto-Assign': autoAssign }),
      },
    });
  }

  it('routes a created case to the rule’s queue when the header is absent, keeps the owner with FALSE', async () => {
    const routed = (await write('POST', '/sobjects/Case', { Subject: 'Routed', OwnerId: s.users.owner })) as {
      id: string;
    };
    expect(await ownerOf(routed.id)).toBe(s.ids.queue);
    const kept = (await write('POST', '/sobjects/Case', { Subject: 'Kept', OwnerId: s.users.owner }, 'FALSE')) as {
      id: string;
    };
    expect(await ownerOf(kept.id)).toBe(s.users.owner);
  });

  it('overwrites the owner a handover sets on update unless Sforce-Auto-Assign: FALSE', async () => {
    const id = s.insert('Case', { Subject: 'Handover case', OwnerId: s.users.owner });
    await write('PATCH', `/sobjects/Case/${id}`, { OwnerId: s.users.peer });
    expect(await ownerOf(id)).toBe(s.ids.queue);

    const other = s.insert('Case', { Subject: 'Handover case 2', OwnerId: s.users.owner });
    await write('PATCH', `/sobjects/Case/${other}`, { OwnerId: s.users.peer }, 'FALSE');
    expect(await ownerOf(other)).toBe(s.users.peer);
    // Any other update without the header re-routes too, as Salesforce does.
    await write('PATCH', `/sobjects/Case/${other}`, { Priority: 'High' });
    expect(await ownerOf(other)).toBe(s.ids.queue);
  });

  it('honours the header on sObject Collections updates (jsforce passes headers through)', async () => {
    const ids = [
      s.insert('Case', { Subject: 'Batch 1', OwnerId: s.users.owner }),
      s.insert('Case', { Subject: 'Batch 2', OwnerId: s.users.owner }),
    ];
    const records = ids.map((Id) => ({ Id, OwnerId: s.users.peer }));
    await admin.sobject('Case').update(records, { headers: { 'Sforce-Auto-Assign': 'FALSE' } });
    expect(await Promise.all(ids.map(ownerOf))).toEqual([s.users.peer, s.users.peer]);
    await admin.sobject('Case').update(records);
    expect(await Promise.all(ids.map(ownerOf))).toEqual([s.ids.queue, s.ids.queue]);
  });

  it('does nothing when the rule is inactive, and never touches accounts', async () => {
    s.org.store.sharing.setAssignmentRule({ object: 'Case', targetId: s.ids.queue, active: false });
    try {
      const id = s.insert('Case', { Subject: 'Inactive rule', OwnerId: s.users.owner });
      await write('PATCH', `/sobjects/Case/${id}`, { OwnerId: s.users.peer });
      expect(await ownerOf(id)).toBe(s.users.peer);
    } finally {
      s.org.store.sharing.setAssignmentRule({ object: 'Case', targetId: s.ids.queue, active: true });
    }
    await write('PATCH', `/sobjects/Account/${s.ids.accountA}`, { OwnerId: s.users.manager });
    expect((await admin.sobject('Account').retrieve(s.ids.accountA)).OwnerId).toBe(s.users.manager);
  });
});
