import { randomBytes } from 'node:crypto';
import { OrgApiError } from '../errors.js';
import type { PreparedQuery } from '../soql/index.js';

/** Default and allowed page sizes of query results (Sforce-Query-Options: batchSize=n). */
export const DEFAULT_PAGE_SIZE = 2000;
export const MIN_PAGE_SIZE = 200;

type Cursor = { query: PreparedQuery; totalSize: number; pageSize: number; expiresAt: number };

/**
 * Open query cursors behind `nextRecordsUrl` locators ("01g...-2000": cursor id and offset).
 * A cursor expires after `ttlMs` without use; using an expired one is INVALID_QUERY_LOCATOR.
 */
export class QueryCursors {
  private readonly cursors = new Map<string, Cursor>();

  public constructor(
    private readonly ttlMs = 15 * 60_000,
    private readonly maxOpen = 10_000,
  ) {}

  public open(query: PreparedQuery, totalSize: number, pageSize: number): string {
    this.sweep();
    const id = `01g${randomBytes(12).toString('base64url').replace(/[-_]/g, 'x').slice(0, 15)}`;
    this.cursors.set(id, { query, totalSize, pageSize, expiresAt: Date.now() + this.ttlMs });
    return id;
  }

  public get(locator: string): { cursor: Cursor; offset: number; id: string } {
    const m = /^(01g[A-Za-z0-9]+)-(\d+)$/.exec(locator);
    const cursor = m ? this.cursors.get(m[1]!) : undefined;
    if (!m || !cursor || cursor.expiresAt < Date.now()) {
      throw new OrgApiError(400, 'INVALID_QUERY_LOCATOR', 'invalid query locator');
    }
    cursor.expiresAt = Date.now() + this.ttlMs;
    return { cursor, offset: Number(m[2]), id: m[1]! };
  }

  public close(id: string): void {
    this.cursors.delete(id);
  }

  /** Drops expired cursors, and the oldest ones beyond maxOpen. */
  private sweep(): void {
    const now = Date.now();
    for (const [id, c] of this.cursors) if (c.expiresAt < now) this.cursors.delete(id);
    while (this.cursors.size >= this.maxOpen) {
      const oldest = this.cursors.keys().next().value;
      if (oldest === undefined) break;
      this.cursors.delete(oldest);
    }
  }
}
