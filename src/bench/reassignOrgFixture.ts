import { quoteIdent } from '../org/db.js';
import type { Row } from '../org/derived.js';
import { startLocalOrg, type LocalOrg } from '../org/localOrg.js';
import { BOOK_OBJECTS, type BookObject, type BookRecord, type OrgChildOptions } from './reassignOrgProtocol.js';

/**
 * The data of the reassign benchmark, built in the org's own process (reassignOrgChild.ts) and written
 * straight into the local org's tables (not measured): a `scale:20:0` team (manager, departing rep,
 * successors; the departing rep owns nothing yet), then a book of exactly `records` records owned by
 * the departing rep in the scale seed's ratios (per account about 5 contacts, 3 opportunities, 2 cases
 * and 6 tasks; some deals, cases and tasks closed), and an Approved handover with one Pending
 * Handover_Item__c per record, successors split evenly by account. The org serves its API over HTTP
 * with `latencyMs` per call (and `serverMs` for which each write keeps its records locked); the bench (the parent process) is its client, as a real org is another machine.
 */
export type ReassignOrg = {
  org: LocalOrg;
  managerUsername: string;
  users: { manager: string; departing: string; successors: string[] };
  handoverId: string;
  /** Account-major order: an account, then its contacts, deals, cases and tasks. */
  records: BookRecord[];
  seedMs: number;
  /** Every record back with the departing rep, every item Pending, the handover Approved, no audit events. */
  reset(): void;
  /** How many of the records with these ids (default all) are owned by their successor now, read from the org's tables. */
  movedCount(ids?: readonly string[]): number;
  close(): Promise<void>;
};

const STAGES = [
  'Prospecting',
  'Qualification',
  'Proposal/Price Quote',
  'Negotiation/Review',
  'Closed Won',
  'Closed Lost',
];
const CASE_STATUS = ['New', 'Working', 'Escalated', 'Closed'];
const DAY_MS = 86_400_000;

/** Children per account, varied around the scale seed's averages (5 contacts, 3 deals, 2 cases, 6 tasks). */
function childCounts(i: number): Record<Exclude<BookObject, 'Account'>, number> {
  return {
    Contact: 3 + (i % 5),
    Opportunity: 1 + ((i * 3) % 5),
    Case: (i * 2) % 5,
    Task: 4 + ((i * 4) % 5),
  };
}

type PlannedAccount = { index: number; children: Record<Exclude<BookObject, 'Account'>, number> };

/** Accounts (with their children) until exactly `records` records; the last account's children are cut short. */
function planBook(records: number): PlannedAccount[] {
  const plan: PlannedAccount[] = [];
  let left = records;
  for (let i = 0; left > 0; i++) {
    left--; // the account
    const counts = childCounts(i);
    for (const object of ['Contact', 'Opportunity', 'Case', 'Task'] as const) {
      const n = Math.min(counts[object], left);
      counts[object] = n;
      left -= n;
    }
    plan.push({ index: i, children: counts });
  }
  return plan;
}

function userIdOf(org: LocalOrg, username: string): string {
  const row = org.ctx.db.prepare('SELECT Id FROM "User" WHERE Username = ?').get(username) as
    { Id: string } | undefined;
  if (!row) throw new Error(`The scale seed has no ${username}`);
  return row.Id;
}

/** Successors 1-3 of the scale seed, then more users like them. */
function successorsOf(org: LocalOrg, count: number, admin: string): string[] {
  const ids = [1, 2, 3].slice(0, count).map((n) => userIdOf(org, `successor${n}@handover.local`));
  const template = org.ctx.db
    .prepare('SELECT ProfileId, UserRoleId, ManagerId FROM "User" WHERE Id = ?')
    .get(ids[0] ?? '') as Row;
  for (let n = ids.length + 1; n <= count; n++) {
    const username = `successor${n}@handover.local`;
    ids.push(
      org.store.create(
        'User',
        {
          Username: username,
          LastName: `Successor ${n}`,
          Alias: `succ${n}`,
          Email: username,
          ProfileId: template.ProfileId,
          UserRoleId: template.UserRoleId,
          ManagerId: template.ManagerId,
          TimeZoneSidKey: org.ctx.timeZone,
          LocaleSidKey: 'en_US',
          LanguageLocaleKey: 'en_US',
          EmailEncodingKey: 'UTF-8',
          IsActive: true,
        },
        { userId: admin },
        { system: true },
      ),
    );
  }
  return ids;
}

/** Starts the org in `dataDir` (the caller's, to remove after close) and writes the book and the handover. */
export async function buildReassignOrg(options: OrgChildOptions, dataDir: string): Promise<ReassignOrg> {
  const started = performance.now();
  const org = await startLocalOrg({
    port: 0,
    dataDir,
    seed: 'scale:20:0',
    objectsDir: options.objectsDir,
    settings: { latencyMs: options.latencyMs, lockHoldMs: options.serverMs },
    // Removed when the bench ends: nothing to keep safe from an operating system crash.
    durable: false,
  });
  try {
    const managerUsername = 'manager@handover.local';
    const admin = userIdOf(org, 'admin@handover.local');
    const manager = userIdOf(org, managerUsername);
    const departing = userIdOf(org, 'departing@handover.local');
    const { records, handoverId, successors } = org.store.transaction(() => {
      const successorIds = successorsOf(org, options.successors, admin);
      const book = writeBook(org, options.records, departing, successorIds);
      const id = writeHandover(org, book, { manager, departing, successors: successorIds });
      return { records: book, handoverId: id, successors: successorIds };
    });
    const idsByObject = new Map<BookObject, string[]>(BOOK_OBJECTS.map((o) => [o, []]));
    for (const r of records) idsByObject.get(r.objectType)?.push(r.id);
    let byId: Map<string, BookRecord> | undefined;
    const users = { manager, departing, successors };
    return {
      org,
      managerUsername,
      users,
      handoverId,
      records,
      seedMs: Math.round(performance.now() - started),
      reset: () => resetOrg(org, idsByObject, departing, handoverId),
      movedCount: (ids) => {
        if (ids === undefined) return movedCount(org, records);
        byId ??= new Map(records.map((r) => [r.id, r]));
        const known = byId;
        return movedCount(
          org,
          ids.map((id) => {
            const record = known.get(id);
            if (!record) throw new Error(`${id} is not a record of the book`);
            return record;
          }),
        );
      },
      close: () => org.close(),
    };
  } catch (error) {
    await org.close();
    throw error;
  }
}

function writeBook(org: LocalOrg, records: number, departing: string, successors: readonly string[]): BookRecord[] {
  const actor = { userId: departing };
  const now = Date.now();
  const day = (offset: number): string => new Date(now + offset * DAY_MS).toISOString().slice(0, 10);
  const plan = planBook(records);
  const accountIds = org.store.insertTrusted(
    'Account',
    plan.map((p) => ({ Name: `Bench account ${p.index}`, OwnerId: departing, Industry: 'Technology' })),
    actor,
  );
  const rows: Record<Exclude<BookObject, 'Account'>, Row[]> = { Contact: [], Opportunity: [], Case: [], Task: [] };
  const owners: Record<Exclude<BookObject, 'Account'>, string[]> = { Contact: [], Opportunity: [], Case: [], Task: [] };
  plan.forEach((p, i) => {
    const accountId = accountIds[i]!;
    const c = p.children;
    for (let k = 0; k < c.Contact; k++) {
      rows.Contact.push({ LastName: `Contact ${p.index}-${k}`, AccountId: accountId, OwnerId: departing });
      owners.Contact.push(accountId);
    }
    for (let k = 0; k < c.Opportunity; k++) {
      const stage = STAGES[(p.index + k) % STAGES.length]!;
      rows.Opportunity.push({
        Name: `Deal ${p.index}-${k}`,
        AccountId: accountId,
        StageName: stage,
        CloseDate: day(stage.startsWith('Closed') ? -30 : 60),
        Amount: 10_000 * (k + 1),
        OwnerId: departing,
      });
      owners.Opportunity.push(accountId);
    }
    for (let k = 0; k < c.Case; k++) {
      rows.Case.push({
        Subject: `Case ${p.index}-${k}`,
        Status: CASE_STATUS[(p.index + k) % CASE_STATUS.length]!,
        Priority: 'Medium',
        Origin: 'Phone',
        AccountId: accountId,
        OwnerId: departing,
      });
      owners.Case.push(accountId);
    }
    for (let k = 0; k < c.Task; k++) {
      const done = (p.index + k) % 4 !== 0;
      rows.Task.push({
        Subject: `Task ${p.index}-${k}`,
        Status: done ? 'Completed' : 'Not Started',
        Priority: 'Normal',
        ActivityDate: day(done ? -10 : 10),
        WhatId: accountId,
        OwnerId: departing,
      });
      owners.Task.push(accountId);
    }
  });
  const successorOfAccount = (i: number): string => successors[i % successors.length]!;
  const accountIndex = new Map(accountIds.map((id, i) => [id, i]));
  const byObject = new Map<BookObject, BookRecord[]>();
  byObject.set(
    'Account',
    accountIds.map((id, i) => ({ id, objectType: 'Account', accountId: id, successorId: successorOfAccount(i) })),
  );
  for (const object of ['Contact', 'Opportunity', 'Case', 'Task'] as const) {
    const ids = org.store.insertTrusted(object, rows[object], actor);
    byObject.set(
      object,
      ids.map((id, k) => {
        const accountId = owners[object][k]!;
        return { id, objectType: object, accountId, successorId: successorOfAccount(accountIndex.get(accountId)!) };
      }),
    );
  }
  // Account-major order, as a book reads: each account with its children.
  const byAccount = new Map<string, BookRecord[]>(accountIds.map((id) => [id, []]));
  for (const object of BOOK_OBJECTS) for (const r of byObject.get(object) ?? []) byAccount.get(r.accountId)?.push(r);
  return [...byAccount.values()].flat();
}

function writeHandover(
  org: LocalOrg,
  book: readonly BookRecord[],
  users: { manager: string; departing: string; successors: string[] },
): string {
  const actor = { userId: users.manager };
  const now = new Date();
  const [handoverId] = org.store.insertTrusted(
    'Handover__c',
    [
      {
        OwnerId: users.manager,
        Departing_User__c: users.departing,
        Manager__c: users.manager,
        Status__c: 'Approved',
        Last_Working_Day__c: new Date(now.getTime() + 7 * DAY_MS).toISOString().slice(0, 10),
        Reason__c: 'Resignation',
        Successor_Ids__c: users.successors.join(','),
        Content_Hash__c: `bench-${book.length}`,
        Approved_At__c: now.toISOString(),
        Completeness__c: 100,
        Gap_Count__c: 0,
      },
    ],
    actor,
  );
  if (handoverId === undefined) throw new Error('The bench handover was not written');
  org.store.insertTrusted(
    'Handover_Item__c',
    book.map((r) => ({
      Handover__c: handoverId,
      Object_Type__c: r.objectType,
      Record_Id__c: r.id,
      Record_Name__c: `${r.objectType} ${r.id}`,
      Account__c: r.accountId,
      Successor__c: r.successorId,
      Previous_Owner__c: users.departing,
      Category__c: 'Record',
      Confirmed_By_Departing__c: 1,
      Transfer_Status__c: 'Pending',
    })),
    actor,
  );
  return handoverId;
}

const IN_IDS = 'Id IN (SELECT value FROM json_each(?))';

function resetOrg(org: LocalOrg, idsByObject: Map<BookObject, string[]>, departing: string, handoverId: string): void {
  const { db } = org.ctx;
  org.store.transaction(() => {
    for (const [object, ids] of idsByObject) {
      db.prepare(`UPDATE ${quoteIdent(object)} SET OwnerId = ? WHERE ${IN_IDS}`).run(departing, JSON.stringify(ids));
    }
    db.prepare(
      `UPDATE "Handover_Item__c" SET Transfer_Status__c = 'Pending', Transfer_Error__c = NULL, Transferred_At__c = NULL
       WHERE Handover__c = ?`,
    ).run(handoverId);
    db.prepare(
      `UPDATE "Handover__c" SET Status__c = 'Approved', Run_Lease_Owner__c = NULL, Run_Lease_Expires__c = NULL, Run_Journal__c = NULL WHERE Id = ?`,
    ).run(handoverId);
    db.prepare('DELETE FROM "Handover_Event__c" WHERE Handover__c = ?').run(handoverId);
  });
}

function movedCount(org: LocalOrg, records: readonly BookRecord[]): number {
  const expected = new Map(records.map((r) => [r.id, r.successorId]));
  let moved = 0;
  for (const object of BOOK_OBJECTS) {
    const ids = records.filter((r) => r.objectType === object).map((r) => r.id);
    if (ids.length === 0) continue;
    const rows = org.ctx.db
      .prepare(`SELECT Id, OwnerId FROM ${quoteIdent(object)} WHERE ${IN_IDS}`)
      .all(JSON.stringify(ids)) as { Id: string; OwnerId: string }[];
    for (const row of rows) if (expected.get(row.Id) === row.OwnerId) moved++;
  }
  return moved;
}
