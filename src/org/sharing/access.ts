import type { StatementSync } from 'node:sqlite';
import type { OrgContext } from '../context.js';
import { quoteIdent, statement, type SqlValue } from '../db.js';
import type { SObjectDef } from '../schema/types.js';
import type { QueryOptions } from '../soql/index.js';
import { ClauseBuilder, type Clause, type Style } from './clauses.js';
import { readOrgDefaults, type Mode, type OrgDefaults } from './model.js';
import { loadPrincipal, type Principal } from './principal.js';

/** The per-table row filter SOQL ANDs to every table of a query. */
export type Visibility = NonNullable<QueryOptions['visibility']>;

const NO_ROW = { sql: '0', params: [] };

/** A prepared one-record access check (and its many-record form), or its answer when it needs no query. */
type Probe = { stmt: StatementSync; many: StatementSync; params: SqlValue[] } | 'all' | 'none';

/** The records a batch is about to check (see checkingTogether), and the access answers for all of them. */
type ExpectedChecks = { obj: SObjectDef; ids: Set<string>; answers: Map<string, Set<string>> };

/** The alias soql/index.ts gives the table a statement queries (its first Scope). */
const ROOT_ALIAS = 't0';

/**
 * Answers "may this user read / edit / fully access these rows?" for queries (a SQL condition per
 * table) and for single records (one indexed lookup). Principals (role subordinates, groups,
 * permissions) and the org-wide defaults are cached until `invalidate()`: the record store calls it on
 * every write to users, roles, groups, profiles, permission sets and the organization.
 */
export class Access {
  private readonly principals = new Map<string, Principal>();
  private defaults: OrgDefaults | undefined;

  public constructor(private readonly ctx: OrgContext) {}

  public invalidate(): void {
    this.principals.clear();
    this.probes.clear();
    this.defaults = undefined;
    this.expected?.answers.clear();
  }

  /**
   * Runs `fn`, which checks access to these records of `obj` (a collections request or a Bulk API
   * chunk writing them, a collections retrieve reading them): the checks are answered by one query per
   * user and mode instead of one per record. Answers only hold while nothing they depend on changes
   * (see `written`).
   */
  public checkingTogether<T>(obj: SObjectDef, ids: readonly string[], fn: () => T): T {
    const outer = this.expected;
    this.expected = { obj, ids: new Set(ids), answers: new Map() };
    try {
      return fn();
    } finally {
      this.expected = outer;
    }
  }

  /**
   * A record was written (or writes were rolled back): its own access may have changed, and a write to
   * another object may change anyone's (a parent's new owner decides who may edit its children).
   */
  public written(obj: SObjectDef | undefined, id?: string): void {
    const expected = this.expected;
    if (!expected) return;
    if (expected.obj === obj && id !== undefined) expected.ids.delete(id);
    else expected.answers.clear();
  }
  private expected: ExpectedChecks | undefined;

  public principal(userId: string): Principal {
    let principal = this.principals.get(userId);
    if (!principal) {
      principal = loadPrincipal(this.ctx, userId);
      this.principals.set(userId, principal);
    }
    return principal;
  }

  public orgDefaults(): OrgDefaults {
    this.defaults ??= readOrgDefaults(this.ctx);
    return this.defaults;
  }

  /** View All Data (or Modify All Data): every query runs without a visibility condition. */
  public seesEverything(userId: string): boolean {
    const { permissions } = this.principal(userId);
    return permissions.has('PermissionsViewAllData') || permissions.has('PermissionsModifyAllData');
  }

  /** The query filter of a user; undefined for users who see every row. */
  public visibility(userId: string): Visibility | undefined {
    if (this.seesEverything(userId)) return undefined;
    const sets = this.builder(userId, 'set');
    const probes = this.builder(userId, 'probe');
    return (object, alias, byId = false) => {
      // The statement's own table (the SOQL compiler names it t0) is read through the set of visible
      // rows; child subqueries, semi-joins, parent joins and a WHERE that picks rows by Id see few rows
      // each, which probes check cheaply (building the set would cost what the user sees, every time).
      // Both styles select the same rows; only the cost differs.
      const clause = (alias === ROOT_ALIAS && !byId ? sets : probes).clause(object, alias, 'read');
      if (clause === 'all') return undefined;
      return clause === 'none' ? NO_ROW : clause;
    };
  }

  /** Whether the user has `mode` access to one stored record (deleted ones included). */
  public can(obj: SObjectDef, id: string, userId: string, mode: Mode): boolean {
    const probe = this.probe(obj, userId, mode);
    if (probe === 'all' || probe === 'none') return probe === 'all';
    const expected = this.expected;
    if (expected?.obj === obj && expected.ids.has(id)) {
      const key = `${userId}\u0000${mode}`;
      let allowed = expected.answers.get(key);
      if (!allowed) {
        const rows = probe.many.all(JSON.stringify([...expected.ids]), ...probe.params) as { Id: string }[];
        allowed = new Set(rows.map((r) => r.Id));
        expected.answers.set(key, allowed);
      }
      return allowed.has(id);
    }
    return probe.stmt.get(id, ...probe.params) !== undefined;
  }

  /**
   * The one-record check of a user, object and mode, built once until `invalidate()`: the clause
   * depends only on the principal, the org-wide defaults and the schema, all cached as long.
   */
  private probe(obj: SObjectDef, userId: string, mode: Mode): Probe {
    const key = `${userId}\u0000${obj.name}\u0000${mode}`;
    let probe = this.probes.get(key);
    if (!probe) {
      const clause: Clause = this.builder(userId, 'probe').clause(obj, 'r', mode);
      probe =
        clause === 'all' || clause === 'none'
          ? clause
          : {
              stmt: this.stmt(`SELECT 1 AS ok FROM ${quoteIdent(obj.name)} r WHERE r."Id" = ? AND (${clause.sql})`),
              many: this.stmt(
                `SELECT r."Id" AS Id FROM ${quoteIdent(obj.name)} r ` +
                  `WHERE r."Id" IN (SELECT value FROM json_each(?)) AND (${clause.sql})`,
              ),
              params: clause.params,
            };
      this.probes.set(key, probe);
    }
    return probe;
  }
  private readonly probes = new Map<string, Probe>();

  private builder(userId: string, style: Style): ClauseBuilder {
    return new ClauseBuilder(this.ctx.schema, this.orgDefaults(), this.principal(userId), style);
  }

  private stmt(sql: string): StatementSync {
    return statement(this.ctx.db, sql);
  }
}
