import { nextBatches, phaseOf, type PlanBatch, type PlanPhase } from '../../../src/core/reassign/batching.js';
import { buildReassignPlan, type ReassignPlan } from '../../../src/core/reassign/plan.js';
import type { PlanItem } from '../../../src/core/reassign/items.js';
import { children, seeded } from './fixtures.js';

function plan(items: readonly PlanItem[], concurrency = 4): ReassignPlan {
  const result = buildReassignPlan(items, { concurrency, mode: 'collections' });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.plan;
}

const batch = (
  batchId: string,
  lockKeys: string[],
  sequentialGroup: string | null = null,
  sequence = 0,
): PlanBatch => ({
  batchId,
  phase: 'contacts',
  objectType: 'Contact',
  method: 'collections',
  moves: [],
  lockKeys,
  sequentialGroup,
  sequence,
});
const phase = (batches: PlanBatch[]): PlanPhase => ({ phase: 'contacts', objectTypes: ['Contact'], batches });
const ids = (batches: readonly PlanBatch[]): string[] => batches.map((b) => b.batchId);
const none: ReadonlySet<string> = new Set();

describe('phaseOf', () => {
  it('puts unknown objects in the last phase', () => {
    expect(phaseOf('Account')).toBe('accounts');
    expect(phaseOf('Event')).toBe('activities');
    expect(phaseOf('ContentDocument')).toBe('files');
    expect(phaseOf('Invoice__c')).toBe('other');
  });
});

describe('nextBatches', () => {
  it('starts up to `concurrency` batches, counting those already running', () => {
    const p = phase([batch('b1', ['A']), batch('b2', ['B']), batch('b3', ['C']), batch('b4', ['D'])]);
    expect(ids(nextBatches(p, { running: none, finished: none }, 3))).toEqual(['b1', 'b2', 'b3']);
    expect(ids(nextBatches(p, { running: new Set(['b1', 'b2']), finished: none }, 3))).toEqual(['b3']);
    expect(ids(nextBatches(p, { running: new Set(['b1']), finished: new Set(['b2', 'b3']) }, 3))).toEqual(['b4']);
  });

  it('never starts a batch that shares an account with a running or chosen one', () => {
    const p = phase([batch('b1', ['A', 'B']), batch('b2', ['B', 'C']), batch('b3', ['D']), batch('b4', ['A'])]);
    expect(ids(nextBatches(p, { running: none, finished: none }, 4))).toEqual(['b1', 'b3']);
    expect(ids(nextBatches(p, { running: new Set(['b1']), finished: none }, 4))).toEqual(['b3']);
    expect(ids(nextBatches(p, { running: none, finished: new Set(['b1']) }, 4))).toEqual(['b2', 'b3', 'b4']);
  });

  it('runs the batches of a large account one after another, in sequence', () => {
    const p = phase([batch('big0', ['X'], 'X', 0), batch('big1', ['X'], 'X', 1), batch('small', ['Y'])]);
    expect(ids(nextBatches(p, { running: none, finished: none }, 4))).toEqual(['big0', 'small']);
    expect(ids(nextBatches(p, { running: new Set(['big0']), finished: none }, 4))).toEqual(['small']);
    expect(ids(nextBatches(p, { running: none, finished: new Set(['big0']) }, 4))).toEqual(['big1', 'small']);
  });

  it('lets batches without an account run alongside anything', () => {
    const p = phase([batch('b1', ['A']), batch('loose', [])]);
    expect(ids(nextBatches(p, { running: new Set(['b1']), finished: none }, 4))).toEqual(['loose']);
  });

  it('drives a whole plan without two concurrent batches ever sharing an account', () => {
    const random = seeded(7);
    const items: PlanItem[] = [];
    for (let a = 0; a < 40; a++) {
      const size = Math.floor(random() ** 2 * 500);
      items.push(...children('Contact', `ACC${a}`, size), ...children('Task', `ACC${a}`, Math.floor(size / 3)));
      items.push(...children('Event', `ACC${a}`, Math.floor(size / 4)));
    }
    const concurrency = 4;
    const p = plan(items, concurrency);
    for (const ph of p.phases) {
      const running = new Map<string, PlanBatch>();
      const finished = new Set<string>();
      const order: PlanBatch[] = [];
      while (finished.size < ph.batches.length) {
        for (const b of nextBatches(ph, { running: new Set(running.keys()), finished }, concurrency)) {
          running.set(b.batchId, b);
          order.push(b);
        }
        const active = [...running.values()];
        expect(active.length).toBeGreaterThan(0);
        expect(active.length).toBeLessThanOrEqual(concurrency);
        const keys = active.flatMap((b) => b.lockKeys);
        expect(new Set(keys).size).toBe(keys.length);
        // Finish a random running batch.
        const done = active[Math.floor(random() * active.length)];
        if (done === undefined) break;
        running.delete(done.batchId);
        finished.add(done.batchId);
      }
      expect(finished.size).toBe(ph.batches.length);
      for (const b of order.filter((o) => o.sequentialGroup !== null)) {
        const earlier = order.filter((o) => o.sequentialGroup === b.sequentialGroup && o.sequence < b.sequence);
        expect(earlier.every((e) => order.indexOf(e) < order.indexOf(b))).toBe(true);
      }
    }
  });
});
