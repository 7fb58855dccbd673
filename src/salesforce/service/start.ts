/**
 * startHandover: check the parties, the date and the split, read the departing user's book, build the
 * handover, split it among the successors, compute the deadlines and the content hash, and write the
 * draft with its first audit event. Every refusal happens before the first write.
 */
import { z } from 'zod';
import { buildHandover, type HandoverBuild } from '../../core/build/index.js';
import { todayIn } from '../../core/businessDays.js';
import { chinaCalendar } from '../../core/calendars/china.js';
import { handoverDeadlines, type HandoverDeadlines } from '../../core/deadlines.js';
import type { Completeness, CrmSnapshot, Gap, KeyAccountReason, UserRow } from '../../core/model.js';
import {
  assignChildren,
  splitAccounts,
  type SplitError,
  type SplitStrategy,
  type SuccessorTotals,
} from '../../core/split.js';
import { HANDOVER_REASONS } from '../../core/sobjects.js';
import type { OrgConnection } from '../connection.js';
import { computeContentHash } from '../store/content.js';
import { HandoverError } from '../store/errors.js';
import { OPEN_STATUSES, listHandovers, writeHandover } from '../store/handovers.js';
import { id18 } from '../store/ids.js';
import type { HandoverDraft, ItemDraft } from '../store/model.js';
import type { HandoverSummary } from '../store/summary.js';
import { accessLines } from './access.js';
import { withDefaults, type ServiceDeps } from './deps.js';
import { contactNoteDrafts, itemDrafts, ownedRecords, type AccessLine, type OwnedRecord } from './draft.js';
import { currentUserId } from './identity.js';
import { isoDate, parseInput, sfId, userRef } from './input.js';
import { resolveParties, type Parties } from './parties.js';
import type { Warning } from './warnings.js';

export type StartProgress = {
  phase: 'checking' | 'reading' | 'building' | 'writing' | 'done';
  message: string;
  done?: number;
  total?: number;
};

const splitSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('single') }),
  z.object({ kind: z.literal('even') }),
  z.object({ kind: z.literal('manual'), assignments: z.record(sfId, userRef) }),
]);

const startSchema = z.object({
  departing: userRef,
  successors: z.array(userRef).min(1, 'name at least one successor'),
  split: splitSchema,
  lastWorkingDay: isoDate,
  reason: z.enum(HANDOVER_REASONS),
  managerId: userRef.optional(),
  now: z.date().optional(),
  onProgress: z.custom<(progress: StartProgress) => void>((v) => typeof v === 'function').optional(),
});

export type StartInput = z.input<typeof startSchema>;

export type UserSummary = { id: string; username: string; name: string };

export type StartResult = {
  handoverId: string;
  status: 'Draft';
  contentHash: string;
  departing: UserSummary;
  manager: UserSummary;
  successors: (UserSummary & { accountCount: number; revenue: number; itemCount: number })[];
  /** Records the departing user owns, per object. */
  counts: Record<string, number>;
  itemCount: number;
  itemCounts: Record<string, number>;
  /** Items whose record moves to a successor, and those that stay (history). */
  transfer: { pending: number; notPlanned: number };
  contactNoteCount: number;
  keyAccounts: { id: string; name: string; reasons: KeyAccountReason[] }[];
  completeness: Completeness;
  deadlines: HandoverDeadlines;
  warnings: Warning[];
  /** What the book reads reported (row counts, pages, ...). */
  readStats: unknown;
};

export async function startHandover(
  conn: OrgConnection,
  rawInput: StartInput,
  deps: Partial<ServiceDeps> = {},
): Promise<StartResult> {
  const input = parseInput(startSchema, rawInput, 'start a handover');
  const d = withDefaults(deps);
  const now = input.now ?? d.now();
  const progress = (p: StartProgress): void => input.onProgress?.(p);

  progress({ phase: 'checking', message: 'Checking the departing user, successors and manager' });
  const checked = await check(conn, d, input, now);

  progress({ phase: 'reading', message: `Reading the book of ${checked.parties.departing.Username}` });
  const { snapshot, stats } = await d.reads.readBookOfBusiness(conn, checked.parties.departing.Id, {
    today: checked.today,
    timeZone: checked.timeZone,
    onProgress: (step) => progress({ phase: 'reading', message: `Read ${step.rows} ${step.object} row(s)` }),
  });

  progress({ phase: 'building', message: 'Building the checklist' });
  const access = await accessLines(conn, checked.parties.departing.Id);
  const plan = planHandover(input, checked, snapshot, access, now);

  progress({ phase: 'writing', message: 'Writing the handover', done: 0, total: plan.draft.items.length });
  const { id, sharing } = await writeHandover(conn, plan.draft, (step, done, total) => {
    if (step === 'items') progress({ phase: 'writing', message: 'Writing checklist items', done, total });
  });
  const warnings = sharing.shared ? plan.warnings : [...plan.warnings, NOT_SHARED];
  progress({ phase: 'done', message: 'Handover created' });
  return resultOf(id, plan, checked, warnings, stats);
}

const NOT_SHARED: Warning = {
  code: 'not_shared',
  message:
    'This org has no Handover__Share object: the parties see the handover only if its sharing settings let them.',
};

type ParsedInput = z.output<typeof startSchema>;

/** What the checks established before the book is read. */
type Checked = {
  actorId: string;
  parties: Parties;
  /** accountId -> successorId, for a manual split. */
  manualAssignments: Record<string, string>;
  timeZone: string;
  today: string;
  deadlines: HandoverDeadlines;
};

/** Every refusal that needs no book: the parties, the manual split's successors, the date, a handover in progress. */
async function check(conn: OrgConnection, d: ServiceDeps, input: ParsedInput, now: Date): Promise<Checked> {
  const actorId = d.actorId ?? (await currentUserId(conn));
  const parties = await resolveParties(conn, d.reads, input);
  const manualAssignments =
    input.split.kind === 'manual' ? manualAssignmentsOf(input.split.assignments, input.successors, parties) : {};
  const calendar = await d.reads.orgCalendarInfo(conn);
  const today = todayIn(calendar.timeZone, now);
  const deadlines = handoverDeadlines(chinaCalendar(calendar.timeZone, calendar.holidays), {
    today,
    lastWorkingDay: input.lastWorkingDay,
  });
  if (deadlines.lastDayInPast) {
    throw new HandoverError(
      'LAST_DAY_IN_PAST',
      `The last working day ${input.lastWorkingDay} is before today (${today}, ${calendar.timeZone}).`,
      {
        actions: ['Give the real last working day (today or later).', 'For a user who already left, use today.'],
        data: { lastWorkingDay: input.lastWorkingDay, today },
      },
    );
  }
  await refuseOpenHandover(conn, parties.departing);
  return { actorId, parties, manualAssignments, timeZone: calendar.timeZone, today, deadlines };
}

type Plan = {
  draft: HandoverDraft;
  build: HandoverBuild;
  totals: SuccessorTotals[];
  warnings: Warning[];
};

/** The handover to write, from the book (pure): build, split, items, notes, summary, hash, first event. */
function planHandover(
  input: ParsedInput,
  checked: Checked,
  snapshot: CrmSnapshot,
  access: readonly AccessLine[],
  now: Date,
): Plan {
  const { parties, deadlines } = checked;
  const successorIds = parties.successors.map((s) => s.Id);
  const build = buildHandover(snapshot);
  const strategy: SplitStrategy =
    input.split.kind === 'manual' ? { kind: 'manual', assignments: checked.manualAssignments } : input.split;
  const records = ownedRecords(snapshot);
  const split = assign(build, records, successorIds, strategy);
  const items = itemDrafts(build, {
    records,
    successorOf: split.byRecord,
    departingId: parties.departing.Id,
    accessLines: access,
  });
  const contactNotes = contactNoteDrafts(build.accounts);
  const warnings = [...parties.warnings, ...timingWarnings(deadlines), ...bookWarnings(build, records, parties)];
  const header = {
    departingUserId: parties.departing.Id,
    managerId: parties.manager.Id,
    status: 'Draft' as const,
    lastWorkingDay: input.lastWorkingDay,
    reason: input.reason,
    successorIds,
    completeness: build.completeness.score,
    gapCount: build.completeness.gaps.length,
    reviewDue: deadlines.reviewDue,
    transitionEnd: deadlines.transitionEnd,
    overrideReason: null,
    approvedAt: null,
    summary: summaryOf(build, input.split.kind, items, split.totals, warnings, deadlines),
  };
  const contentHash = computeContentHash(header, items, contactNotes);
  const createdEvent: HandoverDraft['createdEvent'] = {
    action: 'handover.created',
    actorId: checked.actorId,
    at: now.toISOString(),
    contentHash,
    details: {
      departingId: parties.departing.Id,
      managerId: parties.manager.Id,
      successorIds,
      reason: input.reason,
      split: input.split.kind,
      itemCount: items.length,
      contactNoteCount: contactNotes.length,
      toStatus: 'Draft',
      warnings: warnings.map((w) => w.code),
    },
  };
  // An inactive user cannot be given access (nor use it).
  const shareWith = [parties.departing, parties.manager, ...parties.successors]
    .filter((u) => u.IsActive)
    .map((u) => u.Id);
  return {
    draft: { header: { ...header, contentHash }, items, contactNotes, createdEvent, shareWith },
    build,
    totals: split.totals,
    warnings,
  };
}

// ---------------------------------------------------------------- checks

/** Manual assignments with successors as Ids; an assignment to someone who is not a successor is refused. */
function manualAssignmentsOf(
  assignments: Record<string, string>,
  refs: readonly string[],
  parties: Parties,
): Record<string, string> {
  const byRef = new Map<string, string>();
  parties.successors.forEach((s, i) => {
    byRef.set(s.Id, s.Id);
    byRef.set(s.Id.slice(0, 15), s.Id);
    byRef.set(s.Username.toLowerCase(), s.Id);
    const ref = refs[i];
    if (ref !== undefined) byRef.set(ref.trim().toLowerCase(), s.Id);
  });
  const out: Record<string, string> = {};
  const unknown: SplitError[] = [];
  for (const [accountId, ref] of Object.entries(assignments)) {
    const successorId = byRef.get(ref.trim().toLowerCase()) ?? byRef.get(ref.trim());
    if (successorId === undefined) {
      unknown.push({
        code: 'UNKNOWN_SUCCESSOR',
        id: ref,
        message: `Account ${accountId} is assigned to ${ref}, who is not a successor of this handover.`,
      });
    } else out[accountId] = successorId;
  }
  if (unknown.length > 0) throw splitInvalid(unknown);
  return out;
}

function splitInvalid(errors: readonly SplitError[]): HandoverError {
  return new HandoverError(
    'SPLIT_INVALID',
    `The split is not valid: ${errors[0]?.message ?? ''}${errors.length > 1 ? ` (and ${errors.length - 1} more)` : ''}`,
    {
      actions: ['Assign every account of the departing user to one of the successors, and only those accounts.'],
      data: { errors: errors.slice(0, 100), errorCount: errors.length },
    },
  );
}

async function refuseOpenHandover(conn: OrgConnection, departing: UserRow): Promise<void> {
  const [open] = await listHandovers(conn, { departingUserId: departing.Id, status: OPEN_STATUSES, limit: 1 });
  if (open === undefined) return;
  throw new HandoverError(
    'HANDOVER_EXISTS',
    `${departing.Username} already has a handover in progress (${open.name ?? open.id}, ${open.status}).`,
    {
      actions: [`Continue handover ${open.id}.`, 'Or ask its manager to cancel it before starting a new one.'],
      data: { handoverId: open.id, status: open.status },
    },
  );
}

// ---------------------------------------------------------------- split

type Assignment = { byRecord: Map<string, string>; totals: SuccessorTotals[] };

/** Accounts split by the strategy; every record follows its account (or goes to the first successor). */
function assign(
  build: HandoverBuild,
  records: readonly OwnedRecord[],
  successorIds: readonly string[],
  strategy: SplitStrategy,
): Assignment {
  // A manual split names the departing user's accounts; other accounts they hold work on may be named too.
  const accounts = build.accounts
    .filter(
      (a) => strategy.kind !== 'manual' || a.ownedByDeparting || Object.hasOwn(strategy.assignments, id18(a.accountId)),
    )
    .map((a) => ({
      accountId: id18(a.accountId),
      annualRevenue: a.annualRevenue,
      closedWonLast12Months: a.closedWonLast12Months,
    }));
  const split = splitAccounts(accounts, successorIds, strategy);
  if (!split.ok) throw splitInvalid(split.errors);
  const children = assignChildren(
    records.map((r) => ({
      recordId: r.recordId,
      objectType: r.objectType,
      accountId: r.accountId === null ? null : id18(r.accountId),
    })),
    split.assignments,
    { successorIds },
  );
  if (!children.ok) throw splitInvalid(children.errors);
  return { byRecord: new Map(children.assignments.map((c) => [c.recordId, c.successorId])), totals: split.totals };
}

// ---------------------------------------------------------------- warnings and summary

function timingWarnings(deadlines: HandoverDeadlines): Warning[] {
  const n = deadlines.businessDaysUntilLastDay;
  if (deadlines.startWarning === 'late') {
    return [
      {
        code: 'late',
        message: `Only ${n} business day(s) until the last working day; a handover needs at least 3. Review and sign at once.`,
      },
    ];
  }
  if (deadlines.startWarning === 'tight') {
    return [
      {
        code: 'tight',
        message: `${n} business days until the last working day; 5 are recommended. Keep the review short.`,
      },
    ];
  }
  return [];
}

function bookWarnings(build: HandoverBuild, records: readonly OwnedRecord[], parties: Parties): Warning[] {
  const warnings: Warning[] = [];
  if (records.length === 0) {
    warnings.push({
      code: 'empty_book',
      message: `${parties.departing.Username} owns no records that this org shows you.`,
    });
  }
  const unassigned = build.unassignedRecords.length;
  if (unassigned > 0) {
    const first = parties.successors[0]?.Username ?? 'the first successor';
    warnings.push({
      code: 'unassigned_records',
      message: `${unassigned} record(s) belong to no account in the book; they go to ${first}. Reassign items where needed.`,
    });
  }
  return warnings;
}

function countBy<T>(rows: readonly T[], key: (row: T) => string | null | undefined): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const row of rows) {
    const k = key(row);
    if (k !== null && k !== undefined) counts[k] = (counts[k] ?? 0) + 1;
  }
  return counts;
}

function keyAccountsOf(build: HandoverBuild): StartResult['keyAccounts'] {
  return build.accounts
    .filter((a) => a.isKeyAccount)
    .map((a) => ({ id: id18(a.accountId), name: a.name, reasons: a.keyReasons }));
}

function summaryOf(
  build: HandoverBuild,
  split: HandoverSummary['split'],
  items: readonly ItemDraft[],
  totals: readonly SuccessorTotals[],
  warnings: readonly Warning[],
  deadlines: HandoverDeadlines,
): HandoverSummary {
  const perSuccessor = countBy(items, (i) => i.successorId);
  return {
    version: 1,
    split,
    counts: build.counts,
    itemCounts: countBy(items, (i) => i.category),
    keyAccounts: keyAccountsOf(build),
    completeness: {
      score: build.completeness.score,
      passed: build.completeness.passed,
      checked: build.completeness.checked,
    },
    gaps: build.completeness.gaps.map((g: Gap) => ({ ...g })),
    gapsTruncated: false,
    warnings: warnings.map((w) => ({ ...w })),
    successors: totals.map((t) => ({
      successorId: t.successorId,
      accountCount: t.accountCount,
      revenue: t.revenue,
      itemCount: perSuccessor[t.successorId] ?? 0,
    })),
    unassignedRecords: build.unassignedRecords.length,
    deadlines: {
      recommendedStartBy: deadlines.recommendedStartBy,
      latestStartBy: deadlines.latestStartBy,
      reviewDue: deadlines.reviewDue,
      transitionEnd: deadlines.transitionEnd,
      businessDaysUntilLastDay: deadlines.businessDaysUntilLastDay,
      startWarning: deadlines.startWarning,
    },
  };
}

function userSummary(user: UserRow): UserSummary {
  return { id: user.Id, username: user.Username, name: user.Name };
}

function resultOf(id: string, plan: Plan, checked: Checked, warnings: Warning[], readStats: unknown): StartResult {
  const { items, contactNotes, header } = plan.draft;
  const perSuccessor = countBy(items, (i) => i.successorId);
  return {
    handoverId: id,
    status: 'Draft',
    contentHash: header.contentHash,
    departing: userSummary(checked.parties.departing),
    manager: userSummary(checked.parties.manager),
    successors: checked.parties.successors.map((s) => {
      const total = plan.totals.find((t) => t.successorId === s.Id);
      return {
        ...userSummary(s),
        accountCount: total?.accountCount ?? 0,
        revenue: total?.revenue ?? 0,
        itemCount: perSuccessor[s.Id] ?? 0,
      };
    }),
    counts: plan.build.counts,
    itemCount: items.length,
    itemCounts: countBy(items, (i) => i.category),
    transfer: {
      pending: items.filter((i) => i.transferStatus === 'Pending').length,
      notPlanned: items.filter((i) => i.transferStatus === 'Not_Planned').length,
    },
    contactNoteCount: contactNotes.length,
    keyAccounts: keyAccountsOf(plan.build),
    completeness: plan.build.completeness,
    deadlines: checked.deadlines,
    warnings,
    readStats,
  };
}
