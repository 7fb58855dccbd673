import type jsforce from 'jsforce';
import { startTestOrg, stopTestOrg, type TestOrg } from '../../helpers/localOrg.js';
import { createUser } from './helpers.js';

/** Result rows as plain CSV records. */
const rowsOf = (rows: unknown): Record<string, string>[] => rows as Record<string, string>[];

/** Bulk API 2.0 ingest through jsforce's conn.bulk2, against the local org over HTTP. */
describe('Bulk API 2.0 ingest', () => {
  let org: TestOrg;
  let conn: jsforce.Connection;
  const poll = { pollInterval: 20, pollTimeout: 20_000 };

  beforeAll(async () => {
    org = await startTestOrg();
    conn = await org.login();
  });
  afterAll(() => stopTestOrg(org));

  const names = async (soql: string) => (await conn.query<{ Name: string }>(soql)).records.map((r) => r.Name).sort();

  it('inserts records and reports sf__Id / sf__Created, with per-row failures in failedResults', async () => {
    const results = await conn.bulk2.loadAndWaitForResults({
      object: 'Account',
      operation: 'insert',
      input: [
        { Name: 'Ins A', NumberOfEmployees: 5 },
        { Name: 'Ins B,"q"', NumberOfEmployees: 7 },
        { Name: null, NumberOfEmployees: 1 },
        { Name: 'Ins C', NumberOfEmployees: 'many' },
      ],
      ...poll,
    });
    expect(results.successfulResults).toHaveLength(2);
    for (const row of results.successfulResults) {
      expect(row.sf__Id).toMatch(/^001[A-Za-z0-9]{15}$/);
      expect(row.sf__Created).toBe('true');
    }
    expect(
      rowsOf(results.successfulResults)
        .map((r) => r.Name)
        .sort(),
    ).toEqual(['Ins A', 'Ins B,"q"']);
    expect(results.failedResults).toEqual([
      {
        sf__Id: '',
        sf__Error: 'REQUIRED_FIELD_MISSING:Required fields are missing: [Name]:Name --',
        Name: '#N/A',
        NumberOfEmployees: '1',
      },
      expect.objectContaining({
        sf__Id: '',
        Name: 'Ins C',
        sf__Error: expect.stringMatching(/^JSON_PARSER_ERROR:.*many.*:NumberOfEmployees --$/),
      }),
    ]);
    expect(results.unprocessedRecords).toEqual([]);
    expect(await names("SELECT Name FROM Account WHERE Name LIKE 'Ins %'")).toEqual(['Ins A', 'Ins B,"q"']);
    const created = await conn.query<{ CreatedById: string; OwnerId: string }>(
      "SELECT CreatedById, OwnerId FROM Account WHERE Name = 'Ins A'",
    );
    expect(created.records[0]).toMatchObject({ CreatedById: conn.userInfo!.id, OwnerId: conn.userInfo!.id });
  });

  it('updates records: empty cells leave fields unchanged, #N/A sets null, upper-case headers match', async () => {
    const { id } = await conn.sobject('Account').create({ Name: 'Upd', Phone: '111', Industry: 'Energy' });
    const results = await conn.bulk2.loadAndWaitForResults({
      object: 'Account',
      operation: 'update',
      input: `ID,NAME,PHONE,INDUSTRY\n${id},Upd 2,,#N/A\n`,
      ...poll,
    });
    expect(results.successfulResults).toEqual([
      { sf__Id: id, sf__Created: 'false', ID: id, NAME: 'Upd 2', PHONE: '', INDUSTRY: '#N/A' },
    ]);
    const row = await conn.sobject('Account').retrieve(id!);
    expect(row).toMatchObject({ Name: 'Upd 2', Phone: '111', Industry: null });
  });

  it('reports bad Ids on update: missing, malformed, of another object, not existing', async () => {
    const { id: contactId } = await conn.sobject('Contact').create({ LastName: 'Not an account' });
    const missing = '001' + 'Z'.repeat(12);
    const results = await conn.bulk2.loadAndWaitForResults({
      object: 'Account',
      operation: 'update',
      input: `Id,Name\n,No id\nnot-an-id,Bad\n${contactId},Other\n${missing},Gone\n`,
      ...poll,
    });
    expect(results.successfulResults).toEqual([]);
    expect(results.failedResults.map((r) => [r.sf__Id, r.sf__Error])).toEqual([
      ['', 'MISSING_ARGUMENT:Id not specified in an update call:Id --'],
      ['not-an-id', 'MALFORMED_ID:Account ID: id value of incorrect type: not-an-id:Id --'],
      [contactId, `MALFORMED_ID:Account ID: id value of incorrect type: ${contactId}:Id --`],
      [expect.stringMatching(/^001Z{12}/), 'INVALID_CROSS_REFERENCE_KEY:invalid cross reference id: --'],
    ]);
  });

  it('upserts by external id: inserts new keys (sf__Created true), updates existing ones (false)', async () => {
    const handover = await conn.sobject('Handover__c').create({
      Departing_User__c: conn.userInfo!.id,
      Last_Working_Day__c: '2026-12-31',
      Status__c: 'Draft',
    });
    const existing = await conn.sobject('Handover_Item__c').create({
      Handover__c: handover.id,
      Category__c: 'Record',
      Record_Id__c: 'EXT-1',
      Notes__c: 'old',
    });
    const results = await conn.bulk2.loadAndWaitForResults({
      object: 'Handover_Item__c',
      operation: 'upsert',
      externalIdFieldName: 'Record_Id__c',
      // A master-detail field cannot be changed: the existing item's row leaves it empty (no change).
      input: `Record_Id__c,Handover__c,Category__c,Notes__c\nEXT-1,,Record,new\nEXT-2,${handover.id},Record,added\n,${handover.id},Record,no key\n`,
      ...poll,
    });
    const byKey = Object.fromEntries(rowsOf(results.successfulResults).map((r) => [r.Record_Id__c, r]));
    expect(byKey['EXT-1']).toMatchObject({ sf__Id: existing.id, sf__Created: 'false' });
    expect(byKey['EXT-2']).toMatchObject({ sf__Created: 'true' });
    expect(results.failedResults).toEqual([
      expect.objectContaining({
        sf__Id: '',
        sf__Error: 'MISSING_ARGUMENT:Record_Id__c not specified:Record_Id__c --',
      }),
    ]);
    const items = await conn.query<{ Record_Id__c: string; Notes__c: string }>(
      'SELECT Record_Id__c, Notes__c FROM Handover_Item__c ORDER BY Record_Id__c',
    );
    expect(items.records.map((r) => [r.Record_Id__c, r.Notes__c])).toEqual([
      ['EXT-1', 'new'],
      ['EXT-2', 'added'],
    ]);
  });

  it('upserts by Id: rows without an Id column are all inserted', async () => {
    const results = await conn.bulk2.loadAndWaitForResults({
      object: 'Account',
      operation: 'upsert',
      externalIdFieldName: 'Id',
      input: 'Name\nUps 1\nUps 2\n',
      ...poll,
    });
    expect(results.successfulResults.map((r) => r.sf__Created)).toEqual(['true', 'true']);
    expect(results.failedResults).toEqual([]);
  });

  it('deletes to the recycle bin and hard-deletes for good', async () => {
    const created = await conn.sobject('Account').create([{ Name: 'Del soft' }, { Name: 'Del hard' }]);
    const [soft, hard] = created.map((r) => r.id!);
    const deleted = await conn.bulk2.loadAndWaitForResults({
      object: 'Account',
      operation: 'delete',
      input: [{ Id: soft }],
      ...poll,
    });
    expect(deleted.successfulResults).toEqual([{ sf__Id: soft, sf__Created: 'false', Id: soft }]);
    const hardDeleted = await conn.bulk2.loadAndWaitForResults({
      object: 'Account',
      operation: 'hardDelete',
      input: [{ Id: hard }],
      ...poll,
    });
    expect(hardDeleted.successfulResults).toEqual([{ sf__Id: hard, sf__Created: 'false', Id: hard }]);
    const soql = "SELECT Id, IsDeleted FROM Account WHERE Name LIKE 'Del %'";
    const all = await conn.request<{ records: unknown[] }>(`/queryAll?q=${encodeURIComponent(soql)}`);
    expect(all.records).toEqual([expect.objectContaining({ Id: soft, IsDeleted: true })]);
    // Deleting again: the record is gone.
    const again = await conn.bulk2.loadAndWaitForResults({
      object: 'Account',
      operation: 'delete',
      input: `Id\n${soft}\n`,
      ...poll,
    });
    expect(again.failedResults[0]?.sf__Error).toBe('ENTITY_IS_DELETED:entity is deleted: --');
  });

  it('reads PIPE, TAB and BACKQUOTE delimiters, CRLF line endings and multi-line quoted values', async () => {
    const cases = [
      { columnDelimiter: 'PIPE', lineEnding: 'LF', data: 'Name|Description\n"Pipe, Inc."|"a|b ""c"""\n' },
      { columnDelimiter: 'TAB', lineEnding: 'CRLF', data: 'Name\tDescription\r\nTab Co\t"line 1\r\nline 2"\r\n' },
      { columnDelimiter: 'BACKQUOTE', lineEnding: 'LF', data: 'NAME`DESCRIPTION\nBack Co`"x`y"\n' },
    ] as const;
    for (const c of cases) {
      const results = await conn.bulk2.loadAndWaitForResults({
        object: 'Account',
        operation: 'insert',
        columnDelimiter: c.columnDelimiter,
        lineEnding: c.lineEnding,
        input: c.data,
        ...poll,
      });
      expect(results.failedResults).toEqual([]);
      expect(results.successfulResults).toHaveLength(1);
    }
    const rows = await conn.query<{ Name: string; Description: string }>(
      "SELECT Name, Description FROM Account WHERE Name IN ('Pipe, Inc.', 'Tab Co', 'Back Co') ORDER BY Name",
    );
    expect(rows.records.map((r) => [r.Name, r.Description])).toEqual([
      ['Back Co', 'x`y'],
      ['Pipe, Inc.', 'a|b "c"'],
      ['Tab Co', 'line 1\r\nline 2'],
    ]);
  });

  it('writes the result files in the job format, every value quoted', async () => {
    const job = conn.bulk2.createJob({ object: 'Account', operation: 'insert', columnDelimiter: 'PIPE' });
    await job.open();
    await job.uploadData('Name|Description\nRaw Co|"a;b"\n');
    await job.close();
    await job.poll(20, 20_000);
    const raw = await job.getSuccessfulResults(true);
    expect(raw).toMatch(
      /^"sf__Id"\|"sf__Created"\|"Name"\|"Description"\n"001[A-Za-z0-9]{15}"\|"true"\|"Raw Co"\|"a;b"\n$/,
    );
    expect(await job.getFailedResults(true)).toBe('"sf__Id"|"sf__Error"|"Name"|"Description"\n');
    expect(await job.getUnprocessedRecords(true)).toBe('"Name"|"Description"\n');
  });

  it('sets lookups through a relationship column (Owner.Username) and reports inactive owners', async () => {
    const rep = await createUser(conn, 'bulkrep');
    const gone = await createUser(conn, 'bulkgone', false);
    const [a, b] = (await conn.sobject('Contact').create([{ LastName: 'Rel A' }, { LastName: 'Rel B' }])).map(
      (r) => r.id!,
    );
    const results = await conn.bulk2.loadAndWaitForResults({
      object: 'Contact',
      operation: 'update',
      input: `Id,Owner.Username\n${a},bulkrep@bulk.local\n${b},nobody@bulk.local\n`,
      ...poll,
    });
    expect(results.successfulResults).toEqual([expect.objectContaining({ sf__Id: a })]);
    expect(results.failedResults[0]?.sf__Error).toBe(
      'INVALID_FIELD:Foreign key external ID: nobody@bulk.local not found for field Username in entity User:OwnerId --',
    );
    expect((await conn.sobject('Contact').retrieve(a!)).OwnerId).toBe(rep);

    const inactive = await conn.bulk2.loadAndWaitForResults({
      object: 'Contact',
      operation: 'update',
      input: [{ Id: b, OwnerId: gone }],
      ...poll,
    });
    expect(inactive.failedResults).toEqual([
      {
        sf__Id: b,
        sf__Error: `INACTIVE_OWNER_OR_USER:operation performed with inactive user [${gone}] as owner of contact:OwnerId --`,
        Id: b,
        OwnerId: gone,
      },
    ]);
  });

  it('completes a job with empty input with no results and no error (jsforce input: [])', async () => {
    const results = await conn.bulk2.loadAndWaitForResults({
      object: 'Account',
      operation: 'insert',
      input: [],
      ...poll,
    });
    expect(results).toEqual({ successfulResults: [], failedResults: [], unprocessedRecords: [] });
  });

  it('echoes job properties in JobInfo (assignment rule, external id, format)', async () => {
    const job = conn.bulk2.createJob({
      object: 'Handover_Item__c',
      operation: 'upsert',
      externalIdFieldName: 'record_id__c',
      assignmentRuleId: '01Q000000000001',
      lineEnding: 'CRLF',
      columnDelimiter: 'SEMICOLON',
    });
    const info = await job.open();
    expect(info).toMatchObject({
      id: expect.stringMatching(/^750[A-Za-z0-9]{15}$/),
      operation: 'upsert',
      object: 'Handover_Item__c',
      externalIdFieldName: 'Record_Id__c',
      assignmentRuleId: expect.stringMatching(/^01Q000000000001[A-Z0-5]{3}$/),
      state: 'Open',
      concurrencyMode: 'Parallel',
      contentType: 'CSV',
      apiVersion: 62,
      lineEnding: 'CRLF',
      columnDelimiter: 'SEMICOLON',
      createdById: conn.userInfo!.id,
      contentUrl: `services/data/v62.0/jobs/ingest/${info.id}/batches`,
    });
    expect(info.createdDate).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/);
    await job.abort();
  });
});
