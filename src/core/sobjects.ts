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
