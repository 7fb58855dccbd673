/**
 * The SOQL of the read: one query per object, built only with the soql.ts helpers. U is the departing user.
 *
 *   User, UserLogin (IsFrozen), Organization (time zone)     1 row each
 *   Account       OwnerId = U          + AccountContactRelations, + others' ContentDocumentLinks (subqueries)
 *   Contact       OwnerId = U OR Account.OwnerId = U
 *   Opportunity   OwnerId = U OR Account.OwnerId = U       + OpportunityContactRoles, + OpportunityHistories
 *   Case, Task, Event, Contract    OwnerId = U OR Account.OwnerId = U   (open and closed alike)
 *   ContentDocument   OwnerId = U                          + ContentDocumentLinks (every record it is on)
 *   AccountTeamMember       UserId = U OR Account.OwnerId = U
 *   OpportunityTeamMember   UserId = U OR Opportunity.OwnerId = U OR Opportunity.Account.OwnerId = U
 *   Lead, Note, ... custom objects (describeGlobal)   OwnerId = U                   (see owned.ts)
 *   Handover_Contact__c     Handover__c = H       (only for an existing handover)
 *   Account, Contact        Id IN (...)           (fills by Id, see book.ts; usually none)
 *
 * "Owned by U, or on an account U owns" is one query with a parent-relationship filter: Salesforce
 * refuses a semi-join next to OR, and two queries per object would cost a call each even when one of
 * them finds nothing. Rows that only make sense with their parent come as child subqueries of it: their
 * rows count toward the same 2,000-row pages, and no extra query is spent when there are none.
 */
import { soqlId, soqlIdentifier, soqlIdList } from '../soql.js';
import {
  ACCOUNT_CONTACT_RELATION,
  ACCOUNT_TEAM_MEMBER,
  CASE,
  CONTACT,
  CONTACT_NOTE,
  CONTENT_DOCUMENT,
  CONTRACT,
  DOCUMENT_LINK,
  EVENT,
  LINKED_FILE_FIELDS,
  OPPORTUNITY,
  OPPORTUNITY_CONTACT_ROLE,
  OPPORTUNITY_HISTORY,
  OPPORTUNITY_TEAM_MEMBER,
  TASK,
  USER,
} from './rows.js';
import { CONTACT_NOTE_FIELDS } from '../../core/sobjects.js';

/** Child relationship names of the subqueries. */
export const CHILDREN = {
  accountRelations: 'AccountContactRelations',
  contactRoles: 'OpportunityContactRoles',
  history: 'OpportunityHistories',
  /** On ContentDocument (the user's files) and on Account (others' files on the user's accounts). */
  documentLinks: 'ContentDocumentLinks',
} as const;

function select(fields: readonly string[], object: string, where: string, subqueries: readonly string[] = []): string {
  const list = [...fields.map(soqlIdentifier), ...subqueries].join(', ');
  return `SELECT ${list} FROM ${soqlIdentifier(object)} WHERE ${where} ORDER BY Id`;
}

function subquery(fields: readonly string[], relationship: string, where?: string): string {
  const filter = where === undefined ? '' : ` WHERE ${where}`;
  return `(SELECT ${fields.map(soqlIdentifier).join(', ')} FROM ${soqlIdentifier(relationship)}${filter})`;
}

/** Owned by the user, or on an account the user owns. */
function mineOrOnMyAccounts(me: string): string {
  return `OwnerId = ${me} OR Account.OwnerId = ${me}`;
}

export type Plan = ReturnType<typeof readPlan>;

/** Every query of the read for one departing user. */
export function readPlan(userId: string) {
  const me = soqlId(userId);
  return {
    user: select(USER.fields, 'User', `Id = ${me}`),
    userLogin: `SELECT UserId, IsFrozen FROM UserLogin WHERE UserId = ${me}`,
    accounts: (accountFields: readonly string[]) =>
      select(accountFields, 'Account', `OwnerId = ${me}`, [
        subquery(ACCOUNT_CONTACT_RELATION.fields, CHILDREN.accountRelations),
        // Others' files on the account (the user's own files come with their documents, below).
        subquery(LINKED_FILE_FIELDS, CHILDREN.documentLinks, `ContentDocument.OwnerId != ${me}`),
      ]),
    contacts: select(CONTACT.fields, 'Contact', mineOrOnMyAccounts(me)),
    opportunities: select(OPPORTUNITY.fields, 'Opportunity', mineOrOnMyAccounts(me), [
      subquery(OPPORTUNITY_CONTACT_ROLE.fields, CHILDREN.contactRoles),
      subquery(OPPORTUNITY_HISTORY.fields, CHILDREN.history),
    ]),
    cases: select(CASE.fields, 'Case', mineOrOnMyAccounts(me)),
    tasks: select(TASK.fields, 'Task', mineOrOnMyAccounts(me)),
    events: select(EVENT.fields, 'Event', mineOrOnMyAccounts(me)),
    contracts: select(CONTRACT.fields, 'Contract', mineOrOnMyAccounts(me)),
    documents: select(CONTENT_DOCUMENT.fields, 'ContentDocument', `OwnerId = ${me}`, [
      subquery(DOCUMENT_LINK.fields, CHILDREN.documentLinks),
    ]),
    accountTeams: select(ACCOUNT_TEAM_MEMBER.fields, 'AccountTeamMember', `UserId = ${me} OR Account.OwnerId = ${me}`),
    opportunityTeams: select(
      OPPORTUNITY_TEAM_MEMBER.fields,
      'OpportunityTeamMember',
      `UserId = ${me} OR Opportunity.OwnerId = ${me} OR Opportunity.Account.OwnerId = ${me}`,
    ),
    owned: (object: string, fields: readonly string[]) => select(fields, object, `OwnerId = ${me}`),
    contactNotes: (handoverId: string) =>
      select(CONTACT_NOTE.fields, 'Handover_Contact__c', `${CONTACT_NOTE_FIELDS.handover} = ${soqlId(handoverId)}`),
    byIds: (object: string, fields: readonly string[], ids: readonly string[]) =>
      select(fields, object, `Id IN ${soqlIdList(ids)}`),
  };
}
