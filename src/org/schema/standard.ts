import { STANDARD_OPPORTUNITY_STAGES } from '../../core/sobjects.js';
import { field, ownerField, picklist, reference, sobject, type FieldOptions, type PicklistOptions } from './build.js';
import type { FieldDef, SObjectDef } from './types.js';

/**
 * The standard objects of the local org, as describe reports them in a new Enterprise Edition org:
 * API names, key prefixes, types, lengths, required fields, picklist values and relationship names.
 * Only the fields the handover engine and its tests touch are declared; custom fields come from
 * force-app metadata (see metadata.ts). Read-only fields the org computes (Contact.Name,
 * Opportunity.IsClosed, Case.CaseNumber, ...) are filled by the store (see derived.ts).
 */
export function standardObjects(): SObjectDef[] {
  return [
    ...setupObjects(),
    ...salesObjects(),
    ...serviceObjects(),
    ...activityObjects(),
    ...contentObjects(),
    ...shareObjects(),
    ...calendarObjects(),
  ];
}

// ---------------------------------------------------------------------------------------------
// Picklist values of a new org

const ACCOUNT_TYPES = [
  'Prospect',
  'Customer - Direct',
  'Customer - Channel',
  'Channel Partner / Reseller',
  'Installation Partner',
  'Technology Partner',
  'Other',
];
const INDUSTRIES = [
  'Agriculture',
  'Apparel',
  'Banking',
  'Biotechnology',
  'Chemicals',
  'Communications',
  'Construction',
  'Consulting',
  'Education',
  'Electronics',
  'Energy',
  'Engineering',
  'Entertainment',
  'Environmental',
  'Finance',
  'Food & Beverage',
  'Government',
  'Healthcare',
  'Hospitality',
  'Insurance',
  'Machinery',
  'Manufacturing',
  'Media',
  'Not For Profit',
  'Recreation',
  'Retail',
  'Shipping',
  'Technology',
  'Telecommunications',
  'Transportation',
  'Utilities',
  'Other',
];
const RATINGS = ['Hot', 'Warm', 'Cold'];
const LEAD_SOURCES = ['Web', 'Phone Inquiry', 'Partner Referral', 'Purchased List', 'Other'];
const SALUTATIONS = ['Mr.', 'Ms.', 'Mrs.', 'Dr.', 'Prof.', 'Mx.'];
const CONTACT_ROLES = [
  'Business User',
  'Decision Maker',
  'Economic Buyer',
  'Economic Decision Maker',
  'Evaluator',
  'Executive Sponsor',
  'Influencer',
  'Technical Buyer',
  'Other',
];
const TEAM_ROLES = [
  'Account Manager',
  'Channel Manager',
  'Executive Sponsor',
  'Lead Qualifier',
  'Pre-Sales Consultant',
  'Sales Manager',
  'Sales Rep',
  'Technical Sales Manager',
];

/** Stages of a new org in their sales-process order; Closed Won and Closed Lost are the closed ones. */
export const OPPORTUNITY_STAGES: string[] = [...STANDARD_OPPORTUNITY_STAGES];
const FORECAST_CATEGORY_NAMES = ['Omitted', 'Pipeline', 'Best Case', 'Commit', 'Closed'];
const FORECAST_CATEGORIES = ['Omitted', 'Pipeline', 'BestCase', 'Forecast', 'Closed'];
const OPPORTUNITY_TYPES = [
  'Existing Customer - Upgrade',
  'Existing Customer - Replacement',
  'Existing Customer - Downgrade',
  'New Customer',
];

const TIME_ZONES = [
  'Pacific/Kiritimati',
  'Pacific/Auckland',
  'Australia/Sydney',
  'Asia/Tokyo',
  'Asia/Seoul',
  'Asia/Shanghai',
  'Asia/Hong_Kong',
  'Asia/Taipei',
  'Asia/Singapore',
  'Asia/Manila',
  'Asia/Bangkok',
  'Asia/Jakarta',
  'Asia/Kolkata',
  'Asia/Dubai',
  'Europe/Moscow',
  'Europe/Istanbul',
  'Africa/Johannesburg',
  'Europe/Berlin',
  'Europe/Paris',
  'Europe/Amsterdam',
  'Europe/Madrid',
  'Europe/Rome',
  'Europe/Zurich',
  'Europe/London',
  'GMT',
  'America/Sao_Paulo',
  'America/New_York',
  'America/Toronto',
  'America/Chicago',
  'America/Mexico_City',
  'America/Denver',
  'America/Phoenix',
  'America/Los_Angeles',
  'America/Anchorage',
  'Pacific/Honolulu',
];
const LOCALES = [
  'en_US',
  'en_GB',
  'en_AU',
  'en_CA',
  'en_IN',
  'en_SG',
  'zh_CN',
  'zh_HK',
  'zh_TW',
  'ja_JP',
  'ko_KR',
  'de_DE',
  'fr_FR',
  'es_ES',
  'it_IT',
  'nl_NL',
  'pt_BR',
  'ru_RU',
];
const LANGUAGES = ['en_US', 'en_GB', 'zh_CN', 'zh_TW', 'ja', 'ko', 'de', 'fr', 'es', 'it', 'nl_NL', 'pt_BR', 'ru'];
const EMAIL_ENCODINGS = [
  'UTF-8',
  'ISO-8859-1',
  'Shift_JIS',
  'ISO-2022-JP',
  'EUC-JP',
  'ks_c_5601-1987',
  'Big5',
  'GB2312',
];
const USER_TYPES = [
  'Standard',
  'PowerPartner',
  'PowerCustomerSuccess',
  'CustomerSuccess',
  'CspLitePortal',
  'CsnOnly',
  'Guest',
];
const GROUP_TYPES = [
  'AllCustomerPortal',
  'Manager',
  'ManagerAndSubordinatesInternal',
  'Organization',
  'PRMOrganization',
  'Queue',
  'Regular',
  'Role',
  'RoleAndSubordinates',
  'RoleAndSubordinatesInternal',
  'Territory',
  'TerritoryAndSubordinates',
];
const ROW_CAUSES = [
  'Owner',
  'Manual',
  'Rule',
  'ImplicitChild',
  'ImplicitParent',
  'Team',
  'Territory',
  'TerritoryManual',
  'TerritoryRule',
];
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** Objects a task or event may be related to (WhatId); custom objects with activities are added by metadata.ts. */
export const ACTIVITY_WHAT_OBJECTS = ['Account', 'Case', 'Contract', 'Opportunity'];
/** Objects files and notes may be attached to; custom objects are added by metadata.ts. */
export const ATTACHABLE_OBJECTS = ['Account', 'Case', 'Contact', 'Contract', 'Lead', 'Opportunity', 'User'];

// ---------------------------------------------------------------------------------------------
// Field shorthands

function text(name: string, length: number, options: FieldOptions = {}): FieldDef {
  return field(name, 'string', { length, ...options });
}

function textArea(name: string, length = 255, options: FieldOptions = {}): FieldDef {
  return field(name, 'textarea', { length, ...options });
}

/** The field that names the record: required, searchable by value (idLookup). */
function nameField(name: string, length: number, options: FieldOptions = {}): FieldDef {
  return text(name, length, { required: true, nameField: true, idLookup: true, ...options });
}

/** A read-only auto-number the store assigns on insert ("00001000"). */
function autoNumber(name: string, label: string): FieldDef {
  return text(name, 30, {
    label,
    readOnly: true,
    nillable: false,
    nameField: true,
    idLookup: true,
    autoNumberFormat: '{00000000}',
  });
}

function email(name: string, options: FieldOptions = {}): FieldDef {
  return field(name, 'email', { length: 80, ...options });
}

function phone(name: string, options: FieldOptions = {}): FieldDef {
  return field(name, 'phone', { length: 40, ...options });
}

function checkbox(name: string, defaultValue = false, options: FieldOptions = {}): FieldDef {
  return field(name, 'boolean', { defaultValue, ...options });
}

/** A restricted picklist: values outside the list are rejected. */
function restricted(name: string, values: string[], options: PicklistOptions = {}): FieldDef {
  return picklist(name, values, { restrictedPicklist: true, ...options });
}

/** Street, City, State, PostalCode and Country of a compound address ("Billing", "Mailing", "" on User). */
function address(prefix: string): FieldDef[] {
  const label = (part: string) => `${prefix} ${part}`.trim();
  return [
    textArea(`${prefix}Street`, 255, { label: label('Street') }),
    text(`${prefix}City`, 40, { label: label('City') }),
    text(`${prefix}State`, 80, { label: label('State/Province') }),
    text(`${prefix}PostalCode`, 20, { label: label('Zip/Postal Code') }),
    text(`${prefix}Country`, 80, { label: label('Country') }),
  ];
}

/** Salutation, FirstName, LastName and the full Name the store composes. */
function personName(): FieldDef[] {
  return [
    picklist('Salutation', SALUTATIONS),
    text('FirstName', 40, { label: 'First Name' }),
    text('LastName', 80, { label: 'Last Name', required: true }),
    text('Name', 121, { label: 'Full Name', readOnly: true, nillable: false, nameField: true, idLookup: true }),
  ];
}

function lastActivityDate(): FieldDef {
  return field('LastActivityDate', 'date', { label: 'Last Activity', readOnly: true });
}

/** Lookup fields of junction and share rows: set on insert, never changed. */
function parentLookup(name: string, parent: string, childRelationshipName: string | null): FieldDef {
  return reference(name, [parent], parent, { required: true, updateable: false, childRelationshipName });
}

/** The Permissions* booleans shared by Profile and PermissionSet. */
function permissionFields(): FieldDef[] {
  return [
    checkbox('PermissionsApiEnabled', false, { label: 'API Enabled' }),
    checkbox('PermissionsViewAllData', false, { label: 'View All Data' }),
    checkbox('PermissionsModifyAllData', false, { label: 'Modify All Data' }),
    checkbox('PermissionsTransferAnyEntity', false, { label: 'Transfer Record' }),
    checkbox('PermissionsTransferAnyCase', false, { label: 'Transfer Cases' }),
    checkbox('PermissionsTransferAnyLead', false, { label: 'Transfer Leads' }),
    checkbox('PermissionsManageUsers', false, { label: 'Manage Users' }),
  ];
}

// ---------------------------------------------------------------------------------------------
// Setup: organization, users, roles, profiles, permission sets, groups and queues

function setupObjects(): SObjectDef[] {
  return [
    organization(),
    user(),
    userRole(),
    profile(),
    permissionSet(),
    permissionSetAssignment(),
    objectPermissions(),
    group(),
    groupMember(),
    queueSobject(),
    userLogin(),
  ];
}

function organization(): SObjectDef {
  const access = (name: string, values: string[]) => restricted(name, values, { readOnly: true, nillable: false });
  return sobject(
    'Organization',
    '00D',
    [
      text('Name', 80, { nameField: true, idLookup: true, createable: false, nillable: false }),
      text('Division', 80, { createable: false }),
      ...address('').map((f) => ({ ...f, createable: false })),
      phone('Phone', { createable: false }),
      phone('Fax', { createable: false }),
      text('PrimaryContact', 80, { createable: false }),
      text('InstanceName', 5, { readOnly: true }),
      checkbox('IsSandbox', false, { readOnly: true }),
      checkbox('IsReadOnly', false, { readOnly: true }),
      field('TrialExpirationDate', 'datetime', { readOnly: true }),
      text('NamespacePrefix', 15, { readOnly: true }),
      picklist(
        'OrganizationType',
        [
          'Team Edition',
          'Professional Edition',
          'Enterprise Edition',
          'Developer Edition',
          'Personal Edition',
          'Unlimited Edition',
          'Contact Manager Edition',
          'Base Edition',
        ],
        { label: 'Edition', readOnly: true },
      ),
      restricted('TimeZoneSidKey', TIME_ZONES, { label: 'Default Time Zone', readOnly: true, nillable: false }),
      restricted('DefaultLocaleSidKey', LOCALES, { label: 'Default Locale', readOnly: true, nillable: false }),
      restricted('LanguageLocaleKey', LANGUAGES, { label: 'Default Language', readOnly: true, nillable: false }),
      access('DefaultAccountAccess', ['None', 'Read', 'Edit']),
      access('DefaultContactAccess', ['None', 'Read', 'Edit', 'ControlledByParent']),
      access('DefaultOpportunityAccess', ['None', 'Read', 'Edit']),
      access('DefaultCaseAccess', ['None', 'Read', 'Edit', 'ReadEditTransfer']),
      access('DefaultLeadAccess', ['None', 'Read', 'Edit', 'ReadEditTransfer']),
      field('FiscalYearStartMonth', 'int', { label: 'Fiscal Year Starts In', readOnly: true, precision: 2 }),
      checkbox('UsesStartDateAsFiscalYearName', false, { label: 'Fiscal Year Name by Start', readOnly: true }),
      email('ComplianceBccEmail', { label: 'Compliance BCC Email', readOnly: true }),
    ],
    { labelPlural: 'Organizations', createable: false, deletable: false },
  );
}

function user(): SObjectDef {
  const localeKey = (name: string, label: string, values: string[]) =>
    restricted(name, values, { label, required: true });
  return sobject(
    'User',
    '005',
    [
      text('Username', 80, { required: true, unique: true, idLookup: true }),
      ...personName(),
      text('Alias', 8, { required: true }),
      email('Email', { length: 128, required: true }),
      text('CommunityNickname', 40, { label: 'Nickname', nillable: false, defaultedOnCreate: true, unique: true }),
      checkbox('IsActive', true, { label: 'Active' }),
      reference('ProfileId', ['Profile'], 'Profile', { label: 'Profile ID', required: true }),
      reference('UserRoleId', ['UserRole'], 'UserRole', { label: 'Role ID', childRelationshipName: 'Users' }),
      reference('ManagerId', ['User'], 'Manager', { label: 'Manager ID', childRelationshipName: 'ManagedUsers' }),
      localeKey('TimeZoneSidKey', 'Time Zone', TIME_ZONES),
      localeKey('LocaleSidKey', 'Locale', LOCALES),
      localeKey('LanguageLocaleKey', 'Language', LANGUAGES),
      localeKey('EmailEncodingKey', 'Email Encoding', EMAIL_ENCODINGS),
      text('Title', 80),
      text('Department', 80),
      text('Division', 80),
      text('CompanyName', 80, { label: 'Company Name' }),
      text('EmployeeNumber', 20, { label: 'Employee Number' }),
      phone('Phone'),
      phone('MobilePhone', { label: 'Mobile' }),
      ...address(''),
      text('FederationIdentifier', 512, { label: 'SAML Federation ID', idLookup: true }),
      picklist('UserType', USER_TYPES, { label: 'User Type', readOnly: true, defaultValue: 'Standard' }),
      field('LastLoginDate', 'datetime', { label: 'Last Login', readOnly: true }),
    ],
    { labelPlural: 'Users', deletable: false },
  );
}

function userRole(): SObjectDef {
  const accessForOwner = (name: string, label: string) =>
    restricted(name, ['None', 'Read', 'Edit'], { label, nillable: false, defaultValue: 'None' });
  return sobject(
    'UserRole',
    '00E',
    [
      nameField('Name', 80),
      reference('ParentRoleId', ['UserRole'], 'ParentRole', { label: 'Parent Role ID' }),
      text('DeveloperName', 80, { label: 'Developer Name', nillable: false, defaultedOnCreate: true }),
      text('RollupDescription', 80, { label: 'Description' }),
      accessForOwner('OpportunityAccessForAccountOwner', 'Opportunity Access Level'),
      accessForOwner('CaseAccessForAccountOwner', 'Case Access Level'),
      accessForOwner('ContactAccessForAccountOwner', 'Contact Access Level'),
      picklist('PortalType', ['None', 'CustomerPortal', 'Partner'], { label: 'Portal Type', readOnly: true }),
    ],
    { label: 'Role', labelPlural: 'Roles' },
  );
}

function profile(): SObjectDef {
  return sobject(
    'Profile',
    '00e',
    [
      nameField('Name', 255, { createable: false }),
      picklist('UserType', USER_TYPES, { label: 'User Type', readOnly: true }),
      text('Description', 255, { createable: false }),
      ...permissionFields().map((f) => ({ ...f, createable: false })),
    ],
    { labelPlural: 'Profiles', createable: false, deletable: false },
  );
}

function permissionSet(): SObjectDef {
  return sobject(
    'PermissionSet',
    '0PS',
    [
      text('Name', 80, { required: true, idLookup: true }),
      nameField('Label', 80),
      text('Description', 255),
      checkbox('IsOwnedByProfile', false, { label: 'Is Owned By Profile', readOnly: true }),
      reference('ProfileId', ['Profile'], 'Profile', { label: 'Profile ID', readOnly: true }),
      text('NamespacePrefix', 15, { label: 'Namespace Prefix', readOnly: true }),
      ...permissionFields(),
    ],
    { label: 'Permission Set', labelPlural: 'Permission Sets' },
  );
}

function permissionSetAssignment(): SObjectDef {
  return sobject(
    'PermissionSetAssignment',
    '0Pa',
    [
      reference('AssigneeId', ['User'], 'Assignee', {
        label: 'Assignee ID',
        required: true,
        updateable: false,
        childRelationshipName: 'PermissionSetAssignments',
      }),
      reference('PermissionSetId', ['PermissionSet'], 'PermissionSet', {
        label: 'Permission Set ID',
        required: true,
        updateable: false,
        childRelationshipName: 'Assignments',
      }),
      field('ExpirationDate', 'datetime', { label: 'Expiration Date' }),
      checkbox('IsActive', true, { readOnly: true }),
    ],
    { label: 'Permission Set Assignment', labelPlural: 'Permission Set Assignments' },
  );
}

/**
 * A permission set's access to one object. Every profile has a permission set of its own
 * (IsOwnedByProfile) holding its object permissions; a set has no row for an object it grants nothing on.
 */
function objectPermissions(): SObjectDef {
  const permission = (name: string, label: string) => checkbox(name, false, { label });
  return sobject(
    'ObjectPermissions',
    '110',
    [
      reference('ParentId', ['PermissionSet'], 'Parent', {
        label: 'Parent ID',
        required: true,
        updateable: false,
        childRelationshipName: 'ObjectPerms',
      }),
      text('SobjectType', 40, { label: 'Sobject Type Name', required: true, updateable: false }),
      permission('PermissionsRead', 'Read'),
      permission('PermissionsCreate', 'Create'),
      permission('PermissionsEdit', 'Edit'),
      permission('PermissionsDelete', 'Delete'),
      permission('PermissionsViewAllRecords', 'View All'),
      permission('PermissionsModifyAllRecords', 'Modify All'),
    ],
    { label: 'Object Permissions', labelPlural: 'Object Permissions' },
  );
}

function group(): SObjectDef {
  return sobject(
    'Group',
    '00G',
    [
      text('Name', 40, { nameField: true, idLookup: true }),
      text('DeveloperName', 80, { label: 'Developer Name', nillable: false, defaultedOnCreate: true }),
      restricted('Type', GROUP_TYPES, { required: true, updateable: false }),
      email('Email'),
      reference('RelatedId', ['User', 'UserRole'], 'Related', { label: 'Related ID', readOnly: true }),
      checkbox('DoesIncludeBosses', true, { label: 'Include Bosses' }),
      checkbox('DoesSendEmailToMembers', false, { label: 'Send Email to Members' }),
      reference('OwnerId', ['Organization', 'User'], 'Owner', {
        label: 'Owner ID',
        nillable: false,
        defaultedOnCreate: true,
      }),
    ],
    { labelPlural: 'Groups' },
  );
}

function groupMember(): SObjectDef {
  return sobject(
    'GroupMember',
    '011',
    [
      parentLookup('GroupId', 'Group', 'GroupMembers'),
      // Polymorphic without a relationship name in real orgs: SOQL cannot traverse it.
      reference('UserOrGroupId', ['Group', 'User'], null, {
        label: 'User/Group ID',
        required: true,
        updateable: false,
      }),
    ],
    { label: 'Group Member', labelPlural: 'Group Members', updateable: false },
  );
}

function queueSobject(): SObjectDef {
  return sobject(
    'QueueSobject',
    '03g',
    [
      reference('QueueId', ['Group'], 'Queue', {
        label: 'Group ID',
        required: true,
        updateable: false,
        childRelationshipName: 'QueueSobjects',
      }),
      // The objects a queue may own; metadata.ts adds the custom objects.
      restricted('SobjectType', ['Case', 'Lead'], { label: 'Sobject Type', required: true, updateable: false }),
    ],
    { label: 'Queue Sobject', labelPlural: 'Queue Sobjects', updateable: false },
  );
}

function userLogin(): SObjectDef {
  return sobject(
    'UserLogin',
    '060',
    [
      reference('UserId', ['User'], 'User', { label: 'User ID', readOnly: true }),
      checkbox('IsFrozen', false, { label: 'Is Frozen', defaultedOnCreate: true, createable: false }),
      checkbox('IsPasswordLocked', false, { label: 'Is Password Locked', defaultedOnCreate: true, createable: false }),
    ],
    { label: 'User Login', labelPlural: 'User Logins', createable: false, deletable: false },
  );
}

// ---------------------------------------------------------------------------------------------
// Sales: accounts, contacts, opportunities, contracts, leads and their teams

function salesObjects(): SObjectDef[] {
  return [
    account(),
    contact(),
    accountContactRelation(),
    accountTeamMember(),
    opportunity(),
    opportunityContactRole(),
    opportunityTeamMember(),
    opportunityHistory(),
    contract(),
    lead(),
  ];
}

function account(): SObjectDef {
  return sobject(
    'Account',
    '001',
    [
      ownerField(false),
      nameField('Name', 255, { label: 'Account Name' }),
      text('AccountNumber', 40, { label: 'Account Number' }),
      picklist('Type', ACCOUNT_TYPES, { label: 'Account Type' }),
      picklist('Industry', INDUSTRIES),
      field('AnnualRevenue', 'currency', { label: 'Annual Revenue', precision: 18, scale: 0 }),
      field('NumberOfEmployees', 'int', { label: 'Employees', precision: 8 }),
      picklist('Ownership', ['Public', 'Private', 'Subsidiary', 'Other']),
      picklist('Rating', RATINGS, { label: 'Account Rating' }),
      picklist('AccountSource', LEAD_SOURCES, { label: 'Account Source' }),
      phone('Phone', { label: 'Account Phone' }),
      phone('Fax', { label: 'Account Fax' }),
      field('Website', 'url'),
      textArea('Description', 32000, { label: 'Account Description' }),
      ...address('Billing'),
      ...address('Shipping'),
      reference('ParentId', ['Account'], 'Parent', {
        label: 'Parent Account ID',
        childRelationshipName: 'ChildAccounts',
      }),
      lastActivityDate(),
    ],
    { labelPlural: 'Accounts' },
  );
}

function contact(): SObjectDef {
  return sobject(
    'Contact',
    '003',
    [
      ownerField(false),
      ...personName(),
      reference('AccountId', ['Account'], 'Account', { label: 'Account ID', childRelationshipName: 'Contacts' }),
      // Real orgs expose no child relationship for direct reports.
      reference('ReportsToId', ['Contact'], 'ReportsTo', { label: 'Reports To ID' }),
      text('Title', 128),
      text('Department', 80),
      email('Email'),
      phone('Phone', { label: 'Business Phone' }),
      phone('MobilePhone', { label: 'Mobile Phone' }),
      phone('HomePhone', { label: 'Home Phone' }),
      phone('Fax', { label: 'Business Fax' }),
      text('AssistantName', 40, { label: "Assistant's Name" }),
      phone('AssistantPhone', { label: 'Asst. Phone' }),
      picklist('LeadSource', LEAD_SOURCES, { label: 'Lead Source' }),
      field('Birthdate', 'date'),
      ...address('Mailing'),
      textArea('Description', 32000, { label: 'Contact Description' }),
      checkbox('HasOptedOutOfEmail', false, { label: 'Email Opt Out' }),
      checkbox('DoNotCall', false, { label: 'Do Not Call' }),
      lastActivityDate(),
    ],
    { labelPlural: 'Contacts' },
  );
}

function accountContactRelation(): SObjectDef {
  return sobject(
    'AccountContactRelation',
    '07k',
    [
      parentLookup('AccountId', 'Account', 'AccountContactRelations'),
      parentLookup('ContactId', 'Contact', 'AccountContactRelations'),
      picklist('Roles', CONTACT_ROLES, { type: 'multipicklist', length: 4099 }),
      checkbox('IsDirect', false, { label: 'Direct', readOnly: true }),
      checkbox('IsActive', true, { label: 'Active' }),
      field('StartDate', 'date', { label: 'Start Date' }),
      field('EndDate', 'date', { label: 'End Date' }),
    ],
    { label: 'Account Contact Relationship', labelPlural: 'Account Contact Relationship' },
  );
}

function accountTeamMember(): SObjectDef {
  const access = (name: string, label: string, values: string[]) => restricted(name, values, { label, required: true });
  return sobject(
    'AccountTeamMember',
    '01M',
    [
      parentLookup('AccountId', 'Account', 'AccountTeamMembers'),
      reference('UserId', ['User'], 'User', { label: 'User ID', required: true, updateable: false }),
      picklist('TeamMemberRole', TEAM_ROLES, { label: 'Team Role' }),
      access('AccountAccessLevel', 'Account Access', ['Read', 'Edit', 'All']),
      access('OpportunityAccessLevel', 'Opportunity Access', ['None', 'Read', 'Edit']),
      access('CaseAccessLevel', 'Case Access', ['None', 'Read', 'Edit']),
      access('ContactAccessLevel', 'Contact Access', ['None', 'Read', 'Edit']),
      text('Title', 80, { readOnly: true }),
      field('PhotoUrl', 'url', { label: 'Photo', readOnly: true, length: 1024 }),
    ],
    { label: 'Account Team Member', labelPlural: 'Account Team Members' },
  );
}

function opportunity(): SObjectDef {
  return sobject(
    'Opportunity',
    '006',
    [
      ownerField(false),
      nameField('Name', 120),
      reference('AccountId', ['Account'], 'Account', { label: 'Account ID', childRelationshipName: 'Opportunities' }),
      picklist('StageName', OPPORTUNITY_STAGES, { label: 'Stage', required: true }),
      field('Amount', 'currency'),
      field('CloseDate', 'date', { label: 'Close Date', required: true }),
      field('Probability', 'percent', { label: 'Probability (%)', precision: 3, scale: 0, defaultedOnCreate: true }),
      field('ExpectedRevenue', 'currency', { label: 'Expected Amount', readOnly: true }),
      checkbox('IsClosed', false, { label: 'Closed', readOnly: true }),
      checkbox('IsWon', false, { label: 'Won', readOnly: true }),
      checkbox('IsPrivate', false, { label: 'Private' }),
      picklist('ForecastCategory', FORECAST_CATEGORIES, { label: 'Forecast Category', readOnly: true }),
      picklist('ForecastCategoryName', FORECAST_CATEGORY_NAMES, {
        label: 'Forecast Category',
        defaultedOnCreate: true,
      }),
      text('NextStep', 255, { label: 'Next Step' }),
      picklist('Type', OPPORTUNITY_TYPES, { label: 'Opportunity Type' }),
      picklist('LeadSource', LEAD_SOURCES, { label: 'Lead Source' }),
      textArea('Description', 32000),
      reference('ContractId', ['Contract'], 'Contract', { label: 'Contract ID' }),
      field('LastStageChangeDate', 'datetime', { label: 'Last Stage Change Date', readOnly: true }),
      lastActivityDate(),
    ],
    { labelPlural: 'Opportunities' },
  );
}

function opportunityContactRole(): SObjectDef {
  return sobject(
    'OpportunityContactRole',
    '00K',
    [
      parentLookup('OpportunityId', 'Opportunity', 'OpportunityContactRoles'),
      reference('ContactId', ['Contact'], 'Contact', {
        label: 'Contact ID',
        required: true,
        childRelationshipName: 'OpportunityContactRoles',
      }),
      picklist('Role', CONTACT_ROLES),
      checkbox('IsPrimary', false, { label: 'Primary' }),
    ],
    { label: 'Opportunity Contact Role', labelPlural: 'Opportunity Contact Role' },
  );
}

function opportunityTeamMember(): SObjectDef {
  return sobject(
    'OpportunityTeamMember',
    '00q',
    [
      parentLookup('OpportunityId', 'Opportunity', 'OpportunityTeamMembers'),
      reference('UserId', ['User'], 'User', { label: 'User ID', required: true, updateable: false }),
      text('Name', 121, { readOnly: true, nameField: true }),
      picklist('TeamMemberRole', TEAM_ROLES, { label: 'Team Role' }),
      restricted('OpportunityAccessLevel', ['Read', 'Edit', 'All'], {
        label: 'Opportunity Access',
        nillable: false,
        defaultedOnCreate: true,
        defaultValue: 'Read',
      }),
      text('Title', 80, { readOnly: true }),
      field('PhotoUrl', 'url', { label: 'Photo', readOnly: true, length: 1024 }),
    ],
    { label: 'Opportunity Team Member', labelPlural: 'Opportunity Team Members' },
  );
}

/** One row per stage, amount or close-date change of an opportunity; written by the org only. */
function opportunityHistory(): SObjectDef {
  return sobject(
    'OpportunityHistory',
    '008',
    [
      reference('OpportunityId', ['Opportunity'], 'Opportunity', {
        label: 'Opportunity ID',
        readOnly: true,
        nillable: false,
        childRelationshipName: 'OpportunityHistories',
      }),
      picklist('StageName', OPPORTUNITY_STAGES, { label: 'Stage Name', readOnly: true, nillable: false }),
      field('Amount', 'currency', { readOnly: true }),
      field('ExpectedRevenue', 'currency', { label: 'Expected Revenue', readOnly: true }),
      field('CloseDate', 'date', { label: 'Close Date', readOnly: true }),
      field('Probability', 'percent', { label: 'Probability (%)', precision: 3, scale: 0, readOnly: true }),
      picklist('ForecastCategory', FORECAST_CATEGORIES, { label: 'Forecast Category', readOnly: true }),
      field('PrevAmount', 'currency', { label: 'Previous Amount', readOnly: true }),
      field('PrevCloseDate', 'date', { label: 'Previous Close Date', readOnly: true }),
    ],
    {
      label: 'Opportunity History',
      labelPlural: 'Opportunity History',
      createable: false,
      updateable: false,
      deletable: false,
    },
  );
}

function contract(): SObjectDef {
  return sobject(
    'Contract',
    '800',
    [
      ownerField(false),
      autoNumber('ContractNumber', 'Contract Number'),
      text('Name', 80, { label: 'Contract Name' }),
      reference('AccountId', ['Account'], 'Account', {
        label: 'Account ID',
        required: true,
        childRelationshipName: 'Contracts',
      }),
      picklist('Status', ['Draft', 'In Approval Process', 'Activated'], {
        required: true,
        defaultValue: 'Draft',
      }),
      picklist('StatusCode', ['Draft', 'InApproval', 'Activated', 'Terminated', 'Expired'], {
        label: 'Status Category',
        readOnly: true,
        nillable: false,
      }),
      field('StartDate', 'date', { label: 'Contract Start Date' }),
      // Salesforce computes the end date from StartDate and ContractTerm (months).
      field('EndDate', 'date', { label: 'Contract End Date', readOnly: true }),
      field('ContractTerm', 'int', { label: 'Contract Term (months)', precision: 4 }),
      picklist('OwnerExpirationNotice', ['15', '30', '45', '60', '90', '120'], { label: 'Owner Expiration Notice' }),
      reference('CustomerSignedId', ['Contact'], 'CustomerSigned', { label: 'Customer Signed By ID' }),
      field('CustomerSignedDate', 'date', { label: 'Customer Signed Date' }),
      field('CompanySignedDate', 'date', { label: 'Company Signed Date' }),
      field('ActivatedDate', 'datetime', { label: 'Activated Date', readOnly: true }),
      reference('ActivatedById', ['User'], 'ActivatedBy', { label: 'Activated By ID', readOnly: true }),
      textArea('SpecialTerms', 4000, { label: 'Special Terms' }),
      textArea('Description', 32000),
      ...address('Billing'),
      lastActivityDate(),
    ],
    { labelPlural: 'Contracts' },
  );
}

function lead(): SObjectDef {
  return sobject(
    'Lead',
    '00Q',
    [
      ownerField(true),
      ...personName(),
      text('Company', 255, { required: true }),
      text('Title', 128),
      email('Email'),
      phone('Phone'),
      phone('MobilePhone', { label: 'Mobile Phone' }),
      field('Website', 'url'),
      picklist(
        'Status',
        ['Open - Not Contacted', 'Working - Contacted', 'Closed - Converted', 'Closed - Not Converted'],
        { label: 'Lead Status', required: true, defaultValue: 'Open - Not Contacted' },
      ),
      picklist('Rating', RATINGS),
      picklist('LeadSource', LEAD_SOURCES, { label: 'Lead Source' }),
      picklist('Industry', INDUSTRIES),
      field('AnnualRevenue', 'currency', { label: 'Annual Revenue', precision: 18, scale: 0 }),
      field('NumberOfEmployees', 'int', { label: 'Employees', precision: 8 }),
      ...address(''),
      textArea('Description', 32000),
      // Set by lead conversion, which the API performs, not by writes.
      checkbox('IsConverted', false, { label: 'Converted', updateable: false }),
      field('ConvertedDate', 'date', { label: 'Converted Date', readOnly: true }),
      reference('ConvertedAccountId', ['Account'], 'ConvertedAccount', {
        label: 'Converted Account ID',
        readOnly: true,
      }),
      reference('ConvertedContactId', ['Contact'], 'ConvertedContact', {
        label: 'Converted Contact ID',
        readOnly: true,
      }),
      reference('ConvertedOpportunityId', ['Opportunity'], 'ConvertedOpportunity', {
        label: 'Converted Opportunity ID',
        readOnly: true,
      }),
      checkbox('IsUnreadByOwner', false, { label: 'Unread By Owner' }),
      checkbox('HasOptedOutOfEmail', false, { label: 'Email Opt Out' }),
      checkbox('DoNotCall', false, { label: 'Do Not Call' }),
      lastActivityDate(),
    ],
    { labelPlural: 'Leads', allowsQueueOwner: true },
  );
}

// ---------------------------------------------------------------------------------------------
// Service

function serviceObjects(): SObjectDef[] {
  return [caseObject()];
}

function caseObject(): SObjectDef {
  return sobject(
    'Case',
    '500',
    [
      ownerField(true),
      autoNumber('CaseNumber', 'Case Number'),
      text('Subject', 255),
      textArea('Description', 32000),
      picklist('Status', ['New', 'Working', 'Escalated', 'Closed'], { defaultValue: 'New', nillable: false }),
      picklist('Priority', ['High', 'Medium', 'Low'], { defaultValue: 'Medium' }),
      picklist('Origin', ['Phone', 'Email', 'Web'], { label: 'Case Origin' }),
      picklist('Type', ['Mechanical', 'Electrical', 'Electronic', 'Structural', 'Other'], { label: 'Case Type' }),
      picklist(
        'Reason',
        ['Installation', 'Equipment Complexity', 'Performance', 'Breakdown', 'Equipment Design', 'Feedback', 'Other'],
        { label: 'Case Reason' },
      ),
      checkbox('IsClosed', false, { label: 'Closed', readOnly: true }),
      checkbox('IsEscalated', false, { label: 'Escalated' }),
      field('ClosedDate', 'datetime', { label: 'Closed Date', readOnly: true }),
      reference('AccountId', ['Account'], 'Account', { label: 'Account ID', childRelationshipName: 'Cases' }),
      reference('ContactId', ['Contact'], 'Contact', { label: 'Contact ID', childRelationshipName: 'Cases' }),
      reference('ParentId', ['Case'], 'Parent', { label: 'Parent Case ID', childRelationshipName: 'Cases' }),
      text('SuppliedName', 80, { label: 'Web Name' }),
      email('SuppliedEmail', { label: 'Web Email' }),
      text('SuppliedPhone', 40, { label: 'Web Phone' }),
      text('SuppliedCompany', 80, { label: 'Web Company' }),
    ],
    { labelPlural: 'Cases', allowsQueueOwner: true },
  );
}

// ---------------------------------------------------------------------------------------------
// Activities and notes

function activityObjects(): SObjectDef[] {
  return [task(), event(), note()];
}

/** WhoId, WhatId and the read-only AccountId every activity has. */
function activityLinks(childRelationshipName: string): FieldDef[] {
  return [
    reference('WhoId', ['Contact', 'Lead'], 'Who', { label: 'Name ID', childRelationshipName }),
    reference('WhatId', [...ACTIVITY_WHAT_OBJECTS], 'What', { label: 'Related To ID', childRelationshipName }),
    reference('AccountId', ['Account'], 'Account', { label: 'Account ID', readOnly: true }),
  ];
}

function task(): SObjectDef {
  return sobject(
    'Task',
    '00T',
    [
      ownerField(false, { label: 'Assigned To ID' }),
      text('Subject', 255, { nameField: true }),
      field('ActivityDate', 'date', { label: 'Due Date Only' }),
      picklist('Status', ['Not Started', 'In Progress', 'Completed', 'Waiting on someone else', 'Deferred'], {
        defaultValue: 'Not Started',
        nillable: false,
      }),
      picklist('Priority', ['High', 'Normal', 'Low'], { defaultValue: 'Normal', nillable: false }),
      checkbox('IsHighPriority', false, { label: 'High Priority', readOnly: true }),
      textArea('Description', 32000, { label: 'Comments' }),
      ...activityLinks('Tasks'),
      checkbox('IsClosed', false, { label: 'Closed', readOnly: true }),
      field('CompletedDateTime', 'datetime', { label: 'Completed Date', readOnly: true }),
      picklist('TaskSubtype', ['Task', 'Email', 'ListEmail', 'Cadence', 'Call', 'LinkedIn'], {
        label: 'Task Subtype',
        updateable: false,
      }),
      picklist('Type', ['Call', 'Email', 'Meeting', 'Other']),
      picklist('CallType', ['Internal', 'Inbound', 'Outbound'], { label: 'Call Type' }),
      field('CallDurationInSeconds', 'int', { label: 'Call Duration', precision: 8 }),
      text('CallDisposition', 255, { label: 'Call Result' }),
      checkbox('IsReminderSet', false, { label: 'Reminder Set' }),
      field('ReminderDateTime', 'datetime', { label: 'Reminder Date/Time' }),
      checkbox('IsRecurrence', false, { label: 'Create Recurring Series of Tasks' }),
    ],
    { labelPlural: 'Tasks' },
  );
}

function event(): SObjectDef {
  return sobject(
    'Event',
    '00U',
    [
      ownerField(false, { label: 'Assigned To ID' }),
      text('Subject', 255, { nameField: true }),
      text('Location', 255),
      checkbox('IsAllDayEvent', false, { label: 'All-Day Event' }),
      field('ActivityDateTime', 'datetime', { label: 'Due Date Time' }),
      field('ActivityDate', 'date', { label: 'Due Date Only' }),
      field('DurationInMinutes', 'int', { label: 'Duration', precision: 8 }),
      field('StartDateTime', 'datetime', { label: 'Start Date Time' }),
      field('EndDateTime', 'datetime', { label: 'End Date Time' }),
      textArea('Description', 32000),
      ...activityLinks('Events'),
      checkbox('IsPrivate', false, { label: 'Private' }),
      picklist('ShowAs', ['Busy', 'OutOfOffice', 'Free'], { label: 'Show Time As', defaultValue: 'Busy' }),
      picklist('Type', ['Call', 'Email', 'Meeting', 'Other']),
      picklist('EventSubtype', ['Event'], { label: 'Event Subtype', updateable: false }),
      checkbox('IsReminderSet', false, { label: 'Reminder Set' }),
      field('ReminderDateTime', 'datetime', { label: 'Reminder Date/Time' }),
      checkbox('IsRecurrence', false, { label: 'Create Recurring Series of Events' }),
    ],
    { labelPlural: 'Events' },
  );
}

function note(): SObjectDef {
  return sobject(
    'Note',
    '002',
    [
      ownerField(false),
      nameField('Title', 80, { idLookup: false }),
      textArea('Body', 32000),
      checkbox('IsPrivate', false, { label: 'Private' }),
      reference('ParentId', [...ATTACHABLE_OBJECTS], 'Parent', {
        label: 'Parent ID',
        required: true,
        updateable: false,
        childRelationshipName: 'Notes',
      }),
    ],
    { labelPlural: 'Notes' },
  );
}

// ---------------------------------------------------------------------------------------------
// Files (Salesforce CRM Content)

function contentObjects(): SObjectDef[] {
  return [contentDocument(), contentVersion(), contentDocumentLink()];
}

function contentDocument(): SObjectDef {
  return sobject(
    'ContentDocument',
    '069',
    [
      ownerField(false),
      text('Title', 255, { nameField: true, nillable: false }),
      textArea('Description', 1000),
      text('FileType', 20, { label: 'File Type', readOnly: true }),
      text('FileExtension', 40, { label: 'File Extension', readOnly: true }),
      field('ContentSize', 'int', { label: 'Size', readOnly: true }),
      reference('LatestPublishedVersionId', ['ContentVersion'], 'LatestPublishedVersion', {
        label: 'Latest Published Version ID',
        readOnly: true,
      }),
      picklist('PublishStatus', ['U', 'P', 'R'], { label: 'Publish Status', readOnly: true }),
      checkbox('IsArchived', false, { label: 'Is Archived', readOnly: true }),
      field('ArchivedDate', 'date', { label: 'Archived Date', readOnly: true }),
      field('ContentModifiedDate', 'datetime', { label: 'Content Modified Date', readOnly: true }),
      picklist('SharingOption', ['A', 'R'], { label: 'Prevent others from sharing and unsharing', defaultValue: 'A' }),
      picklist('SharingPrivacy', ['N', 'P'], { label: 'File Privacy on Records', defaultValue: 'N' }),
    ],
    { label: 'Content Document', labelPlural: 'Content Documents', createable: false },
  );
}

function contentVersion(): SObjectDef {
  const createOnly = { updateable: false } as const;
  return sobject(
    'ContentVersion',
    '068',
    [
      ownerField(false),
      text('Title', 255, { nameField: true, nillable: false, defaultedOnCreate: true }),
      textArea('Description', 1000),
      text('PathOnClient', 500, { label: 'Path On Client', ...createOnly }),
      field('VersionData', 'base64', { label: 'Version Data', ...createOnly }),
      // Without it, inserting a version creates a new ContentDocument.
      reference('ContentDocumentId', ['ContentDocument'], 'ContentDocument', {
        label: 'ContentDocument ID',
        defaultedOnCreate: true,
        childRelationshipName: 'ContentVersions',
        ...createOnly,
      }),
      reference('FirstPublishLocationId', [...ATTACHABLE_OBJECTS], 'FirstPublishLocation', {
        label: 'First Publish Location ID',
        ...createOnly,
      }),
      checkbox('IsLatest', false, { label: 'Is Latest', readOnly: true }),
      text('VersionNumber', 20, { label: 'Version Number', readOnly: true }),
      field('ContentSize', 'int', { label: 'Size', readOnly: true }),
      text('FileType', 20, { label: 'File Type', readOnly: true }),
      text('FileExtension', 40, { label: 'File Extension', readOnly: true }),
      text('Checksum', 50, { readOnly: true }),
      textArea('ReasonForChange', 1000, { label: 'Reason For Change' }),
      picklist('Origin', ['C', 'H'], { label: 'Content Origin', defaultValue: 'C', ...createOnly }),
      picklist('ContentLocation', ['S', 'E', 'L'], { label: 'Content Location', defaultValue: 'S', ...createOnly }),
      field('ContentModifiedDate', 'datetime', { label: 'Content Modified Date', defaultedOnCreate: true }),
      checkbox('IsMajorVersion', true, { label: 'Major Version', ...createOnly }),
      picklist('SharingOption', ['A', 'R'], { label: 'Prevent others from sharing and unsharing', defaultValue: 'A' }),
      picklist('SharingPrivacy', ['N', 'P'], { label: 'File Privacy on Records', defaultValue: 'N' }),
    ],
    { label: 'Content Version', labelPlural: 'Content Versions', deletable: false },
  );
}

function contentDocumentLink(): SObjectDef {
  return sobject(
    'ContentDocumentLink',
    '06A',
    [
      parentLookup('ContentDocumentId', 'ContentDocument', 'ContentDocumentLinks'),
      reference('LinkedEntityId', [...ATTACHABLE_OBJECTS], 'LinkedEntity', {
        label: 'Linked Entity ID',
        required: true,
        updateable: false,
        childRelationshipName: 'ContentDocumentLinks',
      }),
      // V = viewer, C = collaborator, I = inferred from the record's sharing.
      restricted('ShareType', ['V', 'C', 'I'], { label: 'Share Type', nillable: false, defaultValue: 'V' }),
      restricted('Visibility', ['AllUsers', 'InternalUsers', 'SharedUsers'], {
        nillable: false,
        defaultValue: 'AllUsers',
      }),
    ],
    { label: 'Content Document Link', labelPlural: 'Content Document Link' },
  );
}

// ---------------------------------------------------------------------------------------------
// Sharing rows: who besides the owner may see a record, and why (RowCause)

function shareObjects(): SObjectDef[] {
  return [
    share('Account', '00r', [
      accessLevel('AccountAccessLevel', 'Account Access', ['Read', 'Edit', 'All']),
      accessLevel('OpportunityAccessLevel', 'Opportunity Access', ['None', 'Read', 'Edit']),
      accessLevel('CaseAccessLevel', 'Case Access', ['None', 'Read', 'Edit'], false),
      accessLevel('ContactAccessLevel', 'Contact Access', ['None', 'Read', 'Edit'], false),
    ]),
    share('Opportunity', '00t', [accessLevel('OpportunityAccessLevel', 'Opportunity Access', ['Read', 'Edit', 'All'])]),
    share('Case', '01n', [accessLevel('CaseAccessLevel', 'Case Access', ['Read', 'Edit', 'All'])]),
    share('Contact', '03s', [accessLevel('ContactAccessLevel', 'Contact Access', ['Read', 'Edit', 'All'])]),
  ];
}

function accessLevel(name: string, label: string, values: string[], required = true): FieldDef {
  return restricted(name, values, { label, required });
}

/** AccountShare and friends: `<Parent>Id`, UserOrGroupId, access levels and a read-only RowCause. */
function share(parent: string, keyPrefix: string, accessLevels: FieldDef[]): SObjectDef {
  return sobject(
    `${parent}Share`,
    keyPrefix,
    [
      parentLookup(`${parent}Id`, parent, 'Shares'),
      reference('UserOrGroupId', ['Group', 'User'], 'UserOrGroup', {
        label: 'User/Group ID',
        required: true,
        updateable: false,
      }),
      ...accessLevels,
      // Shares written through the API are Manual; the org writes the others.
      restricted('RowCause', ROW_CAUSES, { label: 'Row Cause', readOnly: true, defaultValue: 'Manual' }),
    ],
    { label: `${parent} Share`, labelPlural: `${parent} Share` },
  );
}

// ---------------------------------------------------------------------------------------------
// Business calendar: used for due dates in business days

function calendarObjects(): SObjectDef[] {
  return [holiday(), businessHours()];
}

function holiday(): SObjectDef {
  return sobject(
    'Holiday',
    '0C0',
    [
      nameField('Name', 80, { label: 'Holiday Name' }),
      text('Description', 100),
      checkbox('IsAllDay', true, { label: 'All Day' }),
      field('ActivityDate', 'date', { label: 'Holiday Date' }),
      field('StartTimeInMinutes', 'int', { label: 'Start Time In Minutes From Midnight', precision: 4 }),
      field('EndTimeInMinutes', 'int', { label: 'End Time In Minutes From Midnight', precision: 4 }),
      checkbox('IsRecurrence', false, { label: 'Recurring Holiday' }),
      field('RecurrenceStartDate', 'date', { label: 'Recurrence Start' }),
      field('RecurrenceEndDateOnly', 'date', { label: 'Recurrence End' }),
      restricted(
        'RecurrenceType',
        [
          'RecursDaily',
          'RecursEveryWeekday',
          'RecursMonthly',
          'RecursMonthlyNth',
          'RecursWeekly',
          'RecursYearly',
          'RecursYearlyNth',
        ],
        { label: 'Recurrence Type' },
      ),
      field('RecurrenceInterval', 'int', { label: 'Recurrence Interval', precision: 9 }),
      field('RecurrenceDayOfWeekMask', 'int', { label: 'Recurrence Day of Week Mask', precision: 9 }),
      field('RecurrenceDayOfMonth', 'int', { label: 'Recurrence Day of Month', precision: 9 }),
      restricted('RecurrenceInstance', ['First', 'Second', 'Third', 'Fourth', 'Last'], {
        label: 'Recurrence Instance',
      }),
      restricted('RecurrenceMonthOfYear', MONTHS, { label: 'Recurrence Month of Year' }),
    ],
    { labelPlural: 'Holidays' },
  );
}

function businessHours(): SObjectDef {
  const dayHours = WEEKDAYS.flatMap((day) => [
    field(`${day}StartTime`, 'time', { label: `${day} Start` }),
    field(`${day}EndTime`, 'time', { label: `${day} End` }),
  ]);
  return sobject(
    'BusinessHours',
    '01m',
    [
      nameField('Name', 80, { label: 'Business Hours Name' }),
      checkbox('IsActive', false, { label: 'Active' }),
      checkbox('IsDefault', false, { label: 'Default Business Hours' }),
      restricted('TimeZoneSidKey', TIME_ZONES, { label: 'Time Zone', required: true }),
      ...dayHours,
    ],
    { label: 'Business Hours', labelPlural: 'Business Hours', deletable: false },
  );
}
