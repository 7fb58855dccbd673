/**
 * The uncooperative case (rule 6) and the tamper-evident log (rule 7) against a local org: a frozen
 * rep's handover approved on the manager's override with the unconfirmed items kept as such, an
 * inactive rep's handover, and audit events altered or removed by an admin through the API.
 */
import type jsforce from 'jsforce';
import {
  addNote,
  approve,
  declareOverride,
  getHandover,
  sign,
  startHandover,
  verifyHandoverLog,
  type StartResult,
} from '../../../src/salesforce/service/index.js';
import { loadHandover } from '../../../src/salesforce/store/index.js';
import { stopTestOrg, type TestOrg } from '../../helpers/localOrg.js';
import { asOrg, businessDaysFromToday, refusal, startHandoverOrg, USERS, userId } from './helpers.js';

describe('override and tamper evidence (local org, demo seed)', () => {
  let org: TestOrg;
  let admin: jsforce.Connection;
  let manager: jsforce.Connection;
  let lastWorkingDay: string;

  beforeAll(async () => {
    org = await startHandoverOrg();
    admin = await org.login();
    manager = await org.login(USERS.manager);
    ({ day: lastWorkingDay } = await businessDaysFromToday(admin, 6));
  });
  afterAll(() => stopTestOrg(org));

  describe('a frozen rep who does not sign', () => {
    let started: StartResult;
    const reason = 'Rep is on long leave and unreachable; handover produced from CRM data.';

    beforeAll(async () => {
      started = await startHandover(asOrg(manager), {
        departing: USERS.frozen,
        successors: [USERS.successor1, USERS.successor2],
        split: { kind: 'even' },
        lastWorkingDay,
        reason: 'Leave',
      });
    });

    it('starts with a warning that the rep cannot sign', () => {
      expect(started.warnings.map((w) => w.code)).toContain('departing_frozen');
      expect(started.itemCount).toBeGreaterThan(20);
    });

    it('needs a written reason before the successors may sign without the rep', async () => {
      const s1 = asOrg(await org.login(USERS.successor1));
      expect((await refusal(sign(s1, { handoverId: started.handoverId }))).code).toBe('DEPARTING_SIGNATURE_REQUIRED');
      expect((await refusal(approve(asOrg(manager), { handoverId: started.handoverId }))).code).toBe(
        'OVERRIDE_REASON_REQUIRED',
      );
      expect(
        (await refusal(declareOverride(asOrg(manager), { handoverId: started.handoverId, reason: 'away' }))).code,
      ).toBe('OVERRIDE_REASON_REQUIRED');
      const declared = await declareOverride(asOrg(manager), { handoverId: started.handoverId, reason });
      expect(declared).toMatchObject({ action: 'handover.override_declared', status: 'Draft' });
      expect(declared.unconfirmedItemIds).toHaveLength(started.itemCount);
    });

    it('lets the manager complete the content, and the successors sign', async () => {
      const view = await getHandover(asOrg(manager), { handoverId: started.handoverId });
      const deal = view.handover.items.find((i) => i.category === 'Open_Opportunity') ?? view.handover.items[0];
      await addNote(asOrg(manager), {
        handoverId: started.handoverId,
        itemId: deal?.id ?? '',
        notes: 'From the CRM history: renewal talks started in May.',
      });
      const statuses: string[] = [];
      for (const user of [USERS.successor1, USERS.successor2]) {
        statuses.push((await sign(asOrg(await org.login(user)), { handoverId: started.handoverId })).status);
      }
      expect(statuses).toEqual(['Draft', 'Signed_By_Successors']);
    });

    it('approves with the override, and the unconfirmed items stay marked', async () => {
      const approved = await approve(asOrg(manager), { handoverId: started.handoverId });
      expect(approved).toMatchObject({ status: 'Approved', action: 'handover.approved_with_override' });
      const handover = await loadHandover(asOrg(admin), started.handoverId);
      expect(handover.header.overrideReason).toBe(reason);
      const checklist = handover.items.filter((i) => i.category !== 'Question');
      expect(checklist.every((i) => !i.confirmedByDeparting)).toBe(true);
      expect(approved.unconfirmedItemIds).toHaveLength(checklist.length);
      const event = handover.events.at(-1);
      expect(event?.action).toBe('handover.approved_with_override');
      expect(JSON.parse(event?.details ?? '{}')).toMatchObject({
        departingSigned: false,
        unconfirmedItemCount: checklist.length,
        reason,
      });
      expect(handover.signatures.map((s) => s.role).sort()).toEqual(['Manager', 'Successor', 'Successor']);
    });

    it('detects an event altered through the API', async () => {
      const log = await verifyHandoverLog(asOrg(manager), { handoverId: started.handoverId });
      expect(log.ok).toBe(true);
      const handover = await loadHandover(asOrg(admin), started.handoverId);
      const override = handover.events.find((e) => e.action === 'handover.override_declared');
      // The admin rewrites history: the override reason becomes something else.
      await admin.sobject('Handover_Event__c').update({
        Id: override?.id ?? '',
        Details__c: (override?.details ?? '').replace('long leave', 'holiday'),
      });
      const tampered = await verifyHandoverLog(asOrg(manager), { handoverId: started.handoverId });
      expect(tampered.ok).toBe(false);
      expect(tampered.problems).toEqual([expect.objectContaining({ code: 'ALTERED', eventId: override?.id })]);
    });
  });

  describe('an inactive rep’s leftover records', () => {
    let started: StartResult;

    beforeAll(async () => {
      started = await startHandover(asOrg(manager), {
        departing: USERS.inactive,
        successors: [USERS.successor3],
        split: { kind: 'single' },
        lastWorkingDay,
        reason: 'Resignation',
      });
    });

    it('may be handed over, with a warning', async () => {
      expect(started.warnings.map((w) => w.code)).toContain('departing_inactive');
      const departingId = await userId(admin, USERS.inactive);
      const owned = (await admin.query(`SELECT COUNT() FROM Account WHERE OwnerId = '${departingId}'`)).totalSize;
      expect(started.counts.Account).toBe(owned);
      expect(owned).toBeGreaterThan(0);
    });

    it('detects a removed event and a change made outside the product', async () => {
      const items = (await loadHandover(asOrg(admin), started.handoverId)).items;
      for (const [i, text] of ['first note', 'second note'].entries()) {
        await addNote(asOrg(manager), { handoverId: started.handoverId, itemId: items[i]?.id ?? '', notes: text });
      }
      expect((await verifyHandoverLog(asOrg(manager), { handoverId: started.handoverId })).ok).toBe(true);
      const events = (await loadHandover(asOrg(admin), started.handoverId)).events;
      expect(events.map((e) => e.action)).toEqual(['handover.created', 'handover.edited', 'handover.edited']);
      await admin.sobject('Handover_Event__c').destroy(events[1]?.id ?? '');
      const cut = await verifyHandoverLog(asOrg(manager), { handoverId: started.handoverId });
      expect(cut.problems.map((p) => p.code)).toEqual(['BROKEN_LINK']);

      // An item edited directly in the org: the log's head no longer carries the content's hash.
      await admin.sobject('Handover_Item__c').update({ Id: items[2]?.id ?? '', Notes__c: 'slipped in' });
      const changed = await verifyHandoverLog(asOrg(manager), { handoverId: started.handoverId });
      expect(changed.problems.map((p) => p.code)).toEqual(['BROKEN_LINK', 'HEAD_CONTENT_MISMATCH']);
      const view = await getHandover(asOrg(manager), { handoverId: started.handoverId });
      expect(view.warnings.map((w) => w.code)).toEqual(['content_changed_outside']);
    });
  });
});
