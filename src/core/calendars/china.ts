/**
 * Public holidays and make-up working days (调休上班) of mainland China.
 *
 * Holidays list every day off of each holiday period, weekends inside it included (harmless: a weekend
 * is not a business day anyway, and the list then reads like the official notice).
 */
import { businessCalendar, type BusinessCalendar } from '../businessDays.js';
import type { IsoDate } from '../model.js';

/** Every date from `first` to `last` inclusive, within one month (enough for holiday periods). */
function days(first: IsoDate, last: IsoDate): IsoDate[] {
  const prefix = first.slice(0, 8);
  if (last.slice(0, 8) !== prefix) throw new Error(`Holiday range must stay within a month: ${first}..${last}`);
  const result: IsoDate[] = [];
  for (let d = Number(first.slice(8)); d <= Number(last.slice(8)); d++)
    result.push(`${prefix}${String(d).padStart(2, '0')}`);
  return result;
}

/**
 * 2026: 国务院办公厅关于2026年部分节假日安排的通知 (published November 2025). Checked day by day
 * against our knowledge of the notice; the weekdays are asserted in the tests.
 */
const CHINA_2026 = {
  holidays: [
    ...days('2026-01-01', '2026-01-03'), // 元旦 New Year
    ...days('2026-02-15', '2026-02-23'), // 春节 Spring Festival (腊月二十八 to 正月初七)
    ...days('2026-04-04', '2026-04-06'), // 清明节 Qingming
    ...days('2026-05-01', '2026-05-05'), // 劳动节 Labour Day
    ...days('2026-06-19', '2026-06-21'), // 端午节 Dragon Boat
    ...days('2026-09-25', '2026-09-27'), // 中秋节 Mid-Autumn
    ...days('2026-10-01', '2026-10-07'), // 国庆节 National Day
  ],
  makeupWorkdays: [
    '2026-01-04', // Sun, after New Year
    '2026-02-14', // Sat, before Spring Festival
    '2026-02-28', // Sat, after Spring Festival
    '2026-05-09', // Sat, after Labour Day
    '2026-09-20', // Sun, before National Day
    '2026-10-10', // Sat, after National Day
  ],
};

/**
 * 2027: PROVISIONAL, our own estimate until the State Council publishes its notice (usually in
 * November of the year before); replace it then. Lunar dates: 除夕 Feb 5, 端午 Jun 9, 中秋 Sep 15.
 * The estimate follows the 2025 rules (除夕 and May 2 became statutory) and recent patterns: Spring
 * Festival about 8 days from 除夕 with two make-up days, a one-day holiday on a Wednesday without
 * 调休, National Day on a Friday like 2021 (make-up Sep 26 and Oct 9). Least certain: the Spring
 * Festival span and its make-up days, and the Labour Day make-up day.
 */
const CHINA_2027_PROVISIONAL = {
  holidays: [
    ...days('2027-01-01', '2027-01-03'), // 元旦 (Fri to Sun)
    ...days('2027-02-05', '2027-02-12'), // 春节 (除夕 Fri to Fri; the weekend after follows)
    ...days('2027-04-03', '2027-04-05'), // 清明节 (Sat to Mon, 清明 on Apr 5)
    ...days('2027-05-01', '2027-05-05'), // 劳动节 (Sat to Wed)
    '2027-06-09', // 端午节 (Wed)
    '2027-09-15', // 中秋节 (Wed)
    ...days('2027-10-01', '2027-10-07'), // 国庆节 (Fri to Thu)
  ],
  makeupWorkdays: [
    '2027-01-31', // Sun, before Spring Festival (estimate)
    '2027-02-20', // Sat, after Spring Festival (estimate)
    '2027-05-08', // Sat, after Labour Day (estimate)
    '2027-09-26', // Sun, before National Day
    '2027-10-09', // Sat, after National Day
  ],
};

export const CHINA_HOLIDAYS: IsoDate[] = [...CHINA_2026.holidays, ...CHINA_2027_PROVISIONAL.holidays];
export const CHINA_MAKEUP_WORKDAYS: IsoDate[] = [
  ...CHINA_2026.makeupWorkdays,
  ...CHINA_2027_PROVISIONAL.makeupWorkdays,
];

/** The official calendar plus the org's own days off (its Holiday records), in the org's zone. */
export function chinaCalendar(zone = 'Asia/Shanghai', extraHolidays: IsoDate[] = []): BusinessCalendar {
  return businessCalendar(zone, [...CHINA_HOLIDAYS, ...extraHolidays], CHINA_MAKEUP_WORKDAYS);
}
