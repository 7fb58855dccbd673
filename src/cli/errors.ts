/** Turning the service layer's HandoverError into the SfError the sf CLI prints (and --json reports). */
import { SfError } from '@salesforce/core';
import { isHandoverError } from '../salesforce/service/index.js';

type HandoverErrorLike = { code: string; message: string; actions: readonly string[]; data?: unknown };

function isHandoverErrorLike(error: unknown): error is HandoverErrorLike {
  if (isHandoverError(error)) return true;
  const e = error as Partial<HandoverErrorLike> | null;
  return (
    typeof e === 'object' &&
    e !== null &&
    (e as { name?: unknown }).name === 'HandoverError' &&
    typeof e.code === 'string' &&
    Array.isArray(e.actions)
  );
}

/**
 * A HandoverError as an SfError named by its code, with its message, actions and data (exit code 1);
 * other errors unchanged. The HandoverError is not kept as the cause: --json would print it again, stack and all.
 */
export function toSfError(error: unknown): unknown {
  if (!isHandoverErrorLike(error)) return error;
  const sfError = new SfError(error.message, error.code, [...error.actions], 1);
  if (error.data !== undefined) sfError.setData(error.data as Parameters<SfError['setData']>[0]);
  return sfError;
}

/** Runs a service call; a HandoverError it throws becomes an SfError. */
export async function callService<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw toSfError(error);
  }
}
