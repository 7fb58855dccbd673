import {
  classifyError,
  classifyOutcome,
  compareAndSet,
  eventForOutcome,
  nextTransferStatus,
  parseBulkError,
  type TransferEvent,
  type WriteResult,
} from '../../../src/core/reassign/outcome.js';
import { TRANSFER_STATUSES, type TransferStatus } from '../../../src/core/sobjects.js';

const change = { fromOwnerId: 'U-DEP', toOwnerId: 'S1' };
const rejected = (statusCode: string, message = 'msg'): WriteResult => ({
  kind: 'rejected',
  errors: [{ statusCode, message }],
});

describe('compareAndSet', () => {
  it('writes only while the departing user still owns the record', () => {
    expect(compareAndSet(change, 'U-DEP')).toBe('write');
    expect(compareAndSet(change, 'S1')).toEqual({ kind: 'transferred', alreadyDone: true });
    expect(compareAndSet(change, 'U-OTHER')).toMatchObject({ kind: 'conflict', currentOwnerId: 'U-OTHER' });
    expect(compareAndSet(change, null)).toMatchObject({ kind: 'conflict', currentOwnerId: null });
  });
});

describe('classifyOutcome', () => {
  it.each([
    ['UNABLE_TO_LOCK_ROW', 'retryable'],
    ['REQUEST_LIMIT_EXCEEDED', 'retryable'],
    ['SERVER_UNAVAILABLE', 'retryable'],
    ['ALL_OR_NONE_OPERATION_ROLLED_BACK', 'retryable'],
    ['INACTIVE_OWNER_OR_USER', 'permanent'],
    ['CANNOT_REPARENT_RECORD', 'permanent'],
    ['FIELD_CUSTOM_VALIDATION_EXCEPTION', 'permanent'],
    ['TRANSFER_REQUIRES_READ', 'permanent'],
    ['INSUFFICIENT_ACCESS_OR_READONLY', 'permanent'],
    ['INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY', 'permanent'],
    ['CHILD_SHARE_FAILS_PARENT', 'permanent'],
    ['INVALID_CROSS_REFERENCE_KEY', 'permanent'],
    ['FIELD_INTEGRITY_EXCEPTION', 'permanent'],
    ['CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY', 'permanent'],
    ['SOMETHING_NEW', 'permanent'],
    ['ENTITY_IS_DELETED', 'conflict'],
  ])('%s is %s', (code, kind) => {
    const outcome = classifyOutcome({ ...change, result: rejected(code) });
    expect(outcome.kind).toBe(kind);
    if (outcome.kind === 'retryable' || outcome.kind === 'permanent') expect(outcome.code).toBe(code);
  });

  it('counts a saved record as transferred', () => {
    expect(classifyOutcome({ ...change, result: { kind: 'saved' } })).toEqual({
      kind: 'transferred',
      alreadyDone: false,
    });
  });

  it('retries a lock that a trigger wrapped in its own error', () => {
    const wrapped =
      'MyTrigger: execution of AfterUpdate caused by: System.DmlException: first error: UNABLE_TO_LOCK_ROW';
    expect(classifyError({ statusCode: 'CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY', message: wrapped })).toBe('retryable');
    expect(classifyError({ statusCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', message: 'Region required' })).toBe(
      'permanent',
    );
  });

  it('lets a permanent error win over a retryable one on the same record', () => {
    const result: WriteResult = {
      kind: 'rejected',
      errors: [
        { statusCode: 'UNABLE_TO_LOCK_ROW', message: 'lock' },
        { statusCode: 'TRANSFER_REQUIRES_READ', message: 'no read' },
      ],
    };
    expect(classifyOutcome({ ...change, result })).toEqual({
      kind: 'permanent',
      code: 'TRANSFER_REQUIRES_READ',
      message: 'no read',
    });
  });

  it.each([
    [null, null, 'retryable', 'NETWORK_ERROR'],
    [null, 'ECONNRESET', 'retryable', 'ECONNRESET'],
    [503, null, 'retryable', 'HTTP_503'],
    [500, null, 'retryable', 'HTTP_500'],
    [429, null, 'retryable', 'HTTP_429'],
    [403, 'REQUEST_LIMIT_EXCEEDED', 'retryable', 'REQUEST_LIMIT_EXCEEDED'],
    [401, 'INVALID_SESSION_ID', 'permanent', 'INVALID_SESSION_ID'],
    [400, 'MALFORMED_QUERY', 'permanent', 'MALFORMED_QUERY'],
  ] as const)('a whole-request failure (HTTP %s, %s) is %s', (httpStatus, errorCode, kind, code) => {
    const result: WriteResult = { kind: 'transport', httpStatus, errorCode, message: 'failed' };
    expect(classifyOutcome({ ...change, result })).toEqual({ kind, code, message: 'failed' });
  });

  it('retries a Bulk API row the job never processed', () => {
    expect(classifyOutcome({ ...change, result: { kind: 'unprocessed' } }).kind).toBe('retryable');
  });

  it('trusts the owner read back over a lost or failed write', () => {
    const lost: WriteResult = { kind: 'transport', httpStatus: null, errorCode: 'ETIMEDOUT', message: 'timeout' };
    expect(classifyOutcome({ ...change, currentOwnerId: 'S1', result: lost })).toEqual({
      kind: 'transferred',
      alreadyDone: true,
    });
    expect(classifyOutcome({ ...change, currentOwnerId: 'U-X', result: { kind: 'saved' } })).toMatchObject({
      kind: 'conflict',
      currentOwnerId: 'U-X',
    });
    expect(classifyOutcome({ ...change, currentOwnerId: 'U-DEP', result: lost }).kind).toBe('retryable');
  });
});

describe('parseBulkError', () => {
  it('splits sf__Error into code and message', () => {
    expect(parseBulkError('UNABLE_TO_LOCK_ROW:unable to obtain exclusive access to this record:--')).toEqual({
      statusCode: 'UNABLE_TO_LOCK_ROW',
      message: 'unable to obtain exclusive access to this record:--',
    });
    expect(parseBulkError('something odd')).toEqual({ statusCode: 'UNKNOWN', message: 'something odd' });
  });
});

describe('nextTransferStatus', () => {
  const allowed: [TransferStatus, TransferEvent, TransferStatus][] = [
    ['Not_Planned', 'plan', 'Pending'],
    ['Skipped', 'plan', 'Pending'],
    ['Pending', 'start', 'In_Progress'],
    ['Failed', 'start', 'In_Progress'],
    ['Conflict', 'start', 'In_Progress'],
    ['In_Progress', 'start', 'In_Progress'],
    ['In_Progress', 'retry', 'In_Progress'],
    ['In_Progress', 'succeed', 'Transferred'],
    ['In_Progress', 'conflict', 'Conflict'],
    ['In_Progress', 'fail', 'Failed'],
    ['Pending', 'skip', 'Skipped'],
    ['Transferred', 'rollback', 'Rolled_Back'],
  ];

  it.each(allowed)('%s --%s--> %s', (from, event, to) => {
    expect(nextTransferStatus(from, event)).toEqual({ ok: true, status: to });
  });

  it('refuses everything else', () => {
    const events: TransferEvent[] = ['plan', 'start', 'retry', 'succeed', 'conflict', 'fail', 'skip', 'rollback'];
    const legal = new Set(allowed.map(([f, e]) => `${f}/${e}`));
    legal.add('Not_Planned/skip').add('Failed/skip').add('Conflict/skip');
    for (const from of TRANSFER_STATUSES) {
      for (const event of events) {
        const result = nextTransferStatus(from, event);
        expect(result.ok).toBe(legal.has(`${from}/${event}`));
      }
    }
  });

  it('never moves a transferred record again and keeps a rollback final', () => {
    expect(nextTransferStatus('Transferred', 'start')).toMatchObject({ ok: false });
    expect(nextTransferStatus('Transferred', 'succeed')).toMatchObject({ ok: false });
    expect(nextTransferStatus('Rolled_Back', 'start')).toMatchObject({ ok: false });
    expect(nextTransferStatus('Rolled_Back', 'plan')).toMatchObject({ ok: false });
    expect(nextTransferStatus('In_Progress', 'skip')).toMatchObject({
      ok: false,
      message: expect.stringContaining('In_Progress'),
    });
  });

  it('maps outcomes to journal events, failing a retryable one when retries are spent', () => {
    expect(eventForOutcome({ kind: 'transferred', alreadyDone: true }, true)).toBe('succeed');
    expect(eventForOutcome({ kind: 'conflict', currentOwnerId: 'X', message: '' }, true)).toBe('conflict');
    expect(eventForOutcome({ kind: 'permanent', code: 'X', message: '' }, true)).toBe('fail');
    expect(eventForOutcome({ kind: 'retryable', code: 'X', message: '' }, true)).toBe('retry');
    expect(eventForOutcome({ kind: 'retryable', code: 'X', message: '' }, false)).toBe('fail');
  });
});
