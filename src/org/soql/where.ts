import {
  isValueQueryCondition,
  type Condition,
  type ConditionWithValueQuery,
  type LiteralType,
  type Query,
  type ValueQueryCondition,
  type WhereClause,
} from '@jetstreamapp/soql-parser-js';
import type { SObjectDef } from '../schema/types.js';
import { invalidType, malformed } from './errors.js';
import { compareLiterals, compileTree, normaliseOperator, type Clock, type Literal, type Operand } from './filter.js';
import { dateFunctionOperand } from './functions.js';
import { whereTree, type Comparison } from './parse.js';
import { fieldPath, Scope, type QueryContext } from './scope.js';
import { joinSql, sql, type Sql } from './sql.js';

/** What compiling a SELECT needs besides its scope. */
export type CompileEnv = Clock & { ctx: QueryContext; includeDeleted: boolean };

/** The queried object; INVALID_TYPE for unknown or unqueryable ones. */
export function resolveObject(ctx: QueryContext, name: string | undefined): SObjectDef {
  const object = name ? ctx.schema.object(name) : undefined;
  if (!object?.queryable) throw invalidType(name ?? '');
  return object;
}

/**
 * The row filter of one table: the SOQL WHERE, the deleted-rows rule and the visibility rule.
 * Returns the bare condition (no `WHERE` keyword); `1` when nothing filters.
 */
export function compileWhere(scope: Scope, where: WhereClause | undefined, env: CompileEnv): Sql {
  checkSemiJoinRules(where);
  const parts = [...rowRules(scope, env, picksById(where))];
  if (where) parts.push(compileTree(whereTree(where), (cond) => compileCondition(scope, cond, env)));
  return parts.length > 0 ? joinSql(parts, ' AND ') : sql('1');
}

/** IsDeleted = 0 unless queryAll, and the visibility rule, for the scope's own table. */
function rowRules(scope: Scope, env: CompileEnv, byId: boolean): Sql[] {
  const parts: Sql[] = [];
  const { object, alias } = scope.root;
  if (!env.includeDeleted && env.ctx.schema.field(object, 'IsDeleted')) {
    parts.push(sql(`${scope.column('IsDeleted')} = 0`));
  }
  const visible = env.ctx.visibility?.(object, alias, byId);
  if (visible) parts.push(sql(`(${visible.sql})`, visible.params));
  return parts;
}

/** A WHERE of AND-ed conditions, one of them `Id = literal` or `Id IN (literals)`: it selects rows by Id. */
function picksById(where: WhereClause | undefined): boolean {
  let byId = false;
  for (let node = where; node; node = 'right' in node ? node.right : undefined) {
    if ('operator' in node && node.operator === 'OR') return false;
    const cond = node.left;
    if (!cond || isValueQueryCondition(cond) || !('field' in cond) || cond.field.toLowerCase() !== 'id') continue;
    if ((cond.operator === '=' || cond.operator === 'IN') && !('fn' in cond)) byId = true;
  }
  return byId;
}

/** Salesforce refuses semi-joins combined with OR anywhere in the same WHERE. */
function checkSemiJoinRules(where: WhereClause | undefined): void {
  let semiJoins = 0;
  let ors = 0;
  for (let node = where; node; node = 'right' in node ? node.right : undefined) {
    if (node.left && isValueQueryCondition(node.left)) semiJoins++;
    if ('operator' in node && node.operator === 'OR') ors++;
  }
  if (semiJoins > 0 && ors > 0) throw malformed("Semi join sub-selects are not allowed with the 'OR' operator");
}

function hasSemiJoin(where: WhereClause | undefined): boolean {
  for (let node = where; node; node = 'right' in node ? node.right : undefined) {
    if (node.left && isValueQueryCondition(node.left)) return true;
  }
  return false;
}

function compileCondition(scope: Scope, cond: ConditionWithValueQuery, env: CompileEnv): Sql {
  if (isValueQueryCondition(cond)) return semiJoin(scope, cond, env);
  const comparison = asComparison(cond);
  return compareLiterals(conditionOperand(scope, comparison), comparison.operator, literalsOf(comparison), env);
}

/** Narrows away the parser's bare negation marker, which never reaches a condition on well-formed input. */
export function asComparison(cond: Condition): Comparison {
  if (!('operator' in cond)) throw malformed("unexpected token: 'NOT'");
  return cond;
}

function conditionOperand(scope: Scope, cond: Comparison): Operand {
  if ('fn' in cond) return dateFunctionOperand(scope, cond.fn);
  const resolved = scope.resolve(cond.field);
  return { sql: resolved.sql, field: resolved.field };
}

/** The literal(s) of a condition, each with its own type (IN lists may mix `2024-01-01` and `TODAY`). */
export function literalsOf(cond: Comparison): Literal[] {
  const values = Array.isArray(cond.value) ? cond.value : [cond.value];
  const types = cond.literalType;
  return values.map((text, i) => {
    const type: LiteralType | undefined = Array.isArray(types) ? types[i] : types;
    if (!type || type === 'APEX_BIND_VARIABLE' || type === 'SUBQUERY') throw malformed(`unexpected token: '${text}'`);
    return { type, text };
  });
}

/** `Id IN (SELECT AccountId FROM Contact WHERE ...)` as an uncorrelated SQL subquery. */
function semiJoin(scope: Scope, cond: ValueQueryCondition, env: CompileEnv): Sql {
  const op = normaliseOperator(cond.operator);
  if (op !== 'IN' && op !== 'NOT IN') throw malformed(`unexpected token: '${cond.operator}'`);
  const left = scope.resolve(cond.field);
  const inner = semiJoinSelect(cond.valueQuery, env);
  if (op === 'IN') return sql(`${left.sql} IN (${inner.sql})`, inner.params);
  return sql(`(${left.sql} IS NULL OR ${left.sql} NOT IN (${inner.sql}))`, inner.params);
}

function semiJoinSelect(query: Query, env: CompileEnv): Sql {
  const object = resolveObject(env.ctx, query.sObject);
  const scope = new Scope(env.ctx, object, query.sObjectAlias);
  const fields = query.fields ?? [];
  const only = fields[0];
  if (fields.length !== 1 || !only || (only.type !== 'Field' && only.type !== 'FieldRelationship')) {
    throw malformed('The selected field in a semi join sub-select must be a single Id or reference field');
  }
  if (query.groupBy ?? query.having) throw malformed('semi join sub-selects are not allowed to use GROUP BY');
  if (hasSemiJoin(query.where)) throw malformed('Nesting of semi join sub-selects is not supported');
  const selected = scope.resolve(fieldPath(only));
  if (selected.field.type !== 'id' && selected.field.type !== 'reference') {
    throw malformed('The selected field in a semi join sub-select must be a single Id or reference field');
  }
  const where = compileWhere(scope, query.where, env);
  const from = scope.fromSql();
  return joinSql([sql(`SELECT ${selected.sql} FROM`), from, sql(`WHERE ${selected.sql} IS NOT NULL AND`), where], ' ');
}
