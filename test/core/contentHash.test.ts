import { createHash } from 'node:crypto';
import {
  canonicalJson,
  contentHash,
  handoverContent,
  handoverContentHash,
  type HandoverContentInput,
} from '../../src/core/contentHash.js';

const item = (
  overrides: Partial<HandoverContentInput['items'][number]> = {},
): HandoverContentInput['items'][number] => ({
  objectType: 'Opportunity',
  recordId: '006000000000001AAA',
  successorId: '005000000000002AAA',
  category: 'Open_Opportunity',
  priority: 'High',
  dueDate: '2026-03-31',
  state: 'Open',
  riskNotes: '预算冻结 at HQ',
  nextStep: 'Re-engage in Q3, send an industry reference first',
  notes: null,
  counterpart: null,
  confirmedByDeparting: true,
  ...overrides,
});

const contact = {
  contactId: '003000000000001AAA',
  decisionRole: 'Decision maker',
  stance: 'supporter',
  caresAbout: '性价比',
  preferredChannel: 'email',
  preferredTimes: null,
  topicsToAvoid: null,
  reportsToId: null,
  notes: '采购总监李: cares about price/performance',
};

const input = (overrides: Partial<HandoverContentInput> = {}): HandoverContentInput => ({
  header: {
    departingId: '005000000000001AAA',
    successorIds: ['005000000000002AAA', '005000000000003AAA'],
    lastWorkingDay: '2026-03-31',
    reason: 'Resignation',
  },
  items: [
    item(),
    item({ objectType: 'Case', recordId: '500000000000001AAA', category: 'Complaint', riskNotes: null }),
    item({
      objectType: 'Task',
      recordId: null,
      category: 'Cross_Department',
      notes: 'Marketing: joint event 🎉',
      counterpart: '王经理',
    }),
  ],
  contactNotes: [contact, { ...contact, contactId: '003000000000002AAA', notes: 'Technical manager Wang: stability' }],
  manualSections: [
    { section: 'system_access', text: 'Revoke VPN' },
    { section: 'team_routine', text: 'Weekly pipeline review on Monday' },
  ],
  ...overrides,
});

describe('canonicalJson', () => {
  it('hashes a value larger than one hashing chunk exactly as its canonical JSON', () => {
    const big = {
      moves: Array.from({ length: 5_000 }, (_, i) => `001${String(i).padStart(15, '0')}>005A>005B`),
      名: 'é',
    };
    const json = canonicalJson(big);
    expect(json.length).toBeGreaterThan(100_000);
    expect(contentHash(big)).toBe(createHash('sha256').update(json, 'utf8').digest('hex'));
  });

  it('sorts object keys recursively and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, 1, 2], c: null } })).toBe('{"a":{"c":null,"d":[3,1,2]},"b":1}');
    expect(canonicalJson({ a: { c: null, d: [3, 1, 2] }, b: 1 })).toBe(
      canonicalJson({ b: 1, a: { d: [3, 1, 2], c: null } }),
    );
  });

  it('drops undefined properties and turns undefined array elements into null', () => {
    expect(canonicalJson({ a: undefined, b: 2 })).toBe('{"b":2}');
    expect(canonicalJson([1, undefined, 3])).toBe('[1,null,3]');
  });

  it('normalises -0 and refuses numbers JSON cannot hold', () => {
    expect(canonicalJson({ n: -0 })).toBe('{"n":0}');
    expect(canonicalJson([1.5, 1e21])).toBe('[1.5,1e+21]');
    expect(() => canonicalJson({ n: NaN })).toThrow(TypeError);
    expect(() => canonicalJson(Infinity)).toThrow(TypeError);
  });

  it('normalises strings and keys to NFC', () => {
    const composed = 'caf\u00e9';
    const decomposed = 'cafe\u0301';
    expect(canonicalJson(decomposed)).toBe(canonicalJson(composed));
    expect(canonicalJson({ [decomposed]: decomposed })).toBe(`{"${composed}":"${composed}"}`);
    expect(() => canonicalJson({ [composed]: 1, [decomposed]: 2 })).toThrow(/normalise/);
  });

  it('keeps CJK and emoji as they are, with code-unit key order', () => {
    expect(canonicalJson({ 王: '稳定性', 李: '性价比 👍', b: 'x' })).toBe('{"b":"x","李":"性价比 👍","王":"稳定性"}');
  });

  it('writes dates as given: strings untouched, Date objects as ISO instants', () => {
    expect(canonicalJson({ d: '2026-03-31' })).toBe('{"d":"2026-03-31"}');
    expect(canonicalJson({ t: new Date('2026-03-31T08:00:00+08:00') })).toBe('{"t":"2026-03-31T00:00:00.000Z"}');
    expect(() => canonicalJson(new Date('nope'))).toThrow(TypeError);
  });

  it('refuses values with no canonical form', () => {
    expect(() => canonicalJson({ f: () => 1 })).toThrow(TypeError);
    expect(() => canonicalJson(10n)).toThrow(TypeError);
    expect(() => canonicalJson(new Map())).toThrow(TypeError);
  });
});

describe('contentHash', () => {
  it('is the SHA-256 hex of the canonical JSON', () => {
    // sha256('{"a":1}')
    expect(contentHash({ a: 1 })).toBe('015abd7f5cc57a2dd94b7590f04ad8084273905ee33ec5cebeae62276a97f862');
    expect(contentHash({ a: 1 })).toMatch(/^[0-9a-f]{64}$/);
  });

  it('does not depend on key order or normalisation form', () => {
    expect(contentHash({ x: 'e\u0301', y: [1, 2] })).toBe(contentHash({ y: [1, 2], x: '\u00e9' }));
    expect(contentHash({ y: [2, 1] })).not.toBe(contentHash({ y: [1, 2] }));
  });
});

describe('handoverContent', () => {
  it('keeps the same hash when items, contacts, sections and successors are reordered', () => {
    const base = input();
    const shuffled = input({
      header: { ...base.header, successorIds: [...base.header.successorIds].reverse() },
      items: [...base.items].reverse(),
      contactNotes: [...base.contactNotes].reverse(),
      manualSections: [...base.manualSections].reverse(),
    });
    expect(handoverContentHash(shuffled)).toBe(handoverContentHash(base));
  });

  it('changes the hash when a note, a confirmation or the last day changes', () => {
    const base = handoverContentHash(input());
    const [first, ...rest] = input().items;
    expect(handoverContentHash(input({ items: [{ ...first!, riskNotes: '预算冻结 at HQ.' }, ...rest] }))).not.toBe(
      base,
    );
    expect(handoverContentHash(input({ items: [{ ...first!, confirmedByDeparting: false }, ...rest] }))).not.toBe(base);
    const notes = input().contactNotes.map((c, i) => (i === 0 ? { ...c, caresAbout: '稳定性' } : c));
    expect(handoverContentHash(input({ contactNotes: notes }))).not.toBe(base);
    expect(handoverContentHash(input({ header: { ...input().header, lastWorkingDay: '2026-04-01' } }))).not.toBe(base);
  });

  it('ignores ids and volatile fields: transfer status, timestamps, reviewed flags', () => {
    const base = handoverContentHash(input());
    const volatile = input().items.map((i, n) => ({
      ...i,
      id: `a0X00000000000${n}AAA`,
      transferStatus: 'Transferred',
      transferredAt: '2026-04-01T02:00:00.000Z',
      reviewedBySuccessor: true,
      recordName: 'Renamed in CRM',
    }));
    expect(handoverContentHash(input({ items: volatile }))).toBe(base);
  });

  it('leaves questions and answers out of the signed content', () => {
    const base = handoverContentHash(input());
    const question = item({ objectType: 'Account', category: 'Question', notes: 'Who signs the renewal?' });
    expect(handoverContentHash(input({ items: [...input().items, question] }))).toBe(base);
  });

  it('treats NFC and NFD notes as the same content', () => {
    const nfd = input().items.map((i) => ({ ...i, notes: 'Cafe\u0301 meeting' }));
    const nfc = input().items.map((i) => ({ ...i, notes: 'Caf\u00e9 meeting' }));
    expect(handoverContentHash(input({ items: nfd }))).toBe(handoverContentHash(input({ items: nfc })));
  });

  it('sorts items by category, object type, record id and notes', () => {
    const content = handoverContent(input());
    expect(content.items.map((i) => i.category)).toEqual(['Complaint', 'Cross_Department', 'Open_Opportunity']);
    expect(content.header.successorIds).toEqual(['005000000000002AAA', '005000000000003AAA']);
    expect(content.version).toBe(1);
  });

  it('gives identical items in any order the same hash (ties broken by the whole item)', () => {
    const a = item({ recordId: null, category: 'Note', objectType: 'Account', notes: 'same', state: 'Open' });
    const b = { ...a, state: 'Done' };
    expect(handoverContentHash(input({ items: [a, b] }))).toBe(handoverContentHash(input({ items: [b, a] })));
  });
});
