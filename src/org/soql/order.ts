import type { OrderByClause } from '@jetstreamapp/soql-parser-js';
import { OrgApiError } from '../errors.js';
import type { FieldDef } from '../schema/types.js';
import type { Operand } from './filter.js';
import { dateFunctionOperand } from './functions.js';
import type { Scope } from './scope.js';
import { joinSql, sql, type Sql } from './sql.js';

/**
 * One sort key: its expression and its ` ASC NULLS FIRST`-style suffix. Text keys are columns or carry an
 * explicit COLLATE NOCASE, so they sort alike when read back from a subquery column.
 */
export type OrderKey = { expr: Sql; suffix: string };

/** ORDER BY items. Salesforce's defaults: ASC with nulls first, DESC with nulls last. */
export function compileOrderBy(
  clauses: OrderByClause | OrderByClause[] | undefined,
  operandOf: (clause: OrderByClause) => Operand,
): OrderKey[] {
  const list = clauses === undefined ? [] : Array.isArray(clauses) ? clauses : [clauses];
  return list.flatMap((clause) => {
    const operand = operandOf(clause);
    checkSortable(operand.field);
    const direction = clause.order?.toUpperCase() === 'DESC' ? 'DESC' : 'ASC';
    const nulls = clause.nulls?.toUpperCase() ?? (direction === 'ASC' ? 'FIRST' : 'LAST');
    const suffix = ` ${direction} NULLS ${nulls}`;
    const key: OrderKey = { expr: sql(operand.sql), suffix };
    const rank = picklistRank(operand);
    return rank ? [{ expr: rank, suffix }, key] : [key];
  });
}

/** `key1 ASC NULLS FIRST, key2 ...` followed by the tie-breakers. */
export function orderBySql(keys: OrderKey[], tieBreakers: string[] = []): Sql {
  return joinSql(
    [...keys.map((k) => sql(`${k.expr.sql}${k.suffix}`, k.expr.params)), ...tieBreakers.map((t) => sql(t))],
    ', ',
  );
}

/** The operand of a non-aggregate ORDER BY item: a field path or a date function. */
export function orderOperand(scope: Scope, clause: OrderByClause): Operand {
  if ('fn' in clause) return dateFunctionOperand(scope, clause.fn);
  const resolved = scope.resolve(clause.field);
  return { sql: resolved.sql, field: resolved.field };
}

/** Picklists sort in the order their values are defined, not alphabetically; unknown values come last. */
function picklistRank(operand: Operand): Sql | undefined {
  const values = operand.field.type === 'picklist' ? operand.field.picklistValues.map((v) => v.value) : [];
  if (values.length === 0) return undefined;
  const whens = values.map((_, i) => `WHEN ? THEN ${i}`).join(' ');
  return sql(
    `CASE WHEN ${operand.sql} IS NULL THEN NULL ELSE CASE ${operand.sql} ${whens} ELSE ${values.length} END END`,
    values,
  );
}

function checkSortable(field: FieldDef): void {
  const longText = field.type === 'textarea' && field.length > 255;
  if (longText || ['multipicklist', 'base64', 'encryptedstring'].includes(field.type)) {
    throw new OrgApiError(400, 'INVALID_FIELD', `field '${field.name}' can not be sorted in a query call`);
  }
}
