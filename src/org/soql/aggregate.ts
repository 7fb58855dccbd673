import type {
  Condition,
  FieldType as SelectItem,
  FunctionExp,
  GroupByClause,
  OrderByClause,
  Query,
} from '@jetstreamapp/soql-parser-js';
import type { DatabaseSync } from 'node:sqlite';
import { toApiValue } from '../db.js';
import { field as syntheticField } from '../schema/build.js';
import type { FieldDef } from '../schema/types.js';
import { malformed } from './errors.js';
import { compareLiterals, compileTree, type Operand } from './filter.js';
import { dateFunctionOperand, isDateFunction, singleFieldArgument } from './functions.js';
import { compileOrderBy, orderBySql } from './order.js';
import { havingTree } from './parse.js';
import { pageWindow, soqlWindow, type Pager } from './records.js';
import { fieldPath, type Scope } from './scope.js';
import type { Row } from './shape.js';
import { joinSql, sql, type Sql } from './sql.js';
import { asComparison, compileWhere, literalsOf, type CompileEnv } from './where.js';

const AGGREGATES = new Set(['COUNT', 'COUNT_DISTINCT', 'SUM', 'AVG', 'MIN', 'MAX']);
const NUMERIC = new Set(['int', 'double', 'currency', 'percent']);

/** A GROUP BY expression, keyed by its canonical path (`account.name`, `calendar_year(closedate)`). */
type Group = { key: string; operand: Operand };

/** One column of AggregateResult records. */
type Output = { name: string; col: string; field: FieldDef };

/** True when the SELECT aggregates: GROUP BY, or an aggregate function in the select list. */
export function isAggregateQuery(query: Query): boolean {
  if (query.groupBy) return true;
  return (query.fields ?? []).some(
    (f) => f.type === 'FieldFunctionExpression' && AGGREGATES.has(f.functionName.toUpperCase()),
  );
}

/** `SELECT COUNT() FROM ...`: only a count, no records. */
export function isCountOnly(query: Query): boolean {
  const fields = query.fields ?? [];
  const counts = fields.filter(
    (f) =>
      f.type === 'FieldFunctionExpression' && f.functionName.toUpperCase() === 'COUNT' && f.parameters.length === 0,
  );
  if (counts.length === 0) return false;
  if (fields.length > 1) throw malformed('COUNT() cannot be combined with other fields');
  return true;
}

/** COUNT(): the number of rows, or of groups with GROUP BY, within the SOQL's LIMIT/OFFSET. */
export function compileCountOnly(db: DatabaseSync, scope: Scope, query: Query, env: CompileEnv): Pager {
  const groups = compileGroups(scope, query.groupBy);
  const where = compileWhere(scope, query.where, env);
  const groupBy = groups.length > 0 ? ` GROUP BY ${groups.map((g) => g.operand.sql).join(', ')}` : '';
  const body = joinSql([scope.fromSql(), sql('WHERE'), where], ' ');
  const count = db.prepare(`SELECT COUNT(*) AS n FROM (SELECT 1 FROM ${body.sql}${groupBy} LIMIT ? OFFSET ?)`);
  return {
    totalSize: () => Number((count.get(...body.params, ...soqlWindow(query)) as Row | undefined)?.n ?? 0),
    fetch: () => [],
  };
}

/** GROUP BY / aggregate functions: AggregateResult records, computed by SQLite. */
export function compileAggregate(db: DatabaseSync, scope: Scope, query: Query, env: CompileEnv): Pager {
  const groups = compileGroups(scope, query.groupBy);
  const outputs = selectOutputs(scope, groups, query.fields ?? []);
  const where = compileWhere(scope, query.where, env);
  const having = query.having
    ? compileTree(havingTree(query.having), (cond) => havingCondition(scope, groups, cond, env))
    : undefined;
  const order = compileOrderBy(query.orderBy, (clause) => aggregateOrderOperand(scope, groups, clause));
  const columns = outputs.map((o, i) => `${o.col} AS "c${i}"`).join(', ');
  const pieces = [scope.fromSql(), sql('WHERE'), where];
  if (groups.length > 0) pieces.push(sql(`GROUP BY ${groups.map((g) => g.operand.sql).join(', ')}`));
  if (having) pieces.push(sql('HAVING'), having);
  const body = joinSql(pieces, ' ');
  const orderBy = order.length > 0 ? orderBySql(order) : undefined;
  const page = db.prepare(
    `SELECT ${columns} FROM ${body.sql}${orderBy ? ` ORDER BY ${orderBy.sql}` : ''} LIMIT ? OFFSET ?`,
  );
  // The real select list keeps an ungrouped aggregate at one row.
  const count = db.prepare(`SELECT COUNT(*) AS n FROM (SELECT ${columns} FROM ${body.sql} LIMIT ? OFFSET ?)`);
  const pageParams = [...body.params, ...(orderBy?.params ?? [])];
  return {
    totalSize: () => Number((count.get(...body.params, ...soqlWindow(query)) as Row | undefined)?.n ?? 0),
    fetch(offset, pageSize) {
      const window = pageWindow(query, offset, pageSize);
      if (!window) return [];
      const rows = page.all(...pageParams, window.limit, window.offset) as Row[];
      return rows.map((row) => {
        const record: Record<string, unknown> = { attributes: { type: 'AggregateResult' } };
        outputs.forEach((o, i) => (record[o.name] = toApiValue(o.field, row[`c${i}`])));
        return record;
      });
    },
  };
}

function compileGroups(scope: Scope, groupBy: GroupByClause | GroupByClause[] | undefined): Group[] {
  const list = groupBy === undefined ? [] : Array.isArray(groupBy) ? groupBy : [groupBy];
  return list.map((clause) => {
    if ('field' in clause) return fieldGroup(scope, clause.field);
    const name = clause.fn.functionName?.toUpperCase();
    if (!isDateFunction(name)) throw malformed(`GROUP BY ${name ?? 'function'} is not supported by the local org`);
    return dateGroup(scope, clause.fn);
  });
}

function fieldGroup(scope: Scope, path: string): Group {
  const resolved = scope.resolve(path);
  const key = [...resolved.parents.map((p) => p.relationshipName), resolved.field.name].join('.').toLowerCase();
  return { key, operand: { sql: resolved.sql, field: resolved.field } };
}

function dateGroup(scope: Scope, fn: FunctionExp): Group {
  const operand = dateFunctionOperand(scope, fn);
  return { key: operand.field.name.toLowerCase(), operand };
}

/** A grouped field or date function; anything else must be aggregated. */
function grouped(groups: Group[], candidate: Group, label: string): Operand {
  const group = groups.find((g) => g.key === candidate.key);
  if (!group) throw malformed(`Field must be grouped or aggregated: ${label}`);
  return group.operand;
}

/** Unaliased aggregates and date functions are named expr0, expr1, ... in select order. */
function selectOutputs(scope: Scope, groups: Group[], items: SelectItem[]): Output[] {
  let exprIndex = 0;
  return items.map((item): Output => {
    switch (item.type) {
      case 'Field':
      case 'FieldRelationship': {
        const path = fieldPath(item);
        const operand = grouped(groups, fieldGroup(scope, path), path);
        const alias = 'alias' in item ? item.alias : undefined;
        return { name: alias ?? operand.field.name, col: operand.sql, field: operand.field };
      }
      case 'FieldFunctionExpression': {
        const operand = functionOperand(scope, groups, item);
        return { name: item.alias ?? `expr${exprIndex++}`, col: operand.sql, field: operand.field };
      }
      default:
        throw malformed('Only fields and aggregate functions are allowed in an aggregate query');
    }
  });
}

/** An aggregate function, or a date function that is grouped. */
function functionOperand(scope: Scope, groups: Group[], fn: FunctionExp): Operand {
  const name = fn.functionName?.toUpperCase() ?? '';
  if (isDateFunction(name)) return grouped(groups, dateGroup(scope, fn), fn.rawValue ?? name);
  if (!AGGREGATES.has(name)) throw malformed(`${fn.functionName ?? 'function'} is not supported by the local org`);
  if (name === 'COUNT' && (fn.parameters ?? []).length === 0) {
    return { sql: 'COUNT(*)', field: syntheticField('COUNT()', 'int') };
  }
  const arg = scope.resolve(singleFieldArgument(fn));
  switch (name) {
    case 'COUNT':
      return { sql: `COUNT(${arg.sql})`, field: syntheticField(`COUNT(${arg.field.name})`, 'int') };
    case 'COUNT_DISTINCT':
      return { sql: `COUNT(DISTINCT ${arg.sql})`, field: syntheticField(`COUNT_DISTINCT(${arg.field.name})`, 'int') };
    case 'SUM':
    case 'AVG':
      if (!NUMERIC.has(arg.field.type)) {
        throw malformed(`field ${arg.field.name} does not support aggregate operator ${name}`);
      }
      return { sql: `${name}(${arg.sql})`, field: syntheticField(`${name}(${arg.field.name})`, 'double') };
    default:
      if (arg.field.type === 'boolean' || arg.field.type === 'multipicklist') {
        throw malformed(`field ${arg.field.name} does not support aggregate operator ${name}`);
      }
      return { sql: `${name}(${arg.sql})`, field: { ...arg.field, name: `${name}(${arg.field.name})` } };
  }
}

function havingCondition(scope: Scope, groups: Group[], cond: Condition, env: CompileEnv): Sql {
  const comparison = asComparison(cond);
  const operand =
    'fn' in comparison
      ? functionOperand(scope, groups, comparison.fn)
      : grouped(groups, fieldGroup(scope, comparison.field), comparison.field);
  return compareLiterals(operand, comparison.operator, literalsOf(comparison), env);
}

function aggregateOrderOperand(scope: Scope, groups: Group[], clause: OrderByClause): Operand {
  if ('fn' in clause) return functionOperand(scope, groups, clause.fn);
  const group = groups.find((g) => g.key === fieldGroup(scope, clause.field).key);
  if (!group) throw malformed(`Ordered field must be grouped or aggregated: ${clause.field}`);
  return group.operand;
}
