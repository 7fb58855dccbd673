/**
 * The handover lifecycle end to end against a local org with the demo seed: the manager starts a
 * handover for departing@ split evenly among three successors, the departing rep completes and signs,
 * an edit makes the signature stale, the successors ask, review and sign, the manager approves, and the
 * audit log verifies throughout.
 */
import type jsforce from 'jsforce';
import { addBusinessDays, addCalendarMonths } from '../../../src/core/businessDays.js';
import { chinaCalendar } from '../../../src/core/calendars/china.js';
import { COUNTED_OBJECTS } from '../../../src/core/build/index.js';
import { orgCalendarInfo } from '../../../src/salesforce/reads/index.js';
import {
  addChecklistItem,
  addNote,
  answer,
  approve,
  ask,
  confirmItems,
  getAccountHandover,
  getHandover,
  listHandovers,
  markReviewed,
  sign,
  startHandover,
  upsertContactNote,
  verifyHandoverLog,
  type StartResult,
} from '../../../src/salesforce/service/index.js';
import { loadHandover, parseSummary, type Handover } from '../../../src/salesforce/store/index.js';
import { stopTestOrg, type TestOrg } from '../../helpers/localOrg.js';
import {
  asOrg,
  businessDaysFromToday,
  handoverRowCounts,
  refusal,
  startHandoverOrg,
  USERS,
  userId,
} from './helpers.js';

const MANUAL_TYPES = new Set(['Manual', 'PermissionSet', 'Queue', 'Group']);

describe('handover lifecycle (local org, demo seed)', () => {
  let org: TestOrg;
  let admin: jsforce.Connection;
  let manager: jsforce.Connection;
  let departing: jsforce.Connection;
  let successors: jsforce.Connection[];
  let ids: Record<keyof typeof USERS, string>;
  let lastWorkingDay: string;
  let today: string;
  let started: StartResult;
  let handover: Handover;

  beforeAll(async () => {
    org = await startHandoverOrg();
    admin = await org.login();
    [manager, departing, ...successors] = (await Promise.all(
      [USERS.manager, USERS.departing, USERS.successor1, USERS.successor2, USERS.successor3].map((u) => org.login(u)),
    )) as [jsforce.Connection, jsforce.Connection, ...jsforce.Connection[]];
    const entries = await Promise.all(
      Object.entries(USERS).map(async ([k, u]) => [k, await userId(admin, u)] as const),
    );
    ids = Object.fromEntries(entries) as Record<keyof typeof USERS, string>;
    ({ today, day: lastWorkingDay } = await businessDaysFromToday(admin, 10));
  });
  afterAll(() => stopTestOrg(org));

  const reload = async (): Promise<Handover> => (handover = await loadHandover(asOrg(admin), started.handoverId));
  const successor = (i: number): jsforce.Connection => {
    const conn = successors[i];
    if (conn === undefined) throw new Error(`no successor ${i}`);
    return conn;
  };

  describe('the manager starts it', () => {
    beforeAll(async () => {
      const phases: string[] = [];
      started = await startHandover(asOrg(manager), {
        departing: USERS.departing,
        successors: [USERS.successor1, USERS.successor2, USERS.successor3],
        split: { kind: 'even' },
        lastWorkingDay,
        reason: 'Resignation',
        onProgress: (p) => phases.push(p.phase),
      });
      expect(phases[0]).toBe('checking');
      expect(phases.at(-1)).toBe('done');
      await reload();
    });

    it('has one item per record the departing user owns, checked against independent COUNT queries', async () => {
      const records = handover.items.filter((i) => !MANUAL_TYPES.has(i.objectType ?? ''));
      const perType = new Map<string, number>();
      for (const i of records) perType.set(i.objectType ?? '', (perType.get(i.objectType ?? '') ?? 0) + 1);
      const types = new Set([...COUNTED_OBJECTS, ...perType.keys()]);
      for (const type of types) {
        const owned = (await admin.query(`SELECT COUNT() FROM ${type} WHERE OwnerId = '${ids.departing}'`)).totalSize;
        expect({ type, items: perType.get(type) ?? 0 }).toEqual({ type, items: owned });
        expect(started.counts[type] ?? 0).toBe(owned);
      }
      expect(perType.get('Account')).toBeGreaterThan(100);
      // Each record once.
      expect(new Set(records.map((r) => r.recordId)).size).toBe(records.length);
    });

    it('moves open work to a successor and leaves history with the departing user', async () => {
      const successorIds = [ids.successor1, ids.successor2, ids.successor3];
      const records = handover.items.filter((i) => !MANUAL_TYPES.has(i.objectType ?? ''));
      for (const item of records) {
        expect(successorIds).toContain(item.successorId);
        expect(item.previousOwnerId).toBe(ids.departing);
      }
      const closedOpps = (
        await admin.query(`SELECT COUNT() FROM Opportunity WHERE OwnerId = '${ids.departing}' AND IsClosed = true`)
      ).totalSize;
      const stay = records.filter((i) => i.objectType === 'Opportunity' && i.transferStatus === 'Not_Planned');
      expect(stay).toHaveLength(closedOpps);
      const openOpps = records.filter((i) => i.category === 'Open_Opportunity');
      expect(openOpps.length).toBeGreaterThan(0);
      expect(openOpps.every((i) => i.transferStatus === 'Pending')).toBe(true);
      const openCases = (
        await admin.query(`SELECT COUNT() FROM Case WHERE OwnerId = '${ids.departing}' AND IsClosed = false`)
      ).totalSize;
      expect(records.filter((i) => i.category === 'Complaint')).toHaveLength(openCases);
      expect(records.filter((i) => i.category === 'Contract_Renewal').length).toBeGreaterThan(0);
      expect(records.some((i) => i.riskNotes !== null && i.category === 'Open_Opportunity')).toBe(true);
      // Every successor got a share, and the shares add up.
      expect(started.successors.map((s) => s.itemCount).every((n) => n > 0)).toBe(true);
      expect(started.successors.reduce((sum, s) => sum + s.accountCount, 0)).toBeGreaterThanOrEqual(
        records.filter((i) => i.objectType === 'Account').length,
      );
    });

    it('adds the module D lines, including the access the departing rep holds', () => {
      const manual = handover.items.filter((i) =>
        ['Cross_Department', 'System_Access', 'Team_Routine'].includes(i.category),
      );
      expect(new Set(manual.map((i) => i.category))).toEqual(
        new Set(['Cross_Department', 'System_Access', 'Team_Routine']),
      );
      expect(manual.every((i) => i.transferStatus === 'Not_Planned' && !i.confirmedByDeparting)).toBe(true);
      expect(manual.some((i) => i.objectType === 'PermissionSet')).toBe(true);
      expect(manual.some((i) => i.objectType === 'Queue')).toBe(true);
    });

    it('writes the header: draft, parties, completeness, deadlines, hash and summary', async () => {
      const h = handover.header;
      const departingRow = await admin.query<{ ManagerId: string }>(
        `SELECT ManagerId FROM User WHERE Id = '${ids.departing}'`,
      );
      expect(h.status).toBe('Draft');
      expect(h.managerId).toBe(departingRow.records[0]?.ManagerId);
      expect(h.managerId).toBe(ids.manager);
      expect(h.departingUserId).toBe(ids.departing);
      expect(h.successorIds).toEqual([ids.successor1, ids.successor2, ids.successor3]);
      expect(h.contentHash).toBe(started.contentHash);
      expect(h.completeness).toBe(started.completeness.score);
      expect(h.gapCount).toBe(started.completeness.gaps.length);
      expect(started.completeness.score).toBeGreaterThan(0);
      expect(started.keyAccounts.length).toBeGreaterThan(0);
      expect(started.keyAccounts.every((k) => k.name.length > 0 && k.reasons.length > 0)).toBe(true);

      const info = await orgCalendarInfo(asOrg(admin));
      const cal = chinaCalendar(info.timeZone, info.holidays);
      expect(h.reviewDue).toBe(addBusinessDays(cal, today, 3));
      expect(h.transitionEnd).toBe(addBusinessDays(cal, addCalendarMonths(lastWorkingDay, 1), 0));
      expect(started.deadlines.businessDaysUntilLastDay).toBe(10);
      expect(started.deadlines.startWarning).toBe('none');
      expect(started.warnings.map((w) => w.code)).not.toContain('late');
      // The org answers every access question (profiles, permission sets, object permissions).
      expect(started.warnings.map((w) => w.code)).not.toContain('access_partially_checked');

      const summary = parseSummary(JSON.stringify(h.summary));
      expect(summary?.keyAccounts.map((k) => k.id)).toEqual(started.keyAccounts.map((k) => k.id));
      expect(summary?.counts.Account).toBe(started.counts.Account);
      expect(summary?.successors.map((s) => s.successorId)).toEqual(h.successorIds);
    });

    it('writes empty relationship-map notes for the key accounts', () => {
      expect(handover.contactNotes.length).toBe(started.contactNoteCount);
      expect(handover.contactNotes.length).toBeGreaterThan(0);
      const keyIds = new Set(started.keyAccounts.map((k) => k.id));
      expect(handover.contactNotes.every((n) => n.accountId !== null && keyIds.has(n.accountId))).toBe(true);
      expect(handover.contactNotes.every((n) => !n.confirmedByDeparting)).toBe(true);
    });

    it('logs handover.created and the log verifies', async () => {
      expect(handover.events.map((e) => e.action)).toEqual(['handover.created']);
      expect(handover.events[0]?.actorId).toBe(ids.manager);
      expect(handover.events[0]?.contentHash).toBe(started.contentHash);
      expect(await verifyHandoverLog(asOrg(manager), { handoverId: started.handoverId })).toMatchObject({
        ok: true,
        eventCount: 1,
      });
    });

    it('is listed for the parties', async () => {
      const list = await listHandovers(asOrg(manager), { departingUserId: ids.departing, status: 'Draft' });
      expect(list.map((h) => h.id)).toContain(started.handoverId);
    });
  });

  describe('the departing rep completes and signs', () => {
    it('refuses a successor signing before the departing rep', async () => {
      const error = await refusal(sign(asOrg(successor(0)), { handoverId: started.handoverId }));
      expect(error.code).toBe('DEPARTING_SIGNATURE_REQUIRED');
      expect(error.actions.length).toBeGreaterThan(0);
    });

    it('refuses the departing rep signing before every item is confirmed', async () => {
      const error = await refusal(sign(asOrg(departing), { handoverId: started.handoverId }));
      expect(error.code).toBe('UNCONFIRMED_ITEMS');
      expect((error.data.unconfirmedItemIds as string[]).length).toBe(handover.items.length);
    });

    it('takes notes, risks and next steps on an open deal, found by its record Id', async () => {
      const deal = handover.items.find((i) => i.category === 'Open_Opportunity' && i.recordId !== null);
      const result = await addNote(asOrg(departing), {
        handoverId: started.handoverId,
        recordId: deal?.recordId ?? '',
        notes: '客户A：总部预算冻结，Q3 重新接触，先发行业案例。',
        riskNotes: 'Budget frozen at HQ',
        nextStep: 'Send an industry reference first',
        confirm: true,
      });
      expect(result.changed).toBe(true);
      expect(result.contentHash).not.toBe(started.contentHash);
      const item = (await reload()).items.find((i) => i.id === deal?.id);
      expect(item).toMatchObject({ riskNotes: 'Budget frozen at HQ', confirmedByDeparting: true });
      expect(handover.header.contentHash).toBe(result.contentHash);
    });

    it('writes a relationship-map note and a module D line', async () => {
      const note = handover.contactNotes[0];
      await upsertContactNote(asOrg(departing), {
        handoverId: started.handoverId,
        contactId: note?.contactId ?? '',
        stance: 'Supporter',
        caresAbout: 'price/performance',
        preferredChannel: 'WeChat',
        confirm: true,
      });
      const line = await addChecklistItem(asOrg(departing), {
        handoverId: started.handoverId,
        section: 'cross_department',
        text: 'Joint trade-show booth with marketing in October',
        counterpart: 'Marketing: 赵敏',
      });
      expect(line.insertedItemIds).toHaveLength(1);
      const added = (await reload()).items.find((i) => i.id === line.insertedItemIds[0]);
      expect(added).toMatchObject({
        category: 'Cross_Department',
        confirmedByDeparting: true,
        counterpart: 'Marketing: 赵敏',
      });
      expect(handover.contactNotes.find((n) => n.id === note?.id)).toMatchObject({
        stance: 'Supporter',
        confirmedByDeparting: true,
        // Written when the handover was built, kept for successors who cannot open the contact yet.
        contactName: expect.any(String),
      });
    });

    it('adds a person to the map with the name, title and account the org gives them', async () => {
      const noted = new Set(handover.contactNotes.map((n) => n.contactId));
      const [contact] = (
        await admin.query<{ Id: string; Name: string; Title: string | null; AccountId: string }>(
          `SELECT Id, Name, Title, AccountId FROM Contact WHERE Owner.Username = '${USERS.departing}' AND AccountId != null ORDER BY Name LIMIT 200`,
        )
      ).records.filter((c) => !noted.has(c.Id));
      const result = await upsertContactNote(asOrg(departing), {
        handoverId: started.handoverId,
        contactId: contact?.Id ?? '',
        decisionRole: 'Influencer',
        stance: 'Skeptic',
      });
      expect(result.insertedContactNoteIds).toHaveLength(1);
      expect((await reload()).contactNotes.find((n) => n.id === result.insertedContactNoteIds[0])).toMatchObject({
        contactId: contact?.Id,
        contactName: contact?.Name,
        contactTitle: contact?.Title ?? null,
        accountId: contact?.AccountId,
        stance: 'Skeptic',
      });
      const unknown = await refusal(
        upsertContactNote(asOrg(departing), { handoverId: started.handoverId, contactId: '003000000000000AAA' }),
      );
      expect(unknown.code).toBe('CONTACT_NOT_FOUND');
    });

    it('does not let the manager confirm in the rep’s place', async () => {
      const item = handover.items.find((i) => !i.confirmedByDeparting);
      const error = await refusal(
        addNote(asOrg(manager), { handoverId: started.handoverId, itemId: item?.id ?? '', confirm: true }),
      );
      expect(error.code).toBe('ROLE_NOT_ALLOWED');
    });

    it('confirms the checklist item by item and signs the current hash', async () => {
      const open = handover.items.filter((i) => !i.confirmedByDeparting).map((i) => i.id);
      const confirmed = await confirmItems(asOrg(departing), { handoverId: started.handoverId, itemIds: open });
      expect(confirmed.unconfirmedItemCount).toBe(0);
      const signed = await sign(asOrg(departing), { handoverId: started.handoverId, comment: '交接完毕' });
      expect(signed).toMatchObject({
        status: 'Signed_By_Departing',
        role: 'departing',
        contentHash: confirmed.contentHash,
      });
      expect(signed.missingSuccessors).toEqual([ids.successor1, ids.successor2, ids.successor3]);
      await reload();
      expect(handover.signatures).toEqual([
        expect.objectContaining({
          signerId: ids.departing,
          role: 'Departing',
          contentHash: confirmed.contentHash,
          comment: '交接完毕',
        }),
      ]);
      expect(handover.header.status).toBe('Signed_By_Departing');
    });

    it('refuses signing twice', async () => {
      expect((await refusal(sign(asOrg(departing), { handoverId: started.handoverId }))).code).toBe('ALREADY_SIGNED');
    });
  });

  describe('an edit after signing', () => {
    let signedHash: string;

    it('makes the departing signature stale and the handover a draft again', async () => {
      signedHash = handover.header.contentHash ?? '';
      const item = handover.items.find((i) => i.category === 'Complaint');
      const edit = await addNote(asOrg(manager), {
        handoverId: started.handoverId,
        itemId: item?.id ?? '',
        nextStep: 'Call the customer before Friday',
      });
      expect(edit).toMatchObject({
        changed: true,
        status: 'Draft',
        previousStatus: 'Signed_By_Departing',
        staleSigners: [ids.departing],
      });
      const view = await getHandover(asOrg(departing), { handoverId: started.handoverId });
      expect(view.staleSignatures.map((s) => s.signerId)).toEqual([ids.departing]);
      expect(view.validSignatures).toEqual([]);
      expect(view.allowedActions).toContain('sign');
      expect(view.handover.events.slice(-2).map((e) => e.action)).toEqual([
        'handover.edited',
        'handover.signatures_stale',
      ]);
      expect(view.log.ok).toBe(true);
    });

    it('refuses a signature over the old content, then takes one over the new', async () => {
      const stale = await refusal(sign(asOrg(departing), { handoverId: started.handoverId, contentHash: signedHash }));
      expect(stale.code).toBe('STALE_CONTENT');
      const view = await getHandover(asOrg(departing), { handoverId: started.handoverId });
      const signed = await sign(asOrg(departing), { handoverId: started.handoverId, contentHash: view.contentHash });
      expect(signed.status).toBe('Signed_By_Departing');
      expect(signed.contentHash).not.toBe(signedHash);
      expect((await reload()).signatures).toHaveLength(2);
    });
  });

  describe('the successors review, ask and sign', () => {
    it('lets a successor ask and the departing rep answer, without touching the signed content', async () => {
      const before = handover.header.contentHash;
      const account = handover.items.find((i) => i.objectType === 'Account' && i.successorId === ids.successor1);
      const asked = await ask(asOrg(successor(0)), {
        handoverId: started.handoverId,
        question: 'Who signs the purchase orders at this customer?',
        recordId: account?.recordId ?? undefined,
      });
      const answered = await answer(asOrg(departing), {
        handoverId: started.handoverId,
        itemId: asked.itemId,
        answer: '采购总监李先生；技术经理王先生只看稳定性。',
      });
      expect(answered.itemId).toBe(asked.itemId);
      const question = (await reload()).items.find((i) => i.id === asked.itemId);
      expect(question).toMatchObject({
        category: 'Question',
        askedById: ids.successor1,
        accountId: account?.accountId,
        state: 'Done',
        answer: '采购总监李先生；技术经理王先生只看稳定性。',
      });
      expect(question?.answeredAt).not.toBeNull();
      expect(handover.header.status).toBe('Signed_By_Departing');
      const view = await getHandover(asOrg(manager), { handoverId: started.handoverId });
      expect(view.contentHash).toBe(before);
      expect(view.validSignatures).toHaveLength(1);
    });

    it('refuses a successor changing the checklist or answering', async () => {
      const item = handover.items.find((i) => i.category === 'Record');
      const edit = await refusal(
        addNote(asOrg(successor(1)), { handoverId: started.handoverId, itemId: item?.id ?? '', notes: 'x' }),
      );
      expect(edit.code).toBe('ROLE_NOT_ALLOWED');
      const question = handover.items.find((i) => i.category === 'Question');
      const reply = await refusal(
        answer(asOrg(successor(1)), { handoverId: started.handoverId, itemId: question?.id ?? '', answer: 'x' }),
      );
      expect(reply.code).toBe('ROLE_NOT_ALLOWED');
    });

    it('shows a successor one account: its items, the question about it, its relationship map', async () => {
      const question = handover.items.find((i) => i.category === 'Question' && i.askedById === ids.successor1);
      const accountId = question?.accountId ?? '';
      const view = await getAccountHandover(asOrg(successor(0)), { handoverId: started.handoverId, accountId });
      expect(view.role).toBe('successor');
      expect(view.successorId).toBe(ids.successor1);
      expect(view.items.find((i) => i.objectType === 'Account')?.recordId).toBe(accountId);
      expect(view.items.length).toBeGreaterThan(1);
      expect(view.items.every((i) => i.accountId === accountId || i.recordId === accountId)).toBe(true);
      expect(view.questions.map((q) => q.id)).toEqual([question?.id]);
      expect(view.reviewed).toEqual({ done: 0, total: view.items.length });
      // A key account has its relationship map: one person per contact note, named by the org.
      const noted = handover.contactNotes[0]?.accountId ?? '';
      const key = await getAccountHandover(asOrg(successor(0)), { handoverId: started.handoverId, accountId: noted });
      const notes = handover.contactNotes.filter((n) => n.accountId === noted);
      expect(key.map?.people.map((p) => p.contactId).sort()).toEqual(notes.map((n) => n.contactId).sort());
      expect(key.map?.people.every((p) => p.name !== p.contactId)).toBe(true);
      const missing = await refusal(
        getAccountHandover(asOrg(successor(0)), { handoverId: started.handoverId, accountId: ids.successor1 }),
      );
      expect(missing.code).toBe('ACCOUNT_NOT_FOUND');
    });

    it('lets a successor mark items reviewed', async () => {
      const mine = handover.items.filter((i) => i.successorId === ids.successor2).map((i) => i.id);
      const result = await markReviewed(asOrg(successor(1)), { handoverId: started.handoverId, itemIds: mine });
      expect(result.itemIds).toHaveLength(mine.length);
      expect((await reload()).items.filter((i) => i.reviewedBySuccessor)).toHaveLength(mine.length);
      expect(handover.events.at(-1)?.action).toBe('handover.items_reviewed');
    });

    it('lets a successor review their own items of one account, or all of them, and take the mark back', async () => {
      const own = handover.items.filter((i) => i.successorId === ids.successor1);
      const accountId = own.find((i) => i.objectType === 'Account')?.recordId ?? '';
      const ofAccount = own.filter((i) => i.accountId === accountId || i.recordId === accountId);
      const org = asOrg(successor(0));
      const byAccount = await markReviewed(org, { handoverId: started.handoverId, accountId });
      expect(byAccount.itemIds.sort()).toEqual(ofAccount.map((i) => i.id).sort());
      const rest = await markReviewed(org, { handoverId: started.handoverId, all: true });
      expect(rest.itemIds).toHaveLength(own.length - ofAccount.length);
      const undone = await markReviewed(org, { handoverId: started.handoverId, all: true, reviewed: false });
      expect(undone.itemIds).toHaveLength(own.length);
      expect((await reload()).items.filter((i) => i.successorId === ids.successor1 && i.reviewedBySuccessor)).toEqual(
        [],
      );
      const seen = await getHandover(org, { handoverId: started.handoverId });
      expect(seen.yourReview).toEqual({ assigned: own.length, reviewed: 0 });
      // Another successor's account leaves this successor nothing to review.
      const theirs = handover.items.find((i) => i.successorId === ids.successor2 && i.objectType === 'Account');
      const none = await refusal(
        markReviewed(org, { handoverId: started.handoverId, accountId: theirs?.recordId ?? '' }),
      );
      expect(none.code).toBe('ITEM_NOT_FOUND');
      const both = await refusal(
        markReviewed(org, { handoverId: started.handoverId, all: true, itemIds: [own[0]!.id] }),
      );
      expect(both.code).toBe('INVALID_INPUT');
    });

    it('collects each successor’s signature', async () => {
      const statuses: string[] = [];
      for (const i of [0, 1, 2])
        statuses.push((await sign(asOrg(successor(i)), { handoverId: started.handoverId })).status);
      expect(statuses).toEqual(['Signed_By_Departing', 'Signed_By_Departing', 'Signed_By_Successors']);
    });
  });

  describe('the manager approves', () => {
    it('refuses approval by anyone else', async () => {
      expect((await refusal(approve(asOrg(successor(0)), { handoverId: started.handoverId }))).code).toBe(
        'ROLE_NOT_ALLOWED',
      );
    });

    it('approves with a manager signature over the current hash', async () => {
      const view = await getHandover(asOrg(manager), { handoverId: started.handoverId });
      expect(view.allowedActions).toContain('approve');
      const approved = await approve(asOrg(manager), { handoverId: started.handoverId, contentHash: view.contentHash });
      expect(approved).toMatchObject({
        status: 'Approved',
        action: 'handover.approved',
        contentHash: view.contentHash,
      });
      expect(approved.unconfirmedItemIds).toEqual([]);
      await reload();
      expect(handover.header.status).toBe('Approved');
      expect(handover.header.approvedAt).not.toBeNull();
      expect(handover.signatures.filter((s) => s.role === 'Manager')).toHaveLength(1);
    });

    it('freezes the content after approval, but questions go on', async () => {
      const item = handover.items.find((i) => i.category === 'Record');
      const edit = await refusal(
        addNote(asOrg(departing), { handoverId: started.handoverId, itemId: item?.id ?? '', notes: 'late' }),
      );
      expect(edit.code).toBe('WRONG_STATE');
      await ask(asOrg(successor(2)), { handoverId: started.handoverId, question: 'Any open promise on pricing?' });
      expect((await reload()).header.status).toBe('Approved');
    });

    it('has an audit log that verifies, event after event', async () => {
      const log = await verifyHandoverLog(asOrg(successor(2)), { handoverId: started.handoverId });
      expect(log.problems).toEqual([]);
      expect(handover.events.map((e) => e.action)).toEqual([
        'handover.created',
        'handover.edited',
        'handover.edited',
        'handover.edited',
        'handover.edited',
        'handover.edited',
        'handover.signed',
        'handover.edited',
        'handover.signatures_stale',
        'handover.signed',
        'handover.qa_posted',
        'handover.qa_posted',
        'handover.items_reviewed',
        'handover.items_reviewed',
        'handover.items_reviewed',
        'handover.items_unreviewed',
        'handover.signed',
        'handover.signed',
        'handover.signed',
        'handover.approved',
        'handover.qa_posted',
      ]);
      expect(handover.events.at(-1)?.eventHash).toBe(log.headHash);
    });
  });

  describe('someone who is not a party', () => {
    it('is refused before anything is written, whether or not they can see the handover', async () => {
      // The director is above the manager in the role hierarchy: they see the handover, but are no party.
      const director = asOrg(await org.login(USERS.director));
      const lina = asOrg(await org.login(USERS.lina));
      const before = await handoverRowCounts(admin);
      const calls = (conn: typeof lina) => [
        () => getHandover(conn, { handoverId: started.handoverId }),
        () => ask(conn, { handoverId: started.handoverId, question: 'Can I have this account?' }),
        () => sign(conn, { handoverId: started.handoverId }),
        () => approve(conn, { handoverId: started.handoverId }),
      ];
      for (const call of calls(director)) expect((await refusal(call())).code).toBe('NOT_A_PARTY');
      // A colleague of the same team sees nothing of it (Private).
      for (const call of calls(lina)) expect((await refusal(call())).code).toBe('HANDOVER_NOT_FOUND');
      expect(await handoverRowCounts(admin)).toEqual(before);
    });
  });
});
