/**
 * What the reassign, resume and rollback commands share about a run: the policy flags and the
 * policy they make, the policy a run started with (from the audit log, so that resume goes on as the
 * run began), and watching a run another process holds the lease of.
 */
import { Flags } from '@salesforce/sf-plugins-core';
import { z } from 'zod';
import type { ReassignPolicy, RunJournal } from '../core/reassign/index.js';
import type { SignoffStatus } from '../core/signoff.js';
import { loadMessages } from '../messages.js';
import type { OrgConnection } from '../salesforce/connection.js';
import type { RunResult } from '../salesforce/reassign/index.js';
import type { AuditEvent, HandoverItem } from '../salesforce/store/index.js';
import { ownerNow, shownExceptions } from './runOutput.js';
import { services } from './services.js';

const messages = loadMessages('handover.run');

export const MODES = ['auto', 'collections', 'bulk'] as const;

/** The flags that shape a forward run; `handover resume` takes them too (an --async run passes them on). */
export const policyFlags = {
  mode: Flags.option({ summary: messages.getMessage('flags.mode.summary'), options: MODES })(),
  concurrency: Flags.integer({ summary: messages.getMessage('flags.concurrency.summary'), min: 1, max: 25 }),
  'move-closed-opportunities': Flags.boolean({
    summary: messages.getMessage('flags.move-closed-opportunities.summary'),
  }),
  'move-closed-cases': Flags.boolean({ summary: messages.getMessage('flags.move-closed-cases.summary') }),
  'move-completed-activities': Flags.boolean({
    summary: messages.getMessage('flags.move-completed-activities.summary'),
  }),
  'follow-ups': Flags.boolean({
    summary: messages.getMessage('flags.follow-ups.summary'),
    allowNo: true,
    default: true,
  }),
  'freeze-departing': Flags.boolean({ summary: messages.getMessage('flags.freeze-departing.summary'), default: false }),
};

export type PolicyFlagValues = {
  mode?: (typeof MODES)[number];
  concurrency?: number;
  'move-closed-opportunities'?: boolean;
  'move-closed-cases'?: boolean;
  'move-completed-activities'?: boolean;
};

/** The policy the flags ask for: only what was given, so the engine's defaults (or a recorded policy) fill the rest. */
export function policyOf(flags: PolicyFlagValues): Partial<ReassignPolicy> {
  const policy: Partial<ReassignPolicy> = {};
  if (flags.mode !== undefined) policy.mode = flags.mode;
  if (flags.concurrency !== undefined) policy.concurrency = flags.concurrency;
  if (flags['move-closed-opportunities'] === true) policy.moveClosedOpportunities = true;
  if (flags['move-closed-cases'] === true) policy.moveClosedCases = true;
  if (flags['move-completed-activities'] === true) policy.moveCompletedActivities = true;
  return policy;
}

/** The same flags as command-line arguments (for the detached `handover resume` of --async). */
export function policyArgs(
  flags: PolicyFlagValues & { 'follow-ups'?: boolean; 'freeze-departing'?: boolean },
): string[] {
  const args: string[] = [];
  if (flags.mode !== undefined) args.push('--mode', flags.mode);
  if (flags.concurrency !== undefined) args.push('--concurrency', String(flags.concurrency));
  if (flags['move-closed-opportunities'] === true) args.push('--move-closed-opportunities');
  if (flags['move-closed-cases'] === true) args.push('--move-closed-cases');
  if (flags['move-completed-activities'] === true) args.push('--move-completed-activities');
  if (flags['follow-ups'] === false) args.push('--no-follow-ups');
  if (flags['freeze-departing'] === true) args.push('--freeze-departing');
  return args;
}

// z.object drops keys it does not know: only policy settings come back.
const recordedPolicySchema = z.object({
  mode: z.enum(MODES).optional(),
  concurrency: z.number().int().optional(),
  bulkThreshold: z.number().int().optional(),
  batchSize: z.number().int().optional(),
  bulkBatchSize: z.number().int().optional(),
  moveClosedOpportunities: z.boolean().optional(),
  moveClosedCases: z.boolean().optional(),
  moveCompletedActivities: z.boolean().optional(),
  keepAccountTeams: z.boolean().optional(),
  keepOpportunityTeams: z.boolean().optional(),
  skipAssignmentRules: z.boolean().optional(),
});
const startedDetails = z.looseObject({
  policy: recordedPolicySchema.optional(),
  freezeDeparting: z.boolean().optional(),
});

/** The details of the latest reassignment.started event; undefined when none ran or they are unreadable. */
function lastStarted(events: readonly AuditEvent[]): z.infer<typeof startedDetails> | undefined {
  const started = [...events].reverse().find((e) => e.action === 'reassignment.started');
  if (started?.details == null) return undefined;
  try {
    const parsed = startedDetails.safeParse(JSON.parse(started.details));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** The policy the latest reassignment started with (its audit event); {} when none ran or it is unreadable. */
export function recordedPolicy(events: readonly AuditEvent[]): Partial<ReassignPolicy> {
  const policy = lastStarted(events)?.policy;
  if (policy === undefined) return {};
  return Object.fromEntries(Object.entries(policy).filter(([, value]) => value !== undefined));
}

/** Whether the latest reassignment was asked to freeze the departing user (resume does it too). */
export function recordedFreeze(events: readonly AuditEvent[]): boolean {
  return lastStarted(events)?.freezeDeparting === true;
}

// ---------------------------------------------------------------- watching another run

export type LeaseState = { owner: string | null; expiresAt: string | null; journal?: RunJournal };

/** Held by a live run: an owner and an expiry still ahead. */
export function leaseHeld(lease: LeaseState, now: Date): boolean {
  return lease.owner !== null && lease.expiresAt !== null && Date.parse(lease.expiresAt) > now.getTime();
}

/** The items of a run (a record to move), counted by Transfer_Status__c. */
export type TransferTally = { total: number; byStatus: Record<string, number> };

export function tallyTransfers(items: readonly HandoverItem[]): TransferTally {
  const byStatus: Record<string, number> = {};
  let total = 0;
  for (const item of items) {
    if (item.recordId === null || item.transferStatus === null || item.transferStatus === 'Not_Planned') continue;
    byStatus[item.transferStatus] = (byStatus[item.transferStatus] ?? 0) + 1;
    total++;
  }
  return { total, byStatus };
}

/** The phases of the watched run, from the run journal (item statuses of a Bulk API 2.0 run arrive at its end). */
export type PhaseProgress = {
  phase: string;
  objectTypes: string[];
  finished: boolean;
  transferred: number | null;
  failed: number | null;
  conflicts: number | null;
};

/** The phases of the run holding the lease (or else of the latest run) in the order they started. */
export function phasesOf(journal: RunJournal | undefined, runId: string | null): PhaseProgress[] {
  const entries = journal?.entries ?? [];
  const latest = runId ?? entries.at(-1)?.runId ?? null;
  return entries
    .filter((e) => e.runId === latest)
    .map((e) => ({
      phase: e.phase,
      objectTypes: e.objectTypes,
      finished: e.finishedAt !== null,
      transferred: e.counts?.transferred ?? null,
      failed: e.counts?.failed ?? null,
      conflicts: e.counts?.conflicts ?? null,
    }));
}

export type WatchReport = {
  /** The lease was released or expired: the run that held it is over. */
  finished: boolean;
  status: SignoffStatus;
  lease: LeaseState;
  transfer: TransferTally;
  phases: PhaseProgress[];
  polls: number;
  waitedSeconds: number;
};

/** How often a watch polls, and how it waits (tests replace both). */
export const watchTiming = {
  intervalMs: 3_000,
  sleep: (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms)),
  now: (): Date => new Date(),
};

/**
 * Polls the handover's status, its items' transfer states and its lease until the lease is no longer
 * held or `waitMs` has passed; `onPoll` sees every snapshot.
 */
export async function watchRun(
  conn: OrgConnection,
  handoverId: string,
  waitMs: number,
  onPoll: (report: WatchReport) => void,
): Promise<WatchReport> {
  const started = watchTiming.now().getTime();
  for (let polls = 1; ; polls++) {
    const [header, items, read] = await Promise.all([
      services.loadHeader(conn, handoverId),
      services.loadItems(conn, handoverId),
      services.readLease(conn, handoverId),
    ]);
    const now = watchTiming.now().getTime();
    const lease = { owner: read.owner, expiresAt: read.expiresAt };
    const report: WatchReport = {
      finished: !leaseHeld(lease, new Date(now)),
      status: header.status,
      lease,
      transfer: tallyTransfers(items),
      phases: phasesOf(read.journal, read.owner),
      polls,
      waitedSeconds: Math.round((now - started) / 1000),
    };
    onPoll(report);
    const left = started + waitMs - now;
    if (report.finished || left <= 0) return report;
    await watchTiming.sleep(Math.min(watchTiming.intervalMs, left));
  }
}

/**
 * Names users by username in human output: each of `ids` is read once. With --json nothing is read
 * (the result keeps the Ids), and a user that cannot be read stays its Id.
 */
export async function usernamesOf(
  conn: OrgConnection,
  ids: readonly string[],
  jsonEnabled: boolean,
): Promise<(id: string) => string> {
  const names = new Map<string, string>();
  if (!jsonEnabled) {
    await Promise.all(
      [...new Set(ids)].map(async (id) => {
        const user = await services.resolveUser(conn, id).catch(() => undefined);
        names.set(id, user?.Username ?? id);
      }),
    );
  }
  return (id) => names.get(id) ?? id;
}

/** The usernames of whoever owns the records of a run's listed exceptions now. */
export function exceptionOwnerNames(
  conn: OrgConnection,
  result: Pick<RunResult, 'exceptions'>,
  jsonEnabled: boolean,
): Promise<(id: string) => string> {
  return usernamesOf(conn, shownExceptions(result.exceptions).map(ownerNow), jsonEnabled);
}
