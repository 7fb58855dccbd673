import { makeRng, type Rng } from './random.js';
import { createHash } from 'node:crypto';
import type { StatementSync } from 'node:sqlite';
import { DateTime } from 'luxon';
import { setPasswords } from '../auth/index.js';
import type { OrgContext } from '../context.js';
import type { RecordInput, RecordStore } from '../records.js';
import {
  ACCOUNT_BACKGROUNDS,
  CASE_PROGRESS,
  CASE_TEMPLATES,
  CASE_WANTS,
  CHINA_BRANDS,
  CHINA_CITIES,
  CHINA_COMPANY_SUFFIXES,
  CHINA_GIVEN_NAMES,
  CHINA_HOLIDAYS,
  CHINA_MAKEUP_WORKDAYS,
  CHINA_SURNAMES,
  CHINA_TRADES,
  COMMUNICATION,
  COMPETITORS,
  DEMO_LEADS,
  DEMO_ROLES,
  DEMO_USERS,
  DEPARTING_BOOK_SIZE,
  DEPARTMENTS,
  DONE_TASKS,
  FILE_TEMPLATES,
  FOREIGN_COUNTRIES,
  FOREIGN_TRADES,
  HANDOVER_NOTES,
  HERO_ACCOUNTS,
  LONG_HISTORY,
  LOSS_REASONS,
  MEETINGS,
  NEXT_STEPS,
  OPEN_TASKS,
  ORPHAN_CONTACT,
  PAYMENT_TERMS,
  PRODUCTS,
  RISKS,
  STANCES,
  VISIT_NOTES,
  WIN_NOTES,
  type ChinaCity,
  type DemoUserKey,
  type DemoUserSpec,
  type Department,
  type FileTemplate,
  type ForeignCountry,
  type Gender,
  type HeroAccount,
  type HeroContact,
  type HeroOpp,
  type Lang,
  type Region,
  type RoleKey,
  type Text,
} from './demoData.js';
import { SEED_PASSWORD, type SeededOrg } from './empty.js';

/**
 * The `demo` seed: a sales team in China and abroad, a departing rep (王磊, departing@handover.local)
 * with a book of about 150 accounts and everything a handover must carry (contacts and their decision
 * chain, deals in every stage, complaints, activities, contracts, files, notes, team memberships), the
 * books of the successors and colleagues, a support queue, and China's public holidays.
 *
 * Deterministic: one seeded PRNG and dates relative to `ctx.now()` in the org's time zone, so two seeds
 * with the same clock write identical rows, and "overdue", "renewal within 90 days" or "no activity
 * for 30 days" hold on the day the org is created.
 */

export type DemoUsers = {
  director: string;
  manager: string;
  departing: string;
  successors: [string, string, string];
  /** Active reps besides the departing rep and the successors (the frozen one included). */
  otherReps: string[];
  secondManager: string;
  /** A former employee, deactivated, who still owns records. */
  inactive: string;
  /** Active but frozen (UserLogin.IsFrozen). */
  frozen: string;
};

export type DemoSeed = {
  users: DemoUsers;
  /** Every demo user by its key in DEMO_USERS. */
  userIds: Record<DemoUserKey, string>;
  queueId: string;
  /**
   * Rows per object owned by the departing user; for objects without an owner, the rows linked to the
   * departing user or to records they own (contact roles of their deals, their team memberships, ...).
   */
  departingCounts: Record<string, number>;
  /** Rows per object in the org after seeding. */
  totals: Record<string, number>;
};

const SEED = 20_260_615;
const SYSTEM = { system: true } as const;

// ---------------------------------------------------------------------------------------------
// Deterministic randomness and the clock

function nth<T>(items: readonly T[], index: number): T {
  if (index < 0 || index >= items.length) throw new Error(`Demo seed: index ${index} out of range`);
  return items[index] as T;
}

type Clock = {
  today: DateTime;
  year: number;
  /** ISO date `offset` days from today (negative: past). */
  date(offset: number): string;
  /** UTC datetime at a local hour `offset` days from today. */
  at(offset: number, hour: number, minute?: number): string;
  /** The nearest working day (weekends and Chinese holidays skipped, 调休 days kept), stepping by `step`. */
  workday(offset: number, step: 1 | -1): number;
};

const NON_WORKING = new Set(CHINA_HOLIDAYS.map((h) => h.date));
const MAKEUP_WORKING = new Set(CHINA_MAKEUP_WORKDAYS);

function isoDate(value: DateTime): string {
  const iso = value.toISODate();
  if (!iso) throw new Error(`Demo seed: invalid date ${value.invalidReason ?? ''}`);
  return iso;
}

/** One calendar day of the org's time zone, computed once: luxon's zone arithmetic is slow in bulk. */
type Day = { iso: string; year: number; month: number; day: number; utcOffsetMinutes: number; workday: boolean };

function makeClock(now: Date, timeZone: string): Clock {
  const today = DateTime.fromJSDate(now, { zone: timeZone }).startOf('day');
  if (!today.isValid) throw new Error(`Demo seed: invalid time zone ${timeZone}`);
  const days = new Map<number, Day>();
  const day = (offset: number): Day => {
    let found = days.get(offset);
    if (!found) {
      const d = today.plus({ days: offset });
      const iso = isoDate(d);
      // The offset at noon: right for every hour except those of a daylight-saving switch.
      const utcOffsetMinutes = d.set({ hour: 12 }).offset;
      const workday = MAKEUP_WORKING.has(iso) || (d.weekday <= 5 && !NON_WORKING.has(iso));
      found = { iso, year: d.year, month: d.month, day: d.day, utcOffsetMinutes, workday };
      days.set(offset, found);
    }
    return found;
  };
  return {
    today,
    year: today.year,
    date: (offset) => day(offset).iso,
    at: (offset, hour, minute = 0) => {
      const d = day(offset);
      const local = Date.UTC(d.year, d.month - 1, d.day, hour, minute);
      return new Date(local - d.utcOffsetMinutes * 60_000).toISOString();
    },
    workday(offset, step) {
      let o = offset;
      while (!day(o).workday) o += step;
      return o;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Seeder state

/** How rich a book is: counts and probabilities per account. */
type Detail = {
  contacts: readonly [number, number];
  oppCounts: readonly (readonly [number, number])[];
  stages: readonly (readonly [string, number])[];
  caseCounts: readonly (readonly [number, number])[];
  caseStatus: readonly (readonly [string, number])[];
  pastTouches: readonly [number, number];
  openTasks: readonly [number, number];
  upcomingEvent: number;
  contract: number;
  files: number;
  notes: number;
  staleShare: number;
  activeTouch: readonly [number, number];
  staleTouch: readonly [number, number];
  /** Other users who own some contacts / deals of this book (a realistic mess). */
  crossOwners: readonly DemoUserKey[];
  crossContact: number;
  crossOppOwners: readonly DemoUserKey[];
  crossOpp: number;
  teamPool: readonly (readonly [DemoUserKey, string])[];
  team: number;
  oppTeamPool: readonly (readonly [DemoUserKey, string])[];
  oppTeam: number;
  /** No audit date more recent than this many days (a former employee's records). */
  floorAgo: number;
};

const STAGE_WEIGHTS = [
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
] as const;

/** The departing rep's book: every part of a handover, in quantity. */
const FULL: Detail = {
  contacts: [3, 8],
  oppCounts: [
    [0, 8],
    [1, 30],
    [2, 35],
    [3, 20],
    [4, 7],
  ],
  stages: STAGE_WEIGHTS,
  caseCounts: [
    [0, 55],
    [1, 30],
    [2, 15],
  ],
  caseStatus: [
    ['New', 18],
    ['Working', 27],
    ['Escalated', 5],
    ['Closed', 50],
  ],
  pastTouches: [1, 6],
  openTasks: [0, 3],
  upcomingEvent: 0.35,
  contract: 0.6,
  files: 0.45,
  notes: 0.2,
  staleShare: 0.3,
  activeTouch: [1, 29],
  staleTouch: [31, 200],
  crossOwners: ['lina', 'successor2', 'inactive'],
  crossContact: 0.04,
  crossOppOwners: ['successor1', 'markus'],
  crossOpp: 0.03,
  teamPool: [
    ['lina', 'Pre-Sales Consultant'],
    ['successor1', 'Technical Sales Manager'],
    ['manager', 'Executive Sponsor'],
    ['inactive', 'Account Manager'],
  ],
  team: 0.12,
  oppTeamPool: [
    ['lina', 'Pre-Sales Consultant'],
    ['manager', 'Sales Manager'],
  ],
  oppTeam: 0.1,
  floorAgo: 1,
};

/** A colleague's book in the East China team: smaller, and the departing rep appears in some teams. */
const LIGHT_EAST: Detail = {
  ...FULL,
  contacts: [2, 4],
  oppCounts: [
    [0, 25],
    [1, 45],
    [2, 30],
  ],
  caseCounts: [
    [0, 75],
    [1, 25],
  ],
  pastTouches: [1, 3],
  openTasks: [0, 1],
  upcomingEvent: 0.15,
  contract: 0.35,
  files: 0.1,
  notes: 0.05,
  staleShare: 0.25,
  crossOwners: ['departing'],
  crossContact: 0.02,
  crossOppOwners: ['departing'],
  crossOpp: 0.03,
  teamPool: [
    ['departing', 'Account Manager'],
    ['departing', 'Sales Rep'],
  ],
  team: 0.08,
  oppTeamPool: [['departing', 'Sales Rep']],
  oppTeam: 0.06,
};

const LIGHT_SOUTH: Detail = { ...LIGHT_EAST, crossContact: 0, crossOpp: 0, team: 0, oppTeam: 0 };

/** The former employee's leftovers: old, stale, nothing planned. */
const FORMER: Detail = {
  ...LIGHT_SOUTH,
  openTasks: [0, 0],
  upcomingEvent: 0,
  staleShare: 1,
  staleTouch: [240, 400],
  floorAgo: 240,
};

type Seeder = {
  ctx: OrgContext;
  store: RecordStore;
  rng: Rng;
  clock: Clock;
  admin: string;
  users: Record<DemoUserKey, string>;
  userNames: Record<DemoUserKey, string>;
  userTitles: Record<DemoUserKey, string>;
  queueId: string;
  strategicField: string | undefined;
  accountNames: Set<string>;
  accountSequence: number;
  /** Stages still to appear in the departing rep's book (so that every stage does). */
  stageQueue: string[];
  floorAgo: number;
  statements: Map<string, StatementSync>;
};

function insert(s: Seeder, objectName: string, by: string, fields: RecordInput): string {
  return s.store.create(objectName, fields, { userId: by }, SYSTEM);
}

function sql(s: Seeder, query: string): StatementSync {
  let statement = s.statements.get(query);
  if (!statement) {
    statement = s.ctx.db.prepare(query);
    s.statements.set(query, statement);
  }
  return statement;
}

function exists(s: Seeder, query: string, ...params: string[]): boolean {
  return sql(s, query).get(...params) !== undefined;
}

/** Audit fields of a record created `createdAgo` days ago by `by` and last changed `modifiedAgo` days ago. */
function audit(s: Seeder, by: string, createdAgo: number, modifiedAgo?: number): RecordInput {
  const created = Math.max(createdAgo, s.floorAgo, 1);
  const modified = Math.min(created, Math.max(modifiedAgo ?? s.rng.int(1, created), s.floorAgo, 1));
  const createdDate = s.clock.at(-created, s.rng.int(9, 17), s.rng.int(0, 59));
  const modifiedDate = modified === created ? createdDate : s.clock.at(-modified, s.rng.int(9, 17), s.rng.int(0, 59));
  return {
    CreatedDate: createdDate,
    CreatedById: by,
    LastModifiedDate: modifiedDate,
    LastModifiedById: by,
    SystemModstamp: modifiedDate,
  };
}

function text(lang: Lang, value: Text): string {
  return value[lang];
}

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w)\}/g, (whole, key: string) => values[key] ?? whole);
}

function digits(rng: Rng, count: number): string {
  let out = '';
  for (let i = 0; i < count; i++) out += String(rng.int(0, 9));
  return out;
}

// ---------------------------------------------------------------------------------------------
// Entry point

export function seedDemo(ctx: OrgContext, store: RecordStore, base: SeededOrg): DemoSeed {
  const s: Seeder = {
    ctx,
    store,
    rng: makeRng(SEED),
    clock: makeClock(ctx.now(), ctx.timeZone),
    admin: base.admin.userId,
    users: {} as Record<DemoUserKey, string>,
    userNames: {} as Record<DemoUserKey, string>,
    userTitles: {} as Record<DemoUserKey, string>,
    queueId: '',
    strategicField: store
      .object('Account')
      .fields.find((f) => f.custom && f.type === 'boolean' && /strategic/i.test(f.name))?.name,
    accountNames: new Set(),
    accountSequence: 10_000,
    stageQueue: [],
    floorAgo: 1,
    statements: new Map(),
  };
  const roles = seedRoles(s, base);
  seedUsers(s, base, roles);
  seedAccessSetup(s);

  s.stageQueue = STAGE_WEIGHTS.map(([stage]) => stage);
  const heroIds = seedHeroAccounts(s);
  seedBook(s, 'departing', DEPARTING_BOOK_SIZE - HERO_ACCOUNTS.length, FULL);
  seedOrphanContact(s);
  seedIndirectRelations(s, heroIds);
  for (const spec of DEMO_USERS) {
    if (spec.key === 'departing' || spec.book === 0) continue;
    seedBook(s, spec.key, spec.book, bookDetail(spec));
  }
  seedLeads(s);
  seedHolidays(s);
  retireFormerEmployee(s);

  return {
    users: demoUsers(s.users),
    userIds: { ...s.users },
    queueId: s.queueId,
    departingCounts: countDeparting(s),
    totals: countTotals(s),
  };
}

function bookDetail(spec: DemoUserSpec): Detail {
  if (spec.key === 'inactive') return FORMER;
  return spec.region === 'south' ? LIGHT_SOUTH : LIGHT_EAST;
}

function demoUsers(ids: Record<DemoUserKey, string>): DemoUsers {
  return {
    director: ids.director,
    manager: ids.manager,
    departing: ids.departing,
    successors: [ids.successor1, ids.successor2, ids.successor3],
    otherReps: [ids.lina, ids.markus, ids.frozen, ids.zhengkai, ids.heli],
    secondManager: ids.manager2,
    inactive: ids.inactive,
    frozen: ids.frozen,
  };
}

// ---------------------------------------------------------------------------------------------
// Team: roles, users, logins, queue, groups, permission sets

function seedRoles(s: Seeder, base: SeededOrg): Record<RoleKey, string> {
  const ids: Partial<Record<RoleKey | 'ceo', string>> = { ceo: base.roles.ceo };
  for (const role of DEMO_ROLES) {
    ids[role.key] = insert(s, 'UserRole', s.admin, {
      Name: role.name,
      DeveloperName: role.developerName,
      ParentRoleId: ids[role.parent],
      RollupDescription: role.description,
      OpportunityAccessForAccountOwner: 'Edit',
      CaseAccessForAccountOwner: 'Edit',
      ContactAccessForAccountOwner: 'Edit',
      ...audit(s, s.admin, 3500, 3500),
    });
  }
  return ids as Record<RoleKey, string>;
}

function seedUsers(s: Seeder, base: SeededOrg, roles: Record<RoleKey, string>): void {
  DEMO_USERS.forEach((spec, index) => {
    const chinese = spec.firstName === undefined;
    const id = insert(s, 'User', s.admin, {
      Username: spec.username,
      LastName: spec.lastName,
      FirstName: spec.firstName,
      Alias: spec.alias,
      Email: spec.username,
      CommunityNickname: spec.username.split('@')[0],
      ProfileId: base.profiles.standard,
      UserRoleId: roles[spec.role],
      ManagerId: spec.manager ? s.users[spec.manager] : undefined,
      TimeZoneSidKey: spec.timeZone,
      LocaleSidKey: spec.locale,
      LanguageLocaleKey: spec.language,
      EmailEncodingKey: 'UTF-8',
      Title: spec.title,
      Department: '销售部 Sales',
      Division: spec.region === 'east' ? '华东区 East China' : '华南区 South China',
      CompanyName: '汉道自动化 Handover Automation',
      EmployeeNumber: `E${1001 + index}`,
      MobilePhone: spec.mobile,
      City: spec.city,
      Country: chinese ? '中国' : 'Germany',
      IsActive: true,
      LastLoginDate: s.clock.at(-spec.lastLoginDaysAgo, 9, 12),
      ...audit(s, s.admin, spec.hiredDaysAgo, spec.hiredDaysAgo),
    });
    s.users[spec.key] = id;
    s.userNames[spec.key] = chinese ? spec.lastName : `${spec.firstName} ${spec.lastName}`;
    s.userTitles[spec.key] = spec.title;
    // The store gives every user a login row; the one on leave is frozen (access paused, not yet deactivated).
    if (spec.key === 'frozen') {
      const login = sql(s, 'SELECT Id FROM "UserLogin" WHERE UserId = ?').get(id) as { Id: string };
      s.store.update('UserLogin', login.Id, { IsFrozen: true }, { userId: s.admin }, SYSTEM);
    }
  });
  setPasswords(s.ctx, Object.values(s.users), SEED_PASSWORD);
}

function seedAccessSetup(s: Seeder): void {
  const { users } = s;
  s.queueId = insert(s, 'Group', s.admin, {
    Name: 'East China Support',
    DeveloperName: 'East_China_Support',
    Type: 'Queue',
    Email: 'support.east@handover.local',
    DoesSendEmailToMembers: false,
    DoesIncludeBosses: false,
    ...audit(s, s.admin, 1200, 1200),
  });
  for (const sobjectType of ['Case', 'Lead']) {
    insert(s, 'QueueSobject', s.admin, { QueueId: s.queueId, SobjectType: sobjectType });
  }
  for (const member of [users.manager, users.departing, users.successor1]) {
    insert(s, 'GroupMember', s.admin, { GroupId: s.queueId, UserOrGroupId: member });
  }
  const team = insert(s, 'Group', s.admin, {
    Name: 'East China Sales',
    DeveloperName: 'East_China_Sales',
    Type: 'Regular',
    ...audit(s, s.admin, 1200, 1200),
  });
  const eastTeam: DemoUserKey[] = [
    'manager',
    'departing',
    'successor1',
    'successor2',
    'successor3',
    'lina',
    'markus',
    'frozen',
  ];
  for (const key of eastTeam) insert(s, 'GroupMember', s.admin, { GroupId: team, UserOrGroupId: users[key] });

  // An extra permission the departing rep holds: access to revoke at handover (module D).
  const approver = insert(s, 'PermissionSet', s.admin, {
    Name: 'Quote_Approver',
    Label: 'Quote Approver 报价审批',
    Description: 'Approves quotes with more than 10% discount',
    PermissionsApiEnabled: true,
  });
  for (const key of ['manager', 'departing'] as const) {
    insert(s, 'PermissionSetAssignment', s.admin, { AssigneeId: users[key], PermissionSetId: approver });
  }
}

function retireFormerEmployee(s: Seeder): void {
  // Deactivated last: an inactive user cannot be given records, but may keep the ones they had.
  s.store.update(
    'User',
    s.users.inactive,
    { IsActive: false, LastModifiedDate: s.clock.at(-235, 18) },
    { userId: s.admin },
    SYSTEM,
  );
}

// ---------------------------------------------------------------------------------------------
// Accounts: what a customer is before its records are written

type Person = {
  lastName: string;
  firstName?: string;
  gender: Gender;
  email: string | null;
  phone: string | null;
  mobile: string | null;
};

type AccountPlan = {
  name: string;
  short: string;
  lang: Lang;
  domain: string;
  industry: string;
  /** Industry as shown in file names ("精密机械", "Machinery"). */
  industryLabel: string;
  number: string;
  street: string;
  city: string;
  state: string;
  postalCode: string;
  country: string;
  phone: string;
  person(): Person;
};

/** An account as written, with what its children need. */
type AccountRef = {
  id: string;
  plan: AccountPlan;
  owner: DemoUserKey;
  customer: boolean;
  revenue: number;
  createdAgo: number;
  contacts: ContactRef[];
  opps: OppRef[];
  openCases: string[];
  /** Days ago of completed activities, most recent first. */
  touches: number[];
};

type ContactRef = { id: string; dept: Department };
type OppRef = { id: string; open: boolean; won: boolean };

function chinaPlan(s: Seeder, region: Region): AccountPlan {
  const { rng } = s;
  const cities = CHINA_CITIES.filter((c) => c.region === region);
  for (;;) {
    const city = rng.pick(cities);
    const [brand, brandPinyin] = rng.pick(CHINA_BRANDS);
    const trade = rng.pick(CHINA_TRADES);
    const suffix = rng.weighted(CHINA_COMPANY_SUFFIXES);
    const name = `${city.name}${brand}${trade.word}${suffix}`;
    if (s.accountNames.has(name)) continue;
    return chinaPlanFor(s, city, {
      name,
      short: `${brand}${trade.word.slice(0, 2)}`,
      domain: `${brandPinyin}-${trade.abbr}.com.cn`,
      industry: trade.industry,
      industryLabel: trade.word,
    });
  }
}

function chinaPlanFor(
  s: Seeder,
  city: ChinaCity,
  names: Pick<AccountPlan, 'name' | 'short' | 'domain' | 'industry' | 'industryLabel'>,
): AccountPlan {
  const { rng } = s;
  const landline = () => `+86 ${city.areaCode} ${digits(rng, 4)} ${digits(rng, 4)}`;
  return {
    ...names,
    lang: 'zh',
    number: `CN-${city.pinyin.toUpperCase()}-${s.accountSequence++}`,
    street: `${rng.pick(city.streets)}${rng.int(1, 999)}号`,
    city: city.name,
    state: city.province,
    postalCode: city.postalCode,
    country: '中国',
    phone: landline(),
    person: () => {
      const [surname, surnamePinyin] = rng.pick(CHINA_SURNAMES);
      const [given, givenPinyin, gender] = rng.pick(CHINA_GIVEN_NAMES);
      return {
        lastName: `${surname}${given}`,
        gender,
        email: `${givenPinyin}.${surnamePinyin}@${names.domain}`,
        phone: landline(),
        mobile: `+86 1${rng.pick(['3', '5', '8'])}${rng.int(0, 9)} ${digits(rng, 4)} ${digits(rng, 4)}`,
      };
    },
  };
}

function foreignPlan(s: Seeder): AccountPlan {
  const { rng } = s;
  for (;;) {
    const country = rng.pick(FOREIGN_COUNTRIES);
    const prefix = rng.pick(country.prefixes);
    const trade = rng.pick(FOREIGN_TRADES);
    const name = `${prefix} ${trade.word} ${country.suffix}`;
    if (s.accountNames.has(name)) continue;
    return foreignPlanFor(s, country, rng.pick(country.cities), {
      name,
      short: `${prefix} ${trade.word}`,
      domain: `${slug(`${prefix}${trade.word}`)}.${country.tld}`,
      industry: trade.industry,
      industryLabel: trade.industry.replace(/\W+/g, '_'),
    });
  }
}

function foreignPlanFor(
  s: Seeder,
  country: ForeignCountry,
  city: string,
  names: Pick<AccountPlan, 'name' | 'short' | 'domain' | 'industry' | 'industryLabel'>,
): AccountPlan {
  const { rng } = s;
  const phone = () => `${country.phoneCode} ${rng.int(10, 99)} ${digits(rng, 3)} ${digits(rng, 4)}`;
  return {
    ...names,
    lang: 'en',
    number: `${country.code}-${s.accountSequence++}`,
    street: `${rng.int(1, 200)} ${rng.pick(country.streets)}`,
    city,
    state: '',
    postalCode: digits(rng, 5),
    country: country.country,
    phone: phone(),
    person: () => {
      const [firstName, gender] = rng.pick(country.firstNames);
      const lastName = rng.pick(country.lastNames);
      return {
        firstName,
        lastName,
        gender,
        email: `${slug(firstName)}.${slug(lastName)}@${names.domain}`,
        phone: phone(),
        mobile: phone(),
      };
    },
  };
}

/** ASCII, lower case, no spaces: for e-mail addresses and domains. */
function slug(value: string): string {
  return value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9-]/g, '')
    .toLowerCase();
}

const ACCOUNT_TYPES = [
  ['Customer - Direct', 55],
  ['Customer - Channel', 10],
  ['Prospect', 22],
  ['Channel Partner / Reseller', 5],
  ['Technology Partner', 4],
  ['Other', 4],
] as const;

/** Days ago of an account's completed activities: the most recent first, all on working days. */
function planTouches(s: Seeder, detail: Detail, lastTouch: number): number[] {
  const count = s.rng.range(detail.pastTouches);
  const days = [lastTouch];
  for (let i = 1; i < count; i++) days.push(lastTouch + s.rng.int(1, 150));
  return days.map((d) => -s.clock.workday(-d, -1)).sort((a, b) => a - b);
}

function randomLastTouch(s: Seeder, detail: Detail): number {
  if (s.rng.chance(detail.staleShare)) return s.rng.range(detail.staleTouch);
  // Most active accounts were touched in the last days, a few up to a month ago.
  return s.rng.int(detail.activeTouch[0], s.rng.int(3, detail.activeTouch[1]));
}

type AccountFacts = {
  type: string;
  /** Customers for years; prospects and partners for less (but older than any of their deals). */
  createdAgo: number;
  revenue: number;
  employees: number;
  rating: string;
  description: string;
  strategic: boolean;
  parentId?: string;
  touches: number[];
};

function writeAccount(s: Seeder, owner: DemoUserKey, plan: AccountPlan, facts: AccountFacts): AccountRef {
  const { rng, clock } = s;
  const createdAgo = facts.createdAgo;
  const lastActivity = facts.touches[0];
  const id = insert(s, 'Account', s.users[owner], {
    Name: plan.name,
    AccountNumber: plan.number,
    Type: facts.type,
    Industry: plan.industry,
    AnnualRevenue: facts.revenue,
    NumberOfEmployees: facts.employees,
    Ownership: rng.weighted([
      ['Private', 60],
      ['Public', 25],
      ['Subsidiary', 15],
    ] as const),
    Rating: facts.rating,
    AccountSource: rng.pick(['Web', 'Phone Inquiry', 'Partner Referral', 'Purchased List', 'Other']),
    Phone: plan.phone,
    Website: `https://www.${plan.domain}`,
    Description: facts.description,
    BillingStreet: plan.street,
    BillingCity: plan.city,
    BillingState: plan.state || undefined,
    BillingPostalCode: plan.postalCode,
    BillingCountry: plan.country,
    ShippingStreet: plan.street,
    ShippingCity: plan.city,
    ShippingState: plan.state || undefined,
    ShippingPostalCode: plan.postalCode,
    ShippingCountry: plan.country,
    ParentId: facts.parentId,
    LastActivityDate: lastActivity === undefined ? undefined : clock.date(-lastActivity),
    ...(s.strategicField ? { [s.strategicField]: facts.strategic } : {}),
    ...audit(s, s.users[owner], createdAgo, rng.int(1, 60)),
  });
  s.accountNames.add(plan.name);
  return {
    id,
    plan,
    owner,
    customer: facts.type.startsWith('Customer'),
    revenue: facts.revenue,
    createdAgo,
    contacts: [],
    opps: [],
    openCases: [],
    touches: facts.touches,
  };
}

function randomFacts(s: Seeder, plan: AccountPlan, detail: Detail): AccountFacts {
  const { rng } = s;
  const revenue = Math.round(10 ** (7 + rng.next() * 2.3) / 10_000) * 10_000;
  const employees = Math.max(20, Math.round(revenue / rng.int(600_000, 1_500_000)));
  const founded = s.clock.year - rng.int(5, 35);
  const background = text(plan.lang, rng.pick(ACCOUNT_BACKGROUNDS));
  const description =
    plan.lang === 'zh'
      ? `成立于${founded}年的${plan.industryLabel}企业，员工约${employees}人。${background}`
      : `Founded in ${founded}; about ${employees} employees. ${background}`;
  const type = rng.weighted(ACCOUNT_TYPES);
  return {
    type,
    createdAgo: type.startsWith('Customer') ? rng.int(1100, 3000) : rng.int(520, 1100),
    revenue,
    employees,
    rating: rng.weighted([
      ['Hot', 20],
      ['Warm', 50],
      ['Cold', 30],
    ] as const),
    description,
    strategic: rng.chance(0.05),
    touches: planTouches(s, detail, randomLastTouch(s, detail)),
  };
}

// ---------------------------------------------------------------------------------------------
// Books: a user's accounts with everything under them

function seedBook(s: Seeder, owner: DemoUserKey, size: number, detail: Detail): void {
  s.floorAgo = detail.floorAgo;
  const spec = DEMO_USERS.find((u) => u.key === owner);
  const intlShare = spec?.intlShare ?? 0;
  const region = spec?.region ?? 'east';
  for (let i = 0; i < size; i++) {
    const plan = s.rng.chance(intlShare) ? foreignPlan(s) : chinaPlan(s, region);
    const acct = writeAccount(s, owner, plan, randomFacts(s, plan, detail));
    writeAccountChildren(s, acct, detail);
  }
  s.floorAgo = 1;
}

function writeAccountChildren(s: Seeder, acct: AccountRef, detail: Detail): void {
  const { rng } = s;
  acct.contacts = writeDecisionChain(s, acct, rng.range(detail.contacts), detail);
  const contractId =
    acct.customer && rng.chance(detail.contract) ? writeContracts(s, acct, randomContract(s)) : undefined;
  const oppCount = rng.weighted(detail.oppCounts);
  const products = rng.sample(PRODUCTS, oppCount);
  for (const product of products) {
    const stage = nextStage(s, acct, detail);
    writeRandomOpp(s, acct, detail, text(acct.plan.lang, product), stage, contractId);
  }
  const caseCount = rng.weighted(detail.caseCounts);
  for (let i = 0; i < caseCount; i++) writeRandomCase(s, acct, detail);
  writeActivities(s, acct, detail);
  if (rng.chance(detail.files)) {
    for (const template of rng.sample(FILE_TEMPLATES, rng.int(1, 2))) writeFile(s, acct, template, rng.int(1, 300));
  }
  if (rng.chance(detail.notes)) writeNote(s, acct, text(acct.plan.lang, rng.pick(HANDOVER_NOTES)));
  if (detail.teamPool.length > 0 && rng.chance(detail.team)) {
    const [member, role] = rng.pick(detail.teamPool);
    writeAccountTeamMember(s, acct, member, role);
  }
}

function nextStage(s: Seeder, acct: AccountRef, detail: Detail): string {
  const queued = s.stageQueue[0];
  // Prospects have no won deals: the queue waits for a customer.
  if (acct.owner === 'departing' && queued !== undefined && (acct.customer || queued !== 'Closed Won')) {
    s.stageQueue.shift();
    return queued;
  }
  const stage = s.rng.weighted(detail.stages);
  return stage === 'Closed Won' && !acct.customer ? 'Qualification' : stage;
}

// ---------------------------------------------------------------------------------------------
// Contacts and the decision chain

const DEPT = new Map(DEPARTMENTS.map((d) => [d.key, d]));

function dept(key: string): Department {
  const found = DEPT.get(key as Department['key']);
  if (!found) throw new Error(`Demo seed: unknown department ${key}`);
  return found;
}

/** GM first, then directors reporting to the GM, then managers reporting to their director. */
function writeDecisionChain(s: Seeder, acct: AccountRef, count: number, detail: Detail): ContactRef[] {
  if (count === 0) return [];
  const { rng } = s;
  const directorCount = count === 1 ? 0 : Math.min(4, Math.max(1, Math.round((count - 1) * 0.45)));
  const directors = rng.sample(
    DEPARTMENTS.filter((d) => d.level === 1),
    directorCount,
  );
  const managers = rng.sample(
    DEPARTMENTS.filter((d) => d.level === 2),
    count - 1 - directors.length,
  );
  const contacts: ContactRef[] = [];
  const gm = writeContact(s, acct, acct.plan.person(), dept('gm'), undefined, detail);
  contacts.push(gm);
  for (const d of directors) contacts.push(writeContact(s, acct, acct.plan.person(), d, gm.id, detail));
  for (const m of managers) {
    const boss = contacts.find((c) => c.dept.key === m.reportsTo) ?? rng.pick(contacts);
    contacts.push(writeContact(s, acct, acct.plan.person(), m, boss.id, detail));
  }
  return contacts;
}

function contactDescription(lang: Lang, cares: string, stance: Text, comms: Text): string {
  return lang === 'zh'
    ? `关注：${cares}；${stance.zh}；${comms.zh}。`
    : `Cares about ${cares}; ${stance.en}; ${comms.en}.`;
}

function writeContact(
  s: Seeder,
  acct: AccountRef,
  person: Person,
  d: Department,
  reportsTo: string | undefined,
  detail: Detail,
  overrides: { owner?: DemoUserKey; stance?: number; comms?: number; cares?: string } = {},
): ContactRef {
  const { rng } = s;
  const plan = acct.plan;
  const crossOwner =
    detail.crossOwners.length > 0 && rng.chance(detail.crossContact) ? rng.pick(detail.crossOwners) : undefined;
  const owner = overrides.owner ?? crossOwner ?? acct.owner;
  const stance = nth(
    STANCES,
    overrides.stance ??
      rng.weighted([
        [0, 35],
        [1, 50],
        [2, 15],
      ] as const),
  );
  const comms = nth(COMMUNICATION, overrides.comms ?? rng.int(0, COMMUNICATION.length - 1));
  const createdAgo = Math.max(1, acct.createdAgo - rng.int(0, 100));
  const id = insert(s, 'Contact', s.users[owner], {
    Salutation: person.gender === 'M' ? 'Mr.' : 'Ms.',
    FirstName: person.firstName,
    LastName: person.lastName,
    AccountId: acct.id,
    ReportsToId: reportsTo,
    Title: text(plan.lang, d.title),
    Department: text(plan.lang, d.department),
    Email: person.email ?? undefined,
    Phone: person.phone ?? undefined,
    MobilePhone: person.mobile ?? undefined,
    LeadSource: rng.pick(['Web', 'Phone Inquiry', 'Partner Referral', 'Other']),
    MailingCity: plan.city,
    MailingState: plan.state || undefined,
    MailingCountry: plan.country,
    Description: contactDescription(plan.lang, overrides.cares ?? text(plan.lang, d.cares), stance, comms),
    HasOptedOutOfEmail: rng.chance(0.03),
    DoNotCall: rng.chance(0.02),
    ...audit(s, s.users[owner], createdAgo),
  });
  writeDirectRelation(s, acct, id, d.roles, createdAgo);
  return { id, dept: d };
}

/** The direct AccountContactRelation Salesforce keeps for a contact's own account. */
function writeDirectRelation(s: Seeder, acct: AccountRef, contactId: string, roles: string, startAgo: number): void {
  // The org may already have created it with the contact, as Salesforce does.
  const existing = sql(
    s,
    'SELECT Id FROM "AccountContactRelation" WHERE ContactId = ? AND AccountId = ? AND IsDeleted = 0',
  ).get(contactId, acct.id) as { Id: string } | undefined;
  if (existing) {
    s.store.update('AccountContactRelation', existing.Id, { Roles: roles }, { userId: s.users[acct.owner] }, SYSTEM);
    return;
  }
  insert(s, 'AccountContactRelation', s.users[acct.owner], {
    AccountId: acct.id,
    ContactId: contactId,
    Roles: roles,
    IsDirect: true,
    IsActive: true,
    StartDate: s.clock.date(-startAgo),
    ...audit(s, s.users[acct.owner], startAgo),
  });
}

// ---------------------------------------------------------------------------------------------
// Opportunities, contact roles and stage history

/** Default probability per stage, as in a new org (see derived.ts). */
const STAGE_PROBABILITY: Record<string, number> = {
  Prospecting: 10,
  Qualification: 10,
  'Needs Analysis': 20,
  'Value Proposition': 50,
  'Id. Decision Makers': 60,
  'Perception Analysis': 70,
  'Proposal/Price Quote': 75,
  'Negotiation/Review': 90,
  'Closed Won': 100,
  'Closed Lost': 0,
};
const OPEN_STAGES: readonly string[] = STAGE_WEIGHTS.map(([stage]) => stage).filter((st) => !st.startsWith('Closed'));

type OppPlan = {
  name: string;
  stage: string;
  amount: number | null;
  closeIn: number;
  createdAgo: number;
  /** Days since the stage last changed. */
  stageAgo: number;
  nextStep?: string;
  description?: string;
  owner: DemoUserKey;
  contractId?: string;
  history?: 'stageBack' | 'amountDrop';
};

function randomOppPlan(s: Seeder, acct: AccountRef, product: string, stage: string): OppPlan {
  const { rng, clock } = s;
  const lang = acct.plan.lang;
  const closed = stage.startsWith('Closed');
  const closeIn = closed ? -rng.int(3, 360) : rng.chance(0.15) ? -rng.int(1, 45) : rng.int(7, 180);
  const createdAgo = closed ? -closeIn + rng.int(20, 150) : Math.max(rng.int(10, 240), -closeIn + rng.int(10, 60));
  const stageAgo = closed ? Math.max(1, -closeIn) : rng.int(1, Math.min(createdAgo, 90));
  const amount = rng.chance(0.02)
    ? null
    : Math.min(6_000_000, Math.max(50_000, Math.round((acct.revenue * rng.int(5, 40)) / 10_000 / 10_000) * 10_000));
  const competitor = text(lang, rng.pick(COMPETITORS));
  let description: string | undefined;
  let nextStep: string | undefined;
  if (stage === 'Closed Lost') description = fill(text(lang, rng.pick(LOSS_REASONS)), { c: competitor });
  else if (stage === 'Closed Won') description = rng.chance(0.5) ? text(lang, rng.pick(WIN_NOTES)) : undefined;
  else {
    if (rng.chance(0.45)) description = fill(text(lang, rng.pick(RISKS)), { c: competitor });
    const by = clock.date(rng.int(-10, 21));
    const step = text(lang, rng.pick(NEXT_STEPS));
    nextStep = lang === 'zh' ? `${step}（${by}前）` : `${step} by ${by}`;
  }
  const twist = closed
    ? undefined
    : rng.weighted([
        [undefined, 88],
        ['stageBack', 6],
        ['amountDrop', 6],
      ] as const);
  return {
    name: `${acct.plan.short} - ${product}`,
    stage,
    amount,
    closeIn,
    createdAgo,
    stageAgo,
    nextStep,
    description,
    owner: acct.owner,
    history: twist === 'stageBack' && stage === 'Negotiation/Review' ? undefined : twist,
  };
}

function writeRandomOpp(
  s: Seeder,
  acct: AccountRef,
  detail: Detail,
  product: string,
  stage: string,
  contractId?: string,
): void {
  const { rng } = s;
  const plan = randomOppPlan(s, acct, product, stage);
  if (detail.crossOppOwners.length > 0 && rng.chance(detail.crossOpp)) plan.owner = rng.pick(detail.crossOppOwners);
  if (stage === 'Closed Won') plan.contractId = contractId;
  const opp = writeOpp(s, acct, plan);
  writeRandomContactRoles(s, acct, opp);
  if (opp.open && detail.oppTeamPool.length > 0 && rng.chance(detail.oppTeam)) {
    const [member, role] = rng.pick(detail.oppTeamPool);
    writeOppTeamMember(s, opp.id, plan.owner, member, role);
  }
}

function writeOpp(s: Seeder, acct: AccountRef, plan: OppPlan): OppRef {
  const { clock } = s;
  const by = s.users[plan.owner];
  const probability = STAGE_PROBABILITY[plan.stage] ?? 0;
  const stageChanged = clock.at(-plan.stageAgo, 16, 30);
  const id = insert(s, 'Opportunity', by, {
    Name: plan.name,
    AccountId: acct.id,
    StageName: plan.stage,
    Amount: plan.amount,
    ExpectedRevenue: plan.amount === null ? null : (plan.amount * probability) / 100,
    CloseDate: clock.date(plan.closeIn),
    NextStep: plan.nextStep,
    Description: plan.description,
    Type: acct.customer ? 'Existing Customer - Upgrade' : 'New Customer',
    LeadSource: s.rng.pick(['Web', 'Phone Inquiry', 'Partner Referral', 'Other']),
    ContractId: plan.contractId,
    LastStageChangeDate: stageChanged,
    ...audit(s, by, plan.createdAgo, plan.stageAgo),
  });
  writeHistory(s, id, by, plan);
  const ref = { id, open: !plan.stage.startsWith('Closed'), won: plan.stage === 'Closed Won' };
  acct.opps.push(ref);
  return ref;
}

type HistoryStep = { stage: string; amount: number | null; prevAmount?: number | null };

/** The stages a deal went through: a few steps up the sales process to where it is now. */
function historySteps(s: Seeder, plan: OppPlan): HistoryStep[] {
  const { rng } = s;
  const finalIndex = OPEN_STAGES.indexOf(plan.stage);
  const reached =
    plan.stage === 'Closed Won' ? OPEN_STAGES.length - 1 : plan.stage === 'Closed Lost' ? rng.int(1, 6) : finalIndex;
  const stages = [nth(OPEN_STAGES, 0)];
  if (reached > 1) stages.push(nth(OPEN_STAGES, rng.int(1, reached - 1)));
  if (reached > 0) stages.push(nth(OPEN_STAGES, reached));
  if (plan.history === 'stageBack' && finalIndex >= 0) {
    // The deal had advanced further and was moved back (a loss risk the handover must show).
    stages.pop();
    stages.push(nth(OPEN_STAGES, Math.min(OPEN_STAGES.length - 1, finalIndex + 2)), plan.stage);
  }
  if (plan.stage.startsWith('Closed')) stages.push(plan.stage);
  const start =
    plan.history === 'amountDrop' && plan.amount !== null
      ? Math.round((plan.amount * 1.125) / 10_000) * 10_000
      : plan.amount;
  return stages.map((stage, i) => {
    const last = i === stages.length - 1;
    return { stage, amount: last ? plan.amount : start, prevAmount: last && start !== plan.amount ? start : undefined };
  });
}

function writeHistory(s: Seeder, oppId: string, by: string, plan: OppPlan): void {
  // The org may write history itself on insert; then it is the truth.
  if (exists(s, 'SELECT 1 FROM "OpportunityHistory" WHERE OpportunityId = ? LIMIT 1', oppId)) return;
  const steps = historySteps(s, plan);
  const closeDate = s.clock.date(plan.closeIn);
  steps.forEach((step, i) => {
    const ago =
      steps.length === 1
        ? plan.createdAgo
        : Math.round(plan.createdAgo - ((plan.createdAgo - plan.stageAgo) * i) / (steps.length - 1));
    const at = s.clock.at(-ago, 16, 30 + i);
    const probability = STAGE_PROBABILITY[step.stage] ?? 0;
    insert(s, 'OpportunityHistory', by, {
      OpportunityId: oppId,
      StageName: step.stage,
      Amount: step.amount,
      ExpectedRevenue: step.amount === null ? null : (step.amount * probability) / 100,
      CloseDate: closeDate,
      Probability: probability,
      ForecastCategory: step.stage === 'Closed Won' ? 'Closed' : step.stage === 'Closed Lost' ? 'Omitted' : 'Pipeline',
      PrevAmount: step.prevAmount,
      CreatedDate: at,
      CreatedById: by,
      LastModifiedDate: at,
      LastModifiedById: by,
      SystemModstamp: at,
    });
  });
}

function writeRandomContactRoles(s: Seeder, acct: AccountRef, opp: OppRef): void {
  const { rng } = s;
  if (acct.contacts.length === 0 || rng.chance(0.05)) return;
  // A third of open deals hang on a single contact (single-threaded: a handover risk).
  const count = opp.open && rng.chance(0.33) ? 1 : rng.int(1, Math.min(4, acct.contacts.length));
  rng.sample(acct.contacts, count).forEach((c, i) => {
    writeContactRole(s, acct, opp.id, c.id, c.dept.roles.split(';')[0] ?? 'Other', i === 0);
  });
}

function writeContactRole(
  s: Seeder,
  acct: AccountRef,
  oppId: string,
  contactId: string,
  role: string,
  primary: boolean,
): void {
  insert(s, 'OpportunityContactRole', s.users[acct.owner], {
    OpportunityId: oppId,
    ContactId: contactId,
    Role: role,
    IsPrimary: primary,
    ...audit(s, s.users[acct.owner], s.rng.int(5, 200)),
  });
}

function writeOppTeamMember(s: Seeder, oppId: string, owner: DemoUserKey, member: DemoUserKey, role: string): void {
  if (member === owner) return;
  insert(s, 'OpportunityTeamMember', s.users[owner], {
    OpportunityId: oppId,
    UserId: s.users[member],
    Name: s.userNames[member],
    Title: s.userTitles[member],
    TeamMemberRole: role,
    OpportunityAccessLevel: 'Edit',
    ...audit(s, s.users[owner], s.rng.int(10, 200)),
  });
}

function writeAccountTeamMember(s: Seeder, acct: AccountRef, member: DemoUserKey, role: string): void {
  if (member === acct.owner) return;
  insert(s, 'AccountTeamMember', s.users[acct.owner], {
    AccountId: acct.id,
    UserId: s.users[member],
    TeamMemberRole: role,
    Title: s.userTitles[member],
    AccountAccessLevel: 'Edit',
    OpportunityAccessLevel: 'Read',
    CaseAccessLevel: 'Read',
    ContactAccessLevel: 'Edit',
    ...audit(s, s.users[acct.owner], s.rng.int(30, 600)),
  });
}

// ---------------------------------------------------------------------------------------------
// Contracts

type ContractPlan = { endIn: number; term: number; amount: number };

function randomContract(s: Seeder): ContractPlan {
  const { rng } = s;
  const term = rng.pick([12, 12, 24, 36]);
  // About a third renew within 90 days: the handover must not miss them.
  const endIn = rng.chance(0.3) ? rng.int(5, 90) : rng.int(91, term * 30 - 15);
  return { endIn, term, amount: rng.int(10, 300) * 10_000 };
}

/** An activated contract, and for some renewals due soon a draft of the next one. Returns the first. */
function writeContracts(s: Seeder, acct: AccountRef, plan: ContractPlan): string {
  const { rng, clock } = s;
  const by = s.users[acct.owner];
  const lang = acct.plan.lang;
  const end = clock.today.plus({ days: plan.endIn });
  const start = end.minus({ months: plan.term }).plus({ days: 1 });
  const startAgo = Math.round(clock.today.diff(start, 'days').days);
  const signer = acct.contacts.find((c) => c.dept.key === 'gm') ?? acct.contacts[0];
  const amount = `¥${plan.amount.toLocaleString('en-US')}`;
  const years = `${start.year}-${end.year}`;
  const id = insert(s, 'Contract', by, {
    AccountId: acct.id,
    Name: lang === 'zh' ? `${acct.plan.short} ${years} 年度服务合同` : `${acct.plan.short} Service Agreement ${years}`,
    Status: 'Activated',
    StatusCode: 'Activated',
    StartDate: isoDate(start),
    ContractTerm: plan.term,
    EndDate: isoDate(end),
    OwnerExpirationNotice: '60',
    CustomerSignedId: signer?.id,
    CustomerSignedDate: clock.date(-startAgo - 10),
    CompanySignedDate: clock.date(-startAgo - 7),
    ActivatedDate: clock.at(-startAgo, 10),
    ActivatedById: by,
    SpecialTerms: text(lang, rng.pick(PAYMENT_TERMS)),
    Description:
      lang === 'zh'
        ? `合同金额：${amount}；到期前60天提醒续约。`
        : `Contract value: ${amount}; renewal reminder 60 days before the end.`,
    BillingCity: acct.plan.city,
    BillingCountry: acct.plan.country,
    ...audit(s, by, startAgo + 20, Math.max(1, startAgo - 1)),
  });
  if (plan.endIn <= 90 && rng.chance(0.3)) {
    insert(s, 'Contract', by, {
      AccountId: acct.id,
      Name: lang === 'zh' ? `${acct.plan.short} 续约合同（草稿）` : `${acct.plan.short} Renewal (draft)`,
      Status: 'Draft',
      StatusCode: 'Draft',
      StartDate: isoDate(end.plus({ days: 1 })),
      ContractTerm: 12,
      EndDate: isoDate(end.plus({ months: 12 })),
      SpecialTerms: text(lang, rng.pick(PAYMENT_TERMS)),
      ...audit(s, by, rng.int(2, 20)),
    });
  }
  return id;
}

// ---------------------------------------------------------------------------------------------
// Cases

type CasePlan = {
  subject: string;
  description: string;
  priority: string;
  status: string;
  origin: string;
  type: string;
  reason: string;
  contactId?: string;
  createdAgo: number;
  queue?: boolean;
};

function randomCasePlan(s: Seeder, acct: AccountRef, detail: Detail): CasePlan {
  const { rng } = s;
  const lang = acct.plan.lang;
  const template = rng.pick(CASE_TEMPLATES);
  const status = rng.weighted(detail.caseStatus);
  const closed = status === 'Closed';
  const want = text(lang, rng.pick(CASE_WANTS));
  const progress = text(lang, rng.pick(CASE_PROGRESS));
  let description: string;
  if (closed) description = lang === 'zh' ? `客户诉求：${want}。已解决。` : `The customer wanted ${want}. Resolved.`;
  else
    description =
      lang === 'zh'
        ? `客户诉求：${want}。当前进展：${progress}。`
        : `The customer wants ${want}. Progress: ${progress}.`;
  return {
    subject: text(lang, template.subject),
    description,
    priority:
      status === 'Escalated'
        ? 'High'
        : rng.weighted([
            ['High', 25],
            ['Medium', 50],
            ['Low', 25],
          ] as const),
    status,
    origin: rng.pick(['Phone', 'Email', 'Web']),
    type: template.type,
    reason: template.reason,
    contactId: acct.contacts.length > 0 ? rng.pick(acct.contacts).id : undefined,
    createdAgo: closed ? rng.int(10, 300) : rng.int(1, 45),
  };
}

function writeRandomCase(s: Seeder, acct: AccountRef, detail: Detail): void {
  writeCase(s, acct, randomCasePlan(s, acct, detail));
}

function writeCase(s: Seeder, acct: AccountRef, plan: CasePlan): void {
  const by = s.users[acct.owner];
  const closed = plan.status === 'Closed';
  const closedAgo = Math.max(1, plan.createdAgo - s.rng.int(1, 10));
  const id = insert(s, 'Case', by, {
    OwnerId: plan.queue ? s.queueId : by,
    AccountId: acct.id,
    ContactId: plan.contactId,
    Subject: plan.subject,
    Description: plan.description,
    Status: plan.status,
    Priority: plan.priority,
    Origin: plan.origin,
    Type: plan.type,
    Reason: plan.reason,
    IsEscalated: plan.status === 'Escalated',
    // A closed case keeps the day it was closed, not the day it was seeded.
    ...(closed ? { IsClosed: true, ClosedDate: s.clock.at(-closedAgo, 15) } : {}),
    ...audit(s, by, plan.createdAgo, closed ? closedAgo : undefined),
  });
  if (!closed) acct.openCases.push(id);
}

// ---------------------------------------------------------------------------------------------
// Activities: the follow-up history and what is still pending

function writeActivities(s: Seeder, acct: AccountRef, detail: Detail): void {
  const { rng } = s;
  acct.touches.forEach((ago) => {
    if (rng.chance(0.55)) writeDoneTask(s, acct, ago);
    else writePastEvent(s, acct, ago);
  });
  const open = rng.range(detail.openTasks);
  for (let i = 0; i < open; i++) writeOpenTask(s, acct);
  if (rng.chance(detail.upcomingEvent)) writeUpcomingEvent(s, acct);
}

function whatId(s: Seeder, acct: AccountRef, openOnly: boolean): string {
  const opps = acct.opps.filter((o) => o.open || !openOnly);
  return opps.length > 0 && s.rng.chance(0.45) ? s.rng.pick(opps).id : acct.id;
}

function whoId(s: Seeder, acct: AccountRef): string | undefined {
  return acct.contacts.length > 0 ? s.rng.pick(acct.contacts).id : undefined;
}

function taskSubtype(type: string): string {
  return type === 'Call' ? 'Call' : type === 'Email' ? 'Email' : 'Task';
}

function writeDoneTask(s: Seeder, acct: AccountRef, ago: number): void {
  const { rng, clock } = s;
  const by = s.users[acct.owner];
  const template = rng.pick(DONE_TASKS);
  const hour = rng.int(9, 17);
  insert(s, 'Task', by, {
    Subject: text(acct.plan.lang, template.subject),
    ActivityDate: clock.date(-ago),
    Status: 'Completed',
    Priority: 'Normal',
    Description: text(acct.plan.lang, rng.pick(VISIT_NOTES)),
    WhatId: whatId(s, acct, false),
    WhoId: whoId(s, acct),
    CompletedDateTime: clock.at(-ago, hour, 30),
    TaskSubtype: taskSubtype(template.type),
    Type: template.type,
    ...(template.type === 'Call' ? { CallType: 'Outbound', CallDurationInSeconds: rng.int(60, 1800) } : {}),
    ...audit(s, by, ago + rng.int(0, 5), ago),
  });
}

function writeOpenTask(s: Seeder, acct: AccountRef): void {
  const { rng, clock } = s;
  const by = s.users[acct.owner];
  const template = rng.pick(OPEN_TASKS);
  // About a third are overdue: promises the departing rep did not keep.
  const due = rng.chance(0.35) ? -rng.int(1, 30) : rng.int(1, 21);
  const complaint = template.subject.en.includes('complaint') && acct.openCases.length > 0;
  insert(s, 'Task', by, {
    Subject: text(acct.plan.lang, template.subject),
    ActivityDate: clock.date(clock.workday(due, due < 0 ? -1 : 1)),
    Status: rng.pick(['Not Started', 'In Progress', 'Waiting on someone else']),
    Priority: rng.chance(0.3) ? 'High' : 'Normal',
    WhatId: complaint ? rng.pick(acct.openCases) : whatId(s, acct, true),
    WhoId: whoId(s, acct),
    TaskSubtype: taskSubtype(template.type),
    Type: template.type,
    ...(due > 0 ? { IsReminderSet: true, ReminderDateTime: clock.at(due, 9) } : {}),
    ...audit(s, by, Math.max(1, -due) + rng.int(3, 20)),
  });
}

function eventFields(s: Seeder, acct: AccountRef, offset: number): RecordInput {
  const { rng, clock } = s;
  const hour = rng.int(9, 16);
  const duration = rng.pick([60, 90, 120]);
  const onSite = rng.chance(0.6);
  const location =
    acct.plan.lang === 'zh'
      ? onSite
        ? `${acct.plan.city}${acct.plan.street}（客户现场）`
        : '腾讯会议'
      : onSite
        ? `${acct.plan.city} (customer site)`
        : 'Microsoft Teams';
  return {
    Subject: text(acct.plan.lang, rng.pick(MEETINGS)),
    Location: location,
    StartDateTime: clock.at(offset, hour),
    EndDateTime: clock.at(offset, hour, duration),
    ActivityDateTime: clock.at(offset, hour),
    ActivityDate: clock.date(offset),
    DurationInMinutes: duration,
    Type: 'Meeting',
    EventSubtype: 'Event',
    ShowAs: 'Busy',
    WhoId: whoId(s, acct),
  };
}

function writePastEvent(s: Seeder, acct: AccountRef, ago: number): void {
  const by = s.users[acct.owner];
  insert(s, 'Event', by, {
    ...eventFields(s, acct, -ago),
    Description: text(acct.plan.lang, s.rng.pick(VISIT_NOTES)),
    WhatId: whatId(s, acct, false),
    ...audit(s, by, ago + s.rng.int(1, 14), ago),
  });
}

function writeUpcomingEvent(s: Seeder, acct: AccountRef): void {
  const by = s.users[acct.owner];
  const offset = s.clock.workday(s.rng.int(1, 30), 1);
  const agenda = text(acct.plan.lang, s.rng.pick(NEXT_STEPS));
  insert(s, 'Event', by, {
    ...eventFields(s, acct, offset),
    Description: acct.plan.lang === 'zh' ? `议程：${agenda}` : `Agenda: ${agenda}`,
    WhatId: whatId(s, acct, true),
    IsReminderSet: true,
    ReminderDateTime: s.clock.at(offset, 8, 45),
    ...audit(s, by, s.rng.int(1, 10)),
  });
}

function writeNote(s: Seeder, acct: AccountRef, body: string, title?: string): void {
  const by = s.users[acct.owner];
  insert(s, 'Note', by, {
    ParentId: acct.id,
    Title: title ?? (acct.plan.lang === 'zh' ? `交接备注：${acct.plan.short}` : `Handover note: ${acct.plan.short}`),
    Body: body,
    IsPrivate: false,
    ...audit(s, by, s.rng.int(1, 30)),
  });
}

// ---------------------------------------------------------------------------------------------
// Files: ContentDocument + ContentVersion + ContentDocumentLink

const FILE_TYPES: Record<FileTemplate['ext'], string> = { pdf: 'PDF', txt: 'TEXT', csv: 'CSV' };

function writeFile(s: Seeder, acct: AccountRef, template: FileTemplate, createdAgo: number): void {
  const { clock } = s;
  const by = s.users[acct.owner];
  const lang = acct.plan.lang;
  const title = fill(text(lang, template.title), {
    s: acct.plan.short.replace(/\s+/g, '_'),
    y: String(clock.year),
    d: clock.date(-createdAgo),
    i: acct.plan.industryLabel,
  });
  const data = fileContent(template.ext, title, acct);
  const times = audit(s, by, createdAgo, createdAgo);
  const common = {
    Title: title,
    Description: text(lang, template.description),
    FileType: FILE_TYPES[template.ext],
    FileExtension: template.ext,
    ContentSize: data.length,
    ContentModifiedDate: times.CreatedDate,
    ...times,
  };
  const documentId = insert(s, 'ContentDocument', by, { ...common, PublishStatus: 'P' });
  const versionId = insert(s, 'ContentVersion', by, {
    ...common,
    PathOnClient: `${title}.${template.ext}`,
    VersionData: data.toString('base64'),
    ContentDocumentId: documentId,
    FirstPublishLocationId: acct.id,
    IsLatest: true,
    VersionNumber: '1',
    Checksum: createHash('md5').update(data).digest('hex'),
    Origin: 'C',
    ContentLocation: 'S',
  });
  s.store.update(
    'ContentDocument',
    documentId,
    { LatestPublishedVersionId: versionId, LastModifiedDate: times.LastModifiedDate },
    { userId: by },
    SYSTEM,
  );
  // The owner's own link (I: inferred) and the account's; the org may have made them already.
  writeDocumentLink(s, by, documentId, by, 'I', times);
  writeDocumentLink(s, by, documentId, acct.id, 'V', times);
}

function writeDocumentLink(
  s: Seeder,
  by: string,
  documentId: string,
  entityId: string,
  shareType: string,
  times: RecordInput,
): void {
  if (
    exists(
      s,
      'SELECT 1 FROM "ContentDocumentLink" WHERE ContentDocumentId = ? AND LinkedEntityId = ?',
      documentId,
      entityId,
    )
  )
    return;
  insert(s, 'ContentDocumentLink', by, {
    ContentDocumentId: documentId,
    LinkedEntityId: entityId,
    ShareType: shareType,
    Visibility: 'AllUsers',
    ...times,
  });
}

function fileContent(ext: FileTemplate['ext'], title: string, acct: AccountRef): Buffer {
  if (ext === 'pdf')
    return minimalPdf(['Handover demo document', title.replace(/[^\x20-\x7e]/g, '') || 'document', acct.plan.domain]);
  if (ext === 'csv') {
    const rows = PRODUCTS.slice(0, 3).map((p, i) => `"${text(acct.plan.lang, p)}",${i + 1},${(i + 2) * 125_000}`);
    return Buffer.from(['Item,Quantity,Unit price (CNY)', ...rows].join('\n') + '\n', 'utf8');
  }
  return Buffer.from(`${title}\n\n${text(acct.plan.lang, VISIT_NOTES[0] ?? { zh: '', en: '' })}\n`, 'utf8');
}

/** A one-page PDF that real viewers open: ASCII lines in Helvetica, with a correct xref table. */
function minimalPdf(lines: string[]): Buffer {
  const escape = (line: string) => line.replace(/[\\()]/g, (c) => `\\${c}`);
  const stream = lines.map((line, i) => `BT /F1 14 Tf 72 ${760 - i * 22} Td (${escape(line)}) Tj ET`).join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  out += offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

// ---------------------------------------------------------------------------------------------
// The hand-written key accounts

function heroPlan(s: Seeder, hero: HeroAccount): AccountPlan {
  const names = { name: hero.name, short: hero.short, domain: hero.domain, industry: hero.industry };
  if (hero.lang === 'zh') {
    const city = CHINA_CITIES.find((c) => c.name === hero.city);
    if (!city) throw new Error(`Demo seed: unknown city ${hero.city}`);
    return chinaPlanFor(s, city, {
      ...names,
      industryLabel: CHINA_TRADES.find((t) => t.industry === hero.industry)?.word ?? hero.industry,
    });
  }
  const country = FOREIGN_COUNTRIES.find((c) => c.country === hero.country);
  if (!country) throw new Error(`Demo seed: unknown country ${hero.country ?? ''}`);
  return foreignPlanFor(s, country, hero.city, { ...names, industryLabel: hero.industry });
}

/** A decade and more of quarterly notes: a description far longer than any screen shows. */
function longDescription(s: Seeder): string {
  const parts = ['客户历史（自建档以来的季度记录）：'];
  for (let year = s.clock.year - 20; year < s.clock.year; year++) {
    for (let quarter = 1; quarter <= 4; quarter++) {
      const note = nth(LONG_HISTORY, (year * 4 + quarter) % LONG_HISTORY.length);
      const visit = nth(VISIT_NOTES, (year + quarter) % VISIT_NOTES.length).zh;
      parts.push(`${year}年第${quarter}季度：${note}${visit}`);
    }
  }
  return parts.join('\n');
}

function heroPerson(hero: HeroAccount, contact: HeroContact, plan: AccountPlan): Person {
  const generated = plan.person();
  return {
    lastName: contact.lastName,
    firstName: contact.firstName,
    gender: contact.gender,
    email: contact.mail === null ? null : `${contact.mail}@${hero.domain}`,
    phone: contact.mail === null ? null : generated.phone,
    mobile: contact.mail === null ? null : generated.mobile,
  };
}

function seedHeroAccounts(s: Seeder): Map<string, AccountRef> {
  const refs = new Map<string, AccountRef>();
  for (const hero of HERO_ACCOUNTS) {
    const plan = heroPlan(s, hero);
    const acct = writeAccount(s, 'departing', plan, {
      type: hero.type,
      createdAgo: hero.type === 'Prospect' ? 120 : 2900,
      revenue: hero.revenue,
      employees: hero.employees,
      rating: hero.rating,
      description: hero.key === 'dongfang' ? longDescription(s) : hero.description,
      strategic: hero.strategic,
      parentId: hero.parent ? refs.get(hero.parent)?.id : undefined,
      touches: hero.lastTouch === null ? [] : planTouches(s, FULL, hero.lastTouch),
    });
    refs.set(hero.key, acct);
    writeHeroChildren(s, hero, acct);
  }
  return refs;
}

function writeHeroChildren(s: Seeder, hero: HeroAccount, acct: AccountRef): void {
  const noCross = { ...FULL, crossContact: 0 };
  for (const c of hero.contacts) {
    const reportsTo = c.reportsTo === undefined ? undefined : acct.contacts[c.reportsTo]?.id;
    const person = heroPerson(hero, c, acct.plan);
    const overrides = { owner: c.owner, stance: c.stance, comms: c.comms, cares: c.cares };
    acct.contacts.push(writeContact(s, acct, person, dept(c.dept), reportsTo, noCross, overrides));
  }
  const contractId = hero.contract ? writeContracts(s, acct, hero.contract) : undefined;
  for (const o of hero.opps) writeHeroOpp(s, acct, o, contractId);
  for (const c of hero.cases) {
    writeCase(s, acct, {
      ...c,
      contactId: acct.contacts[c.contact]?.id,
      createdAgo: c.daysAgo,
      queue: c.owner === 'queue',
    });
  }
  writeActivities(s, acct, {
    ...FULL,
    openTasks: [1, 3],
    upcomingEvent: hero.lastTouch !== null && hero.lastTouch < 30 ? 1 : 0,
  });
  hero.files.forEach((index, i) => writeFile(s, acct, nth(FILE_TEMPLATES, index), 5 + i * 37));
  if (hero.note) writeNote(s, acct, hero.note.body, hero.note.title);
  for (const [member, role] of hero.team) writeAccountTeamMember(s, acct, member, role);
}

function writeHeroOpp(s: Seeder, acct: AccountRef, o: HeroOpp, contractId: string | undefined): void {
  const closed = o.stage.startsWith('Closed');
  const createdAgo = Math.max(30, -o.closeIn + 60);
  const opp = writeOpp(s, acct, {
    name: `${acct.plan.short} - ${o.product}`,
    stage: o.stage,
    amount: o.amount,
    closeIn: o.closeIn,
    createdAgo,
    stageAgo: closed ? -o.closeIn : 9,
    nextStep: o.nextStep,
    description: o.description,
    owner: o.owner ?? 'departing',
    contractId: o.stage === 'Closed Won' ? contractId : undefined,
    history: o.history,
  });
  for (const [index, role, primary] of o.roles) {
    const contact = acct.contacts[index];
    if (contact) writeContactRole(s, acct, opp.id, contact.id, role, primary);
  }
  if (opp.open && o.owner === undefined) writeOppTeamMember(s, opp.id, 'departing', 'lina', 'Pre-Sales Consultant');
}

// ---------------------------------------------------------------------------------------------
// Loose ends: the contact without an account, relations across accounts, leads, holidays

function seedOrphanContact(s: Seeder): void {
  const by = s.users.departing;
  insert(s, 'Contact', by, {
    Salutation: 'Mr.',
    LastName: ORPHAN_CONTACT.lastName,
    Title: ORPHAN_CONTACT.title,
    Email: ORPHAN_CONTACT.email,
    MobilePhone: ORPHAN_CONTACT.mobile,
    Description: ORPHAN_CONTACT.description,
    LeadSource: 'Other',
    ...audit(s, by, 210, 200),
  });
}

/**
 * Contacts related to more than their own account: the parent company's GM over its subsidiary, and
 * a few people who moved between customers or sit on a partner's board.
 */
function seedIndirectRelations(s: Seeder, heroes: Map<string, AccountRef>): void {
  const by = s.users.departing;
  const parent = heroes.get('huadong');
  const child = heroes.get('huadongSuzhou');
  const parentGm = parent?.contacts[0];
  if (child && parentGm) writeIndirect(s, by, child.id, parentGm.id, 'Decision Maker;Economic Buyer', 400, true);
  const contacts = sql(
    s,
    'SELECT Id, AccountId FROM "Contact" WHERE OwnerId = ? AND AccountId IS NOT NULL ORDER BY Id',
  ).all(by) as {
    Id: string;
    AccountId: string;
  }[];
  const accounts = (sql(s, 'SELECT Id FROM "Account" WHERE OwnerId = ? ORDER BY Id').all(by) as { Id: string }[]).map(
    (a) => a.Id,
  );
  s.rng.sample(contacts, 10).forEach((contact, i) => {
    const account = s.rng.pick(accounts.filter((a) => a !== contact.AccountId));
    // One of them has left that company: an ended relation.
    writeIndirect(s, by, account, contact.Id, i % 3 === 0 ? 'Influencer' : 'Other', s.rng.int(30, 700), i !== 9);
  });
}

function writeIndirect(
  s: Seeder,
  by: string,
  accountId: string,
  contactId: string,
  roles: string,
  startAgo: number,
  active: boolean,
): void {
  if (exists(s, 'SELECT 1 FROM "AccountContactRelation" WHERE AccountId = ? AND ContactId = ?', accountId, contactId))
    return;
  insert(s, 'AccountContactRelation', by, {
    AccountId: accountId,
    ContactId: contactId,
    Roles: roles,
    IsDirect: false,
    IsActive: active,
    StartDate: s.clock.date(-startAgo),
    EndDate: active ? undefined : s.clock.date(-s.rng.int(1, Math.max(1, startAgo - 1))),
    ...audit(s, by, startAgo),
  });
}

function seedLeads(s: Seeder): void {
  for (const lead of DEMO_LEADS) {
    const by = lead.owner === 'queue' ? s.admin : s.users[lead.owner];
    insert(s, 'Lead', by, {
      OwnerId: lead.owner === 'queue' ? s.queueId : by,
      LastName: lead.lastName,
      FirstName: lead.firstName,
      Company: lead.company,
      Title: lead.title,
      Email: lead.email,
      Phone: lead.phone,
      Status: lead.status,
      Rating: lead.rating,
      LeadSource: lead.source,
      Industry: lead.industry,
      City: lead.city,
      Country: lead.country,
      ...audit(s, by, lead.daysAgo),
    });
  }
}

/** One all-day Holiday per day off, for this year and the next (where the table has them). */
function seedHolidays(s: Seeder): void {
  const years = new Set([String(s.clock.year), String(s.clock.year + 1)]);
  for (const day of CHINA_HOLIDAYS) {
    const year = day.date.slice(0, 4);
    if (!years.has(year)) continue;
    insert(s, 'Holiday', s.admin, {
      Name: `${day.name} ${day.nameEn}`,
      Description: `${year}年${day.name}假期${day.published ? '' : '（预估，以国务院通知为准）'}`,
      IsAllDay: true,
      ActivityDate: day.date,
      ...audit(s, s.admin, 30, 30),
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Counts

/** How rows of each object belong to the departing user (`?1`): owned, or linked to them or their records. */
const DEPARTING_COUNT_SQL: Record<string, string> = {
  Account: 'OwnerId = ?1',
  Contact: 'OwnerId = ?1',
  AccountContactRelation:
    'AccountId IN (SELECT Id FROM "Account" WHERE OwnerId = ?1) OR ContactId IN (SELECT Id FROM "Contact" WHERE OwnerId = ?1)',
  AccountTeamMember: 'UserId = ?1 OR AccountId IN (SELECT Id FROM "Account" WHERE OwnerId = ?1)',
  Opportunity: 'OwnerId = ?1',
  OpportunityContactRole: 'OpportunityId IN (SELECT Id FROM "Opportunity" WHERE OwnerId = ?1)',
  OpportunityTeamMember: 'UserId = ?1 OR OpportunityId IN (SELECT Id FROM "Opportunity" WHERE OwnerId = ?1)',
  OpportunityHistory: 'OpportunityId IN (SELECT Id FROM "Opportunity" WHERE OwnerId = ?1)',
  Case: 'OwnerId = ?1',
  Task: 'OwnerId = ?1',
  Event: 'OwnerId = ?1',
  Contract: 'OwnerId = ?1',
  ContentDocument: 'OwnerId = ?1',
  ContentVersion: 'OwnerId = ?1',
  ContentDocumentLink: 'ContentDocumentId IN (SELECT Id FROM "ContentDocument" WHERE OwnerId = ?1)',
  Note: 'OwnerId = ?1',
  Lead: 'OwnerId = ?1',
  GroupMember: 'UserOrGroupId = ?1',
  PermissionSetAssignment: 'AssigneeId = ?1',
  UserLogin: 'UserId = ?1',
};

const TOTAL_OBJECTS = [
  'User',
  'UserRole',
  'UserLogin',
  'Group',
  'GroupMember',
  'QueueSobject',
  'PermissionSet',
  'PermissionSetAssignment',
  ...Object.keys(DEPARTING_COUNT_SQL).filter(
    (o) => !['GroupMember', 'PermissionSetAssignment', 'UserLogin'].includes(o),
  ),
  'Holiday',
];

function count(s: Seeder, query: string, ...params: string[]): number {
  return Number((sql(s, query).get(...params) as { n: number }).n);
}

function countDeparting(s: Seeder): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const [objectName, where] of Object.entries(DEPARTING_COUNT_SQL)) {
    counts[objectName] = count(
      s,
      `SELECT COUNT(*) AS n FROM "${objectName}" WHERE IsDeleted = 0 AND (${where})`,
      s.users.departing,
    );
  }
  return counts;
}

function countTotals(s: Seeder): Record<string, number> {
  const totals: Record<string, number> = {};
  for (const objectName of TOTAL_OBJECTS)
    totals[objectName] = count(s, `SELECT COUNT(*) AS n FROM "${objectName}" WHERE IsDeleted = 0`);
  return totals;
}
