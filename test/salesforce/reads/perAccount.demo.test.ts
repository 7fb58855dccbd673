import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type jsforce from 'jsforce';
import { buildHandover, type HandoverBuild } from '../../../src/core/build/index.js';
import { readBookOfBusiness, resolveUser } from '../../../src/salesforce/reads/index.js';
import { startTestOrg, stopTestOrg, type TestOrg } from '../../helpers/localOrg.js';

/** Monday 15 June 2026, 10:00 in Shanghai: the seed's dates are relative to it. */
const NOW = new Date('2026-06-15T02:00:00Z');
const TODAY = '2026-06-15';

type Row = Record<string, unknown>;

/**
 * For EVERY account of the departing rep, the built handover matches what independent SOQL says:
 * its relationship map holds exactly the account's contacts (direct and related), its open deals and
 * complaints are the account's open opportunities and cases (whoever owns them: the successor serves
 * the customer), and the close-date risk flags exactly the deals whose close date has passed.
 */
describe('the handover of each demo account matches the org', () => {
  let org: TestOrg | undefined;
  let conn: jsforce.Connection;
  let departingId: string;
  let build: HandoverBuild;

  async function all(soql: string): Promise<Row[]> {
    return (await conn.query<Row>(soql, { autoFetch: true, maxFetch: 100_000 })).records;
  }

  function groupIds(rows: Row[], key: string, value = 'Id'): Map<string, Set<string>> {
    const groups = new Map<string, Set<string>>();
    for (const row of rows) {
      const k = row[key] as string | null;
      if (!k) continue;
      if (!groups.has(k)) groups.set(k, new Set());
      groups.get(k)!.add(row[value] as string);
    }
    return groups;
  }

  const sorted = (values: Iterable<string> | undefined): string[] => [...(values ?? [])].sort();

  beforeAll(async () => {
    org = await startTestOrg({ seed: 'demo', now: () => NOW });
    conn = await org.login();
    departingId = (await resolveUser(conn, 'departing@handover.local'))!.Id;
    const { snapshot } = await readBookOfBusiness(conn, departingId, { today: TODAY });
    build = buildHandover(snapshot);
  });
  afterAll(() => stopTestOrg(org));

  it('covers every owned account', async () => {
    const owned = await all(`SELECT Id FROM Account WHERE OwnerId = '${departingId}'`);
    const built = new Set(build.accounts.filter((a) => a.ownedByDeparting).map((a) => a.accountId));
    expect(owned.length).toBeGreaterThan(100);
    expect(sorted(owned.map((a) => a.Id as string))).toEqual(sorted(built));
  });

  it('has, per account, the relationship map, open deals, complaints and close-date risks the org holds', async () => {
    const ownedAccounts = `SELECT Id FROM Account WHERE OwnerId = '${departingId}'`;
    const direct = groupIds(
      await all(`SELECT Id, AccountId FROM Contact WHERE AccountId IN (${ownedAccounts})`),
      'AccountId',
    );
    const related = groupIds(
      await all(
        `SELECT ContactId, AccountId FROM AccountContactRelation WHERE AccountId IN (${ownedAccounts}) AND IsActive = true`,
      ),
      'AccountId',
      'ContactId',
    );
    const openDeals = groupIds(
      await all(`SELECT Id, AccountId FROM Opportunity WHERE AccountId IN (${ownedAccounts}) AND IsClosed = false`),
      'AccountId',
    );
    const pastDue = groupIds(
      await all(
        `SELECT Id, AccountId FROM Opportunity WHERE AccountId IN (${ownedAccounts}) AND IsClosed = false AND CloseDate < ${TODAY}`,
      ),
      'AccountId',
    );
    const openCases = groupIds(
      await all(`SELECT Id, AccountId FROM Case WHERE AccountId IN (${ownedAccounts}) AND IsClosed = false`),
      'AccountId',
    );

    const mismatches: string[] = [];
    for (const account of build.accounts.filter((a) => a.ownedByDeparting)) {
      const id = account.accountId;
      const contacts = new Set([...(direct.get(id) ?? []), ...(related.get(id) ?? [])]);
      const checks: [string, string[], string[]][] = [
        ['contacts', sorted(contacts), sorted(account.relationshipMap.contacts.map((c) => c.contactId))],
        ['open deals', sorted(openDeals.get(id)), sorted(account.openOpportunities.map((o) => o.opportunityId))],
        [
          'close date passed',
          sorted(pastDue.get(id)),
          sorted(
            account.openOpportunities.filter((o) => o.risks.includes('close_date_passed')).map((o) => o.opportunityId),
          ),
        ],
        ['complaints', sorted(openCases.get(id)), sorted(account.complaints.map((c) => c.caseId))],
      ];
      for (const [what, expected, actual] of checks) {
        if (JSON.stringify(expected) !== JSON.stringify(actual)) {
          mismatches.push(`${account.name} ${what}: org ${expected.join(',')} / built ${actual.join(',')}`);
        }
      }
    }
    expect(mismatches).toEqual([]);
  });
});
