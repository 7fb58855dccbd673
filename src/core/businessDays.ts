/**
 * Business-day arithmetic with public holidays and make-up working days (调休).
 *
 * A business day is a Monday to Friday that is not a holiday, or a Saturday/Sunday that is a make-up
 * working day. When a date is listed both as a holiday and as a make-up working day, the holiday wins:
 * an org that declares its own day off on a make-up Saturday means that nobody works that day.
 *
 * Dates are calendar dates ("YYYY-MM-DD"): the arithmetic is done in UTC, where every day has 24 hours,
 * so no daylight-saving jump can shift a date. The calendar's zone only decides what "today" is.
 */
import { DateTime, IANAZone } from 'luxon';
import type { IsoDate } from './model.js';

export type BusinessCalendar = {
  /** IANA zone of the org (or the user): used to turn an instant into "today". */
  zone: string;
  holidays: ReadonlySet<IsoDate>;
  makeupWorkdays: ReadonlySet<IsoDate>;
};

/** A calendar with no business day for this many days in a row is a data error, not a long holiday. */
const MAX_CONSECUTIVE_DAYS_OFF = 366;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function parseDate(date: IsoDate): DateTime {
  const parsed = ISO_DATE.test(date) ? DateTime.fromISO(date, { zone: 'UTC' }) : null;
  if (!parsed?.isValid) throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${JSON.stringify(date)}`);
  return parsed;
}

function formatDate(date: DateTime): IsoDate {
  return date.toFormat('yyyy-MM-dd');
}

function assertZone(zone: string): void {
  if (!IANAZone.isValidZone(zone)) throw new RangeError(`Not an IANA time zone: ${JSON.stringify(zone)}`);
}

/** Builds a calendar; throws a RangeError on an unknown zone or a malformed date. */
export function businessCalendar(
  zone: string,
  holidays: readonly IsoDate[],
  makeupWorkdays: readonly IsoDate[],
): BusinessCalendar {
  assertZone(zone);
  // Re-format so that only well-formed dates end up in the sets.
  const normalise = (dates: readonly IsoDate[]): ReadonlySet<IsoDate> =>
    new Set(dates.map((d) => formatDate(parseDate(d))));
  return { zone, holidays: normalise(holidays), makeupWorkdays: normalise(makeupWorkdays) };
}

export function isBusinessDay(cal: BusinessCalendar, date: IsoDate): boolean {
  const day = parseDate(date);
  return isBusinessDayAt(cal, day);
}

function isBusinessDayAt(cal: BusinessCalendar, day: DateTime): boolean {
  const iso = formatDate(day);
  if (cal.holidays.has(iso)) return false;
  if (cal.makeupWorkdays.has(iso)) return true;
  return day.weekday <= 5; // luxon: 1 = Monday ... 7 = Sunday
}

/** The first business day strictly after (step 1) or strictly before (step -1) the given day. */
function nextBusinessDay(cal: BusinessCalendar, from: DateTime, step: 1 | -1): DateTime {
  let day = from;
  for (let i = 0; i < MAX_CONSECUTIVE_DAYS_OFF; i++) {
    day = day.plus({ days: step });
    if (isBusinessDayAt(cal, day)) return day;
  }
  throw new RangeError(`No business day within ${MAX_CONSECUTIVE_DAYS_OFF} days of ${formatDate(from)}`);
}

/**
 * The n-th business day after `date` (n > 0) or before it (n < 0); the days are counted from the day
 * after (before) `date`, so `date` itself never counts, whether it is a business day or not.
 * n = 0 returns `date` when it is a business day, else the next business day ("roll forward"), which
 * is what a deadline that falls on a day off needs.
 */
export function addBusinessDays(cal: BusinessCalendar, date: IsoDate, n: number): IsoDate {
  if (!Number.isInteger(n)) throw new RangeError(`Business days must be a whole number, got ${n}`);
  let day = parseDate(date);
  if (n === 0) return isBusinessDayAt(cal, day) ? formatDate(day) : formatDate(nextBusinessDay(cal, day, 1));
  const step = n > 0 ? 1 : -1;
  for (let i = 0; i < Math.abs(n); i++) day = nextBusinessDay(cal, day, step);
  return formatDate(day);
}

/**
 * The number of business days d with from < d <= to; when to < from, minus the number of business
 * days d with to <= d < from. So it is the inverse of addBusinessDays: for any n and any `from`,
 * businessDaysBetween(cal, from, addBusinessDays(cal, from, n)) === n (n != 0).
 */
export function businessDaysBetween(cal: BusinessCalendar, from: IsoDate, to: IsoDate): number {
  const start = parseDate(from);
  const end = parseDate(to);
  if (end < start) return -countBusinessDays(cal, end, start.minus({ days: 1 }));
  return countBusinessDays(cal, start.plus({ days: 1 }), end);
}

/** Business days in the closed range [first, last]. */
function countBusinessDays(cal: BusinessCalendar, first: DateTime, last: DateTime): number {
  let count = 0;
  for (let day = first; day <= last; day = day.plus({ days: 1 })) if (isBusinessDayAt(cal, day)) count++;
  return count;
}

/** The calendar date of the instant `now` in `zone`: 2026-05-01T17:00Z is already May 2 in Shanghai. */
export function todayIn(zone: string, now: Date): IsoDate {
  assertZone(zone);
  const local = DateTime.fromJSDate(now, { zone });
  if (!local.isValid) throw new RangeError('Not a valid instant');
  return formatDate(local);
}

/** `date` plus whole calendar months; a day past the end of the month is clamped (Jan 31 + 1 = Feb 28). */
export function addCalendarMonths(date: IsoDate, months: number): IsoDate {
  return formatDate(parseDate(date).plus({ months }));
}
