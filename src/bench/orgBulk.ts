import type jsforce from 'jsforce';
import type { LocalOrg } from '../org/localOrg.js';
import { result, timed, type BenchResult } from './measure.js';

/** Contacts per account in the data set (children of one account share its lock within a batch). */
const CONTACTS_PER_ACCOUNT = 20;

/**
 * Bulk API 2.0 ingest speed: owner-updates `records` existing contacts (loaded straight into SQLite)
 * with one jsforce `bulk2.loadAndWaitForResults` job: CSV upload, background processing in
 * 10,000-record batches with locks, polling and the three result files. Target: 20,000+ rows/s.
 */
export async function benchBulkIngest(
  org: LocalOrg,
  conn: jsforce.Connection,
  records = 100_000,
): Promise<BenchResult> {
  const actor = { userId: conn.userInfo!.id };
  const contactIds = org.store.transaction(() => {
    const accounts = org.store.insertTrusted(
      'Account',
      Array.from({ length: Math.ceil(records / CONTACTS_PER_ACCOUNT) }, (_, i) => ({ Name: `Bulk bench ${i}` })),
      actor,
    );
    return org.store.insertTrusted(
      'Contact',
      Array.from({ length: records }, (_, i) => ({
        LastName: `Bulk ${i}`,
        AccountId: accounts[Math.floor(i / CONTACTS_PER_ACCOUNT)]!,
      })),
      actor,
    );
  });
  const successor = await newOwner(conn);
  const csv = `Id,OwnerId\n${contactIds.map((id) => `${id},${successor}`).join('\n')}\n`;

  const before = org.usage.used();
  const run = await timed(() =>
    conn.bulk2.loadAndWaitForResults({
      object: 'Contact',
      operation: 'update',
      input: csv,
      pollInterval: 50,
      pollTimeout: 600_000,
    }),
  );
  const apiCalls = org.usage.used() - before;
  const { successfulResults, failedResults } = run.value;
  return result('bulk2 ingest owner update (jsforce)', records, apiCalls, run.wallMs, {
    succeeded: successfulResults.length,
    failed: failedResults.length,
    targetRowsPerSecond: 20_000,
  });
}

/** An active standard user to hand the contacts to. */
async function newOwner(conn: jsforce.Connection): Promise<string> {
  const profile = await conn.query<{ Id: string }>("SELECT Id FROM Profile WHERE Name = 'Standard User' LIMIT 1");
  const username = `bulk.successor.${Date.now()}@handover.local`;
  const created = await conn.sobject('User').create({
    Username: username,
    LastName: 'Successor',
    Alias: 'succ',
    Email: username,
    ProfileId: profile.records[0]?.Id,
    LocaleSidKey: 'en_US',
    LanguageLocaleKey: 'en_US',
    EmailEncodingKey: 'UTF-8',
    TimeZoneSidKey: 'Asia/Shanghai',
  });
  if (!created.success) throw new Error(`Could not create the bench successor: ${JSON.stringify(created)}`);
  return created.id;
}
