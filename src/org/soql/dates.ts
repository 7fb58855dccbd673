import { DateTime, type DurationLikeObject } from 'luxon';
import { malformed } from './errors.js';

/** A range of whole local days: [start, end). */
export type DayRange = { start: DateTime; end: DateTime };

type Unit = 'day' | 'week' | 'month' | 'quarter' | 'year';

const FIXED: Record<string, { unit: Unit; shift: number }> = {
  YESTERDAY: { unit: 'day', shift: -1 },
  TODAY: { unit: 'day', shift: 0 },
  TOMORROW: { unit: 'day', shift: 1 },
  LAST_WEEK: { unit: 'week', shift: -1 },
  THIS_WEEK: { unit: 'week', shift: 0 },
  NEXT_WEEK: { unit: 'week', shift: 1 },
  LAST_MONTH: { unit: 'month', shift: -1 },
  THIS_MONTH: { unit: 'month', shift: 0 },
  NEXT_MONTH: { unit: 'month', shift: 1 },
  LAST_QUARTER: { unit: 'quarter', shift: -1 },
  THIS_QUARTER: { unit: 'quarter', shift: 0 },
  NEXT_QUARTER: { unit: 'quarter', shift: 1 },
  LAST_YEAR: { unit: 'year', shift: -1 },
  THIS_YEAR: { unit: 'year', shift: 0 },
  NEXT_YEAR: { unit: 'year', shift: 1 },
  // The local org's fiscal year is the calendar year.
  LAST_FISCAL_QUARTER: { unit: 'quarter', shift: -1 },
  THIS_FISCAL_QUARTER: { unit: 'quarter', shift: 0 },
  NEXT_FISCAL_QUARTER: { unit: 'quarter', shift: 1 },
  LAST_FISCAL_YEAR: { unit: 'year', shift: -1 },
  THIS_FISCAL_YEAR: { unit: 'year', shift: 0 },
  NEXT_FISCAL_YEAR: { unit: 'year', shift: 1 },
};

const N_UNITS: Record<string, Unit> = {
  DAYS: 'day',
  WEEKS: 'week',
  MONTHS: 'month',
  QUARTERS: 'quarter',
  YEARS: 'year',
  FISCAL_QUARTERS: 'quarter',
  FISCAL_YEARS: 'year',
};

/** The local days a date literal (`TODAY`, `LAST_N_DAYS:7`, ...) covers at `now` in `timeZone`. */
export function dateLiteralRange(literal: string, now: Date, timeZone: string): DayRange {
  const today = localToday(now, timeZone);
  const name = literal.toUpperCase();
  const range = fixedRange(name, today) ?? nRange(name, today);
  if (!range?.start.isValid || !range.end.isValid) throw malformed(`Invalid date literal: ${literal}`);
  return range;
}

function localToday(now: Date, timeZone: string): DateTime {
  const zoned = DateTime.fromJSDate(now).setZone(timeZone);
  return (zoned.isValid ? zoned : DateTime.fromJSDate(now).toUTC()).startOf('day');
}

function fixedRange(name: string, today: DateTime): DayRange | undefined {
  if (name === 'LAST_90_DAYS') return { start: today.minus({ days: 90 }), end: today.plus({ days: 1 }) };
  if (name === 'NEXT_90_DAYS') return { start: today.plus({ days: 1 }), end: today.plus({ days: 91 }) };
  const fixed = FIXED[name];
  if (!fixed) return undefined;
  const start = periodStart(today, fixed.unit).plus(step(fixed.unit, fixed.shift));
  return { start, end: start.plus(step(fixed.unit, 1)) };
}

/** LAST_N_DAYS:n includes today; LAST_N_WEEKS:n and longer end with the previous whole period. */
function nRange(name: string, today: DateTime): DayRange | undefined {
  const m = /^(LAST_N|NEXT_N|N)_([A-Z_]+?)(_AGO)?:(\d+)$/.exec(name);
  const unit = m ? N_UNITS[m[2] ?? ''] : undefined;
  if (!m || !unit || (m[1] === 'N') !== (m[3] === '_AGO')) return undefined;
  const n = Number(m[4]);
  if (!Number.isSafeInteger(n) || n > 100000) throw malformed(`Invalid date literal: ${name}`);
  const current = periodStart(today, unit);
  switch (m[1]) {
    case 'LAST_N':
      return unit === 'day'
        ? { start: today.minus({ days: n }), end: today.plus({ days: 1 }) }
        : { start: current.minus(step(unit, n)), end: current };
    case 'NEXT_N': {
      const start = current.plus(step(unit, 1));
      return { start, end: start.plus(step(unit, n)) };
    }
    default: {
      const start = current.minus(step(unit, n));
      return { start, end: start.plus(step(unit, 1)) };
    }
  }
}

/** Weeks start on Sunday, as in the en_US locale. */
function periodStart(today: DateTime, unit: Unit): DateTime {
  if (unit === 'day') return today;
  if (unit === 'week') return today.minus({ days: today.weekday % 7 });
  return today.startOf(unit);
}

function step(unit: Unit, count: number): DurationLikeObject {
  return unit === 'quarter' ? { months: 3 * count } : { [`${unit}s`]: count };
}

/** The stored form of a day boundary for date columns ("2024-05-01") and datetime columns (UTC ISO). */
export function asDate(boundary: DateTime): string {
  return boundary.toISODate() ?? '';
}

export function asDateTime(boundary: DateTime): string {
  return new Date(boundary.toMillis()).toISOString();
}
