/**
 * One run per handover at a time: a lease on Handover__c (Run_Lease_Owner__c, Run_Lease_Expires__c).
 * A run takes a free or expired lease, reads it back to make sure it won, renews it while it works
 * and clears it at the end. A run that dies leaves a lease that expires, so any process can resume.
 * Salesforce has no conditional update through the API: two runs that take a free lease in the same
 * instant both read back after writing and only the last writer keeps it; each renewal checks again.
 */
import { z } from 'zod';
import { HANDOVER_FIELDS, HANDOVER_OBJECTS } from '../../core/sobjects.js';
import type { OrgConnection } from '../connection.js';
import { soqlId } from '../soql.js';
import { updateRecords } from '../store/collections.js';
import { HandoverError } from '../store/errors.js';
import { queryAll } from '../store/query.js';
import { withRetries, type RetryPolicy } from './orgCalls.js';

const H = HANDOVER_FIELDS;

const leaseRow = z.looseObject({
  Id: z.string(),
  [H.runLeaseOwner]: z.string().nullable().optional(),
  [H.runLeaseExpires]: z.string().nullable().optional(),
});

export type LeaseState = { owner: string | null; expiresAt: string | null };

export async function readLease(conn: OrgConnection, handoverId: string): Promise<LeaseState> {
  const soql = `SELECT Id, ${H.runLeaseOwner}, ${H.runLeaseExpires} FROM ${HANDOVER_OBJECTS.handover} WHERE Id = ${soqlId(handoverId)}`;
  const [row] = await queryAll(conn, soql, leaseRow, 'the handover lease');
  return { owner: row?.[H.runLeaseOwner] ?? null, expiresAt: row?.[H.runLeaseExpires] ?? null };
}

function held(lease: LeaseState, runId: string, now: Date): boolean {
  return (
    lease.owner !== null &&
    lease.owner !== runId &&
    lease.expiresAt !== null &&
    Date.parse(lease.expiresAt) > now.getTime()
  );
}

function leaseHeldError(handoverId: string, lease: LeaseState): HandoverError {
  return new HandoverError(
    'RUN_IN_PROGRESS',
    `Another run (${lease.owner ?? 'unknown'}) is working on handover ${handoverId} until ${lease.expiresAt ?? 'unknown'}.`,
    {
      actions: [
        'Wait for it to finish: `sf handover verify` shows where it stands.',
        'If that run died, resume after its lease expires: `sf handover resume`.',
      ],
      data: { handoverId, leaseOwner: lease.owner, leaseExpires: lease.expiresAt },
    },
  );
}

export type LeaseOptions = {
  runId: string;
  leaseMs: number;
  now: () => Date;
  /** Retries of the lease's own calls. */
  retryPolicy: RetryPolicy;
  /** The wait between writing the lease and reading it back: a rival's write lands in it. */
  settleMs?: number;
};

export class Lease {
  private timer: NodeJS.Timeout | null = null;
  private lost: HandoverError | null = null;

  private constructor(
    private readonly conn: OrgConnection,
    private readonly handoverId: string,
    private readonly options: LeaseOptions,
  ) {}

  /** Takes the lease, or throws RUN_IN_PROGRESS. */
  public static async acquire(conn: OrgConnection, handoverId: string, options: LeaseOptions): Promise<Lease> {
    const retrying = <T>(fn: () => Promise<T>): Promise<T> => withRetries(options.retryPolicy, fn);
    const current = await retrying(() => readLease(conn, handoverId));
    if (held(current, options.runId, options.now())) throw leaseHeldError(handoverId, current);
    const lease = new Lease(conn, handoverId, options);
    await retrying(() => lease.write());
    await options.retryPolicy.sleep(options.settleMs ?? 300);
    const after = await retrying(() => readLease(conn, handoverId));
    if (after.owner !== options.runId) throw leaseHeldError(handoverId, after);
    lease.timer = setInterval(() => void lease.renew(), Math.max(1_000, Math.floor(options.leaseMs / 3)));
    lease.timer.unref();
    return lease;
  }

  /** Throws if another run took the lease meanwhile (the run must stop). */
  public check(): void {
    if (this.lost !== null) throw this.lost;
  }

  public async release(): Promise<void> {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    if (this.lost !== null) return;
    const current = await withRetries(this.options.retryPolicy, () => readLease(this.conn, this.handoverId));
    if (current.owner !== this.options.runId) return;
    await withRetries(this.options.retryPolicy, () =>
      updateRecords(this.conn, HANDOVER_OBJECTS.handover, [
        { Id: this.handoverId, [H.runLeaseOwner]: null, [H.runLeaseExpires]: null },
      ]),
    );
  }

  private async renew(): Promise<void> {
    try {
      const current = await readLease(this.conn, this.handoverId);
      if (current.owner !== this.options.runId) {
        this.lost = leaseHeldError(this.handoverId, current);
        if (this.timer !== null) clearInterval(this.timer);
        return;
      }
      await this.write();
    } catch {
      // A missed renewal is retried at the next tick; the lease is long enough for several.
    }
  }

  private async write(): Promise<void> {
    const expires = new Date(this.options.now().getTime() + this.options.leaseMs).toISOString();
    await updateRecords(this.conn, HANDOVER_OBJECTS.handover, [
      { Id: this.handoverId, [H.runLeaseOwner]: this.options.runId, [H.runLeaseExpires]: expires },
    ]);
  }
}
