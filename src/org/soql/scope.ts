import { columnType, quoteIdent } from '../db.js';
import type { FieldDef, Schema, SObjectDef } from '../schema/types.js';
import { noSuchColumn, unknownRelationship } from './errors.js';
import { column, sql, type Sql } from './sql.js';

/** The visibility rule of a table alias; `byId`: the WHERE picks a few rows by Id (checked row by row). */
export type Visibility = (object: SObjectDef, alias: string, byId?: boolean) => Sql | undefined;

/** Shared by every scope of one query, so table aliases never clash between subqueries. */
export type QueryContext = {
  schema: Schema;
  visibility?: Visibility;
  nextAlias(): string;
};

export type Table = { object: SObjectDef; alias: string };

/**
 * A parent reached through a relationship path (`Account`, `Account.Owner`, `What`). A polymorphic lookup
 * joins every object it may point to; only the one matching the Id's key prefix finds a row.
 */
export type ParentNode = {
  relationshipName: string;
  tables: Table[];
  /** SQL for the parent's Id; null when the lookup is empty. */
  idSql: string;
  /** The parent's object when the lookup can only point to one; otherwise the Id's key prefix tells. */
  fixedType: string | undefined;
  children: Map<string, ParentNode>;
};

/** A field reached from the scope's object, directly or through parents. */
export type ResolvedField = {
  sql: string;
  field: FieldDef;
  /** The relationship steps leading to the field (empty for the object's own fields). */
  parents: ParentNode[];
  /** For polymorphic parents: the field's definition on each object that has it. */
  byObject: Map<string, FieldDef>;
};

/** The tables of one SELECT: the queried object and the LEFT JOINs its relationship paths need. */
export class Scope {
  public readonly root: Table;
  private readonly joins: Sql[] = [];
  private readonly parents = new Map<string, ParentNode>();

  public constructor(
    private readonly ctx: QueryContext,
    object: SObjectDef,
    private readonly objectAlias?: string,
  ) {
    this.root = { object, alias: ctx.nextAlias() };
  }

  /** `"Account" AS t0 LEFT JOIN ...` for a FROM clause; `on` joins the root table itself (`ON t0.rowid = ...`). */
  public fromSql(on?: string): Sql {
    const root = `${quoteIdent(this.root.object.name)} AS ${this.root.alias}${on ? ` ON ${on}` : ''}`;
    return { sql: [root, ...this.joins.map((j) => j.sql)].join(' '), params: this.joins.flatMap((j) => j.params) };
  }

  public column(name: string): string {
    return column(this.root.alias, name);
  }

  /** Resolves `Name`, `Account.Owner.Name` or `a.Name` (with the FROM alias) to SQL, joining parents as needed. */
  public resolve(path: string): ResolvedField {
    const segments = this.stripObjectPrefix(path.split('.'));
    const fieldName = segments[segments.length - 1] ?? '';
    const parents: ParentNode[] = [];
    let tables = [this.root];
    let children = this.parents;
    for (const name of segments.slice(0, -1)) {
      const node = children.get(name.toLowerCase()) ?? this.joinParent(tables, name, children);
      parents.push(node);
      tables = node.tables;
      children = node.children;
    }
    return this.fieldOf(tables, fieldName, parents);
  }

  /** Paths may start with the FROM alias or the object's own name, unless that is also a relationship. */
  private stripObjectPrefix(segments: string[]): string[] {
    const first = segments[0]?.toLowerCase();
    if (segments.length < 2 || first === undefined) return segments;
    if (this.relationshipField(this.root.object, first)) return segments;
    const own = [this.objectAlias?.toLowerCase(), this.root.object.name.toLowerCase()];
    return own.includes(first) ? segments.slice(1) : segments;
  }

  private relationshipField(object: SObjectDef, name: string): FieldDef | undefined {
    const lower = name.toLowerCase();
    return object.fields.find((f) => f.type === 'reference' && f.relationshipName?.toLowerCase() === lower);
  }

  private joinParent(from: Table[], name: string, siblings: Map<string, ParentNode>): ParentNode {
    const tables: Table[] = [];
    let via: FieldDef | undefined;
    for (const table of from) {
      const ref = this.relationshipField(table.object, name);
      if (!ref) continue;
      via ??= ref;
      for (const target of ref.referenceTo) {
        const object = this.ctx.schema.object(target);
        if (object) tables.push(this.join(object, column(table.alias, ref.name)));
      }
    }
    if (!via || tables.length === 0) throw unknownRelationship(name);
    const ids = tables.map((t) => column(t.alias, 'Id'));
    const node: ParentNode = {
      relationshipName: via.relationshipName ?? name,
      tables,
      idSql: ids.length === 1 ? (ids[0] ?? '') : `COALESCE(${ids.join(', ')})`,
      fixedType: from.length === 1 && via.referenceTo.length === 1 ? tables[0]?.object.name : undefined,
      children: new Map(),
    };
    siblings.set(name.toLowerCase(), node);
    return node;
  }

  /** Parent rows hidden by the visibility rule read as an empty lookup. */
  private join(object: SObjectDef, foreignKey: string): Table {
    const alias = this.ctx.nextAlias();
    const visible = this.ctx.visibility?.(object, alias);
    const on = `${column(alias, 'Id')} = ${foreignKey}${visible ? ` AND (${visible.sql})` : ''}`;
    this.joins.push(sql(`LEFT JOIN ${quoteIdent(object.name)} AS ${alias} ON ${on}`, visible?.params ?? []));
    return { object, alias };
  }

  private fieldOf(tables: Table[], name: string, parents: ParentNode[]): ResolvedField {
    const found: { table: Table; field: FieldDef }[] = [];
    for (const table of tables) {
      const field = this.ctx.schema.field(table.object, name);
      if (field) found.push({ table, field });
    }
    const first = found[0];
    if (!first) throw noSuchColumn(name, tables[0]?.object.name ?? this.root.object.name);
    const exprs = found.map((f) => column(f.table.alias, f.field.name));
    // COALESCE loses the column's collation; text must still compare case-insensitively.
    const collate = columnType(first.field).includes('NOCASE') ? ' COLLATE NOCASE' : '';
    return {
      sql: exprs.length === 1 ? (exprs[0] ?? '') : `COALESCE(${exprs.join(', ')})${collate}`,
      field: first.field,
      parents,
      byObject: new Map(found.map((f) => [f.table.object.name, f.field])),
    };
  }
}

/** The SOQL path of a selected field (`Name`, `Account.Owner.Name`, `a.Name`). */
export function fieldPath(item: { field: string; relationships?: string[]; rawValue?: string }): string {
  if (item.rawValue) return item.rawValue;
  return item.relationships?.length ? `${item.relationships.join('.')}.${item.field}` : item.field;
}
