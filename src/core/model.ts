/**
 * The handover domain model. Input: plain rows read from the org (already validated at the
 * boundary). Output: the handover draft that the product persists, shows and signs.
 * Dates are ISO strings: "YYYY-MM-DD" for dates, UTC ISO instants for datetimes.
 */

export type IsoDate = string;
export type IsoDateTime = string;
export type Priority = 'High' | 'Medium' | 'Low';

// ---------------------------------------------------------------- input rows

export type UserRow = {
  Id: string;
  Name: string;
  Username: string;
  IsActive: boolean;
  IsFrozen?: boolean;
  ManagerId: string | null;
  UserRoleId: string | null;
  TimeZoneSidKey: string;
  LanguageLocaleKey: string;
};

export type AccountRow = {
  Id: string;
  Name: string | null;
  Industry: string | null;
  Type: string | null;
  AnnualRevenue: number | null;
  Description: string | null;
  OwnerId: string | null;
  ParentId: string | null;
  Phone: string | null;
  Website: string | null;
  BillingCity: string | null;
  BillingCountry: string | null;
  Rating: string | null;
  LastActivityDate: IsoDate | null;
  /** Marked strategic in the org (a custom checkbox when the org has one). */
  Strategic: boolean;
};

export type ContactRow = {
  Id: string;
  AccountId: string | null;
  Name: string | null;
  Title: string | null;
  Department: string | null;
  Phone: string | null;
  MobilePhone: string | null;
  Email: string | null;
  ReportsToId: string | null;
  OwnerId: string | null;
  LastActivityDate: IsoDate | null;
  HasOptedOutOfEmail: boolean;
  DoNotCall: boolean;
};

export type AccountContactRelationRow = {
  Id: string;
  AccountId: string;
  ContactId: string;
  Roles: string[];
  IsDirect: boolean;
  IsActive: boolean;
};

export type OpportunityRow = {
  Id: string;
  AccountId: string | null;
  Name: string | null;
  StageName: string;
  Amount: number | null;
  CloseDate: IsoDate | null;
  Probability: number | null;
  IsClosed: boolean;
  IsWon: boolean;
  NextStep: string | null;
  Description: string | null;
  OwnerId: string | null;
  LastActivityDate: IsoDate | null;
  CreatedDate: IsoDateTime;
};

export type OpportunityContactRoleRow = {
  Id: string;
  OpportunityId: string;
  ContactId: string;
  Role: string | null;
  IsPrimary: boolean;
};

/** One row of an opportunity's stage and amount history, oldest first after sorting by CreatedDate. */
export type OpportunityHistoryRow = {
  OpportunityId: string;
  StageName: string | null;
  Amount: number | null;
  CloseDate: IsoDate | null;
  CreatedDate: IsoDateTime;
};

export type CaseRow = {
  Id: string;
  AccountId: string | null;
  ContactId: string | null;
  CaseNumber: string | null;
  Subject: string | null;
  Description: string | null;
  Status: string | null;
  Priority: string | null;
  Origin: string | null;
  IsClosed: boolean;
  IsEscalated: boolean;
  OwnerId: string | null;
  CreatedDate: IsoDateTime;
  ClosedDate: IsoDateTime | null;
};

export type ActivityRow = {
  Id: string;
  kind: 'Task' | 'Event';
  Subject: string | null;
  Status: string | null;
  Priority: string | null;
  /** Due date of a task, or the day of an event. */
  ActivityDate: IsoDate | null;
  StartDateTime: IsoDateTime | null;
  IsClosed: boolean;
  WhatId: string | null;
  WhoId: string | null;
  AccountId: string | null;
  OwnerId: string | null;
  Description: string | null;
  CreatedDate: IsoDateTime;
};

export type ContractRow = {
  Id: string;
  AccountId: string | null;
  ContractNumber: string | null;
  Status: string | null;
  StartDate: IsoDate | null;
  EndDate: IsoDate | null;
  ContractTerm: number | null;
  OwnerId: string | null;
  Description: string | null;
};

export type FileRow = {
  ContentDocumentId: string;
  Title: string | null;
  FileExtension: string | null;
  /** The record the file is linked to (an account, opportunity, case, ...). */
  LinkedEntityId: string;
  OwnerId: string | null;
  LastModifiedDate: IsoDateTime | null;
};

export type TeamMemberRow = {
  Id: string;
  object: 'AccountTeamMember' | 'OpportunityTeamMember';
  /** AccountId or OpportunityId. */
  ParentId: string;
  UserId: string;
  TeamMemberRole: string | null;
};

/** A record of any other object with an OwnerId owned by the departing user (found from describe). */
export type OwnedRecordRow = { Id: string; objectType: string; Name: string | null };

/** Notes the departing rep already wrote about a contact (Handover_Contact__c), keyed by contact. */
export type ContactNotes = {
  contactId: string;
  decisionRole: string | null;
  stance: string | null;
  caresAbout: string | null;
  preferredChannel: string | null;
  preferredTimes: string | null;
  topicsToAvoid: string | null;
  reportsToId: string | null;
  notes: string | null;
};

/** Everything read from the org about one departing user's book of business. */
export type CrmSnapshot = {
  departing: UserRow;
  /** "Today" in the org's time zone, and the zone itself: every relative rule uses them. */
  today: IsoDate;
  timeZone: string;
  accounts: AccountRow[];
  contacts: ContactRow[];
  accountContactRelations: AccountContactRelationRow[];
  opportunities: OpportunityRow[];
  opportunityContactRoles: OpportunityContactRoleRow[];
  opportunityHistory: OpportunityHistoryRow[];
  cases: CaseRow[];
  activities: ActivityRow[];
  contracts: ContractRow[];
  files: FileRow[];
  teamMembers: TeamMemberRow[];
  otherOwned: OwnedRecordRow[];
  contactNotes: ContactNotes[];
  /** Closed-won amount per account in the last 12 months is computed from opportunities. */
};

// ---------------------------------------------------------------- output

export type RiskSignal =
  | 'close_date_passed'
  | 'no_recent_activity'
  | 'single_threaded'
  | 'stage_moved_back'
  | 'amount_dropped'
  | 'competitor_named';

export type KeyAccountReason = 'top_annual_revenue' | 'top_closed_won' | 'strategic';

export type AccountStage = 'prospect' | 'negotiating' | 'under_contract';

export type RelationshipContact = {
  contactId: string;
  name: string;
  title: string | null;
  department: string | null;
  email: string | null;
  phone: string | null;
  reportsToId: string | null;
  /** Roles from AccountContactRelation and OpportunityContactRole, de-duplicated. */
  roles: string[];
  isDecisionMaker: boolean;
  isPrimaryOnOpenDeal: boolean;
  lastTouch: IsoDate | null;
  ownerId: string | null;
  notes: ContactNotes | null;
};

export type RelationshipMap = {
  contacts: RelationshipContact[];
  /** Who reports to whom, only between contacts of the map. */
  reportsTo: { from: string; to: string }[];
};

export type PendingItemKind = 'task' | 'event' | 'quote' | 'proposal' | 'case' | 'renewal' | 'next_step';

export type PendingItem = {
  kind: PendingItemKind;
  recordId: string;
  objectType: string;
  accountId: string | null;
  title: string;
  priority: Priority;
  dueDate: IsoDate | null;
  state: string;
  overdue: boolean;
};

export type OpportunityRisk = {
  opportunityId: string;
  accountId: string | null;
  name: string;
  stage: string;
  amount: number | null;
  closeDate: IsoDate | null;
  nextStep: string | null;
  risks: RiskSignal[];
  /** The competitor named in the description or next step, when one is. */
  competitor: string | null;
};

export type Complaint = {
  caseId: string;
  accountId: string | null;
  caseNumber: string | null;
  subject: string;
  priority: Priority;
  status: string;
  openedOn: IsoDate;
  ageDays: number;
  isEscalated: boolean;
  /** What the successor must do: escalate (high priority, old or already escalated), follow up, or nothing. */
  needs: 'escalation' | 'follow_up';
};

export type DealSummary = {
  opportunityId: string;
  name: string;
  stage: string;
  amount: number | null;
  closeDate: IsoDate | null;
  isWon: boolean;
};
export type ContractSummary = {
  contractId: string;
  contractNumber: string | null;
  status: string | null;
  startDate: IsoDate | null;
  endDate: IsoDate | null;
  renewsWithinDays: number | null;
};
export type Communication = {
  activityId: string;
  kind: 'Task' | 'Event';
  subject: string;
  date: IsoDate | null;
  contactId: string | null;
};

export type AccountHandover = {
  accountId: string;
  name: string;
  industry: string | null;
  annualRevenue: number | null;
  description: string | null;
  ownedByDeparting: boolean;
  isKeyAccount: boolean;
  keyReasons: KeyAccountReason[];
  stage: AccountStage;
  closedWonLast12Months: number;
  pastDeals: DealSummary[];
  contracts: ContractSummary[];
  latestCommunications: Communication[];
  relationshipMap: RelationshipMap;
  pendingItems: PendingItem[];
  openOpportunities: OpportunityRisk[];
  complaints: Complaint[];
  files: { contentDocumentId: string; title: string }[];
  successorId: string | null;
};

export type GapSeverity = 'high' | 'medium' | 'low';

/** One thing missing from the handover, found by a completeness rule. */
export type Gap = {
  ruleId: string;
  severity: GapSeverity;
  /** The entity the gap is about (an account, opportunity, case, contact), when it is about one. */
  recordId: string | null;
  accountId: string | null;
  /** A short English description with the record's name; the UI translates by ruleId. */
  message: string;
};

export type Completeness = { score: number; passed: number; checked: number; gaps: Gap[] };

export type ManualSection = 'cross_department' | 'system_access' | 'team_routine';
