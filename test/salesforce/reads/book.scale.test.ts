import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type jsforce from 'jsforce';
import { buildHandover } from '../../../src/core/build/index.js';
import type { CrmSnapshot } from '../../../src/core/model.js';
import { readBookOfBusiness, resolveUser, type ReadStats } from '../../../src/salesforce/reads/index.js';
import { startTestOrg, stopTestOrg, type TestOrg } from '../../helpers/localOrg.js';

/** The departing rep owns every account; a few children belong to colleagues (the scale seed's mess). */
const ACCOUNTS = 2_500;

let org: TestOrg | undefined;
let conn: jsforce.Connection;
let departingId: string;
let snapshot: CrmSnapshot;
let stats: ReadStats;
let serverCalls: number;

beforeAll(async () => {
  org = await startTestOrg({ seed: `scale:${ACCOUNTS}:1` });
  conn = await org.login();
  departingId = (await resolveUser(conn, 'departing@handover.local'))!.Id;
  const before = org.usage.used();
  ({ snapshot, stats } = await readBookOfBusiness(conn, departingId));
  serverCalls = org.usage.used() - before;
});

afterAll(async () => {
  await stopTestOrg(org);
});

describe(`readBookOfBusiness on a scale org (${ACCOUNTS} accounts)`, () => {
  it('reads every owned record and every record on the owned accounts', async () => {
    const me = `'${departingId}'`;
    const byObject = {
      Account: snapshot.accounts,
      Contact: snapshot.contacts,
      Opportunity: snapshot.opportunities,
      Case: snapshot.cases,
      Task: snapshot.activities.filter((a) => a.kind === 'Task'),
      Event: snapshot.activities.filter((a) => a.kind === 'Event'),
    };
    for (const [object, rows] of Object.entries(byObject)) {
      const where = object === 'Account' ? `OwnerId = ${me}` : `OwnerId = ${me} OR Account.OwnerId = ${me}`;
      const all = (await conn.query(`SELECT COUNT() FROM ${object} WHERE ${where}`)).totalSize;
      const owned = (await conn.query(`SELECT COUNT() FROM ${object} WHERE OwnerId = ${me}`)).totalSize;
      expect({ object, rows: rows.length, owned: rows.filter((r) => r.OwnerId === departingId).length }).toEqual({
        object,
        rows: all,
        owned,
      });
    }
    expect(snapshot.contacts.some((c) => c.OwnerId !== departingId)).toBe(true);
    expect(buildHandover(snapshot).accounts).toHaveLength(ACCOUNTS);
  });

  it('needs no more calls than the pages of its rows plus 10, and 20 times fewer than one per account', () => {
    expect(stats.apiCalls).toBe(serverCalls);
    const lowerBound = Object.values(stats.rowsPerObject).reduce((sum, rows) => sum + Math.ceil(rows / 2000), 0);
    expect(stats.apiCalls).toBeLessThanOrEqual(lowerBound + 10);
    expect(stats.apiCalls * 20).toBeLessThanOrEqual(ACCOUNTS);
  });
});
