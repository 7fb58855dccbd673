import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureAuthTables } from '../../../src/org/auth/index.js';
import { checkCredentials } from '../../../src/org/auth/users.js';
import type { OrgContext } from '../../../src/org/context.js';
import { ensureTables, openDatabase } from '../../../src/org/db.js';
import { makeId } from '../../../src/org/ids.js';
import { RecordStore } from '../../../src/org/records.js';
import { loadSchema } from '../../../src/org/schema/metadata.js';
import { seedEmpty } from '../../../src/org/seeds/empty.js';
import { parseSeedName, seedOrg } from '../../../src/org/seeds/index.js';
import { parseScaleSeed, seedScale, type ScaleSeed, type ScaleSpec } from '../../../src/org/seeds/scale.js';
import { DEFAULT_SETTINGS } from '../../../src/org/settings.js';
import { benchScaleSeed } from '../../../src/bench/orgSeed.js';

const NOW = new Date('2026-06-15T02:00:00Z');
const objectsDir = mkdtempSync(join(tmpdir(), 'handover-scale-objects-'));
const CHILD_OBJECTS = ['Contact', 'Opportunity', 'Case', 'Task', 'Event'];

function newOrg(): { ctx: OrgContext; store: RecordStore } {
  const db = openDatabase(':memory:');
  const schema = loadSchema(objectsDir);
  ensureTables(db, schema);
  ensureAuthTables(db);
  const ctx: OrgContext = {
    db,
    schema,
    orgId: makeId('00D', 1),
    timeZone: 'Asia/Shanghai',
    baseUrl: '',
    now: () => NOW,
    settings: { ...DEFAULT_SETTINGS },
  };
  return { ctx, store: new RecordStore(ctx) };
}

function seeded(spec: ScaleSpec): { ctx: OrgContext; seed: ScaleSeed } {
  const { ctx, store } = newOrg();
  const seed = store.transaction(() => seedScale(ctx, store, seedEmpty(ctx, store), spec));
  return { ctx, seed };
}

function count(ctx: OrgContext, sql: string, ...params: string[]): number {
  return Number((ctx.db.prepare(sql).get(...params) as { n: number }).n);
}

/** A digest of every row of the seeded objects, to compare two seeds. */
function digest(ctx: OrgContext): string {
  const hash = createHash('sha256');
  for (const table of ['User', 'Account', ...CHILD_OBJECTS]) {
    for (const row of ctx.db.prepare(`SELECT * FROM "${table}" ORDER BY Id`).all()) hash.update(JSON.stringify(row));
  }
  return hash.digest('hex');
}

describe('scale seed names', () => {
  it('parses scale:<accounts>[:<share>] with a fraction or a percentage', () => {
    expect(parseScaleSeed('scale:1000')).toEqual({ accounts: 1000, departingShare: 0.25 });
    expect(parseScaleSeed('scale:1000:0.4')).toEqual({ accounts: 1000, departingShare: 0.4 });
    expect(parseScaleSeed('scale:1000:40%')).toEqual({ accounts: 1000, departingShare: 0.4 });
    expect(parseScaleSeed('scale:0')).toBeUndefined();
    expect(parseScaleSeed('scale:10:1.5')).toBeUndefined();
    expect(parseScaleSeed('scale:ten')).toBeUndefined();
    expect(parseSeedName('scale:50:10%')).toBe('scale:50:10%');
    expect(parseSeedName('demo')).toBe('demo');
    expect(parseSeedName('nope')).toBeUndefined();
  });
});

describe('the scale seed', () => {
  const spec = { accounts: 240, departingShare: 0.25 };
  const { ctx, seed } = seeded(spec);

  it('writes exactly the rows it reports, with the demo ratios per account', () => {
    expect(seed.totals.Account).toBe(240);
    for (const object of ['User', 'Account', ...CHILD_OBJECTS]) {
      const filter = object === 'User' ? ` WHERE Username <> 'admin@handover.local'` : '';
      expect([object, count(ctx, `SELECT COUNT(*) AS n FROM "${object}"${filter}`)]).toEqual([
        object,
        seed.totals[object],
      ]);
    }
    const perAccount = (object: string) => (seed.totals[object] ?? 0) / 240;
    expect(perAccount('Contact')).toBeGreaterThan(4.5);
    expect(perAccount('Contact')).toBeLessThan(5.5);
    expect(perAccount('Opportunity')).toBeGreaterThan(2.6);
    expect(perAccount('Opportunity')).toBeLessThan(3.4);
    expect(perAccount('Case')).toBeGreaterThan(1.6);
    expect(perAccount('Case')).toBeLessThan(2.4);
    expect(perAccount('Task') + perAccount('Event')).toBeGreaterThan(9.2);
    expect(perAccount('Task') + perAccount('Event')).toBeLessThan(10.8);
    expect(seed.rows).toBe(Object.values(seed.totals).reduce((a, b) => a + b, 0));
  });

  it('gives the departing rep exactly the share of accounts, and most of their children', () => {
    expect(seed.departingAccounts).toBe(60);
    const departing = seed.users.departing;
    expect(count(ctx, `SELECT COUNT(*) AS n FROM "Account" WHERE OwnerId = ?`, departing)).toBe(60);
    const onBook = (object: string) =>
      count(
        ctx,
        `SELECT COUNT(*) AS n FROM "${object}" c JOIN "Account" a ON a.Id = c.AccountId WHERE a.OwnerId = ?`,
        departing,
      );
    const owned = (object: string) => count(ctx, `SELECT COUNT(*) AS n FROM "${object}" WHERE OwnerId = ?`, departing);
    for (const object of CHILD_OBJECTS) {
      expect(owned(object)).toBeGreaterThan(onBook(object) * 0.85);
      expect(owned(object)).toBeLessThanOrEqual(onBook(object));
    }
    // The rest is spread over the manager, the successors and the reps.
    const owners = ctx.db.prepare(`SELECT OwnerId, COUNT(*) AS n FROM "Account" GROUP BY OwnerId`).all();
    expect(owners.length).toBe(2 + seed.users.successors.length + seed.users.reps.length);
  });

  it('writes consistent records: children point at their account, activities carry the account', async () => {
    expect(count(ctx, `SELECT COUNT(*) AS n FROM "Contact" WHERE AccountId IS NULL`)).toBe(0);
    expect(
      count(
        ctx,
        `SELECT COUNT(*) AS n FROM "Case" c JOIN "Contact" k ON k.Id = c.ContactId WHERE k.AccountId <> c.AccountId`,
      ),
    ).toBe(0);
    expect(count(ctx, `SELECT COUNT(*) AS n FROM "Task" WHERE AccountId IS NULL OR AccountId <> WhatId`)).toBe(0);
    expect(
      count(ctx, `SELECT COUNT(*) AS n FROM "Opportunity" WHERE IsClosed = 1 AND StageName NOT LIKE 'Closed%'`),
    ).toBe(0);
    expect(count(ctx, `SELECT COUNT(*) AS n FROM "Case" WHERE CaseNumber IS NULL`)).toBe(0);
    expect(count(ctx, `SELECT COUNT(DISTINCT CaseNumber) AS n FROM "Case"`)).toBe(seed.totals.Case);
    expect((await checkCredentials(ctx, 'departing@handover.local', 'handover')).ok).toBe(true);
  });

  it('is deterministic: the same size and clock give identical rows', () => {
    const again = seeded(spec);
    expect(again.seed.totals).toEqual(seed.totals);
    expect(digest(again.ctx)).toBe(digest(ctx));
  });

  it('honours another departing share', () => {
    const other = seeded({ accounts: 50, departingShare: 0.4 });
    expect(other.seed.departingAccounts).toBe(20);
    expect(count(other.ctx, `SELECT COUNT(*) AS n FROM "Account" WHERE OwnerId = ?`, other.seed.users.departing)).toBe(
      20,
    );
  });

  it('is what seedOrg writes for scale:<n>:<share>', () => {
    const { ctx: orgCtx, store } = newOrg();
    store.transaction(() => seedOrg(orgCtx, store, 'scale:30:10%'));
    expect(count(orgCtx, `SELECT COUNT(*) AS n FROM "Account"`)).toBe(30);
    const departing = orgCtx.db.prepare(`SELECT Id FROM "User" WHERE Username = 'departing@handover.local'`).get() as {
      Id: string;
    };
    expect(count(orgCtx, `SELECT COUNT(*) AS n FROM "Account" WHERE OwnerId = ?`, departing.Id)).toBe(3);
  });
});

describe('benchScaleSeed', () => {
  it('measures rows per second of a scale seed in a file database', async () => {
    const result = await benchScaleSeed(500);
    expect(result.records).toBeGreaterThan(500 * 20);
    expect(result.recordsPerSecond).toBeGreaterThan(0);
    expect(result.name).toBe('scale-seed 500 accounts');
  });
});

describe('insertTrusted (the loader of seeds)', () => {
  it('writes the rows a record-by-record load writes: defaults, derived fields, auto-numbers in order', () => {
    const { ctx, store } = newOrg();
    const admin = seedEmpty(ctx, store).admin;
    const first = store.create('Case', { Subject: 'Before', Status: 'New', Origin: 'Web' }, admin);
    // More rows than one multi-row INSERT holds, with columns only some rows set.
    const rows = Array.from({ length: 130 }, (_, i) => ({
      Subject: `Bulk ${i}`,
      Status: i % 3 === 0 ? 'Closed' : 'New',
      ...(i % 2 === 0 ? { Priority: 'High' } : {}),
    }));
    const ids = store.insertTrusted('Case', rows, admin);
    const last = store.create('Case', { Subject: 'After', Status: 'New', Origin: 'Web' }, admin);
    const read = (id: string) =>
      ctx.db
        .prepare('SELECT CaseNumber, Priority, IsClosed, ClosedDate, OwnerId, IsDeleted FROM "Case" WHERE Id = ?')
        .get(id) as Record<string, unknown>;
    const number = (id: string) => Number(read(id).CaseNumber);
    expect(ids).toHaveLength(130);
    expect(ids.map(number)).toEqual(ids.map((_, i) => number(first) + 1 + i));
    expect(number(last)).toBe(number(first) + 131);
    expect(read(ids[0]!)).toMatchObject({ Priority: 'High', IsClosed: 1, OwnerId: admin.userId, IsDeleted: 0 });
    expect(read(ids[0]!).ClosedDate).toEqual(expect.any(String));
    // An unset picklist takes its default (the field's default, as create would give it).
    expect(read(ids[1]!)).toMatchObject({ Priority: read(last).Priority, IsClosed: 0, ClosedDate: null });
  });
});
