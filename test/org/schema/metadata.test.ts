import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSchema } from '../../../src/org/schema/build.js';
import { customKeyPrefixes, loadForceAppObjects, loadSchema, MetadataError } from '../../../src/org/schema/metadata.js';
import { standardObjects } from '../../../src/org/schema/standard.js';
import type { FieldDef, Schema, SObjectDef } from '../../../src/org/schema/types.js';

const FIXTURES = fileURLToPath(new URL('fixtures/objects', import.meta.url));
const NS = 'xmlns="http://soap.sforce.com/2006/04/metadata"';

describe('force-app metadata', () => {
  let schema: Schema;

  beforeAll(() => {
    schema = loadSchema(FIXTURES);
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

  it('declares a custom object with owner, name, label and sharing model', () => {
    const project = obj('Project__c');
    expect(project).toMatchObject({
      label: 'Project',
      labelPlural: 'Projects',
      custom: true,
      createable: true,
      allowsQueueOwner: true,
      sharingModel: 'Private',
    });
    expect(project.keyPrefix).toMatch(/^a[0-9A-Za-z]{2}$/);
    expect(schema.objectForId(`${project.keyPrefix}5g00000000001AAA`)?.name).toBe('Project__c');
    expect(fieldOf('Project__c', 'OwnerId').referenceTo).toEqual(['Group', 'User']);
    expect(fieldOf('Project__c', 'Name')).toMatchObject({
      type: 'string',
      length: 80,
      label: 'Project Name',
      nameField: true,
    });
    expect(fieldOf('Project__c', 'LastActivityDate')).toMatchObject({ type: 'date', createable: false });
    expect(fieldOf('Project__c', 'CreatedById')).toBeDefined();
  });

  it('maps every metadata field type to its describe type', () => {
    const expected: Record<string, Partial<FieldDef>> = {
      Code__c: { type: 'string', length: 20, nillable: false, unique: true, externalId: true, idLookup: true },
      Status_Note__c: { type: 'string', length: 80, defaultValue: 'n/a', defaultedOnCreate: true },
      Summary__c: { type: 'textarea', length: 255 },
      Details__c: { type: 'textarea', length: 32768 },
      Brief__c: { type: 'textarea', length: 10000 },
      Contact_Email__c: { type: 'email', length: 80 },
      Hotline__c: { type: 'phone', length: 40 },
      Site__c: { type: 'url', length: 255 },
      Is_Active__c: { type: 'boolean', defaultValue: true, nillable: false, defaultedOnCreate: true },
      Headcount__c: { type: 'double', precision: 6, scale: 0, defaultValue: 5 },
      Budget__c: { type: 'currency', precision: 16, scale: 2 },
      Completion__c: { type: 'percent', precision: 5, scale: 2 },
      Start_Date__c: { type: 'date', defaultValue: undefined, defaultedOnCreate: false },
      Kickoff__c: { type: 'datetime' },
      Standup_Time__c: { type: 'time' },
      Stage__c: { type: 'picklist', restrictedPicklist: true, defaultValue: 'Planned', defaultedOnCreate: true },
      Tags__c: { type: 'multipicklist', restrictedPicklist: false },
      Region__c: { type: 'picklist', restrictedPicklist: true, defaultValue: 'AMER' },
      Project_Number__c: { type: 'string', createable: false, updateable: false, autoNumberFormat: 'PRJ-{0000}' },
      Health__c: {
        type: 'string',
        length: 1300,
        calculated: true,
        createable: false,
        updateable: false,
        nillable: true,
      },
      Budget_Per_Head__c: {
        type: 'currency',
        calculated: true,
        calculatedFormula: 'Budget__c / Headcount__c',
        scale: 2,
      },
      Task_Count__c: { type: 'double', calculated: true, createable: false },
      Access_Code__c: { type: 'encryptedstring', length: 100 },
    };
    for (const [name, props] of Object.entries(expected)) {
      expect(fieldOf('Project__c', name)).toMatchObject({ name, custom: true, ...props });
    }
    expect(fieldOf('Project__c', 'Code__c').inlineHelpText).toBe('Unique code from the ERP & billing system.');
    expect(fieldOf('Project__c', 'Health__c').calculatedFormula).toBe('IF(Completion__c > 0.5, "Good", "Early")');
    expect(fieldOf('Project__c', 'Stage__c').picklistValues).toEqual([
      { value: 'Planned', label: 'Planned', active: true, defaultValue: true },
      { value: 'Active', label: 'Active', active: true, defaultValue: false },
      { value: 'Done', label: 'Done & Dusted', active: true, defaultValue: false },
    ]);
    expect(fieldOf('Project__c', 'Region__c').picklistValues.map((v) => [v.value, v.label])).toEqual([
      ['APAC', 'Asia Pacific'],
      ['EMEA', 'EMEA'],
      ['AMER', 'Americas'],
    ]);
  });

  it('names lookup relationships as a real org does', () => {
    expect(fieldOf('Project__c', 'Account__c')).toMatchObject({
      type: 'reference',
      referenceTo: ['Account'],
      relationshipName: 'Account__r',
      childRelationshipName: 'Projects__r',
      cascadeDelete: false,
      nillable: true,
    });
    expect(obj('Account').childRelationships).toContainEqual({
      childSObject: 'Project__c',
      field: 'Account__c',
      relationshipName: 'Projects__r',
      cascadeDelete: false,
    });
    expect(obj('User').childRelationships).toContainEqual(
      expect.objectContaining({ childSObject: 'Project__c', relationshipName: 'Sponsored_Projects__r' }),
    );
  });

  it('makes a master-detail child ownerless, required and deleted with its master', () => {
    const detail = obj('Project_Task__c');
    expect(detail).toMatchObject({
      allowsQueueOwner: false,
      sharingModel: 'ControlledByParent',
      labelPlural: 'Project Tasks',
    });
    expect(schema.field(detail, 'OwnerId')).toBeUndefined();
    expect(fieldOf('Project_Task__c', 'Name')).toMatchObject({
      autoNumberFormat: 'T-{00000}',
      createable: false,
      label: 'Task Number',
    });
    expect(fieldOf('Project_Task__c', 'Project__c')).toMatchObject({
      referenceTo: ['Project__c'],
      relationshipName: 'Project__r',
      nillable: false,
      createable: true,
      updateable: false,
      cascadeDelete: true,
    });
    expect(obj('Project__c').childRelationships).toContainEqual({
      childSObject: 'Project_Task__c',
      field: 'Project__c',
      relationshipName: 'Project_Tasks__r',
      cascadeDelete: true,
    });
  });

  it('adds custom fields to standard objects and keeps standard fields as declared', () => {
    const standardAccount = standardObjects().find((o) => o.name === 'Account');
    expect(fieldOf('Account', 'Strategic__c')).toMatchObject({ type: 'boolean', custom: true, defaultValue: false });
    expect(fieldOf('Account', 'Industry')).toEqual(standardAccount?.fields.find((f) => f.name === 'Industry'));
    expect(obj('Account').fields.length).toBe((standardAccount?.fields.length ?? 0) + 2);
    expect(obj('Account').sharingModel).toBe('Read');
    expect(obj('Project__c').childRelationships).toContainEqual(
      expect.objectContaining({
        childSObject: 'Account',
        field: 'Primary_Project__c',
        relationshipName: 'Primary_Accounts__r',
      }),
    );
  });

  it('lets activities, files, notes and queues reach custom objects', () => {
    expect(fieldOf('Task', 'WhatId').referenceTo).toContain('Project__c');
    expect(fieldOf('Event', 'WhatId').referenceTo).toContain('Project__c');
    expect(fieldOf('Task', 'WhatId').referenceTo).not.toContain('Project_Task__c');
    expect(obj('Project__c').childRelationships).toContainEqual(
      expect.objectContaining({ childSObject: 'Task', field: 'WhatId', relationshipName: 'Tasks' }),
    );
    expect(fieldOf('ContentDocumentLink', 'LinkedEntityId').referenceTo).toEqual(
      expect.arrayContaining(['Project__c', 'Project_Task__c']),
    );
    expect(fieldOf('Note', 'ParentId').referenceTo).toContain('Project__c');
    const queueTypes = fieldOf('QueueSobject', 'SobjectType').picklistValues.map((v) => v.value);
    expect(queueTypes).toEqual(['Case', 'Lead', 'Project__c']);
  });

  it('reads custom metadata types as read-only objects', () => {
    const settings = obj('Handover_Setting__mdt');
    expect(settings).toMatchObject({ custom: true, createable: false, updateable: false, deletable: false });
    expect(settings.keyPrefix).toMatch(/^m[0-9A-Za-z]{2}$/);
    expect(fieldOf('Handover_Setting__mdt', 'Batch_Size__c')).toMatchObject({ type: 'double', precision: 4 });
    expect(fieldOf('Handover_Setting__mdt', 'DeveloperName')).toBeDefined();
    expect(schema.field(settings, 'OwnerId')).toBeUndefined();
  });

  it('leaves the given standard objects untouched', () => {
    const standard = standardObjects();
    const before = JSON.stringify(standard);
    loadForceAppObjects(FIXTURES, standard);
    expect(JSON.stringify(standard)).toBe(before);
  });

  it('treats a missing objects folder as an org without custom metadata', () => {
    const plain = loadSchema(join(FIXTURES, 'no-such-folder'));
    expect([...plain.objects.keys()]).toEqual(standardObjects().map((o) => o.name));
  });

  describe('key prefixes', () => {
    it('are stable, distinct from taken ones and independent of input order', () => {
      const names = ['Project__c', 'Invoice__c', 'Milestone__c', 'Config__mdt'];
      const first = customKeyPrefixes(names, ['001']);
      expect(customKeyPrefixes([...names].reverse(), ['001'])).toEqual(first);
      expect(new Set(first.values()).size).toBe(names.length);
      expect(first.get('Config__mdt')).toMatch(/^m/);
      // Adding an object does not move the others (barring a hash collision).
      const more = customKeyPrefixes([...names, 'Renewal__c'], ['001']);
      for (const name of names) expect(more.get(name)).toBe(first.get(name));
    });

    it('moves to the next free prefix on a collision', () => {
      const home = customKeyPrefixes(['Project__c'], []).get('Project__c') ?? '';
      const moved = customKeyPrefixes(['Project__c'], [home]).get('Project__c');
      expect(moved).toMatch(/^a[0-9A-Za-z]{2}$/);
      expect(moved).not.toBe(home);
      const pair = customKeyPrefixes(['Project__c', 'Other__c'], [home]);
      expect(pair.get('Project__c')).not.toBe(pair.get('Other__c'));
    });
  });

  describe('malformed metadata', () => {
    let root: string;

    beforeEach(() => {
      root = mkdtempSync(join(tmpdir(), 'handover-metadata-'));
    });

    afterEach(() => {
      rmSync(root, { recursive: true, force: true });
    });

    /** Writes files under a fresh `objects` folder and loads them. */
    function load(files: Record<string, string>): SObjectDef[] {
      const objectsDir = join(mkdtempSync(join(root, 'case-')), 'objects');
      for (const [path, content] of Object.entries(files)) {
        const file = join(objectsDir, path);
        mkdirSync(dirname(file), { recursive: true });
        writeFileSync(file, content);
      }
      return loadForceAppObjects(objectsDir, standardObjects());
    }

    function loadError(files: Record<string, string>): MetadataError {
      try {
        load(files);
      } catch (error) {
        if (error instanceof MetadataError) return error;
        throw error;
      }
      throw new Error('expected a MetadataError');
    }

    const customField = (inner: string) =>
      `<?xml version="1.0" encoding="UTF-8"?><CustomField ${NS}>${inner}</CustomField>`;
    const customObject = `<CustomObject ${NS}><label>Thing</label><pluralLabel>Things</pluralLabel><nameField><label>Thing Name</label><type>Text</type></nameField><sharingModel>ReadWrite</sharingModel></CustomObject>`;

    it('names the file and the line of malformed XML', () => {
      const error = loadError({
        'Account/fields/Broken__c.field-meta.xml': customField(
          '<label>Broken</label><type>Text</type><length>10</length',
        ),
      });
      expect(error.file).toMatch(/objects\/Account\/fields\/Broken__c\.field-meta\.xml$/);
      expect(error.message).toMatch(/Broken__c\.field-meta\.xml: malformed XML at line 1/);
    });

    it('names the file and the element of invalid field metadata', () => {
      const error = loadError({
        'Account/fields/Odd__c.field-meta.xml': customField('<label>Odd</label><type>Gibberish</type>'),
      });
      expect(error.message).toContain('Odd__c.field-meta.xml: invalid field metadata: <type>');
      expect(
        loadError({ 'Account/fields/Size__c.field-meta.xml': customField('<type>Text</type><length>ten</length>') })
          .message,
      ).toContain('<length>: expected a whole number');
      expect(
        loadError({ 'Account/fields/Short__c.field-meta.xml': customField('<type>Text</type>') }).message,
      ).toContain('Text fields need <length>');
      expect(
        loadError({
          'Account/fields/Wrong__c.field-meta.xml': customField('<fullName>Right__c</fullName><type>Date</type>'),
        }).message,
      ).toContain('does not match the file name');
      expect(loadError({ 'Account/fields/Empty__c.field-meta.xml': `<Something ${NS}/>` }).message).toContain(
        'expected a <CustomField> root element',
      );
    });

    it('rejects lookups without a target or to unknown objects', () => {
      expect(
        loadError({
          'Account/fields/Ref__c.field-meta.xml': customField(
            '<type>Lookup</type><relationshipName>Refs</relationshipName>',
          ),
        }).message,
      ).toContain('Lookup fields need <referenceTo>');
      const unknown = loadError({
        'Account/fields/Ref__c.field-meta.xml': customField(
          '<type>Lookup</type><referenceTo>Nowhere__c</referenceTo><relationshipName>Refs</relationshipName>',
        ),
      });
      expect(unknown.message).toContain(
        'Ref__c.field-meta.xml: <referenceTo>Nowhere__c</referenceTo> is not an object',
      );
      const master = loadError({
        'Contact/fields/Parent__c.field-meta.xml': customField(
          '<type>MasterDetail</type><referenceTo>Account</referenceTo><relationshipName>Kids</relationshipName>',
        ),
      });
      expect(master.message).toContain('Contact is a standard object');
    });

    it('rejects clashing child relationship names and duplicate fields', () => {
      const lookup = (name: string) =>
        customField(
          `<fullName>${name}</fullName><type>Lookup</type><referenceTo>Account</referenceTo><relationshipName>Same</relationshipName>`,
        );
      const clash = loadError({
        'Thing__c/Thing__c.object-meta.xml': customObject,
        'Thing__c/fields/First__c.field-meta.xml': lookup('First__c'),
        'Thing__c/fields/Second__c.field-meta.xml': lookup('Second__c'),
      });
      expect(clash.message).toContain(
        'Second__c.field-meta.xml: Account already has a child relationship named Same__r',
      );
    });

    it('rejects unknown object folders and custom objects without an object file', () => {
      expect(
        loadError({ 'Campaign/fields/Budget__c.field-meta.xml': customField('<type>Date</type>') }).message,
      ).toContain('Campaign is neither a custom object');
      expect(
        loadError({ 'Thing__c/fields/When__c.field-meta.xml': customField('<type>Date</type>') }).message,
      ).toContain('missing Thing__c.object-meta.xml');
      expect(
        loadError({ 'Thing__c/Thing__c.object-meta.xml': `<CustomObject ${NS}><label>Thing</label></CustomObject>` })
          .message,
      ).toContain('custom objects need <label> and <pluralLabel>');
    });

    it('reports a missing global value set', () => {
      const error = loadError({
        'Account/fields/Tier__c.field-meta.xml': customField(
          '<type>Picklist</type><valueSet><valueSetName>Tier</valueSetName></valueSet>',
        ),
      });
      expect(error.message).toContain('global value set Tier not found');
    });

    it('loads a minimal custom object', () => {
      const objects = load({
        'Thing__c/Thing__c.object-meta.xml': customObject,
        'Thing__c/fields/When__c.field-meta.xml': customField('<label>When</label><type>Date</type>'),
      });
      const thing = buildSchema(objects).object('thing__c');
      expect(thing?.fields.map((f) => f.name)).toEqual(expect.arrayContaining(['Id', 'OwnerId', 'Name', 'When__c']));
      expect(thing?.sharingModel).toBe('ReadWrite');
    });
  });
});
