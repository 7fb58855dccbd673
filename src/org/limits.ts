import type { DatabaseSync, StatementSync } from 'node:sqlite';

/** Daily API request allocation of the local org unless configured (a full sandbox's allocation). */
export const DEFAULT_DAILY_API_REQUESTS = 5_000_000;

/**
 * Counts API requests over a rolling 24 hours, in one-minute buckets stored in SQLite so that the
 * count survives restarts, as `/limits` and the `Sforce-Limit-Info` header report it.
 */
export class ApiUsage {
  private readonly insert: StatementSync;
  private readonly sum: StatementSync;

  public constructor(
    db: DatabaseSync,
    public dailyLimit = DEFAULT_DAILY_API_REQUESTS,
    private readonly now: () => Date = () => new Date(),
  ) {
    db.exec('CREATE TABLE IF NOT EXISTS _api_usage (minute INTEGER PRIMARY KEY, count INTEGER NOT NULL)');
    this.insert = db.prepare(
      'INSERT INTO _api_usage (minute, count) VALUES (?, 1) ON CONFLICT(minute) DO UPDATE SET count = count + 1',
    );
    this.sum = db.prepare('SELECT COALESCE(SUM(count), 0) AS used FROM _api_usage WHERE minute > ?');
  }

  /** Records one request. */
  public record(): void {
    this.insert.run(this.minute());
  }

  /** Requests in the last 24 hours. */
  public used(): number {
    return Number((this.sum.get(this.minute() - 24 * 60) as { used: number }).used);
  }

  public remaining(): number {
    return Math.max(0, this.dailyLimit - this.used());
  }

  private minute(): number {
    return Math.floor(this.now().getTime() / 60_000);
  }
}
