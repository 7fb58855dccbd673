/**
 * The rows the readers select, as zod shapes: a shape's keys are the fields the query selects, its
 * validators say what Salesforce may send. Lenient where Salesforce is (a missing or null value is
 * null, a missing checkbox is false: old orgs and restricted field access leave them out), strict about
 * types: a value of the wrong type is a malformed row, reported with its object and field.
 */
import { z } from 'zod';
import type {
  AccountContactRelationRow,
  AccountRow,
  ActivityRow,
  CaseRow,
  ContactNotes,
  ContactRow,
  ContractRow,
  FileRow,
  OpportunityContactRoleRow,
  OpportunityHistoryRow,
  OpportunityRow,
  OwnedRecordRow,
  TeamMemberRow,
  UserRow,
} from '../../core/model.js';
import { CONTACT_NOTE_FIELDS } from '../../core/sobjects.js';
import { HandoverError } from '../store/errors.js';

const id = z.string().min(1);
const text = z
  .string()
  .nullish()
  .transform((value) => value ?? null);
const number = z
  .number()
  .nullish()
  .transform((value) => value ?? null);
const flag = z
  .boolean()
  .nullish()
  .transform((value) => value ?? false);
/** A checkbox whose absence means "not known" rather than false. */
const maybeFlag = z
  .boolean()
  .nullish()
  .transform((value) => value ?? undefined);

export type Shape = Record<string, z.ZodType>;

/** The field list of a shape, for the SELECT clause. */
export function fieldsOf(shape: Shape): string[] {
  return Object.keys(shape);
}

/** A parser for one object: its SELECT fields and a validator built once. */
export type RowReader<S extends Shape> = {
  object: string;
  fields: string[];
  parse(record: unknown): z.output<z.ZodObject<S>>;
};

export function rowReader<S extends Shape>(object: string, shape: S): RowReader<S> {
  const schema = z.object(shape);
  return { object, fields: fieldsOf(shape), parse: (record) => parseRow(schema, record, object) };
}

/** Validates one record; a malformed one is an INVALID_ROW error naming the object, the record and the field. */
export function parseRow<S extends z.ZodType>(schema: S, record: unknown, object: string): z.output<S> {
  const parsed = schema.safeParse(record);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue?.path.map(String).join('.') ?? '';
  const recordId = idOf(record);
  const row = recordId === null ? `a ${object} row` : `${object} ${recordId}`;
  const what = field === '' ? 'is not a record' : `has a malformed ${field}`;
  throw new HandoverError('INVALID_ROW', `The org returned ${row} that ${what}: ${issue?.message ?? 'invalid'}.`, {
    actions: ['Check the field in the org (its type, or a customisation that changed it), then read again.'],
    data: { object, field, recordId, issues: parsed.error.issues.slice(0, 5).map((i) => i.message) },
  });
}

function idOf(record: unknown): string | null {
  const value = typeof record === 'object' && record !== null ? (record as { Id?: unknown }).Id : undefined;
  return typeof value === 'string' ? value : null;
}

// ---------------------------------------------------------------------------------------------
// Users and the org

export const USER = rowReader('User', {
  Id: id,
  Name: text,
  Username: text,
  IsActive: flag,
  ManagerId: text,
  UserRoleId: text,
  TimeZoneSidKey: text,
  LanguageLocaleKey: text,
});

export function toUser(row: ReturnType<typeof USER.parse>, isFrozen: boolean | undefined): UserRow {
  return {
    Id: row.Id,
    Name: row.Name ?? row.Username ?? row.Id,
    Username: row.Username ?? '',
    IsActive: row.IsActive,
    ...(isFrozen === undefined ? {} : { IsFrozen: isFrozen }),
    ManagerId: row.ManagerId,
    UserRoleId: row.UserRoleId,
    TimeZoneSidKey: row.TimeZoneSidKey ?? '',
    LanguageLocaleKey: row.LanguageLocaleKey ?? '',
  };
}

export const USER_LOGIN = rowReader('UserLogin', { UserId: text, IsFrozen: maybeFlag });
export const ORGANIZATION = rowReader('Organization', { TimeZoneSidKey: text });
export const HOLIDAY = rowReader('Holiday', { ActivityDate: text, IsAllDay: maybeFlag });

// ---------------------------------------------------------------------------------------------
// Accounts and contacts

const ACCOUNT_SHAPE = {
  Id: id,
  Name: text,
  Industry: text,
  Type: text,
  AnnualRevenue: number,
  Description: text,
  OwnerId: text,
  ParentId: text,
  Phone: text,
  Website: text,
  BillingCity: text,
  BillingCountry: text,
  Rating: text,
  LastActivityDate: text,
};
export const ACCOUNT = rowReader('Account', ACCOUNT_SHAPE);

/** The account reader with the org's strategic checkbox selected too (when the org has one). */
export function accountReader(strategicField: string | null): RowReader<Shape> {
  return strategicField === null ? ACCOUNT : rowReader('Account', { ...ACCOUNT_SHAPE, [strategicField]: flag });
}

export function toAccount(row: Record<string, unknown>, strategicField: string | null): AccountRow {
  const account = row as ReturnType<typeof ACCOUNT.parse>;
  return {
    Id: account.Id,
    Name: account.Name,
    Industry: account.Industry,
    Type: account.Type,
    AnnualRevenue: account.AnnualRevenue,
    Description: account.Description,
    OwnerId: account.OwnerId,
    ParentId: account.ParentId,
    Phone: account.Phone,
    Website: account.Website,
    BillingCity: account.BillingCity,
    BillingCountry: account.BillingCountry,
    Rating: account.Rating,
    LastActivityDate: account.LastActivityDate,
    Strategic: strategicField !== null && row[strategicField] === true,
  };
}

export const CONTACT = rowReader('Contact', {
  Id: id,
  AccountId: text,
  Name: text,
  Title: text,
  Department: text,
  Phone: text,
  MobilePhone: text,
  Email: text,
  ReportsToId: text,
  OwnerId: text,
  LastActivityDate: text,
  HasOptedOutOfEmail: flag,
  DoNotCall: flag,
});

export function toContact(row: ReturnType<typeof CONTACT.parse>): ContactRow {
  return row;
}

export const ACCOUNT_CONTACT_RELATION = rowReader('AccountContactRelation', {
  Id: id,
  AccountId: id,
  ContactId: id,
  Roles: text,
  IsDirect: flag,
  IsActive: maybeFlag,
});

export function toRelation(row: ReturnType<typeof ACCOUNT_CONTACT_RELATION.parse>): AccountContactRelationRow {
  return {
    Id: row.Id,
    AccountId: row.AccountId,
    ContactId: row.ContactId,
    Roles: splitMultipicklist(row.Roles),
    IsDirect: row.IsDirect,
    // A relation is active unless the org says otherwise (old orgs have no IsActive).
    IsActive: row.IsActive ?? true,
  };
}

/** A multi-select picklist value ("a;b") as its values. */
export function splitMultipicklist(value: string | null): string[] {
  if (value === null) return [];
  return value
    .split(';')
    .map((v) => v.trim())
    .filter((v) => v !== '');
}

// ---------------------------------------------------------------------------------------------
// Opportunities

export const OPPORTUNITY = rowReader('Opportunity', {
  Id: id,
  AccountId: text,
  Name: text,
  StageName: text,
  Amount: number,
  CloseDate: text,
  Probability: number,
  IsClosed: flag,
  IsWon: flag,
  NextStep: text,
  Description: text,
  OwnerId: text,
  LastActivityDate: text,
  CreatedDate: text,
});

export function toOpportunity(row: ReturnType<typeof OPPORTUNITY.parse>): OpportunityRow {
  return { ...row, StageName: row.StageName ?? '', CreatedDate: row.CreatedDate ?? '' };
}

export const OPPORTUNITY_CONTACT_ROLE = rowReader('OpportunityContactRole', {
  Id: id,
  OpportunityId: text,
  ContactId: id,
  Role: text,
  IsPrimary: flag,
});

export function toContactRole(
  row: ReturnType<typeof OPPORTUNITY_CONTACT_ROLE.parse>,
  opportunityId: string,
): OpportunityContactRoleRow {
  return { ...row, OpportunityId: row.OpportunityId ?? opportunityId };
}

export const OPPORTUNITY_HISTORY = rowReader('OpportunityHistory', {
  OpportunityId: text,
  StageName: text,
  Amount: number,
  CloseDate: text,
  CreatedDate: text,
});

export function toHistory(
  row: ReturnType<typeof OPPORTUNITY_HISTORY.parse>,
  opportunityId: string,
): OpportunityHistoryRow {
  return { ...row, OpportunityId: row.OpportunityId ?? opportunityId, CreatedDate: row.CreatedDate ?? '' };
}

// ---------------------------------------------------------------------------------------------
// Cases, activities, contracts

export const CASE = rowReader('Case', {
  Id: id,
  AccountId: text,
  ContactId: text,
  CaseNumber: text,
  Subject: text,
  Description: text,
  Status: text,
  Priority: text,
  Origin: text,
  IsClosed: flag,
  IsEscalated: flag,
  OwnerId: text,
  CreatedDate: text,
  ClosedDate: text,
});

export function toCase(row: ReturnType<typeof CASE.parse>): CaseRow {
  return { ...row, CreatedDate: row.CreatedDate ?? '' };
}

export const TASK = rowReader('Task', {
  Id: id,
  Subject: text,
  Status: text,
  Priority: text,
  ActivityDate: text,
  IsClosed: flag,
  WhatId: text,
  WhoId: text,
  AccountId: text,
  OwnerId: text,
  Description: text,
  CreatedDate: text,
});

export function toTask(row: ReturnType<typeof TASK.parse>): ActivityRow {
  return { ...row, kind: 'Task', StartDateTime: null, CreatedDate: row.CreatedDate ?? '' };
}

export const EVENT = rowReader('Event', {
  Id: id,
  Subject: text,
  ActivityDate: text,
  StartDateTime: text,
  WhatId: text,
  WhoId: text,
  AccountId: text,
  OwnerId: text,
  Description: text,
  CreatedDate: text,
});

export function toEvent(row: ReturnType<typeof EVENT.parse>): ActivityRow {
  // Events have no status, priority or closed state in Salesforce: the core judges them by their day.
  return { ...row, kind: 'Event', Status: null, Priority: null, IsClosed: false, CreatedDate: row.CreatedDate ?? '' };
}

export const CONTRACT = rowReader('Contract', {
  Id: id,
  AccountId: text,
  ContractNumber: text,
  Status: text,
  StartDate: text,
  EndDate: text,
  ContractTerm: number,
  OwnerId: text,
  Description: text,
});

export function toContract(row: ReturnType<typeof CONTRACT.parse>): ContractRow {
  return row;
}

// ---------------------------------------------------------------------------------------------
// Files, teams, other owned records, handover notes

export const CONTENT_DOCUMENT = rowReader('ContentDocument', {
  Id: id,
  Title: text,
  FileExtension: text,
  OwnerId: text,
  LastModifiedDate: text,
});

/** A link as the ContentDocumentLinks subquery of a ContentDocument returns it. */
export const DOCUMENT_LINK = rowReader('ContentDocumentLink', { LinkedEntityId: id });

/** One row per record the document is linked to; a document linked nowhere still counts, under its owner. */
export function toFiles(
  doc: ReturnType<typeof CONTENT_DOCUMENT.parse>,
  links: readonly ReturnType<typeof DOCUMENT_LINK.parse>[],
): FileRow[] {
  const file = (linkedEntityId: string): FileRow => ({
    ContentDocumentId: doc.Id,
    Title: doc.Title,
    FileExtension: doc.FileExtension,
    LinkedEntityId: linkedEntityId,
    OwnerId: doc.OwnerId,
    LastModifiedDate: doc.LastModifiedDate,
  });
  if (links.length > 0) return links.map((link) => file(link.LinkedEntityId));
  return [file(doc.OwnerId ?? doc.Id)];
}

/** A link read from ContentDocumentLink with its document's fields (others' files on the user's accounts). */
export const LINKED_FILE_FIELDS = [
  'ContentDocumentId',
  'LinkedEntityId',
  'ContentDocument.Title',
  'ContentDocument.FileExtension',
  'ContentDocument.OwnerId',
  'ContentDocument.LastModifiedDate',
];
export const LINKED_FILE = rowReader('ContentDocumentLink', {
  ContentDocumentId: id,
  LinkedEntityId: id,
  ContentDocument: z
    .object({ Title: text, FileExtension: text, OwnerId: text, LastModifiedDate: text })
    .nullish()
    .transform((value) => value ?? null),
});

export function toLinkedFile(row: ReturnType<typeof LINKED_FILE.parse>): FileRow {
  return {
    ContentDocumentId: row.ContentDocumentId,
    Title: row.ContentDocument?.Title ?? null,
    FileExtension: row.ContentDocument?.FileExtension ?? null,
    LinkedEntityId: row.LinkedEntityId,
    OwnerId: row.ContentDocument?.OwnerId ?? null,
    LastModifiedDate: row.ContentDocument?.LastModifiedDate ?? null,
  };
}

export const ACCOUNT_TEAM_MEMBER = rowReader('AccountTeamMember', {
  Id: id,
  AccountId: id,
  UserId: id,
  TeamMemberRole: text,
});

export function toAccountTeamMember(row: ReturnType<typeof ACCOUNT_TEAM_MEMBER.parse>): TeamMemberRow {
  return {
    Id: row.Id,
    object: 'AccountTeamMember',
    ParentId: row.AccountId,
    UserId: row.UserId,
    TeamMemberRole: row.TeamMemberRole,
  };
}

export const OPPORTUNITY_TEAM_MEMBER = rowReader('OpportunityTeamMember', {
  Id: id,
  OpportunityId: id,
  UserId: id,
  TeamMemberRole: text,
});

export function toOpportunityTeamMember(row: ReturnType<typeof OPPORTUNITY_TEAM_MEMBER.parse>): TeamMemberRow {
  return {
    Id: row.Id,
    object: 'OpportunityTeamMember',
    ParentId: row.OpportunityId,
    UserId: row.UserId,
    TeamMemberRole: row.TeamMemberRole,
  };
}

/** A record of another owner-bearing object: its Id and, when the object has one, its name field. */
export function ownedReader(object: string, nameField: string | null): RowReader<Shape> {
  return rowReader(object, nameField === null ? { Id: id } : { Id: id, [nameField]: text });
}

export function toOwned(row: Record<string, unknown>, object: string, nameField: string | null): OwnedRecordRow {
  const name = nameField === null ? null : row[nameField];
  return { Id: String(row.Id), objectType: object, Name: typeof name === 'string' ? name : null };
}

const F = CONTACT_NOTE_FIELDS;
export const CONTACT_NOTE = rowReader('Handover_Contact__c', {
  Id: id,
  [F.contact]: text,
  [F.decisionRole]: text,
  [F.stance]: text,
  [F.caresAbout]: text,
  [F.preferredChannel]: text,
  [F.preferredTimes]: text,
  [F.topicsToAvoid]: text,
  [F.reportsTo]: text,
  [F.notes]: text,
});

/** The rep's notes on a contact; none for a note that names no contact. */
export function toContactNotes(row: Record<string, unknown>): ContactNotes | null {
  const value = (field: string): string | null => {
    const v = row[field];
    return typeof v === 'string' ? v : null;
  };
  const contactId = value(F.contact);
  if (contactId === null) return null;
  return {
    contactId,
    decisionRole: value(F.decisionRole),
    stance: value(F.stance),
    caresAbout: value(F.caresAbout),
    preferredChannel: value(F.preferredChannel),
    preferredTimes: value(F.preferredTimes),
    topicsToAvoid: value(F.topicsToAvoid),
    reportsToId: value(F.reportsTo),
    notes: value(F.notes),
  };
}
