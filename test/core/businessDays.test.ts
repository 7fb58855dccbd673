import { DateTime } from 'luxon';
import {
  addBusinessDays,
  addCalendarMonths,
  businessCalendar,
  businessDaysBetween,
  isBusinessDay,
  todayIn,
} from '../../src/core/businessDays.js';
import { CHINA_HOLIDAYS, CHINA_MAKEUP_WORKDAYS, chinaCalendar } from '../../src/core/calendars/china.js';

const china = chinaCalendar();
const plain = businessCalendar('UTC', [], []);
const weekday = (date: string): number => DateTime.fromISO(date, { zone: 'UTC' }).weekday;

describe('business calendar', () => {
  it('counts Monday to Friday on a calendar without holidays', () => {
    expect(isBusinessDay(plain, '2026-03-06')).toBe(true); // Fri
    expect(isBusinessDay(plain, '2026-03-07')).toBe(false); // Sat
    expect(addBusinessDays(plain, '2026-03-06', 1)).toBe('2026-03-09');
    expect(addBusinessDays(plain, '2026-03-09', -1)).toBe('2026-03-06');
  });

  it.each([
    ['2026-01-01', false], // New Year
    ['2026-01-02', false], // a Friday inside the New Year holiday
    ['2026-01-04', true], // Sunday make-up working day
    ['2026-01-05', true],
    ['2026-02-13', true],
    ['2026-02-14', true], // Saturday make-up working day
    ['2026-02-17', false], // 春节, a Tuesday
    ['2026-02-23', false], // last day of Spring Festival, a Monday
    ['2026-02-24', true],
    ['2026-02-28', true], // Saturday make-up working day
    ['2026-03-01', false], // an ordinary Sunday
    ['2026-05-09', true],
    ['2026-09-20', true],
    ['2026-10-08', true],
    ['2026-10-10', true],
    ['2026-10-11', false],
  ])('china 2026: %s is a business day: %s', (date, expected) => {
    expect(isBusinessDay(china, date)).toBe(expected);
  });

  it('lets a holiday win over a make-up working day listed on the same date', () => {
    const cal = businessCalendar('Asia/Shanghai', ['2026-02-14'], ['2026-02-14']);
    expect(isBusinessDay(cal, '2026-02-14')).toBe(false);
    expect(isBusinessDay(chinaCalendar('Asia/Shanghai', ['2026-02-14']), '2026-02-14')).toBe(false);
  });

  it('adds the org holidays passed as extra holidays', () => {
    expect(isBusinessDay(chinaCalendar('Asia/Shanghai', ['2026-03-02']), '2026-03-02')).toBe(false);
    expect(isBusinessDay(china, '2026-03-02')).toBe(true);
  });

  it('refuses malformed dates and zones', () => {
    expect(() => isBusinessDay(china, '2026-02-30')).toThrow(RangeError);
    expect(() => isBusinessDay(china, '2026-2-3')).toThrow(RangeError);
    expect(() => businessCalendar('Mars/Olympus', [], [])).toThrow(RangeError);
    expect(() => businessCalendar('UTC', ['tomorrow'], [])).toThrow(RangeError);
    expect(() => addBusinessDays(china, '2026-01-05', 1.5)).toThrow(RangeError);
  });

  it('throws instead of looping when a calendar has no business day at all', () => {
    const allOff = businessCalendar('UTC', [], []);
    const everyDay = new Set<string>();
    for (let d = DateTime.fromISO('2026-01-01', { zone: 'UTC' }); d.year < 2028; d = d.plus({ days: 1 })) {
      everyDay.add(d.toFormat('yyyy-MM-dd'));
    }
    expect(() => addBusinessDays({ ...allOff, holidays: everyDay }, '2026-01-01', 1)).toThrow(/No business day/);
  });
});

describe('addBusinessDays', () => {
  it('crosses the New Year holiday onto the Sunday make-up day', () => {
    expect(addBusinessDays(china, '2025-12-31', 1)).toBe('2026-01-04');
    expect(addBusinessDays(china, '2025-12-31', 2)).toBe('2026-01-05');
    expect(addBusinessDays(china, '2026-01-05', -1)).toBe('2026-01-04');
    expect(addBusinessDays(china, '2026-01-04', -1)).toBe('2025-12-31');
  });

  it('crosses Spring Festival week', () => {
    expect(addBusinessDays(china, '2026-02-13', 1)).toBe('2026-02-14');
    expect(addBusinessDays(china, '2026-02-13', 2)).toBe('2026-02-24');
    expect(addBusinessDays(china, '2026-02-24', -2)).toBe('2026-02-13');
    // Starting inside the holiday: the holiday days themselves never count.
    expect(addBusinessDays(china, '2026-02-17', 1)).toBe('2026-02-24');
    expect(addBusinessDays(china, '2026-02-17', -1)).toBe('2026-02-14');
  });

  it('crosses National Day and its make-up days', () => {
    expect(addBusinessDays(china, '2026-09-18', 1)).toBe('2026-09-20');
    expect(addBusinessDays(china, '2026-09-30', 1)).toBe('2026-10-08');
    expect(addBusinessDays(china, '2026-10-09', 1)).toBe('2026-10-10');
  });

  it('with n = 0 keeps a business day and rolls a day off forward', () => {
    expect(addBusinessDays(china, '2026-02-14', 0)).toBe('2026-02-14');
    expect(addBusinessDays(china, '2026-02-15', 0)).toBe('2026-02-24');
    expect(addBusinessDays(plain, '2026-03-07', 0)).toBe('2026-03-09');
  });

  it('crosses a year end', () => {
    expect(addBusinessDays(plain, '2026-12-31', 1)).toBe('2027-01-01');
    expect(addBusinessDays(china, '2026-12-31', 1)).toBe('2027-01-04'); // provisional 2027 New Year
  });
});

describe('businessDaysBetween', () => {
  it('excludes from and includes to', () => {
    expect(businessDaysBetween(plain, '2026-03-02', '2026-03-06')).toBe(4);
    expect(businessDaysBetween(plain, '2026-03-02', '2026-03-02')).toBe(0);
    expect(businessDaysBetween(plain, '2026-03-06', '2026-03-08')).toBe(0);
  });

  it('counts make-up days and skips holidays', () => {
    expect(businessDaysBetween(china, '2026-02-13', '2026-02-27')).toBe(5); // 14, 24, 25, 26, 27
    expect(businessDaysBetween(china, '2026-04-30', '2026-05-11')).toBe(5); // 6, 7, 8, 9 (Sat), 11
    expect(businessDaysBetween(china, '2025-12-31', '2026-01-09')).toBe(6); // Sunday Jan 4 counts
  });

  it('is negative when to is before from', () => {
    expect(businessDaysBetween(china, '2026-02-24', '2026-02-13')).toBe(-2);
    expect(businessDaysBetween(plain, '2026-03-06', '2026-03-02')).toBe(-4);
  });

  it('is the inverse of addBusinessDays, forwards and backwards, across 2026', () => {
    for (let d = DateTime.fromISO('2026-01-01', { zone: 'UTC' }); d.year === 2026; d = d.plus({ days: 3 })) {
      const from = d.toFormat('yyyy-MM-dd');
      for (const n of [-12, -5, -3, -1, 1, 3, 5, 12]) {
        expect(businessDaysBetween(china, from, addBusinessDays(china, from, n))).toBe(n);
      }
    }
  });
});

describe('todayIn', () => {
  it('takes the calendar date in the given zone', () => {
    const now = new Date('2026-05-01T17:00:00Z');
    expect(todayIn('Asia/Shanghai', now)).toBe('2026-05-02');
    expect(todayIn('UTC', now)).toBe('2026-05-01');
    expect(todayIn('America/Los_Angeles', new Date('2026-05-02T03:00:00Z'))).toBe('2026-05-01');
    expect(() => todayIn('Nowhere/Else', now)).toThrow(RangeError);
  });
});

describe('addCalendarMonths', () => {
  it('clamps to the end of a shorter month', () => {
    expect(addCalendarMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addCalendarMonths('2026-03-31', 1)).toBe('2026-04-30');
    expect(addCalendarMonths('2026-12-15', 1)).toBe('2027-01-15');
  });
});

describe('China calendar data', () => {
  it('lists make-up working days only on weekends, and holidays never twice', () => {
    for (const date of CHINA_MAKEUP_WORKDAYS) expect(weekday(date)).toBeGreaterThanOrEqual(6);
    expect(new Set(CHINA_HOLIDAYS).size).toBe(CHINA_HOLIDAYS.length);
    for (const date of CHINA_MAKEUP_WORKDAYS) expect(CHINA_HOLIDAYS).not.toContain(date);
  });

  it('has the 33 days off of the 2026 notice', () => {
    expect(CHINA_HOLIDAYS.filter((d) => d.startsWith('2026-'))).toHaveLength(3 + 9 + 3 + 5 + 3 + 3 + 7);
    expect(CHINA_MAKEUP_WORKDAYS.filter((d) => d.startsWith('2026-'))).toEqual([
      '2026-01-04',
      '2026-02-14',
      '2026-02-28',
      '2026-05-09',
      '2026-09-20',
      '2026-10-10',
    ]);
  });

  it('gives the 2026 holiday periods the weekdays of the notice', () => {
    const first = (date: string): string => DateTime.fromISO(date, { zone: 'UTC' }).toFormat('ccc');
    expect(
      ['2026-01-01', '2026-02-15', '2026-04-04', '2026-05-01', '2026-06-19', '2026-09-25', '2026-10-01'].map(first),
    ).toEqual(['Thu', 'Sun', 'Sat', 'Fri', 'Fri', 'Fri', 'Thu']);
  });
});
