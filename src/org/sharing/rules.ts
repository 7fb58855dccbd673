import type { Row } from '../derived.js';
import { OrgApiError } from '../errors.js';
import { accessTo } from '../permissions.js';
import type { Actor } from '../records.js';
import type { Schema, SObjectDef } from '../schema/types.js';
import type { Access } from './access.js';
import { parentLink, parentMode, parentModeForCreate, sharingModelOf } from './model.js';

/**
 * The access checks of API writes, run as the session's user. Failures are record errors (400), so
 * sObject Collections report them per record:
 * - a record the user cannot edit, visible or not: INSUFFICIENT_ACCESS_OR_READONLY (an update never
 *   tells whether an invisible record exists);
 * - a lookup or parent the user may not use: INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY;
 * - a new owner without read on the object: TRANSFER_REQUIRES_READ.
 */

/** Setup objects: writing them needs Manage Users (or Modify All Data); users may edit parts of their own User. */
const SETUP_OBJECTS = new Set([
  'User',
  'UserRole',
  'Profile',
  'PermissionSet',
  'PermissionSetAssignment',
  'ObjectPermissions',
  'Group',
  'GroupMember',
  'QueueSobject',
  'UserLogin',
  'Organization',
]);

/** User fields only a user manager may change, even on their own record. */
const PRIVILEGED_USER_FIELDS = ['IsActive', 'ProfileId', 'UserRoleId', 'Username', 'UserType'];

/** Lookups the org sets itself; they are never checked for access. */
const AUDIT_LOOKUPS = new Set(['CreatedById', 'LastModifiedById']);

export function insufficientAccess(): OrgApiError {
  return new OrgApiError(400, 'INSUFFICIENT_ACCESS_OR_READONLY', 'insufficient access rights on object id', []);
}

function crossReferenceDenied(field: string): OrgApiError {
  return new OrgApiError(
    400,
    'INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY',
    'insufficient access rights on cross-reference id',
    [field],
  );
}

function transferRequiresRead(): OrgApiError {
  return new OrgApiError(400, 'TRANSFER_REQUIRES_READ', 'The new owner must have read permission', ['OwnerId']);
}

export class WriteRules {
  public constructor(
    private readonly schema: Schema,
    private readonly access: Access,
  ) {}

  /** Insert: object edit permission, read (or more) on every lookup, and a new owner who can read. */
  public checkCreate(obj: SObjectDef, row: Row, actor: Actor): void {
    if (SETUP_OBJECTS.has(obj.name)) {
      if (!this.managesUsers(actor.userId)) throw insufficientAccess();
    } else if (!this.hasObjectEdit(actor.userId, obj)) {
      throw insufficientAccess();
    }
    this.checkLookups(obj, undefined, row, actor.userId);
    const owner = row.OwnerId;
    if (typeof owner === 'string' && owner !== actor.userId) this.checkNewOwner(obj, owner);
  }

  /** Update, before any field changes: edit access to the stored record. */
  public checkEdit(obj: SObjectDef, before: Row, actor: Actor): void {
    if (SETUP_OBJECTS.has(obj.name)) {
      const self = obj.name === 'User' && before.Id === actor.userId;
      if (!self && !this.managesUsers(actor.userId)) throw insufficientAccess();
      return;
    }
    if (!this.access.can(obj, String(before.Id), actor.userId, 'edit')) throw insufficientAccess();
  }

  /** Update, after the fields changed: privileged user fields, the owner change and changed lookups. */
  public checkChanges(obj: SObjectDef, before: Row, row: Row, actor: Actor): void {
    if (obj.name === 'User' && !this.managesUsers(actor.userId)) {
      if (PRIVILEGED_USER_FIELDS.some((f) => row[f] !== before[f])) throw insufficientAccess();
    }
    if (before.OwnerId !== undefined && row.OwnerId !== before.OwnerId) {
      if (!this.canTransfer(obj, String(before.Id), actor.userId)) throw insufficientAccess();
      if (typeof row.OwnerId === 'string') this.checkNewOwner(obj, row.OwnerId);
    }
    this.checkLookups(obj, before, row, actor.userId);
  }

  /** Delete: full access (owner, above the owner, Modify All Data, a Full Access share). */
  public checkDelete(obj: SObjectDef, before: Row, actor: Actor): void {
    if (SETUP_OBJECTS.has(obj.name)) {
      if (!this.managesUsers(actor.userId)) throw insufficientAccess();
      return;
    }
    if (!this.access.can(obj, String(before.Id), actor.userId, 'full')) throw insufficientAccess();
  }

  /**
   * Who may change an owner (mechanics §4): Modify All Data; full access (the owner, users above the
   * owner, queue members, Full Access shares); or edit access plus Transfer Record (cases also Transfer
   * Cases, leads also Transfer Leads) or a Public Read/Write/Transfer OWD.
   */
  private canTransfer(obj: SObjectDef, id: string, userId: string): boolean {
    const { permissions } = this.access.principal(userId);
    if (permissions.has('PermissionsModifyAllData') || this.access.can(obj, id, userId, 'full')) return true;
    const transfer =
      permissions.has('PermissionsTransferAnyEntity') ||
      (obj.name === 'Case' && permissions.has('PermissionsTransferAnyCase')) ||
      (obj.name === 'Lead' && permissions.has('PermissionsTransferAnyLead'));
    const openTransfer = sharingModelOf(obj, this.access.orgDefaults()) === 'ReadWriteTransfer';
    return (transfer || openTransfer) && this.access.can(obj, id, userId, 'edit');
  }

  /** A user who is to own a record needs read on its object; queues need nothing. */
  private checkNewOwner(obj: SObjectDef, ownerId: string): void {
    if (this.schema.objectForId(ownerId)?.name !== 'User') return;
    const { permissions, objects } = this.access.principal(ownerId);
    const reads =
      permissions.has('PermissionsViewAllData') ||
      permissions.has('PermissionsModifyAllData') ||
      accessTo(objects, obj.name).read;
    if (!reads) throw transferRequiresRead();
  }

  /**
   * Every lookup set or changed must point to a record the user can read; the parent a record is
   * controlled by needs what the child's kind asks (edit on a master, full access to share a record).
   */
  private checkLookups(obj: SObjectDef, before: Row | undefined, row: Row, userId: string): void {
    const controlled = sharingModelOf(obj, this.access.orgDefaults()) === 'ControlledByParent';
    const link = controlled ? parentLink(this.schema, obj) : undefined;
    for (const f of obj.fields) {
      if (f.type !== 'reference' || f.name === 'OwnerId' || AUDIT_LOOKUPS.has(f.name)) continue;
      const value = row[f.name];
      if (typeof value !== 'string' || value === row.Id || before?.[f.name] === value) continue;
      const target = this.schema.objectForId(value);
      if (!target) continue;
      let mode: 'read' | 'edit' | 'full' = 'read';
      if (link?.field === f.name) mode = before ? parentMode(link.kind, 'edit') : parentModeForCreate(link.kind);
      if (!this.access.can(target, value, userId, mode)) throw crossReferenceDenied(f.name);
    }
  }

  private managesUsers(userId: string): boolean {
    const { permissions } = this.access.principal(userId);
    return permissions.has('PermissionsManageUsers') || permissions.has('PermissionsModifyAllData');
  }

  private hasObjectEdit(userId: string, obj: SObjectDef): boolean {
    const { permissions, objects } = this.access.principal(userId);
    return permissions.has('PermissionsModifyAllData') || accessTo(objects, obj.name).edit;
  }
}
