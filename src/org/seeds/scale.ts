import { makeRng, type Rng } from './random.js';
import { setPasswords } from '../auth/index.js';
import type { OrgContext } from '../context.js';
import type { Row } from '../derived.js';
import type { Actor, RecordStore } from '../records.js';
import {
  CASE_TEMPLATES,
  CHINA_BRANDS,
  CHINA_CITIES,
  CHINA_COMPANY_SUFFIXES,
  CHINA_GIVEN_NAMES,
  CHINA_SURNAMES,
  CHINA_TRADES,
  DEPARTMENTS,
  DONE_TASKS,
  MEETINGS,
  OPEN_TASKS,
  PRODUCTS,
  type ChinaCity,
} from './demoData.js';
import { SEED_PASSWORD, type SeededOrg } from './empty.js';

/**
 * The `scale:<accounts>[:<share>]` seed: a large, deterministic data set for load tests and
 * benchmarks. N accounts with the demo's ratios (about 5 contacts, 3 opportunities, 2 cases and 10
 * activities each), owned by a sales team: a manager, three successors, reps, and the departing rep
 * who owns `share` of the accounts (default 25%) and most of their children. Rows are written with
 * insertTrusted in the caller's transaction, in chunks, at well over 50,000 rows per second.
 *
 * Deterministic: one seeded PRNG and dates relative to ctx.now(), so two seeds of the same size with
 * the same clock write identical rows (Ids included).
 */

export type ScaleSpec = { accounts: number; departingShare: number };

export type ScaleSeed = {
  users: { manager: string; departing: string; successors: string[]; reps: string[] };
  /** Accounts the departing rep owns: floor(accounts * share), spread evenly. */
  departingAccounts: number;
  /** Rows per object written by the seed (users included). */
  totals: Record<string, number>;
  /** All rows written. */
  rows: number;
};

export const DEFAULT_DEPARTING_SHARE = 0.25;
export const MAX_SCALE_ACCOUNTS = 2_000_000;
const SEED = 20_260_701;
const CHUNK = 2_000;
const DAY_MS = 86_400_000;
const TWO_DIGITS = Array.from({ length: 60 }, (_, n) => String(n).padStart(2, '0'));

/** `scale:1000`, `scale:1000:0.4` or `scale:1000:40%`; undefined when `name` is not a scale seed. */
export function parseScaleSeed(name: string): ScaleSpec | undefined {
  const m = /^scale:(\d{1,7})(?::(\d+(?:\.\d+)?)(%?))?$/.exec(name.trim());
  if (!m) return undefined;
  const accounts = Number(m[1]);
  const share = m[2] === undefined ? DEFAULT_DEPARTING_SHARE : Number(m[2]) / (m[3] ? 100 : 1);
  if (accounts < 1 || accounts > MAX_SCALE_ACCOUNTS || !(share >= 0 && share <= 1)) return undefined;
  return { accounts, departingShare: share };
}

// ---------------------------------------------------------------------------------------------
// Randomness (mulberry32, as the demo seed)

// ---------------------------------------------------------------------------------------------
// Users

type Team = ScaleSeed['users'] & { all: string[] };

function repCount(accounts: number): number {
  return Math.min(40, Math.max(2, Math.round(accounts / 5_000)));
}

function seedTeam(ctx: OrgContext, store: RecordStore, base: SeededOrg, accounts: number): Team {
  const admin = base.admin;
  const system = { system: true };
  const managerRole = store.create(
    'UserRole',
    { Name: 'Sales Manager', DeveloperName: 'Scale_Sales_Manager', ParentRoleId: base.roles.ceo },
    admin,
    system,
  );
  const repRole = store.create(
    'UserRole',
    { Name: 'Sales Rep', DeveloperName: 'Scale_Sales_Rep', ParentRoleId: managerRole },
    admin,
    system,
  );
  const user = (username: string, lastName: string, title: string, role: string, managerId?: string): string => {
    const id = store.create(
      'User',
      {
        Username: username,
        LastName: lastName,
        Alias: username.split('@')[0]?.slice(0, 8),
        Email: username,
        ProfileId: base.profiles.standard,
        UserRoleId: role,
        ManagerId: managerId,
        Title: title,
        TimeZoneSidKey: ctx.timeZone,
        LocaleSidKey: 'zh_CN',
        LanguageLocaleKey: 'zh_CN',
        EmailEncodingKey: 'UTF-8',
        IsActive: true,
      },
      admin,
      system,
    );
    return id;
  };
  const manager = user('manager@handover.local', '陈静', '销售经理 Sales Manager', managerRole);
  const departing = user('departing@handover.local', '王磊', '销售代表 Sales Rep (leaving)', repRole, manager);
  const successors = [1, 2, 3].map((n) =>
    user(`successor${n}@handover.local`, `接任者${n}`, '销售代表 Sales Rep', repRole, manager),
  );
  const reps = Array.from({ length: repCount(accounts) }, (_, i) => {
    const n = String(i + 1).padStart(2, '0');
    return user(`rep${n}@handover.local`, `销售${n}`, '销售代表 Sales Rep', repRole, manager);
  });
  const all = [manager, departing, ...successors, ...reps];
  setPasswords(ctx, all, SEED_PASSWORD);
  return { manager, departing, successors, reps, all };
}

// ---------------------------------------------------------------------------------------------
// Accounts and their children

type Writer = {
  store: RecordStore;
  rng: Rng;
  team: Team;
  /** Owners other than the departing rep, in round-robin order. */
  others: string[];
  spec: ScaleSpec;
  /** ISO datetimes and dates `offset` days from now (negative: past), cached. */
  at(offset: number): string;
  day(offset: number): string;
  counts: Record<string, number>;
};

type AccountPlan = {
  owner: string;
  departing: boolean;
  row: Row;
  contacts: number;
  opps: number;
  cases: number;
  activities: number;
};

/** Accounts are the departing rep's where floor((i + 1) * share) steps up: exact count, evenly spread. */
function isDeparting(index: number, share: number): boolean {
  return Math.floor((index + 1) * share + 1e-9) > Math.floor(index * share + 1e-9);
}

function ownerOf(w: Writer, index: number, departing: boolean): string {
  if (departing) return w.team.departing;
  return w.others[index % w.others.length]!;
}

/** A child's owner: usually the account's owner; some belong to a colleague (a realistic mess). */
function childOwner(w: Writer, plan: AccountPlan, crossShare: number): string {
  return w.rng.next() < crossShare ? w.rng.pick(w.others) : plan.owner;
}

function planAccount(w: Writer, index: number): AccountPlan {
  const { rng } = w;
  const departing = isDeparting(index, w.spec.departingShare);
  const owner = ownerOf(w, index, departing);
  const city: ChinaCity = rng.pick(CHINA_CITIES);
  const [brand] = rng.pick(CHINA_BRANDS);
  const trade = rng.pick(CHINA_TRADES);
  const suffix = rng.pick(CHINA_COMPANY_SUFFIXES)[0];
  const createdAgo = rng.int(60, 2_000);
  const created = w.at(-createdAgo);
  const modified = w.at(-rng.int(1, Math.min(createdAgo, 90)));
  const customer = rng.next() < 0.7;
  const row: Row = {
    Name: `${city.name}${brand}${trade.word}${suffix}`,
    AccountNumber: `SC-${String(index + 1).padStart(7, '0')}`,
    OwnerId: owner,
    Type: customer ? 'Customer - Direct' : 'Prospect',
    Industry: trade.industry,
    AnnualRevenue: rng.int(5, 5_000) * 100_000,
    NumberOfEmployees: rng.int(20, 20_000),
    Rating: rng.pick(['Hot', 'Warm', 'Cold']),
    Phone: `+86 ${city.areaCode} ${rng.int(1000, 9999)} ${rng.int(1000, 9999)}`,
    BillingStreet: `${rng.pick(city.streets)}${rng.int(1, 999)}号`,
    BillingCity: city.name,
    BillingState: city.province,
    BillingPostalCode: city.postalCode,
    BillingCountry: '中国',
    LastActivityDate: w.day(-rng.int(1, 120)),
    CreatedDate: created,
    CreatedById: owner,
    LastModifiedDate: modified,
    LastModifiedById: owner,
    SystemModstamp: modified,
  };
  return {
    owner,
    departing,
    row,
    contacts: rng.int(3, 7),
    opps: rng.int(1, 5),
    cases: rng.int(0, 4),
    activities: rng.int(6, 14),
  };
}

function audit(w: Writer, owner: string, createdAgo: number): Row {
  const created = w.at(-createdAgo);
  const modified = w.at(-w.rng.int(1, Math.max(1, Math.min(createdAgo, 60))));
  return {
    CreatedDate: created,
    CreatedById: owner,
    LastModifiedDate: modified,
    LastModifiedById: owner,
    SystemModstamp: modified,
  };
}

function contactRows(w: Writer, plan: AccountPlan, accountId: string): Row[] {
  const rows: Row[] = [];
  for (let i = 0; i < plan.contacts; i++) {
    const [surname, surnamePinyin] = w.rng.pick(CHINA_SURNAMES);
    const [given, givenPinyin] = w.rng.pick(CHINA_GIVEN_NAMES);
    const dept = DEPARTMENTS[i % DEPARTMENTS.length] ?? DEPARTMENTS[0];
    const owner = childOwner(w, plan, 0.05);
    rows.push({
      LastName: `${surname}${given}`,
      AccountId: accountId,
      OwnerId: owner,
      Title: dept?.title.zh ?? null,
      Department: dept?.department.zh ?? null,
      Email: `${givenPinyin}.${surnamePinyin}.${accountId.slice(-6).toLowerCase()}${i}@example.cn`,
      MobilePhone: `+86 1${w.rng.int(30, 89)} ${w.rng.int(1000, 9999)} ${w.rng.int(1000, 9999)}`,
      ...audit(w, owner, w.rng.int(30, 900)),
    });
  }
  return rows;
}

const STAGES: readonly [string, number][] = [
  ['Prospecting', 8],
  ['Qualification', 8],
  ['Needs Analysis', 8],
  ['Value Proposition', 8],
  ['Id. Decision Makers', 6],
  ['Perception Analysis', 6],
  ['Proposal/Price Quote', 9],
  ['Negotiation/Review', 7],
  ['Closed Won', 25],
  ['Closed Lost', 15],
];
const STAGE_TOTAL = STAGES.reduce((sum, [, weight]) => sum + weight, 0);

function stage(rng: Rng): string {
  let roll = rng.next() * STAGE_TOTAL;
  for (const [name, weight] of STAGES) {
    roll -= weight;
    if (roll < 0) return name;
  }
  return 'Closed Won';
}

function opportunityRows(w: Writer, plan: AccountPlan, accountId: string): Row[] {
  const rows: Row[] = [];
  const short = String(plan.row.Name).slice(2, 6);
  for (let i = 0; i < plan.opps; i++) {
    const stageName = stage(w.rng);
    const closed = stageName.startsWith('Closed');
    const owner = childOwner(w, plan, 0.08);
    rows.push({
      Name: `${short} - ${w.rng.pick(PRODUCTS).zh}`,
      AccountId: accountId,
      OwnerId: owner,
      StageName: stageName,
      Amount: w.rng.int(5, 800) * 10_000,
      CloseDate: closed ? w.day(-w.rng.int(5, 400)) : w.day(w.rng.int(5, 180)),
      Type: w.rng.pick(['New Customer', 'Existing Customer - Upgrade', 'Existing Customer - Replacement']),
      LeadSource: w.rng.pick(['Web', 'Phone Inquiry', 'Partner Referral', 'Other']),
      ...audit(w, owner, w.rng.int(30, 500)),
    });
  }
  return rows;
}

const CASE_STATUS: readonly string[] = ['New', 'Working', 'Working', 'Escalated', 'Closed', 'Closed', 'Closed'];

function caseRows(w: Writer, plan: AccountPlan, accountId: string, contactIds: string[]): Row[] {
  const rows: Row[] = [];
  for (let i = 0; i < plan.cases; i++) {
    const template = w.rng.pick(CASE_TEMPLATES);
    const owner = childOwner(w, plan, 0.05);
    rows.push({
      Subject: template.subject.zh,
      Type: template.type,
      Reason: template.reason,
      Status: w.rng.pick(CASE_STATUS),
      Priority: w.rng.pick(['High', 'Medium', 'Medium', 'Low']),
      Origin: w.rng.pick(['Phone', 'Email', 'Web']),
      AccountId: accountId,
      ContactId: contactIds.length > 0 ? w.rng.pick(contactIds) : null,
      OwnerId: owner,
      ...audit(w, owner, w.rng.int(2, 300)),
    });
  }
  return rows;
}

/** About 60% tasks (most of them done, some open) and 40% events (past meetings, a few upcoming). */
function activityRows(w: Writer, plan: AccountPlan, accountId: string, contactIds: string[]): [Row[], Row[]] {
  const tasks: Row[] = [];
  const events: Row[] = [];
  for (let i = 0; i < plan.activities; i++) {
    const owner = childOwner(w, plan, 0.05);
    const whoId = contactIds.length > 0 ? w.rng.pick(contactIds) : null;
    if (w.rng.next() < 0.6) tasks.push(taskRow(w, owner, accountId, whoId));
    else events.push(eventRow(w, owner, accountId, whoId));
  }
  return [tasks, events];
}

function taskRow(w: Writer, owner: string, accountId: string, whoId: string | null): Row {
  const open = w.rng.next() < 0.25;
  const template = w.rng.pick(open ? OPEN_TASKS : DONE_TASKS);
  const offset = open ? w.rng.int(-10, 30) : -w.rng.int(1, 365);
  return {
    Subject: template.subject.zh,
    Type: template.type,
    TaskSubtype: template.type === 'Call' ? 'Call' : template.type === 'Email' ? 'Email' : 'Task',
    Status: open ? 'Not Started' : 'Completed',
    Priority: w.rng.next() < 0.15 ? 'High' : 'Normal',
    ActivityDate: w.day(offset),
    CompletedDateTime: open ? null : w.at(offset),
    WhatId: accountId,
    WhoId: whoId,
    OwnerId: owner,
    ...audit(w, owner, Math.max(1, -offset + 1)),
  };
}

function eventRow(w: Writer, owner: string, accountId: string, whoId: string | null): Row {
  const offset = w.rng.next() < 0.15 ? w.rng.int(1, 30) : -w.rng.int(1, 365);
  const start = w.at(offset);
  const minutes = w.rng.pick([30, 60, 60, 90, 120]);
  return {
    Subject: w.rng.pick(MEETINGS).zh,
    Type: 'Meeting',
    EventSubtype: 'Event',
    StartDateTime: start,
    EndDateTime: new Date(Date.parse(start) + minutes * 60_000).toISOString(),
    DurationInMinutes: minutes,
    WhatId: accountId,
    WhoId: whoId,
    OwnerId: owner,
    ...audit(w, owner, Math.max(1, -offset + 7)),
  };
}

function insert(w: Writer, objectName: string, rows: Row[], actor: Actor): string[] {
  if (rows.length === 0) return [];
  w.counts[objectName] = (w.counts[objectName] ?? 0) + rows.length;
  return w.store.insertTrusted(objectName, rows, actor);
}

/** One chunk of accounts: the accounts first, then each kind of child in one insertTrusted call. */
function writeChunk(w: Writer, from: number, to: number, actor: Actor): void {
  const plans: AccountPlan[] = [];
  for (let i = from; i < to; i++) plans.push(planAccount(w, i));
  const accountIds = insert(
    w,
    'Account',
    plans.map((p) => p.row),
    actor,
  );
  const contacts: Row[] = [];
  const firstContact: number[] = [];
  plans.forEach((plan, i) => {
    firstContact.push(contacts.length);
    contacts.push(...contactRows(w, plan, accountIds[i]!));
  });
  const contactIds = insert(w, 'Contact', contacts, actor);
  const opps: Row[] = [];
  const cases: Row[] = [];
  const tasks: Row[] = [];
  const events: Row[] = [];
  plans.forEach((plan, i) => {
    const accountId = accountIds[i]!;
    const start = firstContact[i]!;
    const own = contactIds.slice(start, start + plan.contacts);
    opps.push(...opportunityRows(w, plan, accountId));
    cases.push(...caseRows(w, plan, accountId, own));
    const [t, e] = activityRows(w, plan, accountId, own);
    tasks.push(...t);
    events.push(...e);
  });
  insert(w, 'Opportunity', opps, actor);
  insert(w, 'Case', cases, actor);
  insert(w, 'Task', tasks, actor);
  insert(w, 'Event', events, actor);
}

/** A per-seed cache of ISO datetimes (09:00-18:00 local-ish, UTC) and dates by day offset. */
function makeDays(now: Date, rng: Rng): { at: (offset: number) => string; day: (offset: number) => string } {
  const midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const dates = new Map<number, string>();
  const day = (offset: number): string => {
    let value = dates.get(offset);
    if (value === undefined) {
      value = new Date(midnight + offset * DAY_MS).toISOString().slice(0, 10);
      dates.set(offset, value);
    }
    return value;
  };
  // Built as text: Date#toISOString per row would cost more than the row's insert.
  const at = (offset: number): string =>
    `${day(offset)}T${TWO_DIGITS[1 + rng.int(0, 9)]}:${TWO_DIGITS[rng.int(0, 59)]}:00.000Z`;
  return { at, day };
}

const SEEDED_OBJECTS = ['Account', 'Contact', 'Opportunity', 'Case', 'Task', 'Event'];

/**
 * Bulk loading as databases do it: the secondary indexes of the (still empty) seeded tables are
 * dropped while the rows go in and built again afterwards, in one sort each, with a large page
 * cache meanwhile. All of it happens inside the caller's transaction, so a failure restores them.
 * The indexes stay as they are when a table already has rows.
 */
function bulkLoad(ctx: OrgContext, fn: () => void): void {
  const { db } = ctx;
  const empty = SEEDED_OBJECTS.filter((name) => db.prepare(`SELECT 1 FROM "${name}" LIMIT 1`).get() === undefined);
  const indexes = db
    .prepare(
      `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL
       AND tbl_name IN (${empty.map(() => '?').join(', ')})`,
    )
    .all(...empty) as { name: string; sql: string }[];
  const cacheSize = Number((db.prepare('PRAGMA cache_size').get() as { cache_size: number }).cache_size);
  db.exec('PRAGMA cache_size = -131072'); // 128 MB
  try {
    for (const index of indexes) db.exec(`DROP INDEX "${index.name.replace(/"/g, '""')}"`);
    fn();
  } finally {
    for (const index of indexes) db.exec(index.sql);
    db.exec(`PRAGMA cache_size = ${cacheSize}`);
  }
}

export function seedScale(ctx: OrgContext, store: RecordStore, base: SeededOrg, spec: ScaleSpec): ScaleSeed {
  const rng = makeRng(SEED);
  const team = seedTeam(ctx, store, base, spec.accounts);
  const days = makeDays(ctx.now(), rng);
  const w: Writer = {
    store,
    rng,
    team,
    others: [team.manager, ...team.successors, ...team.reps],
    spec,
    at: days.at,
    day: days.day,
    counts: { User: team.all.length },
  };
  bulkLoad(ctx, () => {
    for (let from = 0; from < spec.accounts; from += CHUNK) {
      writeChunk(w, from, Math.min(spec.accounts, from + CHUNK), base.admin);
    }
  });
  const departingAccounts = Math.floor(spec.accounts * spec.departingShare + 1e-9);
  const rows = Object.values(w.counts).reduce((sum, n) => sum + n, 0);
  const { manager, departing, successors, reps } = team;
  return { users: { manager, departing, successors, reps }, departingAccounts, totals: w.counts, rows };
}
