import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type jsforce from 'jsforce';
import { adminConnection, describeSf, sfSandbox, tempDataDir, type RunningOrg, type SfSandbox } from './sf.js';

type BulkResult = {
  jobId: string;
  processedRecords?: number;
  successfulRecords?: number;
  failedRecords?: number;
};

describeSf('sf data import bulk / update bulk (Bulk API 2.0) against the local org', () => {
  let sandbox: SfSandbox;
  let org: RunningOrg;
  let admin: jsforce.Connection;
  const data = tempDataDir();

  beforeAll(async () => {
    sandbox = sfSandbox();
    org = await sandbox.startOrg(['--data', data.dir, '--seed', 'empty', '--sf-aliases']);
    admin = await adminConnection(org.url);
  }, 120_000);
  afterAll(async () => {
    await sandbox?.cleanup();
    data.remove();
  });

  it('imports accounts from a CSV, then updates them by Id', async () => {
    const importFile = join(sandbox.home, 'accounts.csv');
    writeFileSync(
      importFile,
      [
        'Name,Industry,AnnualRevenue',
        '"Bulk One, Ltd",Machinery,1000000',
        'Bulk Two,Energy,',
        'Bulk Three,Retail,250',
      ].join('\n') + '\n',
    );
    const imported = await sandbox.sfJson<BulkResult>([
      'data',
      'import',
      'bulk',
      '--file',
      importFile,
      '--sobject',
      'Account',
      '--wait',
      '2',
      '-o',
      'local-admin',
    ]);
    expect(imported).toMatchObject({ processedRecords: 3, successfulRecords: 3, failedRecords: 0 });
    expect(imported.jobId).toMatch(/^750/);
    const rows = await admin.query<{ Id: string; Name: string; Industry: string; AnnualRevenue: number | null }>(
      `SELECT Id, Name, Industry, AnnualRevenue FROM Account WHERE Name LIKE 'Bulk %' ORDER BY Name`,
    );
    expect(rows.records.map((r) => [r.Name, r.Industry, r.AnnualRevenue])).toEqual([
      ['Bulk One, Ltd', 'Machinery', 1000000],
      ['Bulk Three', 'Retail', 250],
      ['Bulk Two', 'Energy', null],
    ]);

    const updateFile = join(sandbox.home, 'update.csv');
    writeFileSync(updateFile, ['Id,Rating', ...rows.records.map((r) => `${r.Id},Hot`)].join('\n') + '\n');
    const updated = await sandbox.sfJson<BulkResult>([
      'data',
      'update',
      'bulk',
      '--file',
      updateFile,
      '--sobject',
      'Account',
      '--wait',
      '2',
      '-o',
      'local-admin',
    ]);
    expect(updated).toMatchObject({ processedRecords: 3, successfulRecords: 3, failedRecords: 0 });
    const hot = await admin.query(`SELECT Id FROM Account WHERE Name LIKE 'Bulk %' AND Rating = 'Hot'`);
    expect(hot.totalSize).toBe(3);
  }, 120_000);
});
