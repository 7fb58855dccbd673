import { picklist, reference, sobject } from './build.js';
import type { SObjectDef } from './types.js';

/**
 * Salesforce gives every custom object whose sharing model is Private or Read a share object,
 * `Foo__Share`, holding manual and Apex shares: ParentId, UserOrGroupId, AccessLevel, RowCause.
 */
export function needsShareObject(obj: SObjectDef): boolean {
  if (!obj.custom || obj.name.endsWith('__mdt')) return false;
  if (!obj.fields.some((f) => f.name === 'OwnerId')) return false; // details follow their master
  return obj.sharingModel === 'Private' || obj.sharingModel === 'Read';
}

export function shareObjectName(objectName: string): string {
  return `${objectName.replace(/__c$/, '')}__Share`;
}

export function shareObject(parent: SObjectDef, keyPrefix: string): SObjectDef {
  const share = sobject(
    shareObjectName(parent.name),
    keyPrefix,
    [
      reference('ParentId', [parent.name], 'Parent', {
        label: 'Parent ID',
        required: true,
        childRelationshipName: 'Shares',
      }),
      reference('UserOrGroupId', ['Group', 'User'], 'UserOrGroup', { label: 'User or Group ID', required: true }),
      picklist('AccessLevel', ['Read', 'Edit', 'All'], {
        label: 'Access Level',
        required: true,
        restrictedPicklist: true,
      }),
      picklist('RowCause', ['Owner', 'Manual', 'Rule', 'ImplicitChild', 'ImplicitParent', 'Team'], {
        label: 'Row Cause',
        defaultValue: 'Manual',
        restrictedPicklist: true,
      }),
    ],
    { label: `${parent.label} Share`, labelPlural: `${parent.label} Share`, custom: true, updateable: true },
  );
  return share;
}
