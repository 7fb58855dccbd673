/**
 * A run's writes to the handover itself: header fields (status, the run journal, the lease) and audit
 * events. When both change they go together in one Composite call (all or none), and every header
 * write renews the lease on the way. Events chain on the head the run last read (with the lease
 * read-back at the start and the lease check at the end), so an append needs no read of its own.
 */
import {
  phaseFinished,
  phaseStarted,
  serialiseRunJournal,
  type PhaseCounts,
  type PlanPhase,
  type RunJournal,
  type RunKind,
} from '../../core/reassign/index.js';
import { HANDOVER_FIELDS, HANDOVER_OBJECTS } from '../../core/sobjects.js';
import { sendComposite, subresponseBody, type Subrequest } from '../composite.js';
import type { OrgConnection } from '../connection.js';
import { updateRecords } from '../store/collections.js';
import { HandoverError } from '../store/errors.js';
import { appendEvents, chainEvents, headOf } from '../store/events.js';
import type { AuditEvent, AuditEventInput } from '../store/model.js';
import { parseRow } from '../store/query.js';
import { eventRecord } from '../store/rows.js';
import { readLeaseAndEvents, type Lease } from './lease.js';
import { saveResults, withRetries, type RetryPolicy } from './orgCalls.js';

type Fields = Record<string, unknown>;

export class RunRecord {
  private head: string | null;
  private journal: RunJournal;
  private pendingFields: Fields = {};
  private pendingEvents: AuditEventInput[] = [];

  public constructor(
    private readonly conn: OrgConnection,
    private readonly handoverId: string,
    private readonly lease: Lease,
    private readonly retry: RetryPolicy,
    private readonly kind: RunKind,
    private readonly now: () => Date,
    events: readonly AuditEvent[],
    journal: RunJournal,
  ) {
    this.head = headOf(events)?.eventHash ?? null;
    this.journal = journal;
  }

  /** Fields and events that go out with the next header write (the run's start with its first phase). */
  public later(fields: Fields, events: readonly AuditEventInput[]): void {
    Object.assign(this.pendingFields, fields);
    this.pendingEvents.push(...events);
  }

  /** Audit events alone (a team snapshot): one insert chained on the known head. */
  public async append(events: readonly AuditEventInput[]): Promise<void> {
    this.lease.check();
    const written = await withRetries(this.retry, () => appendEvents(this.conn, this.handoverId, events, this.head));
    this.head = written.at(-1)?.eventHash ?? this.head;
  }

  /** The run journal: started before the phase's first write (written now), finished after its last (with the next write). */
  public async markPhase(runId: string, phase: PlanPhase, counts: PhaseCounts | null): Promise<void> {
    const at = this.now().toISOString();
    if (counts !== null) {
      this.journal = phaseFinished(this.journal, runId, phase.phase, at, counts);
      this.pendingFields[HANDOVER_FIELDS.runJournal] = serialiseRunJournal(this.journal);
      return;
    }
    this.journal = phaseStarted(this.journal, {
      runId,
      kind: this.kind,
      phase: phase.phase,
      objectTypes: phase.objectTypes,
      startedAt: at,
    });
    await this.write({ [HANDOVER_FIELDS.runJournal]: serialiseRunJournal(this.journal) }, []);
  }

  /** Writes header fields (and events) now, with the lease renewed. */
  public async write(fields: Fields, events: readonly AuditEventInput[]): Promise<void> {
    this.lease.check();
    await this.send({ ...fields, ...this.lease.renewal() }, events);
  }

  /**
   * The run's last write: reads the lease and the audit log's head again (someone may have added a
   * note meanwhile), then writes `fields` and `events`, clearing the lease if the run still holds it.
   */
  public async finish(fields: Fields, events: readonly AuditEventInput[]): Promise<void> {
    const { lease, events: log } = await withRetries(this.retry, () => readLeaseAndEvents(this.conn, this.handoverId));
    this.head = headOf(log)?.eventHash ?? null;
    const held = lease.owner === this.lease.runId;
    const clear = this.lease.releasing();
    await this.send({ ...fields, ...(held ? clear : {}) }, events);
  }

  private async send(fields: Fields, events: readonly AuditEventInput[]): Promise<void> {
    const all = { ...this.pendingFields, ...fields };
    const inputs = [...this.pendingEvents, ...events];
    if (inputs.length === 0) {
      await withRetries(this.retry, () =>
        updateRecords(this.conn, HANDOVER_OBJECTS.handover, [{ Id: this.handoverId, ...all }]),
      );
    } else {
      const rows = chainEvents(this.handoverId, this.head, inputs);
      await withRetries(this.retry, () => this.sendTogether(all, rows.map(eventRecord)));
      this.head = rows.at(-1)?.eventHash ?? this.head;
    }
    this.pendingFields = {};
    this.pendingEvents = [];
  }

  /** The header update and the events in one Composite call, all or none. */
  private async sendTogether(fields: Fields, records: readonly Fields[]): Promise<void> {
    const subrequests: Subrequest[] = [
      {
        referenceId: 'header',
        method: 'PATCH',
        path: `/sobjects/${HANDOVER_OBJECTS.handover}/${this.handoverId}`,
        body: fields,
      },
      {
        referenceId: 'events',
        method: 'POST',
        path: '/composite/sobjects',
        body: {
          allOrNone: true,
          records: records.map((r) => ({ attributes: { type: HANDOVER_OBJECTS.event }, ...r })),
        },
      },
    ];
    const doing = 'record the run on the handover';
    const responses = await sendComposite(this.conn, subrequests, doing, true);
    subresponseBody(responses, 'header', doing);
    const results = parseRow(saveResults, subresponseBody(responses, 'events', doing), 'the saved audit events');
    const failed = results.find((r) => !r.success);
    if (failed !== undefined || results.length !== records.length) {
      const error = failed?.errors[0];
      throw new HandoverError('WRITE_FAILED', `Could not write the audit events: ${error?.message ?? 'no result'}`, {
        actions: ['Check the Handover permission sets (`sf handover doctor`), then resume the run.'],
        data: { errorCode: error?.statusCode ?? null },
      });
    }
  }
}
