import { DateTime, IANAZone } from 'luxon';
import type { IsoDate } from '../model.js';

const DAY_MS = 86_400_000;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Calendar arithmetic in the org's zone. Instants become days with the zone's offset, cached per UTC
 * day: luxon costs ~10 µs per offset, far too slow for 100,000 rows, and an offset only changes on the
 * rare days that have a transition (those are computed per instant).
 */
export type Clock = {
  today: IsoDate;
  zone: string;
  /** The calendar day of a date or an instant in the zone; null when the value is missing or unreadable. */
  dayOf(value: string | null | undefined): IsoDate | null;
  addDays(day: IsoDate, days: number): IsoDate;
  addMonths(day: IsoDate, months: number): IsoDate;
  /** Whole days from `from` to `to`: positive when `to` is later. */
  daysBetween(from: IsoDate, to: IsoDate): number;
};

export function makeClock(today: IsoDate, timeZone: string): Clock {
  // A zone the runtime does not know must not break the build: the day arithmetic falls back to UTC.
  const zoneName = IANAZone.isValidZone(timeZone) ? timeZone : 'UTC';
  const zone = IANAZone.create(zoneName);
  const todayDay = parseDay(today);
  if (todayDay === null) throw new Error(`snapshot.today is not an ISO date: ${String(today).slice(0, 40)}`);
  const offsetByUtcDay = new Map<number, number | null>();
  const dayText = new Map<number, IsoDate>();

  const offsetAt = (ms: number): number => {
    const utcDay = Math.floor(ms / DAY_MS);
    let offset = offsetByUtcDay.get(utcDay);
    if (offset === undefined) {
      const start = zone.offset(utcDay * DAY_MS);
      offset = start === zone.offset((utcDay + 1) * DAY_MS - 1) ? start : null; // null: a transition day
      offsetByUtcDay.set(utcDay, offset);
    }
    return offset ?? zone.offset(ms);
  };

  return {
    today: todayDay,
    zone: zoneName,
    dayOf(value) {
      if (value === null || value === undefined || value === '') return null;
      if (DATE_ONLY.test(value)) return parseDay(value);
      let ms = Date.parse(value);
      if (Number.isNaN(ms)) {
        const parsed = DateTime.fromISO(value, { zone: 'UTC' });
        if (!parsed.isValid) return null;
        ms = parsed.toMillis();
      }
      return formatDay(ms + offsetAt(ms) * 60_000, dayText);
    },
    addDays: (day, days) => formatDay(epochMs(day) + days * DAY_MS, dayText),
    addMonths: (day, months) => DateTime.fromISO(day, { zone: zoneName }).plus({ months }).toISODate() ?? day,
    daysBetween: (from, to) => Math.round((epochMs(to) - epochMs(from)) / DAY_MS),
  };
}

/** A valid "YYYY-MM-DD" (a longer ISO string is cut to its date), else null. Checked by hand: this runs per row. */
function parseDay(value: string): IsoDate | null {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(value)) return null;
  const year = Number(value.slice(0, 4));
  const month = Number(value.slice(5, 7));
  const date = Number(value.slice(8, 10));
  if (month < 1 || month > 12 || date < 1 || date > daysInMonth(year, month)) return null;
  return value.length === 10 ? value : value.slice(0, 10);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function epochMs(day: IsoDate): number {
  return Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)));
}

/** A day key (days since 1970) as "YYYY-MM-DD", memoised in `cache`: formatting a Date is slow next to a lookup. */
function formatDay(ms: number, cache: Map<number, IsoDate>): IsoDate {
  const key = Math.floor(ms / DAY_MS);
  let text = cache.get(key);
  if (text === undefined) {
    text = new Date(key * DAY_MS).toISOString().slice(0, 10);
    cache.set(key, text);
  }
  return text;
}

/** The later of two optional days (ISO days compare as text). */
export function laterDay(a: IsoDate | null, b: IsoDate | null): IsoDate | null {
  if (a === null) return b;
  if (b === null) return a;
  return b > a ? b : a;
}
