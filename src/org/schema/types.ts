/**
 * The local org's schema model: what describe reports and what storage, SOQL and validation use.
 * Standard objects are declared in standard.ts; custom objects come from force-app metadata.
 */

/** Salesforce field types as describe reports them (`fields[].type`). */
export type FieldType =
  | 'id'
  | 'string'
  | 'textarea'
  | 'email'
  | 'phone'
  | 'url'
  | 'picklist'
  | 'multipicklist'
  | 'boolean'
  | 'int'
  | 'double'
  | 'currency'
  | 'percent'
  | 'date'
  | 'datetime'
  | 'time'
  | 'reference'
  | 'base64'
  | 'encryptedstring';

export type PicklistValue = { value: string; label: string; active: boolean; defaultValue: boolean };

export type FieldDef = {
  name: string;
  label: string;
  type: FieldType;
  /** Max characters for text types; 0 for the rest. */
  length: number;
  /** Digits for numbers (describe's precision/scale). */
  precision: number;
  scale: number;
  /** May be null. Required fields are createable, not nillable and not defaulted on create. */
  nillable: boolean;
  createable: boolean;
  updateable: boolean;
  defaultedOnCreate: boolean;
  /** Value used on insert when none is given (checkbox defaults, picklist defaults, ...). */
  defaultValue?: string | number | boolean | null;
  unique: boolean;
  externalId: boolean;
  idLookup: boolean;
  /** For reference fields: the objects the Id may point to, and the relationship name (`Owner`). */
  referenceTo: string[];
  relationshipName: string | null;
  /** The name the parent uses for the list of children (`Contacts` for Contact.AccountId); null for none. */
  childRelationshipName: string | null;
  /** For a master-detail or cascade-delete lookup: deleting the parent deletes this record. */
  cascadeDelete: boolean;
  /** A formula or roll-up: computed by the org, never written. */
  calculated: boolean;
  picklistValues: PicklistValue[];
  /** Restricted picklists reject values that are not in picklistValues. */
  restrictedPicklist: boolean;
  inlineHelpText: string | null;
  custom: boolean;
  /** The field names the record (describe's nameField): Name, CaseNumber, Subject, ... */
  nameField?: boolean;
  /** Auto-number fields (describe's autoNumber): the display format, e.g. "{00000000}" or "PRJ-{0000}". */
  autoNumberFormat?: string;
  /** Formula fields: the formula as written in metadata (describe's calculatedFormula). */
  calculatedFormula?: string;
};

export type ChildRelationship = {
  childSObject: string;
  field: string;
  relationshipName: string | null;
  cascadeDelete: boolean;
};

/** Organization-wide default access of an object, as metadata spells it (CustomObject.sharingModel). */
export type SharingModel = 'Private' | 'Read' | 'ReadWrite' | 'ReadWriteTransfer' | 'FullAccess' | 'ControlledByParent';

export type SObjectDef = {
  name: string;
  label: string;
  labelPlural: string;
  keyPrefix: string;
  custom: boolean;
  /** The API accepts creates, updates and deletes on this object. */
  createable: boolean;
  updateable: boolean;
  deletable: boolean;
  queryable: boolean;
  /** OwnerId may hold a queue (Group of type Queue) Id. */
  allowsQueueOwner: boolean;
  /** Org-wide default from metadata; undefined for standard objects (see the Organization.Default*Access fields). */
  sharingModel?: SharingModel;
  fields: FieldDef[];
  /** Filled in once all objects are known (see buildSchema). */
  childRelationships: ChildRelationship[];
};

/** All objects of one org, by name (case-insensitive lookups through `object()`). */
export type Schema = {
  objects: Map<string, SObjectDef>;
  /** Case-insensitive: SOQL and REST paths may use any case. */
  object(name: string): SObjectDef | undefined;
  /** The object whose key prefix starts an Id. */
  objectForId(id: string): SObjectDef | undefined;
  field(object: SObjectDef, name: string): FieldDef | undefined;
};
