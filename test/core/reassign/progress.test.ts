import { buildReassignPlan } from '../../../src/core/reassign/plan.js';
import {
  initialProgress,
  progress,
  runStartedEvent,
  type ProgressEvent,
  type ProgressState,
} from '../../../src/core/reassign/progress.js';
import { children, item } from './fixtures.js';

const at = (seconds: number): string => new Date(Date.UTC(2026, 2, 2, 9, 0, 0) + seconds * 1000).toISOString();
const run = (events: readonly ProgressEvent[], windowMs?: number): ProgressState =>
  events.reduce(progress, initialProgress(windowMs));
const batch = (seconds: number, objectType: string, transferred: number, failed = 0, conflicts = 0): ProgressEvent => ({
  type: 'batch_done',
  at: at(seconds),
  batchId: `b-${seconds}`,
  objectType,
  transferred,
  failed,
  conflicts,
});
const start: ProgressEvent = { type: 'run_started', at: at(0), total: 1000, perObject: { Account: 200, Contact: 800 } };

describe('progress', () => {
  it('counts per object and in total', () => {
    const state = run([
      start,
      { type: 'phase_started', at: at(0), phase: 'accounts' },
      batch(10, 'Account', 198, 1, 1),
      { type: 'phase_started', at: at(10), phase: 'contacts' },
      batch(20, 'Contact', 150, 50),
    ]);
    expect(state).toMatchObject({
      phase: 'contacts',
      total: 1000,
      done: 348,
      failed: 51,
      conflicts: 1,
      perObject: {
        Account: { total: 200, done: 198, failed: 1, conflicts: 1 },
        Contact: { total: 800, done: 150, failed: 50, conflicts: 0 },
      },
      startedAt: at(0),
      updatedAt: at(20),
      finished: false,
    });
  });

  it('counts the rows a running Bulk API 2.0 job processed in the rate, until its batch is done', () => {
    const job = (seconds: number, processed: number): ProgressEvent => ({
      type: 'bulk_progress',
      at: at(seconds),
      batchId: 'bulk-contacts',
      objectType: 'Contact',
      processed,
    });
    const running = run([start, batch(10, 'Account', 200), job(20, 300), job(30, 600)]);
    expect(running.processing).toEqual({ 'bulk-contacts': { objectType: 'Contact', processed: 600 } });
    expect(running.done).toBe(200);
    // 800 of 1,000 processed in 30 s: the ETA counts the job's rows, not only settled batches.
    expect(running.ratePerSecond).toBeCloseTo(800 / 30);
    expect(running.etaSeconds).toBe(Math.ceil(200 / (800 / 30)));
    // A retried batch's new job starts from 0: what the org processed of the batch does not fall.
    expect(progress(running, job(31, 100)).processing['bulk-contacts']?.processed).toBe(600);
    const done = progress(running, {
      type: 'batch_done',
      at: at(40),
      batchId: 'bulk-contacts',
      objectType: 'Contact',
      transferred: 798,
      failed: 2,
      conflicts: 0,
    });
    expect(done.processing).toEqual({});
    expect(done.done + done.failed).toBe(1000);
  });

  it('follows what the item journal wrote and what waits, without counting it as records done', () => {
    expect(run([start]).journal).toEqual({ written: 0, waiting: 0 });
    const state = run([
      start,
      batch(10, 'Account', 200),
      { type: 'journal_written', at: at(11), written: 150, waiting: 50 },
      { type: 'stage_started', at: at(12), stage: 'journal' },
      { type: 'journal_written', at: at(13), written: 200, waiting: 0 },
    ]);
    expect(state.journal).toEqual({ written: 200, waiting: 0 });
    expect(state.done).toBe(200);
  });

  it('measures the rate over the sliding window and derives the ETA', () => {
    const state = run([start, batch(10, 'Account', 100), batch(20, 'Account', 100)]);
    expect(state.ratePerSecond).toBe(10);
    expect(state.etaSeconds).toBe(80);
  });

  it('follows the recent pace, not the average since the start', () => {
    // Slow first minute (1/s), then fast (10/s): a 30 s window sees only the fast part.
    const events = [
      start,
      batch(60, 'Contact', 60),
      batch(70, 'Contact', 100),
      batch(80, 'Contact', 100),
      batch(90, 'Contact', 100),
    ];
    const state = run(events, 30_000);
    expect(state.ratePerSecond).toBe(10);
    expect(state.etaSeconds).toBe(Math.ceil((1000 - 360) / 10));
    expect(state.samples.length).toBeLessThanOrEqual(5);
  });

  it('lets the rate fall while the run waits on retries', () => {
    const before = run([start, batch(10, 'Contact', 100)]);
    const waiting = progress(before, {
      type: 'retry_scheduled',
      at: at(20),
      batchId: 'b-x',
      objectType: 'Contact',
      records: 200,
      attempt: 1,
      delayMs: 800,
    });
    expect(before.ratePerSecond).toBe(10);
    expect(waiting.ratePerSecond).toBe(5);
    expect(waiting.retriesScheduled).toBe(1);
    expect(waiting.lastRetry).toEqual({ batchId: 'b-x', attempt: 1, delayMs: 800, at: at(20) });
  });

  it('has no rate or ETA before anything is measurable, and ETA 0 when finished', () => {
    expect(run([start]).ratePerSecond).toBeNull();
    expect(run([start]).etaSeconds).toBeNull();
    const finished = run([start, batch(10, 'Contact', 500), { type: 'run_finished', at: at(11) }]);
    expect(finished.finished).toBe(true);
    expect(finished.etaSeconds).toBe(0);
  });

  it('does not move time backwards on a late event', () => {
    const state = run([start, batch(10, 'Account', 100), batch(5, 'Account', 100)]);
    expect(state.ratePerSecond).toBe(20);
  });

  it('is pure: the same events give the same state, and the input state is untouched', () => {
    const events = [start, batch(10, 'Account', 100)];
    const first = run(events);
    const frozen = JSON.stringify(first);
    progress(first, batch(20, 'Account', 50));
    expect(JSON.stringify(first)).toBe(frozen);
    expect(run(events)).toEqual(first);
  });

  it('builds the start event from a plan', () => {
    const result = buildReassignPlan([item('Account', 'A1', 'A1'), ...children('Contact', 'A1', 3)]);
    if (!result.ok) throw new Error('plan');
    expect(runStartedEvent(result.plan.phases, at(0))).toEqual({
      type: 'run_started',
      at: at(0),
      total: 4,
      perObject: { Account: 1, Contact: 3 },
    });
  });
});
