import { join } from 'node:path';
import { describeSf, sfSandbox, tempDataDir, type RunningOrg, type SfSandbox } from './sf.js';

describeSf('the sf CLI against the local org over HTTPS (--https --sf-aliases)', () => {
  let sandbox: SfSandbox;
  let org: RunningOrg;
  const data = tempDataDir();

  beforeAll(async () => {
    sandbox = sfSandbox();
    org = await sandbox.startOrg(['--data', data.dir, '--seed', 'empty', '--https', '--sf-aliases']);
  }, 120_000);
  afterAll(async () => {
    await sandbox?.cleanup();
    data.remove();
  });

  it('works with NODE_EXTRA_CA_CERTS=<data>/cert.pem, and not without it', async () => {
    expect(org.url).toMatch(/^https:\/\//);
    expect(org.output()).toMatch(/sf aliases: local-admin/);
    const query = ['data', 'query', '-q', 'SELECT Name FROM Organization', '-o', 'local-admin'];
    const trusted = await sandbox.sfJson<{ records: { Name: string }[] }>(query, {
      NODE_EXTRA_CA_CERTS: join(data.dir, 'cert.pem'),
    });
    expect(trusted.records.map((r) => r.Name)).toEqual(['Handover Local Org']);
    const untrusted = await sandbox.sf([...query, '--json']);
    expect(untrusted.status).not.toBe(0);
  }, 60_000);
});
