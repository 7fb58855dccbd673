/**
 * The journal of a run in the org: each item's Transfer_Status__c (with the org's error and the time
 * it moved). Marks are queued and written by flush(). Flushes run one at a time, so that a later mark
 * of an item is never overwritten by an earlier one (the latest mark of an item wins, and a flush
 * writes everything queued), and so that the journal never contends with itself: every item is a
 * detail of the one handover, and Salesforce locks the master of each detail it writes, so parallel
 * item writes would queue behind each other and fail with UNABLE_TO_LOCK_ROW. (Which phases may have
 * written is the run journal's, see runJournal.ts.)
 *
 * A batch hands its marks over (hand) and goes on: the journal writes them in the background, one
 * write at a time, each taking everything queued since the last. A run killed before its marks are
 * written loses nothing: resume finds the moved records by their owners, and a rollback reads the
 * owners of the phases the run journal says were started.
 *
 * Small flushes use sObject Collections, large ones a Bulk API 2.0 job (a Bulk API 2.0 run journals
 * its 100,000 records in one job). A write that fails is retried with back-off; if the org still
 * refuses, the run stops: writing owners without a journal would break resume and undo.
 */
import { canRetry, parseBulkError, retryDelay, type RetryOptions } from '../../core/reassign/index.js';
import { FIELD_LENGTHS, HANDOVER_OBJECTS, ITEM_FIELDS, type TransferStatus } from '../../core/sobjects.js';
import type { OrgConnection } from '../connection.js';
import { COLLECTION_CHUNK } from '../store/collections.js';
import { HandoverError } from '../store/errors.js';
import { parseRow } from '../store/query.js';
import { isRetryableError, runIngestJob, saveResults, toCsv, type BulkCalls, type PollOptions } from './orgCalls.js';

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
  /** More marks than this queued: hand() waits for the background write (the journal may not fall far behind). */
  maxQueued?: number;
  poll: PollOptions;
  counter: BulkCalls;
  retry: RetryOptions;
  sleep: (ms: number) => Promise<void>;
};

const I = ITEM_FIELDS;

export class Journal {
  private readonly pending = new Map<string, ItemMark>();
  private chain: Promise<void> = Promise.resolve();
  /** The background write under way, if any (see hand). */
  private background: Promise<void> | null = null;
  /** Why the background write gave up: the next hand() throws it (the run stops). */
  private failure: Error | null = null;
  public written = 0;
  /** Told after each write: the statuses written so far and those still waiting (for progress). */
  public onWritten: ((written: number, waiting: number) => void) | undefined;

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

  /** Whether statuses wait to be written, or a background write is under way. */
  public get busy(): boolean {
    return this.pending.size > 0 || this.background !== null;
  }

  /** Writes every queued mark; resolves once they (and every earlier flush) are in the org. */
  public flush(): Promise<void> {
    const next = this.chain.then(() => this.writePending());
    // A failed flush fails its callers; the next flush starts clean (its marks are still queued).
    this.chain = next.catch(() => undefined);
    return next;
  }

  /**
   * Queues a batch's marks and makes sure a background write takes them soon. Resolves at once, or,
   * with more than maxQueued marks waiting, once the write under way is done. Throws when a
   * background write gave up: writing owners without a journal would break resume and undo.
   */
  public async hand(marks: readonly ItemMark[]): Promise<void> {
    this.throwIfFailed();
    this.queue(marks);
    this.writeInBackground();
    const running = this.background;
    if (running !== null && this.pending.size > (this.options.maxQueued ?? DEFAULT_MAX_QUEUED)) {
      await running;
      this.throwIfFailed();
    }
  }

  private throwIfFailed(): void {
    if (this.failure !== null) throw this.failure;
  }

  private writeInBackground(): void {
    if (this.background !== null || this.pending.size === 0 || this.failure !== null) return;
    this.background = this.flush().then(
      () => {
        this.background = null;
        this.writeInBackground();
      },
      (error: unknown) => {
        this.background = null;
        this.failure = error instanceof Error ? error : new Error(String(error));
      },
    );
  }

  private async writePending(): Promise<void> {
    if (this.pending.size === 0) return;
    const marks = [...this.pending.values()];
    await this.writeAll(marks, marks.length > this.options.bulkThreshold);
    // Only what was written leaves the queue; marks queued meanwhile stay for the next flush.
    for (const mark of marks) if (this.pending.get(mark.itemId) === mark) this.pending.delete(mark.itemId);
    this.written += marks.length;
    this.onWritten?.(this.written, this.pending.size);
  }

  /** Writes the marks, again and again for the rows the org refused for a while; throws when it keeps refusing. */
  private async writeAll(marks: readonly ItemMark[], viaBulk: boolean): Promise<void> {
    let remaining: readonly ItemMark[] = marks;
    for (let attempt = 1; remaining.length > 0; attempt++) {
      let failed: Failed[];
      try {
        failed = await this.write(remaining, viaBulk);
      } catch (error) {
        if (!isRetryableError(error)) throw error;
        failed = remaining.map((mark) => ({ mark, code: 'TRANSPORT', message: String(error) }));
      }
      const permanent = failed.find((f) => !RETRYABLE_ROW_CODES.has(f.code) && f.code !== 'TRANSPORT');
      if (permanent !== undefined || (failed.length > 0 && !canRetry(attempt, this.options.retry.maxRetries))) {
        const first = permanent ?? failed[0];
        throw new HandoverError(
          'WRITE_FAILED',
          `Could not journal ${failed.length} items (${first?.code}: ${first?.message}).`,
          {
            actions: ['Resume the run: the records already moved are found by their owners, nothing moves twice.'],
            data: { itemIds: failed.slice(0, 20).map((f) => f.mark.itemId) },
          },
        );
      }
      // Only the rows that failed go again (other integrations held their accounts' locks, say).
      remaining = failed.map((f) => f.mark);
      if (remaining.length > 0) await this.options.sleep(retryDelay(attempt, this.options.retry));
    }
  }

  /** Writes the marks (Bulk API 2.0 or sObject Collections); returns the rows the org refused, each with its error code. */
  private async write(marks: readonly ItemMark[], viaBulk: boolean): Promise<Failed[]> {
    const error = (m: ItemMark): string | null =>
      m.error === null ? null : m.error.slice(0, FIELD_LENGTHS.itemTransferError);
    if (!viaBulk) {
      const failed: Failed[] = [];
      for (let i = 0; i < marks.length; i += COLLECTION_CHUNK) {
        const chunk = marks.slice(i, i + COLLECTION_CHUNK);
        const rows = chunk.map((m) => ({
          attributes: { type: HANDOVER_OBJECTS.item },
          Id: m.itemId,
          [I.transferStatus]: m.status,
          [I.transferError]: error(m),
          ...(m.at === undefined ? {} : { [I.transferredAt]: m.at }),
        }));
        const response = await this.conn.request<unknown>({
          method: 'PATCH',
          url: '/composite/sobjects',
          body: JSON.stringify({ allOrNone: false, records: rows }),
          headers: { 'Content-Type': 'application/json' },
        });
        const results = parseRow(saveResults, response, 'the results of journaling items');
        chunk.forEach((mark, k) => {
          const r = results[k];
          if (r?.success === true) return;
          const e = r?.errors[0];
          failed.push({ mark, code: e?.statusCode ?? 'UNKNOWN', message: e?.message ?? 'no result' });
        });
      }
      return failed;
    }
    const csv = toCsv(
      ['Id', I.transferStatus, I.transferError, I.transferredAt],
      marks.map((m) => [m.itemId, m.status, error(m), m.at]),
    );
    // The job's rows count as written as the org processes them (a large job runs for minutes).
    const poll: PollOptions = {
      ...this.options.poll,
      onPoll: (processed) => this.onWritten?.(this.written + processed, Math.max(0, this.pending.size - processed)),
    };
    const outcome = await runIngestJob(
      this.conn,
      HANDOVER_OBJECTS.item,
      'update',
      csv,
      marks.length,
      poll,
      this.options.counter,
    );
    return marks.flatMap((mark): Failed[] => {
      const sfError = outcome.failed.get(mark.itemId);
      if (sfError !== undefined) {
        const { statusCode, message } = parseBulkError(sfError);
        return [{ mark, code: statusCode, message }];
      }
      return outcome.unprocessed.has(mark.itemId) ? [{ mark, code: 'UNPROCESSED', message: 'not processed' }] : [];
    });
  }
}

type Failed = { mark: ItemMark; code: string; message: string };

/** Marks queued before a batch waits for the journal: a few seconds of a fast run (some 5 MB). */
const DEFAULT_MAX_QUEUED = 50_000;

/** Row errors worth writing again: another write held the row's lock, or the job stopped before it. */
const RETRYABLE_ROW_CODES: ReadonlySet<string> = new Set([
  'UNABLE_TO_LOCK_ROW',
  'ALL_OR_NONE_OPERATION_ROLLED_BACK',
  'UNPROCESSED',
  'SERVER_UNAVAILABLE',
]);
