import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type jsforce from 'jsforce';
import { buildHandover, type HandoverBuild } from '../../../src/core/build/index.js';
import type { AccountHandover, CrmSnapshot } from '../../../src/core/model.js';
import {
  orgCalendarInfo,
  readBookOfBusiness,
  resolveUser,
  type ReadStats,
} from '../../../src/salesforce/reads/index.js';
import { startTestOrg, stopTestOrg, type TestOrg } from '../../helpers/localOrg.js';

/** Monday 15 June 2026, 10:00 in Shanghai: the seed's dates are relative to it. */
const NOW = new Date('2026-06-15T02:00:00Z');
const TODAY = '2026-06-15';

let org: TestOrg | undefined;
let conn: jsforce.Connection;
let departingId: string;
let snapshot: CrmSnapshot;
let stats: ReadStats;
let serverCalls: number;
let build: HandoverBuild;

beforeAll(async () => {
  org = await startTestOrg({ seed: 'demo', now: () => NOW });
  conn = await org.login();
  const departing = await resolveUser(conn, 'departing@handover.local');
  departingId = departing!.Id;
  const before = org.usage.used();
  ({ snapshot, stats } = await readBookOfBusiness(conn, departingId, { today: TODAY }));
  serverCalls = org.usage.used() - before;
  build = buildHandover(snapshot);
});

afterAll(async () => {
  await stopTestOrg(org);
});

async function count(soql: string): Promise<number> {
  return (await conn.query(soql)).totalSize;
}

async function ids(soql: string): Promise<string[]> {
  const result = await conn.query<{ Id: string }>(soql, { autoFetch: true, maxFetch: 100_000 });
  return result.records.map((r) => r.Id);
}

function owned<T extends { OwnerId: string | null }>(rows: readonly T[]): T[] {
  return rows.filter((r) => r.OwnerId === departingId);
}

function handoverOf(name: string): AccountHandover {
  const account = build.accounts.find((a) => a.name === name);
  if (!account) throw new Error(`no handover for ${name}`);
  return account;
}

describe('readBookOfBusiness on the demo org', () => {
  it('accounts for every record the departing user owns (independent COUNT queries)', async () => {
    const me = `'${departingId}'`;
    const inSnapshot: Record<string, number> = {
      Account: owned(snapshot.accounts).length,
      Contact: owned(snapshot.contacts).length,
      Opportunity: owned(snapshot.opportunities).length,
      Case: owned(snapshot.cases).length,
      Task: owned(snapshot.activities.filter((a) => a.kind === 'Task')).length,
      Event: owned(snapshot.activities.filter((a) => a.kind === 'Event')).length,
      Contract: owned(snapshot.contracts).length,
      ContentDocument: new Set(owned(snapshot.files).map((f) => f.ContentDocumentId)).size,
      Lead: snapshot.otherOwned.filter((r) => r.objectType === 'Lead').length,
      Note: snapshot.otherOwned.filter((r) => r.objectType === 'Note').length,
    };
    for (const [object, rows] of Object.entries(inSnapshot)) {
      const expected = await count(`SELECT COUNT() FROM ${object} WHERE OwnerId = ${me}`);
      expect({ object, rows }).toEqual({ object, rows: expected });
      expect({ object, counted: build.counts[object] }).toEqual({ object, counted: expected });
      expect(expected).toBeGreaterThan(0);
    }
  });

  it('reads the records around them: others’ contacts, relations, roles, history, teams, files', async () => {
    const me = `'${departingId}'`;
    const onMyAccounts = `(SELECT Id FROM Account WHERE OwnerId = ${me})`;
    const othersContacts = await ids(`SELECT Id FROM Contact WHERE AccountId IN ${onMyAccounts} AND OwnerId != ${me}`);
    expect(othersContacts.length).toBeGreaterThan(0);
    const contactIds = new Set(snapshot.contacts.map((c) => c.Id));
    expect(othersContacts.filter((id) => !contactIds.has(id))).toEqual([]);

    const covered = async (soql: string, have: readonly string[]): Promise<void> => {
      const expected = await ids(soql);
      expect(expected.length).toBeGreaterThan(0);
      const set = new Set(have);
      expect({ soql, missing: expected.filter((id) => !set.has(id)) }).toEqual({ soql, missing: [] });
    };
    const myOpportunities = `(SELECT Id FROM Opportunity WHERE OwnerId = ${me})`;
    await covered(
      `SELECT Id FROM AccountContactRelation WHERE AccountId IN ${onMyAccounts}`,
      snapshot.accountContactRelations.map((r) => r.Id),
    );
    await covered(
      `SELECT Id FROM OpportunityContactRole WHERE OpportunityId IN ${myOpportunities}`,
      snapshot.opportunityContactRoles.map((r) => r.Id),
    );
    await covered(
      `SELECT Id FROM AccountTeamMember WHERE UserId = ${me}`,
      snapshot.teamMembers.map((r) => r.Id),
    );
    await covered(
      `SELECT Id FROM OpportunityTeamMember WHERE OpportunityId IN ${myOpportunities}`,
      snapshot.teamMembers.map((r) => r.Id),
    );
    await covered(
      `SELECT Id FROM Case WHERE AccountId IN ${onMyAccounts}`,
      snapshot.cases.map((r) => r.Id),
    );
    expect(snapshot.opportunityHistory.length).toBe(
      await count(
        `SELECT COUNT() FROM OpportunityHistory WHERE Opportunity.OwnerId = ${me} OR Opportunity.Account.OwnerId = ${me}`,
      ),
    );
    const linkedToMyAccounts = await conn.query<{ ContentDocumentId: string }>(
      `SELECT ContentDocumentId FROM ContentDocumentLink WHERE LinkedEntityId IN ${onMyAccounts}`,
    );
    const files = new Set(snapshot.files.map((f) => f.ContentDocumentId));
    expect(linkedToMyAccounts.records.filter((l) => !files.has(l.ContentDocumentId))).toEqual([]);
  });

  it('counts its API calls as the server does, within the budget and without a query per account', () => {
    expect(stats.apiCalls).toBe(serverCalls);
    const lowerBound = Object.values(stats.rowsPerObject).reduce((sum, rows) => sum + Math.ceil(rows / 2000), 0);
    expect(stats.apiCalls).toBeLessThanOrEqual(lowerBound + 10);
    expect(stats.apiCalls).toBeLessThan(owned(snapshot.accounts).length / 5);
    expect(stats.skippedObjects).toEqual([]);
  });

  it('gives 上海华东精密: decision chain, escalated complaint, renewal within 90 days, deals that slipped', () => {
    const huadong = handoverOf('上海华东精密机械有限公司');
    expect(huadong).toMatchObject({ ownedByDeparting: true, isKeyAccount: true, stage: 'under_contract' });
    expect(huadong.keyReasons).toContain('strategic');

    // The decision chain: the GM decides; procurement, technical and finance report to him.
    const byName = new Map(huadong.relationshipMap.contacts.map((c) => [c.name, c]));
    const gm = byName.get('张建国');
    expect(gm).toMatchObject({ isDecisionMaker: true, isPrimaryOnOpenDeal: true });
    expect(gm?.roles).toContain('Decision Maker');
    for (const name of ['李芳', '刘海涛', '赵敏']) {
      expect(huadong.relationshipMap.reportsTo).toContainEqual({
        from: byName.get(name)?.contactId,
        to: gm?.contactId,
      });
    }
    expect(huadong.relationshipMap.reportsTo).toContainEqual({
      from: byName.get('王志强')?.contactId,
      to: byName.get('刘海涛')?.contactId,
    });
    // A contact of the account owned by someone else (a former employee) is in the map.
    expect(byName.get('陈晓东')?.ownerId).not.toBe(departingId);

    const complaint = huadong.complaints.find((c) => c.subject.startsWith('二期设备主轴异常停机'));
    expect(complaint).toMatchObject({ isEscalated: true, needs: 'escalation', priority: 'High' });
    const renewal = huadong.pendingItems.find((p) => p.kind === 'renewal');
    expect(renewal).toMatchObject({ objectType: 'Contract', state: 'Activated' });
    expect(huadong.contracts[0]?.renewsWithinDays).toBe(45);

    const deal = (product: string) => huadong.openOpportunities.find((o) => o.name.includes(product));
    expect(deal('数控系统升级二期')?.risks).toEqual(expect.arrayContaining(['amount_dropped', 'competitor_named']));
    expect(deal('年度维保合同续约')?.risks).toEqual(
      expect.arrayContaining(['stage_moved_back', 'close_date_passed', 'single_threaded']),
    );
    expect(huadong.pendingItems.some((p) => p.kind === 'case' && p.title.startsWith('新员工操作手册索取'))).toBe(true);
  });

  it('gives Nordic Freight AB: close date passed, single-threaded, no activity for 30 days', () => {
    const nordic = handoverOf('Nordic Freight AB');
    const rollout = nordic.openOpportunities.find((o) => o.name.includes('Fleet Telematics Rollout'));
    expect(rollout?.risks).toEqual(
      expect.arrayContaining(['close_date_passed', 'single_threaded', 'no_recent_activity', 'competitor_named']),
    );
    expect(rollout?.competitor).toBe('ABB');
    expect(nordic.relationshipMap.contacts.map((c) => c.name)).toEqual(
      expect.arrayContaining(['Erik Lindqvist', 'Anna Svensson', 'Karin Holm', 'Johan Berg']),
    );
    expect(nordic.complaints).toHaveLength(1);
  });

  it('resolves users with their frozen flag, and reads the org calendar', async () => {
    expect(await resolveUser(conn, 'departing@handover.local')).toMatchObject({ IsActive: true, IsFrozen: false });
    expect(await resolveUser(conn, 'huangjie@handover.local')).toMatchObject({ IsActive: true, IsFrozen: true });
    expect(await resolveUser(conn, 'wutao@handover.local')).toMatchObject({ IsActive: false });
    expect(await resolveUser(conn, 'nobody@handover.local')).toBeUndefined();
    const calendar = await orgCalendarInfo(conn);
    expect(calendar.timeZone).toBe('Asia/Shanghai');
    expect(calendar.holidays).toEqual(expect.arrayContaining(['2026-10-01', '2027-01-01']));
    expect(calendar.holidays.every((d) => d >= '2026-01-01' && d <= '2027-12-31')).toBe(true);
  });
});
