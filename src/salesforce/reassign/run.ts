/**
 * The reassignment of an approved handover, its rollback and its verification, as the handover's
 * manager. Every entry point loads the handover fresh, so a run that died is resumed simply by
 * running again: the journal says what moved, the compare-and-set finds what moved unjournaled, and
 * nothing moves twice.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import {
  buildReassignPlan,
  buildUndoPlan,
  canSpend,
  factsMatter,
  initialProgress,
  methodFor,
  movesOf,
  objectTypesStarted,
  resolvePolicy,
  RETRY_DEFAULTS,
  runStartedEvent,
  spendableCalls,
  verifyReassignment,
  type PlanCounts,
  type PlanError,
  type PlanPhase,
  type ProgressEvent,
  type ProgressState,
  type ReassignPlan,
  type ReassignPolicy,
  type RetryOptions,
  type RunKind,
  type TeamSnapshotStep,
  type UndoPlan,
  type VerifyReport,
} from '../../core/reassign/index.js';
import type { SignoffStatus } from '../../core/signoff.js';
import { HANDOVER_FIELDS } from '../../core/sobjects.js';
import { MAX_QUERY_SUBREQUESTS, queryRowsOf, querySubrequest, sendComposite } from '../composite.js';
import type { OrgConnection } from '../connection.js';
import type { ServiceDeps } from '../service/deps.js';
import { soqlId, soqlIdentifier } from '../soql.js';
import { HandoverError } from '../store/errors.js';
import { readEvents } from '../store/events.js';
import { loadContactNotes } from '../store/handovers.js';
import type { AuditEvent, AuditEventInput, RunHandover, RunItem } from '../store/model.js';
import { queryAll } from '../store/query.js';
import {
  executePhases,
  marksFor,
  progressEmitter,
  type ExecuteContext,
  type RecordOutcome,
  type StopReason,
} from './execute.js';
import { runFollowUps, type FollowUpResult } from './followUps.js';
import { Journal } from './journal.js';
import { Lease, type LeaseOptions } from './lease.js';
import { RunRecord } from './record.js';
import { loadForRun, loadRunItems, type RunLoaded } from './load.js';
import {
  isDailyLimitError,
  readLimitInfo,
  withRetries,
  type BulkCalls,
  type OwnerRow,
  type PollOptions,
} from './orgCalls.js';
import { idsByObjectOf, planItemsOf, readCurrentState, recordItems } from './state.js';
import { restoreTeams, snapshotTeams, type TeamMember, type TeamRestore, type TeamSnapshot } from './teams.js';

export type RunOptions = {
  policy?: Partial<ReassignPolicy>;
  dryRun?: boolean;
  onProgress?: (state: ProgressState, event: ProgressEvent) => void;
  /** How long the run's lease lasts without renewal; another process may resume after it. */
  leaseMs?: number;
  /** The wait between taking the lease and reading it back (default 300 ms). */
  leaseSettleMs?: number;
  retry?: Partial<RetryOptions>;
  pollIntervalMs?: number;
  pollTimeoutMs?: number;
  /** Create the successors' follow-up tasks (forward runs). */
  followUps?: boolean;
  /** Freeze the departing user once the last working day is over (needs Manage Users; reported if refused). */
  freezeDeparting?: boolean;
  /** Read the owners back at the end and report every exception. */
  verify?: boolean;
  /** Stop while the org's daily API reserve is left (checked between batches). */
  reserveCheck?: boolean;
  runId?: string;
  sleep?: (ms: number) => Promise<void>;
  deps?: Partial<ServiceDeps>;
};

export type { RunKind };

export type RunResult = {
  handoverId: string;
  runId: string;
  kind: RunKind;
  dryRun: boolean;
  /** The handover's status after the run. */
  status: SignoffStatus;
  planHash: string;
  /** What the plan does, per object and successor (forward), or what the undo reverts. */
  counts: PlanCounts | UndoPlan['counts'];
  phases: { phase: string; objectTypes: string[]; batches: number; methods: string[]; records: number }[];
  /** Items naming a record but no successor: nothing can move them. */
  unassigned: number;
  outcome: { transferred: number; alreadyDone: number; conflicts: number; failed: number; notReached: number };
  /** Conflicts and failures, each with the org's reason. */
  exceptions: RecordOutcome[];
  teams: TeamRestore[];
  followUps: FollowUpResult | null;
  verification: VerifyReport | null;
  retries: number;
  /** Why the run stopped before the end (the daily API reserve); resume continues it. */
  stopped: StopReason | null;
  calls: BulkCalls;
  progress: ProgressState;
};

const DEFAULT_LEASE_MS = 120_000;

type Setup = {
  conn: OrgConnection;
  loaded: RunLoaded;
  runId: string;
  now: () => Date;
  sleep: (ms: number) => Promise<void>;
  retry: RetryOptions;
  poll: PollOptions;
  counter: BulkCalls;
  /** What the stages after the plan need of the items (a forward run lets most items go once planned). */
  involved: { ownerIds: string[]; objectTypes: string[] };
};

/** Loads the handover for a run (header, slim items, the actor's role); any party may, others are refused. */
async function setupOf(conn: OrgConnection, handoverId: string, options: RunOptions): Promise<Setup> {
  const now = options.deps?.now ?? ((): Date => new Date());
  const sleep = options.sleep ?? ((ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms)));
  const poll = { sleep, intervalMs: options.pollIntervalMs ?? 2_000, timeoutMs: options.pollTimeoutMs ?? 30 * 60_000 };
  const counter = { calls: 0, polls: 0 };
  const loaded = await loadForRun(conn, handoverId, options.deps?.actorId, { poll, counter });
  const header = loaded.handover.header;
  if (loaded.role === null) {
    throw new HandoverError(
      'NOT_A_PARTY',
      'You are not the departing rep, a successor or the manager of this handover.',
      {
        actions: [
          'Open a handover you are part of (see `sf handover list`).',
          'Ask its manager if you should be a party.',
        ],
        data: { handoverId: header.id },
      },
    );
  }
  if (header.contentHash === null) {
    throw new HandoverError('HANDOVER_INCOMPLETE', `Handover ${header.id} was not completely written.`, {
      actions: ['Ask its manager to cancel it and start the handover again.'],
      data: { handoverId: header.id },
    });
  }
  return {
    conn,
    loaded,
    runId: options.runId ?? randomUUID(),
    now,
    sleep,
    retry: { ...RETRY_DEFAULTS, random: Math.random, ...options.retry },
    poll,
    counter,
    involved: {
      ownerIds: ownersInvolved(loaded.handover.items),
      objectTypes: [...new Set(recordItems(loaded.handover.items).planned.map((i) => i.objectType ?? ''))]
        .filter((t) => t !== '')
        .sort(),
    },
  };
}

async function loadAsManager(
  conn: OrgConnection,
  handoverId: string,
  options: RunOptions,
  allowed: readonly SignoffStatus[],
  doing: string,
): Promise<Setup> {
  const setup = await setupOf(conn, handoverId, options);
  const { loaded } = setup;
  if (loaded.role !== 'manager') {
    throw new HandoverError('ROLE_NOT_ALLOWED', `Only the handover's manager can ${doing}.`, {
      actions: ['Ask the manager of this handover to run it.'],
      data: { handoverId: loaded.handover.header.id, role: loaded.role },
    });
  }
  const status = loaded.handover.header.status;
  if (!allowed.includes(status)) {
    throw new HandoverError(
      status === 'Approved' || allowed.includes('Approved') ? 'NOT_APPROVED' : 'NOTHING_TO_UNDO',
      `Handover ${loaded.handover.header.id} is ${status}: you can ${doing} only when it is ${allowed.join(', ')}.`,
      {
        actions: allowed.includes('Approved')
          ? ['Collect the signatures and approve the handover first (`sf handover approve`).']
          : ['Reassign the handover first (`sf handover reassign`).'],
        data: { handoverId: loaded.handover.header.id, status },
      },
    );
  }
  return setup;
}

function event(setup: Setup, action: string, details: Record<string, unknown>): AuditEventInput {
  return {
    action,
    actorId: setup.loaded.actorId,
    at: setup.now().toISOString(),
    contentHash: setup.loaded.handover.header.contentHash,
    details: { runId: setup.runId, ...details },
  };
}

function leaseOptions(setup: Setup, options: RunOptions): LeaseOptions {
  return {
    runId: setup.runId,
    leaseMs: options.leaseMs ?? DEFAULT_LEASE_MS,
    now: setup.now,
    retryPolicy: setup,
    ...(options.leaseSettleMs === undefined ? {} : { settleMs: options.leaseSettleMs }),
  };
}

function ownersInvolved(items: readonly RunItem[]): string[] {
  const ids = new Set<string>();
  for (const i of items) {
    if (i.successorId !== null) ids.add(i.successorId);
    if (i.previousOwnerId !== null) ids.add(i.previousOwnerId);
  }
  return [...ids].sort();
}

function phaseSummary(phases: readonly PlanPhase[]): RunResult['phases'] {
  return phases.map((p) => ({
    phase: p.phase,
    objectTypes: p.objectTypes,
    batches: p.batches.length,
    methods: [...new Set(p.batches.map((b) => `${b.objectType}:${b.method}`))],
    records: p.batches.reduce((n, b) => n + b.moves.length, 0),
  }));
}

function planErrors(errors: readonly PlanError[]): HandoverError {
  return new HandoverError('PLAN_INVALID', `The handover cannot be planned: ${errors[0]?.message ?? 'unknown error'}`, {
    actions: ['Fix the items named in the errors (`sf handover show --section pending`), then run again.'],
    data: { errors: errors.slice(0, 50) },
  });
}

// ---------------------------------------------------------------- forward

const FORWARD_STATUSES: readonly SignoffStatus[] = ['Approved', 'Reassigning', 'Partially_Reassigned', 'Reassigned'];

/** The plan of a reassignment, with the owners and facts it was made from. */
async function planForward(
  setup: Setup,
  options: RunOptions,
): Promise<{ plan: ReassignPlan; current: Map<string, OwnerRow>; unassigned: number }> {
  const { planned, unassigned } = recordItems(setup.loaded.handover.items);
  const policy = options.policy ?? {};
  const resolved = resolvePolicy(policy);
  if (!resolved.ok) throw planErrors(resolved.errors);
  // Collections batches read each record's owner right before writing it: the plan reads only the
  // facts that keep records (closed deals, ...) and the owners a Bulk API 2.0 job compares against.
  const toRead = new Map(
    [...idsByObjectOf(planned)].filter(
      ([objectType, ids]) =>
        factsMatter(objectType, resolved.policy) || methodFor(ids.length, resolved.policy) === 'bulk',
    ),
  );
  const current = await readCurrentState(setup.conn, toRead, ownersInvolved(planned), {
    bulkThreshold: resolved.policy.bulkThreshold,
    useBulk: true,
    poll: setup.poll,
    counter: setup.counter,
    retry: setup,
  });
  const result = buildReassignPlan(planItemsOf(planned, current, setup.now()), policy);
  if (!result.ok) throw planErrors(result.errors);
  return { plan: result.plan, current, unassigned: unassigned.length };
}

/** Plans and (unless dryRun) runs or resumes the reassignment of an approved handover. */
export async function reassignHandover(
  conn: OrgConnection,
  handoverId: string,
  options: RunOptions = {},
): Promise<RunResult> {
  const setup = await loadAsManager(conn, handoverId, options, FORWARD_STATUSES, 'reassign its records');
  const { loaded } = setup;
  const progressState = progressEmitter(options.onProgress, initialProgress());
  const baseOf = (plan: ReassignPlan, unassigned: number): RunResult =>
    resultBase(setup, 'reassign', plan.planHash, plan.counts, plan.phases, unassigned, progressState.state());
  if (options.dryRun === true) {
    const { plan, unassigned } = await planForward(setup, options);
    return { ...baseOf(plan, unassigned), dryRun: true };
  }

  const id = loaded.handover.header.id;
  // The lease comes first: the plan reads owners that no other run is changing any more.
  const { lease, events } = await Lease.acquire(conn, id, leaseOptions(setup, options), loaded.lease);
  const record = recordOf(setup, lease, 'reassign', events);
  try {
    const { plan, current, unassigned } = await planForward(setup, options);
    // From here on the run reads only the accounts' items (the follow-ups' successors): 100,000 items
    // would otherwise stay in memory to the end.
    loaded.handover.items = loaded.handover.items.filter((i) => i.objectType === 'Account');
    const base = baseOf(plan, unassigned);
    await preflight(setup, plan.phases, options);
    // The status and the start event go out with the first phase's journal mark.
    record.later(loaded.handover.header.status === 'Reassigning' ? {} : { [HANDOVER_FIELDS.status]: 'Reassigning' }, [
      event(setup, 'reassignment.started', {
        planHash: plan.planHash,
        policy: options.policy ?? {},
        // A resumed run freezes the departing user too when this one was asked to.
        ...(options.freezeDeparting === true ? { freezeDeparting: true } : {}),
        counts: plan.counts.total,
        perObject: plan.counts.perObject,
        phases: phaseSummary(plan.phases),
      }),
    ]);
    const ctx = contextOf(
      setup,
      lease,
      record,
      plan.policy,
      plan.requestHeaders,
      current,
      'forward',
      progressState.emit,
    );
    ctx.emit(runStartedEvent(plan.phases, setup.now().toISOString()));
    const teams = await executeWithTeams(setup, ctx, record, plan.phases, plan.teamSteps, 'reassign', events);
    ctx.emit({ type: 'run_finished', at: setup.now().toISOString() });

    // The freeze rides with the follow-ups, even when no task is wanted.
    const wantFollowUps = ctx.stop === null && (options.followUps !== false || options.freezeDeparting === true);
    if (wantFollowUps) ctx.emit({ type: 'stage_started', at: setup.now().toISOString(), stage: 'follow_ups' });
    const followUps = wantFollowUps ? await followUpsOf(setup, options) : null;
    if (options.verify !== false) ctx.emit({ type: 'stage_started', at: setup.now().toISOString(), stage: 'verify' });
    const verification = options.verify === false ? null : await verifyAfterRun(setup, plan, ctx);
    const outcome = outcomeCounts(ctx, phaseSummary(plan.phases));
    const complete = ctx.stop === null && outcome.failed === 0 && outcome.conflicts === 0 && (verification?.ok ?? true);
    const status: SignoffStatus = complete ? 'Reassigned' : 'Partially_Reassigned';
    await record.finish({ [HANDOVER_FIELDS.status]: status }, [
      event(setup, ctx.stop === null ? 'reassignment.finished' : 'reassignment.stopped', {
        planHash: plan.planHash,
        status,
        outcome,
        retries: ctx.retries,
        stopped: ctx.stop,
        conflicts: exceptionDigest(ctx, 'conflict'),
        failures: exceptionDigest(ctx, 'failed'),
        teams: teams.map((t) => ({
          object: t.object,
          snapshotted: t.snapshotted,
          restored: t.restored,
          failed: t.failed.length,
        })),
        followUps:
          followUps === null
            ? null
            : {
                created: followUps.created,
                existing: followUps.existing,
                ...(followUps.freeze === undefined ? {} : { freeze: followUps.freeze.status }),
              },
        verified:
          verification === null ? null : { ok: verification.ok, leftWithDeparting: verification.leftWithDeparting },
      }),
    ]);
    return finish(base, ctx, status, teams, followUps, verification, progressState.state());
  } catch (error) {
    throw runError(error, id);
  } finally {
    await lease.release().catch(() => undefined);
  }
}

function recordOf(setup: Setup, lease: Lease, kind: RunKind, events: readonly AuditEvent[]): RunRecord {
  const id = setup.loaded.handover.header.id;
  return new RunRecord(setup.conn, id, lease, setup, kind, setup.now, events, setup.loaded.runJournal);
}

/** The org's daily allocation ran out under the run (other integrations used it): say what to do. */
function runError(error: unknown, handoverId: string): unknown {
  if (!isDailyLimitError(error)) return error;
  return new HandoverError('API_LIMIT_EXCEEDED', 'The org ran out of daily API calls during the run.', {
    actions: [
      'Resume when the daily allocation resets: `sf handover resume`. Nothing is moved twice.',
      'Records the run reached are journaled; the rest are still with the departing user.',
    ],
    data: { handoverId },
    cause: error,
  });
}

// ---------------------------------------------------------------- rollback

const ROLLBACK_STATUSES: readonly SignoffStatus[] = ['Reassigning', 'Partially_Reassigned', 'Reassigned'];

/**
 * Gives every record the run moved back to its previous owner where the successor we set still owns
 * it. Items a cut-off run left open are settled first from the owners in the org (settleCutOff).
 */
export async function rollbackHandover(
  conn: OrgConnection,
  handoverId: string,
  options: RunOptions = {},
): Promise<RunResult> {
  const setup = await loadAsManager(conn, handoverId, options, ROLLBACK_STATUSES, 'roll its reassignment back');
  const { loaded } = setup;
  const id = loaded.handover.header.id;
  const policy = options.policy ?? {};
  const acquired =
    options.dryRun === true ? null : await Lease.acquire(conn, id, leaseOptions(setup, options), loaded.lease);
  const lease = acquired?.lease ?? null;
  try {
    const { planned, unassigned } = recordItems(loaded.handover.items);
    // Items a forward run journaled, and Pending ones of phases the run journal says a run started
    // (a run cut off before it wrote their statuses may have moved them).
    const started = objectTypesStarted(loaded.runJournal, 'reassign');
    const relevant = planned.filter(
      (i) =>
        i.transferStatus === 'Transferred' ||
        i.transferStatus === 'In_Progress' ||
        ((i.transferStatus === null || i.transferStatus === 'Pending') && started.has(i.objectType ?? '')),
    );
    const current = await readCurrentState(conn, idsByObjectOf(relevant), ownersInvolved(relevant), {
      bulkThreshold: policy.bulkThreshold ?? 2_000,
      useBulk: true,
      poll: setup.poll,
      counter: setup.counter,
      retry: setup,
    });
    const journal = journalOf(setup, policy);
    const settledItems = settleCutOff(relevant, current, journal, setup.now());
    const result = buildUndoPlan(planItemsOf(settledItems, current, setup.now()), ownersOf(current), policy);
    if (!result.ok) throw planErrors(result.errors);
    const undo = result.plan;
    const progressState = progressEmitter(options.onProgress, initialProgress());
    const base = resultBase(
      setup,
      'rollback',
      undo.planHash,
      undo.counts,
      undo.phases,
      unassigned.length,
      progressState.state(),
    );
    if (acquired === null || lease === null) return { ...base, dryRun: true };

    await preflight(setup, undo.phases, options);
    const record = recordOf(setup, lease, 'rollback', acquired.events);
    record.later({}, [
      event(setup, 'rollback.started', {
        planHash: undo.planHash,
        counts: undo.counts.total,
        perObject: undo.counts.perObject,
      }),
    ]);
    const ctx = contextOf(
      setup,
      lease,
      record,
      undo.policy,
      undo.requestHeaders,
      current,
      'undo',
      progressState.emit,
      journal,
    );
    ctx.journal.queue(marksFor(undo.alreadyRolledBack, 'Rolled_Back', null, setup.now().toISOString()));
    ctx.journal.queue(
      undo.conflicts.flatMap((c) => marksFor([c], 'Transferred', `Not rolled back: ${c.message}`, undefined)),
    );
    ctx.emit(runStartedEvent(undo.phases, setup.now().toISOString()));
    const teams = await executeWithTeams(setup, ctx, record, undo.phases, undo.teamSteps, 'rollback', acquired.events);
    ctx.emit({ type: 'run_finished', at: setup.now().toISOString() });
    const outcome = outcomeCounts(ctx, phaseSummary(undo.phases));
    outcome.alreadyDone += undo.alreadyRolledBack.length;
    outcome.conflicts += undo.conflicts.length;
    const complete = ctx.stop === null && outcome.failed === 0 && outcome.conflicts === 0;
    const status: SignoffStatus = complete ? 'Rolled_Back' : 'Partially_Reassigned';
    await record.finish({ [HANDOVER_FIELDS.status]: status }, [
      event(setup, ctx.stop === null ? 'rollback.finished' : 'rollback.stopped', {
        planHash: undo.planHash,
        status,
        outcome,
        retries: ctx.retries,
        stopped: ctx.stop,
        conflicts: [
          ...undo.conflicts.slice(0, 200).map((c) => ({ recordId: c.recordId, currentOwnerId: c.currentOwnerId })),
          ...exceptionDigest(ctx, 'conflict'),
        ].slice(0, 200),
        failures: exceptionDigest(ctx, 'failed'),
      }),
    ]);
    const run = finish(base, ctx, status, teams, null, null, progressState.state());
    const undoConflicts: RecordOutcome[] = undo.conflicts.map((c) => ({
      recordId: c.recordId,
      objectType: c.objectType,
      accountId: c.accountId,
      itemIds: c.itemIds,
      fromOwnerId: c.expectedOwnerId,
      toOwnerId: '',
      kind: 'conflict',
      alreadyDone: false,
      code: 'CONFLICT',
      message: c.message,
      currentOwnerId: c.currentOwnerId,
      attempts: 0,
    }));
    return { ...run, outcome, exceptions: [...undoConflicts, ...run.exceptions] };
  } catch (error) {
    throw runError(error, id);
  } finally {
    await lease?.release().catch(() => undefined);
  }
}

/**
 * Items a cut-off run left open, settled from the owner in the org: In_Progress ones (older runs)
 * moved, not moved or changed by someone else; Pending ones of a started phase moved (kept) or not (dropped).
 */
function settleCutOff(
  items: readonly RunItem[],
  current: ReadonlyMap<string, OwnerRow>,
  journal: Journal,
  now: Date,
): RunItem[] {
  return items.flatMap((item) => {
    if (item.transferStatus === 'Transferred') return [item];
    const owner = current.get(item.recordId ?? '')?.OwnerId ?? null;
    if (item.transferStatus !== 'In_Progress') {
      // Pending in a phase a cut-off run started: moved if its successor owns it, else never reached.
      if (owner !== item.successorId) return [];
      journal.queue([{ itemId: item.id, status: 'Transferred', error: null, at: now.toISOString() }]);
      return [{ ...item, transferStatus: 'Transferred' }];
    }
    if (owner === item.successorId) {
      journal.queue([{ itemId: item.id, status: 'Transferred', error: null, at: now.toISOString() }]);
      return [{ ...item, transferStatus: 'Transferred' }];
    }
    // Still the departing rep's: the cut-off run never reached it.
    if (owner === item.previousOwnerId) {
      journal.queue([{ itemId: item.id, status: 'Pending', error: null, at: null }]);
      return [{ ...item, transferStatus: 'Pending' }];
    }
    const error = `Owned by ${owner ?? 'nobody (not found)'} now.`;
    journal.queue([{ itemId: item.id, status: 'Conflict', error, at: null }]);
    return [{ ...item, transferStatus: 'Conflict' }];
  });
}

function ownersOf(current: ReadonlyMap<string, OwnerRow>): Record<string, string | null> {
  return Object.fromEntries([...current].map(([id, row]) => [id, row.OwnerId]));
}

// ---------------------------------------------------------------- verify

const startedDetails = z.looseObject({ policy: z.record(z.string(), z.unknown()).optional() });

/** The policy the latest run started with (recorded in its audit event), so that verify judges by it. */
function policyOfLastRun(handover: RunHandover): Partial<ReassignPolicy> {
  const started = [...handover.events].reverse().find((e) => e.action === 'reassignment.started');
  if (started?.details == null) return {};
  try {
    const parsed = startedDetails.safeParse(JSON.parse(started.details));
    return parsed.success ? (parsed.data.policy ?? {}) : {};
  } catch {
    return {};
  }
}

const ownedRow = z.looseObject({ Id: z.string(), OwnerId: z.string() });

type OwnedByDeparting = { recordId: string; objectType: string; ownerId: string };

async function verifyLoaded(setup: Setup, options: RunOptions, forwardPlan?: ReassignPlan): Promise<VerifyReport> {
  const { conn } = setup;
  const handover = await reloadItems(setup);
  const { planned } = recordItems(handover.items);
  const policy = { ...policyOfLastRun(handover), ...(options.policy ?? {}) };
  const departing = handover.header.departingUserId;
  // Objects read in bulk (over the departing rep's and the successors' records) also say what the
  // departing rep still owns; the others are asked separately.
  const owned = { userId: departing, rows: [] as OwnedByDeparting[], objects: new Set<string>() };
  const current = await readCurrentState(
    conn,
    idsByObjectOf(planned),
    ownersInvolved(planned),
    {
      bulkThreshold: policy.bulkThreshold ?? 2_000,
      useBulk: true,
      poll: setup.poll,
      counter: setup.counter,
      retry: setup,
    },
    owned,
  );
  const built = buildReassignPlan(planItemsOf(planned, current, setup.now()), policy);
  const plan = built.ok ? built.plan : forwardPlan;
  if (plan === undefined) throw planErrors(built.ok ? [] : built.errors);
  const objectTypes = [...new Set(planned.map((i) => i.objectType ?? ''))].filter(
    (t) => t !== '' && !owned.objects.has(t),
  );
  const ownedByDeparting: OwnedByDeparting[] = [...owned.rows];
  for (const objectType of objectTypes) {
    const soql = `SELECT Id, OwnerId FROM ${soqlIdentifier(objectType)} WHERE OwnerId = ${soqlId(departing)}`;
    for (const row of await queryAll(conn, soql, ownedRow, `the ${objectType} records the departing user owns`)) {
      ownedByDeparting.push({ recordId: row.Id, objectType, ownerId: row.OwnerId });
    }
  }
  return verifyReassignment({
    plan,
    currentOwners: ownersOf(current),
    journal: handover.items
      .filter((i) => i.recordId !== null && i.transferStatus !== null)
      .map((i) => ({
        itemId: i.id,
        recordId: i.recordId ?? '',
        transferStatus: i.transferStatus ?? 'Not_Planned',
        transferError: i.transferError,
      })),
    ownedByDeparting,
  });
}

/**
 * The check at the end of a run: what does the departing user still own? One query per object
 * (five to a Composite call); what the run moved is known from its own results, so a record is
 * reported when it is still (or again) with the departing user, when the run could not move it, or
 * when someone else had taken it. `sf handover verify` reads every record's owner instead.
 */
async function verifyAfterRun(setup: Setup, plan: ReassignPlan, ctx: ExecuteContext): Promise<VerifyReport> {
  const { conn } = setup;
  const departing = setup.loaded.handover.header.departingUserId;
  const { objectTypes } = setup.involved;
  const ownedByDeparting: OwnedByDeparting[] = [];
  for (let i = 0; i < objectTypes.length; i += MAX_QUERY_SUBREQUESTS) {
    const chunk = objectTypes.slice(i, i + MAX_QUERY_SUBREQUESTS);
    const responses = await withRetries(setup, () =>
      sendComposite(
        conn,
        chunk.map((t, k) =>
          querySubrequest(`q${k}`, `SELECT Id, OwnerId FROM ${soqlIdentifier(t)} WHERE OwnerId = ${soqlId(departing)}`),
        ),
        'read what the departing user still owns',
      ),
    );
    for (const [k, objectType] of chunk.entries()) {
      const rows = await queryRowsOf(
        conn,
        responses,
        `q${k}`,
        ownedRow,
        `the ${objectType} records the departing user owns`,
      );
      for (const row of rows) ownedByDeparting.push({ recordId: row.Id, objectType, ownerId: row.OwnerId });
    }
  }
  const stillOwned = new Set(ownedByDeparting.map((r) => r.recordId));
  const currentOwners: Record<string, string | null> = {};
  for (const move of movesOf(plan.phases)) {
    const outcome = ctx.outcomes.get(move.recordId);
    currentOwners[move.recordId] = stillOwned.has(move.recordId)
      ? move.fromOwnerId
      : outcome === undefined || outcome.kind === 'failed'
        ? move.fromOwnerId
        : outcome.kind === 'conflict'
          ? outcome.currentOwnerId
          : move.toOwnerId;
  }
  for (const skip of plan.skipped) {
    if (skip.reason !== 'already_transferred') continue;
    currentOwners[skip.recordId] = stillOwned.has(skip.recordId) ? skip.previousOwnerId : skip.successorId;
  }
  for (const stay of plan.stays) currentOwners[stay.recordId] = stay.previousOwnerId;
  const failures = [...ctx.outcomes.values()].filter((o) => o.kind === 'failed');
  return verifyReassignment({
    plan,
    currentOwners,
    journal: failures.flatMap((o) =>
      o.itemIds.map((itemId) => ({
        itemId,
        recordId: o.recordId,
        transferStatus: 'Failed' as const,
        transferError: `${o.code ?? 'FAILED'}: ${o.message ?? ''}`,
      })),
    ),
    ownedByDeparting,
  });
}

async function reloadItems(setup: Setup): Promise<RunHandover> {
  const id = setup.loaded.handover.header.id;
  const [items, events] = await Promise.all([
    loadRunItems(setup.conn, id, { poll: setup.poll, counter: setup.counter }),
    readEvents(setup.conn, id),
  ]);
  return { ...setup.loaded.handover, items, events };
}

export type VerifyResult = { handoverId: string; status: SignoffStatus; report: VerifyReport; calls: BulkCalls };

/** Any party may check where a handover's records are now. */
export async function verifyHandover(
  conn: OrgConnection,
  handoverId: string,
  options: RunOptions = {},
): Promise<VerifyResult> {
  const setup = await setupOf(conn, handoverId, options);
  const { loaded } = setup;
  const report = await verifyLoaded(setup, options);
  return { handoverId: loaded.handover.header.id, status: loaded.handover.header.status, report, calls: setup.counter };
}

// ---------------------------------------------------------------- shared

function journalOf(setup: Setup, policy: Partial<ReassignPolicy>): Journal {
  return new Journal(setup.conn, {
    // The journal is the engine's own bookkeeping: large writes go through Bulk API 2.0 in every mode.
    bulkThreshold: policy.bulkThreshold ?? 2_000,
    poll: setup.poll,
    counter: setup.counter,
    retry: setup.retry,
    sleep: setup.sleep,
  });
}

function contextOf(
  setup: Setup,
  lease: Lease,
  record: RunRecord,
  policy: ReassignPolicy,
  headers: Record<string, string>,
  observed: Map<string, OwnerRow>,
  direction: 'forward' | 'undo',
  emit: (event: ProgressEvent) => void,
  journal?: Journal,
): ExecuteContext {
  const itemJournal = journal ?? journalOf(setup, policy);
  itemJournal.onWritten = (written, waiting) =>
    emit({ type: 'journal_written', at: setup.now().toISOString(), written, waiting });
  return {
    conn: setup.conn,
    direction,
    headers,
    concurrency: policy.concurrency,
    bulkThreshold: policy.bulkThreshold,
    journal: itemJournal,
    lease,
    observed,
    retry: setup.retry,
    sleep: setup.sleep,
    now: setup.now,
    poll: setup.poll,
    counter: setup.counter,
    reserveCheck: true,
    outcomes: new Map(),
    markPhase: (phase, counts) => record.markPhase(setup.runId, phase, counts),
    retries: 0,
    stop: null,
    emit,
  };
}

/** Refuses to start when the org's daily API allocation cannot cover the run above its reserve. */
async function preflight(setup: Setup, phases: readonly PlanPhase[], options: RunOptions): Promise<void> {
  if (options.reserveCheck === false) return;
  const info = await readLimitInfo(setup.conn);
  if (info === null) return;
  // Three calls per batch at most without retries: read, write, and a journal write (the journal writes
  // once per batch when it keeps up with them, less often when it gathers several).
  const batches = phases.reduce((n, p) => n + p.batches.length, 0);
  const estimate = batches * 3 + 10;
  if (!canSpend(estimate, info)) {
    throw new HandoverError(
      'API_LIMIT_RESERVE',
      `The run needs about ${estimate} API calls; the org can spend ${spendableCalls(info)} of its daily allocation today without touching the reserve.`,
      {
        actions: [
          'Run it when the daily allocation resets (24 hours rolling).',
          'Or use --mode bulk, which needs far fewer calls.',
        ],
        data: { estimate, used: info.used, max: info.max },
      },
    );
  }
}

const TEAMS_SAVED = 'teams_saved';

/** Team members saved in the audit log by earlier (maybe cut-off) runs of this handover. */
function savedTeamMembers(events: readonly AuditEvent[], prefix: string): Map<string, TeamMember[]> {
  const saved = new Map<string, TeamMember[]>();
  for (const e of events) {
    if (e.action !== `${prefix}.${TEAMS_SAVED}` || e.details === null) continue;
    const parsed = teamsSavedDetails.safeParse(safeJson(e.details));
    if (!parsed.success) continue;
    const list = saved.get(parsed.data.object) ?? [];
    list.push(...parsed.data.members);
    saved.set(parsed.data.object, list);
  }
  return saved;
}

const teamsSavedDetails = z.object({
  object: z.string(),
  members: z.array(
    z.object({ parentId: z.string(), userId: z.string(), fields: z.record(z.string(), z.string().nullable()) }),
  ),
});

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/**
 * Runs the phases; around each one the teams its owner changes delete are read, saved in the audit
 * log (so that a resumed run can put back what a cut-off one deleted) and re-inserted afterwards.
 */
async function executeWithTeams(
  setup: Setup,
  ctx: ExecuteContext,
  record: RunRecord,
  phases: readonly PlanPhase[],
  teamSteps: readonly TeamSnapshotStep[],
  kind: RunKind,
  events: readonly AuditEvent[],
): Promise<TeamRestore[]> {
  const { ownerIds } = setup.involved;
  const prefix = kind === 'reassign' ? 'reassignment' : 'rollback';
  const saved = savedTeamMembers(events, prefix);
  const restored: TeamRestore[] = [];
  await executePhases(ctx, phases, async (phase, run) => {
    const snapshots: TeamSnapshot[] = [];
    for (const step of teamSteps.filter((s) => s.phase === phase.phase)) {
      const before = saved.get(step.object) ?? [];
      const snapshot = await withRetries(ctx, () => snapshotTeams(ctx.conn, step, ownerIds, before));
      const known = new Set(before.map((m) => `${m.parentId}:${m.userId}`));
      const fresh = snapshot.members.filter((m) => !known.has(`${m.parentId}:${m.userId}`));
      for (let i = 0; i < fresh.length; i += 400) {
        await record.append([
          event(setup, `${prefix}.${TEAMS_SAVED}`, {
            object: step.object,
            members: fresh.slice(i, i + 400),
          }),
        ]);
      }
      snapshots.push(snapshot);
    }
    try {
      await run();
    } finally {
      // Members go back even when a batch failed: the parents that did move lost their teams.
      for (const snapshot of snapshots) {
        restored.push(await withRetries(ctx, () => restoreTeams(ctx.conn, snapshot, ownerIds)));
      }
    }
  });
  // A cut-off run may have moved parents (deleting their teams) that this run no longer moves.
  if (ctx.stop === null) restored.push(...(await repairTeams(ctx, saved, restored, ownerIds)));
  return restored;
}

async function repairTeams(
  ctx: ExecuteContext,
  saved: ReadonlyMap<string, TeamMember[]>,
  done: readonly TeamRestore[],
  ownerIds: readonly string[],
): Promise<TeamRestore[]> {
  const out: TeamRestore[] = [];
  for (const [object, members] of saved) {
    const covered = new Set(done.filter((r) => r.object === object).flatMap((r) => r.parentIds));
    const left = members.filter((m) => !covered.has(m.parentId));
    if (left.length === 0 || (object !== 'AccountTeamMember' && object !== 'OpportunityTeamMember')) continue;
    const step: TeamSnapshotStep = {
      object,
      parentIds: [...new Set(left.map((m) => m.parentId))],
      phase: object === 'AccountTeamMember' ? 'accounts' : 'opportunities',
      excludeUserIds: [],
    };
    out.push(await withRetries(ctx, () => restoreTeams(ctx.conn, { step, members: left }, ownerIds)));
  }
  return out;
}

/** The follow-up tasks; the records have moved by now, so a failure here is reported, not thrown. */
async function followUpsOf(setup: Setup, options: RunOptions): Promise<FollowUpResult> {
  try {
    return await withRetries(setup, async () => {
      const contactNotes = await loadContactNotes(setup.conn, setup.loaded.handover.header.id);
      return runFollowUps(
        setup.conn,
        { ...setup.loaded.handover, contactNotes },
        {
          now: setup.now(),
          createTasks: options.followUps !== false,
          freezeDeparting: options.freezeDeparting === true,
        },
      );
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { planned: 0, created: 0, existing: 0, createdTaskIds: [], error: message };
  }
}

function outcomeCounts(ctx: ExecuteContext, phases: readonly { records: number }[]): RunResult['outcome'] {
  const outcome = { transferred: 0, alreadyDone: 0, conflicts: 0, failed: 0, notReached: 0 };
  for (const o of ctx.outcomes.values()) {
    if (o.kind === 'transferred') {
      if (o.alreadyDone) outcome.alreadyDone++;
      else outcome.transferred++;
    } else if (o.kind === 'conflict') outcome.conflicts++;
    else outcome.failed++;
  }
  const planned = phases.reduce((n, p) => n + p.records, 0);
  outcome.notReached = planned - ctx.outcomes.size;
  return outcome;
}

function exceptionDigest(
  ctx: ExecuteContext,
  kind: 'conflict' | 'failed',
): { recordId: string; code: string | null; message: string | null }[] {
  return [...ctx.outcomes.values()]
    .filter((o) => o.kind === kind)
    .slice(0, 200)
    .map((o) => ({ recordId: o.recordId, code: o.code, message: o.message }));
}

function resultBase(
  setup: Setup,
  kind: RunKind,
  planHash: string,
  counts: RunResult['counts'],
  phases: readonly PlanPhase[],
  unassigned: number,
  progressState: ProgressState,
): RunResult {
  return {
    handoverId: setup.loaded.handover.header.id,
    runId: setup.runId,
    kind,
    dryRun: false,
    status: setup.loaded.handover.header.status,
    planHash,
    counts,
    phases: phaseSummary(phases),
    unassigned,
    outcome: { transferred: 0, alreadyDone: 0, conflicts: 0, failed: 0, notReached: 0 },
    exceptions: [],
    teams: [],
    followUps: null,
    verification: null,
    retries: 0,
    stopped: null,
    calls: setup.counter,
    progress: progressState,
  };
}

function finish(
  base: RunResult,
  ctx: ExecuteContext,
  status: SignoffStatus,
  teams: TeamRestore[],
  followUps: FollowUpResult | null,
  verification: VerifyReport | null,
  progressState: ProgressState,
): RunResult {
  return {
    ...base,
    status,
    outcome: outcomeCounts(ctx, base.phases),
    exceptions: [...ctx.outcomes.values()].filter((o) => o.kind !== 'transferred'),
    teams,
    followUps,
    verification,
    retries: ctx.retries,
    stopped: ctx.stop,
    progress: progressState,
  };
}
