/**
 * The Composite resource beyond compositeApi.test.ts: an allOrNone Composite rolls back only its own
 * subrequests (writes of other requests and Bulk 2.0 batches that run meanwhile, and the API usage
 * they record, survive its rollback); fault injection applies to the Composite call, not to each
 * subrequest; per-subrequest httpHeaders such as Sforce-Auto-Assign are honoured.
 */
import type jsforce from 'jsforce';
import { faultStats } from '../../../src/org/faults/index.js';
import { startTestOrg, stopTestOrg, type TestOrg } from '../../helpers/localOrg.js';
import { startSharingOrg, type SharingOrg } from '../sharing/fixture.js';

const V = '/services/data/v62.0';
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('local org Composite allOrNone isolation', () => {
  let org: TestOrg;
  let conn: jsforce.Connection;

  beforeAll(async () => {
    org = await startTestOrg();
    conn = await org.login();
  });
  afterAll(() => stopTestOrg(org));

  const post = <T>(url: string, body: unknown): Promise<T> =>
    conn.request<T>({
      method: 'POST',
      url,
      body: JSON.stringify(body),
      headers: { 'Content-Type': 'application/json' },
    });
  const patchContact = (id: string, Title: string) =>
    conn.requestPatch('/composite/sobjects', {
      records: [{ attributes: { type: 'Contact' }, id, Title }],
    });
  const failingComposite = (first: unknown) =>
    post(`${V}/composite`, {
      allOrNone: true,
      compositeRequest: [
        first,
        {
          method: 'PATCH',
          url: `${V}/sobjects/Account/001000000000000AAA`,
          referenceId: 'fails',
          body: { Name: 'x' },
        },
      ],
    });

  it('keeps a standalone write and the usage counted while a failing Composite ran', async () => {
    const parent = (await conn.sobject('Account').create({ Name: 'Locked Parent' })).id!;
    const [c1, c2, c3] = await Promise.all(
      ['C1', 'C2', 'C3'].map(
        async (LastName) => (await conn.sobject('Contact').create({ LastName, AccountId: parent })).id!,
      ),
    );
    org.ctx.settings.lockHoldMs = 400;
    try {
      // A holds the parent's lock; B waits for it; the Composite's first subrequest queues behind B.
      const a = patchContact(c1!, 'A');
      await sleep(50);
      const b = patchContact(c2!, 'B wrote this');
      await sleep(50);
      const before = org.usage.used();
      const c = failingComposite({
        method: 'PATCH',
        url: `${V}/composite/sobjects`,
        referenceId: 'waits',
        body: {
          records: [{ attributes: { type: 'Contact' }, id: c3, Title: 'C' }],
        },
      });
      await sleep(50);
      const d = conn.request(`${V}/limits`);
      await Promise.all([a, b, c, d]);
      expect(org.usage.used() - before).toBe(2);
    } finally {
      org.ctx.settings.lockHoldMs = 0;
    }
    expect((await conn.sobject('Contact').retrieve(c2!)).Title).toBe('B wrote this');
    expect((await conn.sobject('Contact').retrieve(c3!)).Title).toBeNull();
  });

  it('loses no Bulk 2.0 row to a Composite that rolls back while the job runs', async () => {
    const rows = 30_000;
    const job = await post<{ id: string }>(`${V}/jobs/ingest`, {
      object: 'Account',
      operation: 'insert',
      lineEnding: 'LF',
    });
    const csv = `Name\n${Array.from({ length: rows }, (_, i) => `Bulk ${i}`).join('\n')}\n`;
    await conn.request({
      method: 'PUT',
      url: `${V}/jobs/ingest/${job.id}/batches`,
      body: csv,
      headers: { 'Content-Type': 'text/csv' },
    });
    await conn.requestPatch(`${V}/jobs/ingest/${job.id}`, {
      state: 'UploadComplete',
    });
    // Failing Composites while the job runs (a job whose state was rolled back never ends: hence the deadline).
    const deadline = Date.now() + 20_000;
    let info = { state: 'UploadComplete', numberRecordsProcessed: 0 };
    while ((info.state === 'InProgress' || info.state === 'UploadComplete') && Date.now() < deadline) {
      await failingComposite({
        method: 'POST',
        url: `${V}/sobjects/Account`,
        referenceId: 'ok',
        body: { Name: 'Tmp' },
      });
      info = await conn.request(`${V}/jobs/ingest/${job.id}`);
    }
    expect(info).toMatchObject({ state: 'JobComplete', numberRecordsProcessed: rows });
    expect((await conn.query("SELECT Id FROM Account WHERE Name LIKE 'Bulk %'")).totalSize).toBe(rows);
    expect((await conn.query("SELECT Id FROM Account WHERE Name = 'Tmp'")).totalSize).toBe(0);
  });

  it('applies fault injection once, to the Composite call', async () => {
    const subrequests = [0, 1, 2].map((i) => ({
      method: 'POST',
      url: `${V}/sobjects/Account`,
      referenceId: `a${i}`,
      body: { Name: `Faulted ${i}` },
    }));
    const calls = faultStats(org.ctx).calls;
    await post(`${V}/composite`, { compositeRequest: subrequests });
    expect(faultStats(org.ctx).calls - calls).toBe(1);

    org.ctx.settings.errorRate503 = 1;
    try {
      const response = await fetch(`${org.url}${V}/composite`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${conn.accessToken!}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ compositeRequest: subrequests.map((r) => ({ ...r, body: { Name: 'Never' } })) }),
      });
      expect(response.status).toBe(503);
      expect(((await response.json()) as { errorCode: string }[])[0]?.errorCode).toBe('SERVER_UNAVAILABLE');
    } finally {
      org.ctx.settings.errorRate503 = 0;
    }
    expect((await conn.query("SELECT Id FROM Account WHERE Name = 'Never'")).totalSize).toBe(0);
  });
});

describe('local org Composite: per-subrequest headers', () => {
  let s: SharingOrg;

  beforeAll(async () => {
    s = await startSharingOrg();
    s.org.store.sharing.setAssignmentRule({ object: 'Case', targetId: s.ids.queue, active: true });
  });
  afterAll(() => stopTestOrg(s.org));

  it('honours Sforce-Auto-Assign: FALSE on the subrequest that sends it', async () => {
    const admin = await s.as('admin');
    const kept = s.insert('Case', { Subject: 'Kept', OwnerId: s.users.owner });
    const routed = s.insert('Case', { Subject: 'Routed', OwnerId: s.users.owner });
    const update = (id: string, referenceId: string, httpHeaders?: Record<string, string>) => ({
      method: 'PATCH',
      url: `${V}/sobjects/Case/${id}`,
      referenceId,
      body: { OwnerId: s.users.peer },
      ...(httpHeaders ? { httpHeaders } : {}),
    });
    const answer = await admin.request<{ compositeResponse: { httpStatusCode: number }[] }>({
      method: 'POST',
      url: `${V}/composite`,
      body: JSON.stringify({
        compositeRequest: [update(kept, 'kept', { 'Sforce-Auto-Assign': 'FALSE' }), update(routed, 'routed')],
      }),
      headers: { 'Content-Type': 'application/json' },
    });
    expect(answer.compositeResponse.map((r) => r.httpStatusCode)).toEqual([204, 204]);
    const owners = await admin.query<{ Id: string; OwnerId: string }>(
      `SELECT Id, OwnerId FROM Case WHERE Id IN ('${kept}', '${routed}')`,
    );
    const ownerOf = (id: string) => owners.records.find((r) => r.Id === id)?.OwnerId;
    expect(ownerOf(kept)).toBe(s.users.peer);
    expect(ownerOf(routed)).toBe(s.ids.queue);
  });
});
