/**
 * Run-time settings of a local org: the knobs that make it slow, locked, limited or failing on
 * purpose (fault injection) and the rules that can be switched on or off. Set at start-up from
 * flags and environment variables, and changeable while running through the admin endpoint.
 */
export type OrgSettings = {
  /** Added to every API call, plus a random 0..jitterMs. */
  latencyMs: number;
  jitterMs: number;
  /** Share of API calls (0..1) answered 503 instead of being served. */
  errorRate503: number;
  /** DailyApiRequests: past it, calls get 403 REQUEST_LIMIT_EXCEEDED. */
  dailyApiRequests: number;
  /** Concurrent long-running requests allowed (Salesforce: 25 in production, 5 in developer orgs); 0 = no cap. */
  maxConcurrentLongRequests: number;
  /** A request counts as long-running after this many milliseconds (Salesforce: 20 s). */
  longRequestMs: number;
  /** Parent-record lock emulation: how long a write waits for a lock before UNABLE_TO_LOCK_ROW. */
  lockEmulation: boolean;
  lockWaitMs: number;
  /**
   * How long a write keeps its record locks after writing (fault injection, default 0): a held lock
   * makes parallel writes to the same parent collide with UNABLE_TO_LOCK_ROW on purpose.
   */
  lockHoldMs: number;
};

export const DEFAULT_SETTINGS: OrgSettings = {
  latencyMs: 0,
  jitterMs: 0,
  errorRate503: 0,
  dailyApiRequests: 5_000_000,
  maxConcurrentLongRequests: 25,
  longRequestMs: 20_000,
  lockEmulation: true,
  lockWaitMs: 10_000,
  lockHoldMs: 0,
};
