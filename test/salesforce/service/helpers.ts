/** Shared by the service integration tests: users, dates, row counts and refusals against a local org. */
import type jsforce from 'jsforce';
import { addBusinessDays, todayIn } from '../../../src/core/businessDays.js';
import { chinaCalendar } from '../../../src/core/calendars/china.js';
import type { OrgConnection } from '../../../src/salesforce/connection.js';
import { orgCalendarInfo } from '../../../src/salesforce/reads/index.js';
import { HandoverError } from '../../../src/salesforce/service/index.js';
import { startTestOrg, type TestOrg } from '../../helpers/localOrg.js';

/** A demo org with the shipped metadata (Handover__c is Private: its parties see it through Handover__Share). */
export function startHandoverOrg(): Promise<TestOrg> {
  return startTestOrg({ seed: 'demo' });
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
