import { businessCalendar, todayIn } from '../../src/core/businessDays.js';
import { chinaCalendar } from '../../src/core/calendars/china.js';
import { handoverDeadlines } from '../../src/core/deadlines.js';

const china = chinaCalendar();

describe('handoverDeadlines', () => {
  it('computes every deadline for an ordinary January handover', () => {
    expect(handoverDeadlines(china, { today: '2026-01-05', lastWorkingDay: '2026-01-16' })).toEqual({
      businessDaysUntilLastDay: 9,
      lastDayInPast: false,
      startWarning: 'none',
      recommendedStartBy: '2026-01-09',
      latestStartBy: '2026-01-13',
      reviewDue: '2026-01-08',
      contactKeyCustomers: null,
      // Feb 16 falls in Spring Festival: the transition ends on the first business day after it.
      transitionEnd: '2026-02-24',
    });
  });

  it('counts the Sunday make-up day of New Year', () => {
    const d = handoverDeadlines(china, { today: '2025-12-31', lastWorkingDay: '2026-01-09' });
    expect(d.businessDaysUntilLastDay).toBe(6);
    expect(d.recommendedStartBy).toBe('2026-01-04');
    expect(d.startWarning).toBe('none');
  });

  it('handles Spring Festival week and its Saturday make-up day', () => {
    const d = handoverDeadlines(china, {
      today: '2026-02-12',
      lastWorkingDay: '2026-02-27',
      receivedOn: '2026-02-12',
      reassignedOn: '2026-02-13',
    });
    expect(d.businessDaysUntilLastDay).toBe(6);
    expect(d.recommendedStartBy).toBe('2026-02-13');
    expect(d.latestStartBy).toBe('2026-02-24');
    expect(d.reviewDue).toBe('2026-02-24');
    expect(d.contactKeyCustomers).toEqual({ earliest: '2026-02-14', latest: '2026-02-25' });
    expect(d.transitionEnd).toBe('2026-03-27');
  });

  it.each([
    ['2026-01-09', 5, 'none'],
    ['2026-01-12', 4, 'tight'],
    ['2026-01-13', 3, 'tight'],
    ['2026-01-14', 2, 'late'],
    ['2026-01-16', 0, 'late'],
    ['2026-01-19', -1, 'late'],
  ] as const)('today %s: %i business days left, warning %s', (today, left, warning) => {
    const d = handoverDeadlines(china, { today, lastWorkingDay: '2026-01-16' });
    expect(d.businessDaysUntilLastDay).toBe(left);
    expect(d.startWarning).toBe(warning);
    expect(d.lastDayInPast).toBe(today > '2026-01-16');
  });

  it.each([
    ['2026-01-30', '2026-02-28'], // Feb 28 is a Saturday make-up day: it counts
    ['2026-01-31', '2026-02-28'], // clamped to the end of February
    ['2026-03-31', '2026-04-30'],
    ['2026-09-04', '2026-10-08'], // Oct 4 is National Day
    ['2026-11-28', '2026-12-28'], // Dec 28 is a Monday
  ])('ends the transition of last day %s on %s', (lastWorkingDay, end) => {
    expect(handoverDeadlines(china, { today: '2026-01-05', lastWorkingDay }).transitionEnd).toBe(end);
  });

  it('takes "today" in the org zone: an evening in UTC is already the next day in Shanghai', () => {
    const now = new Date('2026-05-08T17:00:00Z');
    const utcCalendar = businessCalendar('UTC', [...china.holidays], [...china.makeupWorkdays]);
    const inShanghai = handoverDeadlines(china, { today: todayIn(china.zone, now), lastWorkingDay: '2026-05-29' });
    const inUtc = handoverDeadlines(utcCalendar, {
      today: todayIn(utcCalendar.zone, now),
      lastWorkingDay: '2026-05-29',
    });
    expect(inShanghai.reviewDue).toBe('2026-05-13'); // from Sat May 9 (make-up day): 11, 12, 13
    expect(inUtc.reviewDue).toBe('2026-05-12'); // from Fri May 8: 9, 11, 12
    expect(inShanghai.businessDaysUntilLastDay).toBe(inUtc.businessDaysUntilLastDay - 1);
  });

  it('handles a last working day that falls on a holiday', () => {
    const d = handoverDeadlines(china, { today: '2026-10-01', lastWorkingDay: '2026-10-02' });
    expect(d.businessDaysUntilLastDay).toBe(0);
    expect(d.startWarning).toBe('late');
    expect(d.recommendedStartBy).toBe('2026-09-23'); // 30, 29, 28, (Mid-Autumn 25-27), 24, 23
    expect(d.reviewDue).toBe('2026-10-10'); // 8, 9, 10 (Saturday make-up day)
    expect(d.transitionEnd).toBe('2026-11-02');
  });
});
