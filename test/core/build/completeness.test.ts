import { compile, evaluateCompleteness, type Subjects } from '../../../src/core/build/completeness.js';
import { makeClock } from '../../../src/core/build/dates.js';
import { buildHandover, RULES, type Rule } from '../../../src/core/build/index.js';
import {
  account,
  caseRow,
  contact,
  day,
  notes,
  opportunity,
  relation,
  role,
  snapshot,
  task,
  TODAY,
  ZONE,
} from './fixtures.js';

type Parts = Parameters<typeof snapshot>[0];
const clock = makeClock(TODAY, ZONE);

/** A key account in good order: a decision maker with notes, a recent call, a healthy deal, a case with a contact. */
function good(): NonNullable<Parts> {
  return {
    accounts: [account({ Id: 'a', Strategic: true })],
    contacts: [
      contact({ Id: 'boss', AccountId: 'a', Title: 'CEO' }),
      contact({ Id: 'buyer', AccountId: 'a', Title: 'Buyer' }),
    ],
    contactNotes: [notes({ contactId: 'boss', caresAbout: 'Stability' })],
    activities: [task({ Id: 'call', AccountId: 'a', IsClosed: true, Status: 'Completed', ActivityDate: day(-3) })],
    opportunities: [opportunity({ Id: 'o', AccountId: 'a' })],
    opportunityContactRoles: [
      role({ OpportunityId: 'o', ContactId: 'boss' }),
      role({ OpportunityId: 'o', ContactId: 'buyer' }),
    ],
    cases: [caseRow({ Id: 'k', AccountId: 'a', ContactId: 'buyer' })],
  };
}

function gapIds(parts: Parts): string[] {
  return buildHandover(snapshot(parts)).completeness.gaps.map((g) => g.ruleId);
}

describe('completeness rules', () => {
  it('has 8 to 12 rules with stable, unique ids', () => {
    expect(RULES.length).toBeGreaterThanOrEqual(8);
    expect(RULES.length).toBeLessThanOrEqual(12);
    expect(new Set(RULES.map((r) => r.id)).size).toBe(RULES.length);
  });

  it('passes every rule on a handover in good order', () => {
    const build = buildHandover(snapshot(good()));
    expect(build.completeness.gaps).toEqual([]);
    // 2 key account, 2 account, 4 deal, 1 complaint, 1 key contact, 2 × 2 contact rules.
    expect(build.completeness).toMatchObject({ score: 100, passed: 14, checked: 14 });
  });

  const failing: [string, (p: NonNullable<Parts>) => NonNullable<Parts>][] = [
    [
      'key_account_without_decision_maker',
      (p) => ({ ...p, contacts: p.contacts?.map((c) => ({ ...c, Title: null })) }),
    ],
    ['key_account_without_recent_communication', (p) => ({ ...p, activities: [] })],
    ['account_without_name', (p) => ({ ...p, accounts: [account({ Id: 'a', Strategic: true, Name: '  ' })] })],
    ['account_without_contacts', (p) => ({ ...p, contacts: [] })],
    [
      'open_deal_past_close_date',
      (p) => ({ ...p, opportunities: [opportunity({ Id: 'o', AccountId: 'a', CloseDate: day(-1) })] }),
    ],
    [
      'open_deal_without_next_step',
      (p) => ({ ...p, opportunities: [opportunity({ Id: 'o', AccountId: 'a', NextStep: null })] }),
    ],
    [
      'open_deal_single_threaded',
      (p) => ({ ...p, opportunityContactRoles: [role({ OpportunityId: 'o', ContactId: 'boss' })] }),
    ],
    [
      'open_deal_missing_fields',
      (p) => ({ ...p, opportunities: [opportunity({ Id: 'o', AccountId: 'a', Amount: null })] }),
    ],
    ['complaint_without_contact', (p) => ({ ...p, cases: [caseRow({ Id: 'k', AccountId: 'a' })] })],
    ['key_contact_without_notes', (p) => ({ ...p, contactNotes: [notes({ contactId: 'boss', stance: 'Champion' })] })],
    [
      'contact_without_email_or_phone',
      (p) => ({
        ...p,
        contacts: [...(p.contacts ?? []), contact({ Id: 'mute', AccountId: 'a', Email: null, Phone: null })],
      }),
    ],
    [
      'contact_without_name',
      (p) => ({ ...p, contacts: [...(p.contacts ?? []), contact({ Id: 'anon', AccountId: 'a', Name: null })] }),
    ],
  ];

  it('covers every rule with a failing case', () => {
    expect(failing.map(([id]) => id).sort()).toEqual(RULES.map((r) => r.id).sort());
  });

  it.each(failing)('%s fails exactly when its condition is broken', (ruleId, breakIt) => {
    expect(gapIds(good())).not.toContain(ruleId);
    expect(gapIds(breakIt(good()))).toContain(ruleId);
  });

  it('applies key-account rules to key accounts only', () => {
    const plain = { ...good(), accounts: [account({ Id: 'a' })], activities: [] };
    expect(gapIds(plain)).not.toContain('key_account_without_recent_communication');
    expect(gapIds({ ...plain, contactNotes: [] })).not.toContain('key_contact_without_notes');
  });

  it('names the record and its account in each gap, most severe first', () => {
    const parts = good();
    const build = buildHandover(
      snapshot({
        ...parts,
        opportunities: [
          opportunity({ Id: 'o', AccountId: 'a', Name: '🚀 扩容项目', NextStep: null, CloseDate: day(-1) }),
        ],
      }),
    );
    expect(build.completeness.gaps).toEqual([
      {
        ruleId: 'open_deal_past_close_date',
        severity: 'high',
        recordId: 'o',
        accountId: 'a',
        message: 'Open deal 🚀 扩容项目 is past its close date',
      },
      {
        ruleId: 'open_deal_without_next_step',
        severity: 'medium',
        recordId: 'o',
        accountId: 'a',
        message: 'Open deal 🚀 扩容项目 has no next step',
      },
    ]);
  });

  it('scores passed over checked, in percent to one decimal', () => {
    const { completeness } = buildHandover(snapshot({ ...good(), activities: [] }));
    expect(completeness).toMatchObject({ passed: 13, checked: 14, score: 92.9 });
  });

  it('scores 100 when nothing is checked', () => {
    expect(buildHandover(snapshot()).completeness).toEqual({ score: 100, passed: 0, checked: 0, gaps: [] });
  });

  it('checks a contact related to several accounts once', () => {
    const build = buildHandover(
      snapshot({
        accounts: [account({ Id: 'a' }), account({ Id: 'b' })],
        contacts: [contact({ Id: 'c', AccountId: 'a', Email: null, Phone: null })],
        accountContactRelations: [relation({ AccountId: 'b', ContactId: 'c' })],
      }),
    );
    expect(build.completeness.gaps.filter((g) => g.ruleId === 'contact_without_email_or_phone')).toHaveLength(1);
  });

  it('accepts other rules written in the same language', () => {
    const rules: Rule[] = [
      {
        id: 'account_without_industry',
        severity: 'low',
        appliesTo: 'account',
        check: { field: 'industry', in: ['Technology', 'Retail'] },
        message: '{name}: industry unknown',
      },
    ];
    const build = buildHandover(
      snapshot({ accounts: [account({ Id: 'a' }), account({ Id: 'b', Industry: null })] }),
      {},
      rules,
    );
    expect(build.completeness).toMatchObject({
      checked: 2,
      passed: 1,
      gaps: [{ recordId: 'b', message: 'Account b: industry unknown' }],
    });
  });
});

describe('the rule language', () => {
  const data = {
    name: 'ACME',
    blank: '  ',
    tags: ['x', 'y'],
    empty: [],
    nested: { day: day(-10), n: 3 },
    people: [
      { boss: true, seen: day(-1) },
      { boss: false, seen: day(-40) },
      { boss: true, seen: null },
    ],
  };
  const holds = (check: Rule['check']) => compile(check, clock)(data);

  it('tests fields: present, equals, in, includes, withinDays', () => {
    expect(holds({ field: 'name', present: true })).toBe(true);
    expect(holds({ field: 'blank', present: true })).toBe(false);
    expect(holds({ field: 'empty', present: false })).toBe(true);
    expect(holds({ field: 'missing.deep.path', present: false })).toBe(true);
    expect(holds({ field: 'nested.n', equals: 3 })).toBe(true);
    expect(holds({ field: 'name', in: ['ACME', 'Globex'] })).toBe(true);
    expect(holds({ field: 'tags', includes: 'y' })).toBe(true);
    expect(holds({ field: 'name', includes: 'A' })).toBe(false);
    expect(holds({ field: 'nested.day', withinDays: 10 })).toBe(true);
    expect(holds({ field: 'nested.day', withinDays: 9 })).toBe(false);
  });

  it('counts list elements, optionally those passing a check', () => {
    expect(holds({ count: 'people', min: 3 })).toBe(true);
    expect(holds({ count: 'people', where: { field: 'boss', equals: true }, min: 2 })).toBe(true);
    expect(holds({ count: 'people', where: { field: 'seen', withinDays: 30 }, min: 2 })).toBe(false);
    expect(holds({ count: 'name', min: 1 })).toBe(false);
  });

  it('combines with not, all and any', () => {
    const yes = { field: 'name', present: true } as const;
    const no = { field: 'blank', present: true } as const;
    expect(holds({ not: no })).toBe(true);
    expect(holds({ all: [yes, no] })).toBe(false);
    expect(holds({ any: [no, yes] })).toBe(true);
    expect(holds({ all: [] })).toBe(true);
  });

  it('evaluates every subject of a scope', () => {
    const subjects: Subjects = {
      account: [],
      key_account: [],
      open_opportunity: [],
      complaint: [],
      contact: [],
      key_contact: [],
    };
    subjects.contact.push({ recordId: 'c1', accountId: null, name: 'x'.repeat(500), data: { email: null } });
    subjects.contact.push({ recordId: 'c2', accountId: null, name: 'y', data: { email: 'y@example.com' } });
    const rule: Rule = {
      id: 'r',
      severity: 'low',
      appliesTo: 'contact',
      check: { field: 'email', present: true },
      message: '{name}',
    };
    const result = evaluateCompleteness(subjects, [rule], clock);
    expect(result).toMatchObject({ score: 50, passed: 1, checked: 2 });
    expect(result.gaps[0]?.message.length).toBeLessThanOrEqual(80);
  });
});
