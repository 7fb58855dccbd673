/**
 * When to try again, and whether the org's daily API allocation still allows it.
 *
 * Retries use exponential back-off with full jitter (a random delay between 0 and the exponential
 * cap): parallel batches that hit the same lock do not come back in step and collide again. The
 * daily allocation is org-wide and shared with every other integration, so a run stops while a
 * reserve is left instead of draining it to zero.
 */

export type RetryOptions = {
  /** The cap of the first retry. */
  baseMs: number;
  /** No delay is longer than this. */
  maxMs: number;
  /** Retries after the first attempt, before a record is journaled as failed. */
  maxRetries: number;
  /** A number in [0, 1); inject one for deterministic delays. */
  random: () => number;
};

export const RETRY_DEFAULTS: Readonly<Omit<RetryOptions, 'random'>> = Object.freeze({
  baseMs: 500,
  maxMs: 30_000,
  maxRetries: 5,
});

/**
 * The delay before retry number `attempt` (1 for the first retry): uniform in
 * [0, min(maxMs, baseMs * 2^(attempt - 1))), rounded down to whole milliseconds.
 */
export function retryDelay(attempt: number, options: Partial<RetryOptions> = {}): number {
  if (!Number.isInteger(attempt) || attempt < 1) throw new RangeError(`A retry attempt is 1 or more, got ${attempt}`);
  const { baseMs, maxMs } = { ...RETRY_DEFAULTS, ...options };
  const random = options.random ?? Math.random;
  // 2 ** attempt overflows to Infinity long after it passed maxMs: min() keeps it finite.
  const cap = Math.min(maxMs, baseMs * 2 ** (attempt - 1));
  const r = Math.min(Math.max(random(), 0), 1 - Number.EPSILON);
  return Math.floor(r * cap);
}

/** Whether retry number `attempt` may still happen. */
export function canRetry(attempt: number, maxRetries: number = RETRY_DEFAULTS.maxRetries): boolean {
  return attempt <= maxRetries;
}

// ---------------------------------------------------------------- daily limit

/** From Sforce-Limit-Info ("api-usage=used/max") or /limits DailyApiRequests (max, max - remaining). */
export type LimitInfo = { used: number; max: number };

/** The calls kept for everything else in the org: the larger of a share of the allocation and a floor. */
export type Reserve = { fraction: number; minCalls: number };

export const DEFAULT_RESERVE: Readonly<Reserve> = Object.freeze({ fraction: 0.05, minCalls: 1_000 });

export function reserveCalls(max: number, reserve: Reserve = DEFAULT_RESERVE): number {
  return Math.max(Math.ceil(max * reserve.fraction), reserve.minCalls);
}

/** Calls the run may still make: what is left above the reserve (0 when none). */
export function spendableCalls(limitInfo: LimitInfo, reserve: Reserve = DEFAULT_RESERVE): number {
  return Math.max(0, limitInfo.max - limitInfo.used - reserveCalls(limitInfo.max, reserve));
}

/** Whether `calls` more requests leave the reserve untouched. */
export function canSpend(calls: number, limitInfo: LimitInfo, reserve: Reserve = DEFAULT_RESERVE): boolean {
  return calls <= spendableCalls(limitInfo, reserve);
}

/** Parses the Sforce-Limit-Info header ("api-usage=25/15000", maybe with other parts); null when absent. */
export function parseLimitInfo(header: string | null | undefined): LimitInfo | null {
  const match = /(?:^|[,;\s])api-usage=(\d+)\/(\d+)/.exec(header ?? '');
  if (match === null) return null;
  return { used: Number(match[1]), max: Number(match[2]) };
}
