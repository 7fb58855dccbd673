import type jsforce from 'jsforce';
import { parentLocks } from '../../../src/org/locks.js';
import { startTestOrg, stopTestOrg, type TestOrg } from '../../helpers/localOrg.js';
import { call, createUser, waitForJob } from './helpers.js';

/** Jobs larger than one internal batch (10,000 records): exact result files and exact unprocessed rows. */
describe('Bulk API 2.0 large jobs', () => {
  let org: TestOrg;
  let conn: jsforce.Connection;
  let contactIds: string[];
  let accountIds: string[];
  let rep: string;
  let gone: string;
  const ROWS = 25_000;

  beforeAll(async () => {
    org = await startTestOrg();
    conn = await org.login();
    rep = await createUser(conn, 'largerep');
    gone = await createUser(conn, 'largegone', false);
    const actor = { userId: conn.userInfo!.id };
    org.store.transaction(() => {
      accountIds = org.store.insertTrusted(
        'Account',
        Array.from({ length: 250 }, (_, i) => ({ Name: `Large ${i}` })),
        actor,
      );
      contactIds = org.store.insertTrusted(
        'Contact',
        Array.from({ length: ROWS }, (_, i) => ({ LastName: `C${i}`, AccountId: accountIds[i % 250]! })),
        actor,
      );
    });
  });
  afterAll(() => stopTestOrg(org));

  it('updates 25,000 contacts with failing rows: exact counts and sf__Error texts', async () => {
    const lines = contactIds.map((id, i) => {
      if (i % 1000 === 0) return `${id},#N/A,${rep}`; // LastName is required
      if (i % 1000 === 1) return `bad${i},Name ${i},${rep}`; // not an Id
      if (i % 1000 === 2) return `${id},Name ${i},${gone}`; // inactive owner
      return `${id},Name ${i},${rep}`;
    });
    const started = Date.now();
    const results = await conn.bulk2.loadAndWaitForResults({
      object: 'Contact',
      operation: 'update',
      input: `Id,LastName,OwnerId\n${lines.join('\n')}\n`,
      pollInterval: 50,
      pollTimeout: 60_000,
    });
    const elapsed = Date.now() - started;
    expect(results.successfulResults).toHaveLength(ROWS - 75);
    expect(results.failedResults).toHaveLength(75);
    expect(results.unprocessedRecords).toEqual([]);
    expect(new Set(results.successfulResults.map((r) => r.sf__Id)).size).toBe(ROWS - 75);
    expect(results.successfulResults.every((r) => r.sf__Created === 'false')).toBe(true);

    const errors = results.failedResults.map((r) => r.sf__Error);
    expect(
      errors.filter((e) => e === 'REQUIRED_FIELD_MISSING:Required fields are missing: [LastName]:LastName --'),
    ).toHaveLength(25);
    expect(
      errors.filter((e) => /^MALFORMED_ID:Contact ID: id value of incorrect type: bad\d+:Id --$/.test(e)),
    ).toHaveLength(25);
    expect(
      errors.filter(
        (e) =>
          e ===
          `INACTIVE_OWNER_OR_USER:operation performed with inactive user [${gone}] as owner of contact:OwnerId --`,
      ),
    ).toHaveLength(25);
    const malformed = results.failedResults.find((r) => r.sf__Id.startsWith('bad'));
    expect(malformed).toMatchObject({ Id: malformed?.sf__Id, OwnerId: rep });

    const jobs = (await call(org, conn, 'GET', '/jobs/ingest')).json as { records: { id: string }[] };
    const info = (await call(org, conn, 'GET', `/jobs/ingest/${jobs.records.at(-1)!.id}`)).json;
    expect(info).toMatchObject({ state: 'JobComplete', numberRecordsProcessed: ROWS, numberRecordsFailed: 75 });
    const owned = await conn.query(`SELECT COUNT() FROM Contact WHERE OwnerId = '${rep}'`);
    expect(owned.totalSize).toBe(ROWS - 75);
    expect(elapsed).toBeLessThan(30_000);
  });

  it('aborted between internal batches: the first 10,000 rows are written, the other 15,000 unprocessed', async () => {
    const second = contactIds[10_000]!;
    // The second internal batch waits for its first record's lock; the job is aborted meanwhile.
    const held = await parentLocks(org.ctx).acquire([second], 0);
    let id = '';
    try {
      const job = conn.bulk2.createJob({ object: 'Contact', operation: 'update' });
      await job.open();
      id = job.id;
      await job.uploadData(`Id,Title\n${contactIds.map((c) => `${c},Batch`).join('\n')}\n`);
      await job.close();
      for (let i = 0; i < 200 && (await job.check()).numberRecordsProcessed < 10_000; i++) {
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      await job.abort();
    } finally {
      held.release();
    }
    const info = await waitForJob(org, conn, 'ingest', id);
    expect(info).toMatchObject({ state: 'Aborted', numberRecordsProcessed: 10_000, numberRecordsFailed: 0 });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const unprocessed = await call(org, conn, 'GET', `/jobs/ingest/${id}/unprocessedrecords`);
    const rows = unprocessed.text.trim().split('\n');
    expect(rows[0]).toBe('"Id","Title"');
    expect(rows).toHaveLength(1 + 15_000);
    expect(rows[1]).toBe(`"${second}","Batch"`);
    const success = await call(org, conn, 'GET', `/jobs/ingest/${id}/successfulResults`);
    expect(success.text.trim().split('\n')).toHaveLength(1 + 10_000);
    const titled = await conn.query("SELECT COUNT() FROM Contact WHERE Title = 'Batch'");
    expect(titled.totalSize).toBe(10_000);
  });
});
