/** Unit tests of the engine's org-facing pieces, each alone: errors, CSV, facts, items and the journal (with a recording connection). */
import type { HttpRequest, OrgConnection } from '../../../src/salesforce/connection.js';
import { Journal, type ItemMark, type JournalOptions } from '../../../src/salesforce/reassign/journal.js';
import { isDailyLimitError, isRetryableError, toCsv, transportOf } from '../../../src/salesforce/reassign/orgCalls.js';
import { factsOf, recordItems } from '../../../src/salesforce/reassign/state.js';
import { HandoverError } from '../../../src/salesforce/store/errors.js';
import type { HandoverItem } from '../../../src/salesforce/store/model.js';

const sfError = (errorCode: string, message: string): Error => Object.assign(new Error(message), { errorCode });

describe('transportOf and the retry decision', () => {
  it.each([
    ['a 503 without a Salesforce body', sfError('ERROR_HTTP_503', 'down'), 503, true],
    ['a lock error', sfError('UNABLE_TO_LOCK_ROW', 'locked'), 400, true],
    ['the concurrency cap', sfError('REQUEST_LIMIT_EXCEEDED', 'ConcurrentPerOrgLongTxn Limit exceeded.'), 403, true],
    ['the daily allocation', sfError('REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.'), 403, false],
    ['a validation error', sfError('FIELD_CUSTOM_VALIDATION_EXCEPTION', 'no'), 400, false],
    ['an expired session', sfError('INVALID_SESSION_ID', 'expired'), 401, false],
    ['no response at all', Object.assign(new TypeError('fetch failed'), { code: 'ECONNRESET' }), null, true],
  ])('classifies %s', (_name, error, status, retryable) => {
    expect(transportOf(error).httpStatus).toBe(status);
    expect(isRetryableError(error)).toBe(retryable);
    // The same error wrapped by the store is judged by its cause.
    const wrapped = new HandoverError('ORG_ERROR', 'wrapped', { cause: error });
    expect(isRetryableError(wrapped)).toBe(retryable);
  });

  it("repeats a write the org refused record by record only when every record's error is transient", () => {
    const refused = (...codes: string[]): HandoverError =>
      new HandoverError('WRITE_FAILED', 'Could not update Handover__c records.', {
        data: { failures: codes.map((statusCode, index) => ({ index, statusCode, message: 'why' })) },
      });
    expect(isRetryableError(refused('UNABLE_TO_LOCK_ROW'))).toBe(true);
    expect(isRetryableError(refused('UNABLE_TO_LOCK_ROW', 'FIELD_CUSTOM_VALIDATION_EXCEPTION'))).toBe(false);
    expect(isRetryableError(refused('INSUFFICIENT_ACCESS_OR_READONLY'))).toBe(false);
    // A run's audit write names the events' first error.
    const audit = (errorCode: string) =>
      new HandoverError('WRITE_FAILED', 'Could not write the audit events: why', { data: { errorCode } });
    expect(isRetryableError(audit('UNABLE_TO_LOCK_ROW'))).toBe(true);
    expect(isRetryableError(audit('REQUIRED_FIELD_MISSING'))).toBe(false);
  });

  it('tells the daily allocation from the concurrency cap', () => {
    expect(isDailyLimitError(sfError('REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.'))).toBe(true);
    expect(isDailyLimitError(sfError('REQUEST_LIMIT_EXCEEDED', 'ConcurrentPerOrgLongTxn Limit exceeded.'))).toBe(false);
  });
});

describe('toCsv', () => {
  it('quotes what needs quoting, writes #N/A for null and leaves undefined empty (unchanged)', () => {
    expect(
      toCsv(
        ['Id', 'A', 'B'],
        [
          ['1', 'say "hi", bye', null],
          ['2', 'line\nbreak', undefined],
        ],
      ),
    ).toBe('Id,A,B\n1,"say ""hi"", bye",#N/A\n2,"line\nbreak",\n');
  });
});

describe('factsOf', () => {
  const now = new Date('2026-11-26T00:00:00Z');
  it('reads REST booleans and Bulk API strings alike', () => {
    expect(factsOf('Opportunity', { Id: 'o', OwnerId: 'u', IsClosed: true, IsWon: false }, now)).toEqual({
      isClosed: true,
      isWon: false,
    });
    expect(factsOf('Opportunity', { Id: 'o', OwnerId: 'u', IsClosed: 'true', IsWon: 'true' }, now)).toEqual({
      isClosed: true,
      isWon: true,
    });
    expect(factsOf('Case', { Id: 'c', OwnerId: 'u', IsClosed: 'false' }, now)).toEqual({ isClosed: false });
    expect(factsOf('Task', { Id: 't', OwnerId: 'u', IsClosed: true }, now)).toEqual({ isCompletedActivity: true });
  });
  it('calls an event completed once it has ended', () => {
    expect(factsOf('Event', { Id: 'e', OwnerId: 'u', EndDateTime: '2026-11-25T10:00:00.000+0000' }, now)).toEqual({
      isCompletedActivity: true,
    });
    expect(factsOf('Event', { Id: 'e', OwnerId: 'u', EndDateTime: '2026-11-27T10:00:00Z' }, now)).toEqual({
      isCompletedActivity: false,
    });
  });
  it('knows nothing about a record that was not found', () => {
    expect(factsOf('Opportunity', undefined, now)).toEqual({});
  });
});

describe('recordItems', () => {
  const item = (over: Partial<HandoverItem>): HandoverItem =>
    ({
      id: 'i',
      category: 'Record',
      objectType: 'Account',
      recordId: 'r',
      successorId: 's',
      previousOwnerId: 'd',
      ...over,
    }) as HandoverItem;
  it('plans record items with a successor, counts the unassigned, ignores the rest', () => {
    const { planned, unassigned } = recordItems([
      item({ id: '1' }),
      item({ id: '2', successorId: null }),
      item({ id: '3', category: 'Question' }),
      item({ id: '4', category: 'System_Access', objectType: 'PermissionSet' }),
    ]);
    expect(planned.map((i) => i.id)).toEqual(['1']);
    expect(unassigned.map((i) => i.id)).toEqual(['2']);
  });
});

/** A connection that records requests and answers collections PATCHes (optionally failing the first ones). */
function recordingConnection(failFirst = 0): { conn: OrgConnection; requests: HttpRequest[] } {
  const requests: HttpRequest[] = [];
  let failures = failFirst;
  const conn = {
    instanceUrl: 'http://org',
    query: () => Promise.reject(new Error('no query')),
    queryMore: () => Promise.reject(new Error('no query')),
    describeGlobal: () => Promise.reject(new Error('no describe')),
    describe: () => Promise.reject(new Error('no describe')),
    request: <T>(request: string | HttpRequest): Promise<T> => {
      const r = typeof request === 'string' ? { method: 'GET' as const, url: request } : request;
      requests.push(r);
      if (failures > 0) {
        failures--;
        return Promise.reject(sfError('ERROR_HTTP_503', 'down'));
      }
      const body = JSON.parse(r.body ?? '{}') as { records?: unknown[] };
      return Promise.resolve((body.records ?? []).map(() => ({ success: true, errors: [] })) as T);
    },
  } satisfies OrgConnection;
  return { conn, requests };
}

function journalOf(conn: OrgConnection, options: Partial<JournalOptions> = {}): Journal {
  return new Journal(conn, {
    bulkThreshold: 1_000,
    poll: { sleep: () => Promise.resolve(), intervalMs: 0, timeoutMs: 1 },
    counter: { calls: 0, polls: 0 },
    retry: { maxRetries: 3, baseMs: 1, maxMs: 1, random: () => 0 },
    sleep: () => Promise.resolve(),
    ...options,
  });
}

describe('Journal', () => {
  it('writes the latest mark of each item once, in chunks of 200, and leaves the transfer time alone when undefined', async () => {
    const { conn, requests } = recordingConnection();
    const journal = journalOf(conn);
    journal.queue([{ itemId: 'a', status: 'In_Progress', error: null, at: undefined }]);
    journal.queue([{ itemId: 'a', status: 'Transferred', error: null, at: '2026-11-26T00:00:00.000Z' }]);
    journal.queue(
      Array.from({ length: 250 }, (_, i) => ({
        itemId: `b${i}`,
        status: 'In_Progress' as const,
        error: null,
        at: undefined,
      })),
    );
    await journal.flush();
    expect(requests).toHaveLength(2);
    const first = JSON.parse(requests[0]?.body ?? '{}') as { records: Record<string, unknown>[] };
    expect(first.records[0]).toMatchObject({
      Id: 'a',
      Transfer_Status__c: 'Transferred',
      Transferred_At__c: '2026-11-26T00:00:00.000Z',
    });
    expect(first.records[1]).not.toHaveProperty('Transferred_At__c');
    expect(journal.queued).toBe(0);
    expect(journal.written).toBe(251);
    await journal.flush();
    expect(requests).toHaveLength(2);
  });

  it('retries a failed flush and keeps marks queued meanwhile for the next one', async () => {
    const { conn, requests } = recordingConnection(2);
    const journal = journalOf(conn);
    journal.queue([{ itemId: 'a', status: 'In_Progress', error: null, at: undefined }]);
    const flushing = journal.flush();
    journal.queue([{ itemId: 'b', status: 'In_Progress', error: null, at: undefined }]);
    await flushing;
    expect(requests.length).toBeGreaterThanOrEqual(3);
    await journal.flush();
    expect(journal.queued).toBe(0);
  });

  it('writes handed marks in the background, one write at a time, each taking everything queued meanwhile', async () => {
    const { conn, requests } = recordingConnection();
    const gates: (() => void)[] = [];
    let inFlight = 0;
    let mostInFlight = 0;
    const gated: OrgConnection = {
      ...conn,
      request: async <T>(request: string | HttpRequest): Promise<T> => {
        inFlight++;
        mostInFlight = Math.max(mostInFlight, inFlight);
        await new Promise<void>((resolve) => gates.push(resolve));
        inFlight--;
        return conn.request<T>(request);
      },
    };
    const journal = journalOf(gated);
    const told: [number, number][] = [];
    journal.onWritten = (written, waiting) => told.push([written, waiting]);
    const marks = (prefix: string, n: number): ItemMark[] =>
      Array.from({ length: n }, (_, i) => ({ itemId: `${prefix}${i}`, status: 'Transferred', error: null, at: null }));
    await journal.hand(marks('a', 200));
    await journal.hand(marks('b', 200));
    await journal.hand([...marks('c', 199), { itemId: 'a0', status: 'Conflict', error: 'changed', at: null }]);
    expect(gates).toHaveLength(1);
    while (journal.queued > 0 || gates.length > 0) {
      gates.shift()?.();
      await new Promise((resolve) => setImmediate(resolve));
    }
    await journal.flush();
    expect(mostInFlight).toBe(1);
    expect(told.at(-1)).toEqual([600, 0]);
    const bodies = requests.map((r) => JSON.parse(r.body ?? '{}') as { records: Record<string, unknown>[] });
    expect(bodies.map((b) => b.records.length)).toEqual([200, 200, 200]);
    // The later mark of a0 went out after the earlier one.
    const a0 = bodies.flatMap((b) => b.records.filter((r) => r.Id === 'a0').map((r) => r.Transfer_Status__c));
    expect(a0).toEqual(['Transferred', 'Conflict']);
    expect(journal.written).toBe(600);
  });

  it('makes a batch wait while too many marks are queued, and stops the run once the background write gave up', async () => {
    const { conn } = recordingConnection(10);
    const journal = journalOf(conn, { maxQueued: 1 });
    await expect(
      journal.hand([
        { itemId: 'a', status: 'Transferred', error: null, at: null },
        { itemId: 'b', status: 'Transferred', error: null, at: null },
      ]),
    ).rejects.toMatchObject({ code: 'WRITE_FAILED' });
    await expect(journal.hand([{ itemId: 'c', status: 'Transferred', error: null, at: null }])).rejects.toMatchObject({
      code: 'WRITE_FAILED',
    });
    // What was handed before the failure stays queued for a resumed write; nothing after it was taken.
    expect(journal.queued).toBe(2);
  });

  it('gives up after its retries, so the run stops rather than writing owners unjournaled', async () => {
    const { conn } = recordingConnection(10);
    const journal = journalOf(conn);
    journal.queue([{ itemId: 'a', status: 'In_Progress', error: null, at: undefined }]);
    await expect(journal.flush()).rejects.toBeInstanceOf(Error);
    expect(journal.queued).toBe(1);
  });
});
