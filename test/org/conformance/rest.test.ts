import { join } from 'node:path';
import type jsforce from 'jsforce';
import { startTestOrg, stopTestOrg, type TestOrg } from '../../helpers/localOrg.js';

const FIXTURE_OBJECTS = join(process.cwd(), 'test/org/fixtures/objects');

type HttpError = Error & { errorCode?: string; data?: unknown };

async function failure(promise: PromiseLike<unknown>): Promise<HttpError> {
  try {
    await promise;
  } catch (error) {
    return error as HttpError;
  }
  throw new Error('expected the call to fail');
}

/** Creates one record and returns its result with a definite id. */
async function createOne(conn: jsforce.Connection, object: string, record: Record<string, unknown>) {
  const result = await conn.sobject(object).create(record);
  if (!result.success || !result.id) throw new Error(`create ${object} failed`);
  return { ...result, id: result.id };
}

describe('local org REST API (through jsforce over HTTP)', () => {
  let org: TestOrg;
  let conn: jsforce.Connection;

  beforeAll(async () => {
    org = await startTestOrg({ objectsDir: FIXTURE_OBJECTS });
    conn = await org.login();
  });
  afterAll(() => stopTestOrg(org));

  describe('versions, resources and limits', () => {
    it('lists two-digit versions from 31.0 to 66.0 with release labels', async () => {
      const versions = await conn.request<{ version: string; label: string; url: string }[]>('/services/data');
      expect(versions[0]).toEqual({ label: "Summer '14", url: '/services/data/v31.0', version: '31.0' });
      expect(versions.at(-1)).toEqual({ label: "Spring '26", url: '/services/data/v66.0', version: '66.0' });
      expect(versions.find((v) => v.version === '62.0')?.label).toBe("Winter '25");
      expect(versions.every((v) => /^[1-9]\d\.0$/.test(v.version))).toBe(true);
    });

    it('answers the version root with an identity URL the org serves', async () => {
      const identity = await conn.identity();
      expect(identity.username).toBe('admin@handover.local');
      expect(identity.organization_id).toBe(org.ctx.orgId);
    });

    it('reports limits and counts API requests in Sforce-Limit-Info', async () => {
      const limits = await conn.request<Record<string, { Max: number; Remaining: number }>>('/limits');
      for (const key of ['DailyApiRequests', 'DataStorageMB', 'FileStorageMB'])
        expect(limits[key]!.Max).toBeGreaterThan(0);
      await conn.query('SELECT Id FROM User');
      const usage = conn.limitInfo.apiUsage!;
      expect(usage.used).toBeGreaterThan(0);
      expect(usage.limit).toBeGreaterThanOrEqual(usage.used);
      const before = usage.used;
      await conn.query('SELECT Id FROM User');
      expect(conn.limitInfo.apiUsage!.used).toBe(before + 1);
    });

    it('answers unknown versions and paths with NOT_FOUND', async () => {
      const error = await failure(conn.request('/services/data/v12.0/sobjects'));
      expect(error.errorCode).toBe('NOT_FOUND');
      const other = await failure(conn.request('/services/data/v62.0/nothing/here'));
      expect(other.errorCode).toBe('NOT_FOUND');
    });
  });

  describe('describe', () => {
    it('describeGlobal lists objects without fields', async () => {
      const global = await conn.describeGlobal();
      const account = global.sobjects.find((s) => s.name === 'Account');
      expect(account).toMatchObject({ keyPrefix: '001', queryable: true, custom: false });
      expect(account).not.toHaveProperty('fields');
      expect(global.sobjects.find((s) => s.name === 'Upsert_Test__c')?.custom).toBe(true);
    });

    it('describes fields, picklists, references and child relationships', async () => {
      const d = await conn.sobject('Contact').describe();
      const accountId = d.fields.find((f) => f.name === 'AccountId')!;
      expect(accountId).toMatchObject({ type: 'reference', referenceTo: ['Account'], relationshipName: 'Account' });
      const account = await conn.sobject('Account').describe();
      expect(account.childRelationships).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ childSObject: 'Contact', field: 'AccountId', relationshipName: 'Contacts' }),
          expect.objectContaining({
            childSObject: 'Upsert_Test__c',
            field: 'Account__c',
            relationshipName: 'Upsert_Tests__r',
          }),
        ]),
      );
      const stage = (await conn.sobject('Opportunity').describe()).fields.find((f) => f.name === 'StageName')!;
      expect(stage.picklistValues!.map((p) => p.value)).toContain('Closed Won');
    });

    it('answers INVALID_TYPE-like NOT_FOUND for an unknown object', async () => {
      const error = await failure(conn.sobject('Nope__c').describe());
      expect(error.errorCode).toBe('NOT_FOUND');
    });
  });

  describe('single-record CRUD', () => {
    it('creates, retrieves, updates and soft-deletes a record', async () => {
      const created = await createOne(conn, 'Account', {
        Name: 'Acme 上海',
        Industry: 'Technology',
        AnnualRevenue: 1500000,
      });
      expect(created).toMatchObject({ success: true, errors: [] });
      expect(created.id).toMatch(/^001[a-zA-Z0-9]{15}$/);

      const record = await conn.sobject('Account').retrieve(created.id);
      expect(record).toMatchObject({ Id: created.id, Name: 'Acme 上海', AnnualRevenue: 1500000, IsDeleted: false });
      expect(record.attributes).toEqual({
        type: 'Account',
        url: `/services/data/v62.0/sobjects/Account/${created.id}`,
      });
      expect(record.OwnerId).toBe(conn.userInfo!.id);
      expect(record.CreatedDate).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/);

      const some = await conn.request(`/sobjects/Account/${created.id}?fields=Id,Name`);
      expect(Object.keys(some as object)).toEqual(['attributes', 'Id', 'Name']);

      await conn.sobject('Account').update({ Id: created.id, Name: 'Acme Shanghai' });
      expect((await conn.sobject('Account').retrieve(created.id)).Name).toBe('Acme Shanghai');

      await conn.sobject('Account').destroy(created.id);
      const gone = await failure(conn.sobject('Account').retrieve(created.id));
      expect(gone.errorCode).toBe('NOT_FOUND');
      const deleted = await conn.query(`SELECT Id, IsDeleted FROM Account WHERE Id = '${created.id}'`, {
        scanAll: true,
      });
      expect(deleted.records).toEqual([expect.objectContaining({ Id: created.id, IsDeleted: true })]);
      const live = await conn.query(`SELECT Id FROM Account WHERE Id = '${created.id}'`);
      expect(live.totalSize).toBe(0);
      const again = await failure(conn.sobject('Account').update({ Id: created.id, Name: 'x' }));
      expect(again.errorCode).toBe('ENTITY_IS_DELETED');
    });

    it('accepts 15-character Ids everywhere', async () => {
      const { id } = await createOne(conn, 'Account', { Name: 'Fifteen' });
      const short = id.slice(0, 15);
      expect((await conn.sobject('Account').retrieve(short)).Id).toBe(id);
      await conn.sobject('Account').update({ Id: short, Name: 'Fifteen 2' });
      const rows = await conn.query(`SELECT Id, Name FROM Account WHERE Id = '${short}'`);
      expect(rows.records[0]).toMatchObject({ Id: id, Name: 'Fifteen 2' });
      const contact = await createOne(conn, 'Contact', { LastName: 'Li', AccountId: short });
      expect((await conn.sobject('Contact').retrieve(contact.id)).AccountId).toBe(id);
    });

    it("retrieves many records in the order asked, null for deleted, unknown and other objects' Ids", async () => {
      const a = await createOne(conn, 'Account', { Name: 'Many A' });
      const b = await createOne(conn, 'Account', { Name: 'Many B' });
      const gone = await createOne(conn, 'Account', { Name: 'Many gone' });
      await conn.sobject('Account').destroy(gone.id);
      const contact = await createOne(conn, 'Contact', { LastName: 'Not an account' });
      const rows = await conn.request<({ Id: string; Name: string; attributes: { type: string } } | null)[]>({
        method: 'POST',
        url: '/services/data/v62.0/composite/sobjects/Account',
        body: JSON.stringify({
          ids: [b.id, gone.id, a.id.slice(0, 15), '001000000000000AAA', contact.id, b.id],
          fields: ['Id', 'Name'],
        }),
        headers: { 'Content-Type': 'application/json' },
      });
      expect(rows.map((r) => r?.Name ?? null)).toEqual(['Many B', null, 'Many A', null, null, 'Many B']);
      expect(rows[2]).toMatchObject({ Id: a.id, attributes: { type: 'Account' } });
    });

    it('refuses bad writes with Salesforce error codes', async () => {
      expect((await failure(conn.sobject('Account').create({}))).errorCode).toBe('REQUIRED_FIELD_MISSING');
      const missing = await failure(conn.sobject('Account').create({ Industry: 'Energy' }));
      expect(missing.data).toMatchObject({ fields: ['Name'], message: 'Required fields are missing: [Name]' });
      expect((await failure(conn.sobject('Account').create({ Name: 'x', Foo__c: 1 }))).errorCode).toBe('INVALID_FIELD');
      expect((await failure(conn.sobject('Account').create({ Name: 'x', AnnualRevenue: 'lots' }))).errorCode).toBe(
        'JSON_PARSER_ERROR',
      );
      expect((await failure(conn.sobject('Account').create({ Name: 'x'.repeat(256) }))).errorCode).toBe(
        'STRING_TOO_LONG',
      );
      expect((await failure(conn.sobject('Contact').create({ LastName: 'x', AccountId: 'nope' }))).errorCode).toBe(
        'MALFORMED_ID',
      );
      const { id: contactId } = await createOne(conn, 'Contact', { LastName: 'Wang' });
      expect(
        (
          await failure(
            conn
              .sobject('Opportunity')
              .create({ Name: 'o', StageName: 'Prospecting', CloseDate: '2026-12-31', AccountId: contactId }),
          )
        ).errorCode,
      ).toBe('FIELD_INTEGRITY_EXCEPTION');
      const ghost = '001' + '5g000zzzzzzzz'.slice(0, 12);
      expect((await failure(conn.sobject('Contact').create({ LastName: 'x', AccountId: ghost }))).errorCode).toBe(
        'INVALID_CROSS_REFERENCE_KEY',
      );
      expect(
        (await failure(conn.sobject('Account').create({ Name: 'x', CreatedDate: '2020-01-01T00:00:00Z' }))).errorCode,
      ).toBe('INVALID_FIELD_FOR_INSERT_UPDATE');
      expect((await failure(conn.sobject('Account').retrieve('001000000000000'))).errorCode).toBe('NOT_FOUND');
    });

    it('rejects malformed JSON and non-object bodies cleanly', async () => {
      const bad = await failure(
        conn.request({
          method: 'POST',
          url: '/sobjects/Account',
          body: '{"Name": ',
          headers: { 'content-type': 'application/json' },
        }),
      );
      expect(bad.errorCode).toBe('JSON_PARSER_ERROR');
      const array = await failure(
        conn.request({
          method: 'POST',
          url: '/sobjects/Account',
          body: '[1,2]',
          headers: { 'content-type': 'application/json' },
        }),
      );
      expect(array.errorCode).toBe('JSON_PARSER_ERROR');
    });

    it('keeps owners active: an inactive owner is INACTIVE_OWNER_OR_USER, and an owner change moves nothing else', async () => {
      const profile = (await conn.query<{ Id: string }>("SELECT Id FROM Profile WHERE Name = 'Standard User'"))
        .records[0]!.Id;
      const base = {
        LocaleSidKey: 'en_US',
        LanguageLocaleKey: 'en_US',
        EmailEncodingKey: 'UTF-8',
        TimeZoneSidKey: 'Asia/Shanghai',
        ProfileId: profile,
      };
      const rep = await createOne(conn, 'User', {
        ...base,
        Username: 'rep@t.local',
        LastName: 'Rep',
        Alias: 'rep',
        Email: 'rep@t.local',
      });
      const gone = await createOne(conn, 'User', {
        ...base,
        Username: 'gone@t.local',
        LastName: 'Gone',
        Alias: 'gone',
        Email: 'gone@t.local',
        IsActive: false,
      });
      const account = await createOne(conn, 'Account', { Name: 'Owned' });
      const contact = await createOne(conn, 'Contact', { LastName: 'Child', AccountId: account.id });
      const inactive = await failure(conn.sobject('Account').update({ Id: account.id, OwnerId: gone.id }));
      expect(inactive.errorCode).toBe('INACTIVE_OWNER_OR_USER');
      await conn.sobject('Account').update({ Id: account.id, OwnerId: rep.id });
      expect((await conn.sobject('Account').retrieve(account.id)).OwnerId).toBe(rep.id);
      expect((await conn.sobject('Contact').retrieve(contact.id)).OwnerId).toBe(conn.userInfo!.id);
    });
  });

  describe('users, passwords and queues', () => {
    it('sets a password through /sobjects/User/{id}/password; inactive and frozen users cannot log in', async () => {
      const profile = (await conn.query<{ Id: string }>("SELECT Id FROM Profile WHERE Name = 'Standard User'"))
        .records[0]!.Id;
      const base = {
        LocaleSidKey: 'en_US',
        LanguageLocaleKey: 'en_US',
        EmailEncodingKey: 'UTF-8',
        TimeZoneSidKey: 'Asia/Shanghai',
        ProfileId: profile,
      };
      const user = await createOne(conn, 'User', {
        ...base,
        Username: 'pw@t.local',
        LastName: 'Pw',
        Alias: 'pw',
        Email: 'pw@t.local',
      });
      await conn.requestPost(`/sobjects/User/${user.id}/password`, { NewPassword: 'S3cret!pass' });
      expect(await conn.request(`/sobjects/User/${user.id}/password`)).toEqual({ isExpired: false });
      const jsforce = (await import('jsforce')).default;
      const asUser = new jsforce.Connection({ loginUrl: org.url, version: '62.0' });
      await asUser.login('pw@t.local', 'S3cret!pass');
      expect(asUser.userInfo?.id).toBe(user.id);
      // A standard user may not set someone else's password.
      const admin = conn.userInfo!.id;
      const denied = await failure(
        asUser.requestPost(`/sobjects/User/${admin}/password`, { NewPassword: 'x1234567!' }),
      );
      expect(denied.errorCode).toBe('INSUFFICIENT_ACCESS');

      await conn.sobject('User').update({ Id: user.id, IsActive: false });
      // The session dies with the user: jsforce gets a 401, tries to log in again and is refused.
      await expect(asUser.query('SELECT Id FROM Account')).rejects.toThrow(
        /Unable to refresh session due to: INVALID_LOGIN/,
      );
      await expect(new jsforce.Connection({ loginUrl: org.url }).login('pw@t.local', 'S3cret!pass')).rejects.toThrow(
        /INVALID_LOGIN/,
      );

      await conn.sobject('User').update({ Id: user.id, IsActive: true });
      // Every user has a UserLogin row; freezing sets its IsFrozen.
      const login = await conn.query<{ Id: string }>(`SELECT Id FROM UserLogin WHERE UserId = '${user.id}'`);
      expect(login.totalSize).toBe(1);
      await conn.sobject('UserLogin').update({ Id: login.records[0]!.Id, IsFrozen: true });
      await expect(new jsforce.Connection({ loginUrl: org.url }).login('pw@t.local', 'S3cret!pass')).rejects.toThrow(
        /INVALID_LOGIN/,
      );
    });

    it('lets queues own cases but not accounts', async () => {
      const queue = await createOne(conn, 'Group', { Name: 'Support Queue', Type: 'Queue' });
      await conn.sobject('QueueSobject').create({ QueueId: queue.id, SobjectType: 'Case' });
      const caseRecord = await createOne(conn, 'Case', { Subject: 'Queued', OwnerId: queue.id });
      expect((await conn.sobject('Case').retrieve(caseRecord.id)).OwnerId).toBe(queue.id);
      const account = await failure(conn.sobject('Account').create({ Name: 'Queued account', OwnerId: queue.id }));
      expect(account.errorCode).toBe('FIELD_INTEGRITY_EXCEPTION');
    });
  });

  describe('upsert by external id', () => {
    it('inserts (201, created true), updates (200, created false) and reports several matches as 300', async () => {
      const sobject = conn.sobject('Upsert_Test__c');
      const inserted = await sobject.upsert({ Name: 'first', External_Key__c: 'K-1' }, 'External_Key__c');
      expect(inserted).toMatchObject({ success: true, created: true });
      const updated = await sobject.upsert({ Name: 'second', External_Key__c: 'K-1' }, 'External_Key__c');
      expect(updated).toMatchObject({ success: true, created: false, id: (inserted as { id: string }).id });
      await sobject.create({ Name: 'dup a', External_Key__c: 'K-2' });
      await sobject.create({ Name: 'dup b', External_Key__c: 'K-2' });
      const several = await failure(sobject.upsert({ Name: 'x', External_Key__c: 'K-2' }, 'External_Key__c'));
      expect(several.errorCode).toBe('MULTIPLE_CHOICES');
      expect(
        Array.isArray(several.data) &&
          (several.data as string[]).every((u) => u.startsWith('/services/data/v62.0/sobjects/Upsert_Test__c/')),
      ).toBe(true);
      const notExternal = await failure(sobject.upsert({ Name: 'x', Amount__c: 1 }, 'Amount__c'));
      expect(notExternal.errorCode).toBe('INVALID_FIELD');
    });
  });

  describe('sObject Collections', () => {
    it('creates in order with per-record results and a partial failure', async () => {
      const results = await conn
        .sobject('Account')
        .create([{ Name: 'C1' }, { Industry: 'Energy' }, { Name: 'C3' }], { allOrNone: false });
      expect(results.map((r) => r.success)).toEqual([true, false, true]);
      const failed = results[1] as unknown as { errors: { statusCode: string; fields: string[] }[] };
      expect(failed.errors[0]).toMatchObject({ statusCode: 'REQUIRED_FIELD_MISSING', fields: ['Name'] });
    });

    it('rolls back everything with allOrNone', async () => {
      const before = await conn.query('SELECT COUNT() FROM Account');
      const results = await conn
        .sobject('Account')
        .create([{ Name: 'R1' }, { Industry: 'Energy' }, { Name: 'R3' }], { allOrNone: true });
      expect(results.map((r) => r.success)).toEqual([false, false, false]);
      const errors = results.map((r) => (r as unknown as { errors: { statusCode: string }[] }).errors[0]!.statusCode);
      expect(errors).toEqual([
        'ALL_OR_NONE_OPERATION_ROLLED_BACK',
        'REQUIRED_FIELD_MISSING',
        'ALL_OR_NONE_OPERATION_ROLLED_BACK',
      ]);
      const after = await conn.query('SELECT COUNT() FROM Account');
      expect(after.totalSize).toBe(before.totalSize);
    });

    it('updates, retrieves (null for missing) and deletes', async () => {
      const created = await conn.sobject('Account').create([{ Name: 'U1' }, { Name: 'U2' }]);
      const ids = created.map((r) => r.id!);
      const updated = await conn.sobject('Account').update(ids.map((Id, i) => ({ Id, Name: `U${i + 1}!` })));
      expect(updated.every((r) => r.success)).toBe(true);
      const rows = await conn.sobject('Account').retrieve(ids, { fields: ['Id', 'Name'] });
      expect(rows.map((r) => r?.Name)).toEqual(['U1!', 'U2!']);
      const deleted = await conn.sobject('Account').destroy(ids);
      expect(deleted.map((r) => r.success)).toEqual([true, true]);
      const after = await conn.sobject('Account').retrieve(ids, { fields: ['Id'] });
      expect(after).toEqual([null, null]);
    });

    it('refuses more than 200 records with EXCEEDED_ID_LIMIT', async () => {
      const records = Array.from({ length: 201 }, (_, i) => ({ Name: `Big ${i}` }));
      const error = await failure(conn.sobject('Account').create(records));
      expect(error.errorCode).toBe('EXCEEDED_ID_LIMIT');
    });

    it('upserts with created flags and rolls back upserts with allOrNone', async () => {
      const results = await conn.sobject('Upsert_Test__c').upsert(
        [
          { Name: 'a', External_Key__c: 'C-1' },
          { Name: 'b', External_Key__c: 'C-2' },
        ],
        'External_Key__c',
      );
      expect(results.map((r) => [r.success, r.created])).toEqual([
        [true, true],
        [true, true],
      ]);
      const rolled = await conn.sobject('Upsert_Test__c').upsert(
        [
          { Name: 'c', External_Key__c: 'C-3' },
          { Name: 'd', External_Key__c: 'C-4', OwnerId: 'INVALID_OWNER' },
        ],
        'External_Key__c',
        { allOrNone: true },
      );
      expect(rolled.map((r) => r.created)).toEqual([true, true]);
      const codes = rolled.map((r) => (r as unknown as { errors: { statusCode: string }[] }).errors[0]!.statusCode);
      expect(codes).toEqual(['ALL_OR_NONE_OPERATION_ROLLED_BACK', 'MALFORMED_ID']);
    });
  });
});
