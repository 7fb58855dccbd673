import jsforce from 'jsforce';
import { parentLocks } from '../../../src/org/locks.js';
import { startTestOrg, stopTestOrg, type TestOrg } from '../../helpers/localOrg.js';
import { call, createUser, waitForJob } from './helpers.js';

/** The ingest job state machine and its errors, as jsforce and raw HTTP clients meet them. */
describe('Bulk API 2.0 job states and errors', () => {
  let org: TestOrg;
  let conn: jsforce.Connection;

  beforeAll(async () => {
    org = await startTestOrg();
    conn = await org.login();
  });
  afterAll(() => stopTestOrg(org));

  const createJob = async (body: Record<string, unknown>): Promise<string> => {
    const created = await call(org, conn, 'POST', '/jobs/ingest', JSON.stringify(body));
    expect(created.status).toBe(200);
    return (created.json as { id: string }).id;
  };
  const upload = (id: string, csv: string) => call(org, conn, 'PUT', `/jobs/ingest/${id}/batches`, csv, 'text/csv');
  const setState = (id: string, state: string) =>
    call(org, conn, 'PATCH', `/jobs/ingest/${id}`, JSON.stringify({ state }));

  it('refuses bad job definitions with Salesforce-shaped 400s', async () => {
    const cases: [unknown, string, RegExp][] = [
      [{ operation: 'insert' }, 'INVALIDJOB', /object is required/],
      [{ object: 'Nope__c', operation: 'insert' }, 'INVALIDENTITY', /Entity 'Nope__c' is not supported/],
      [{ object: 'Account', operation: 'merge' }, 'INVALIDJOB', /Invalid operation: merge/],
      [{ object: 'Account', operation: 'upsert' }, 'INVALIDJOB', /External ID was blank for Account/],
      [{ object: 'Account', operation: 'upsert', externalIdFieldName: 'Nope' }, 'INVALIDJOB', /Field name not found/],
      [{ object: 'Account', operation: 'upsert', externalIdFieldName: 'Phone' }, 'INVALIDJOB', /not an External ID/],
      [{ object: 'Account', operation: 'insert', lineEnding: 'CR' }, 'INVALIDJOB', /Invalid lineEnding: CR/],
      [{ object: 'Account', operation: 'insert', columnDelimiter: 'COLON' }, 'INVALIDJOB', /Invalid columnDelimiter/],
      [{ object: 'Account', operation: 'insert', contentType: 'JSON' }, 'INVALIDJOB', /Invalid contentType: JSON/],
      [{ object: 'Account', operation: 'insert', assignmentRuleId: 'x' }, 'INVALIDJOB', /Invalid assignmentRuleId/],
      [{ object: 'Organization', operation: 'insert' }, 'INVALIDJOB', /does not support insert/],
      [{ object: 5, operation: 'insert' }, 'INVALIDJOB', /object: /],
      [[], 'INVALIDJOB', /JSON object/],
    ];
    for (const [body, errorCode, message] of cases) {
      const answer = await call(org, conn, 'POST', '/jobs/ingest', JSON.stringify(body));
      expect({
        body,
        status: answer.status,
        errorCode: (answer.json as { errorCode: string }[])[0]?.errorCode,
      }).toEqual({ body, status: 400, errorCode });
      expect((answer.json as { message: string }[])[0]?.message).toMatch(message);
    }
    const notJson = await call(org, conn, 'POST', '/jobs/ingest', '{oops');
    expect(notJson.status).toBe(400);
    expect(notJson.json).toEqual([expect.objectContaining({ errorCode: 'JSON_PARSER_ERROR' })]);
    // Bulk API 2.0 ingest starts at API 41.0.
    const old = await fetch(`${org.url}/services/data/v40.0/jobs/ingest`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${conn.accessToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ object: 'Account', operation: 'insert' }),
    });
    expect(old.status).toBe(404);
    // jsforce sees the errorCode of the first array element.
    await expect(conn.bulk2.createJob({ object: 'Nope__c', operation: 'insert' }).open()).rejects.toMatchObject({
      errorCode: 'INVALIDENTITY',
    });
  });

  it('accepts one upload while Open; a second one, or one after closing, is refused', async () => {
    const id = await createJob({ object: 'Account', operation: 'insert' });
    expect((await upload(id, 'Name\nOnce\n')).status).toBe(201);
    const twice = await upload(id, 'Name\nTwice\n');
    expect(twice.status).toBe(400);
    expect(twice.json).toEqual([
      {
        errorCode: 'BULK_API_ERROR',
        message: expect.stringContaining(`Found multiple contents for job: <${id}>`),
      },
    ]);
    expect((await setState(id, 'UploadComplete')).json).toMatchObject({ id, state: 'UploadComplete' });
    expect(await waitForJob(org, conn, 'ingest', id)).toMatchObject({
      state: 'JobComplete',
      jobType: 'V2Ingest',
      numberRecordsProcessed: 1,
      numberRecordsFailed: 0,
      retries: 0,
      totalProcessingTime: expect.any(Number),
      apiActiveProcessingTime: expect.any(Number),
      apexProcessingTime: 0,
    });
    const closed = await createJob({ object: 'Account', operation: 'insert' });
    await setState(closed, 'Aborted');
    const late = await upload(closed, 'Name\nLate\n');
    expect(late.status).toBe(409);
    expect(late.json).toEqual([expect.objectContaining({ errorCode: 'INVALIDJOBSTATE' })]);
  });

  it('fails a job closed without any upload; jsforce reports its errorMessage', async () => {
    const job = conn.bulk2.createJob({ object: 'Account', operation: 'insert' });
    await job.open();
    await job.close();
    await expect(job.poll(20, 10_000)).rejects.toThrow(
      'Ingest job failed to complete due to: InvalidBatch : No data was uploaded to the job',
    );
    // Closing again is a state error.
    const again = await setState(job.id, 'UploadComplete');
    expect(again.status).toBe(409);
  });

  it('fails the job on a header that names no field, keeping every row unprocessed', async () => {
    const id = await createJob({ object: 'Account', operation: 'insert' });
    await upload(id, 'Name,FOO\n"A, Inc.",1\nB,2\n');
    await setState(id, 'UploadComplete');
    const info = await waitForJob(org, conn, 'ingest', id);
    expect(info).toMatchObject({
      state: 'Failed',
      errorMessage: 'InvalidBatch : Field name not found : FOO',
      numberRecordsProcessed: 0,
    });
    const unprocessed = await call(org, conn, 'GET', `/jobs/ingest/${id}/unprocessedrecords`);
    expect(unprocessed.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(unprocessed.text).toBe('"Name","FOO"\n"A, Inc.","1"\n"B","2"\n');
  });

  it('fails an update without an Id column, and data whose line ending does not match the job', async () => {
    const noId = await createJob({ object: 'Account', operation: 'update' });
    await upload(noId, 'Name\nX\n');
    await setState(noId, 'UploadComplete');
    expect(await waitForJob(org, conn, 'ingest', noId)).toMatchObject({
      state: 'Failed',
      errorMessage: 'InvalidBatch : Field name not found : Id',
    });
    const crlf = await createJob({ object: 'Account', operation: 'insert' });
    await upload(crlf, 'Name\r\nWindows\r\n');
    await setState(crlf, 'UploadComplete');
    expect(await waitForJob(org, conn, 'ingest', crlf)).toMatchObject({
      state: 'Failed',
      errorMessage: 'ClientInputError : LineEnding is invalid on user data. Current LineEnding setting is LF',
    });
  });

  it('shows InProgress while a batch waits for a lock, and an abort leaves the rows unprocessed', async () => {
    const { id: accountId } = await conn.sobject('Account').create({ Name: 'Busy parent' });
    const { id: contactId } = await conn.sobject('Contact').create({ LastName: 'Waits', AccountId: accountId });
    // Another write holds the parent account: the bulk batch waits for it.
    const held = await parentLocks(org.ctx).acquire([accountId!], 0);
    try {
      const job = conn.bulk2.createJob({ object: 'Contact', operation: 'update' });
      await job.open();
      await job.uploadData([{ Id: contactId, LastName: 'Changed' }]);
      await job.close();
      let state = (await job.check()).state;
      for (let i = 0; i < 80 && state !== 'InProgress'; i++) {
        await new Promise((resolve) => setTimeout(resolve, 25));
        state = (await job.check()).state;
      }
      expect(state).toBe('InProgress');
      // Still waiting: nothing is written while the parent is held.
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect((await job.check()).numberRecordsProcessed).toBe(0);
      await job.abort();
      await expect(job.poll(20, 5_000)).rejects.toThrow('Job has been aborted');
    } finally {
      held.release();
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await conn.sobject('Contact').retrieve(contactId!)).LastName).toBe('Waits');
    const jobs = (await call(org, conn, 'GET', '/jobs/ingest')).json as { records: { id: string; state: string }[] };
    const aborted = jobs.records.filter((j) => j.state === 'Aborted').at(-1)!;
    const unprocessed = await call(org, conn, 'GET', `/jobs/ingest/${aborted.id}/unprocessedrecords`);
    expect(unprocessed.text).toBe(`"Id","LastName"\n"${contactId}","Changed"\n`);
    expect((await call(org, conn, 'GET', `/jobs/ingest/${aborted.id}/successfulResults`)).text).toBe(
      '"sf__Id","sf__Created","Id","LastName"\n',
    );
  });

  it('lists jobs, deletes finished ones only, and answers 404 for unknown or foreign jobs', async () => {
    const open = await createJob({ object: 'Account', operation: 'insert' });
    const list = (await call(org, conn, 'GET', '/jobs/ingest')).json as Record<string, unknown>;
    expect(list).toMatchObject({ done: true, nextRecordsUrl: null });
    expect(list.records).toEqual(expect.arrayContaining([expect.objectContaining({ id: open, state: 'Open' })]));

    const notFinal = await call(org, conn, 'DELETE', `/jobs/ingest/${open}`);
    expect(notFinal.status).toBe(409);
    await setState(open, 'Aborted');
    const abortAgain = await setState(open, 'Aborted');
    expect(abortAgain.status).toBe(409);
    const badState = await setState(open, 'JobComplete');
    expect(badState.status).toBe(400);
    expect((await call(org, conn, 'DELETE', `/jobs/ingest/${open}`)).status).toBe(204);
    const gone = await call(org, conn, 'GET', `/jobs/ingest/${open}`);
    expect(gone.status).toBe(404);
    expect(gone.json).toEqual([{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }]);
    expect((await call(org, conn, 'GET', '/jobs/ingest/7505g0000000zzzAAA')).status).toBe(404);

    // An ingest job is not a query job.
    const ingest = await createJob({ object: 'Account', operation: 'insert' });
    expect((await call(org, conn, 'GET', `/jobs/query/${ingest}`)).status).toBe(404);

    // Another (standard) user sees neither the job nor it in the list.
    const userId = await createUser(conn, 'jobpeeker');
    await conn.requestPost(`/sobjects/User/${userId}/password`, { NewPassword: 'Peek1234!' });
    const other = new jsforce.Connection({ loginUrl: org.url, version: '62.0' });
    await other.login('jobpeeker@bulk.local', 'Peek1234!');
    expect((await call(org, other, 'GET', `/jobs/ingest/${ingest}`)).status).toBe(404);
    const theirs = (await call(org, other, 'GET', '/jobs/ingest')).json as { records: unknown[] };
    expect(theirs.records).toEqual([]);
  });

  it('answers 401 INVALID_SESSION_ID for a bad token (jsforce refreshes only on that body)', async () => {
    const answer = await fetch(`${org.url}/services/data/v62.0/jobs/ingest`, {
      headers: { Authorization: 'Bearer 00D000000000001!nope' },
    });
    expect(answer.status).toBe(401);
    expect(await answer.text()).toContain('INVALID_SESSION_ID');
  });
});
