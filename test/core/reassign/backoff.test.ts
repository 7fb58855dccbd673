import {
  canRetry,
  canSpend,
  DEFAULT_RESERVE,
  parseLimitInfo,
  reserveCalls,
  retryDelay,
  spendableCalls,
} from '../../../src/core/reassign/backoff.js';
import { seeded } from './fixtures.js';

describe('retryDelay', () => {
  it('grows the cap exponentially from baseMs up to maxMs (full jitter: random 1 reaches the cap)', () => {
    const top = { baseMs: 100, maxMs: 1000, random: () => 0.999999999 };
    expect([1, 2, 3, 4, 5, 6].map((a) => retryDelay(a, top))).toEqual([99, 199, 399, 799, 999, 999]);
  });

  it('can be zero (full jitter) and is deterministic with an injected random', () => {
    expect(retryDelay(3, { baseMs: 100, maxMs: 1000, random: () => 0 })).toBe(0);
    expect(retryDelay(3, { baseMs: 100, maxMs: 1000, random: () => 0.5 })).toBe(200);
    const a = seeded(1);
    const b = seeded(1);
    const delays = (r: () => number): number[] => [1, 2, 3, 4, 5].map((n) => retryDelay(n, { random: r }));
    expect(delays(a)).toEqual(delays(b));
  });

  it('stays within [0, min(maxMs, baseMs * 2^(attempt-1))) for any random and huge attempts', () => {
    const random = seeded(99);
    for (let attempt = 1; attempt <= 2000; attempt++) {
      const delay = retryDelay(attempt, { random });
      expect(Number.isInteger(delay)).toBe(true);
      expect(delay).toBeGreaterThanOrEqual(0);
      expect(delay).toBeLessThan(Math.min(30_000, 500 * 2 ** (attempt - 1)));
    }
    expect(retryDelay(5000, { random: () => 1 })).toBeLessThan(30_000);
    expect(retryDelay(1, { random: () => -3 })).toBe(0);
  });

  it('refuses attempt numbers below 1', () => {
    expect(() => retryDelay(0)).toThrow(RangeError);
    expect(() => retryDelay(1.5)).toThrow(RangeError);
  });

  it('allows maxRetries retries', () => {
    expect(canRetry(5)).toBe(true);
    expect(canRetry(6)).toBe(false);
    expect(canRetry(2, 1)).toBe(false);
  });
});

describe('daily limit guard', () => {
  it('keeps the larger of 5% and 1,000 calls in reserve', () => {
    expect(reserveCalls(15_000)).toBe(1_000);
    expect(reserveCalls(1_000_000)).toBe(50_000);
    expect(DEFAULT_RESERVE).toEqual({ fraction: 0.05, minCalls: 1000 });
  });

  it('spends only what is left above the reserve', () => {
    const info = { used: 13_500, max: 15_000 };
    expect(spendableCalls(info)).toBe(500);
    expect(canSpend(500, info)).toBe(true);
    expect(canSpend(501, info)).toBe(false);
    expect(canSpend(1, { used: 14_500, max: 15_000 })).toBe(false);
    expect(spendableCalls({ used: 20_000, max: 15_000 })).toBe(0);
  });

  it('takes a custom reserve', () => {
    expect(canSpend(900, { used: 0, max: 1000 }, { fraction: 0.1, minCalls: 0 })).toBe(true);
    expect(canSpend(901, { used: 0, max: 1000 }, { fraction: 0.1, minCalls: 0 })).toBe(false);
  });

  it('parses Sforce-Limit-Info', () => {
    expect(parseLimitInfo('api-usage=25/15000')).toEqual({ used: 25, max: 15000 });
    expect(parseLimitInfo('api-usage=18/5000, per-app-api-usage=17/250(appName=sample)')).toEqual({
      used: 18,
      max: 5000,
    });
    expect(parseLimitInfo(undefined)).toBeNull();
    expect(parseLimitInfo('per-app-api-usage=17/250')).toBeNull();
  });
});
