/**
 * Live progress of a run (or an undo), for the CLI's progress bar and the UI's SSE feed: a reducer
 * over the runner's events. Pure: time comes only from the events' timestamps, so replaying the
 * same events gives the same state.
 *
 * The rate is measured over a sliding window (default one minute): it follows the current pace
 * (a phase of bulk jobs is faster than one of lock-bound collections) and falls while a run waits
 * on retries, so the ETA does not promise what the last minutes no longer show.
 */
import type { IsoDateTime } from '../model.js';
import { movesOf, type PhaseName, type PlanPhase } from './batching.js';

export type ProgressEvent =
  | { type: 'run_started'; at: IsoDateTime; total: number; perObject: Readonly<Record<string, number>> }
  | { type: 'phase_started'; at: IsoDateTime; phase: PhaseName }
  | {
      type: 'batch_done';
      at: IsoDateTime;
      batchId: string;
      objectType: string;
      transferred: number;
      failed: number;
      conflicts: number;
    }
  | {
      type: 'retry_scheduled';
      at: IsoDateTime;
      batchId: string;
      objectType: string;
      records: number;
      attempt: number;
      delayMs: number;
      /** Why, by the org's error code: { UNABLE_TO_LOCK_ROW: 12 }. */
      reasons?: Readonly<Record<string, number>>;
    }
  /** A Bulk API 2.0 batch's job in the org: how many of its rows the org has processed so far. */
  | { type: 'bulk_progress'; at: IsoDateTime; batchId: string; objectType: string; processed: number }
  /**
   * The item journal wrote statuses in the background (see the engine's Journal): how many so far,
   * and how many wait for its next write.
   */
  | { type: 'journal_written'; at: IsoDateTime; written: number; waiting: number }
  /**
   * After the records: the journal's last statuses (when some wait), then follow-up tasks and the
   * verification read (forward runs).
   */
  | { type: 'stage_started'; at: IsoDateTime; stage: 'journal' | 'follow_ups' | 'verify' }
  | { type: 'run_finished'; at: IsoDateTime };

export type ObjectProgress = { total: number; done: number; failed: number; conflicts: number };

export type RateSample = { atMs: number; processed: number };

export type ProgressState = {
  phase: PhaseName | null;
  total: number;
  /** Records transferred. */
  done: number;
  failed: number;
  conflicts: number;
  perObject: Record<string, ObjectProgress>;
  retriesScheduled: number;
  /** Item statuses the journal wrote, and those waiting for its next write. */
  journal: { written: number; waiting: number };
  /** Rows the org has processed in the Bulk API 2.0 jobs under way, by batch (gone once the batch is done). */
  processing: Record<string, { objectType: string; processed: number }>;
  lastRetry: { batchId: string; attempt: number; delayMs: number; at: IsoDateTime } | null;
  /** Records settled (done, failed or conflict) per second over the window; null until measurable. */
  ratePerSecond: number | null;
  /** Seconds left at the current rate; 0 when finished, null when unknown. */
  etaSeconds: number | null;
  startedAt: IsoDateTime | null;
  updatedAt: IsoDateTime | null;
  finished: boolean;
  windowMs: number;
  /** Oldest first; the first one may lie before the window, as the anchor the rate is measured from. */
  samples: readonly RateSample[];
};

export const DEFAULT_RATE_WINDOW_MS = 60_000;

export function initialProgress(windowMs: number = DEFAULT_RATE_WINDOW_MS): ProgressState {
  return {
    phase: null,
    total: 0,
    done: 0,
    failed: 0,
    conflicts: 0,
    perObject: {},
    retriesScheduled: 0,
    journal: { written: 0, waiting: 0 },
    processing: {},
    lastRetry: null,
    ratePerSecond: null,
    etaSeconds: null,
    startedAt: null,
    updatedAt: null,
    finished: false,
    windowMs,
    samples: [],
  };
}

/** The run_started event of a plan's (or an undo plan's) phases. */
export function runStartedEvent(phases: readonly PlanPhase[], at: IsoDateTime): ProgressEvent {
  const perObject: Record<string, number> = {};
  const moves = movesOf(phases);
  for (const move of moves) perObject[move.objectType] = (perObject[move.objectType] ?? 0) + 1;
  return { type: 'run_started', at, total: moves.length, perObject };
}

export function progress(state: ProgressState, event: ProgressEvent): ProgressState {
  const next = apply(state, event);
  return measure(next, event.at);
}

function apply(state: ProgressState, event: ProgressEvent): ProgressState {
  switch (event.type) {
    case 'run_started': {
      const perObject: Record<string, ObjectProgress> = {};
      for (const [objectType, total] of Object.entries(event.perObject)) {
        perObject[objectType] = { total, done: 0, failed: 0, conflicts: 0 };
      }
      return { ...initialProgress(state.windowMs), total: event.total, perObject, startedAt: event.at };
    }
    case 'phase_started':
      return { ...state, phase: event.phase };
    case 'batch_done': {
      const object = state.perObject[event.objectType] ?? { total: 0, done: 0, failed: 0, conflicts: 0 };
      const processing = { ...state.processing };
      delete processing[event.batchId];
      return {
        ...state,
        processing,
        done: state.done + event.transferred,
        failed: state.failed + event.failed,
        conflicts: state.conflicts + event.conflicts,
        perObject: {
          ...state.perObject,
          [event.objectType]: {
            total: object.total,
            done: object.done + event.transferred,
            failed: object.failed + event.failed,
            conflicts: object.conflicts + event.conflicts,
          },
        },
      };
    }
    case 'retry_scheduled':
      return {
        ...state,
        retriesScheduled: state.retriesScheduled + 1,
        lastRetry: { batchId: event.batchId, attempt: event.attempt, delayMs: event.delayMs, at: event.at },
      };
    case 'bulk_progress':
      return {
        ...state,
        processing: {
          ...state.processing,
          // A retried batch's new job starts from 0: what the org processed of the batch only grows.
          [event.batchId]: {
            objectType: event.objectType,
            processed: Math.max(event.processed, state.processing[event.batchId]?.processed ?? 0),
          },
        },
      };
    case 'journal_written':
      return { ...state, journal: { written: event.written, waiting: event.waiting } };
    case 'stage_started':
      return state;
    case 'run_finished':
      return { ...state, finished: true };
  }
}

/** Records the org has processed in Bulk API 2.0 jobs still under way, of one object or of all. */
export function inFlight(state: ProgressState, objectType?: string): number {
  let rows = 0;
  for (const job of Object.values(state.processing))
    if (objectType === undefined || job.objectType === objectType) rows += job.processed;
  return rows;
}

/**
 * Adds a sample at the event's time, drops those the window no longer needs, recomputes rate and ETA.
 * Rows a running Bulk API 2.0 job processed count as progress: the rate does not wait for the job's end.
 */
function measure(state: ProgressState, at: IsoDateTime): ProgressState {
  const processed = state.done + state.failed + state.conflicts + inFlight(state);
  const last = state.samples.at(-1);
  const parsed = Date.parse(at);
  // A late or unreadable timestamp does not move time backwards.
  const atMs = last === undefined ? parsed : Number.isFinite(parsed) ? Math.max(parsed, last.atMs) : last.atMs;
  if (!Number.isFinite(atMs)) return { ...state, updatedAt: at };
  const samples = [...state.samples, { atMs, processed }];
  while (samples.length > 1 && (samples[1]?.atMs ?? Infinity) <= atMs - state.windowMs) samples.shift();
  const first = samples[0] ?? { atMs, processed };
  const seconds = (atMs - first.atMs) / 1000;
  const ratePerSecond = seconds > 0 ? (processed - first.processed) / seconds : null;
  const remaining = Math.max(0, state.total - processed);
  const etaSeconds =
    state.finished || remaining === 0
      ? 0
      : ratePerSecond !== null && ratePerSecond > 0
        ? Math.ceil(remaining / ratePerSecond)
        : null;
  return { ...state, samples, ratePerSecond, etaSeconds, updatedAt: at };
}
