import { buildSchema } from '../../../src/org/schema/build.js';
import { OPPORTUNITY_STAGES, standardObjects } from '../../../src/org/schema/standard.js';
import type { FieldDef, Schema, SObjectDef } from '../../../src/org/schema/types.js';

const KEY_PREFIXES: Record<string, string> = {
  Organization: '00D',
  User: '005',
  UserRole: '00E',
  Profile: '00e',
  PermissionSet: '0PS',
  PermissionSetAssignment: '0Pa',
  ObjectPermissions: '110',
  Group: '00G',
  GroupMember: '011',
  QueueSobject: '03g',
  UserLogin: '060',
  Account: '001',
  Contact: '003',
  AccountContactRelation: '07k',
  AccountTeamMember: '01M',
  Opportunity: '006',
  OpportunityContactRole: '00K',
  OpportunityTeamMember: '00q',
  OpportunityHistory: '008',
  Case: '500',
  Task: '00T',
  Event: '00U',
  Contract: '800',
  ContentDocument: '069',
  ContentVersion: '068',
  ContentDocumentLink: '06A',
  Note: '002',
  Holiday: '0C0',
  BusinessHours: '01m',
  Lead: '00Q',
  AccountShare: '00r',
  OpportunityShare: '00t',
  CaseShare: '01n',
  ContactShare: '03s',
};

describe('standard objects', () => {
  let schema: Schema;

  beforeAll(() => {
    schema = buildSchema(standardObjects());
  });

  function obj(name: string): SObjectDef {
    const found = schema.object(name);
    if (!found) throw new Error(`no object ${name}`);
    return found;
  }

  function fieldOf(objectName: string, fieldName: string): FieldDef {
    const found = schema.field(obj(objectName), fieldName);
    if (!found) throw new Error(`no field ${objectName}.${fieldName}`);
    return found;
  }

  /** Required as the API enforces it: must be given on create. */
  function isRequired(f: FieldDef): boolean {
    return !f.nillable && f.createable && !f.defaultedOnCreate;
  }

  function childRelationship(parent: string, relationshipName: string) {
    return obj(parent).childRelationships.find((r) => r.relationshipName === relationshipName);
  }

  it('declares every object with its real key prefix', () => {
    for (const [name, prefix] of Object.entries(KEY_PREFIXES)) {
      expect({ name, prefix: schema.object(name)?.keyPrefix }).toEqual({ name, prefix });
    }
    expect(schema.objects.size).toBe(Object.keys(KEY_PREFIXES).length);
    expect(schema.objectForId('001000000000001AAA')?.name).toBe('Account');
    expect(schema.objectForId('00e000000000001AAA')?.name).toBe('Profile');
    expect(schema.objectForId('00E000000000001AAA')?.name).toBe('UserRole');
  });

  it('gives every object the system fields and unique field names', () => {
    for (const o of schema.objects.values()) {
      const names = o.fields.map((f) => f.name.toLowerCase());
      expect({ object: o.name, duplicates: names.filter((n, i) => names.indexOf(n) !== i) }).toEqual({
        object: o.name,
        duplicates: [],
      });
      for (const system of ['Id', 'IsDeleted', 'CreatedDate', 'CreatedById', 'LastModifiedDate', 'SystemModstamp']) {
        expect(schema.field(o, system)).toBeDefined();
      }
    }
  });

  it('marks the fields a real org requires on create', () => {
    const required: [string, string][] = [
      ['Account', 'Name'],
      ['Contact', 'LastName'],
      ['Opportunity', 'Name'],
      ['Opportunity', 'StageName'],
      ['Opportunity', 'CloseDate'],
      ['Contract', 'AccountId'],
      ['Lead', 'LastName'],
      ['Lead', 'Company'],
      ['User', 'Username'],
      ['User', 'LastName'],
      ['User', 'Alias'],
      ['User', 'Email'],
      ['User', 'ProfileId'],
      ['User', 'TimeZoneSidKey'],
      ['User', 'LocaleSidKey'],
      ['User', 'LanguageLocaleKey'],
      ['User', 'EmailEncodingKey'],
      ['Note', 'Title'],
      ['Note', 'ParentId'],
      ['AccountShare', 'AccountId'],
      ['AccountShare', 'UserOrGroupId'],
      ['AccountShare', 'AccountAccessLevel'],
      ['GroupMember', 'GroupId'],
      ['PermissionSetAssignment', 'AssigneeId'],
    ];
    for (const [o, f] of required)
      expect({ field: `${o}.${f}`, required: isRequired(fieldOf(o, f)) }).toEqual({
        field: `${o}.${f}`,
        required: true,
      });
    for (const [o, f] of [
      ['Account', 'Industry'],
      ['Contact', 'FirstName'],
      ['Case', 'Subject'],
      ['Case', 'Status'],
      ['Lead', 'Status'],
      ['Task', 'Status'],
      ['Account', 'OwnerId'],
    ] as const) {
      expect({ field: `${o}.${f}`, required: isRequired(fieldOf(o, f)) }).toEqual({
        field: `${o}.${f}`,
        required: false,
      });
    }
    expect(fieldOf('User', 'Username').unique).toBe(true);
    expect(fieldOf('Account', 'Name').length).toBe(255);
    expect(fieldOf('Account', 'Description')).toMatchObject({ type: 'textarea', length: 32000 });
  });

  it('derives the standard child relationships', () => {
    expect(childRelationship('Account', 'Contacts')).toMatchObject({ childSObject: 'Contact', field: 'AccountId' });
    expect(childRelationship('Account', 'Opportunities')).toMatchObject({
      childSObject: 'Opportunity',
      field: 'AccountId',
    });
    expect(childRelationship('Account', 'Cases')).toMatchObject({ childSObject: 'Case', field: 'AccountId' });
    expect(childRelationship('Account', 'Contracts')).toMatchObject({ childSObject: 'Contract', field: 'AccountId' });
    expect(childRelationship('Account', 'ChildAccounts')).toMatchObject({ childSObject: 'Account', field: 'ParentId' });
    expect(childRelationship('Contact', 'Cases')).toMatchObject({ childSObject: 'Case', field: 'ContactId' });
    expect(childRelationship('Account', 'Tasks')).toMatchObject({ childSObject: 'Task', field: 'WhatId' });
    expect(childRelationship('Account', 'Events')).toMatchObject({ childSObject: 'Event', field: 'WhatId' });
    expect(childRelationship('Opportunity', 'Tasks')).toMatchObject({ childSObject: 'Task', field: 'WhatId' });
    expect(childRelationship('Contact', 'Tasks')).toMatchObject({ childSObject: 'Task', field: 'WhoId' });
    expect(childRelationship('Lead', 'Tasks')).toMatchObject({ childSObject: 'Task', field: 'WhoId' });
    expect(childRelationship('Opportunity', 'OpportunityHistories')).toMatchObject({
      childSObject: 'OpportunityHistory',
    });
    expect(childRelationship('Opportunity', 'OpportunityTeamMembers')).toMatchObject({
      childSObject: 'OpportunityTeamMember',
    });
    expect(childRelationship('Opportunity', 'OpportunityContactRoles')).toMatchObject({ field: 'OpportunityId' });
    expect(childRelationship('Account', 'AccountTeamMembers')).toMatchObject({ childSObject: 'AccountTeamMember' });
    expect(childRelationship('Account', 'Shares')).toMatchObject({ childSObject: 'AccountShare', field: 'AccountId' });
    expect(childRelationship('Account', 'ContentDocumentLinks')).toMatchObject({ field: 'LinkedEntityId' });
    expect(childRelationship('Account', 'Notes')).toMatchObject({ childSObject: 'Note', field: 'ParentId' });
    expect(childRelationship('ContentDocument', 'ContentVersions')).toMatchObject({ field: 'ContentDocumentId' });
    expect(childRelationship('UserRole', 'Users')).toMatchObject({ childSObject: 'User', field: 'UserRoleId' });
    expect(childRelationship('User', 'ManagedUsers')).toMatchObject({ childSObject: 'User', field: 'ManagerId' });
    expect(childRelationship('Group', 'GroupMembers')).toMatchObject({ field: 'GroupId' });
    expect(childRelationship('Group', 'QueueSobjects')).toMatchObject({ field: 'QueueId' });
    expect(childRelationship('User', 'PermissionSetAssignments')).toMatchObject({ field: 'AssigneeId' });
    // Task.AccountId is derived and read-only: no second "Tasks" on Account.
    expect(obj('Account').childRelationships.filter((r) => r.relationshipName === 'Tasks')).toHaveLength(1);
  });

  it('never repeats a child relationship name on a parent, and every lookup targets a known object', () => {
    for (const o of schema.objects.values()) {
      const names = o.childRelationships.flatMap((r) => (r.relationshipName ? [r.relationshipName] : []));
      expect({ object: o.name, duplicates: names.filter((n, i) => names.indexOf(n) !== i) }).toEqual({
        object: o.name,
        duplicates: [],
      });
      for (const f of o.fields.filter((x) => x.type === 'reference')) {
        for (const target of f.referenceTo)
          expect({ field: `${o.name}.${f.name}`, known: schema.object(target) !== undefined }).toEqual({
            field: `${o.name}.${f.name}`,
            known: true,
          });
      }
    }
  });

  it('gives user-owned objects a User OwnerId and lets only Case and Lead be owned by queues', () => {
    const owned = [
      'Account',
      'Contact',
      'Opportunity',
      'Case',
      'Lead',
      'Task',
      'Event',
      'Contract',
      'Note',
      'ContentDocument',
      'ContentVersion',
    ];
    for (const name of owned) {
      const owner = fieldOf(name, 'OwnerId');
      expect(owner).toMatchObject({
        type: 'reference',
        relationshipName: 'Owner',
        nillable: false,
        defaultedOnCreate: true,
        updateable: true,
      });
      expect(owner.referenceTo).toContain('User');
      const queues = name === 'Case' || name === 'Lead';
      expect({
        name,
        allowsQueueOwner: obj(name).allowsQueueOwner,
        group: owner.referenceTo.includes('Group'),
      }).toEqual({
        name,
        allowsQueueOwner: queues,
        group: queues,
      });
    }
    for (const name of [
      'OpportunityHistory',
      'AccountShare',
      'GroupMember',
      'ContentDocumentLink',
      'OpportunityTeamMember',
    ]) {
      expect(schema.field(obj(name), 'OwnerId')).toBeUndefined();
    }
  });

  it('keeps org-computed fields read-only', () => {
    for (const [o, f] of [
      ['Opportunity', 'IsClosed'],
      ['Opportunity', 'IsWon'],
      ['Case', 'CaseNumber'],
      ['Case', 'IsClosed'],
      ['Case', 'ClosedDate'],
      ['Contact', 'Name'],
      ['User', 'Name'],
      ['Task', 'IsClosed'],
      ['Task', 'AccountId'],
      ['Contract', 'ContractNumber'],
      ['Account', 'LastActivityDate'],
      ['AccountShare', 'RowCause'],
    ] as const) {
      expect({
        field: `${o}.${f}`,
        createable: fieldOf(o, f).createable,
        updateable: fieldOf(o, f).updateable,
      }).toEqual({
        field: `${o}.${f}`,
        createable: false,
        updateable: false,
      });
    }
    expect(fieldOf('Case', 'CaseNumber')).toMatchObject({ nameField: true, autoNumberFormat: '{00000000}' });
  });

  it('sets object-level access as real orgs do', () => {
    expect(obj('Organization')).toMatchObject({ createable: false, deletable: false, updateable: true });
    expect(obj('OpportunityHistory')).toMatchObject({
      createable: false,
      updateable: false,
      deletable: false,
      queryable: true,
    });
    expect(obj('UserLogin')).toMatchObject({ createable: false, updateable: true, deletable: false });
    expect(obj('Profile')).toMatchObject({ createable: false, deletable: false });
    expect(obj('User')).toMatchObject({ createable: true, deletable: false });
    expect(obj('AccountShare')).toMatchObject({ createable: true, updateable: true, deletable: true });
    expect(obj('Opportunity')).toMatchObject({ label: 'Opportunity', labelPlural: 'Opportunities' });
    expect(obj('BusinessHours')).toMatchObject({ label: 'Business Hours', labelPlural: 'Business Hours' });
  });

  it('uses the picklist values and defaults of a new org', () => {
    expect(fieldOf('Opportunity', 'StageName').picklistValues.map((v) => v.value)).toEqual(OPPORTUNITY_STAGES);
    expect(fieldOf('Case', 'Status')).toMatchObject({ defaultValue: 'New', defaultedOnCreate: true });
    expect(fieldOf('Case', 'Priority')).toMatchObject({ defaultValue: 'Medium' });
    expect(fieldOf('Task', 'Status')).toMatchObject({ defaultValue: 'Not Started' });
    expect(fieldOf('Task', 'Priority')).toMatchObject({ defaultValue: 'Normal' });
    expect(fieldOf('Contract', 'Status')).toMatchObject({ defaultValue: 'Draft' });
    expect(fieldOf('Lead', 'Status')).toMatchObject({ defaultValue: 'Open - Not Contacted' });
    expect(fieldOf('Group', 'Type').picklistValues.map((v) => v.value)).toEqual(
      expect.arrayContaining(['Queue', 'Regular', 'Role']),
    );
    expect(fieldOf('AccountShare', 'RowCause').picklistValues.map((v) => v.value)).toEqual(
      expect.arrayContaining(['Owner', 'Manual', 'Team', 'Rule', 'ImplicitChild']),
    );
    expect(fieldOf('User', 'TimeZoneSidKey').picklistValues.map((v) => v.value)).toContain('Asia/Shanghai');
    expect(fieldOf('User', 'LocaleSidKey').picklistValues.map((v) => v.value)).toContain('zh_CN');
    expect(fieldOf('User', 'EmailEncodingKey').picklistValues.map((v) => v.value)).toContain('UTF-8');
    expect(fieldOf('User', 'IsActive')).toMatchObject({ type: 'boolean', defaultValue: true });
    expect(fieldOf('Account', 'Industry').picklistValues.map((v) => v.value)).toEqual(
      expect.arrayContaining(['Banking', 'Technology', 'Food & Beverage']),
    );
    for (const o of schema.objects.values()) {
      for (const f of o.fields.filter((x) => x.type === 'picklist' || x.type === 'multipicklist')) {
        expect(f.picklistValues.length).toBeGreaterThan(0);
        if (typeof f.defaultValue === 'string') expect(f.picklistValues.map((v) => v.value)).toContain(f.defaultValue);
      }
    }
  });

  it('names the polymorphic lookups as real orgs do', () => {
    expect(fieldOf('Task', 'WhoId')).toMatchObject({ relationshipName: 'Who', referenceTo: ['Contact', 'Lead'] });
    expect(fieldOf('Task', 'WhatId').referenceTo).toEqual(
      expect.arrayContaining(['Account', 'Opportunity', 'Case', 'Contract']),
    );
    expect(fieldOf('Event', 'WhatId')).toMatchObject({ relationshipName: 'What', childRelationshipName: 'Events' });
    expect(fieldOf('ContentDocumentLink', 'LinkedEntityId').referenceTo).toEqual(
      expect.arrayContaining(['Account', 'Opportunity', 'Case', 'Contact', 'User']),
    );
    expect(fieldOf('GroupMember', 'UserOrGroupId')).toMatchObject({
      relationshipName: null,
      referenceTo: ['Group', 'User'],
    });
    expect(fieldOf('AccountShare', 'UserOrGroupId')).toMatchObject({
      relationshipName: 'UserOrGroup',
      updateable: false,
    });
  });

  it('returns fresh definitions on every call', () => {
    for (const o of standardObjects()) o.fields.length = 0;
    expect(standardObjects().every((o) => o.fields.length > 0)).toBe(true);
  });
});
