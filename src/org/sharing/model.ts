import type { OrgContext } from '../context.js';
import type { FieldDef, Schema, SharingModel, SObjectDef } from '../schema/types.js';

/**
 * The sharing model of each object: its organization-wide default (OWD) and, for records that have no
 * owner of their own, the parent whose access they inherit.
 */

/** What an access check asks for: read, edit, or full access (delete, share, transfer as the owner). */
export type Mode = 'read' | 'edit' | 'full';

/** Organization.Default*Access picklist values as metadata sharing models. */
const ORG_ACCESS: Record<string, SharingModel> = {
  None: 'Private',
  Read: 'Read',
  Edit: 'ReadWrite',
  ReadEditTransfer: 'ReadWriteTransfer',
  ControlledByParent: 'ControlledByParent',
};

/** The standard objects whose OWD is an Organization field, and a new Enterprise org's value for each. */
const ORG_DEFAULT_FIELDS: Record<string, { field: string; fallback: SharingModel }> = {
  Account: { field: 'DefaultAccountAccess', fallback: 'Private' },
  Contact: { field: 'DefaultContactAccess', fallback: 'ControlledByParent' },
  Opportunity: { field: 'DefaultOpportunityAccess', fallback: 'Private' },
  Case: { field: 'DefaultCaseAccess', fallback: 'Private' },
  Lead: { field: 'DefaultLeadAccess', fallback: 'ReadWriteTransfer' },
};

/** The standard objects under the sharing model with an owner of their own. */
export const ORG_DEFAULT_OBJECTS = Object.keys(ORG_DEFAULT_FIELDS);

/** OWD per object name, read from the Organization row. */
export type OrgDefaults = ReadonlyMap<string, SharingModel>;

export function readOrgDefaults(ctx: OrgContext): OrgDefaults {
  const org = ctx.schema.object('Organization');
  const fields = Object.values(ORG_DEFAULT_FIELDS).map((d) => d.field);
  const row = org
    ? (ctx.db.prepare(`SELECT ${fields.map((f) => `"${f}"`).join(', ')} FROM "Organization" LIMIT 1`).get() as
        Record<string, string | null> | undefined)
    : undefined;
  const defaults = new Map<string, SharingModel>();
  for (const [object, { field, fallback }] of Object.entries(ORG_DEFAULT_FIELDS)) {
    const value = row?.[field];
    defaults.set(object, (value ? ORG_ACCESS[value] : undefined) ?? fallback);
  }
  return defaults;
}

/**
 * How a record without an owner of its own (or a contact controlled by its account) inherits access:
 * - `junction`: team members, contact roles, history: editing them needs edit on the parent;
 * - `share`: share rows: only who has full access to the parent may share it;
 * - `detail`: custom master-detail children: edit on the master to create or change them;
 * - `controlled`: a contact controlled by its account: each action needs that action on the account,
 *   but creating one needs only read on the account.
 */
export type ParentKind = 'junction' | 'share' | 'detail' | 'controlled';
export type ParentLink = { field: string; parent: string; kind: ParentKind };

const STANDARD_PARENTS: Record<string, ParentLink> = {
  AccountTeamMember: { field: 'AccountId', parent: 'Account', kind: 'junction' },
  AccountContactRelation: { field: 'AccountId', parent: 'Account', kind: 'junction' },
  OpportunityTeamMember: { field: 'OpportunityId', parent: 'Opportunity', kind: 'junction' },
  OpportunityContactRole: { field: 'OpportunityId', parent: 'Opportunity', kind: 'junction' },
  OpportunityHistory: { field: 'OpportunityId', parent: 'Opportunity', kind: 'junction' },
  AccountShare: { field: 'AccountId', parent: 'Account', kind: 'share' },
  OpportunityShare: { field: 'OpportunityId', parent: 'Opportunity', kind: 'share' },
  CaseShare: { field: 'CaseId', parent: 'Case', kind: 'share' },
  ContactShare: { field: 'ContactId', parent: 'Contact', kind: 'share' },
};

/**
 * The OWD of an object, or undefined when the object is not under the sharing model (setup objects,
 * activities, contracts, files, ...: everyone with object access sees every row).
 */
export function sharingModelOf(obj: SObjectDef, defaults: OrgDefaults): SharingModel | undefined {
  if (STANDARD_PARENTS[obj.name]) return 'ControlledByParent';
  const standard = defaults.get(obj.name);
  if (standard) return standard;
  if (!obj.custom || obj.name.endsWith('__mdt')) return undefined;
  // A detail has no owner: whatever its metadata says, its master decides (as Salesforce enforces).
  const detail = !obj.fields.some((f) => f.name === 'OwnerId') && obj.fields.some(isMasterField);
  return detail ? 'ControlledByParent' : (obj.sharingModel ?? 'ReadWrite');
}

function isMasterField(f: FieldDef): boolean {
  return f.type === 'reference' && f.cascadeDelete && f.referenceTo.length === 1;
}

/** The share object of `obj` and its columns: AccountShare(AccountId, AccountAccessLevel), Foo__Share(ParentId, AccessLevel). */
export function shareTableOf(
  schema: Schema,
  obj: SObjectDef,
): { table: string; parentField: string; levelField: string } | undefined {
  const custom = obj.custom ? schema.object(`${obj.name.replace(/__c$/, '')}__Share`) : undefined;
  if (custom) return { table: custom.name, parentField: 'ParentId', levelField: 'AccessLevel' };
  const standard = schema.object(`${obj.name}Share`);
  const parentField = `${obj.name}Id`;
  const levelField = `${obj.name}AccessLevel`;
  if (standard && schema.field(standard, parentField) && schema.field(standard, levelField)) {
    return { table: standard.name, parentField, levelField };
  }
  return undefined;
}

/** The parent a record inherits access from, when its object is controlled by a parent. */
export function parentLink(schema: Schema, obj: SObjectDef): ParentLink | undefined {
  const standard = STANDARD_PARENTS[obj.name];
  if (standard) return standard;
  if (obj.name.endsWith('__Share')) {
    const parent = schema.field(obj, 'ParentId')?.referenceTo[0];
    if (parent) return { field: 'ParentId', parent, kind: 'share' };
  }
  if (obj.name === 'Contact') return { field: 'AccountId', parent: 'Account', kind: 'controlled' };
  const master = obj.fields.find(isMasterField);
  const parent = master?.referenceTo[0];
  return master && parent && schema.object(parent) ? { field: master.name, parent, kind: 'detail' } : undefined;
}

/** The access a child's action needs on its parent. */
export function parentMode(kind: ParentKind, mode: Mode): Mode {
  if (mode === 'read') return 'read';
  switch (kind) {
    case 'share':
      return 'full';
    case 'controlled':
      return mode;
    default:
      return 'edit';
  }
}

/** The access creating a child needs on its parent (a contact needs only read on its account). */
export function parentModeForCreate(kind: ParentKind): Mode {
  return kind === 'controlled' ? 'read' : parentMode(kind, 'edit');
}

/** Whether the OWD alone grants `mode` to everyone with object access. */
export function defaultGrants(model: SharingModel, mode: Mode): boolean {
  switch (model) {
    case 'Read':
      return mode === 'read';
    case 'ReadWrite':
    case 'ReadWriteTransfer':
      return mode !== 'full';
    case 'FullAccess':
      return true;
    default:
      return false;
  }
}
