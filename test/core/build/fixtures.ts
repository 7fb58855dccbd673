/** Small hand-made snapshots: every row has defaults, a test spells only what it is about. */
import type {
  AccountContactRelationRow,
  AccountRow,
  ActivityRow,
  CaseRow,
  ContactNotes,
  ContactRow,
  ContractRow,
  CrmSnapshot,
  FileRow,
  OpportunityContactRoleRow,
  OpportunityHistoryRow,
  OpportunityRow,
  UserRow,
} from '../../../src/core/model.js';

export const ME = 'user-departing';
export const OTHER = 'user-other';
/** A Monday; the org is in Shanghai. */
export const TODAY = '2025-06-16';
export const ZONE = 'Asia/Shanghai';

/** `TODAY` moved by n days. */
export function day(offset: number): string {
  return new Date(Date.parse(`${TODAY}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);
}

/** An instant at noon Shanghai time, n days from `TODAY`. */
export function instant(offset: number): string {
  return `${day(offset)}T04:00:00.000Z`;
}

export const departing: UserRow = {
  Id: ME,
  Name: 'Zhang Wei',
  Username: 'zhang.wei@example.com',
  IsActive: true,
  ManagerId: null,
  UserRoleId: null,
  TimeZoneSidKey: ZONE,
  LanguageLocaleKey: 'zh_CN',
};

export function account(over: Partial<AccountRow> & { Id: string }): AccountRow {
  return {
    Name: `Account ${over.Id}`,
    Industry: 'Technology',
    Type: 'Customer',
    AnnualRevenue: null,
    Description: null,
    OwnerId: ME,
    ParentId: null,
    Phone: null,
    Website: null,
    BillingCity: 'Shanghai',
    BillingCountry: 'China',
    Rating: null,
    LastActivityDate: null,
    Strategic: false,
    ...over,
  };
}

export function contact(over: Partial<ContactRow> & { Id: string }): ContactRow {
  return {
    AccountId: null,
    Name: `Contact ${over.Id}`,
    Title: null,
    Department: null,
    Phone: '+86 21 5555 0000',
    MobilePhone: null,
    Email: `${over.Id}@example.com`,
    ReportsToId: null,
    OwnerId: ME,
    LastActivityDate: null,
    HasOptedOutOfEmail: false,
    DoNotCall: false,
    ...over,
  };
}

export function relation(over: Partial<AccountContactRelationRow> & { AccountId: string; ContactId: string }) {
  return { Id: `acr-${over.AccountId}-${over.ContactId}`, Roles: [], IsDirect: false, IsActive: true, ...over };
}

export function opportunity(over: Partial<OpportunityRow> & { Id: string }): OpportunityRow {
  return {
    AccountId: null,
    Name: `Deal ${over.Id}`,
    StageName: 'Qualification',
    Amount: 100_000,
    CloseDate: day(30),
    Probability: 10,
    IsClosed: false,
    IsWon: false,
    NextStep: 'Call back',
    Description: null,
    OwnerId: ME,
    LastActivityDate: day(-1),
    CreatedDate: instant(-100),
    ...over,
  };
}

export function won(over: Partial<OpportunityRow> & { Id: string }): OpportunityRow {
  return opportunity({
    StageName: 'Closed Won',
    Probability: 100,
    IsClosed: true,
    IsWon: true,
    CloseDate: day(-10),
    ...over,
  });
}

export function role(over: Partial<OpportunityContactRoleRow> & { OpportunityId: string; ContactId: string }) {
  return { Id: `ocr-${over.OpportunityId}-${over.ContactId}`, Role: null, IsPrimary: false, ...over };
}

export function history(OpportunityId: string, rows: [stage: string | null, amount: number | null, daysAgo: number][]) {
  return rows.map(([StageName, Amount, daysAgo]): OpportunityHistoryRow => ({
    OpportunityId,
    StageName,
    Amount,
    CloseDate: day(30),
    CreatedDate: instant(-daysAgo),
  }));
}

export function caseRow(over: Partial<CaseRow> & { Id: string }): CaseRow {
  return {
    AccountId: null,
    ContactId: null,
    CaseNumber: `000${over.Id}`,
    Subject: `Problem ${over.Id}`,
    Description: null,
    Status: 'New',
    Priority: 'Medium',
    Origin: 'Phone',
    IsClosed: false,
    IsEscalated: false,
    OwnerId: ME,
    CreatedDate: instant(-1),
    ClosedDate: null,
    ...over,
  };
}

export function task(over: Partial<ActivityRow> & { Id: string }): ActivityRow {
  return {
    kind: 'Task',
    Subject: `Task ${over.Id}`,
    Status: 'Not Started',
    Priority: 'Normal',
    ActivityDate: day(3),
    StartDateTime: null,
    IsClosed: false,
    WhatId: null,
    WhoId: null,
    AccountId: null,
    OwnerId: ME,
    Description: null,
    CreatedDate: instant(-5),
    ...over,
  };
}

export function event(over: Partial<ActivityRow> & { Id: string; offset: number }): ActivityRow {
  const { offset, ...rest } = over;
  return task({
    kind: 'Event',
    Subject: `Meeting ${over.Id}`,
    Status: null,
    Priority: null,
    ActivityDate: day(offset),
    StartDateTime: instant(offset),
    IsClosed: offset < 0,
    ...rest,
  });
}

export function contract(over: Partial<ContractRow> & { Id: string }): ContractRow {
  return {
    AccountId: null,
    ContractNumber: `C-${over.Id}`,
    Status: 'Activated',
    StartDate: day(-300),
    EndDate: day(200),
    ContractTerm: 12,
    OwnerId: ME,
    Description: null,
    ...over,
  };
}

export function file(over: Partial<FileRow> & { ContentDocumentId: string; LinkedEntityId: string }): FileRow {
  return {
    Title: `File ${over.ContentDocumentId}`,
    FileExtension: 'pdf',
    OwnerId: ME,
    LastModifiedDate: instant(-3),
    ...over,
  };
}

export function notes(over: Partial<ContactNotes> & { contactId: string }): ContactNotes {
  return {
    decisionRole: null,
    stance: null,
    caresAbout: null,
    preferredChannel: null,
    preferredTimes: null,
    topicsToAvoid: null,
    reportsToId: null,
    notes: null,
    ...over,
  };
}

export function snapshot(parts: Partial<CrmSnapshot> = {}): CrmSnapshot {
  return {
    departing,
    today: TODAY,
    timeZone: ZONE,
    accounts: [],
    contacts: [],
    accountContactRelations: [],
    opportunities: [],
    opportunityContactRoles: [],
    opportunityHistory: [],
    cases: [],
    activities: [],
    contracts: [],
    files: [],
    teamMembers: [],
    otherOwned: [],
    contactNotes: [],
    ...parts,
  };
}
