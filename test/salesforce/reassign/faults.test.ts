/**
 * The reassignment engine when things go wrong, each case on its own demo org: a record changed by
 * someone else mid-run, a successor who cannot own records any more, lock contention from another
 * integration, 503s, the daily API allocation running low, two runs at once, Bulk API 2.0 mode, and
 * an undo after a partial run.
 */
import type jsforce from 'jsforce';
import { reassignHandover, rollbackHandover, type RunOptions } from '../../../src/salesforce/reassign/index.js';
import type { HandoverItem } from '../../../src/salesforce/store/index.js';
import { stopTestOrg, type TestOrg } from '../../helpers/localOrg.js';
import { startHandoverOrg } from '../service/helpers.js';
import { approvedHandover, asOrg, itemsOf, ownersOf, recordItemsOf, USERS, userId } from './helpers.js';

const fast: RunOptions = { leaseSettleMs: 20, pollIntervalMs: 20, followUps: false, retry: { baseMs: 5, maxMs: 50 } };

type Fixture = {
  org: TestOrg;
  admin: jsforce.Connection;
  manager: jsforce.Connection;
  handoverId: string;
  departingId: string;
};

async function fixture(successors?: string[]): Promise<Fixture> {
  const org = await startHandoverOrg();
  const admin = await org.login();
  const handoverId = await approvedHandover(org, successors);
  return {
    org,
    admin,
    manager: await org.login(USERS.manager),
    handoverId,
    departingId: await userId(admin, USERS.departing),
  };
}

/** A demo org with an approved handover, made before the tests of one describe block and stopped after them. */
function useFixture(successors?: string[]): () => Fixture {
  let made: Fixture | undefined;
  beforeAll(async () => {
    made = await fixture(successors);
  }, 120_000);
  afterAll(() => (made === undefined ? undefined : stopTestOrg(made.org)));
  return () => {
    if (made === undefined) throw new Error('the fixture was not made');
    return made;
  };
}

/** Every record item: moved ones with their successor, the rest with the departing rep. */
async function expectAllMoved(f: Fixture): Promise<HandoverItem[]> {
  const items = recordItemsOf(await itemsOf(f.admin, f.handoverId));
  const owners = await ownersOf(f.admin, items);
  for (const item of items) {
    const expected = item.transferStatus === 'Not_Planned' ? f.departingId : item.successorId;
    expect([item.recordId, owners.get(item.recordId ?? '')]).toEqual([item.recordId, expected]);
  }
  return items;
}

describe('reassignment under faults (local org, demo seed)', () => {
  describe('conflicts and permanent failures', () => {
    const setup = useFixture([USERS.successor1, USERS.successor2]);

    it('reports a record someone else took mid-run as a conflict and a deactivated successor’s records as failed', async () => {
      const f = setup();
      const items = recordItemsOf(await itemsOf(f.admin, f.handoverId));
      const deal = items.find((i) => i.objectType === 'Opportunity' && i.transferStatus === 'Pending');
      const lina = await userId(f.admin, USERS.lina);
      const successor2 = await userId(f.admin, USERS.successor2);
      let changed: Promise<unknown> = Promise.resolve();
      let fired = false;
      // Successor 2 leaves too, after approval: the org refuses them as owner (INACTIVE_OWNER_OR_USER).
      await f.admin.sobject('User').update({ Id: successor2, IsActive: false });
      const run = await reassignHandover(asOrg(f.manager), f.handoverId, {
        ...fast,
        onProgress: (_s, e) => {
          if (e.type === 'phase_started' && e.phase === 'contacts' && !fired) {
            fired = true;
            changed = f.admin.sobject('Opportunity').update({ Id: deal?.recordId ?? '', OwnerId: lina });
          }
        },
      });
      await changed;
      expect(run.status).toBe('Partially_Reassigned');
      const conflict = run.exceptions.find((e) => e.kind === 'conflict');
      expect(conflict).toMatchObject({ recordId: deal?.recordId, currentOwnerId: lina });
      const failed = run.exceptions.filter((e) => e.kind === 'failed');
      expect(failed.length).toBeGreaterThan(0);
      for (const e of failed) expect(e).toMatchObject({ toOwnerId: successor2, code: 'INACTIVE_OWNER_OR_USER' });
      expect(run.outcome.failed).toBe(failed.length);
      // Nothing of anyone else's is overwritten, and the journal says why.
      const owners = await ownersOf(f.admin, deal === undefined ? [] : [deal]);
      expect(owners.get(deal?.recordId ?? '')).toBe(lina);
      const after = recordItemsOf(await itemsOf(f.admin, f.handoverId));
      expect(after.find((i) => i.recordId === deal?.recordId)?.transferStatus).toBe('Conflict');
      const failedItem = after.find((i) => i.successorId === successor2 && i.transferStatus === 'Failed');
      expect(failedItem?.transferError).toMatch(/^INACTIVE_OWNER_OR_USER: /);
      expect(run.verification?.ok).toBe(false);
      expect(run.verification?.counts.failed).toBeGreaterThan(0);
    });

    it('retries the failed records once their cause is fixed, and still leaves the conflict alone', async () => {
      const f = setup();
      const before = recordItemsOf(await itemsOf(f.admin, f.handoverId));
      const failed = before.filter((i) => i.transferStatus === 'Failed');
      const conflict = before.find((i) => i.transferStatus === 'Conflict');
      const moved = before.filter((i) => i.transferStatus === 'Transferred');
      expect(failed.length).toBeGreaterThan(0);
      // The manager reactivates successor 2 and runs again (what `sf handover resume` does).
      await f.admin.sobject('User').update({ Id: await userId(f.admin, USERS.successor2), IsActive: true });
      const run = await reassignHandover(asOrg(f.manager), f.handoverId, fast);

      expect(run.outcome).toMatchObject({ transferred: failed.length, failed: 0, conflicts: 1 });
      expect(run.exceptions).toEqual([expect.objectContaining({ kind: 'conflict', recordId: conflict?.recordId })]);
      expect(run.status).toBe('Partially_Reassigned');
      const after = new Map(recordItemsOf(await itemsOf(f.admin, f.handoverId)).map((i) => [i.id, i]));
      const owners = await ownersOf(f.admin, [...failed, ...(conflict === undefined ? [] : [conflict])]);
      for (const item of failed) {
        expect([item.recordId, owners.get(item.recordId ?? '')]).toEqual([item.recordId, item.successorId]);
        expect(after.get(item.id)).toMatchObject({ transferStatus: 'Transferred', transferError: null });
      }
      expect(owners.get(conflict?.recordId ?? '')).toBe(await userId(f.admin, USERS.lina));
      // What moved in the first run was planned as done and not written again.
      for (const item of moved) expect(after.get(item.id)?.transferredAt).toBe(item.transferredAt);
    });
  });

  describe('lock contention and 503s', () => {
    const setup = useFixture();

    it('retries UNABLE_TO_LOCK_ROW and 503s with back-off and moves everything', async () => {
      const f = setup();
      const items = recordItemsOf(await itemsOf(f.admin, f.handoverId));
      const contacts = items.filter((i) => i.objectType === 'Contact').map((i) => i.recordId ?? '');
      // Another integration keeps writing the contacts' accounts' children, holding their locks.
      f.org.ctx.settings.lockHoldMs = 150;
      f.org.ctx.settings.lockWaitMs = 10;
      f.org.ctx.settings.errorRate503 = 0.1;
      let hogging = true;
      const reasons = new Set<string>();
      // Signed in before the run starts, so that the other integration is writing from the run's first batch.
      const other = await f.org.login();
      const hog = (async () => {
        for (let i = 0; hogging; i++) {
          const id = contacts[i % contacts.length] ?? '';
          // Through sObject Collections, which lock the parent accounts as Salesforce does.
          const next = contacts[(i + 1) % contacts.length] ?? '';
          await other
            .sobject('Contact')
            .update([
              { Id: id, Description: `sync ${i}` },
              { Id: next, Description: `sync ${i}` },
            ])
            .catch(() => undefined);
        }
      })();
      // Every tenth call gets a 503, whichever it is: an owner read, an owner write or a journal write.
      let served503 = 0;
      const counting =
        (call: (...args: unknown[]) => Promise<unknown>) =>
        async (...args: unknown[]) => {
          try {
            return await call(...args);
          } catch (error) {
            if (/SERVER_UNAVAILABLE|503/.test(String((error as { errorCode?: string }).errorCode))) served503++;
            throw error;
          }
        };
      const manager = new Proxy(f.manager, {
        get(target, prop) {
          const value: unknown = Reflect.get(target, prop, target);
          if (typeof value !== 'function') return value;
          const bound = (value as (...args: unknown[]) => Promise<unknown>).bind(target);
          return prop === 'request' || prop === 'query' ? counting(bound) : bound;
        },
      });
      const run = await reassignHandover(asOrg(manager), f.handoverId, {
        ...fast,
        retry: { baseMs: 100, maxMs: 800, maxRetries: 10 },
        onProgress: (_s, e) => {
          if (e.type === 'phase_started' && e.phase === 'cases') hogging = false;
          if (e.type === 'retry_scheduled') for (const code of Object.keys(e.reasons ?? {})) reasons.add(code);
        },
      }).finally(() => {
        hogging = false;
        f.org.ctx.settings.errorRate503 = 0;
        f.org.ctx.settings.lockHoldMs = 0;
      });
      await hog;
      expect(run.retries).toBeGreaterThan(0);
      expect(reasons).toContain('UNABLE_TO_LOCK_ROW');
      // The run met 503s and still moved everything: each was retried.
      expect(served503).toBeGreaterThan(0);
      expect(run.outcome).toMatchObject({ failed: 0, conflicts: 0 });
      expect(run.status).toBe('Reassigned');
      await expectAllMoved(f);
    });
  });

  describe("a real org's server time", () => {
    const setup = useFixture();

    it('never writes two item statuses at once (they all lock the handover), so nothing waits for a lock', async () => {
      const f = setup();
      // Each write keeps its records and their parents locked for 100 ms, and a write that waits for a
      // lock longer than 300 ms fails: parallel item writes would queue on the handover and fail.
      f.org.ctx.settings.lockHoldMs = 100;
      f.org.ctx.settings.lockWaitMs = 300;
      let itemWritesInFlight = 0;
      let mostItemWritesInFlight = 0;
      let itemWrites = 0;
      const lockErrors: string[] = [];
      const manager = new Proxy(f.manager, {
        get(target, prop) {
          const value: unknown = Reflect.get(target, prop, target);
          if (prop !== 'request' || typeof value !== 'function') return value;
          const request = (value as (r: unknown) => Promise<unknown>).bind(target);
          return async (r: { body?: string }) => {
            const isItemWrite = typeof r.body === 'string' && r.body.includes('"type":"Handover_Item__c"');
            if (isItemWrite) {
              itemWrites++;
              mostItemWritesInFlight = Math.max(mostItemWritesInFlight, ++itemWritesInFlight);
            }
            try {
              const answer = await request(r);
              if (JSON.stringify(answer).includes('UNABLE_TO_LOCK_ROW')) lockErrors.push(r.body?.slice(0, 80) ?? '');
              return answer;
            } finally {
              if (isItemWrite) itemWritesInFlight--;
            }
          };
        },
      });
      const run = await reassignHandover(asOrg(manager), f.handoverId, {
        ...fast,
        policy: { mode: 'collections', concurrency: 25, batchSize: 10 },
      }).finally(() => {
        f.org.ctx.settings.lockHoldMs = 0;
        f.org.ctx.settings.lockWaitMs = 10_000;
      });
      expect(itemWrites).toBeGreaterThan(1);
      expect(mostItemWritesInFlight).toBe(1);
      expect(lockErrors).toEqual([]);
      expect(run.retries).toBe(0);
      expect(run.status).toBe('Reassigned');
      await expectAllMoved(f);
    });
  });

  describe('the daily API allocation', () => {
    const setup = useFixture();

    it('refuses to start when the run would eat into the reserve', async () => {
      const f = setup();
      f.org.ctx.settings.dailyApiRequests = f.org.usage.used() + 1_010;
      await expect(reassignHandover(asOrg(f.manager), f.handoverId, fast)).rejects.toMatchObject({
        code: 'API_LIMIT_RESERVE',
      });
      f.org.ctx.settings.dailyApiRequests = 5_000_000;
    });

    it('stops cleanly when other traffic uses the allocation up, and a resume finishes without moving anything twice', async () => {
      const f = setup();
      const run = await reassignHandover(asOrg(f.manager), f.handoverId, {
        ...fast,
        onProgress: (_s, e) => {
          // Other integrations spend the day's calls: only the reserve is left.
          if (e.type === 'phase_started' && e.phase === 'opportunities') {
            f.org.ctx.settings.dailyApiRequests = f.org.usage.used() + 1_001;
          }
        },
      });
      expect(run.stopped?.code).toBe('API_LIMIT_RESERVE');
      expect(run.status).toBe('Partially_Reassigned');
      expect(run.outcome.notReached).toBeGreaterThan(0);
      const moved = recordItemsOf(await itemsOf(f.admin, f.handoverId)).filter(
        (i) => i.transferStatus === 'Transferred',
      );
      const stamps = await stampsOf(f.admin, moved);

      f.org.ctx.settings.dailyApiRequests = 5_000_000;
      const resumed = await reassignHandover(asOrg(f.manager), f.handoverId, fast);
      expect(resumed.status).toBe('Reassigned');
      expect(resumed.outcome.transferred).toBe(run.outcome.notReached);
      await expectAllMoved(f);
      expect(await stampsOf(f.admin, moved)).toEqual(stamps);
    });
  });

  describe('two runs at once, Bulk API 2.0, and undo after a partial run', () => {
    const setup = useFixture();

    it('refuses the second of two concurrent runs', async () => {
      const f = setup();
      // Signed in first, so that both runs start together (a slow sign-in could let the first finish).
      const other = asOrg(await f.org.login(USERS.manager));
      // Live progress of the jobs: what the org reported processed, by object, as the run saw it.
      const processed = new Map<string, number>();
      const onProgress: RunOptions['onProgress'] = (_s, e) => {
        if (e.type === 'bulk_progress') processed.set(e.objectType, e.processed);
      };
      const results = await Promise.allSettled([
        reassignHandover(asOrg(f.manager), f.handoverId, {
          ...fast,
          leaseSettleMs: 200,
          policy: { mode: 'bulk', bulkThreshold: 0 },
          onProgress,
        }),
        reassignHandover(other, f.handoverId, {
          ...fast,
          leaseSettleMs: 200,
          policy: { mode: 'bulk', bulkThreshold: 0 },
          onProgress,
        }),
      ]);
      const refused = results.filter((r) => r.status === 'rejected');
      expect(refused).toHaveLength(1);
      expect(refused[0]?.status === 'rejected' ? refused[0].reason : null).toMatchObject({ code: 'RUN_IN_PROGRESS' });
      const done = results.find((r) => r.status === 'fulfilled');
      expect(done?.value.status).toBe('Reassigned');
      // Bulk API 2.0 did the writes: jobs, not collections.
      expect(done?.value.calls.calls).toBeGreaterThan(0);
      expect(done?.value.phases.every((p) => p.methods.every((m) => m.endsWith(':bulk')))).toBe(true);
      // Each job's last poll reported all its rows processed; once done, nothing is counted as in flight.
      expect(processed.get('Account')).toBe(done?.value.progress.perObject.Account?.done);
      expect(done?.value.progress.processing).toEqual({});
      await expectAllMoved(f);
    });

    it('rolls a partial rollback back fully on the second try, journaled', async () => {
      const f = setup();
      const first = await rollbackHandover(asOrg(f.manager), f.handoverId, {
        ...fast,
        onProgress: (_s, e) => {
          if (e.type === 'phase_started' && e.phase === 'contacts') {
            f.org.ctx.settings.dailyApiRequests = f.org.usage.used() + 1_001;
          }
        },
      });
      expect(first.stopped?.code).toBe('API_LIMIT_RESERVE');
      f.org.ctx.settings.dailyApiRequests = 5_000_000;
      const second = await rollbackHandover(asOrg(f.manager), f.handoverId, fast);
      expect(second.status).toBe('Rolled_Back');
      const items = recordItemsOf(await itemsOf(f.admin, f.handoverId));
      const owners = await ownersOf(f.admin, items);
      for (const item of items) expect(owners.get(item.recordId ?? '')).toBe(f.departingId);
      expect(items.filter((i) => i.transferStatus === 'Transferred')).toEqual([]);
    });
  });
});

async function stampsOf(admin: jsforce.Connection, items: readonly HandoverItem[]): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const item of items) {
    const row = await admin.sobject(item.objectType ?? '').retrieve(item.recordId ?? '');
    out[item.recordId ?? ''] = String((row as { SystemModstamp?: string }).SystemModstamp);
  }
  return out;
}
