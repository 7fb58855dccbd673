/** Who the departing user is (with their frozen flag), and the org's calendar. */
import { DateTime } from 'luxon';
import type { IsoDate, UserRow } from '../../core/model.js';
import type { OrgConnection } from '../connection.js';
import { soqlId, soqlString } from '../soql.js';
import { CountedApi, eachPage, errorCodeOf } from './api.js';
import { HOLIDAY, ORGANIZATION, USER, USER_LOGIN, toUser } from './rows.js';

const USER_ID = /^005[a-zA-Z0-9]{12}(?:[a-zA-Z0-9]{3})?$/;

/** Errors that mean "this user may not read UserLogin": the frozen flag is then unknown, not an error. */
const NO_ACCESS = new Set(['INVALID_TYPE', 'INVALID_FIELD', 'INSUFFICIENT_ACCESS', 'INSUFFICIENT_ACCESS_OR_READONLY']);

/** A user by Id or username, with IsFrozen from UserLogin when the caller may read it; undefined when none. */
export async function resolveUser(conn: OrgConnection, usernameOrId: string): Promise<UserRow | undefined> {
  return resolveUserWith(new CountedApi(conn), usernameOrId);
}

/** Counts rows read per object (for the read's statistics and progress). */
export type Tally = (object: string, rows: number) => void;

const NO_TALLY: Tally = () => undefined;

/** resolveUser on a counted connection: the User and UserLogin queries go out together (2 calls). */
export async function resolveUserWith(
  api: CountedApi,
  usernameOrId: string,
  tally: Tally = NO_TALLY,
): Promise<UserRow | undefined> {
  const value = usernameOrId.trim();
  const isId = USER_ID.test(value);
  const userWhere = isId ? `Id = ${soqlId(value)}` : `Username = ${soqlString(value)}`;
  const loginWhere = isId ? `UserId = ${soqlId(value)}` : `UserId IN (SELECT Id FROM User WHERE ${userWhere})`;
  const [users, frozen] = await Promise.all([
    api.query(`SELECT ${USER.fields.join(', ')} FROM User WHERE ${userWhere}`, 'User'),
    frozenFlag(api, `SELECT UserId, IsFrozen FROM UserLogin WHERE ${loginWhere}`, tally),
  ]);
  tally(USER.object, users.records.length);
  const first = users.records[0];
  return first === undefined ? undefined : toUser(USER.parse(first), frozen);
}

async function frozenFlag(api: CountedApi, soql: string, tally: Tally): Promise<boolean | undefined> {
  try {
    const page = await api.query(soql, 'UserLogin');
    tally(USER_LOGIN.object, page.records.length);
    const first = page.records[0];
    return first === undefined ? undefined : USER_LOGIN.parse(first).IsFrozen;
  } catch (error) {
    if (NO_ACCESS.has(errorCodeOf(error) ?? '')) return undefined;
    throw error;
  }
}

export type OrgCalendarInfo = {
  /** Organization.TimeZoneSidKey. */
  timeZone: string;
  /** Days of all-day Holiday rows in this and next year (org time), sorted, without duplicates. */
  holidays: IsoDate[];
};

/** The org's time zone and its holidays for this and next year (2 calls, sent together). */
export async function orgCalendarInfo(conn: OrgConnection): Promise<OrgCalendarInfo> {
  const api = new CountedApi(conn);
  const days = new Set<IsoDate>();
  const [timeZone] = await Promise.all([
    orgTimeZone(api),
    eachPage(
      api,
      // Date literals are the org's own "this year" and "next year", in its time zone.
      `SELECT ${HOLIDAY.fields.join(', ')} FROM Holiday WHERE ActivityDate = THIS_YEAR OR ActivityDate = NEXT_YEAR`,
      HOLIDAY.object,
      (records) => {
        for (const record of records) {
          const row = HOLIDAY.parse(record);
          // A partial-day holiday is still a working day.
          if (row.ActivityDate !== null && row.IsAllDay !== false) days.add(row.ActivityDate.slice(0, 10));
        }
      },
    ),
  ]);
  return { timeZone, holidays: [...days].sort() };
}

/** Organization.TimeZoneSidKey (1 call); GMT when the org does not say. */
export async function orgTimeZone(api: CountedApi, tally: Tally = NO_TALLY): Promise<string> {
  const page = await api.query('SELECT TimeZoneSidKey FROM Organization', ORGANIZATION.object);
  tally(ORGANIZATION.object, page.records.length);
  const first = page.records[0];
  return (first === undefined ? null : ORGANIZATION.parse(first).TimeZoneSidKey) ?? 'GMT';
}

/** Today's date in a time zone (UTC when the zone is unknown). */
export function todayIn(timeZone: string, now: Date = new Date()): IsoDate {
  const local = DateTime.fromJSDate(now, { zone: timeZone });
  return (
    (local.isValid ? local : DateTime.fromJSDate(now, { zone: 'UTC' })).toISODate() ?? now.toISOString().slice(0, 10)
  );
}
