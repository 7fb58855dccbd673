import { needsShareObject, shareObject, shareObjectName } from './shareObjects.js';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { z } from 'zod';
import { buildSchema, field, labelFromName, ownerField, reference, sobject, type FieldOptions } from './build.js';
import { standardObjects } from './standard.js';
import type { FieldDef, FieldType, PicklistValue, Schema, SObjectDef } from './types.js';

/**
 * Custom objects and fields from Salesforce source-format metadata (force-app/main/default/objects):
 * `<Object>/<Object>.object-meta.xml` declares a custom object, `<Object>/fields/<Field>.field-meta.xml`
 * a field, on a custom object or on a standard one. Describe types, lengths and relationship names
 * follow what a real org reports after deploying the same metadata.
 */

/** Malformed or unsupported metadata; the message starts with the file at fault. */
export class MetadataError extends Error {
  public constructor(
    public readonly file: string,
    message: string,
  ) {
    super(`${file}: ${message}`);
    this.name = 'MetadataError';
  }
}

/** The standard objects and the custom objects of `forceAppObjectsDir`, with child relationships resolved. */
export function loadSchema(forceAppObjectsDir: string): Schema {
  return buildSchema(loadForceAppObjects(forceAppObjectsDir, standardObjects()));
}

/**
 * `standard` (copied, never changed) extended with the custom fields found in `objectsDir`, followed by
 * the custom objects declared there. A missing folder means an org without custom metadata.
 */
export function loadForceAppObjects(objectsDir: string, standard: SObjectDef[]): SObjectDef[] {
  const objects = structuredClone(standard);
  if (!existsSync(objectsDir)) return objects;
  const byName = new Map(objects.map((o) => [o.name.toLowerCase(), o]));
  const folders = readdirSync(objectsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => readObjectFolder(objectsDir, entry.name))
    .sort((a, b) => compareNames(a.name, b.name));

  const customFolders: ObjectFolder[] = [];
  for (const folder of folders) {
    const existing = byName.get(folder.name.toLowerCase());
    if (existing) extendStandardObject(existing, folder);
    else customFolders.push(checkCustomFolder(folder));
  }
  const prefixes = customKeyPrefixes(
    customFolders.map((f) => f.name),
    objects.map((o) => o.keyPrefix),
  );
  const customs = customFolders.map((folder) => customObject(folder, prefixes.get(folder.name) ?? ''));
  objects.push(...customs.map((c) => c.def));

  const shared = customs.map((c) => c.def).filter(needsShareObject);
  const sharePrefixes = customKeyPrefixes(
    shared.map((o) => shareObjectName(o.name)),
    objects.map((o) => o.keyPrefix),
  );
  objects.push(...shared.map((o) => shareObject(o, sharePrefixes.get(shareObjectName(o.name)) ?? '')));

  linkCustomObjects(objects, customs);
  const sources = folders.flatMap((f) => f.fields);
  checkReferences(objects, sources);
  return objects;
}

// ---------------------------------------------------------------------------------------------
// Reading files

const FIELD_SUFFIX = '.field-meta.xml';
const OBJECT_SUFFIX = '.object-meta.xml';
/** Elements that repeat; the parser would otherwise give a lone one as an object, not an array. */
const ARRAY_PATHS = new Set(['CustomField.valueSet.valueSetDefinition.value', 'GlobalValueSet.customValue']);

const parser = new XMLParser({
  ignoreAttributes: true,
  ignoreDeclaration: true,
  // Keep every value a string: "001" or "1.10" must not turn into numbers.
  parseTagValue: false,
  trimValues: true,
  isArray: (_name, jPath) => typeof jPath === 'string' && ARRAY_PATHS.has(jPath),
});

/** The content of the root element `root` of an XML file, after checking the XML is well formed. */
function readXml(file: string, root: string): unknown {
  const xml = readFileSync(file, 'utf8');
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    const { line, col, msg } = valid.err;
    throw new MetadataError(file, `malformed XML at line ${line}, column ${col}: ${msg}`);
  }
  const doc = parser.parse(xml) as Record<string, unknown>;
  if (!(root in doc)) throw new MetadataError(file, `expected a <${root}> root element`);
  return doc[root];
}

function parseWith<T>(schema: z.ZodType<T>, value: unknown, file: string, what: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues.map(
    (i) => `${i.path.length > 0 ? `<${i.path.join('.')}>` : 'root'}: ${i.message}`,
  );
  throw new MetadataError(file, `invalid ${what}: ${issues.join('; ')}`);
}

// ---------------------------------------------------------------------------------------------
// Metadata shapes (only the elements the local org uses; others are ignored)

const bool = z.enum(['true', 'false']).transform((v) => v === 'true');
const int = z
  .string()
  .regex(/^\d+$/, 'expected a whole number')
  .transform((v) => Number(v));

const METADATA_FIELD_TYPES = [
  'AutoNumber',
  'Checkbox',
  'Currency',
  'Date',
  'DateTime',
  'Email',
  'EncryptedText',
  'Hierarchy',
  'Html',
  'LongTextArea',
  'Lookup',
  'MasterDetail',
  'MultiselectPicklist',
  'Number',
  'Percent',
  'Phone',
  'Picklist',
  'Summary',
  'Text',
  'TextArea',
  'Time',
  'Url',
] as const;
type MetadataFieldType = (typeof METADATA_FIELD_TYPES)[number];

const SHARING_MODELS = [
  'Private',
  'Read',
  'ReadWrite',
  'ReadWriteTransfer',
  'FullAccess',
  'ControlledByParent',
] as const;

const PicklistValueXml = z.object({
  fullName: z.string().min(1),
  label: z.string().optional(),
  default: bool.optional(),
  isActive: bool.optional(),
});

const FieldXml = z.object({
  fullName: z.string().optional(),
  label: z.string().optional(),
  type: z.enum(METADATA_FIELD_TYPES, { error: `expected one of ${METADATA_FIELD_TYPES.join(', ')}` }),
  length: int.optional(),
  precision: int.optional(),
  scale: int.optional(),
  required: bool.optional(),
  unique: bool.optional(),
  externalId: bool.optional(),
  defaultValue: z.string().optional(),
  inlineHelpText: z.string().optional(),
  formula: z.string().optional(),
  displayFormat: z.string().optional(),
  referenceTo: z.string().optional(),
  relationshipName: z.string().optional(),
  deleteConstraint: z.enum(['SetNull', 'Restrict', 'Cascade']).optional(),
  reparentableMasterDetail: bool.optional(),
  summaryOperation: z.enum(['count', 'sum', 'min', 'max']).optional(),
  valueSet: z
    .object({
      restricted: bool.optional(),
      valueSetName: z.string().optional(),
      valueSetDefinition: z.object({ value: z.array(PicklistValueXml).min(1) }).optional(),
    })
    .optional(),
});
type FieldXml = z.infer<typeof FieldXml>;

const CustomObjectXml = z.object({
  label: z.string().optional(),
  pluralLabel: z.string().optional(),
  nameField: z
    .object({
      label: z.string().optional(),
      type: z.enum(['Text', 'AutoNumber']),
      displayFormat: z.string().optional(),
    })
    .optional(),
  sharingModel: z.enum(SHARING_MODELS).optional(),
  enableActivities: bool.optional(),
});
type CustomObjectXml = z.infer<typeof CustomObjectXml>;

const GlobalValueSetXml = z.object({ customValue: z.array(PicklistValueXml).min(1) });

// ---------------------------------------------------------------------------------------------
// Object folders

type FieldSource = { def: FieldDef; file: string; masterDetail: boolean };
type ObjectFolder = { name: string; dir: string; metaFile: string | undefined; fields: FieldSource[] };
type CustomObject = { def: SObjectDef; enableActivities: boolean };

function readObjectFolder(objectsDir: string, name: string): ObjectFolder {
  const dir = join(objectsDir, name);
  const metaFile = join(dir, `${name}${OBJECT_SUFFIX}`);
  return {
    name,
    dir,
    metaFile: existsSync(metaFile) ? metaFile : undefined,
    fields: readFields(objectsDir, dir),
  };
}

function readFields(objectsDir: string, dir: string): FieldSource[] {
  const fieldsDir = join(dir, 'fields');
  if (!existsSync(fieldsDir)) return [];
  return readdirSync(fieldsDir)
    .filter((fileName) => fileName.endsWith(FIELD_SUFFIX))
    .sort(compareNames)
    .flatMap((fileName) => {
      const name = fileName.slice(0, -FIELD_SUFFIX.length);
      // Files for standard fields only tune them (history tracking, ...); the standard definition stands.
      if (!name.endsWith('__c')) return [];
      const file = join(fieldsDir, fileName);
      const meta = parseWith(FieldXml, readXml(file, 'CustomField'), file, 'field metadata');
      return [{ def: customField(name, meta, file, objectsDir), file, masterDetail: meta.type === 'MasterDetail' }];
    });
}

function extendStandardObject(obj: SObjectDef, folder: ObjectFolder): void {
  if (folder.metaFile) {
    const meta = parseWith(
      CustomObjectXml,
      readXml(folder.metaFile, 'CustomObject'),
      folder.metaFile,
      'object metadata',
    );
    if (meta.sharingModel) obj.sharingModel = meta.sharingModel;
  }
  for (const source of folder.fields) {
    if (source.masterDetail) {
      throw new MetadataError(
        source.file,
        `${obj.name} is a standard object and cannot be the detail of a master-detail`,
      );
    }
    addField(obj, source);
  }
}

function addField(obj: SObjectDef, source: FieldSource): void {
  const name = source.def.name.toLowerCase();
  if (obj.fields.some((f) => f.name.toLowerCase() === name)) {
    throw new MetadataError(source.file, `${obj.name} already has a field named ${source.def.name}`);
  }
  obj.fields.push(source.def);
}

/** Only custom objects and custom metadata types may be declared; other names are typos or unsupported. */
function checkCustomFolder(folder: ObjectFolder): ObjectFolder {
  if (!folder.name.endsWith('__c') && !folder.name.endsWith('__mdt')) {
    throw new MetadataError(
      folder.dir,
      `${folder.name} is neither a custom object (__c) nor a standard object the local org emulates (see src/org/schema/standard.ts)`,
    );
  }
  if (!folder.metaFile) throw new MetadataError(folder.dir, `missing ${folder.name}${OBJECT_SUFFIX}`);
  return folder;
}

// ---------------------------------------------------------------------------------------------
// Custom objects

function customObject(folder: ObjectFolder, keyPrefix: string): CustomObject {
  const file = folder.metaFile ?? folder.dir;
  const meta = parseWith(CustomObjectXml, readXml(file, 'CustomObject'), file, 'object metadata');
  const label = meta.label ?? labelFromName(folder.name);
  const options = { label, labelPlural: meta.pluralLabel ?? label };
  const def = folder.name.endsWith('__mdt')
    ? sobject(folder.name, keyPrefix, customMetadataFields(), {
        ...options,
        custom: true,
        createable: false,
        updateable: false,
        deletable: false,
      })
    : sobject(folder.name, keyPrefix, customObjectFields(folder, meta, file), {
        ...options,
        allowsQueueOwner: !isDetail(folder),
        sharingModel: meta.sharingModel ?? (isDetail(folder) ? 'ControlledByParent' : 'ReadWrite'),
      });
  for (const source of folder.fields) addField(def, source);
  return { def, enableActivities: meta.enableActivities ?? false };
}

/** A detail object: its records belong to their master, so it has no owner and no queue. */
function isDetail(folder: ObjectFolder): boolean {
  return folder.fields.some((f) => f.masterDetail);
}

/** OwnerId (unless a detail), Name and the activity and view dates; custom fields follow. */
function customObjectFields(folder: ObjectFolder, meta: CustomObjectXml, file: string): FieldDef[] {
  if (!meta.label || !meta.pluralLabel) throw new MetadataError(file, 'custom objects need <label> and <pluralLabel>');
  if (!meta.nameField) throw new MetadataError(file, 'custom objects need a <nameField>');
  const nameLabel = meta.nameField.label ?? `${meta.label} Name`;
  const name =
    meta.nameField.type === 'AutoNumber'
      ? field('Name', 'string', {
          label: nameLabel,
          length: 80,
          readOnly: true,
          nillable: false,
          nameField: true,
          idLookup: true,
          autoNumberFormat: requireValue(
            meta.nameField.displayFormat,
            file,
            'an AutoNumber <nameField> needs <displayFormat>',
          ),
        })
      : // Through the API a record inserted without a Name gets its Id as Name, so Name is not required.
        field('Name', 'string', {
          label: nameLabel,
          length: 80,
          defaultedOnCreate: true,
          nameField: true,
          idLookup: true,
        });
  return [
    ...(isDetail(folder) ? [] : [ownerField(true)]),
    name,
    ...(meta.enableActivities
      ? [field('LastActivityDate', 'date', { label: 'Last Activity Date', readOnly: true })]
      : []),
    field('LastViewedDate', 'datetime', { label: 'Last Viewed Date', readOnly: true }),
    field('LastReferencedDate', 'datetime', { label: 'Last Referenced Date', readOnly: true }),
  ];
}

/** The standard fields of a custom metadata type (its records are deployed, not written through the API). */
function customMetadataFields(): FieldDef[] {
  return [
    field('DeveloperName', 'string', {
      label: 'Custom Metadata Record Name',
      length: 40,
      readOnly: true,
      nillable: false,
    }),
    field('MasterLabel', 'string', { label: 'Label', length: 40, readOnly: true, nillable: false, nameField: true }),
    field('Label', 'string', { length: 40, readOnly: true }),
    field('Language', 'string', { length: 40, readOnly: true }),
    field('NamespacePrefix', 'string', { label: 'Namespace Prefix', length: 15, readOnly: true }),
    field('QualifiedApiName', 'string', { label: 'Qualified API Name', length: 70, readOnly: true, nillable: false }),
  ];
}

// ---------------------------------------------------------------------------------------------
// Custom fields

const DESCRIBE_TYPES: Record<MetadataFieldType, FieldType> = {
  AutoNumber: 'string',
  Checkbox: 'boolean',
  Currency: 'currency',
  Date: 'date',
  DateTime: 'datetime',
  Email: 'email',
  EncryptedText: 'encryptedstring',
  Hierarchy: 'reference',
  Html: 'textarea',
  LongTextArea: 'textarea',
  Lookup: 'reference',
  MasterDetail: 'reference',
  MultiselectPicklist: 'multipicklist',
  Number: 'double',
  Percent: 'percent',
  Phone: 'phone',
  Picklist: 'picklist',
  Summary: 'double',
  Text: 'string',
  TextArea: 'textarea',
  Time: 'time',
  Url: 'url',
};

/** Field types a formula may return. */
const FORMULA_TYPES = new Set<MetadataFieldType>([
  'Checkbox',
  'Currency',
  'Date',
  'DateTime',
  'Number',
  'Percent',
  'Text',
  'Time',
]);
const NUMBER_TYPES = new Set<MetadataFieldType>(['Number', 'Currency', 'Percent']);

function customField(name: string, meta: FieldXml, file: string, objectsDir: string): FieldDef {
  if (meta.fullName !== undefined && meta.fullName !== name) {
    throw new MetadataError(file, `<fullName>${meta.fullName}</fullName> does not match the file name (${name})`);
  }
  const common: FieldOptions = {
    label: meta.label ?? labelFromName(name),
    unique: meta.unique ?? false,
    externalId: meta.externalId ?? false,
    idLookup: meta.externalId ?? false,
    inlineHelpText: meta.inlineHelpText ?? null,
  };
  if (meta.formula !== undefined) return formulaField(name, meta, file, common);
  const type = DESCRIBE_TYPES[meta.type];
  const required = meta.required ?? false;
  switch (meta.type) {
    case 'Lookup':
    case 'MasterDetail':
    case 'Hierarchy':
      return lookupField(name, meta, file, common);
    case 'Picklist':
    case 'MultiselectPicklist':
      return picklistField(name, meta, file, objectsDir, { ...common, required });
    case 'AutoNumber':
      return field(name, type, {
        ...common,
        length: 30,
        readOnly: true,
        nillable: false,
        autoNumberFormat: requireValue(meta.displayFormat, file, 'AutoNumber fields need <displayFormat>'),
      });
    case 'Summary':
      // Roll-up summaries are computed by the org; the local org leaves them empty.
      return field(name, type, {
        ...common,
        readOnly: true,
        calculated: true,
        defaultedOnCreate: false,
        scale: meta.scale ?? 0,
      });
    case 'Checkbox':
      return field(name, type, { ...common, defaultValue: meta.defaultValue?.trim().toLowerCase() === 'true' });
    default:
      return field(name, type, {
        ...common,
        required,
        ...sizeOf(meta, file),
        ...defaultOf(meta, type),
      });
  }
}

/** Length, precision and scale as describe reports them for the metadata type. */
function sizeOf(meta: FieldXml, file: string): FieldOptions {
  switch (meta.type) {
    case 'Text':
    case 'EncryptedText':
    case 'LongTextArea':
    case 'Html':
      return { length: requireValue(meta.length, file, `${meta.type} fields need <length>`) };
    case 'TextArea':
      return { length: 255 };
    case 'Email':
      return { length: 80 };
    case 'Phone':
      return { length: 40 };
    case 'Url':
      return { length: 255 };
    default:
      return NUMBER_TYPES.has(meta.type) ? { precision: meta.precision ?? 18, scale: meta.scale ?? 0 } : {};
  }
}

/** A default value given as a literal (`'Open'`, `0`, `true`); formulas such as TODAY() are not evaluated. */
function defaultOf(meta: FieldXml, type: FieldType): FieldOptions {
  const expression = meta.defaultValue?.trim();
  if (expression === undefined || expression === '') return {};
  const quoted = /^'((?:[^'\\]|\\.)*)'$|^"((?:[^"\\]|\\.)*)"$/.exec(expression);
  if (quoted) {
    const value = (quoted[1] ?? quoted[2] ?? '').replace(/\\(.)/g, '$1');
    return type === 'string' || type === 'textarea' || type === 'email' || type === 'phone' || type === 'url'
      ? { defaultValue: value, defaultedOnCreate: true }
      : {};
  }
  const isNumeric = type === 'double' || type === 'currency' || type === 'percent';
  if (isNumeric && /^-?\d+(\.\d+)?$/.test(expression))
    return { defaultValue: Number(expression), defaultedOnCreate: true };
  return {};
}

function formulaField(name: string, meta: FieldXml, file: string, common: FieldOptions): FieldDef {
  if (!FORMULA_TYPES.has(meta.type)) throw new MetadataError(file, `a formula cannot return ${meta.type}`);
  const type = DESCRIBE_TYPES[meta.type];
  return field(name, type, {
    ...common,
    ...(meta.type === 'Text' ? { length: 1300 } : NUMBER_TYPES.has(meta.type) ? sizeOf(meta, file) : {}),
    readOnly: true,
    calculated: true,
    defaultedOnCreate: false,
    // Formula checkboxes are never null; other formulas are when their inputs are.
    nillable: type !== 'boolean',
    defaultValue: type === 'boolean' ? false : undefined,
    calculatedFormula: meta.formula,
  });
}

/**
 * Lookup, master-detail and hierarchy fields. Relationship names as in a real org: the field's
 * `Account__c` is traversed as `Account__r`; the parent lists children as `<relationshipName>__r`.
 */
function lookupField(name: string, meta: FieldXml, file: string, common: FieldOptions): FieldDef {
  const target =
    meta.type === 'Hierarchy' ? 'User' : requireValue(meta.referenceTo, file, `${meta.type} fields need <referenceTo>`);
  const relationshipName =
    meta.type === 'Hierarchy'
      ? meta.relationshipName
      : requireValue(meta.relationshipName, file, `${meta.type} fields need <relationshipName>`);
  const options: FieldOptions = {
    ...common,
    childRelationshipName: relationshipName ? `${relationshipName}__r` : null,
  };
  if (meta.type === 'MasterDetail') {
    // The detail cannot exist without its master and is deleted with it.
    Object.assign(options, { required: true, cascadeDelete: true, updateable: meta.reparentableMasterDetail ?? false });
  } else {
    Object.assign(options, { required: meta.required ?? false, cascadeDelete: meta.deleteConstraint === 'Cascade' });
  }
  return reference(name, [target], name.replace(/__c$/, '__r'), options);
}

function picklistField(name: string, meta: FieldXml, file: string, objectsDir: string, common: FieldOptions): FieldDef {
  const valueSet = requireValue(meta.valueSet, file, `${meta.type} fields need a <valueSet>`);
  let values: PicklistValue[];
  let restricted = valueSet.restricted ?? false;
  if (valueSet.valueSetDefinition) {
    values = valueSet.valueSetDefinition.value.map(picklistValue);
  } else if (valueSet.valueSetName) {
    values = globalValueSet(objectsDir, valueSet.valueSetName, file);
    // Global value sets are always restricted.
    restricted = true;
  } else {
    throw new MetadataError(file, '<valueSet> needs a <valueSetDefinition> or a <valueSetName>');
  }
  const defaultValue = values.find((v) => v.defaultValue)?.value;
  return field(name, DESCRIBE_TYPES[meta.type], {
    ...common,
    length: meta.type === 'MultiselectPicklist' ? 4099 : 255,
    picklistValues: values,
    restrictedPicklist: restricted,
    ...(defaultValue !== undefined ? { defaultValue, defaultedOnCreate: true } : {}),
  });
}

function picklistValue(v: z.infer<typeof PicklistValueXml>): PicklistValue {
  return {
    value: v.fullName,
    label: v.label ?? v.fullName,
    active: v.isActive ?? true,
    defaultValue: v.default ?? false,
  };
}

/** Values of a global value set, read from the globalValueSets folder next to the objects folder. */
function globalValueSet(objectsDir: string, name: string, fieldFile: string): PicklistValue[] {
  const file = join(dirname(objectsDir), 'globalValueSets', `${name}.globalValueSet-meta.xml`);
  if (!existsSync(file)) throw new MetadataError(fieldFile, `global value set ${name} not found (expected ${file})`);
  return parseWith(GlobalValueSetXml, readXml(file, 'GlobalValueSet'), file, 'global value set').customValue.map(
    picklistValue,
  );
}

function requireValue<T>(value: T | undefined, file: string, message: string): T {
  if (value === undefined || value === '') throw new MetadataError(file, message);
  return value;
}

// ---------------------------------------------------------------------------------------------
// Key prefixes

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const SLOTS = BASE62.length * BASE62.length;

/**
 * Key prefixes for custom objects: 'a' (custom metadata types: 'm') and two base-62 characters from a
 * hash of the name, so an object keeps its prefix, and its records their Ids, when others are added.
 * Collisions probe the next free slot, in name order, so the result never depends on folder order.
 */
export function customKeyPrefixes(names: string[], taken: Iterable<string>): Map<string, string> {
  const used = new Set(taken);
  const result = new Map<string, string>();
  for (const name of [...names].sort(compareNames)) {
    const first = name.endsWith('__mdt') ? 'm' : 'a';
    const start = fnv1a(name.toLowerCase()) % SLOTS;
    let prefix: string | undefined;
    for (let i = 0; i < SLOTS && prefix === undefined; i++) {
      const slot = (start + i) % SLOTS;
      const candidate = first + BASE62.charAt(Math.floor(slot / BASE62.length)) + BASE62.charAt(slot % BASE62.length);
      if (!used.has(candidate)) prefix = candidate;
    }
    if (prefix === undefined) throw new Error(`no key prefix left for ${name}`);
    used.add(prefix);
    result.set(name, prefix);
  }
  return result;
}

/** 32-bit FNV-1a: small, stable across Node versions and platforms. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

function compareNames(a: string, b: string): number {
  const la = a.toLowerCase();
  const lb = b.toLowerCase();
  return la < lb ? -1 : la > lb ? 1 : 0;
}

// ---------------------------------------------------------------------------------------------
// Cross-object wiring and checks

/**
 * Lets the polymorphic standard lookups point at custom objects, as deploying them does in a real org:
 * files and notes attach to any custom object, activities to those with activities enabled, and queues
 * may own any custom object that has an owner.
 */
function linkCustomObjects(objects: SObjectDef[], customs: CustomObject[]): void {
  const find = (objectName: string, fieldName: string) =>
    objects.find((o) => o.name === objectName)?.fields.find((f) => f.name === fieldName);
  for (const { def, enableActivities } of customs) {
    if (!def.name.endsWith('__c')) continue;
    addTarget(find('ContentDocumentLink', 'LinkedEntityId'), def.name);
    addTarget(find('ContentVersion', 'FirstPublishLocationId'), def.name);
    addTarget(find('Note', 'ParentId'), def.name);
    if (enableActivities) {
      addTarget(find('Task', 'WhatId'), def.name);
      addTarget(find('Event', 'WhatId'), def.name);
    }
    const queueTypes = find('QueueSobject', 'SobjectType');
    if (def.allowsQueueOwner && queueTypes && !queueTypes.picklistValues.some((v) => v.value === def.name)) {
      queueTypes.picklistValues.push({ value: def.name, label: def.label, active: true, defaultValue: false });
    }
  }
}

function addTarget(f: FieldDef | undefined, objectName: string): void {
  if (f && !f.referenceTo.includes(objectName)) f.referenceTo.push(objectName);
}

/** Every custom lookup must point at a known object, and its child relationship name be free on the parent. */
function checkReferences(objects: SObjectDef[], sources: FieldSource[]): void {
  const known = new Set(objects.map((o) => o.name));
  const fileOf = new Map(sources.map((s) => [s.def, s.file]));
  const childNames = new Map<string, FieldDef>();
  for (const obj of objects) {
    for (const f of obj.fields) {
      if (f.type !== 'reference') continue;
      const file = fileOf.get(f);
      for (const target of f.referenceTo) {
        if (file && !known.has(target)) {
          throw new MetadataError(file, `<referenceTo>${target}</referenceTo> is not an object of the local org`);
        }
        if (!f.childRelationshipName) continue;
        const key = `${target}.${f.childRelationshipName.toLowerCase()}`;
        const clash = childNames.get(key);
        if (clash && file) {
          throw new MetadataError(file, `${target} already has a child relationship named ${f.childRelationshipName}`);
        }
        childNames.set(key, f);
      }
    }
  }
}
