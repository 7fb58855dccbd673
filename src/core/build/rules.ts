import type { GapSeverity } from '../model.js';

/**
 * Completeness rules are data, read by one evaluator (completeness.ts). A rule applies to every entity
 * of its scope and passes when its check holds; each failure is a gap. Paths are dotted field names
 * of the entity the scope gives:
 *   account, key_account   an AccountHandover (key_account: only key accounts)
 *   open_opportunity       an OpportunityRisk
 *   complaint              a Complaint
 *   contact, key_contact   a RelationshipContact (key_contact: decision makers of key accounts)
 * and each also has `source`: the org's row it was built from (AccountRow, OpportunityRow, CaseRow,
 * ContactRow), so a rule can see what the build had to fill in (a missing name, say).
 */
export type RuleScope = 'account' | 'key_account' | 'open_opportunity' | 'complaint' | 'contact' | 'key_contact';

export type Scalar = string | number | boolean | null;

/** A test of one value. `present`: not null, not blank text, not an empty list. */
export type Condition =
  | { present: boolean }
  | { equals: Scalar }
  | { in: readonly Scalar[] }
  /** The value is a list holding this. */
  | { includes: Scalar }
  /** The value is a day in the last n days (today included). */
  | { withinDays: number };

export type FieldCheck = { field: string } & Condition;

export type Check =
  | FieldCheck
  /** At least `min` elements of the list at `count` (those passing `where`, whose paths start at the element). */
  | { count: string; where?: FieldCheck; min: number }
  | { not: Check }
  | { all: readonly Check[] }
  | { any: readonly Check[] };

export type Rule = {
  /** Stable: the UI translates a gap by its rule id. */
  id: string;
  severity: GapSeverity;
  appliesTo: RuleScope;
  check: Check;
  /** English, with {name} for the entity's name. */
  message: string;
};

/** How recent a key account's latest communication must be (days). */
export const RECENT_COMMUNICATION_DAYS = 30;

export const RULES: readonly Rule[] = [
  {
    id: 'key_account_without_decision_maker',
    severity: 'high',
    appliesTo: 'key_account',
    check: { count: 'relationshipMap.contacts', where: { field: 'isDecisionMaker', equals: true }, min: 1 },
    message: 'Key account {name} has no decision maker in its relationship map',
  },
  {
    id: 'key_account_without_recent_communication',
    severity: 'high',
    appliesTo: 'key_account',
    check: { count: 'latestCommunications', where: { field: 'date', withinDays: RECENT_COMMUNICATION_DAYS }, min: 1 },
    message: `Key account {name} has had no communication in the last ${RECENT_COMMUNICATION_DAYS} days`,
  },
  {
    id: 'account_without_name',
    severity: 'medium',
    appliesTo: 'account',
    check: { field: 'source.Name', present: true },
    message: 'Account {name} has no name in the CRM',
  },
  {
    id: 'account_without_contacts',
    severity: 'medium',
    appliesTo: 'account',
    check: { count: 'relationshipMap.contacts', min: 1 },
    message: 'Account {name} has no contacts',
  },
  {
    id: 'open_deal_past_close_date',
    severity: 'high',
    appliesTo: 'open_opportunity',
    check: { not: { field: 'risks', includes: 'close_date_passed' } },
    message: 'Open deal {name} is past its close date',
  },
  {
    id: 'open_deal_without_next_step',
    severity: 'medium',
    appliesTo: 'open_opportunity',
    check: { field: 'nextStep', present: true },
    message: 'Open deal {name} has no next step',
  },
  {
    id: 'open_deal_single_threaded',
    severity: 'medium',
    appliesTo: 'open_opportunity',
    check: { not: { field: 'risks', includes: 'single_threaded' } },
    message: 'Open deal {name} has fewer than two contacts with a role',
  },
  {
    id: 'open_deal_missing_fields',
    severity: 'medium',
    appliesTo: 'open_opportunity',
    check: {
      all: [
        { field: 'source.Name', present: true },
        { field: 'amount', present: true },
        { field: 'closeDate', present: true },
      ],
    },
    message: 'Open deal {name} lacks a name, an amount or a close date',
  },
  {
    id: 'complaint_without_contact',
    severity: 'medium',
    appliesTo: 'complaint',
    check: { field: 'source.ContactId', present: true },
    message: 'Open case {name} has no contact to get back to',
  },
  {
    id: 'key_contact_without_notes',
    severity: 'medium',
    appliesTo: 'key_contact',
    check: {
      any: [
        { field: 'notes.notes', present: true },
        { field: 'notes.caresAbout', present: true },
      ],
    },
    message: 'Decision maker {name} of a key account has no notes from the departing rep',
  },
  {
    id: 'contact_without_email_or_phone',
    severity: 'low',
    appliesTo: 'contact',
    check: {
      any: [
        { field: 'email', present: true },
        { field: 'phone', present: true },
      ],
    },
    message: 'Contact {name} has neither an email nor a phone number',
  },
  {
    id: 'contact_without_name',
    severity: 'low',
    appliesTo: 'contact',
    check: { field: 'source.Name', present: true },
    message: 'Contact {name} has no name in the CRM',
  },
];
