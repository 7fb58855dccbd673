/** The rows of a new handover from a hand-built book (pure: no org). */
import { buildHandover } from '../../../src/core/build/index.js';
import {
  contactNoteDrafts,
  itemDrafts,
  MANUAL_TEMPLATES,
  ownedRecords,
  riskText,
  stateOf,
} from '../../../src/salesforce/service/draft.js';
import { A1, A2, book, C1, CT, D, DOC, E1, E2, F, K1, K2, LEAD, O1, O2, O3, S1, S2, T1, T2 } from './book.js';

describe('the owned records of a book', () => {
  it('lists every record the departing user owns once, and which of them move', () => {
    const records = ownedRecords(book());
    const moves = Object.fromEntries(records.map((r) => [r.recordId, r.moves]));
    expect(records.map((r) => r.objectType).sort()).toEqual(
      [
        'Account',
        'Account',
        'Contact',
        'ContentDocument',
        'Contract',
        'Event',
        'Event',
        'Lead',
        'Opportunity',
        'Opportunity',
        'Opportunity',
        'Case',
        'Case',
        'Task',
        'Task',
      ].sort(),
    );
    expect(moves).toEqual({
      [A1]: true,
      [A2]: true,
      [C1]: true,
      [O1]: true,
      [O2]: false, // won: history and credit stay
      [O3]: true,
      [K1]: true,
      [K2]: false, // closed
      [T1]: true,
      [T2]: false, // completed
      [E1]: true,
      [E2]: false, // past
      [CT]: true,
      [DOC]: true,
      [LEAD]: true,
    });
    expect(records.find((r) => r.recordId === DOC)?.accountId).toBe(A1); // through the deal it is linked to
    expect(records.find((r) => r.recordId === O3)?.accountId).toBe(F);
    expect(records.find((r) => r.recordId === LEAD)?.accountId).toBeNull();
  });
});

describe('the items of a new handover', () => {
  const snapshot = book();
  const build = buildHandover(snapshot);
  const records = ownedRecords(snapshot);
  const successorOf = new Map(records.map((r) => [r.recordId, r.accountId === A2 ? S2 : S1]));
  const items = itemDrafts(build, {
    records,
    successorOf,
    departingId: D,
    accessLines: [{ objectType: 'PermissionSet', recordId: '0PS000000000001AAA', name: 'Quote Approver' }],
  });
  const byRecord = (id: string) => items.find((i) => i.recordId === id);

  it('categorises each record from what the build found', () => {
    expect(byRecord(O1)).toMatchObject({
      category: 'Open_Opportunity',
      priority: 'High',
      state: 'Open',
      nextStep: 'Send quote',
      transferStatus: 'Pending',
    });
    expect(byRecord(O1)?.riskNotes).toContain('Close date passed');
    expect(byRecord(O2)).toMatchObject({
      category: 'Record',
      state: 'Done',
      priority: null,
      transferStatus: 'Not_Planned',
    });
    expect(byRecord(K1)).toMatchObject({
      category: 'Complaint',
      priority: 'High',
      state: 'In_Progress',
      transferStatus: 'Pending',
    });
    expect(byRecord(K1)?.riskNotes).toContain('escalated');
    expect(byRecord(K2)).toMatchObject({ category: 'Record', transferStatus: 'Not_Planned' });
    expect(byRecord(T1)).toMatchObject({
      category: 'Pending_Item',
      priority: 'High',
      state: 'Waiting',
      transferStatus: 'Pending',
    });
    expect(byRecord(T2)?.transferStatus).toBe('Not_Planned');
    expect(byRecord(E1)).toMatchObject({ category: 'Pending_Item', transferStatus: 'Pending' });
    expect(byRecord(E2)?.transferStatus).toBe('Not_Planned');
    expect(byRecord(CT)).toMatchObject({ category: 'Contract_Renewal', priority: 'High', transferStatus: 'Pending' });
    // Key accounts' records come first: both accounts of this small book are in the top 20.
    expect(byRecord(A1)).toMatchObject({ category: 'Record', priority: 'High' });
    expect(byRecord(A2)).toMatchObject({ category: 'Record', priority: 'High' });
    expect(byRecord(C1)).toMatchObject({ category: 'Record', priority: null, transferStatus: 'Pending' });
    expect(byRecord(LEAD)).toMatchObject({
      category: 'Record',
      objectType: 'Lead',
      transferStatus: 'Pending',
      accountId: null,
    });
  });

  it('names the successor, the previous owner and the account of each record', () => {
    expect(byRecord(K1)).toMatchObject({
      successorId: S2,
      previousOwnerId: D,
      accountId: A2,
      confirmedByDeparting: false,
    });
    expect(byRecord(O1)).toMatchObject({ successorId: S1, accountId: A1, recordName: 'Deal ' + O1 });
  });

  it('adds the module D templates and the access found in the org, none of which moves', () => {
    const manual = items.filter((i) => i.recordId === undefined || i.objectType === 'PermissionSet');
    expect(manual).toHaveLength(MANUAL_TEMPLATES.length + 1);
    expect(manual.every((i) => i.transferStatus === 'Not_Planned' && i.previousOwnerId === D)).toBe(true);
    expect(items.find((i) => i.objectType === 'PermissionSet')).toMatchObject({
      category: 'System_Access',
      recordName: 'Permission set Quote Approver: hand over or revoke',
    });
    expect(items).toHaveLength(records.length + MANUAL_TEMPLATES.length + 1);
  });

  it('prepares relationship-map notes for the key accounts, keeping only valid picklist values', () => {
    const notes = contactNoteDrafts(build.accounts);
    expect(notes.map((n) => n.accountId)).toEqual(notes.map(() => A1));
    const ceo = notes.find((n) => n.contactId === C1);
    // The rep's stance is kept; "Fax" is no channel the org knows; the CRM role names the decision role.
    expect(ceo).toMatchObject({
      stance: 'Champion',
      preferredChannel: null,
      decisionRole: 'Economic_Buyer',
      confirmedByDeparting: false,
    });
  });
});

describe('texts', () => {
  it('spells risks and states', () => {
    expect(
      riskText({
        opportunityId: O1,
        accountId: A1,
        name: 'x',
        stage: 'Proposal',
        amount: null,
        closeDate: null,
        nextStep: null,
        risks: ['single_threaded', 'competitor_named'],
        competitor: '华为',
      }),
    ).toBe('Single-threaded (one contact); Competitor: 华为');
    expect(stateOf('Waiting on someone else')).toBe('Waiting');
    expect(stateOf('In Progress')).toBe('In_Progress');
    expect(stateOf('处理中')).toBe('In_Progress');
    expect(stateOf(null)).toBe('Open');
  });
});
