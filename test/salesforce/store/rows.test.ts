/** The mapping between the store's model and the API's rows, and the content hash across a round trip. */
import { computeContentHash } from '../../../src/salesforce/store/content.js';
import { to18 } from '../../../src/salesforce/store/ids.js';
import type { ContactNoteDraft, ItemDraft } from '../../../src/salesforce/store/model.js';
import {
  BLANK_CONTACT_NOTE,
  BLANK_ITEM,
  contactNoteRecord,
  contactNoteSchema,
  headerSchema,
  itemRecord,
  itemSchema,
  toContactNote,
  toHeader,
  toItem,
} from '../../../src/salesforce/store/rows.js';
import { parseSummary, serialiseSummary, type HandoverSummary } from '../../../src/salesforce/store/summary.js';

const HANDOVER = 'a01000000000001AAA';
const header = {
  departingUserId: '005000000000003AAA',
  successorIds: ['005000000000004AAA'],
  lastWorkingDay: '2026-07-01',
  reason: 'Resignation' as const,
};

/** What the API answers for a record written with `record`: blanks as null, 18-character Ids. */
function echo(record: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { attributes: { type: 'x' }, Id: 'a02000000000001AAA', Handover__c: HANDOVER };
  for (const [k, v] of Object.entries(record)) out[k] = v === '' ? null : v;
  return out;
}

describe('rows', () => {
  it('reads a header: ids in 18 characters, instants in UTC ISO, successors split', () => {
    const header = toHeader(
      headerSchema.parse({
        Id: 'a01000000000001',
        Name: 'HO-0001',
        OwnerId: '005000000000002AAA',
        CreatedById: '005000000000002AAA',
        CreatedDate: '2026-06-15T02:00:00.000+0000',
        LastModifiedDate: '2026-06-15T10:30:00.000+0800',
        Departing_User__c: '005000000000003AAA',
        Manager__c: null,
        Status__c: 'Draft',
        Last_Working_Day__c: '2026-07-01',
        Reason__c: 'Transfer',
        Successor_Ids__c: '005000000000004AAA, 005000000000005',
        Completeness__c: 87.5,
        Gap_Count__c: 3,
        Content_Hash__c: '',
        Approved_At__c: null,
        Summary__c: 'not json',
      }),
    );
    expect(header).toMatchObject({
      id: HANDOVER,
      successorIds: ['005000000000004AAA', to18('005000000000005')],
      createdDate: '2026-06-15T02:00:00.000Z',
      lastModifiedDate: '2026-06-15T02:30:00.000Z',
      contentHash: null,
      summary: null,
      reviewDue: null,
    });
  });

  it('refuses a status the product does not know', () => {
    expect(
      headerSchema.safeParse({
        Id: HANDOVER,
        Departing_User__c: '005000000000003AAA',
        Status__c: 'Lost',
        Last_Working_Day__c: '2026-07-01',
      }).success,
    ).toBe(false);
  });

  it('cuts text to the field length without splitting a surrogate pair', () => {
    const record = itemRecord({ nextStep: `${'x'.repeat(254)}😀`, recordName: '', notes: 'ok' });
    expect(record.Next_Step__c).toBe('x'.repeat(254));
    expect(record.Record_Name__c).toBeNull();
    expect(record.Notes__c).toBe('ok');
  });

  it('gives the same content hash for a draft and for its rows read back', () => {
    const items: ItemDraft[] = [
      {
        category: 'Open_Opportunity',
        objectType: 'Opportunity',
        recordId: '006000000000001AAA',
        successorId: '005000000000004AAA',
        priority: 'High',
        dueDate: '2026-07-10',
        state: 'Open',
        riskNotes: 'Close date passed',
        nextStep: '',
        transferStatus: 'Pending',
      },
      { category: 'Team_Routine', objectType: 'Manual', recordName: 'Weekly pipeline review', state: 'Open' },
    ];
    const notes: ContactNoteDraft[] = [{ contactId: '003000000000001AAA', decisionRole: 'Decision_Maker' }];
    const rows = items.map((i) => toItem(itemSchema.parse(echo(itemRecord({ ...BLANK_ITEM, ...i })))));
    const noteRows = notes.map((n) =>
      toContactNote(contactNoteSchema.parse(echo(contactNoteRecord({ ...BLANK_CONTACT_NOTE, ...n })))),
    );
    expect(rows[0]).toMatchObject({ nextStep: null, confirmedByDeparting: false, priority: 'High' });
    expect(computeContentHash(header, rows, noteRows)).toBe(computeContentHash(header, items, notes));
    // A default the org filled in (Priority Medium) would be a different content.
    const defaulted = rows.map((r, i) => (i === 1 ? { ...r, priority: 'Medium' as const } : r));
    expect(computeContentHash(header, defaulted, noteRows)).not.toBe(computeContentHash(header, items, notes));
  });

  it('ignores questions and volatile fields in the content hash', () => {
    const base: ItemDraft[] = [{ category: 'Record', objectType: 'Account', recordId: '001000000000001AAA' }];
    const hash = computeContentHash(header, base, []);
    expect(computeContentHash(header, [...base, { category: 'Question', notes: 'Who decides?' }], [])).toBe(hash);
    expect(
      computeContentHash(
        header,
        [{ ...base[0]!, recordName: 'Renamed', reviewedBySuccessor: true, transferStatus: 'Transferred' }],
        [],
      ),
    ).toBe(hash);
    expect(computeContentHash(header, [{ ...base[0]!, confirmedByDeparting: true }], [])).not.toBe(hash);
  });
});

describe('summary', () => {
  const summary: HandoverSummary = {
    version: 1,
    split: 'even',
    counts: { Account: 2 },
    itemCounts: { Record: 2 },
    keyAccounts: [{ id: '001000000000001AAA', name: 'Acme', reasons: ['strategic'] }],
    completeness: { score: 50, passed: 1, checked: 2 },
    gaps: Array.from({ length: 100 }, (_, i) => ({
      ruleId: 'r',
      severity: 'high' as const,
      recordId: null,
      accountId: null,
      message: `gap ${i} ${'x'.repeat(50)}`,
    })),
    gapsTruncated: false,
    warnings: [],
    successors: [],
    unassignedRecords: 0,
    deadlines: {
      recommendedStartBy: '2026-06-01',
      latestStartBy: '2026-06-03',
      reviewDue: '2026-06-18',
      transitionEnd: '2026-08-03',
      businessDaysUntilLastDay: 9,
      startWarning: 'none',
    },
  };

  it('round-trips, and drops gaps to fit the field', () => {
    expect(parseSummary(serialiseSummary(summary))).toEqual(summary);
    const cut = parseSummary(serialiseSummary(summary, 3000));
    expect(cut?.gapsTruncated).toBe(true);
    expect(cut?.gaps.length).toBeLessThan(100);
    expect(serialiseSummary(summary, 3000).length).toBeLessThanOrEqual(3000);
  });
});
