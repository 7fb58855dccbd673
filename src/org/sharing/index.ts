import type { OrgContext } from '../context.js';
import type { Row } from '../derived.js';
import type { Actor } from '../records.js';
import type { SObjectDef } from '../schema/types.js';
import { Access, type Visibility } from './access.js';
import { applyAssignmentRule, setAssignmentRule, type AssignmentRule } from './assignment.js';
import { afterSave } from './effects.js';
import { WriteRules } from './rules.js';
import { ensureSharingTables } from './tables.js';

export type { Visibility } from './access.js';
export type { AssignmentRule } from './assignment.js';
export type { Mode } from './model.js';

/**
 * The local org's sharing model, simplified but real: organization-wide defaults, ownership, the role
 * hierarchy, account and opportunity teams, shares, queues, and the View All / Modify All / Transfer
 * permissions. The record store runs its checks on every API write; the REST layer asks it for the
 * visibility of queries and retrieves.
 */
export class Sharing {
  public readonly access: Access;
  private readonly rules: WriteRules;

  public constructor(private readonly ctx: OrgContext) {
    ensureSharingTables(ctx);
    this.access = new Access(ctx);
    this.rules = new WriteRules(ctx.schema, this.access);
  }

  /** Drops cached principals and org-wide defaults (after raw SQL writes to setup tables). */
  public invalidate(): void {
    this.access.invalidate();
  }

  /** The row filter for a user's queries; undefined for View All Data. A bound property: REST services hold it. */
  public readonly visibility = (userId: string): Visibility | undefined => this.access.visibility(userId);

  public canRead(obj: SObjectDef, id: string, userId: string): boolean {
    return this.access.can(obj, id, userId, 'read');
  }

  public checkCreate(obj: SObjectDef, row: Row, actor: Actor): void {
    this.rules.checkCreate(obj, row, actor);
  }

  public checkEdit(obj: SObjectDef, before: Row, actor: Actor): void {
    this.rules.checkEdit(obj, before, actor);
  }

  public checkChanges(obj: SObjectDef, before: Row, row: Row, actor: Actor): void {
    this.rules.checkChanges(obj, before, row, actor);
  }

  public checkDelete(obj: SObjectDef, before: Row, actor: Actor): void {
    this.rules.checkDelete(obj, before, actor);
  }

  /** Runs the object's assignment rule when the actor lets it; true when the owner changed. */
  public assign(obj: SObjectDef, row: Row, actor: Actor): boolean {
    return applyAssignmentRule(this.ctx, obj, row, actor);
  }

  /** After an insert (before undefined) or update: owner-change cleanup, session revocation, cache. */
  public afterSave(obj: SObjectDef, before: Row | undefined, row: Row): void {
    afterSave(this.ctx, obj, before, row);
    this.afterWrite(obj);
  }

  /** After any write to `obj`: setup objects change who sees what. */
  public afterWrite(obj: SObjectDef): void {
    if (INVALIDATING.has(obj.name)) this.access.invalidate();
  }

  public setAssignmentRule(rule: AssignmentRule): void {
    setAssignmentRule(this.ctx, rule);
  }
}

/** Objects whose writes change principals (roles, groups, permissions) or the org-wide defaults. */
const INVALIDATING = new Set([
  'User',
  'UserRole',
  'Profile',
  'PermissionSet',
  'PermissionSetAssignment',
  'ObjectPermissions',
  'Group',
  'GroupMember',
  'Organization',
]);
