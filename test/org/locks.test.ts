import type jsforce from 'jsforce';
import { lockKeysOf, ParentLocks } from '../../src/org/locks.js';
import { DEFAULT_SETTINGS } from '../../src/org/settings.js';
import { startTestOrg, stopTestOrg, type TestOrg } from '../helpers/localOrg.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('ParentLocks', () => {
  it('grants free keys at once and hands a released key to the waiters in arrival order', async () => {
    const locks = new ParentLocks();
    const first = await locks.acquire(['a', 'b'], 0);
    expect([...first.granted].sort()).toEqual(['a', 'b']);
    const order: string[] = [];
    const second = locks.acquire(['a'], 1_000).then((g) => (order.push('second'), g));
    const third = locks.acquire(['a'], 1_000).then((g) => (order.push('third'), g));
    await sleep(10);
    expect(order).toEqual([]);
    first.release();
    const got2 = await second;
    expect(got2.granted.has('a')).toBe(true);
    expect(order).toEqual(['second']);
    got2.release();
    (await third).release();
    expect(order).toEqual(['second', 'third']);
    expect(locks.isHeld('a')).toBe(false);
    expect(locks.isHeld('b')).toBe(false);
  });

  it('leaves out keys still busy at the deadline, and a release is idempotent', async () => {
    const locks = new ParentLocks();
    const holder = await locks.acquire(['x'], 0);
    const started = Date.now();
    const partial = await locks.acquire(['x', 'y'], 40);
    expect(Date.now() - started).toBeGreaterThanOrEqual(35);
    expect([...partial.granted]).toEqual(['y']);
    partial.release();
    partial.release();
    expect(locks.isHeld('y')).toBe(false);
    expect((await locks.acquire(['x'], 0)).granted.size).toBe(0);
    holder.release();
    expect(locks.isHeld('x')).toBe(false);
  });

  it('does not deadlock on overlapping key sets given in opposite orders', async () => {
    const locks = new ParentLocks();
    const runs = Array.from({ length: 20 }, (_, i) =>
      locks.acquire(i % 2 ? ['k1', 'k2', 'k3'] : ['k3', 'k2', 'k1'], 5_000).then(async (grant) => {
        await sleep(1);
        grant.release();
        return grant.granted.size;
      }),
    );
    expect(await Promise.all(runs)).toEqual(Array<number>(20).fill(3));
  });
});

/** Record locks on sObject Collections writes and Bulk API internal batches, over HTTP. */
describe('record lock emulation', () => {
  let org: TestOrg;
  let conn: jsforce.Connection;

  beforeAll(async () => {
    org = await startTestOrg();
    conn = await org.login();
  });
  afterAll(() => stopTestOrg(org));
  afterEach(() => {
    const { lockEmulation, lockWaitMs, lockHoldMs } = DEFAULT_SETTINGS;
    Object.assign(org.ctx.settings, { lockEmulation, lockWaitMs, lockHoldMs });
  });

  const account = async (name: string) => (await conn.sobject('Account').create({ Name: name })).id!;
  const contacts = async (accountId: string, n: number) =>
    (
      await conn.sobject('Contact').create(
        Array.from({ length: n }, (_, i) => ({ LastName: `Child ${i}`, AccountId: accountId })),
        { allOrNone: true },
      )
    ).map((r) => r.id!);
  type Result = { id?: string | null; success: boolean; errors: { statusCode: string; message: string }[] };
  const update = async (records: Record<string, unknown>[]) =>
    await conn.requestPatch<Result[]>('/composite/sobjects', {
      allOrNone: false,
      records: records.map((r) => ({ attributes: { type: 'Contact' }, ...r })),
    });

  it('collides two parallel updates of children of one account with UNABLE_TO_LOCK_ROW', async () => {
    org.ctx.settings.lockHoldMs = 400;
    org.ctx.settings.lockWaitMs = 50;
    const parent = await account('Shared parent');
    const [a, b] = await contacts(parent, 2);
    const results = await Promise.all([update([{ Id: a, Title: 'A' }]), update([{ Id: b, Title: 'B' }])]);
    const flat = results.flat();
    expect(flat.filter((r) => r.success)).toHaveLength(1);
    const failed = flat.find((r) => !r.success)!;
    expect(failed).toEqual({
      id: expect.stringMatching(/^003/),
      success: false,
      errors: [
        {
          statusCode: 'UNABLE_TO_LOCK_ROW',
          message: `unable to obtain exclusive access to this record or 1 records: ${parent}`,
          fields: [],
        },
      ],
    });
  });

  it('lets updates of children of different accounts run in parallel', async () => {
    org.ctx.settings.lockHoldMs = 300;
    org.ctx.settings.lockWaitMs = 50;
    const [a] = await contacts(await account('Parent 1'), 1);
    const [b] = await contacts(await account('Parent 2'), 1);
    const results = await Promise.all([update([{ Id: a, Title: 'A' }]), update([{ Id: b, Title: 'B' }])]);
    expect(results.flat().map((r) => r.success)).toEqual([true, true]);
  });

  it('does not lock at all with lock emulation off', async () => {
    org.ctx.settings.lockEmulation = false;
    org.ctx.settings.lockHoldMs = 300;
    org.ctx.settings.lockWaitMs = 0;
    const parent = await account('Unlocked parent');
    const [a, b] = await contacts(parent, 2);
    const results = await Promise.all([update([{ Id: a, Title: 'A' }]), update([{ Id: b, Title: 'B' }])]);
    expect(results.flat().map((r) => r.success)).toEqual([true, true]);
  });

  it('waits for a lock within lockWaitMs instead of failing', async () => {
    org.ctx.settings.lockHoldMs = 100;
    org.ctx.settings.lockWaitMs = 2_000;
    const parent = await account('Patient parent');
    const [a, b] = await contacts(parent, 2);
    const started = Date.now();
    const results = await Promise.all([update([{ Id: a, Title: 'A' }]), update([{ Id: b, Title: 'B' }])]);
    expect(results.flat().map((r) => r.success)).toEqual([true, true]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
  });

  it('locks the account of inserts, of custom objects looking up to it, and the account itself', async () => {
    org.ctx.settings.lockHoldMs = 400;
    org.ctx.settings.lockWaitMs = 50;
    const parent = await account('Busy account');
    // The account update holds its own lock while a contact insert and a custom-object child write wait.
    const handover = await conn.sobject('Handover__c').create({
      Departing_User__c: conn.userInfo!.id,
      Last_Working_Day__c: '2026-12-31',
      Status__c: 'Draft',
    });
    const holder = conn.requestPatch('/composite/sobjects', {
      records: [{ attributes: { type: 'Account' }, Id: parent, Phone: '1' }],
    });
    await sleep(30);
    const [contact, item] = (await Promise.all([
      conn.requestPost('/composite/sobjects', {
        records: [{ attributes: { type: 'Contact' }, LastName: 'New child', AccountId: parent }],
      }),
      conn.requestPost('/composite/sobjects', {
        records: [
          {
            attributes: { type: 'Handover_Item__c' },
            Handover__c: handover.id,
            Category__c: 'Record',
            Account__c: parent,
          },
        ],
      }),
    ])) as Result[][];
    expect((await holder) as Result[]).toEqual([expect.objectContaining({ success: true })]);
    expect(contact?.[0]?.errors[0]?.statusCode).toBe('UNABLE_TO_LOCK_ROW');
    expect(item?.[0]?.errors[0]?.statusCode).toBe('UNABLE_TO_LOCK_ROW');
  });

  it('derives lock keys: the record, its account before and after, an activity account via WhatId / WhoId', async () => {
    const [acc1, acc2] = [await account('Keys 1'), await account('Keys 2')];
    const { id: opp } = await conn.sobject('Opportunity').create({
      Name: 'Keys deal',
      StageName: 'Prospecting',
      CloseDate: '2026-12-31',
      AccountId: acc1,
    });
    const [contact] = await contacts(acc2, 1);
    const schema = org.ctx.schema;
    const contactDef = schema.object('Contact')!;
    const before = { Id: contact!, AccountId: acc2 };
    expect(lockKeysOf(org.ctx, contactDef, contact, before, { accountid: acc1 }).sort()).toEqual(
      [contact, acc1, acc2].sort(),
    );
    // A task locks its What / Who record (deleting them deletes it) and their account.
    const task = schema.object('Task')!;
    expect(lockKeysOf(org.ctx, task, undefined, undefined, { WhatId: opp, Subject: 'Call' })).toEqual(
      expect.arrayContaining([acc1]),
    );
    expect(lockKeysOf(org.ctx, task, undefined, undefined, { WhoId: contact })).toEqual(expect.arrayContaining([acc2]));
    // An account's own parent account is not locked.
    expect(lockKeysOf(org.ctx, schema.object('Account')!, acc1, undefined, { ParentId: acc2 })).toEqual([acc1]);
  });

  it('rolls back an allOrNone request when one record cannot be locked', async () => {
    const parent = await account('All or none parent');
    const [a, b] = await contacts(parent, 2);
    const [other] = await contacts(await account('Free parent'), 1);
    org.ctx.settings.lockHoldMs = 400;
    org.ctx.settings.lockWaitMs = 50;
    const holder = update([{ Id: a, Title: 'Holder' }]);
    await sleep(30);
    const results = await conn.requestPatch<Result[]>('/composite/sobjects', {
      allOrNone: true,
      records: [
        { attributes: { type: 'Contact' }, Id: other, Title: 'Rolled back' },
        { attributes: { type: 'Contact' }, Id: b, Title: 'Locked' },
      ],
    });
    await holder;
    expect(results.map((r) => r.errors[0]?.statusCode)).toEqual([
      'ALL_OR_NONE_OPERATION_ROLLED_BACK',
      'UNABLE_TO_LOCK_ROW',
    ]);
    expect((await conn.sobject('Contact').retrieve(other!)).Title).toBeNull();
  });

  it('fails the bulk rows whose parent a collections request holds, in failedResults', async () => {
    const busy = await account('Held by REST');
    const free = await account('Free for bulk');
    const [held, sibling] = await contacts(busy, 2);
    const [loose] = await contacts(free, 1);
    org.ctx.settings.lockHoldMs = 1_000;
    org.ctx.settings.lockWaitMs = 100;
    const holder = update([{ Id: held, Title: 'REST' }]);
    await sleep(30);
    const results = await conn.bulk2.loadAndWaitForResults({
      object: 'Contact',
      operation: 'update',
      input: [
        { Id: sibling, Title: 'Bulk' },
        { Id: loose, Title: 'Bulk' },
      ],
      pollInterval: 20,
      pollTimeout: 10_000,
    });
    await holder;
    expect(results.successfulResults).toEqual([expect.objectContaining({ sf__Id: loose })]);
    expect(results.failedResults).toEqual([
      {
        sf__Id: sibling,
        sf__Error: `UNABLE_TO_LOCK_ROW:unable to obtain exclusive access to this record or 1 records: ${busy}: --`,
        Id: sibling,
        Title: 'Bulk',
      },
    ]);
  });

  it('holds a Bulk API 2.0 chunk’s locks only while it writes that chunk, not for the whole job', async () => {
    const early = await account('First chunk');
    const late = await account('Second chunk, held by REST');
    // WRITE_CHUNK (1,000) rows of the first account fill the first chunk; the second has one row.
    const first: string[] = [];
    for (let i = 0; i < 5; i++) first.push(...(await contacts(early, 200)));
    const [second, holdable] = await contacts(late, 2);
    org.ctx.settings.lockHoldMs = 1_500;
    org.ctx.settings.lockWaitMs = 5_000;
    const holder = update([{ Id: holdable, Title: 'REST' }]);
    await sleep(30);
    const job = conn.bulk2.loadAndWaitForResults({
      object: 'Contact',
      operation: 'update',
      input: [...first.map((Id) => ({ Id, Title: 'Bulk' })), { Id: second, Title: 'Bulk' }],
      pollInterval: 20,
      pollTimeout: 20_000,
    });
    // The first chunk is written while the second still waits for the account REST holds.
    let written = 0;
    for (let waited = 0; written < first.length && waited < 1_000; waited += 50) {
      await sleep(50);
      written =
        (
          await conn.query<{ expr0: number }>(
            `SELECT COUNT(Id) FROM Contact WHERE AccountId = '${early}' AND Title = 'Bulk'`,
          )
        ).records[0]?.expr0 ?? 0;
    }
    expect(written).toBe(first.length);
    await holder;
    const results = await job;
    expect(results.failedResults).toEqual([]);
    expect(results.successfulResults).toHaveLength(first.length + 1);
  });
});
