/**
 * The handover's deadlines from the brief's timing rules, in business days of the org's calendar:
 * start 3 to 5 business days before the last working day, successor review within 3 business days of
 * receiving the checklist, contact key customers 1 to 3 business days after the reassignment, and a
 * transition period of about one month after the last working day.
 */
import { addBusinessDays, addCalendarMonths, businessDaysBetween, type BusinessCalendar } from './businessDays.js';
import type { IsoDate } from './model.js';

/** The timing rules as data, so the UI can quote them. */
export const HANDOVER_TIMING = {
  recommendedStartBusinessDays: 5,
  minimumStartBusinessDays: 3,
  reviewBusinessDays: 3,
  contactKeyCustomersBusinessDays: { earliest: 1, latest: 3 },
  transitionMonths: 1,
} as const;

export type StartWarning = 'none' | 'late' | 'tight';

export type HandoverDeadlines = {
  /** Business days from today (exclusive) to the last working day (inclusive); negative once past. */
  businessDaysUntilLastDay: number;
  lastDayInPast: boolean;
  /** late: fewer than 3 business days left (or past); tight: 3 or 4, below the recommended 5. */
  startWarning: StartWarning;
  /** 5 business days before the last working day. */
  recommendedStartBy: IsoDate;
  /** 3 business days before the last working day: the latest start the brief accepts. */
  latestStartBy: IsoDate;
  /** 3 business days after the successor received the checklist (today when not given). */
  reviewDue: IsoDate;
  contactKeyCustomers: { earliest: IsoDate; latest: IsoDate } | null;
  /** One calendar month after the last working day, rolled forward to a business day. */
  transitionEnd: IsoDate;
};

export type DeadlineInput = {
  today: IsoDate;
  lastWorkingDay: IsoDate;
  receivedOn?: IsoDate | null;
  reassignedOn?: IsoDate | null;
};

export function handoverDeadlines(cal: BusinessCalendar, input: DeadlineInput): HandoverDeadlines {
  const t = HANDOVER_TIMING;
  const left = businessDaysBetween(cal, input.today, input.lastWorkingDay);
  const reassignedOn = input.reassignedOn ?? null;
  return {
    businessDaysUntilLastDay: left,
    lastDayInPast: input.lastWorkingDay < input.today, // ISO dates compare as strings
    startWarning: left < t.minimumStartBusinessDays ? 'late' : left < t.recommendedStartBusinessDays ? 'tight' : 'none',
    recommendedStartBy: addBusinessDays(cal, input.lastWorkingDay, -t.recommendedStartBusinessDays),
    latestStartBy: addBusinessDays(cal, input.lastWorkingDay, -t.minimumStartBusinessDays),
    reviewDue: addBusinessDays(cal, input.receivedOn ?? input.today, t.reviewBusinessDays),
    contactKeyCustomers:
      reassignedOn === null
        ? null
        : {
            earliest: addBusinessDays(cal, reassignedOn, t.contactKeyCustomersBusinessDays.earliest),
            latest: addBusinessDays(cal, reassignedOn, t.contactKeyCustomersBusinessDays.latest),
          },
    transitionEnd: addBusinessDays(cal, addCalendarMonths(input.lastWorkingDay, t.transitionMonths), 0),
  };
}
