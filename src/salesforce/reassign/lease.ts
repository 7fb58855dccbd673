/**
 * One run per handover at a time: a lease on Handover__c (Run_Lease_Owner__c, Run_Lease_Expires__c).
 * A run takes a free or expired lease, reads it back to make sure it won, renews it while it works
 * and clears it at the end. A run that dies leaves a lease that expires, so any process can resume.
 * Salesforce has no conditional update through the API: two runs that take a free lease in the same
 * instant both read back after writing and only the last writer keeps it; each renewal checks again.
 */
import { z } from 'zod';
import { parseRunJournal, type RunJournal } from '../../core/reassign/index.js';
import { HANDOVER_FIELDS, HANDOVER_OBJECTS } from '../../core/sobjects.js';
import type { OrgConnection } from '../connection.js';
import { queryRowsOf, querySubrequest, sendComposite } from '../composite.js';
import { soqlId } from '../soql.js';
import { eventsOfRows, eventsSoql } from '../store/events.js';
import type { AuditEvent } from '../store/model.js';
import { eventSchema } from '../store/rows.js';
import { updateRecords } from '../store/collections.js';
import { HandoverError } from '../store/errors.js';
import { queryAll } from '../store/query.js';
import { withRetries, type RetryPolicy } from './orgCalls.js';

const H = HANDOVER_FIELDS;

const leaseRow = z.looseObject({
  Id: z.string(),
  [H.runLeaseOwner]: z.string().nullable().optional(),
  [H.runLeaseExpires]: z.string().nullable().optional(),
  [H.runJournal]: z.string().nullable().optional(),
});

export type LeaseState = {
  owner: string | null;
  expiresAt: string | null;
  /** The run journal (phases started and finished), for whoever watches a run. */
  journal?: RunJournal;
};

const leaseSoql = (handoverId: string): string =>
  `SELECT Id, ${H.runLeaseOwner}, ${H.runLeaseExpires}, ${H.runJournal} FROM ${HANDOVER_OBJECTS.handover} WHERE Id = ${soqlId(handoverId)}`;

function leaseOf(row: z.infer<typeof leaseRow> | undefined): LeaseState {
  return {
    owner: row?.[H.runLeaseOwner] ?? null,
    expiresAt: row?.[H.runLeaseExpires] ?? null,
    journal: parseRunJournal(row?.[H.runJournal]),
  };
}

export async function readLease(conn: OrgConnection, handoverId: string): Promise<LeaseState> {
  const [row] = await queryAll(conn, leaseSoql(handoverId), leaseRow, 'the handover lease');
  return leaseOf(row);
}

/** The lease and the audit log, in one Composite call. */
export async function readLeaseAndEvents(
  conn: OrgConnection,
  handoverId: string,
): Promise<{ lease: LeaseState; events: AuditEvent[] }> {
  const responses = await sendComposite(
    conn,
    [querySubrequest('lease', leaseSoql(handoverId)), querySubrequest('events', eventsSoql(handoverId))],
    'read the handover lease',
  );
  const [row] = await queryRowsOf(conn, responses, 'lease', leaseRow, 'the handover lease');
  const events = eventsOfRows(await queryRowsOf(conn, responses, 'events', eventSchema, 'audit events'));
  return { lease: leaseOf(row), events };
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
  private released = false;

  private constructor(
    private readonly conn: OrgConnection,
    private readonly handoverId: string,
    private readonly options: LeaseOptions,
  ) {}

  /**
   * Takes the lease (`known` is as read with the handover; a run that saw it held is refused at
   * once), writing `fields` of the header with it, or throws RUN_IN_PROGRESS. The lease is read
   * again just before the write. The read-back after the settle also reads the audit log, whose head
   * the run's first event chains on: one Composite call.
   */
  public static async acquire(
    conn: OrgConnection,
    handoverId: string,
    options: LeaseOptions,
    known: LeaseState,
    fields: Record<string, unknown> = {},
  ): Promise<{ lease: Lease; events: AuditEvent[] }> {
    const retrying = <T>(fn: () => Promise<T>): Promise<T> => withRetries(options.retryPolicy, fn);
    if (held(known, options.runId, options.now())) throw leaseHeldError(handoverId, known);
    // Read again right before writing: `known` may be seconds old (a large handover's items load in
    // between), and the settle below only covers a short gap between a run's read and its write.
    const current = await retrying(() => readLease(conn, handoverId));
    if (held(current, options.runId, options.now())) throw leaseHeldError(handoverId, current);
    const lease = new Lease(conn, handoverId, options);
    await retrying(() =>
      updateRecords(conn, HANDOVER_OBJECTS.handover, [{ Id: handoverId, ...lease.renewal(), ...fields }]),
    );
    await options.retryPolicy.sleep(options.settleMs ?? 300);
    const { lease: after, events } = await retrying(() => readLeaseAndEvents(conn, handoverId));
    if (after.owner !== options.runId) throw leaseHeldError(handoverId, after);
    lease.schedule();
    return { lease, events };
  }

  /** The lease fields of a write that renews it (the run's own header writes renew it on the way). */
  public renewal(): Record<string, string> {
    const expires = new Date(this.options.now().getTime() + this.options.leaseMs).toISOString();
    if (this.timer !== null) this.schedule();
    return { [H.runLeaseOwner]: this.options.runId, [H.runLeaseExpires]: expires };
  }

  /** Writes `fields` of the header with the lease renewed: one call. */
  public async touch(fields: Record<string, unknown>): Promise<void> {
    this.check();
    await withRetries(this.options.retryPolicy, () =>
      updateRecords(this.conn, HANDOVER_OBJECTS.handover, [{ Id: this.handoverId, ...this.renewal(), ...fields }]),
    );
  }

  /** The lease fields that clear it, for the run's last header write; afterwards release() does nothing. */
  public releasing(): Record<string, null> {
    this.stopTimer();
    this.released = true;
    return { [H.runLeaseOwner]: null, [H.runLeaseExpires]: null };
  }

  public get runId(): string {
    return this.options.runId;
  }

  private schedule(): void {
    this.stopTimer();
    this.timer = setInterval(() => void this.renew(), Math.max(1_000, Math.floor(this.options.leaseMs / 3)));
    this.timer.unref();
  }

  private stopTimer(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  }

  /** Throws if another run took the lease meanwhile (the run must stop). */
  public check(): void {
    if (this.lost !== null) throw this.lost;
  }

  public async release(): Promise<void> {
    this.stopTimer();
    if (this.lost !== null || this.released) return;
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
        this.stopTimer();
        return;
      }
      await updateRecords(this.conn, HANDOVER_OBJECTS.handover, [{ Id: this.handoverId, ...this.renewal() }]);
    } catch {
      // A missed renewal is retried at the next tick; the lease is long enough for several.
    }
  }
}
