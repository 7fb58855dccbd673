/** Shared by the service integration tests: users, dates, row counts and refusals against a local org. */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type jsforce from 'jsforce';
import { loadSchema } from '../../../src/org/schema/metadata.js';
import { addBusinessDays, todayIn } from '../../../src/core/businessDays.js';
import { chinaCalendar } from '../../../src/core/calendars/china.js';
import type { OrgConnection } from '../../../src/salesforce/connection.js';
import { orgCalendarInfo } from '../../../src/salesforce/reads/index.js';
import { HandoverError } from '../../../src/salesforce/service/index.js';
import { startTestOrg, type TestOrg } from '../../helpers/localOrg.js';

const OBJECTS = join(process.cwd(), 'force-app/main/default/objects');

/** Whether the local org gives custom objects their __Share object (the product shares handovers with it). */
export const ORG_SHARES_CUSTOM_OBJECTS = loadSchema(OBJECTS).object('Handover__Share') !== undefined;

/**
 * A demo org for the lifecycle tests. The local org has no Handover__Share yet (reported): without
 * it the parties of a Private handover cannot see it, so until it does the tests run on a copy of the
 * metadata whose Handover__c and Handover_Event__c are Read/Write (the product's checks still refuse
 * non-parties). With share support, the shipped metadata is used as is.
 */
export async function startHandoverOrg(): Promise<TestOrg> {
  if (ORG_SHARES_CUSTOM_OBJECTS) return startTestOrg({ seed: 'demo' });
  const dir = mkdtempSync(join(tmpdir(), 'handover-objects-'));
  cpSync(OBJECTS, dir, { recursive: true });
  for (const object of ['Handover__c', 'Handover_Event__c']) {
    const file = join(dir, object, `${object}.object-meta.xml`);
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace(
        /<sharingModel>Private<\/sharingModel>/,
        '<sharingModel>ReadWrite</sharingModel>',
      ),
    );
  }
  return startTestOrg({ seed: 'demo', objectsDir: dir });
}

export const USERS = {
  manager: 'manager@handover.local',
  departing: 'departing@handover.local',
  successor1: 'successor1@handover.local',
  successor2: 'successor2@handover.local',
  successor3: 'successor3@handover.local',
  lina: 'lina@handover.local',
  frozen: 'huangjie@handover.local',
  inactive: 'wutao@handover.local',
  director: 'director@handover.local',
} as const;

/** jsforce's Connection is an OrgConnection as it is (structurally): this only says so. */
export function asOrg(conn: jsforce.Connection): OrgConnection {
  return conn;
}

export async function userId(admin: jsforce.Connection, username: string): Promise<string> {
  const result = await admin.query<{ Id: string }>(`SELECT Id FROM User WHERE Username = '${username}'`);
  const id = result.records[0]?.Id;
  if (id === undefined) throw new Error(`no user ${username}`);
  return id;
}

/** Today in the org's zone and a day `n` business days later (China calendar plus the org's holidays). */
export async function businessDaysFromToday(
  admin: jsforce.Connection,
  n: number,
): Promise<{ today: string; day: string }> {
  const info = await orgCalendarInfo(asOrg(admin));
  const today = todayIn(info.timeZone, new Date());
  return { today, day: addBusinessDays(chinaCalendar(info.timeZone, info.holidays), today, n) };
}

export const HANDOVER_TABLES = [
  'Handover__c',
  'Handover_Item__c',
  'Handover_Contact__c',
  'Handover_Signature__c',
  'Handover_Event__c',
] as const;

/** Rows of every handover object (as the admin, who sees all). */
export async function handoverRowCounts(admin: jsforce.Connection): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of HANDOVER_TABLES) counts[table] = (await admin.query(`SELECT COUNT() FROM ${table}`)).totalSize;
  return counts;
}

/** The error a refused call throws (fails the test when the call succeeds or throws something else). */
export async function refusal(promise: Promise<unknown>): Promise<HandoverError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof HandoverError) return error;
    throw error;
  }
  throw new Error('expected a HandoverError');
}
