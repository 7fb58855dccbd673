import { TestOrg } from './fixture.js';

/**
 * "Now" is 2024-05-15T05:00Z, which in Los Angeles (UTC-7 in May) is Tuesday 2024-05-14 22:00:
 * TODAY is the 14th there, the week runs Sunday 12th to Saturday 18th, the quarter is April to June.
 */
const options = { timeZone: 'America/Los_Angeles', now: new Date('2024-05-15T05:00:00Z') };

const DATES = [
  '2023-12-31',
  '2024-01-01',
  '2024-02-13',
  '2024-02-14',
  '2024-03-31',
  '2024-04-01',
  '2024-04-30',
  '2024-05-01',
  '2024-05-05',
  '2024-05-07',
  '2024-05-11',
  '2024-05-12',
  '2024-05-13',
  '2024-05-14',
  '2024-05-15',
  '2024-05-18',
  '2024-05-19',
  '2024-05-25',
  '2024-05-26',
  '2024-06-01',
  '2024-06-30',
  '2024-07-01',
  '2024-08-12',
  '2024-08-13',
  '2024-12-31',
  '2025-01-01',
];
const MAY = [
  '2024-05-01',
  '2024-05-05',
  '2024-05-07',
  '2024-05-11',
  '2024-05-12',
  '2024-05-13',
  '2024-05-14',
  '2024-05-15',
];
const LATE_MAY = ['2024-05-18', '2024-05-19', '2024-05-25', '2024-05-26'];

/** Instants around Los Angeles day boundaries (local midnight of the 14th is 07:00Z). */
const INSTANTS: Record<string, string> = {
  lastWeekSaturdayNight: '2024-05-12T06:00:00.000Z',
  sundayMidnight: '2024-05-12T07:00:00.000Z',
  yesterdayLastMs: '2024-05-14T06:59:59.999Z',
  todayFirstMs: '2024-05-14T07:00:00.000Z',
  todayLastSecond: '2024-05-15T06:59:59.000Z',
  tomorrowFirstMs: '2024-05-15T07:00:00.000Z',
};

describe('SOQL relative date literals', () => {
  const org = new TestOrg();
  const closeDates = (where: string): unknown[] =>
    org.column(`SELECT CloseDate FROM Opportunity WHERE ${where} ORDER BY CloseDate`, 'CloseDate', options);
  const created = (where: string): unknown[] =>
    org.column(`SELECT Name FROM Account WHERE ${where} ORDER BY CreatedDate`, 'Name', options);

  beforeAll(() => {
    for (const date of DATES) org.insert('Opportunity', { Name: date, CloseDate: date });
    org.insert('Opportunity', { Name: 'no date', CloseDate: null });
    for (const [name, instant] of Object.entries(INSTANTS)) org.insert('Account', { Name: name, CreatedDate: instant });
  });

  it.each([
    ['YESTERDAY', ['2024-05-13']],
    ['TODAY', ['2024-05-14']],
    ['TOMORROW', ['2024-05-15']],
    ['THIS_WEEK', ['2024-05-12', '2024-05-13', '2024-05-14', '2024-05-15', '2024-05-18']],
    ['LAST_WEEK', ['2024-05-05', '2024-05-07', '2024-05-11']],
    ['NEXT_WEEK', ['2024-05-19', '2024-05-25']],
    ['THIS_MONTH', [...MAY, ...LATE_MAY]],
    ['LAST_MONTH', ['2024-04-01', '2024-04-30']],
    ['NEXT_MONTH', ['2024-06-01', '2024-06-30']],
    ['THIS_QUARTER', ['2024-04-01', '2024-04-30', ...MAY, ...LATE_MAY, '2024-06-01', '2024-06-30']],
    ['LAST_QUARTER', ['2024-01-01', '2024-02-13', '2024-02-14', '2024-03-31']],
    ['NEXT_QUARTER', ['2024-07-01', '2024-08-12', '2024-08-13']],
    ['THIS_YEAR', DATES.filter((d) => d.startsWith('2024'))],
    ['LAST_YEAR', ['2023-12-31']],
    ['NEXT_YEAR', ['2025-01-01']],
    ['LAST_N_DAYS:7', ['2024-05-07', '2024-05-11', '2024-05-12', '2024-05-13', '2024-05-14']],
    ['NEXT_N_DAYS:7', ['2024-05-15', '2024-05-18', '2024-05-19']],
    ['N_DAYS_AGO:9', ['2024-05-05']],
    ['LAST_90_DAYS', ['2024-02-14', '2024-03-31', '2024-04-01', '2024-04-30', ...MAY.slice(0, -1)]],
    ['NEXT_90_DAYS', ['2024-05-15', ...LATE_MAY, '2024-06-01', '2024-06-30', '2024-07-01', '2024-08-12']],
    ['LAST_N_MONTHS:2', ['2024-03-31', '2024-04-01', '2024-04-30']],
    ['NEXT_N_WEEKS:1', ['2024-05-19', '2024-05-25']],
    ['N_WEEKS_AGO:1', ['2024-05-05', '2024-05-07', '2024-05-11']],
    ['LAST_N_YEARS:1', ['2023-12-31']],
    ['THIS_FISCAL_QUARTER', ['2024-04-01', '2024-04-30', ...MAY, ...LATE_MAY, '2024-06-01', '2024-06-30']],
  ])('CloseDate = %s', (literal, expected) => {
    expect(closeDates(`CloseDate = ${literal}`)).toEqual(expected);
  });

  it('compares before the start, after the end and outside the range', () => {
    expect(closeDates('CloseDate < THIS_WEEK')).toEqual(DATES.filter((d) => d < '2024-05-12'));
    expect(closeDates('CloseDate > THIS_WEEK')).toEqual(DATES.filter((d) => d > '2024-05-18'));
    expect(closeDates('CloseDate <= TODAY')).toEqual(DATES.filter((d) => d <= '2024-05-14'));
    expect(closeDates('CloseDate >= TOMORROW')).toEqual(DATES.filter((d) => d >= '2024-05-15'));
    expect(closeDates('CloseDate != THIS_YEAR')).toEqual([null, '2023-12-31', '2025-01-01']);
    expect(closeDates('CloseDate IN (YESTERDAY, TOMORROW, 2024-01-01)')).toEqual([
      '2024-01-01',
      '2024-05-13',
      '2024-05-15',
    ]);
    expect(closeDates('CloseDate NOT IN (THIS_YEAR)')).toEqual([null, '2023-12-31', '2025-01-01']);
  });

  it('compares datetime fields to the UTC instants of local day boundaries', () => {
    expect(created('CreatedDate = TODAY')).toEqual(['todayFirstMs', 'todayLastSecond']);
    expect(created('CreatedDate = YESTERDAY')).toEqual(['yesterdayLastMs']);
    expect(created('CreatedDate = TOMORROW')).toEqual(['tomorrowFirstMs']);
    expect(created('CreatedDate = THIS_WEEK')).toEqual([
      'sundayMidnight',
      'yesterdayLastMs',
      'todayFirstMs',
      'todayLastSecond',
      'tomorrowFirstMs',
    ]);
    expect(created('CreatedDate = LAST_WEEK')).toEqual(['lastWeekSaturdayNight']);
    expect(created('CreatedDate < TODAY')).toEqual(['lastWeekSaturdayNight', 'sundayMidnight', 'yesterdayLastMs']);
    expect(created('CreatedDate > TODAY')).toEqual(['tomorrowFirstMs']);
    expect(created('CreatedDate = LAST_N_DAYS:1')).toEqual(['yesterdayLastMs', 'todayFirstMs', 'todayLastSecond']);
  });

  it('uses UTC days when the zone is UTC', () => {
    const utc = { timeZone: 'UTC', now: new Date('2024-05-15T05:00:00Z') };
    expect(org.column('SELECT CloseDate FROM Opportunity WHERE CloseDate = TODAY', 'CloseDate', utc)).toEqual([
      '2024-05-15',
    ]);
    expect(org.column('SELECT Name FROM Account WHERE CreatedDate = TODAY ORDER BY CreatedDate', 'Name', utc)).toEqual([
      'todayLastSecond',
      'tomorrowFirstMs',
    ]);
  });
});
