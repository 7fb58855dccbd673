/** collectExport against a local org with the demo book: what a party gets, and who is refused. */
import type jsforce from 'jsforce';
import { collectExport, renderExport } from '../../../src/salesforce/export/index.js';
import { startHandover } from '../../../src/salesforce/service/index.js';
import { htmlLabels } from '../../../src/commands/handover/export.js';
import { stopTestOrg, type TestOrg } from '../../helpers/localOrg.js';
import { asOrg, businessDaysFromToday, refusal, startHandoverOrg, USERS, userId } from '../service/helpers.js';

describe('collectExport (local org, demo seed)', () => {
  let org: TestOrg;
  let admin: jsforce.Connection;
  let manager: jsforce.Connection;
  let handoverId: string;
  let departingId: string;

  beforeAll(async () => {
    org = await startHandoverOrg();
    admin = await org.login();
    manager = await org.login(USERS.manager);
    const { day } = await businessDaysFromToday(admin, 8);
    departingId = await userId(admin, USERS.departing);
    const started = await startHandover(asOrg(manager), {
      departing: USERS.departing,
      successors: [USERS.successor1, USERS.successor2],
      split: { kind: 'even' },
      lastWorkingDay: day,
      reason: 'Resignation',
    });
    handoverId = started.handoverId;
  }, 120_000);
  afterAll(() => stopTestOrg(org));

  it('gives the manager the handover, a verified chain, the users and the rep’s CRM data', async () => {
    const data = await collectExport(asOrg(manager), { handoverId });
    expect(data.role).toBe('manager');
    expect(data.handover.header.id).toBe(handoverId);
    expect(data.contentHash).toBe(data.handover.header.contentHash);
    expect(data.chain).toMatchObject({ ok: true, eventCount: 1, problems: [] });
    expect(data.users[departingId]).toMatchObject({ username: USERS.departing });
    expect(data.users[data.exportedBy]).toMatchObject({ username: USERS.manager });
    expect(data.crm.accounts.length).toBeGreaterThan(0);
    expect(data.crm.opportunities.length).toBeGreaterThan(0);
    expect(data.crm.contacts.length).toBeGreaterThan(0);
    expect(data.crm.activities.every((a) => !a.IsClosed)).toBe(true);
    // One relationship map per key account with notes, its people named by the org.
    expect(data.maps.length).toBeGreaterThan(0);
    const notedAccounts = new Set(data.handover.contactNotes.map((n) => n.accountId));
    expect(data.maps.length).toBe(notedAccounts.size);
    const people = data.maps.flatMap((m) => m.people);
    expect(people).toHaveLength(data.handover.contactNotes.length);
    expect(people.every((p) => p.name !== p.contactId && p.name.length > 0)).toBe(true);
    expect(data.maps.every((m) => m.accountName !== m.accountId)).toBe(true);
    // Before the reassignment every record of the book is the departing rep's.
    expect(data.crm.accounts.every((a) => a.OwnerId?.slice(0, 15) === departingId.slice(0, 15))).toBe(true);
    const [csvItems] = renderExport(data, 'csv', htmlLabels()).filter((f) => f.name.endsWith('-items.csv'));
    expect(csvItems?.rows).toBe(data.handover.items.length);
  }, 60_000);

  it('refuses a user who is not a party, and an Id of another object', async () => {
    const director = await org.login(USERS.director);
    expect((await refusal(collectExport(asOrg(director), { handoverId }))).code).toBe('NOT_A_PARTY');
    const [account] = (await admin.query<{ Id: string }>('SELECT Id FROM Account LIMIT 1')).records;
    expect((await refusal(collectExport(asOrg(manager), { handoverId: account!.Id }))).code).toBe('WRONG_OBJECT');
    expect((await refusal(collectExport(asOrg(manager), { handoverId: 'nonsense' }))).code).toBe('INVALID_INPUT');
  }, 60_000);
});
