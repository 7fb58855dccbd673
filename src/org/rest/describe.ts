import type { FieldDef, SObjectDef } from '../schema/types.js';

/** describeGlobal and describe answers, in the shapes jsforce and the sf CLI read. */

const SOAP_TYPES: Record<string, string> = {
  id: 'tns:ID',
  reference: 'tns:ID',
  boolean: 'xsd:boolean',
  int: 'xsd:int',
  double: 'xsd:double',
  currency: 'xsd:double',
  percent: 'xsd:double',
  date: 'xsd:date',
  datetime: 'xsd:dateTime',
  time: 'xsd:time',
  base64: 'xsd:base64Binary',
};

export function objectUrls(obj: SObjectDef, version: string): Record<string, string> {
  const base = `/services/data/v${version}/sobjects/${obj.name}`;
  return { sobject: base, describe: `${base}/describe`, rowTemplate: `${base}/{ID}` };
}

export function globalEntry(obj: SObjectDef, version: string): Record<string, unknown> {
  return {
    activateable: false,
    createable: obj.createable,
    custom: obj.custom,
    customSetting: false,
    deepCloneable: false,
    deletable: obj.deletable,
    deprecatedAndHidden: false,
    feedEnabled: false,
    hasSubtypes: false,
    isInterface: false,
    isSubtype: false,
    keyPrefix: obj.keyPrefix,
    label: obj.label,
    labelPlural: obj.labelPlural,
    layoutable: true,
    mergeable: false,
    mruEnabled: true,
    name: obj.name,
    queryable: obj.queryable,
    replicateable: true,
    retrieveable: true,
    searchable: true,
    triggerable: true,
    undeletable: obj.deletable,
    updateable: obj.updateable,
    urls: objectUrls(obj, version),
  };
}

export function describeField(f: FieldDef): Record<string, unknown> {
  const numeric = ['int', 'double', 'currency', 'percent'].includes(f.type);
  return {
    aggregatable: f.type !== 'textarea' && f.type !== 'multipicklist',
    autoNumber: false,
    byteLength: f.length * 3,
    calculated: f.calculated,
    cascadeDelete: f.cascadeDelete,
    caseSensitive: false,
    createable: f.createable,
    custom: f.custom,
    defaultValue: f.defaultValue ?? null,
    defaultedOnCreate: f.defaultedOnCreate,
    dependentPicklist: false,
    digits: f.type === 'int' ? f.precision : 0,
    externalId: f.externalId,
    filterable: f.type !== 'textarea',
    groupable: !numeric && f.type !== 'textarea' && f.type !== 'datetime',
    idLookup: f.idLookup,
    inlineHelpText: f.inlineHelpText,
    label: f.label,
    length: f.length,
    name: f.name,
    nameField: f.name === 'Name',
    namePointing: f.referenceTo.length > 1,
    nillable: f.nillable,
    permissionable: f.nillable && f.custom,
    picklistValues: f.picklistValues.map((v) => ({ ...v, validFor: null })),
    polymorphicForeignKey: f.referenceTo.length > 1,
    precision: numeric && f.type !== 'int' ? f.precision : 0,
    referenceTo: f.referenceTo,
    relationshipName: f.relationshipName,
    restrictedPicklist: f.restrictedPicklist,
    scale: f.scale,
    soapType: SOAP_TYPES[f.type] ?? 'xsd:string',
    sortable: f.type !== 'textarea' && f.type !== 'multipicklist',
    type: f.type,
    unique: f.unique,
    updateable: f.updateable,
  };
}

export function describeObject(obj: SObjectDef, version: string): Record<string, unknown> {
  return {
    ...globalEntry(obj, version),
    childRelationships: obj.childRelationships.map((r) => ({
      cascadeDelete: r.cascadeDelete,
      childSObject: r.childSObject,
      deprecatedAndHidden: false,
      field: r.field,
      junctionIdListNames: [],
      junctionReferenceTo: [],
      relationshipName: r.relationshipName,
      restrictedDelete: false,
    })),
    fields: obj.fields.map(describeField),
    recordTypeInfos: [
      {
        active: true,
        available: true,
        defaultRecordTypeMapping: true,
        developerName: 'Master',
        master: true,
        name: 'Master',
        recordTypeId: '012000000000000AAA',
        urls: { layout: `/services/data/v${version}/sobjects/${obj.name}/describe/layouts/012000000000000AAA` },
      },
    ],
    supportedScopes: [{ label: 'All', name: 'everything' }],
    urls: { ...objectUrls(obj, version), uiDetailTemplate: null, uiEditTemplate: null, uiNewRecord: null },
  };
}
