import { DEFAULT_SETTINGS } from '../../../src/org/settings.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { ensureAuthTables } from '../../../src/org/auth/index.js';
import { checkCredentials } from '../../../src/org/auth/users.js';
import type { OrgContext } from '../../../src/org/context.js';
import { ensureTables, openDatabase, type SqlValue } from '../../../src/org/db.js';
import { makeId } from '../../../src/org/ids.js';
import { RecordStore } from '../../../src/org/records.js';
import { loadSchema } from '../../../src/org/schema/metadata.js';
import { OPPORTUNITY_STAGES } from '../../../src/org/schema/standard.js';
import { seedDemo } from '../../../src/org/seeds/demo.js';
import { CHINA_HOLIDAYS, CHINA_MAKEUP_WORKDAYS, DEMO_USERS } from '../../../src/org/seeds/demoData.js';
import { SEED_PASSWORD, seedEmpty } from '../../../src/org/seeds/empty.js';
import { seedOrg } from '../../../src/org/seeds/index.js';

/** Monday 15 June 2026, 10:00 in Shanghai. */
const NOW = new Date('2026-06-15T02:00:00Z');
const TODAY = '2026-06-15';
const IN_90_DAYS = '2026-09-13';
const DAYS_30_AGO = '2026-05-16';

/** Target on a developer machine is 3 s; the bound leaves room for a loaded CI runner. */
const SEED_TIME_BOUND_MS = 10_000;

type Org = { ctx: OrgContext; store: RecordStore; seedMs: number };

const emptyObjectsDir = mkdtempSync(join(tmpdir(), 'handover-demo-objects-'));

function newContext(now: Date): OrgContext {
  const db = openDatabase(':memory:');
  const schema = loadSchema(emptyObjectsDir);
  ensureTables(db, schema);
  ensureAuthTables(db);
  return {
    db,
    schema,
    orgId: makeId('00D', 1),
    timeZone: 'Asia/Shanghai',
    baseUrl: '',
    now: () => now,
    settings: { ...DEFAULT_SETTINGS },
  };
}

/** A new org seeded with `demo`, in one transaction as localOrg does. */
function seededOrg(now: Date = NOW): Org {
  const ctx = newContext(now);
  const store = new RecordStore(ctx);
  const started = performance.now();
  store.transaction(() => seedOrg(ctx, store, 'demo'));
  return { ctx, store, seedMs: performance.now() - started };
}

function rows(db: DatabaseSync, sql: string, ...params: SqlValue[]): Record<string, SqlValue>[] {
  return db.prepare(sql).all(...params) as Record<string, SqlValue>[];
}

function scalar(db: DatabaseSync, sql: string, ...params: SqlValue[]): number {
  const row = db.prepare(sql).get(...params) as Record<string, SqlValue> | undefined;
  return Number(Object.values(row ?? {})[0] ?? 0);
}

function userId(db: DatabaseSync, username: string): string {
  const row = db.prepare('SELECT Id FROM "User" WHERE Username = ?').get(username) as { Id: string } | undefined;
  if (!row) throw new Error(`No user ${username}`);
  return row.Id;
}

/** Rows of each object that belong to the departing user (`?1`): owned, or linked to them or their records. */
const DEPARTING_ROWS: [string, string][] = [
  ['Account', 'OwnerId = ?1'],
  ['Contact', 'OwnerId = ?1'],
  ['AccountContactRelation', 'AccountId IN (SELECT Id FROM "Account" WHERE OwnerId = ?1)'],
  ['AccountTeamMember', 'UserId = ?1 OR AccountId IN (SELECT Id FROM "Account" WHERE OwnerId = ?1)'],
  ['Opportunity', 'OwnerId = ?1'],
  ['OpportunityContactRole', 'OpportunityId IN (SELECT Id FROM "Opportunity" WHERE OwnerId = ?1)'],
  ['OpportunityTeamMember', 'UserId = ?1 OR OpportunityId IN (SELECT Id FROM "Opportunity" WHERE OwnerId = ?1)'],
  ['OpportunityHistory', 'OpportunityId IN (SELECT Id FROM "Opportunity" WHERE OwnerId = ?1)'],
  ['Case', 'OwnerId = ?1'],
  ['Task', 'OwnerId = ?1'],
  ['Event', 'OwnerId = ?1'],
  ['Contract', 'OwnerId = ?1'],
  ['ContentDocument', 'OwnerId = ?1'],
  ['ContentVersion', 'OwnerId = ?1'],
  ['ContentDocumentLink', 'LinkedEntityId IN (SELECT Id FROM "Account" WHERE OwnerId = ?1)'],
  ['Note', 'OwnerId = ?1'],
  ['Lead', 'OwnerId = ?1'],
  ['GroupMember', 'UserOrGroupId = ?1'],
  ['PermissionSetAssignment', 'AssigneeId = ?1'],
  ['UserLogin', 'UserId = ?1'],
];

describe('demo seed', () => {
  let org: Org;
  let db: DatabaseSync;
  let departing: string;

  beforeAll(() => {
    org = seededOrg();
    db = org.ctx.db;
    departing = userId(db, 'departing@handover.local');
  });

  afterAll(() => {
    db.close();
    rmSync(emptyObjectsDir, { recursive: true, force: true });
  });

  describe('the team', () => {
    it('has every named user, active except the former employee, with the seed password', async () => {
      for (const spec of DEMO_USERS) {
        const user = rows(db, 'SELECT IsActive, Email, ProfileId FROM "User" WHERE Username = ?', spec.username)[0];
        expect(user).toBeDefined();
        expect(user?.IsActive).toBe(spec.key === 'inactive' ? 0 : 1);
        expect(user?.Email).toBe(spec.username);
      }
      const outcome = await checkCredentials(org.ctx, 'departing@handover.local', SEED_PASSWORD);
      expect(outcome.ok).toBe(true);
    });

    it('puts the departing rep and the successors under the manager, who has at least 5 direct reports', () => {
      const manager = userId(db, 'manager@handover.local');
      for (const username of ['departing', 'successor1', 'successor2', 'successor3']) {
        const row = rows(db, 'SELECT ManagerId FROM "User" WHERE Username = ?', `${username}@handover.local`)[0];
        expect(row?.ManagerId).toBe(manager);
      }
      const reports = scalar(db, 'SELECT COUNT(*) FROM "User" WHERE ManagerId = ? AND IsActive = 1', manager);
      expect(reports).toBeGreaterThanOrEqual(5);
    });

    it('builds the role chain CEO > Sales Director > Sales Manager (East China) > Sales Rep, plus a second branch', () => {
      const chain = rows(
        db,
        `SELECT r.Name AS rep, m.Name AS manager, d.Name AS director, c.Name AS ceo FROM "UserRole" r
         JOIN "UserRole" m ON m.Id = r.ParentRoleId JOIN "UserRole" d ON d.Id = m.ParentRoleId
         JOIN "UserRole" c ON c.Id = d.ParentRoleId
         WHERE r.Id = (SELECT UserRoleId FROM "User" WHERE Username = 'departing@handover.local')`,
      )[0];
      expect(chain).toEqual({
        rep: 'Sales Rep (East China)',
        manager: 'Sales Manager (East China)',
        director: 'Sales Director',
        ceo: 'CEO',
      });
      const managers = scalar(
        db,
        `SELECT COUNT(*) FROM "UserRole" WHERE ParentRoleId = (SELECT Id FROM "UserRole" WHERE Name = 'Sales Director')`,
      );
      expect(managers).toBe(2);
    });

    it('has a frozen user, and a former employee who still owns records', () => {
      const frozen = userId(db, 'huangjie@handover.local');
      expect(scalar(db, 'SELECT IsFrozen FROM "UserLogin" WHERE UserId = ?', frozen)).toBe(1);
      expect(scalar(db, 'SELECT COUNT(*) FROM "UserLogin" WHERE IsFrozen = 1')).toBe(1);
      const former = userId(db, 'wutao@handover.local');
      for (const objectName of ['Account', 'Contact', 'Opportunity']) {
        expect(scalar(db, `SELECT COUNT(*) FROM "${objectName}" WHERE OwnerId = ?`, former)).toBeGreaterThan(0);
      }
    });

    it('gives the other reps books of 20 to 40 accounts', () => {
      for (const username of ['successor1', 'successor2', 'successor3', 'lina', 'markus.weber', 'zhengkai', 'heli']) {
        const accounts = scalar(
          db,
          'SELECT COUNT(*) FROM "Account" WHERE OwnerId = ?',
          userId(db, `${username}@handover.local`),
        );
        expect(accounts).toBeGreaterThanOrEqual(20);
        expect(accounts).toBeLessThanOrEqual(40);
      }
    });

    it('has a support queue for cases and leads that owns a couple of cases', () => {
      const queue = rows(db, `SELECT Id FROM "Group" WHERE Type = 'Queue' AND Name = 'East China Support'`)[0];
      expect(queue).toBeDefined();
      const types = rows(
        db,
        'SELECT SobjectType FROM "QueueSobject" WHERE QueueId = ? ORDER BY SobjectType',
        queue?.Id ?? null,
      );
      expect(types.map((t) => t.SobjectType)).toEqual(['Case', 'Lead']);
      expect(scalar(db, 'SELECT COUNT(*) FROM "Case" WHERE OwnerId = ?', queue?.Id ?? null)).toBeGreaterThanOrEqual(2);
      expect(scalar(db, 'SELECT COUNT(*) FROM "Lead" WHERE OwnerId = ?', queue?.Id ?? null)).toBeGreaterThanOrEqual(1);
    });
  });

  describe("the departing rep's book", () => {
    it('holds 140 to 160 accounts, Chinese and foreign, with a top 20 by revenue', () => {
      const accounts = scalar(db, 'SELECT COUNT(*) FROM "Account" WHERE OwnerId = ?', departing);
      expect(accounts).toBeGreaterThanOrEqual(140);
      expect(accounts).toBeLessThanOrEqual(160);
      expect(
        scalar(db, `SELECT COUNT(*) FROM "Account" WHERE OwnerId = ? AND BillingCountry = '中国'`, departing),
      ).toBeGreaterThan(80);
      expect(
        scalar(db, `SELECT COUNT(*) FROM "Account" WHERE OwnerId = ? AND BillingCountry != '中国'`, departing),
      ).toBeGreaterThan(20);
      expect(
        scalar(db, 'SELECT COUNT(DISTINCT AnnualRevenue) FROM "Account" WHERE OwnerId = ?', departing),
      ).toBeGreaterThan(100);
      expect(rows(db, 'SELECT Name FROM "Account" WHERE Name = ?', '上海华东精密机械有限公司')).toHaveLength(1);
      expect(rows(db, 'SELECT Name FROM "Account" WHERE Name = ?', 'Nordic Freight AB')).toHaveLength(1);
    });

    it.each(DEPARTING_ROWS)('has %s rows owned by or linked to the departing user', (objectName, where) => {
      expect(scalar(db, `SELECT COUNT(*) FROM "${objectName}" WHERE ${where}`, departing)).toBeGreaterThan(0);
    });

    it('has opportunities in every stage, overdue open deals and wins of the last 12 months', () => {
      const stages = rows(db, 'SELECT DISTINCT StageName FROM "Opportunity" WHERE OwnerId = ?', departing).map(
        (r) => r.StageName,
      );
      expect([...stages].sort()).toEqual([...OPPORTUNITY_STAGES].sort());
      expect(
        scalar(
          db,
          'SELECT COUNT(*) FROM "Opportunity" WHERE OwnerId = ? AND IsClosed = 0 AND CloseDate < ?',
          departing,
          TODAY,
        ),
      ).toBeGreaterThan(0);
      expect(
        scalar(
          db,
          `SELECT COUNT(*) FROM "Opportunity" WHERE OwnerId = ? AND IsWon = 1 AND CloseDate >= '2025-06-15'`,
          departing,
        ),
      ).toBeGreaterThan(0);
      const withNextStep = scalar(
        db,
        'SELECT COUNT(*) FROM "Opportunity" WHERE OwnerId = ? AND IsClosed = 0 AND NextStep IS NOT NULL',
        departing,
      );
      expect(withNextStep).toBe(
        scalar(db, 'SELECT COUNT(*) FROM "Opportunity" WHERE OwnerId = ? AND IsClosed = 0', departing),
      );
      expect(
        scalar(db, `SELECT COUNT(*) FROM "Opportunity" WHERE OwnerId = ? AND Description LIKE '%西门子%'`, departing),
      ).toBeGreaterThan(0);
    });

    it('has single-threaded and multi-threaded open deals, and one with a duplicate contact role', () => {
      const threads = rows(
        db,
        `SELECT o.Id, COUNT(r.Id) AS roles FROM "Opportunity" o JOIN "OpportunityContactRole" r ON r.OpportunityId = o.Id
         WHERE o.OwnerId = ? AND o.IsClosed = 0 GROUP BY o.Id`,
        departing,
      );
      expect(threads.some((t) => t.roles === 1)).toBe(true);
      expect(threads.some((t) => Number(t.roles) >= 3)).toBe(true);
      const duplicates = scalar(
        db,
        'SELECT COUNT(*) FROM (SELECT OpportunityId, ContactId, Role FROM "OpportunityContactRole" GROUP BY 1, 2, 3 HAVING COUNT(*) > 1)',
      );
      expect(duplicates).toBeGreaterThanOrEqual(1);
    });

    it('records stage history with an amount drop and a stage moved back', () => {
      const drops = scalar(
        db,
        `SELECT COUNT(*) FROM "OpportunityHistory" h JOIN "Opportunity" o ON o.Id = h.OpportunityId
         WHERE o.OwnerId = ? AND h.PrevAmount > h.Amount`,
        departing,
      );
      expect(drops).toBeGreaterThan(0);
      const steps = rows(
        db,
        `SELECT h.OpportunityId, h.StageName FROM "OpportunityHistory" h JOIN "Opportunity" o ON o.Id = h.OpportunityId
         WHERE o.OwnerId = ? ORDER BY h.OpportunityId, h.CreatedDate`,
        departing,
      );
      const order = (stage: SqlValue) => OPPORTUNITY_STAGES.indexOf(String(stage));
      const movedBack = steps.some(
        (step, i) =>
          i > 0 &&
          steps[i - 1]?.OpportunityId === step.OpportunityId &&
          order(step.StageName ?? null) < order(steps[i - 1]?.StageName ?? null),
      );
      expect(movedBack).toBe(true);
    });

    it('has a decision chain per account: contacts with titles reporting to each other, and direct relations', () => {
      const chain = rows(
        db,
        `SELECT c.Name, c.Title, b.Title AS bossTitle FROM "Contact" c LEFT JOIN "Contact" b ON b.Id = c.ReportsToId
         WHERE c.AccountId = (SELECT Id FROM "Account" WHERE Name = '上海华东精密机械有限公司') ORDER BY c.Id`,
      );
      expect(chain[0]).toMatchObject({ Title: '总经理', bossTitle: null });
      expect(chain).toContainEqual(expect.objectContaining({ Title: '技术经理', bossTitle: '技术总监' }));
      const contactsWithoutRelation = scalar(
        db,
        `SELECT COUNT(*) FROM "Contact" c WHERE c.AccountId IS NOT NULL AND NOT EXISTS
         (SELECT 1 FROM "AccountContactRelation" r WHERE r.ContactId = c.Id AND r.AccountId = c.AccountId AND r.IsDirect = 1)`,
      );
      expect(contactsWithoutRelation).toBe(0);
      expect(scalar(db, 'SELECT COUNT(*) FROM "AccountContactRelation" WHERE IsDirect = 0')).toBeGreaterThan(0);
      const perAccount = rows(
        db,
        'SELECT COUNT(c.Id) AS n FROM "Account" a LEFT JOIN "Contact" c ON c.AccountId = a.Id WHERE a.OwnerId = ? GROUP BY a.Id',
        departing,
      );
      expect(perAccount.filter((r) => Number(r.n) >= 3).length).toBeGreaterThan(140);
    });

    it('shares records both ways: colleagues on its teams and records, the departing rep on theirs', () => {
      const others = (sql: string) => scalar(db, sql, departing);
      expect(
        others(
          'SELECT COUNT(*) FROM "AccountTeamMember" t JOIN "Account" a ON a.Id = t.AccountId WHERE a.OwnerId = ?1 AND t.UserId != ?1',
        ),
      ).toBeGreaterThan(0);
      expect(
        others(
          'SELECT COUNT(*) FROM "AccountTeamMember" t JOIN "Account" a ON a.Id = t.AccountId WHERE t.UserId = ?1 AND a.OwnerId != ?1',
        ),
      ).toBeGreaterThan(0);
      expect(
        others(
          'SELECT COUNT(*) FROM "OpportunityTeamMember" t JOIN "Opportunity" o ON o.Id = t.OpportunityId WHERE o.OwnerId = ?1 AND t.UserId != ?1',
        ),
      ).toBeGreaterThan(0);
      expect(
        others(
          'SELECT COUNT(*) FROM "OpportunityTeamMember" t JOIN "Opportunity" o ON o.Id = t.OpportunityId WHERE t.UserId = ?1 AND o.OwnerId != ?1',
        ),
      ).toBeGreaterThan(0);
      expect(
        others(
          'SELECT COUNT(*) FROM "Contact" c JOIN "Account" a ON a.Id = c.AccountId WHERE a.OwnerId = ?1 AND c.OwnerId != ?1',
        ),
      ).toBeGreaterThan(0);
      expect(
        others(
          'SELECT COUNT(*) FROM "Contact" c JOIN "Account" a ON a.Id = c.AccountId WHERE c.OwnerId = ?1 AND a.OwnerId != ?1',
        ),
      ).toBeGreaterThan(0);
      expect(
        others(
          'SELECT COUNT(*) FROM "Opportunity" o JOIN "Account" a ON a.Id = o.AccountId WHERE a.OwnerId = ?1 AND o.OwnerId != ?1',
        ),
      ).toBeGreaterThan(0);
    });

    it('has open and escalated cases of every priority', () => {
      expect(
        scalar(
          db,
          `SELECT COUNT(*) FROM "Case" WHERE OwnerId = ? AND IsClosed = 0 AND IsEscalated = 1 AND Status = 'Escalated'`,
          departing,
        ),
      ).toBeGreaterThan(0);
      expect(
        scalar(
          db,
          'SELECT COUNT(*) FROM "Case" WHERE OwnerId = ? AND IsClosed = 1 AND ClosedDate < ?',
          departing,
          NOW.toISOString(),
        ),
      ).toBeGreaterThan(0);
      const priorities = rows(
        db,
        'SELECT DISTINCT Priority FROM "Case" WHERE OwnerId = ? AND IsClosed = 0 ORDER BY 1',
        departing,
      );
      expect(priorities.map((p) => p.Priority)).toEqual(['High', 'Low', 'Medium']);
    });

    it('has overdue and upcoming tasks, completed ones, and past and upcoming meetings', () => {
      const tasks = (where: string, ...params: SqlValue[]) =>
        scalar(db, `SELECT COUNT(*) FROM "Task" WHERE OwnerId = ? AND ${where}`, departing, ...params);
      expect(tasks('IsClosed = 0 AND ActivityDate < ?', TODAY)).toBeGreaterThan(0);
      expect(tasks('IsClosed = 0 AND ActivityDate > ?', TODAY)).toBeGreaterThan(0);
      expect(tasks(`IsClosed = 1 AND Status = 'Completed'`)).toBeGreaterThan(0);
      expect(tasks(`Subject = '发送报价单'`)).toBeGreaterThan(0);
      expect(tasks('AccountId IS NULL')).toBe(0);
      const events = (where: string) =>
        scalar(db, `SELECT COUNT(*) FROM "Event" WHERE OwnerId = ? AND ${where}`, departing, NOW.toISOString());
      expect(events('StartDateTime < ?2')).toBeGreaterThan(0);
      expect(events('StartDateTime > ?2')).toBeGreaterThan(0);
    });

    it('has accounts without activity for 30 days and recently active ones', () => {
      expect(
        scalar(db, 'SELECT COUNT(*) FROM "Account" WHERE OwnerId = ? AND LastActivityDate < ?', departing, DAYS_30_AGO),
      ).toBeGreaterThan(10);
      expect(
        scalar(
          db,
          'SELECT COUNT(*) FROM "Account" WHERE OwnerId = ? AND LastActivityDate >= ?',
          departing,
          DAYS_30_AGO,
        ),
      ).toBeGreaterThan(50);
    });

    it('has activated contracts, several renewing within 90 days', () => {
      const renewing = scalar(
        db,
        `SELECT COUNT(*) FROM "Contract" WHERE OwnerId = ? AND Status = 'Activated' AND EndDate BETWEEN ? AND ?`,
        departing,
        TODAY,
        IN_90_DAYS,
      );
      expect(renewing).toBeGreaterThanOrEqual(3);
      expect(
        scalar(
          db,
          `SELECT COUNT(*) FROM "Contract" WHERE OwnerId = ? AND (StartDate IS NULL OR ContractTerm IS NULL OR EndDate IS NULL)`,
          departing,
        ),
      ).toBe(0);
    });

    it('links files to its accounts with a version and a viewer link', () => {
      const files = rows(
        db,
        `SELECT v.Title, v.PathOnClient, v.VersionData, d.LatestPublishedVersionId = v.Id AS latest FROM "ContentVersion" v
         JOIN "ContentDocument" d ON d.Id = v.ContentDocumentId JOIN "ContentDocumentLink" l ON l.ContentDocumentId = d.Id
         JOIN "Account" a ON a.Id = l.LinkedEntityId WHERE a.OwnerId = ? AND l.ShareType = 'V'`,
        departing,
      );
      expect(files.length).toBeGreaterThan(20);
      expect(files.every((f) => f.latest === 1 && typeof f.VersionData === 'string' && f.VersionData.length > 0)).toBe(
        true,
      );
      const proposal = files.find((f) => f.Title === 'Proposal_2026_华东精密');
      expect(proposal?.PathOnClient).toBe('Proposal_2026_华东精密.pdf');
      expect(Buffer.from(String(proposal?.VersionData), 'base64').toString('latin1')).toMatch(
        /^%PDF-1\.4[\s\S]*%%EOF\n$/,
      );
    });

    it('survives messy data: emoji, a very long description, a contact without account', () => {
      expect(scalar(db, `SELECT COUNT(*) FROM "Contact" WHERE Name LIKE '%🔥%'`)).toBe(1);
      expect(scalar(db, 'SELECT MAX(length(Description)) FROM "Account" WHERE OwnerId = ?', departing)).toBeGreaterThan(
        5000,
      );
      expect(scalar(db, 'SELECT COUNT(*) FROM "Contact" WHERE OwnerId = ? AND AccountId IS NULL', departing)).toBe(1);
      expect(
        scalar(
          db,
          'SELECT COUNT(*) FROM "Account" a WHERE a.OwnerId = ? AND NOT EXISTS (SELECT 1 FROM "Contact" c WHERE c.AccountId = a.Id)',
          departing,
        ),
      ).toBe(1);
    });
  });

  describe('holidays', () => {
    it('has the Chinese public holidays of this year and the next', () => {
      const byYear = rows(
        db,
        `SELECT substr(ActivityDate, 1, 4) AS year, COUNT(*) AS n, MIN(IsAllDay) AS allDay FROM "Holiday" GROUP BY 1 ORDER BY 1`,
      );
      expect(byYear).toEqual([
        { year: '2026', n: CHINA_HOLIDAYS.filter((h) => h.date.startsWith('2026')).length, allDay: 1 },
        { year: '2027', n: CHINA_HOLIDAYS.filter((h) => h.date.startsWith('2027')).length, allDay: 1 },
      ]);
      expect(rows(db, `SELECT Name FROM "Holiday" WHERE ActivityDate = '2026-02-17'`)).toEqual([
        { Name: '春节 Spring Festival' },
      ]);
      expect(rows(db, `SELECT Name FROM "Holiday" WHERE ActivityDate = '2026-10-01'`)).toEqual([
        { Name: '国庆节 National Day' },
      ]);
    });

    it('keeps make-up working days out of the holidays', () => {
      const holidayDates = new Set(CHINA_HOLIDAYS.map((h) => h.date));
      for (const day of CHINA_MAKEUP_WORKDAYS) {
        expect(holidayDates.has(day)).toBe(false);
        const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
        expect(weekday === 0 || weekday === 6).toBe(true);
      }
    });
  });

  describe('determinism and speed', () => {
    it('writes identical rows for the same clock', () => {
      const again = seededOrg();
      try {
        const tables = [...org.ctx.schema.objects.keys()];
        for (const table of tables) {
          const sql = `SELECT * FROM "${table}" ORDER BY Id`;
          expect({ table, rows: rows(again.ctx.db, sql) }).toEqual({ table, rows: rows(db, sql) });
        }
        const names = (d: DatabaseSync) => rows(d, 'SELECT Id, Name FROM "Account" ORDER BY Id');
        expect(names(again.ctx.db)).toEqual(names(db));
      } finally {
        again.ctx.db.close();
      }
    });

    it(`seeds in well under ${SEED_TIME_BOUND_MS} ms`, () => {
      console.log(`demo seed: ${Math.round(org.seedMs)} ms`);
      expect(org.seedMs).toBeLessThan(SEED_TIME_BOUND_MS);
    });

    it('moves every date with the clock', () => {
      const later = new Date('2027-03-10T01:00:00Z');
      const other = seededOrg(later);
      try {
        const d = other.ctx.db;
        const user = userId(d, 'departing@handover.local');
        const renewing = scalar(
          d,
          `SELECT COUNT(*) FROM "Contract" WHERE OwnerId = ? AND EndDate BETWEEN '2027-03-10' AND '2027-06-08'`,
          user,
        );
        expect(renewing).toBeGreaterThanOrEqual(3);
        expect(
          scalar(
            d,
            `SELECT COUNT(*) FROM "Task" WHERE OwnerId = ? AND IsClosed = 0 AND ActivityDate < '2027-03-10'`,
            user,
          ),
        ).toBeGreaterThan(0);
        expect(String(rows(d, 'SELECT MAX(CreatedDate) AS m FROM "Account"')[0]?.m) < later.toISOString()).toBe(true);
        // 2027 and (not yet in the table) 2028.
        expect(rows(d, `SELECT DISTINCT substr(ActivityDate, 1, 4) AS year FROM "Holiday"`)).toEqual([
          { year: '2027' },
        ]);
        expect(rows(d, 'SELECT Id, Name FROM "Account" ORDER BY Id LIMIT 5')).toEqual(
          rows(db, 'SELECT Id, Name FROM "Account" ORDER BY Id LIMIT 5'),
        );
      } finally {
        other.ctx.db.close();
      }
    });
  });

  describe('seedDemo', () => {
    it('reports the key users and what the departing user owns', () => {
      const ctx = newContext(NOW);
      const store = new RecordStore(ctx);
      try {
        const result = store.transaction(() => seedDemo(ctx, store, seedEmpty(ctx, store)));
        expect(result.users.departing).toBe(departing);
        expect(result.users.successors).toHaveLength(3);
        expect(result.users.otherReps.length).toBeGreaterThanOrEqual(2);
        expect(result.departingCounts.Account).toBe(
          scalar(db, 'SELECT COUNT(*) FROM "Account" WHERE OwnerId = ?', departing),
        );
        expect(result.departingCounts.Opportunity).toBe(
          scalar(db, 'SELECT COUNT(*) FROM "Opportunity" WHERE OwnerId = ?', departing),
        );
        for (const [objectName, n] of Object.entries(result.departingCounts))
          expect({ objectName, n: n > 0 }).toEqual({ objectName, n: true });
        expect(result.totals.Holiday).toBe(CHINA_HOLIDAYS.length);
      } finally {
        ctx.db.close();
      }
    });
  });
});

describe('demo holidays', () => {
  it('seeds exactly the holidays of the product calendar', async () => {
    const { CHINA_HOLIDAYS: core } = await import('../../../src/core/calendars/china.js');
    const { CHINA_HOLIDAYS: seeded } = await import('../../../src/org/seeds/demoData.js');
    expect(seeded.map((h) => h.date).sort()).toEqual([...core].sort());
  });
});
