import type jsforce from 'jsforce';
import { adminConnection, describeSf, sfSandbox, tempDataDir, type RunningOrg, type SfSandbox } from './sf.js';

type OrgSummary = { alias?: string; username: string; instanceUrl: string; connectedStatus?: string };
type Limit = { name: string; max: number; remaining: number };

describeSf('the sf CLI against the local org (npm run org -- --sf-aliases)', () => {
  let sandbox: SfSandbox;
  let org: RunningOrg;
  let admin: jsforce.Connection;
  const data = tempDataDir();

  beforeAll(async () => {
    sandbox = sfSandbox();
    org = await sandbox.startOrg(['--data', data.dir, '--seed', 'demo', '--sf-aliases']);
    admin = await adminConnection(org.url);
  }, 120_000);
  afterAll(async () => {
    await sandbox?.cleanup();
    data.remove();
  });

  it('registers local-admin and the demo users; sf org list and sf org display use them', async () => {
    expect(org.output()).toMatch(/sf aliases: local-admin, .*local-manager, local-departing, local-successor1/);
    const list = await sandbox.sfJson<{ other: OrgSummary[] }>(['org', 'list']);
    const aliases = list.other.map((o) => o.alias);
    expect(aliases).toEqual(
      expect.arrayContaining([
        'local-admin',
        'local-manager',
        'local-departing',
        'local-successor1',
        'local-successor3',
      ]),
    );
    const display = await sandbox.sfJson<OrgSummary & { id: string }>(['org', 'display', '-o', 'local-departing']);
    expect(display).toMatchObject({
      username: 'departing@handover.local',
      instanceUrl: org.url,
      connectedStatus: 'Connected',
      alias: 'local-departing',
    });
    expect(display.id).toMatch(/^00D/);
  }, 60_000);

  it('sf org login access-token stores the login (instance URL with a trailing slash) and later commands work', async () => {
    const token = await passwordToken(org.url, 'successor1@handover.local');
    const login = await sandbox.sfJson<OrgSummary>(
      ['org', 'login', 'access-token', '--instance-url', org.url, '--no-prompt', '--alias', 'succ'],
      { SF_ACCESS_TOKEN: token },
    );
    expect(login).toMatchObject({ username: 'successor1@handover.local', instanceUrl: `${org.url}/` });
    // Requests now arrive as //services/data/...: the org answers them all the same.
    const query = await sandbox.sfJson<{ totalSize: number; records: { Username: string }[] }>([
      'data',
      'query',
      '-q',
      `SELECT Username FROM User WHERE Username = 'successor1@handover.local'`,
      '-o',
      'succ',
    ]);
    expect(query.totalSize).toBe(1);
    expect(query.records[0]?.Username).toBe('successor1@handover.local');
  }, 60_000);

  it('sf data query shows parent fields, child subqueries and aggregates (columns=true)', async () => {
    const table = await sandbox.sf([
      'data',
      'query',
      '-q',
      'SELECT Id, Name, Owner.Name, (SELECT LastName FROM Contacts) FROM Account ORDER BY Name LIMIT 3',
      '-o',
      'local-departing',
    ]);
    expect(table.status).toBe(0);
    expect(table.stdout).toMatch(/OWNER\.NAME/);
    expect(table.stdout).toMatch(/CONTACTS\.LASTNAME/);
    expect(table.stdout).toMatch(/王磊/);
    expect(table.stdout).toMatch(/Total number of records retrieved: 3\./);

    const csv = await sandbox.sf([
      'data',
      'query',
      '-q',
      'SELECT StageName, COUNT(Id) deals FROM Opportunity GROUP BY StageName ORDER BY StageName',
      '-o',
      'local-manager',
      '--result-format',
      'csv',
    ]);
    expect(csv.status).toBe(0);
    const [header, first] = csv.stdout.trim().split('\n');
    expect(header).toBe('StageName,deals');
    expect(first).toMatch(/^Prospecting,\d+$/); // picklists sort in their values' order
  }, 60_000);

  it('sf data update record changes the record for a user who may edit it', async () => {
    const account = await admin
      .sobject('Account')
      .findOne<{ Id: string; Name: string }>({ 'Owner.Username': 'departing@handover.local' }, ['Id', 'Name']);
    expect(account).toBeTruthy();
    const updated = await sandbox.sfJson<{ id: string; success: boolean }>([
      'data',
      'update',
      'record',
      '-s',
      'Account',
      '-w',
      `Name='${account!.Name.replace(/'/g, "\\'")}'`,
      '-v',
      "Rating=Hot Phone='+86 21 5555 0101'",
      '-o',
      'local-departing',
    ]);
    expect(updated).toMatchObject({ id: account!.Id, success: true });
    const after = await admin.sobject('Account').retrieve(account!.Id);
    expect(after).toMatchObject({ Rating: 'Hot', Phone: '+86 21 5555 0101' });
  }, 60_000);

  it('sf limits api display and sf org list limits report the org limits', async () => {
    const limits = await sandbox.sfJson<Limit[]>(['limits', 'api', 'display', '-o', 'local-admin']);
    const daily = limits.find((l) => l.name === 'DailyApiRequests');
    expect(daily?.max).toBe(5_000_000);
    expect(daily?.remaining).toBeLessThan(5_000_000);
    const listed = await sandbox.sfJson<Limit[]>(['org', 'list', 'limits', '-o', 'local-admin']);
    expect(listed.map((l) => l.name)).toEqual(expect.arrayContaining(['DailyApiRequests', 'DailyBulkApiBatches']));
  }, 60_000);
});

async function passwordToken(url: string, username: string): Promise<string> {
  const response = await fetch(`${url}/services/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'password',
      client_id: 'handover-local',
      client_secret: 'handover-local-secret',
      username,
      password: 'handover',
    }),
  });
  const body = (await response.json()) as { access_token: string };
  return body.access_token;
}
