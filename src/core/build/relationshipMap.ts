import type {
  AccountContactRelationRow,
  ContactNotes,
  ContactRow,
  IsoDate,
  OpportunityContactRoleRow,
  OpportunityRow,
  RelationshipContact,
  RelationshipMap,
} from '../model.js';
import { laterDay } from './dates.js';
import { cueMatcher, hasText, nameOf, summarize, TITLE_LIMIT } from './text.js';

/** Contact roles (AccountContactRelation.Roles, OpportunityContactRole.Role) that make a decision maker. */
export const DECISION_ROLES: readonly string[] = [
  'Decision Maker',
  'Economic Buyer',
  'Economic Decision Maker',
  '决策者',
  '决策人',
];

/** Title words that say a person decides. */
export const DECISION_TITLE_CUES: readonly string[] = [
  '总经理',
  '总监',
  '总裁',
  '董事长',
  '副总',
  'CEO',
  'CFO',
  'CTO',
  'CIO',
  'COO',
  'Chief',
  'President',
  'Director',
  'VP',
  'SVP',
  'EVP',
  'Vice President',
  'General Manager',
  'Head',
];

/** Title words that mean the person works for a decision maker ("Assistant to the CEO", "总经理助理"). */
export const NOT_DECISION_TITLE_CUES: readonly string[] = ['Assistant', 'Secretary', '助理', '秘书'];

/** Handover_Contact__c.Decision_Role__c values the departing rep picks for a decision maker. */
const DECISION_NOTE_ROLES = new Set(['decision_maker', 'economic_buyer']);

const decisionTitle = cueMatcher(DECISION_TITLE_CUES, true);
const notDecisionTitle = cueMatcher(NOT_DECISION_TITLE_CUES);
const decisionRoles = new Set(DECISION_ROLES.map(roleKey));

export function isDecisionTitle(title: string | null): boolean {
  return hasText(title) && decisionTitle.test(title) && !notDecisionTitle.test(title);
}

/**
 * Whether a contact decides. The departing rep's notes win when they name a role (they know the
 * person); otherwise a decision role on the account or a deal, or a title that says so.
 */
export function isDecisionMaker(roles: readonly string[], title: string | null, notes: ContactNotes | null): boolean {
  if (notes !== null && hasText(notes.decisionRole)) return DECISION_NOTE_ROLES.has(roleKey(notes.decisionRole));
  return roles.some((role) => decisionRoles.has(roleKey(role))) || isDecisionTitle(title);
}

/** What the map is built from: the account's rows, already picked from the snapshot's indexes. */
export type RelationshipInput = {
  /** Contacts whose AccountId is the account. */
  directContacts: readonly ContactRow[];
  relations: readonly AccountContactRelationRow[];
  contactById: ReadonlyMap<string, ContactRow>;
  /** The account's deals (all of them, for roles; the open ones mark primaries). */
  opportunities: readonly OpportunityRow[];
  rolesByOpportunity: ReadonlyMap<string, readonly OpportunityContactRoleRow[]>;
  notesByContact: ReadonlyMap<string, ContactNotes>;
  lastTouchById: ReadonlyMap<string, IsoDate>;
  /** Which contacts belong in the map (all of them for an account the departing rep owns). */
  include: (contact: ContactRow, hasDealRole: boolean) => boolean;
};

export function buildRelationshipMap(input: RelationshipInput): RelationshipMap {
  const roles = new Map<string, string[]>();
  const addRoles = (contactId: string, values: readonly (string | null)[]): void => {
    const list = roles.get(contactId) ?? [];
    for (const value of values) if (hasText(value)) list.push(value.trim());
    roles.set(contactId, list);
  };
  // Direct contacts first, then those related through AccountContactRelation (active ones only).
  const members = new Map<string, ContactRow>();
  for (const contact of input.directContacts) members.set(contact.Id, contact);
  for (const relation of input.relations) {
    if (!relation.IsActive) continue;
    const contact = input.contactById.get(relation.ContactId);
    if (contact === undefined) continue; // a relation to a contact the snapshot cannot see
    members.set(contact.Id, contact);
    addRoles(contact.Id, Array.isArray(relation.Roles) ? relation.Roles : []);
  }

  // Then the roles on deals (after the account roles).
  const primaryOnOpenDeal = new Set<string>();
  const onDeal = new Set<string>();
  for (const opportunity of input.opportunities) {
    for (const role of input.rolesByOpportunity.get(opportunity.Id) ?? []) {
      onDeal.add(role.ContactId);
      addRoles(role.ContactId, [role.Role]);
      if (role.IsPrimary && !opportunity.IsClosed) primaryOnOpenDeal.add(role.ContactId);
    }
  }

  const contacts: RelationshipContact[] = [];
  for (const contact of members.values()) {
    if (!input.include(contact, onDeal.has(contact.Id))) continue;
    const notes = input.notesByContact.get(contact.Id) ?? null;
    const contactRoles = dedupe(roles.get(contact.Id) ?? []);
    contacts.push({
      contactId: contact.Id,
      name: nameOf(contact.Name),
      title: summarize(contact.Title, TITLE_LIMIT),
      department: summarize(contact.Department, TITLE_LIMIT),
      email: hasText(contact.Email) ? contact.Email.trim() : null,
      phone: hasText(contact.Phone)
        ? contact.Phone.trim()
        : hasText(contact.MobilePhone)
          ? contact.MobilePhone.trim()
          : null,
      // The rep's notes correct the org's reporting line.
      reportsToId: notes !== null && hasText(notes.reportsToId) ? notes.reportsToId : (contact.ReportsToId ?? null),
      roles: contactRoles,
      isDecisionMaker: isDecisionMaker(contactRoles, contact.Title, notes),
      isPrimaryOnOpenDeal: primaryOnOpenDeal.has(contact.Id),
      lastTouch: laterDay(contact.LastActivityDate ?? null, input.lastTouchById.get(contact.Id) ?? null),
      ownerId: contact.OwnerId ?? null,
      notes,
    });
  }
  // Decision makers first; otherwise the org's order (a stable sort keeps it).
  contacts.sort((a, b) => Number(b.isDecisionMaker) - Number(a.isDecisionMaker));

  const inMap = new Set(contacts.map((c) => c.contactId));
  const reportsTo = contacts
    .filter((c) => c.reportsToId !== null && c.reportsToId !== c.contactId && inMap.has(c.reportsToId))
    .map((c) => ({ from: c.contactId, to: c.reportsToId ?? '' }));
  return { contacts, reportsTo };
}

/**
 * The chain of managers above a contact inside the map, nearest first. Reporting lines may form a
 * cycle in bad data: the walk stops at the first person already seen.
 */
export function chainOfCommand(map: RelationshipMap, contactId: string): string[] {
  const managerOf = new Map(map.reportsTo.map((edge) => [edge.from, edge.to]));
  const seen = new Set([contactId]);
  const chain: string[] = [];
  for (let next = managerOf.get(contactId); next !== undefined && !seen.has(next); next = managerOf.get(next)) {
    seen.add(next);
    chain.push(next);
  }
  return chain;
}

/** Roles compare without case, spacing or underscores ("Decision_Maker" is "decision maker"). */
function roleKey(role: string | null): string {
  return (role ?? '')
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '_');
}

function dedupe(roles: string[]): string[] {
  if (roles.length < 2) return roles;
  const seen = new Set<string>();
  return roles.filter((role) => {
    const key = roleKey(role);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
