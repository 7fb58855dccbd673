import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { startTestOrg, stopTestOrg, type TestOrg } from '../../helpers/localOrg.js';
import { call, waitForJob } from './helpers.js';

/** Jobs and results live in SQLite: they survive a restart, and a job cut off mid-way resumes. */
describe('Bulk API 2.0 across restarts', () => {
  let org: TestOrg | undefined;
  afterEach(() => stopTestOrg(org));

  it('keeps a finished job, its info and its result files', async () => {
    const first = await startTestOrg();
    const conn = await first.login();
    const results = await conn.bulk2.loadAndWaitForResults({
      object: 'Account',
      operation: 'insert',
      input: [{ Name: 'Kept' }, { Name: null }],
      pollInterval: 20,
      pollTimeout: 10_000,
    });
    const jobs = (await call(first, conn, 'GET', '/jobs/ingest')).json as { records: { id: string }[] };
    const id = jobs.records[0]!.id;
    const before = {
      info: (await call(first, conn, 'GET', `/jobs/ingest/${id}`)).json,
      success: (await call(first, conn, 'GET', `/jobs/ingest/${id}/successfulResults`)).text,
      failed: (await call(first, conn, 'GET', `/jobs/ingest/${id}/failedResults`)).text,
    };
    expect(results.successfulResults).toHaveLength(1);
    await stopTestOrg(first, true);

    org = await startTestOrg({ dataDir: first.dataDir });
    const again = await org.login();
    expect((await call(org, again, 'GET', `/jobs/ingest/${id}`)).json).toEqual(before.info);
    expect((await call(org, again, 'GET', `/jobs/ingest/${id}/successfulResults`)).text).toBe(before.success);
    expect((await call(org, again, 'GET', `/jobs/ingest/${id}/failedResults`)).text).toBe(before.failed);
    // New jobs continue the Id sequence.
    const next = await again.bulk2.createJob({ object: 'Account', operation: 'insert' }).open();
    expect(next.id! > id).toBe(true);
  });

  it('resumes a job that was processing when the org stopped, writing every row exactly once', async () => {
    const first = await startTestOrg();
    const conn = await first.login();
    const rows = 25_000;
    const job = conn.bulk2.createJob({ object: 'Account', operation: 'insert' });
    await job.open();
    await job.uploadData(`Name\n${Array.from({ length: rows }, (_, i) => `Resumed ${i}`).join('\n')}\n`);
    await job.close();
    // Stop right away: the org finishes the batch under way and leaves the job InProgress (or not yet started).
    await stopTestOrg(first, true);
    const db = new DatabaseSync(join(first.dataDir, 'org.sqlite'));
    const stored = db.prepare('SELECT state, info FROM _bulk_job WHERE id = ?').get(job.id) as {
      state: string;
      info: string;
    };
    db.close();
    expect(['UploadComplete', 'InProgress']).toContain(stored.state);
    const processedBefore = (JSON.parse(stored.info) as { numberRecordsProcessed: number }).numberRecordsProcessed;
    expect(processedBefore).toBeLessThan(rows);

    org = await startTestOrg({ dataDir: first.dataDir });
    const again = await org.login();
    const info = await waitForJob(org, again, 'ingest', job.id);
    expect(info).toMatchObject({ state: 'JobComplete', numberRecordsProcessed: rows, numberRecordsFailed: 0 });
    const count = await again.query("SELECT COUNT() FROM Account WHERE Name LIKE 'Resumed %'");
    expect(count.totalSize).toBe(rows);
    const success = await call(org, again, 'GET', `/jobs/ingest/${job.id}/successfulResults`);
    expect(success.text.trim().split('\n')).toHaveLength(rows + 1);
  });
});
