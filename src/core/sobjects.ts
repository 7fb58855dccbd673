/**
 * The one module that spells Salesforce object and field API names used by the product.
 * Everything else imports these constants; force-app/ holds the matching metadata.
 */
export const HANDOVER_OBJECTS = {
  handover: 'Handover__c',
  item: 'Handover_Item__c',
  contact: 'Handover_Contact__c',
  signature: 'Handover_Signature__c',
  event: 'Handover_Event__c',
} as const;

export type HandoverObjectName = (typeof HANDOVER_OBJECTS)[keyof typeof HANDOVER_OBJECTS];

/** The objects `handover doctor` expects to find deployed in an org. */
export const REQUIRED_HANDOVER_OBJECTS: readonly HandoverObjectName[] = Object.values(HANDOVER_OBJECTS);

/** Handover__c fields. */
export const HANDOVER_FIELDS = {
  departingUser: 'Departing_User__c',
  manager: 'Manager__c',
  status: 'Status__c',
  lastWorkingDay: 'Last_Working_Day__c',
  reason: 'Reason__c',
  successorIds: 'Successor_Ids__c',
  completeness: 'Completeness__c',
  gapCount: 'Gap_Count__c',
  contentHash: 'Content_Hash__c',
  reviewDue: 'Review_Due__c',
  transitionEnd: 'Transition_End__c',
  overrideReason: 'Override_Reason__c',
  approvedAt: 'Approved_At__c',
  runLeaseOwner: 'Run_Lease_Owner__c',
  runLeaseExpires: 'Run_Lease_Expires__c',
  runJournal: 'Run_Journal__c',
  summary: 'Summary__c',
} as const;

/** Handover_Item__c fields. */
export const ITEM_FIELDS = {
  handover: 'Handover__c',
  objectType: 'Object_Type__c',
  recordId: 'Record_Id__c',
  recordName: 'Record_Name__c',
  account: 'Account__c',
  successor: 'Successor__c',
  previousOwner: 'Previous_Owner__c',
  category: 'Category__c',
  priority: 'Priority__c',
  dueDate: 'Due_Date__c',
  state: 'State__c',
  riskNotes: 'Risk_Notes__c',
  nextStep: 'Next_Step__c',
  notes: 'Notes__c',
  answer: 'Answer__c',
  askedBy: 'Asked_By__c',
  answeredAt: 'Answered_At__c',
  counterpart: 'Counterpart__c',
  confirmedByDeparting: 'Confirmed_By_Departing__c',
  reviewedBySuccessor: 'Reviewed_By_Successor__c',
  transferStatus: 'Transfer_Status__c',
  transferError: 'Transfer_Error__c',
  transferredAt: 'Transferred_At__c',
} as const;

/** Handover_Contact__c fields (relationship-map notes). */
export const CONTACT_NOTE_FIELDS = {
  handover: 'Handover__c',
  contact: 'Contact__c',
  contactName: 'Contact_Name__c',
  contactTitle: 'Contact_Title__c',
  account: 'Account__c',
  decisionRole: 'Decision_Role__c',
  stance: 'Stance__c',
  caresAbout: 'Cares_About__c',
  preferredChannel: 'Preferred_Channel__c',
  preferredTimes: 'Preferred_Times__c',
  topicsToAvoid: 'Topics_To_Avoid__c',
  reportsTo: 'Reports_To__c',
  notes: 'Notes__c',
  confirmedByDeparting: 'Confirmed_By_Departing__c',
} as const;

/** Handover_Signature__c fields. */
export const SIGNATURE_FIELDS = {
  handover: 'Handover__c',
  signer: 'Signer__c',
  role: 'Role__c',
  signedAt: 'Signed_At__c',
  contentHash: 'Content_Hash__c',
  comment: 'Comment__c',
} as const;

/** Handover_Event__c fields (the append-only audit log). */
export const EVENT_FIELDS = {
  handover: 'Handover__c',
  actor: 'Actor__c',
  action: 'Action__c',
  occurredAt: 'Occurred_At__c',
  details: 'Details__c',
  contentHash: 'Content_Hash__c',
  previousEventHash: 'Previous_Event_Hash__c',
  eventHash: 'Event_Hash__c',
} as const;

/** Custom fields the product reads on standard objects (optional: absent in orgs that lack them). */
export const STANDARD_EXTENSIONS = {
  accountStrategic: 'Strategic__c',
} as const;

/** Picklist values of Handover__c.Status__c, in lifecycle order. */
export const HANDOVER_STATUSES = [
  'Draft',
  'Signed_By_Departing',
  'Signed_By_Successors',
  'Approved',
  'Reassigning',
  'Reassigned',
  'Partially_Reassigned',
  'Rolled_Back',
  'Cancelled',
] as const;

/** Opportunity stages of a new org in their sales-process order; Closed Won and Closed Lost are the closed ones. */
export const STANDARD_OPPORTUNITY_STAGES = [
  'Prospecting',
  'Qualification',
  'Needs Analysis',
  'Value Proposition',
  'Id. Decision Makers',
  'Perception Analysis',
  'Proposal/Price Quote',
  'Negotiation/Review',
  'Closed Won',
  'Closed Lost',
] as const;

export const HANDOVER_REASONS = ['Resignation', 'Transfer', 'Leave', 'Other'] as const;
export type HandoverReason = (typeof HANDOVER_REASONS)[number];

export const ITEM_CATEGORIES = [
  'Record',
  'Pending_Item',
  'Open_Opportunity',
  'Complaint',
  'Contract_Renewal',
  'Cross_Department',
  'System_Access',
  'Team_Routine',
  'Question',
  'Note',
] as const;
export type ItemCategory = (typeof ITEM_CATEGORIES)[number];

export const TRANSFER_STATUSES = [
  'Not_Planned',
  'Pending',
  'In_Progress',
  'Transferred',
  'Conflict',
  'Failed',
  'Skipped',
  'Rolled_Back',
] as const;
export type TransferStatus = (typeof TRANSFER_STATUSES)[number];

/** Picklist values of Handover_Item__c.State__c. */
export const ITEM_STATES = ['Open', 'In_Progress', 'Waiting', 'Done', 'Blocked'] as const;
export type ItemState = (typeof ITEM_STATES)[number];

/** Picklist values of Handover_Item__c.Priority__c. */
export const ITEM_PRIORITIES = ['High', 'Medium', 'Low'] as const;

/** Picklist values of Handover_Signature__c.Role__c. */
export const SIGNATURE_ROLES = ['Departing', 'Successor', 'Manager'] as const;
export type SignatureRole = (typeof SIGNATURE_ROLES)[number];

/** Picklist values of Handover_Contact__c.Decision_Role__c. */
export const CONTACT_DECISION_ROLES = [
  'Decision_Maker',
  'Economic_Buyer',
  'Technical_Buyer',
  'Influencer',
  'Evaluator',
  'User',
  'Gatekeeper',
  'Other',
] as const;

/** Picklist values of Handover_Contact__c.Stance__c. */
export const CONTACT_STANCES = ['Champion', 'Supporter', 'Neutral', 'Skeptic', 'Opponent', 'Unknown'] as const;

/** Picklist values of Handover_Contact__c.Preferred_Channel__c. */
export const CONTACT_CHANNELS = ['Email', 'Phone', 'WeChat', 'In_Person', 'Video_Call'] as const;

/** Text field lengths the product must respect when it writes (longer values are cut, not refused). */
export const FIELD_LENGTHS = {
  successorIds: 255,
  itemObjectType: 80,
  itemRecordId: 18,
  itemRecordName: 255,
  itemNextStep: 255,
  itemCounterpart: 255,
  itemTransferError: 255,
  contactPreferredTimes: 255,
  contactName: 121,
  contactTitle: 128,
  eventAction: 80,
  longText: 32768,
  summary: 131072,
  eventDetails: 131072,
} as const;
