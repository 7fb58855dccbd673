import { quoteIdent, type SqlValue } from '../db.js';
import { accessTo } from '../permissions.js';
import type { Schema, SObjectDef } from '../schema/types.js';
import {
  defaultGrants,
  parentLink,
  parentMode,
  shareTableOf,
  sharingModelOf,
  type Mode,
  type OrgDefaults,
  type ParentLink,
} from './model.js';
import type { Principal } from './principal.js';

/** A SQL condition or SELECT with the values of its `?` placeholders, in textual order. */
export type Sql = { sql: string; params: SqlValue[] };

/** A user's access to the rows of one table: every row, no row, or the rows a condition selects. */
export type Clause = Sql | 'all' | 'none';

/**
 * How a clause is written:
 * - `set` (queries): `t.rowid IN (SELECT ... UNION ALL SELECT ...)`: every branch is driven by an
 *   index (OwnerId, a share's UserOrGroupId, a team's UserId, a child's parent lookup), the set is
 *   computed once per statement and the table is then read by rowid, so a count or a page costs what
 *   the user can see, not the size of the table;
 * - `probe` (one record): `t."OwnerId" IN (...) OR EXISTS (SELECT 1 ... WHERE key = t."Id") OR ...`,
 *   a few index probes for the one row.
 */
export type Style = 'set' | 'probe';

/** Ids a grant matches: `SELECT key FROM from WHERE where`, or a ready SELECT. */
type Subquery = { from: string; key: string; where: Sql } | { select: Sql };
/** ... or a list of literals (`('005...', '00G...')`). */
type Select = Subquery | { list: string };

/**
 * One source of access: the rows whose `column` is in `select`, or (`raw`) a condition that no index
 * can drive (a contact with any account at all).
 */
type Grant = { column: string; select: Select } | { raw: Sql };
type Grants = Grant[] | 'all' | 'none';

/** Share and team access levels that grant each mode. */
const RECORD_LEVELS: Record<Mode, string> = {
  read: `('Read', 'Edit', 'All')`,
  edit: `('Edit', 'All')`,
  full: `('All')`,
};
/** An account's grants on its children (Opportunity/Case/ContactAccessLevel, *AccessForAccountOwner) stop at Edit. */
const CHILD_LEVELS: Record<Mode, string | undefined> = { read: `('Read', 'Edit')`, edit: `('Edit')`, full: undefined };

/** Team objects: the record's team members get the team row's access level. */
const TEAMS: Record<string, { table: string; parentField: string; level: string }> = {
  Account: { table: 'AccountTeamMember', parentField: 'AccountId', level: 'AccountAccessLevel' },
  Opportunity: { table: 'OpportunityTeamMember', parentField: 'OpportunityId', level: 'OpportunityAccessLevel' },
};

/**
 * Children of an account: the account grants access to them through its team, its shares and its
 * owner's role; access to one of them grants read on the account (Salesforce's implicit parent access).
 */
const ACCOUNT_CHILDREN = ['Opportunity', 'Case', 'Contact'];

/** Parent chains deeper than this grant nothing (custom detail-of-detail chains are at most 3 deep). */
const MAX_DEPTH = 4;

/**
 * Builds the SQL condition that selects the rows of a table a user may read, edit or fully access:
 * ownership (the user, their role subordinates, their queues), share rows, team rows, an account's
 * grants on its children, a controlling parent's access, and read on accounts through their children.
 */
export class ClauseBuilder {
  public constructor(
    private readonly schema: Schema,
    private readonly defaults: OrgDefaults,
    private readonly principal: Principal,
    private readonly style: Style,
  ) {}

  public clause(obj: SObjectDef, alias: string, mode: Mode): Clause {
    return this.render(obj, alias, this.grants(obj, alias, mode, 0));
  }

  private grants(obj: SObjectDef, alias: string, mode: Mode, depth: number): Grants {
    const { permissions } = this.principal;
    if (permissions.has('PermissionsModifyAllData')) return 'all';
    if (mode === 'read' && permissions.has('PermissionsViewAllData')) return 'all';
    if (!this.objectAllows(obj, mode)) return 'none';
    const model = sharingModelOf(obj, this.defaults);
    if (model === undefined || defaultGrants(model, mode)) return 'all';
    const controlled = model === 'ControlledByParent' ? parentLink(this.schema, obj) : undefined;
    const parent = controlled ? this.parentGrants(controlled, alias, mode, depth) : [];
    if (parent === 'all') return 'all';
    const grants = [
      ...this.directGrants(obj, alias, mode),
      ...(controlled?.kind === 'controlled' ? [] : this.accountChildGrants(obj, alias, mode)),
      ...(parent === 'none' ? [] : parent),
      // Implicit parent access is read on the account only: a contact controlled by its account does not inherit it.
      ...(obj.name === 'Account' && mode === 'read' && depth === 0 ? this.implicitParentGrants(alias) : []),
    ];
    return grants.length > 0 ? grants : 'none';
  }

  private objectAllows(obj: SObjectDef, mode: Mode): boolean {
    const access = accessTo(this.principal.objects, obj.name);
    return access.read && (mode === 'read' || access.edit);
  }

  /** Access held on the record itself: ownership, shares, team membership. */
  private directGrants(obj: SObjectDef, alias: string, mode: Mode): Grant[] {
    const grants: Grant[] = [];
    // Owned by the user, a subordinate, or a queue the user is in.
    if (this.schema.field(obj, 'OwnerId')) {
      grants.push({ column: 'OwnerId', select: { list: this.principal.holdersList } });
    }
    const share = shareTableOf(this.schema, obj);
    if (share) {
      const levels = RECORD_LEVELS[mode];
      grants.push(
        this.grantRows(`${alias}_s`, share.table, share.parentField, 'Id', 'UserOrGroupId', share.levelField, levels),
      );
    }
    const team = TEAMS[obj.name];
    if (team && this.schema.object(team.table)) {
      const levels = RECORD_LEVELS[mode];
      grants.push(this.grantRows(`${alias}_t`, team.table, team.parentField, 'Id', 'UserId', team.level, levels));
    }
    return grants;
  }

  /**
   * Opportunities, cases and contacts of an account: its team members and share holders get the row's
   * Opportunity/Case/ContactAccessLevel, and its owner (and those above) what the owner's role grants.
   */
  private accountChildGrants(obj: SObjectDef, alias: string, mode: Mode): Grant[] {
    const levels = CHILD_LEVELS[mode];
    if (!levels || !ACCOUNT_CHILDREN.includes(obj.name) || !this.schema.field(obj, 'AccountId')) return [];
    const level = `${obj.name}AccessLevel`;
    const grants: Grant[] = [];
    if (this.schema.object('AccountTeamMember')) {
      grants.push(
        this.grantRows(`${alias}_at`, 'AccountTeamMember', 'AccountId', 'AccountId', 'UserId', level, levels),
      );
    }
    if (this.schema.object('AccountShare')) {
      grants.push(
        this.grantRows(`${alias}_as`, 'AccountShare', 'AccountId', 'AccountId', 'UserOrGroupId', level, levels),
      );
    }
    const roleField = `${obj.name}AccessForAccountOwner`;
    const role = this.schema.object('UserRole');
    if (role && this.schema.field(role, roleField)) {
      const x = `${alias}_ao`;
      grants.push({
        column: 'AccountId',
        select: {
          from: `"Account" ${x} JOIN "User" ${x}u ON ${x}u."Id" = ${x}."OwnerId" JOIN "UserRole" ${x}r ON ${x}r."Id" = ${x}u."UserRoleId"`,
          key: `${x}."Id"`,
          where: {
            sql: `${x}."OwnerId" IN ${this.principal.usersList} AND ${x}r.${quoteIdent(roleField)} IN ${levels}`,
            params: [],
          },
        },
      });
    }
    return grants;
  }

  /** Children controlled by a parent: what the parent grants for the matching mode. */
  private parentGrants(link: ParentLink, alias: string, mode: Mode, depth: number): Grants {
    const parent = this.schema.object(link.parent);
    if (!parent || depth >= MAX_DEPTH) return 'none';
    const p = `${alias}_p`;
    const inner = this.grants(parent, p, parentMode(link.kind, mode), depth + 1);
    const column = `${alias}.${quoteIdent(link.field)}`;
    if (inner === 'none') return 'none';
    // A contact without an account is private to its owner, whatever the account OWD.
    if (inner === 'all') return [{ raw: { sql: `${column} IS NOT NULL`, params: [] } }];
    return [{ column: link.field, select: this.idsOf(parent, p, inner) }];
  }

  /** Read on an account for whoever owns, shares or is on the team of one of its opportunities, cases or contacts. */
  private implicitParentGrants(alias: string): Grant[] {
    return ACCOUNT_CHILDREN.flatMap((name, i): Grant[] => {
      const child = this.schema.object(name);
      if (!child || !this.schema.field(child, 'AccountId') || !this.objectAllows(child, 'read')) return [];
      const c = `${alias}_i${i}`;
      const direct = this.idsOf(child, c, this.directGrants(child, c, 'read'));
      const where =
        'select' in direct
          ? { sql: `${c}."Id" IN (${direct.select.sql})`, params: direct.select.params }
          : direct.where;
      return [
        {
          column: 'Id',
          select: {
            from: `${quoteIdent(child.name)} ${c}`,
            key: `${c}."AccountId"`,
            where: { sql: `${c}."IsDeleted" = 0 AND (${where.sql})`, params: where.params },
          },
        },
      ];
    });
  }

  /**
   * Rows of a share or team table (alias `m`) whose `levelField` is one of `levels` for the user: team
   * rows name users (the user and subordinates), share rows users or groups. They grant access to the
   * records whose `column` is the row's `parentField`.
   */
  private grantRows(
    m: string,
    table: string,
    parentField: string,
    column: string,
    holderField: 'UserId' | 'UserOrGroupId',
    levelField: string,
    levels: string,
  ): Grant {
    const holders = holderField === 'UserId' ? this.principal.usersList : this.principal.holdersList;
    return {
      column,
      select: {
        from: `${quoteIdent(table)} ${m}`,
        key: `${m}.${quoteIdent(parentField)}`,
        where: {
          sql: `${m}.${quoteIdent(holderField)} IN ${holders} AND ${m}.${quoteIdent(levelField)} IN ${levels} AND ${m}."IsDeleted" = 0`,
          params: [],
        },
      },
    };
  }

  /**
   * The Ids of `obj` rows the grants match, as something a parent column can be compared with: in set
   * style a UNION ALL of index-driven branches; in probe style the grants as a condition on `alias`.
   */
  private idsOf(obj: SObjectDef, alias: string, grants: Grant[]): Subquery {
    const clause = this.render(obj, alias, grants);
    if (clause === 'all' || clause === 'none') return { select: { sql: 'SELECT NULL WHERE 0', params: [] } };
    if (this.style === 'set' && grants.every((g) => 'column' in g)) {
      return { select: this.union(obj, alias, grants, 'Id') };
    }
    return { from: `${quoteIdent(obj.name)} ${alias}`, key: `${alias}."Id"`, where: clause };
  }

  private render(obj: SObjectDef, alias: string, grants: Grants): Clause {
    if (grants === 'all' || grants === 'none') return grants;
    if (this.style === 'probe') return anyOf(grants.map((g) => this.probe(alias, g)));
    const indexed = grants.filter((g): g is { column: string; select: Select } => 'column' in g);
    const raw = grants.flatMap((g) => ('raw' in g ? [g.raw] : []));
    const set = indexed.length > 0 ? this.union(obj, alias, indexed, 'rowid') : undefined;
    return anyOf([...(set ? [{ sql: `${alias}.rowid IN (${set.sql})`, params: set.params }] : []), ...raw]);
  }

  /**
   * The rows of `obj` the grants match, one index-driven SELECT per grant: their Ids, or their rowids
   * (the top level: OwnerId and lookup indexes hold the rowid, so no table row is read to build the set).
   */
  private union(
    obj: SObjectDef,
    alias: string,
    grants: { column: string; select: Select }[],
    key: 'Id' | 'rowid',
  ): Sql {
    const branches = grants.map((g, i): Sql => {
      if (key === 'Id' && g.column === 'Id' && !('list' in g.select)) return selectSql(g.select);
      const b = `${alias}_b${i}`;
      const target = inTarget(g.select);
      const selected = key === 'rowid' ? `${b}.rowid` : `${b}."Id"`;
      return {
        sql: `SELECT ${selected} FROM ${quoteIdent(obj.name)} ${b} WHERE ${b}.${quoteIdent(g.column)} IN ${target.sql}`,
        params: target.params,
      };
    });
    return { sql: branches.map((b) => b.sql).join(' UNION ALL '), params: branches.flatMap((b) => b.params) };
  }

  private probe(alias: string, grant: Grant): Sql {
    if ('raw' in grant) return grant.raw;
    const column = `${alias}.${quoteIdent(grant.column)}`;
    const { select } = grant;
    if (!('from' in select)) {
      const target = inTarget(select);
      return { sql: `${column} IN ${target.sql}`, params: target.params };
    }
    return {
      sql: `EXISTS (SELECT 1 FROM ${select.from} WHERE ${select.key} = ${column} AND (${select.where.sql}))`,
      params: select.where.params,
    };
  }
}

function selectSql(select: Subquery): Sql {
  if ('select' in select) return select.select;
  return { sql: `SELECT ${select.key} FROM ${select.from} WHERE ${select.where.sql}`, params: select.where.params };
}

/** The right-hand side of `x IN ...`: a literal list as is, anything else as a subquery. */
function inTarget(select: Select): Sql {
  if ('list' in select) return { sql: select.list, params: [] };
  const inner = selectSql(select);
  return { sql: `(${inner.sql})`, params: inner.params };
}

/** OR of conditions; no condition at all means no row. */
function anyOf(conditions: Sql[]): Clause {
  if (conditions.length === 0) return 'none';
  if (conditions.length === 1 && conditions[0]) return conditions[0];
  return { sql: conditions.map((c) => `(${c.sql})`).join(' OR '), params: conditions.flatMap((c) => c.params) };
}
