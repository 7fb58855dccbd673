import { buildHandover, chainOfCommand } from '../../../src/core/build/index.js';
import { isDecisionMaker, isDecisionTitle } from '../../../src/core/build/relationshipMap.js';
import { account, contact, day, event, notes, opportunity, OTHER, relation, role, snapshot, task } from './fixtures.js';

const mapOf = (parts: Parameters<typeof snapshot>[0], accountId = 'a') =>
  buildHandover(snapshot({ accounts: [account({ Id: 'a' })], ...parts })).accounts.find(
    (x) => x.accountId === accountId,
  )?.relationshipMap;

describe('relationship map', () => {
  it('holds direct contacts and active related ones, with titles, but not inactive relations', () => {
    const map = mapOf({
      contacts: [
        contact({ Id: 'c1', AccountId: 'a', Title: '采购经理' }),
        contact({ Id: 'c2', AccountId: 'elsewhere' }),
        contact({ Id: 'c3', AccountId: 'elsewhere' }),
      ],
      accountContactRelations: [
        relation({ AccountId: 'a', ContactId: 'c2', Roles: ['Influencer'] }),
        relation({ AccountId: 'a', ContactId: 'c3', IsActive: false }),
        relation({ AccountId: 'a', ContactId: 'ghost' }), // a contact the snapshot cannot see
      ],
    });
    expect(map?.contacts.map((c) => c.contactId)).toEqual(['c1', 'c2']);
    expect(map?.contacts[0]?.title).toBe('采购经理');
    expect(map?.contacts[1]?.roles).toEqual(['Influencer']);
  });

  it('merges roles from relations and deal roles without duplicates', () => {
    const map = mapOf({
      contacts: [contact({ Id: 'c1', AccountId: 'a' })],
      accountContactRelations: [relation({ AccountId: 'a', ContactId: 'c1', Roles: ['Evaluator', 'Technical Buyer'] })],
      opportunities: [opportunity({ Id: 'o1', AccountId: 'a' }), opportunity({ Id: 'o2', AccountId: 'a' })],
      opportunityContactRoles: [
        role({ OpportunityId: 'o1', ContactId: 'c1', Role: 'Technical Buyer' }),
        role({ OpportunityId: 'o2', ContactId: 'c1', Role: 'technical buyer' }),
        role({ OpportunityId: 'o2', ContactId: 'c1', Role: 'Influencer', Id: 'dup' }),
        role({ OpportunityId: 'o2', ContactId: 'c1', Role: null, Id: 'blank' }),
      ],
    });
    expect(map?.contacts[0]?.roles).toEqual(['Evaluator', 'Technical Buyer', 'Influencer']);
  });

  it('draws reporting lines only between contacts of the map, the rep notes overriding the org', () => {
    const map = mapOf({
      contacts: [
        contact({ Id: 'boss', AccountId: 'a' }),
        contact({ Id: 'mid', AccountId: 'a', ReportsToId: 'boss' }),
        contact({ Id: 'dev', AccountId: 'a', ReportsToId: 'boss' }),
        contact({ Id: 'x', AccountId: 'a', ReportsToId: 'outside' }),
      ],
      contactNotes: [notes({ contactId: 'dev', reportsToId: 'mid' })],
    });
    expect(map?.reportsTo).toEqual([
      { from: 'mid', to: 'boss' },
      { from: 'dev', to: 'mid' },
    ]);
    expect(map?.contacts.find((c) => c.contactId === 'x')?.reportsToId).toBe('outside');
    expect(chainOfCommand(map ?? { contacts: [], reportsTo: [] }, 'dev')).toEqual(['mid', 'boss']);
  });

  it('survives cycles and self-references in reporting lines', () => {
    const map = mapOf({
      contacts: [
        contact({ Id: 'p', AccountId: 'a', ReportsToId: 'q' }),
        contact({ Id: 'q', AccountId: 'a', ReportsToId: 'r' }),
        contact({ Id: 'r', AccountId: 'a', ReportsToId: 'p' }),
        contact({ Id: 's', AccountId: 'a', ReportsToId: 's' }),
      ],
    });
    expect(map?.reportsTo).toHaveLength(3);
    expect(chainOfCommand(map ?? { contacts: [], reportsTo: [] }, 'p')).toEqual(['q', 'r']);
    expect(chainOfCommand(map ?? { contacts: [], reportsTo: [] }, 's')).toEqual([]);
  });

  it('finds decision makers by role, by title, and by the rep notes, listing them first', () => {
    const map = mapOf({
      contacts: [
        contact({ Id: 'plain', AccountId: 'a', Title: 'Engineer' }),
        contact({ Id: 'gm', AccountId: 'a', Title: '总经理' }),
        contact({ Id: 'buyer', AccountId: 'a' }),
        contact({ Id: 'assistant', AccountId: 'a', Title: '总经理助理' }),
        contact({ Id: 'noted', AccountId: 'a', Title: 'Engineer' }),
        contact({ Id: 'overruled', AccountId: 'a', Title: 'VP Engineering' }),
      ],
      accountContactRelations: [relation({ AccountId: 'a', ContactId: 'buyer', Roles: ['Economic Buyer'] })],
      contactNotes: [
        notes({ contactId: 'noted', decisionRole: 'Decision_Maker' }),
        notes({ contactId: 'overruled', decisionRole: 'Influencer' }),
      ],
    });
    const deciders = map?.contacts.filter((c) => c.isDecisionMaker).map((c) => c.contactId);
    expect(deciders).toEqual(['gm', 'buyer', 'noted']);
    expect(map?.contacts.slice(0, 3).map((c) => c.contactId)).toEqual(['gm', 'buyer', 'noted']);
  });

  it('reads decision titles in English and Chinese, as words', () => {
    for (const title of [
      'CEO',
      '采购总监',
      'Director of IT',
      'General Manager',
      'Head of Procurement',
      'SVP Sales',
      'cfo',
    ]) {
      expect(isDecisionTitle(title)).toBe(true);
    }
    for (const title of ['Headquarters liaison', 'Executive Assistant to the CEO', '秘书', 'Engineer', null]) {
      expect(isDecisionTitle(title)).toBe(false);
    }
    expect(isDecisionMaker(['决策者'], null, null)).toBe(true);
  });

  it('marks the primary contact of an open deal, not of a closed one', () => {
    const map = mapOf({
      contacts: [contact({ Id: 'c1', AccountId: 'a' }), contact({ Id: 'c2', AccountId: 'a' })],
      opportunities: [
        opportunity({ Id: 'open', AccountId: 'a' }),
        opportunity({ Id: 'lost', AccountId: 'a', IsClosed: true, StageName: 'Closed Lost' }),
      ],
      opportunityContactRoles: [
        role({ OpportunityId: 'open', ContactId: 'c1', IsPrimary: true }),
        role({ OpportunityId: 'lost', ContactId: 'c2', IsPrimary: true }),
      ],
    });
    expect(map?.contacts.map((c) => c.isPrimaryOnOpenDeal)).toEqual([true, false]);
  });

  it('takes the last touch from the contact and its past activities, not future ones', () => {
    const map = mapOf({
      contacts: [
        contact({ Id: 'c1', AccountId: 'a', LastActivityDate: day(-40) }),
        contact({ Id: 'c2', AccountId: 'a', LastActivityDate: day(-2) }),
        contact({ Id: 'c3', AccountId: 'a' }),
      ],
      activities: [
        task({ Id: 't1', WhoId: 'c1', IsClosed: true, ActivityDate: day(-7), Status: 'Completed' }),
        event({ Id: 'e1', WhoId: 'c2', offset: -10 }),
        event({ Id: 'e2', WhoId: 'c3', offset: 5 }),
        task({ Id: 't2', WhoId: 'c3', IsClosed: false, ActivityDate: day(-1) }),
      ],
    });
    expect(map?.contacts.map((c) => c.lastTouch)).toEqual([day(-7), day(-2), null]);
  });

  it('carries the departing rep notes, contact details and a fallback name', () => {
    const map = mapOf({
      contacts: [
        contact({ Id: 'c1', AccountId: 'a', Name: null, Email: ' ', Phone: null, MobilePhone: '138 0000 0000' }),
      ],
      contactNotes: [notes({ contactId: 'c1', caresAbout: '性价比', preferredChannel: 'Email' })],
    });
    const c = map?.contacts[0];
    expect(c?.name).toBe('(no name)');
    expect(c?.email).toBeNull();
    expect(c?.phone).toBe('138 0000 0000');
    expect(c?.notes?.caresAbout).toBe('性价比');
  });

  it("shows on someone else's account only the rep's contacts and the people on the rep's deals", () => {
    const build = buildHandover(
      snapshot({
        accounts: [account({ Id: 'b', OwnerId: OTHER })],
        contacts: [
          contact({ Id: 'mine', AccountId: 'b' }),
          contact({ Id: 'theirs', AccountId: 'b', OwnerId: OTHER }),
          contact({ Id: 'onDeal', AccountId: 'b', OwnerId: OTHER }),
        ],
        opportunities: [opportunity({ Id: 'o', AccountId: 'b' })],
        opportunityContactRoles: [role({ OpportunityId: 'o', ContactId: 'onDeal' })],
      }),
    );
    expect(build.accounts[0]?.relationshipMap.contacts.map((c) => c.contactId)).toEqual(['mine', 'onDeal']);
  });
});
