/**
 * Runs the phases of a plan (forward) or of an undo plan against the org: batches of a phase in
 * parallel without sharing a parent lock (core nextBatches), each phase marked in the run journal
 * before its first write and each batch's outcomes handed to the item journal after it,
 * compare-and-set on the owner, retries with jittered back-off for what is transient, and a clean
 * stop when the daily API allocation reaches its reserve or another run takes the lease.
 */
import {
  canRetry,
  canSpend,
  movesOf,
  classifyOutcome,
  compareAndSet,
  nextBatches,
  parseBulkError,
  progress,
  retryDelay,
  type Outcome,
  type PlanBatch,
  type PlannedMove,
  type PlanPhase,
  type ProgressEvent,
  type ProgressState,
  type RetryOptions,
  type WriteResult,
  type PhaseCounts,
} from '../../core/reassign/index.js';
import type { TransferStatus } from '../../core/sobjects.js';
import type { OrgConnection } from '../connection.js';
import type { Journal, ItemMark } from './journal.js';
import type { Lease } from './lease.js';
import {
  readLimitInfo,
  readOwners,
  runIngestJob,
  toCsv,
  withRetries,
  writeOwnersCollections,
  type BulkCalls,
  type OwnerRow,
  type PollOptions,
} from './orgCalls.js';

export type Direction = 'forward' | 'undo';

export type RecordOutcome = {
  recordId: string;
  objectType: string;
  accountId: string | null;
  itemIds: string[];
  fromOwnerId: string;
  toOwnerId: string;
  kind: 'transferred' | 'conflict' | 'failed';
  /** Already with the new owner when the batch looked (a resumed run, or a lost response). */
  alreadyDone: boolean;
  code: string | null;
  message: string | null;
  currentOwnerId: string | null;
  attempts: number;
};

export type StopReason = { code: 'API_LIMIT_RESERVE' | 'REQUEST_LIMIT_EXCEEDED'; message: string };

export type ExecuteContext = {
  conn: OrgConnection;
  direction: Direction;
  headers: Readonly<Record<string, string>>;
  concurrency: number;
  /** More records than this in a retry go through Bulk API 2.0 again. */
  bulkThreshold: number;
  journal: Journal;
  lease: Lease;
  /** Owners read when the plan was made: the compare-and-set of a bulk job's first attempt. */
  observed: ReadonlyMap<string, OwnerRow>;
  retry: RetryOptions;
  sleep: (ms: number) => Promise<void>;
  now: () => Date;
  poll: PollOptions;
  counter: BulkCalls;
  /** Calls kept free for the rest of the org; checked between batches. */
  reserveCheck: boolean;
  outcomes: Map<string, RecordOutcome>;
  /**
   * Marks a phase in the run journal: started (counts null) before its first write, finished with its
   * counts after its last (the finish may wait to ride with the next write of the header).
   */
  markPhase: (phase: PlanPhase, counts: PhaseCounts | null) => Promise<void>;
  retries: number;
  stop: StopReason | null;
  emit: (event: ProgressEvent) => void;
};

export function progressEmitter(
  onProgress: ((state: ProgressState, event: ProgressEvent) => void) | undefined,
  initial: ProgressState,
): { emit: (event: ProgressEvent) => void; state: () => ProgressState } {
  let state = initial;
  return {
    emit: (event) => {
      state = progress(state, event);
      onProgress?.(state, event);
    },
    state: () => state,
  };
}

/** Runs the phases in order; stops early (ctx.stop) on the API reserve. Errors (journal, lease) are thrown. */
export async function executePhases(
  ctx: ExecuteContext,
  phases: readonly PlanPhase[],
  around: (phase: PlanPhase, run: () => Promise<void>) => Promise<void>,
): Promise<void> {
  for (const phase of phases) {
    if (ctx.stop !== null) break;
    ctx.emit({ type: 'phase_started', at: ctx.now().toISOString(), phase: phase.phase });
    await around(phase, async () => {
      // The run journal says the phase may write before any batch of it does (one header write).
      await ctx.markPhase(phase, null);
      await runPhase(ctx, phase);
      await ctx.markPhase(phase, phaseCounts(ctx, phase));
    });
  }
  // What the journal has not written in the background yet goes out now (Bulk API 2.0 when many).
  if (ctx.journal.busy) ctx.emit({ type: 'stage_started', at: ctx.now().toISOString(), stage: 'journal' });
  await ctx.journal.flush();
}

function phaseCounts(ctx: ExecuteContext, phase: PlanPhase): PhaseCounts {
  const counts = { transferred: 0, failed: 0, conflicts: 0 };
  for (const move of movesOf([phase])) {
    const kind = ctx.outcomes.get(move.recordId)?.kind;
    if (kind === 'transferred') counts.transferred++;
    else if (kind === 'failed') counts.failed++;
    else if (kind === 'conflict') counts.conflicts++;
  }
  return counts;
}

async function runPhase(ctx: ExecuteContext, phase: PlanPhase): Promise<void> {
  const running = new Map<string, Promise<void>>();
  const finished = new Set<string>();
  // The first error of a batch (the journal or the lease): the phase stops starting batches and rethrows it.
  const failed: { error: Error | null } = { error: null };
  while (finished.size < phase.batches.length && ctx.stop === null && failed.error === null) {
    const chosen = nextBatches(phase, { running: new Set(running.keys()), finished }, ctx.concurrency);
    for (const batch of chosen) {
      const task = runBatch(ctx, batch)
        .catch((error: unknown) => {
          failed.error ??= error instanceof Error ? error : new Error(JSON.stringify(error));
        })
        .finally(() => {
          running.delete(batch.batchId);
          finished.add(batch.batchId);
        });
      running.set(batch.batchId, task);
    }
    if (running.size === 0) break;
    await Promise.race(running.values());
  }
  await Promise.all(running.values());
  if (failed.error !== null) throw failed.error;
}

// ---------------------------------------------------------------- one batch

async function runBatch(ctx: ExecuteContext, batch: PlanBatch): Promise<void> {
  ctx.lease.check();
  if (ctx.stop !== null) return;
  if (ctx.reserveCheck) await checkReserve(ctx);
  if (ctx.stop !== null) return;

  const settled: RecordOutcome[] = [];
  let pending: PlannedMove[] = batch.moves;
  let last = new Map<string, Outcome>();
  for (let attempt = 1; pending.length > 0; attempt++) {
    const fresh = attempt > 1 || batch.method === 'collections';
    const ids = pending.map((m) => m.recordId);
    const owners = fresh ? await withRetries(ctx, () => readOwners(ctx.conn, batch.objectType, ids)) : ctx.observed;
    const toWrite: PlannedMove[] = [];
    for (const move of pending) {
      const current = owners.get(move.recordId)?.OwnerId ?? null;
      const check = compareAndSet({ fromOwnerId: move.fromOwnerId, toOwnerId: move.toOwnerId }, current);
      if (check === 'write') toWrite.push(move);
      else settled.push(outcomeOf(move, check, current, attempt));
    }
    const results = await write(ctx, batch, toWrite);
    const retry: PlannedMove[] = [];
    last = new Map();
    toWrite.forEach((move, i) => {
      const outcome = classifyOutcome({ ...move, result: results[i] ?? { kind: 'unprocessed' } });
      if (outcome.kind === 'retryable') {
        if (isDailyLimit(outcome)) ctx.stop ??= { code: 'REQUEST_LIMIT_EXCEEDED', message: outcome.message };
        retry.push(move);
        last.set(move.recordId, outcome);
      } else settled.push(outcomeOf(move, outcome, null, attempt));
    });
    pending = retry;
    // Out of daily calls: the records stay Pending in a started phase, and a resumed run finishes them.
    if (pending.length === 0 || ctx.stop !== null) break;
    if (!canRetry(attempt, ctx.retry.maxRetries)) {
      for (const move of pending) {
        settled.push(outcomeOf(move, last.get(move.recordId) ?? retryableUnknown, null, attempt));
      }
      pending = [];
      break;
    }
    const delayMs = retryDelay(attempt, ctx.retry);
    const reasons: Record<string, number> = {};
    for (const outcome of last.values())
      if (outcome.kind === 'retryable') reasons[outcome.code] = (reasons[outcome.code] ?? 0) + 1;
    ctx.retries++;
    ctx.emit({
      type: 'retry_scheduled',
      at: ctx.now().toISOString(),
      batchId: batch.batchId,
      objectType: batch.objectType,
      records: pending.length,
      attempt,
      delayMs,
      reasons,
    });
    await ctx.sleep(delayMs);
  }

  for (const outcome of settled) ctx.outcomes.set(outcome.recordId, outcome);
  const marks = settled.flatMap((o) => afterMarks(ctx, o));
  // A collections batch hands its marks to the journal, which writes them in the background, one
  // write at a time (see Journal). A Bulk API 2.0 batch is its object's whole phase: its marks are
  // only queued, and go out with the journal's next write (in a Bulk API 2.0 run, one job at the end).
  if (batch.method === 'collections') await ctx.journal.hand(marks);
  else ctx.journal.queue(marks);
  ctx.emit({
    type: 'batch_done',
    at: ctx.now().toISOString(),
    batchId: batch.batchId,
    objectType: batch.objectType,
    transferred: settled.filter((o) => o.kind === 'transferred').length,
    failed: settled.filter((o) => o.kind === 'failed').length,
    conflicts: settled.filter((o) => o.kind === 'conflict').length,
  });
}

const retryableUnknown: Outcome = { kind: 'retryable', code: 'UNKNOWN', message: 'Gave up after the retries.' };

function isDailyLimit(outcome: Outcome): boolean {
  return (
    outcome.kind === 'retryable' && outcome.code === 'REQUEST_LIMIT_EXCEEDED' && /TotalRequests/i.test(outcome.message)
  );
}

async function checkReserve(ctx: ExecuteContext): Promise<void> {
  const info = await readLimitInfo(ctx.conn);
  if (info !== null && !canSpend(1, info)) {
    ctx.stop ??= {
      code: 'API_LIMIT_RESERVE',
      message: `The org has ${info.max - info.used} of ${info.max} daily API calls left: the reserve for other integrations.`,
    };
  }
}

async function write(ctx: ExecuteContext, batch: PlanBatch, moves: readonly PlannedMove[]): Promise<WriteResult[]> {
  if (moves.length === 0) return [];
  if (batch.method === 'bulk' && moves.length > ctx.bulkThreshold) return writeBulk(ctx, batch, moves);
  const results: WriteResult[] = [];
  for (let i = 0; i < moves.length; i += 200) {
    const chunk = moves.slice(i, i + 200);
    const changes = chunk.map((m) => ({ recordId: m.recordId, toOwnerId: m.toOwnerId }));
    results.push(...(await writeOwnersCollections(ctx.conn, batch.objectType, changes, ctx.headers)));
  }
  return results;
}

async function writeBulk(ctx: ExecuteContext, batch: PlanBatch, moves: readonly PlannedMove[]): Promise<WriteResult[]> {
  const { batchId, objectType } = batch;
  const csv = toCsv(
    ['Id', 'OwnerId'],
    moves.map((m) => [m.recordId, m.toOwnerId]),
  );
  let outcome;
  try {
    // Bulk API 2.0 runs no assignment rule unless the job names one: nothing re-routes the records.
    // The job's progress as the org reports it: a large job runs for minutes on a real org.
    const poll: PollOptions = {
      ...ctx.poll,
      onPoll: (processed) =>
        ctx.emit({ type: 'bulk_progress', at: ctx.now().toISOString(), batchId, objectType, processed }),
    };
    outcome = await runIngestJob(ctx.conn, objectType, 'update', csv, moves.length, poll, ctx.counter);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return moves.map(() => ({ kind: 'transport', httpStatus: null, errorCode: null, message }));
  }
  return moves.map((m): WriteResult => {
    const failed = outcome.failed.get(m.recordId);
    if (failed !== undefined) return { kind: 'rejected', errors: [parseBulkError(failed)] };
    if (outcome.unprocessed.has(m.recordId)) return { kind: 'unprocessed' };
    return { kind: 'saved' };
  });
}

// ---------------------------------------------------------------- outcomes and marks

function outcomeOf(
  move: PlannedMove,
  outcome: Outcome,
  currentOwnerId: string | null,
  attempts: number,
): RecordOutcome {
  const base = {
    recordId: move.recordId,
    objectType: move.objectType,
    accountId: move.accountId,
    itemIds: move.itemIds,
    fromOwnerId: move.fromOwnerId,
    toOwnerId: move.toOwnerId,
    attempts,
  };
  switch (outcome.kind) {
    case 'transferred':
      return {
        ...base,
        kind: 'transferred',
        alreadyDone: outcome.alreadyDone,
        code: null,
        message: null,
        currentOwnerId: move.toOwnerId,
      };
    case 'conflict':
      return {
        ...base,
        kind: 'conflict',
        alreadyDone: false,
        code: 'CONFLICT',
        message: outcome.message,
        currentOwnerId: outcome.currentOwnerId ?? currentOwnerId,
      };
    case 'permanent':
    case 'retryable':
      return {
        ...base,
        kind: 'failed',
        alreadyDone: false,
        code: outcome.code,
        message: outcome.message,
        currentOwnerId: null,
      };
  }
}

export function marksFor(
  moves: readonly Pick<PlannedMove, 'itemIds'>[],
  status: TransferStatus,
  error: string | null,
  at: string | null | undefined,
): ItemMark[] {
  return moves.flatMap((m) => m.itemIds.map((itemId) => ({ itemId, status, error, at })));
}

/** The journal entry of a settled record: forward Transferred / Conflict / Failed; undo Rolled_Back, or still Transferred with why not. */
function afterMarks(ctx: ExecuteContext, o: RecordOutcome): ItemMark[] {
  const at = ctx.now().toISOString();
  const why = o.code === null ? null : `${o.code}: ${o.message ?? ''}`;
  if (ctx.direction === 'undo') {
    if (o.kind === 'transferred') return marksFor([o], 'Rolled_Back', null, at);
    return marksFor([o], 'Transferred', `Not rolled back: ${why ?? ''}`, undefined);
  }
  if (o.kind === 'transferred') return marksFor([o], 'Transferred', null, at);
  return marksFor([o], o.kind === 'conflict' ? 'Conflict' : 'Failed', why, null);
}
