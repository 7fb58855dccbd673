import type jsforce from 'jsforce';
import { setPassword } from '../../../src/org/auth/index.js';
import { faultStats } from '../../../src/org/faults/index.js';
import { DEFAULT_SETTINGS, type OrgSettings } from '../../../src/org/settings.js';
import { startTestOrg, stopTestOrg, type TestOrg } from '../../helpers/localOrg.js';

const SETTINGS_URL = '/services/data/v62.0/local/settings';

type ApiError = Error & { errorCode?: string };

async function failure(promise: PromiseLike<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    return error as ApiError;
  }
  throw new Error('expected the call to fail');
}

async function timedMs<T>(fn: () => PromiseLike<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - started };
}

function patchSettings(conn: jsforce.Connection, body: unknown): Promise<OrgSettings> {
  return conn.request<OrgSettings>({
    method: 'PATCH',
    url: SETTINGS_URL,
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json' },
  });
}

/** A user without Modify All Data (the Standard User profile). */
function createRep(org: TestOrg): string {
  const db = org.ctx.db;
  const profile = db.prepare(`SELECT Id FROM "Profile" WHERE Name = 'Standard User'`).get() as { Id: string };
  const admin = db.prepare(`SELECT Id FROM "User" WHERE Username = 'admin@handover.local'`).get() as { Id: string };
  const id = org.store.create(
    'User',
    {
      Username: 'rep@handover.local',
      LastName: 'Rep',
      Alias: 'rep',
      Email: 'rep@handover.local',
      ProfileId: profile.Id,
      TimeZoneSidKey: 'Asia/Shanghai',
      LocaleSidKey: 'en_US',
      LanguageLocaleKey: 'en_US',
      EmailEncodingKey: 'UTF-8',
      IsActive: true,
    },
    { userId: admin.Id },
    { system: true },
  );
  setPassword(org.ctx, id, 'handover');
  return id;
}

describe('fault injection, observed by a jsforce client', () => {
  let org: TestOrg;
  let admin: jsforce.Connection;

  beforeAll(async () => {
    org = await startTestOrg();
    createRep(org);
    admin = await org.login();
  });
  afterAll(() => stopTestOrg(org));
  afterEach(async () => {
    await patchSettings(admin, {
      latencyMs: 0,
      jitterMs: 0,
      errorRate503: 0,
      dailyApiRequests: DEFAULT_SETTINGS.dailyApiRequests,
      maxConcurrentLongRequests: DEFAULT_SETTINGS.maxConcurrentLongRequests,
      longRequestMs: DEFAULT_SETTINGS.longRequestMs,
    });
  });

  it('adds latency (with jitter) to every REST call, and to SOAP login', async () => {
    const quick = await timedMs(() => admin.query('SELECT Id FROM Account'));
    await patchSettings(admin, { latencyMs: 250, jitterMs: 100 });
    const slow: number[] = [];
    for (let i = 0; i < 3; i++) slow.push((await timedMs(() => admin.query('SELECT Id FROM Account'))).ms);
    for (const ms of slow) {
      expect(ms).toBeGreaterThanOrEqual(245);
      expect(ms).toBeLessThan(250 + 100 + 400);
    }
    expect(Math.min(...slow)).toBeGreaterThan(quick.ms);
    const login = await timedMs(() => org.login());
    expect(login.ms).toBeGreaterThanOrEqual(245);
  });

  it('a 503 on a POST surfaces at once (jsforce does not retry POST)', async () => {
    await patchSettings(admin, { errorRate503: 1 });
    const before = faultStats(org.ctx).served503;
    const error = await failure(admin.sobject('Account').create({ Name: 'Never created' }));
    expect(error.errorCode).toBe('SERVER_UNAVAILABLE');
    expect(faultStats(org.ctx).served503 - before).toBe(1);
    await patchSettings(admin, { errorRate503: 0 });
    const count = await admin.query(`SELECT COUNT() FROM Account WHERE Name = 'Never created'`);
    expect(count.totalSize).toBe(0);
  });

  it('a 503 on a GET is retried by jsforce after its back-off, and the call then succeeds', async () => {
    // Every second call fails: the first GET is served, the second gets a 503 and its retry is served.
    await patchSettings(admin, { errorRate503: 0.5 });
    const before = faultStats(org.ctx).served503;
    await admin.query('SELECT Id FROM Account');
    const retried = await timedMs(() => admin.query('SELECT Id FROM Account'));
    expect(retried.value.done).toBe(true);
    expect(faultStats(org.ctx).served503 - before).toBe(1);
    expect(retried.ms).toBeGreaterThanOrEqual(450); // jsforce waits 500 ms before its first retry
  });

  it('past the daily API request limit: 403 REQUEST_LIMIT_EXCEEDED, limitInfo at the limit, /limits follows', async () => {
    const used = org.usage.used();
    const limit = used + 5;
    await patchSettings(admin, { dailyApiRequests: limit }); // this call is counted: used + 1
    const limits = await admin.request<Record<string, { Max: number; Remaining: number }>>('/limits');
    expect(limits.DailyApiRequests?.Max).toBe(limit);
    expect(limits.DailyApiRequests?.Remaining).toBe(limit - used - 2);

    let error: ApiError | undefined;
    let served = 0;
    for (let i = 0; i < 10 && !error; i++) {
      try {
        await admin.query('SELECT Id FROM Account LIMIT 1');
        served++;
      } catch (e) {
        error = e as ApiError;
      }
    }
    expect(served).toBe(3);
    expect(error?.errorCode).toBe('REQUEST_LIMIT_EXCEEDED');
    expect(error?.message).toBe('TotalRequests Limit exceeded.');
    expect(admin.limitInfo.apiUsage).toEqual({ used: limit, limit });
    // Refused calls are not counted, and the admin endpoint still answers.
    await failure(admin.query('SELECT Id FROM Account'));
    expect(org.usage.used()).toBe(limit);
    const settings = await admin.request<OrgSettings>(SETTINGS_URL);
    expect(settings.dailyApiRequests).toBe(limit);
  });

  it('caps concurrent long-running calls: one more while the cap is in use gets REQUEST_LIMIT_EXCEEDED', async () => {
    await patchSettings(admin, { maxConcurrentLongRequests: 1, longRequestMs: 100, latencyMs: 600 });
    const long = Promise.resolve(admin.query('SELECT Id FROM Account')); // a jsforce Query starts when awaited
    await new Promise((resolve) => setTimeout(resolve, 250)); // the first call is now long-running
    expect(faultStats(org.ctx).longRunning).toBe(1);
    const refused = await failure(admin.query('SELECT Id FROM Account'));
    expect(refused.errorCode).toBe('REQUEST_LIMIT_EXCEEDED');
    expect(refused.message).toBe('ConcurrentPerOrgLongTxn Limit exceeded.');
    expect((await long).done).toBe(true);
    // Once the long call is over, calls are admitted again.
    expect((await admin.query('SELECT Id FROM Account')).done).toBe(true);
    expect(faultStats(org.ctx).concurrentLimitExceeded).toBe(1);
  });
});

describe('the local settings admin endpoint', () => {
  let org: TestOrg;
  let admin: jsforce.Connection;

  beforeAll(async () => {
    org = await startTestOrg({ settings: { lockWaitMs: 5000 } });
    createRep(org);
    admin = await org.login();
  });
  afterAll(() => stopTestOrg(org));

  it('answers the settings to an admin, and a PATCH changes them in place', async () => {
    const settings = await admin.request<OrgSettings & { faults: unknown }>(SETTINGS_URL);
    expect(settings).toMatchObject({ ...DEFAULT_SETTINGS, lockWaitMs: 5000 });
    expect(settings.faults).toMatchObject({ served503: 0, inFlight: expect.any(Number) });
    const changed = await patchSettings(admin, { lockWaitMs: 250, lockEmulation: false, jitterMs: 5 });
    expect(changed).toMatchObject({ lockWaitMs: 250, lockEmulation: false, jitterMs: 5 });
    expect(org.ctx.settings.lockWaitMs).toBe(250);
    expect(org.ctx.settings.lockEmulation).toBe(false);
  });

  it('refuses users without Modify All Data with 403 INSUFFICIENT_ACCESS', async () => {
    const rep = await org.login('rep@handover.local');
    expect((await failure(rep.request(SETTINGS_URL))).errorCode).toBe('INSUFFICIENT_ACCESS');
    expect((await failure(patchSettings(rep, { latencyMs: 1 }))).errorCode).toBe('INSUFFICIENT_ACCESS');
    expect(org.ctx.settings.latencyMs).toBe(0);
  });

  it('validates the body: unknown settings, wrong types and out-of-range values are 400s', async () => {
    const unknown = await failure(patchSettings(admin, { latency: 5 }));
    expect(unknown.errorCode).toBe('INVALID_FIELD');
    expect(unknown.message).toMatch(/No such setting: latency/);
    const wrongType = await failure(patchSettings(admin, { latencyMs: '5' }));
    expect(wrongType.errorCode).toBe('INVALID_TYPE_ON_FIELD_IN_RECORD');
    expect((await failure(patchSettings(admin, { errorRate503: 2 }))).errorCode).toBe(
      'INVALID_TYPE_ON_FIELD_IN_RECORD',
    );
    expect((await failure(patchSettings(admin, [1]))).errorCode).toBe('JSON_PARSER_ERROR');
    expect(org.ctx.settings.errorRate503).toBe(0);
  });

  it('needs a valid session', async () => {
    const response = await fetch(`${org.url}${SETTINGS_URL}`);
    expect(response.status).toBe(401);
  });
});
