/**
 * What happened to one record, and what its journal entry may become.
 *
 * Salesforce has no conditional owner update, so the runner reads the owner before it writes
 * (compare-and-set): still the expected owner -> write; already the new owner -> done (a resumed run
 * never writes twice); anyone else, or gone -> conflict, never overwritten. A write's result is then
 * classified by the org's error codes: lock contention, limits, server and network trouble are worth
 * a retry; validation, access and bad-reference errors are not (a blind retry fails the same way).
 */
import type { TransferStatus } from '../sobjects.js';

// ---------------------------------------------------------------- results

/** An error of a SaveResult, or of a Bulk API 2.0 failed row (see parseBulkError). */
export type RecordError = { statusCode: string; message: string; fields?: readonly string[] };

export type WriteResult =
  | { kind: 'saved' }
  | { kind: 'rejected'; errors: readonly RecordError[] }
  /** A Bulk API 2.0 row the job never processed. */
  | { kind: 'unprocessed' }
  /** The whole request failed; httpStatus null when no response came back (network). */
  | { kind: 'transport'; httpStatus: number | null; errorCode: string | null; message: string };

export type Outcome =
  | { kind: 'transferred'; alreadyDone: boolean }
  | { kind: 'conflict'; currentOwnerId: string | null; message: string }
  | { kind: 'retryable'; code: string; message: string }
  | { kind: 'permanent'; code: string; message: string };

export type OwnerChange = { fromOwnerId: string; toOwnerId: string };

/**
 * The compare-and-set before a write. `currentOwnerId` is the owner read from the org, null when the
 * record was not found (deleted, or no longer visible).
 */
export function compareAndSet(change: OwnerChange, currentOwnerId: string | null): 'write' | Outcome {
  if (currentOwnerId === change.toOwnerId) return { kind: 'transferred', alreadyDone: true };
  if (currentOwnerId === null) {
    return {
      kind: 'conflict',
      currentOwnerId: null,
      message: 'The record was not found: deleted or no longer visible.',
    };
  }
  if (currentOwnerId !== change.fromOwnerId) {
    return {
      kind: 'conflict',
      currentOwnerId,
      message: `Owned by ${currentOwnerId} now, not ${change.fromOwnerId}: changed since the plan, left alone.`,
    };
  }
  return 'write';
}

export type OutcomeInput = OwnerChange & {
  /** The owner read for the compare-and-set (or re-read after a lost response); undefined when not read. */
  currentOwnerId?: string | null;
  result: WriteResult;
};

/** The owner observation wins over the write result: an owner that is already the successor means done. */
export function classifyOutcome(input: OutcomeInput): Outcome {
  if (input.currentOwnerId !== undefined) {
    const check = compareAndSet(input, input.currentOwnerId);
    if (check !== 'write') return check;
  }
  const result = input.result;
  switch (result.kind) {
    case 'saved':
      return { kind: 'transferred', alreadyDone: false };
    case 'unprocessed':
      return { kind: 'retryable', code: 'UNPROCESSED', message: 'The bulk job stopped before this record.' };
    case 'transport':
      return classifyTransport(result);
    case 'rejected':
      return classifyErrors(result.errors);
  }
}

export type ErrorClass = 'retryable' | 'permanent' | 'conflict';

/** Salesforce status codes by class. Codes not listed are permanent: a blind retry fails the same way. */
export const ERROR_CLASSES: Readonly<Record<string, ErrorClass>> = {
  // Children of one parent written in parallel; the lock clears in seconds.
  UNABLE_TO_LOCK_ROW: 'retryable',
  // Concurrent long-running requests or the daily allocation (the limit guard decides whether to go on).
  REQUEST_LIMIT_EXCEEDED: 'retryable',
  SERVER_UNAVAILABLE: 'retryable',
  // allOrNone: this record was fine, another one failed.
  ALL_OR_NONE_OPERATION_ROLLED_BACK: 'retryable',
  INACTIVE_OWNER_OR_USER: 'permanent',
  CANNOT_REPARENT_RECORD: 'permanent',
  FIELD_CUSTOM_VALIDATION_EXCEPTION: 'permanent',
  TRANSFER_REQUIRES_READ: 'permanent',
  INSUFFICIENT_ACCESS_OR_READONLY: 'permanent',
  INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY: 'permanent',
  CHILD_SHARE_FAILS_PARENT: 'permanent',
  INVALID_CROSS_REFERENCE_KEY: 'permanent',
  FIELD_INTEGRITY_EXCEPTION: 'permanent',
  CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY: 'permanent',
  ENTITY_IS_LOCKED: 'permanent',
  INVALID_FIELD_FOR_INSERT_UPDATE: 'permanent',
  MALFORMED_ID: 'permanent',
  // Deleted since the plan: nothing to move, and nothing to overwrite.
  ENTITY_IS_DELETED: 'conflict',
};

/** A trigger or flow that hit a lock reports it inside its own error (CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY). */
const WRAPPED_RETRYABLE_CODES: readonly string[] = ['UNABLE_TO_LOCK_ROW'];

/** HTTP statuses worth a retry (the ones jsforce retries for reads): rate limiting and server trouble. */
const RETRYABLE_HTTP: ReadonlySet<number> = new Set([420, 429, 500, 502, 503, 504]);

export function classifyError(error: RecordError): ErrorClass {
  const known = ERROR_CLASSES[error.statusCode];
  if (known === 'permanent' && WRAPPED_RETRYABLE_CODES.some((code) => error.message.includes(code))) return 'retryable';
  return known ?? 'permanent';
}

/** Several errors on one record: conflict over permanent over retryable (retrying cannot fix the others). */
function classifyErrors(errors: readonly RecordError[]): Outcome {
  const classified = errors.map((error) => ({ error, cls: classifyError(error) }));
  const conflict = classified.find((c) => c.cls === 'conflict');
  if (conflict !== undefined) return { kind: 'conflict', currentOwnerId: null, message: conflict.error.message };
  const worst = classified.find((c) => c.cls === 'permanent') ?? classified[0];
  if (worst === undefined)
    return { kind: 'permanent', code: 'UNKNOWN', message: 'The org rejected the record without an error.' };
  return {
    kind: worst.cls === 'permanent' ? 'permanent' : 'retryable',
    code: worst.error.statusCode,
    message: worst.error.message,
  };
}

function classifyTransport(result: Extract<WriteResult, { kind: 'transport' }>): Outcome {
  const code = result.errorCode ?? (result.httpStatus === null ? 'NETWORK_ERROR' : `HTTP_${result.httpStatus}`);
  const byCode = result.errorCode === null ? undefined : ERROR_CLASSES[result.errorCode];
  const retryable = result.httpStatus === null || RETRYABLE_HTTP.has(result.httpStatus) || byCode === 'retryable';
  return { kind: retryable ? 'retryable' : 'permanent', code, message: result.message };
}

/** A Bulk API 2.0 failed row's sf__Error, "CODE:message", as a RecordError. */
export function parseBulkError(sfError: string): RecordError {
  const match = /^([A-Z][A-Z0-9_]*):(.*)$/s.exec(sfError.trim());
  if (match === null) return { statusCode: 'UNKNOWN', message: sfError.trim() };
  return { statusCode: match[1] ?? 'UNKNOWN', message: (match[2] ?? '').trim() };
}

// ---------------------------------------------------------------- journal

export type TransferEvent =
  'plan' | 'start' | 'retry' | 'succeed' | 'conflict' | 'fail' | 'release' | 'skip' | 'rollback';

/**
 * The legal moves of an item's Transfer_Status__c: [from, event, to]. Nothing leaves Transferred
 * except an undo, so a resumed run never writes a moved record again; Rolled_Back is final.
 */
export const TRANSFER_TRANSITIONS: readonly (readonly [readonly TransferStatus[], TransferEvent, TransferStatus])[] = [
  [['Not_Planned', 'Skipped'], 'plan', 'Pending'],
  // Failed and Conflict: a later run tries again. In_Progress: a run that was cut off is resumed;
  // the compare-and-set makes the second attempt harmless.
  [['Pending', 'Failed', 'Conflict', 'In_Progress'], 'start', 'In_Progress'],
  [['In_Progress'], 'retry', 'In_Progress'],
  [['In_Progress'], 'succeed', 'Transferred'],
  [['In_Progress'], 'conflict', 'Conflict'],
  [['In_Progress'], 'fail', 'Failed'],
  // A run that stopped (or was cut off) before it reached the record: the owner says it never moved.
  [['In_Progress'], 'release', 'Pending'],
  // Not from In_Progress: a record that may have been written is finished, not forgotten.
  [['Not_Planned', 'Pending', 'Failed', 'Conflict'], 'skip', 'Skipped'],
  [['Transferred'], 'rollback', 'Rolled_Back'],
];

export type TransitionResult = { ok: true; status: TransferStatus } | { ok: false; message: string };

export function nextTransferStatus(current: TransferStatus, event: TransferEvent): TransitionResult {
  const row = TRANSFER_TRANSITIONS.find(([from, e]) => e === event && from.includes(current));
  if (row !== undefined) return { ok: true, status: row[2] };
  return { ok: false, message: `An item in ${current} cannot take the event ${event}.` };
}

/** The journal event for an outcome; a retryable one becomes a failure once the retries are spent. */
export function eventForOutcome(outcome: Outcome, retriesLeft: boolean): TransferEvent {
  switch (outcome.kind) {
    case 'transferred':
      return 'succeed';
    case 'conflict':
      return 'conflict';
    case 'permanent':
      return 'fail';
    case 'retryable':
      return retriesLeft ? 'retry' : 'fail';
  }
}
