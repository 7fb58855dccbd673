import type { ChildRelationship, FieldDef, FieldType, PicklistValue, Schema, SObjectDef } from './types.js';

/** Options accepted by the field helpers; anything not given takes the Salesforce default for the type. */
export type FieldOptions = Partial<Omit<FieldDef, 'name' | 'type'>> & {
  /** Shorthand: createable, not nillable, not defaulted. */
  required?: boolean;
  /** Shorthand: neither createable nor updateable (system and audit fields). */
  readOnly?: boolean;
};

const TEXT_TYPES = new Set<FieldType>([
  'string',
  'textarea',
  'email',
  'phone',
  'url',
  'picklist',
  'multipicklist',
  'encryptedstring',
]);

/** Builds a field definition with the defaults describe would show for its type. */
export function field(name: string, type: FieldType, options: FieldOptions = {}): FieldDef {
  const { required = false, readOnly = false, ...rest } = options;
  const isBoolean = type === 'boolean';
  const base: FieldDef = {
    name,
    label: rest.label ?? labelFromName(name),
    type,
    length: TEXT_TYPES.has(type) ? 255 : type === 'id' || type === 'reference' ? 18 : 0,
    precision: type === 'currency' || type === 'double' ? 18 : type === 'percent' ? 5 : type === 'int' ? 9 : 0,
    scale: type === 'currency' || type === 'percent' ? 2 : 0,
    nillable: !required && !isBoolean && type !== 'id',
    createable: !readOnly && type !== 'id',
    updateable: !readOnly && type !== 'id',
    defaultedOnCreate: isBoolean || readOnly,
    defaultValue: isBoolean ? false : undefined,
    unique: false,
    externalId: false,
    idLookup: type === 'id',
    referenceTo: [],
    relationshipName: null,
    childRelationshipName: null,
    cascadeDelete: false,
    calculated: false,
    picklistValues: [],
    restrictedPicklist: false,
    inlineHelpText: null,
    custom: name.endsWith('__c'),
  };
  return { ...base, ...rest };
}

/**
 * A lookup: `reference('AccountId', ['Account'], 'Account', { childRelationshipName: 'Contacts' })`.
 * Without childRelationshipName the parent has no child relationship for it (as with audit lookups);
 * a null relationshipName makes the lookup untraversable in SOQL (as GroupMember.UserOrGroupId).
 */
export function reference(
  name: string,
  referenceTo: string[],
  relationshipName: string | null,
  options: FieldOptions = {},
): FieldDef {
  return field(name, 'reference', { referenceTo, relationshipName, ...options });
}

export type PicklistOptions = FieldOptions & { defaultValue?: string; type?: 'picklist' | 'multipicklist' };

/** A picklist (or, with `type: 'multipicklist'`, a multi-select picklist) of the given values. */
export function picklist(name: string, values: string[], options: PicklistOptions = {}): FieldDef {
  const { type = 'picklist', ...rest } = options;
  return field(name, type, {
    picklistValues: picklistValues(values, rest.defaultValue),
    // A picklist with a default value is filled on insert, as describe reports it.
    ...(rest.defaultValue !== undefined ? { defaultedOnCreate: true } : {}),
    ...rest,
  });
}

export function picklistValues(values: string[], defaultValue?: string | null): PicklistValue[] {
  return values.map((value) => ({ value, label: value, active: true, defaultValue: value === defaultValue }));
}

/** The fields every object has: Id, IsDeleted and the audit fields. */
export function systemFields(): FieldDef[] {
  return [
    field('Id', 'id', { label: 'Record ID', readOnly: true }),
    field('IsDeleted', 'boolean', { label: 'Deleted', readOnly: true }),
    field('CreatedDate', 'datetime', { readOnly: true, nillable: false }),
    reference('CreatedById', ['User'], 'CreatedBy', { label: 'Created By ID', readOnly: true, nillable: false }),
    field('LastModifiedDate', 'datetime', { readOnly: true, nillable: false }),
    reference('LastModifiedById', ['User'], 'LastModifiedBy', {
      label: 'Last Modified By ID',
      readOnly: true,
      nillable: false,
    }),
    field('SystemModstamp', 'datetime', { label: 'System Modstamp', readOnly: true, nillable: false }),
  ];
}

/** OwnerId as on standard objects: a User, or a queue where the object allows queues. */
export function ownerField(allowsQueue: boolean, options: FieldOptions = {}): FieldDef {
  return reference('OwnerId', allowsQueue ? ['Group', 'User'] : ['User'], 'Owner', {
    label: 'Owner ID',
    defaultedOnCreate: true,
    nillable: false,
    ...options,
  });
}

export type ObjectOptions = Partial<Omit<SObjectDef, 'name' | 'keyPrefix' | 'fields' | 'childRelationships'>>;

/** Declares an object; system fields are added in front of the given ones. */
export function sobject(name: string, keyPrefix: string, fields: FieldDef[], options: ObjectOptions = {}): SObjectDef {
  const label = options.label ?? labelFromName(name);
  return {
    name,
    label,
    labelPlural: options.labelPlural ?? `${label}s`,
    keyPrefix,
    custom: name.endsWith('__c'),
    createable: true,
    updateable: true,
    deletable: true,
    queryable: true,
    allowsQueueOwner: false,
    ...options,
    fields: [...systemFields(), ...fields],
    childRelationships: [],
  };
}

/** Indexes the objects and derives every child relationship from the reference fields. */
export function buildSchema(objects: Iterable<SObjectDef>): Schema {
  const byName = new Map<string, SObjectDef>();
  const byLowerName = new Map<string, SObjectDef>();
  const byPrefix = new Map<string, SObjectDef>();
  for (const obj of objects) {
    byName.set(obj.name, obj);
    byLowerName.set(obj.name.toLowerCase(), obj);
    byPrefix.set(obj.keyPrefix, obj);
  }
  const fieldIndex = new Map<SObjectDef, Map<string, FieldDef>>();
  for (const obj of byName.values()) {
    obj.childRelationships = [];
    fieldIndex.set(obj, new Map(obj.fields.map((f) => [f.name.toLowerCase(), f])));
  }
  for (const child of byName.values()) {
    for (const f of child.fields) {
      if (f.type !== 'reference') continue;
      for (const parentName of f.referenceTo) {
        const parent = byName.get(parentName);
        if (!parent) continue;
        const rel: ChildRelationship = {
          childSObject: child.name,
          field: f.name,
          relationshipName: f.childRelationshipName,
          cascadeDelete: f.cascadeDelete,
        };
        parent.childRelationships.push(rel);
      }
    }
  }
  return {
    objects: byName,
    object: (name) => byLowerName.get(name.toLowerCase()),
    objectForId: (id) => byPrefix.get(id.slice(0, 3)),
    field: (obj, name) => fieldIndex.get(obj)?.get(name.toLowerCase()),
  };
}

export function labelFromName(name: string): string {
  return name
    .replace(/__c$/, '')
    .replace(/Id$/, ' ID')
    .replace(/_/g, ' ')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .trim();
}
