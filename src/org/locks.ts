import type { StatementSync } from 'node:sqlite';
import type { OrgContext } from './context.js';
import { quoteIdent } from './db.js';
import type { Row } from './derived.js';
import { OrgApiError } from './errors.js';
import { to18 } from './ids.js';
import type { RecordInput } from './records.js';
import type { FieldDef, SObjectDef } from './schema/types.js';

/**
 * Record locks as Salesforce takes them: a write locks the record and its parent Account (before
 * and after the write), so parallel writes to children of one account collide with
 * UNABLE_TO_LOCK_ROW once a lock was not obtained within the org's lock wait.
 */

/** What `acquire` hands back: the keys obtained, and the release of exactly those. */
export type LockGrant = { granted: Set<string>; release(): void };

type Waiter = { grant(): void };

/**
 * An in-memory lock table of one org. Each key has one holder and a FIFO queue of waiters; a
 * release hands the key straight to the next waiter. Keys are taken in sorted order, so two
 * requests never wait on each other in a cycle.
 */
export class ParentLocks {
  /** A key is held while present; the array holds the waiters in arrival order. */
  private readonly keys = new Map<string, Waiter[]>();

  /**
   * Takes every key it can within `waitMs` (one deadline for the whole set, so a request never
   * waits longer than that in total); keys still busy at the deadline are left out of `granted`.
   */
  public async acquire(keys: Iterable<string>, waitMs: number): Promise<LockGrant> {
    const deadline = Date.now() + Math.max(0, waitMs);
    const granted = new Set<string>();
    for (const key of [...new Set(keys)].sort()) {
      // A free key is taken synchronously: awaiting only busy ones keeps a 10,000-key chunk cheap.
      const taken = this.take(key, deadline);
      if (typeof taken === 'boolean' ? taken : await taken) granted.add(key);
    }
    let released = false;
    return {
      granted,
      release: () => {
        if (released) return;
        released = true;
        for (const key of granted) this.give(key);
      },
    };
  }

  /** True while some request holds `key`. */
  public isHeld(key: string): boolean {
    return this.keys.has(key);
  }

  private take(key: string, deadline: number): Promise<boolean> | boolean {
    const queue = this.keys.get(key);
    if (!queue) {
      this.keys.set(key, []);
      return true;
    }
    const remaining = deadline - Date.now();
    if (remaining <= 0) return false;
    return new Promise((resolve) => {
      const waiter: Waiter = {
        grant: () => {
          clearTimeout(timer);
          resolve(true);
        },
      };
      const timer = setTimeout(() => {
        const at = queue.indexOf(waiter);
        if (at >= 0) queue.splice(at, 1);
        resolve(false);
      }, remaining);
      // A waiting lock must not keep a closing process alive.
      timer.unref();
      queue.push(waiter);
    });
  }

  private give(key: string): void {
    const queue = this.keys.get(key);
    if (!queue) return;
    const next = queue.shift();
    if (next) next.grant();
    else this.keys.delete(key);
  }
}

const tables = new WeakMap<OrgContext, ParentLocks>();

/** The lock table of an org (one per running org, in memory). */
export function parentLocks(ctx: OrgContext): ParentLocks {
  let locks = tables.get(ctx);
  if (!locks) {
    locks = new ParentLocks();
    tables.set(ctx, locks);
  }
  return locks;
}

/** The per-record lock failure, worded as Salesforce words it. */
export function unableToLockRow(key: string): OrgApiError {
  return new OrgApiError(
    400,
    'UNABLE_TO_LOCK_ROW',
    `unable to obtain exclusive access to this record or 1 records: ${key}`,
    [],
  );
}

/** The locks of a group of writes (a collections request, a bulk batch). */
export type WriteLocks = {
  /** The first key of `keys` that was not obtained, or undefined when the write may go ahead. */
  busy(keys: readonly string[]): string | undefined;
  release(): void;
};

const NO_LOCKS: WriteLocks = { busy: () => undefined, release: () => undefined };

/**
 * Locks the keys of all writes of a group at once and holds them until `release`. With lock
 * emulation off nothing is locked and every write may proceed.
 */
export async function lockWrites(ctx: OrgContext, keySets: readonly (readonly string[])[]): Promise<WriteLocks> {
  if (!ctx.settings.lockEmulation) return NO_LOCKS;
  const grant = await parentLocks(ctx).acquire(keySets.flat(), ctx.settings.lockWaitMs);
  return {
    busy: (keys) => keys.find((k) => !grant.granted.has(k)),
    release: () => grant.release(),
  };
}

/** Waits `lockHoldMs` (a fault-injection setting) so that lock collisions can be provoked on purpose. */
export async function holdLocks(ctx: OrgContext): Promise<void> {
  const ms = ctx.settings.lockHoldMs;
  if (ctx.settings.lockEmulation && ms > 0) await new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * The fields of `obj` whose value is a parent the write locks: lookups to Account (AccountId of
 * contacts, opportunities, cases, contracts, activities; custom lookups) and master-detail parents.
 * An account's own parent account is not locked.
 */
export function parentFields(obj: SObjectDef): FieldDef[] {
  return lockShape(obj).fields;
}

type LockShape = { fields: FieldDef[]; activity: boolean };
const shapes = new WeakMap<SObjectDef, LockShape>();

/** The parent fields of an object and whether it is an activity (its AccountId follows WhatId / WhoId). */
function lockShape(obj: SObjectDef): LockShape {
  let shape = shapes.get(obj);
  if (!shape) {
    const fields = obj.fields.filter(
      (f) =>
        f.type === 'reference' &&
        !f.referenceTo.includes(obj.name) &&
        (f.referenceTo.includes('Account') || f.cascadeDelete) &&
        !['OwnerId', 'CreatedById', 'LastModifiedById', 'MasterRecordId'].includes(f.name),
    );
    const activity = obj.fields.some((f) => f.name === 'WhatId') && fields.some((f) => f.name === 'AccountId');
    shape = { fields, activity };
    shapes.set(obj, shape);
  }
  return shape;
}

/** Activities reach their account through WhatId / WhoId (their AccountId is derived). */
const ACTIVITY_PARENTS = ['WhatId', 'WhoId'];

/** The stored parent columns of records, by Id (18 characters), for their "before" lock keys. */
export function loadParents(ctx: OrgContext, obj: SObjectDef, ids: readonly string[]): Map<string, Row> {
  const rows = new Map<string, Row>();
  const columns = parentFields(obj).map((f) => quoteIdent(f.name));
  if (columns.length === 0 || ids.length === 0) return rows;
  const chunk = 500;
  for (let i = 0; i < ids.length; i += chunk) {
    const part = ids.slice(i, i + chunk);
    const sql = `SELECT "Id", ${columns.join(', ')} FROM ${quoteIdent(obj.name)} WHERE "Id" IN (${part.map(() => '?').join(', ')})`;
    for (const row of statement(ctx, sql).all(...part) as Row[]) rows.set(String(row.Id), row);
  }
  return rows;
}

const statements = new WeakMap<OrgContext, Map<string, StatementSync>>();

function statement(ctx: OrgContext, sql: string): StatementSync {
  let cache = statements.get(ctx);
  if (!cache) {
    cache = new Map();
    statements.set(ctx, cache);
  }
  let stmt = cache.get(sql);
  if (!stmt) {
    stmt = ctx.db.prepare(sql);
    cache.set(sql, stmt);
  }
  return stmt;
}

/**
 * The lock keys of one write: the record's Id (18 characters), and its parents before (the stored
 * row) and after (the input) the write. Input keys match field names case-insensitively, as the API does.
 */
export function lockKeysOf(
  ctx: OrgContext,
  obj: SObjectDef,
  id: string | undefined,
  before: Row | undefined,
  input: RecordInput | undefined,
): string[] {
  const keys = new Set<string>();
  const add = (value: unknown): void => {
    const key = typeof value === 'string' ? to18(value) : undefined;
    if (key) keys.add(key);
  };
  if (id) keys.add(id);
  const { fields, activity } = lockShape(obj);
  if (fields.length === 0 && !activity) return [...keys];
  const given = input ? lowerCaseKeys(input) : new Map<string, unknown>();
  for (const f of fields) {
    // Stored values are already 18-character Ids.
    const stored = before?.[f.name];
    if (typeof stored === 'string') keys.add(stored);
    add(given.get(f.name.toLowerCase()));
  }
  if (activity) {
    for (const name of ACTIVITY_PARENTS) add(accountOf(ctx, given.get(name.toLowerCase())));
  }
  return [...keys];
}

function lowerCaseKeys(input: RecordInput): Map<string, unknown> {
  const map = new Map<string, unknown>();
  for (const [k, v] of Object.entries(input)) map.set(k.toLowerCase(), v);
  return map;
}

/** The account an activity's What or Who record belongs to (itself when it is an account). */
function accountOf(ctx: OrgContext, value: unknown): string | undefined {
  const id = typeof value === 'string' ? to18(value) : undefined;
  if (!id) return undefined;
  const target = ctx.schema.objectForId(id);
  if (!target) return undefined;
  if (target.name === 'Account') return id;
  if (!ctx.schema.field(target, 'AccountId')) return undefined;
  const row = statement(ctx, `SELECT "AccountId" FROM ${quoteIdent(target.name)} WHERE "Id" = ?`).get(id) as
    { AccountId: string | null } | undefined;
  return row?.AccountId ?? undefined;
}
