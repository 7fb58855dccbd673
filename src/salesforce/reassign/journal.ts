/**
 * The journal of a run in the org: each item's Transfer_Status__c (with the org's error and the time
 * it moved). Marks are queued and written by flush(); flushes run one at a time so that a later mark
 * of an item is never overwritten by an earlier one. The latest mark of an item wins, and a flush
 * writes everything queued: the "after" marks of one batch go out with the "before" marks of the next.
 *
 * Small flushes use sObject Collections, large ones a Bulk API 2.0 job (a 100,000-record run
 * journals in a handful of calls). A flush that fails is retried with back-off; if the org still
 * refuses, the run stops: writing owners without a journal would break resume and undo.
 */
import { retryDelay, type RetryOptions } from '../../core/reassign/index.js';
import { FIELD_LENGTHS, HANDOVER_OBJECTS, ITEM_FIELDS, type TransferStatus } from '../../core/sobjects.js';
import type { OrgConnection } from '../connection.js';
import { updateRecords } from '../store/collections.js';
import { runIngestJob, toCsv, type BulkCalls, type PollOptions } from './orgCalls.js';

export type ItemMark = {
  itemId: string;
  status: TransferStatus;
  /** Null clears an earlier error. */
  error: string | null;
  /** Set when the record moved (or came back, for an undo); null clears it, undefined leaves it. */
  at: string | null | undefined;
};

export type JournalOptions = {
  /** More marks than this in one flush go through Bulk API 2.0. */
  bulkThreshold: number;
  poll: PollOptions;
  counter: BulkCalls;
  retry: Partial<RetryOptions> & { maxRetries: number };
  sleep: (ms: number) => Promise<void>;
};

const I = ITEM_FIELDS;

export class Journal {
  private readonly pending = new Map<string, ItemMark>();
  private chain: Promise<void> = Promise.resolve();
  public written = 0;

  public constructor(
    private readonly conn: OrgConnection,
    private readonly options: JournalOptions,
  ) {}

  public queue(marks: readonly ItemMark[]): void {
    for (const mark of marks) this.pending.set(mark.itemId, mark);
  }

  public get queued(): number {
    return this.pending.size;
  }

  /** Writes every queued mark; resolves once they (and every earlier flush) are in the org. */
  public flush(): Promise<void> {
    const next = this.chain.then(() => this.writePending());
    // A failed flush fails its callers; the next flush starts clean (its marks are still queued).
    this.chain = next.catch(() => undefined);
    return next;
  }

  private async writePending(): Promise<void> {
    if (this.pending.size === 0) return;
    const marks = [...this.pending.values()];
    for (let attempt = 1; ; attempt++) {
      try {
        await this.write(marks);
        break;
      } catch (error) {
        if (attempt > this.options.retry.maxRetries) throw error;
        await this.options.sleep(retryDelay(attempt, this.options.retry));
      }
    }
    // Only what was written leaves the queue; marks queued meanwhile stay for the next flush.
    for (const mark of marks) if (this.pending.get(mark.itemId) === mark) this.pending.delete(mark.itemId);
    this.written += marks.length;
  }

  private async write(marks: readonly ItemMark[]): Promise<void> {
    const error = (m: ItemMark): string | null =>
      m.error === null ? null : m.error.slice(0, FIELD_LENGTHS.itemTransferError);
    if (marks.length <= this.options.bulkThreshold) {
      await updateRecords(
        this.conn,
        HANDOVER_OBJECTS.item,
        marks.map((m) => ({
          Id: m.itemId,
          [I.transferStatus]: m.status,
          [I.transferError]: error(m),
          ...(m.at === undefined ? {} : { [I.transferredAt]: m.at }),
        })),
      );
      return;
    }
    const csv = toCsv(
      ['Id', I.transferStatus, I.transferError, I.transferredAt],
      marks.map((m) => [m.itemId, m.status, error(m), m.at]),
    );
    const outcome = await runIngestJob(
      this.conn,
      HANDOVER_OBJECTS.item,
      'update',
      csv,
      marks.length,
      this.options.poll,
      this.options.counter,
    );
    if (outcome.failed.size > 0 || outcome.unprocessed.size > 0) {
      const [first] = outcome.failed.values();
      throw new Error(
        `Could not journal ${outcome.failed.size + outcome.unprocessed.size} items (${first ?? 'unprocessed'}).`,
      );
    }
  }
}
