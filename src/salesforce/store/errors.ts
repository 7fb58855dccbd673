/**
 * The one error the handover store and services throw: a stable code, a message that says what went
 * wrong, the next steps a user can take (the CLI and the app host render them) and structured data.
 */
import type { RefusalCode } from '../../core/signoff.js';

export type HandoverErrorCode =
  // input and the parties of a new handover
  | 'INVALID_INPUT'
  | 'DEPARTING_NOT_FOUND'
  | 'SUCCESSOR_NOT_FOUND'
  | 'SUCCESSOR_INACTIVE'
  | 'SUCCESSOR_FROZEN'
  | 'SUCCESSOR_IS_DEPARTING'
  | 'SUCCESSOR_CANNOT_OWN'
  | 'DUPLICATE_SUCCESSOR'
  | 'TOO_MANY_SUCCESSORS'
  | 'MANAGER_NOT_FOUND'
  | 'MANAGER_INACTIVE'
  | 'MANAGER_FROZEN'
  | 'NO_MANAGER'
  | 'MANAGER_IS_PARTY'
  | 'LAST_DAY_IN_PAST'
  | 'SPLIT_INVALID'
  | 'HANDOVER_EXISTS'
  // finding things
  | 'HANDOVER_NOT_FOUND'
  | 'WRONG_OBJECT'
  | 'HANDOVER_INCOMPLETE'
  | 'ITEM_NOT_FOUND'
  | 'ACCOUNT_NOT_FOUND'
  | 'CONTACT_NOT_FOUND'
  // who may do what (besides the sign-off refusals)
  | 'NOT_CONFIRMABLE'
  // the org
  | 'INVALID_ROW'
  | 'AUDIT_CHAIN_BROKEN'
  | 'WRITE_FAILED'
  | 'PARTIAL_WRITE'
  | 'ORG_ERROR'
  // the reassignment engine
  | 'RUN_IN_PROGRESS'
  | 'NOT_APPROVED'
  | 'NOTHING_TO_UNDO'
  | 'RUN_UNSETTLED'
  | 'PLAN_INVALID'
  | 'API_LIMIT_RESERVE'
  | 'API_LIMIT_EXCEEDED'
  // sign-off refusals, as decide() names them
  | RefusalCode;

export type HandoverErrorOptions = {
  actions?: readonly string[];
  data?: Readonly<Record<string, unknown>>;
  cause?: unknown;
};

export class HandoverError extends Error {
  public readonly code: HandoverErrorCode;
  /** What the user can do next, in order of preference. */
  public readonly actions: readonly string[];
  public readonly data: Readonly<Record<string, unknown>>;

  public constructor(code: HandoverErrorCode, message: string, options: HandoverErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'HandoverError';
    this.code = code;
    this.actions = options.actions ?? [];
    this.data = options.data ?? {};
  }

  /** A plain object for `--json` output and HTTP bodies. */
  public toJSON(): {
    code: HandoverErrorCode;
    message: string;
    actions: readonly string[];
    data: Record<string, unknown>;
  } {
    return { code: this.code, message: this.message, actions: this.actions, data: { ...this.data } };
  }
}

export function isHandoverError(error: unknown): error is HandoverError {
  return error instanceof HandoverError;
}

/** An error jsforce (or @salesforce/core) threw for an API call, as a HandoverError. */
export function orgError(error: unknown, doing: string): HandoverError {
  if (error instanceof HandoverError) return error;
  const detail = error as { errorCode?: unknown; name?: unknown; message?: unknown } | null;
  const errorCode =
    typeof detail?.errorCode === 'string'
      ? detail.errorCode
      : typeof detail?.name === 'string'
        ? detail.name
        : 'UNKNOWN';
  const message = typeof detail?.message === 'string' ? detail.message : String(error);
  return new HandoverError('ORG_ERROR', `The org refused to ${doing}: ${message}`, {
    actions: ['Check your connection and permissions in the org, then try again.'],
    data: { errorCode },
    cause: error,
  });
}
