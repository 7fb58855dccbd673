import type { FieldType as SelectItem, Subquery } from '@jetstreamapp/soql-parser-js';
import { toApiValue, type SqlValue } from '../db.js';
import type { FieldDef, Schema, SObjectDef } from '../schema/types.js';
import { malformed } from './errors.js';
import { isDateFunction, singleFieldArgument } from './functions.js';
import { fieldPath, type ParentNode, type Scope } from './scope.js';

export type Row = Record<string, SqlValue>;
export type ApiRecord = Record<string, unknown>;

/** A child subquery's records per parent Id, for one page. */
export type ChildRecords = Map<string, ApiRecord[]>;

type FieldEntry = { kind: 'field'; key: string; col: string; byObject: Map<string, FieldDef> };
type ParentEntry = { kind: 'parent'; key: string; parent: ParentShape };
export type ChildEntry = { kind: 'children'; key: string; index: number };
type Entry = FieldEntry | ParentEntry | ChildEntry;

/** A parent relationship in the output: its Id column, how to tell its type, and its selected fields. */
type ParentShape = { idCol: string; fixedType: string | undefined; entries: Entry[] };

/** Functions that only change how a value is displayed; the local org returns the stored value. */
const DISPLAY_FUNCTIONS = new Set(['TOLABEL', 'FORMAT', 'CONVERTCURRENCY']);

/** The hidden column holding each row's Id. */
export const ID_COLUMN = '_id';

/**
 * The select list of a non-aggregate query: the SQL columns to read and how to nest them into records.
 * Keys follow the select order; a relationship takes the place of its first selected field.
 */
export class RecordShape {
  private readonly columns = new Map<string, string>();
  private readonly entries: Entry[] = [];
  private readonly selected = new Set<string>();
  public readonly subqueries: { key: string; subquery: Subquery }[] = [];

  public constructor(
    private readonly scope: Scope,
    items: SelectItem[],
  ) {
    this.columns.set(scope.column('Id'), ID_COLUMN);
    for (const item of items) this.add(item);
  }

  /** `expr AS "c1", ...` for the SELECT list. */
  public selectList(): string {
    return [...this.columns].map(([expr, name]) => `${expr} AS "${name}"`).join(', ');
  }

  public toRecord(row: Row, ctx: RecordContext, children: ChildRecords[]): ApiRecord {
    const object = this.scope.root.object;
    const id = row[ID_COLUMN] as string;
    const record: ApiRecord = { attributes: attributes(ctx, object.name, id) };
    fill(record, this.entries, row, object.name, ctx, (entry) => children[entry.index]?.get(id) ?? null);
    return record;
  }

  private add(item: SelectItem): void {
    switch (item.type) {
      case 'Field':
      case 'FieldRelationship':
        if ('alias' in item && item.alias) throw malformed('Only aggregate expressions use field aliasing');
        return this.addField(fieldPath(item));
      case 'FieldFunctionExpression':
        return this.addFunction(item.functionName, singleFieldArgument(item), item.alias);
      case 'FieldSubquery':
        return this.addSubquery(item.subquery);
      default:
        throw malformed('TYPEOF is not supported by the local org');
    }
  }

  private addFunction(name: string, arg: string, alias: string | undefined): void {
    if (isDateFunction(name)) throw malformed(`Date functions are only allowed in aggregate queries: ${name}`);
    if (!DISPLAY_FUNCTIONS.has(name.toUpperCase())) throw malformed(`${name} is not supported by the local org`);
    this.addField(arg, alias);
  }

  private addField(path: string, alias?: string): void {
    const resolved = this.scope.resolve(path);
    const canonical = [...resolved.parents.map((p) => p.relationshipName), resolved.field.name].join('.');
    if (this.selected.has(canonical.toLowerCase())) throw malformed(`duplicate field selected: ${path}`);
    this.selected.add(canonical.toLowerCase());
    const entries = this.parentEntries(resolved.parents);
    entries.push({
      kind: 'field',
      key: alias ?? resolved.field.name,
      col: this.columnFor(resolved.sql),
      byObject: resolved.byObject,
    });
  }

  private addSubquery(subquery: Subquery): void {
    const rel = this.scope.root.object.childRelationships.find(
      (r) => r.relationshipName?.toLowerCase() === subquery.relationshipName.toLowerCase(),
    );
    const key = rel?.relationshipName ?? subquery.relationshipName;
    if (this.subqueries.some((s) => s.key.toLowerCase() === key.toLowerCase())) {
      throw malformed(`duplicate field selected: ${key}`);
    }
    this.entries.push({ kind: 'children', key, index: this.subqueries.length });
    this.subqueries.push({ key, subquery });
  }

  /** The entry list the fields of a path's last parent go to, creating parent entries on the way. */
  private parentEntries(parents: ParentNode[]): Entry[] {
    let entries = this.entries;
    for (const node of parents) {
      const existing = entries.find((e): e is ParentEntry => e.kind === 'parent' && e.key === node.relationshipName);
      const parent = existing?.parent ?? { idCol: this.columnFor(node.idSql), fixedType: node.fixedType, entries: [] };
      if (!existing) entries.push({ kind: 'parent', key: node.relationshipName, parent });
      entries = parent.entries;
    }
    return entries;
  }

  private columnFor(expr: string): string {
    let name = this.columns.get(expr);
    if (!name) {
      name = `c${this.columns.size}`;
      this.columns.set(expr, name);
    }
    return name;
  }
}

export type RecordContext = { schema: Schema; apiVersion: string };

function attributes(ctx: RecordContext, type: string, id: string): { type: string; url: string } {
  return { type, url: `/services/data/v${ctx.apiVersion}/sobjects/${type}/${id}` };
}

function fill(
  target: ApiRecord,
  entries: Entry[],
  row: Row,
  type: string,
  ctx: RecordContext,
  childrenOf: (entry: ChildEntry) => ApiRecord[] | null,
): void {
  for (const entry of entries) {
    if (entry.kind === 'field') {
      // A polymorphic parent's fields that its actual object lacks are null.
      const def = entry.byObject.get(type);
      target[entry.key] = def ? toApiValue(def, row[entry.col]) : null;
    } else if (entry.kind === 'parent') {
      target[entry.key] = parentRecord(entry.parent, row, ctx, childrenOf);
    } else {
      const records = childrenOf(entry);
      target[entry.key] = records ? { totalSize: records.length, done: true, records } : null;
    }
  }
}

function parentRecord(
  shape: ParentShape,
  row: Row,
  ctx: RecordContext,
  childrenOf: (entry: ChildEntry) => ApiRecord[] | null,
): ApiRecord | null {
  const id = row[shape.idCol];
  if (typeof id !== 'string') return null;
  const type = shape.fixedType ?? ctx.schema.objectForId(id)?.name;
  if (!type) return null;
  const record: ApiRecord = { attributes: attributes(ctx, type, id) };
  fill(record, shape.entries, row, type, ctx, childrenOf);
  return record;
}

/** Expands FIELDS(ALL | STANDARD | CUSTOM) into the object's fields. */
export function expandFields(object: SObjectDef, items: SelectItem[], limit: number | undefined): SelectItem[] {
  const explicit = new Set(items.flatMap((i) => (i.type === 'Field' ? [i.field.toLowerCase()] : [])));
  return items.flatMap((item) => {
    if (item.type !== 'FieldFunctionExpression' || item.functionName.toUpperCase() !== 'FIELDS') return [item];
    const param = item.parameters[0];
    const which = typeof param === 'string' ? param.toUpperCase() : '';
    if (!['ALL', 'STANDARD', 'CUSTOM'].includes(which)) throw malformed(`unexpected token: '${which}'`);
    if (which !== 'STANDARD' && (limit === undefined || limit > 200)) {
      throw malformed(`The SOQL FIELDS function must have a LIMIT of at most 200`);
    }
    return object.fields
      .filter((f) => which === 'ALL' || f.custom === (which === 'CUSTOM'))
      .filter((f) => !explicit.has(f.name.toLowerCase()))
      .map((f): SelectItem => ({ type: 'Field', field: f.name }));
  });
}
