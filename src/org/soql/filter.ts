import type { LiteralType } from '@jetstreamapp/soql-parser-js';
import { isDate, parseDateTime, type SqlValue } from '../db.js';
import { to18 } from '../ids.js';
import type { FieldDef, FieldType } from '../schema/types.js';
import { asDate, asDateTime, dateLiteralRange } from './dates.js';
import { invalidOperator, malformed, notFilterable, wrongValueType } from './errors.js';
import { likePattern, numberValue, stringValue } from './literals.js';
import type { BoolNode } from './parse.js';
import { joinSql, placeholders, sql, type Sql } from './sql.js';

/** What a condition compares: a column, a path through parents, a date function or an aggregate. */
export type Operand = { sql: string; field: FieldDef };

/** One literal of a condition, as the parser gives it (`'abc'`, `12`, `TODAY`, `LAST_N_DAYS:3`). */
export type Literal = { type: LiteralType; text: string };

export type Clock = { now: Date; timeZone: string };

type Category = 'text' | 'multipicklist' | 'id' | 'boolean' | 'number' | 'date' | 'datetime';
type Operator = '=' | '!=' | '<' | '<=' | '>' | '>=' | 'LIKE' | 'IN' | 'NOT IN' | 'INCLUDES' | 'EXCLUDES';

/** A literal converted for a column: one value, or for date literals a range of stored values [start, end). */
type Value = { kind: 'value'; value: SqlValue } | { kind: 'range'; start: string; end: string };

const COMPARISONS: Operator[] = ['=', '!=', '<', '<=', '>', '>=', 'IN', 'NOT IN'];
const ALLOWED: Record<Category, Operator[]> = {
  text: [...COMPARISONS, 'LIKE'],
  multipicklist: ['=', '!=', 'IN', 'NOT IN', 'INCLUDES', 'EXCLUDES'],
  id: COMPARISONS,
  boolean: ['=', '!='],
  number: COMPARISONS,
  date: COMPARISONS,
  datetime: COMPARISONS,
};

function categoryOf(type: FieldType): Category {
  switch (type) {
    case 'id':
    case 'reference':
      return 'id';
    case 'boolean':
      return 'boolean';
    case 'int':
    case 'double':
    case 'currency':
    case 'percent':
      return 'number';
    case 'date':
    case 'datetime':
    case 'multipicklist':
      return type;
    default:
      return 'text';
  }
}

/** AND/OR/NOT over compiled conditions. SOQL never treats an unknown (NULL) comparison as true, NOT included. */
export function compileTree<C>(node: BoolNode<C>, compile: (cond: C) => Sql): Sql {
  switch (node.kind) {
    case 'cond':
      return compile(node.cond);
    case 'not': {
      const inner = compileTree(node.item, compile);
      return sql(`NOT COALESCE(${inner.sql}, 0)`, inner.params);
    }
    default: {
      const parts = joinSql(
        node.items.map((item) => compileTree(item, compile)),
        node.kind === 'and' ? ' AND ' : ' OR ',
      );
      return sql(`(${parts.sql})`, parts.params);
    }
  }
}

export function normaliseOperator(operator: string): Operator {
  const op = operator.toUpperCase().replace(/\s+/g, ' ');
  if (op === '<>') return '!=';
  if ((ALLOWED.text as string[]).includes(op) || op === 'INCLUDES' || op === 'EXCLUDES') return op as Operator;
  throw malformed(`unexpected token: '${operator}'`);
}

/** Compiles `operand operator literal(s)` with Salesforce's typing rules. */
export function compareLiterals(operand: Operand, operator: string, literals: Literal[], clock: Clock): Sql {
  const op = normaliseOperator(operator);
  const category = checkOperator(operand.field, op);
  const isList = op === 'IN' || op === 'NOT IN' || op === 'INCLUDES' || op === 'EXCLUDES';
  if (!isList && literals.length !== 1) throw malformed(`unexpected token: '('`);
  if (category === 'multipicklist') return multipicklist(operand, op, literals);
  if (op === 'LIKE') return compare(operand.sql, op, likeValue(operand.field, literals[0]));
  const values = literals.map((literal) => convert(operand.field, category, literal, clock));
  if (isList) {
    const any = anyOf(operand.sql, values);
    return op === 'IN' ? any : sql(`NOT COALESCE(${any.sql}, 0)`, any.params);
  }
  return compare(operand.sql, op, values[0] ?? { kind: 'value', value: null });
}

/** Rejects operators the field type does not take; returns the field's category. */
function checkOperator(field: FieldDef, op: Operator): Category {
  const category = categoryOf(field.type);
  if (!filterable(field)) throw notFilterable(field.name);
  if (ALLOWED[category].includes(op)) return category;
  if (op === 'INCLUDES' || op === 'EXCLUDES') {
    throw invalidOperator('includes or excludes operator only valid on multipicklist field');
  }
  throw invalidOperator(`invalid operator on ${field.type} field: ${field.name}`);
}

/** Long text areas, encrypted and base64 fields cannot be filtered on. */
function filterable(field: FieldDef): boolean {
  if (field.type === 'textarea') return field.length <= 255;
  return field.type !== 'base64' && field.type !== 'encryptedstring';
}

function compare(column: string, op: Operator, value: Value): Sql {
  if (value.kind === 'range') return compareRange(column, op, value.start, value.end);
  if (value.value === null) return compareNull(column, op);
  switch (op) {
    case '=':
      return sql(`${column} = ?`, [value.value]);
    case '!=':
      // SOQL's != also matches records where the field is empty.
      return sql(`(${column} IS NULL OR ${column} != ?)`, [value.value]);
    case 'LIKE':
      return sql(`${column} LIKE ? ESCAPE '\\'`, [value.value]);
    default:
      return sql(`${column} ${op} ?`, [value.value]);
  }
}

function compareNull(column: string, op: Operator): Sql {
  if (op === '=') return sql(`${column} IS NULL`);
  if (op === '!=') return sql(`${column} IS NOT NULL`);
  return sql('0');
}

/** A date literal: `=` means within the range, `<` before its start, `>` after its end. */
function compareRange(column: string, op: Operator, start: string, end: string): Sql {
  switch (op) {
    case '=':
      return sql(`(${column} >= ? AND ${column} < ?)`, [start, end]);
    case '!=':
      return sql(`(${column} IS NULL OR ${column} < ? OR ${column} >= ?)`, [start, end]);
    case '<':
      return sql(`${column} < ?`, [start]);
    case '<=':
      return sql(`${column} < ?`, [end]);
    case '>':
      return sql(`${column} >= ?`, [end]);
    default:
      return sql(`${column} >= ?`, [start]);
  }
}

/** `IN (...)`: plain values in one SQL IN list; nulls and date ranges OR-ed alongside. */
function anyOf(column: string, values: Value[]): Sql {
  const plain: SqlValue[] = [];
  const parts: Sql[] = [];
  for (const value of values) {
    if (value.kind === 'range') parts.push(compareRange(column, '=', value.start, value.end));
    else if (value.value === null) parts.push(sql(`${column} IS NULL`));
    else plain.push(value.value);
  }
  if (plain.length > 0) parts.unshift(sql(`${column} IN (${placeholders(plain.length)})`, plain));
  const joined = joinSql(parts, ' OR ');
  return sql(`(${joined.sql})`, joined.params);
}

function convert(field: FieldDef, category: Category, literal: Literal, clock: Clock): Value {
  if (literal.type === 'NULL') return { kind: 'value', value: null };
  switch (category) {
    case 'id':
      return idValue(field, literal);
    case 'boolean':
      if (literal.type !== 'BOOLEAN') throw wrongValueType(field.name, 'boolean');
      return { kind: 'value', value: literal.text.toUpperCase() === 'TRUE' ? 1 : 0 };
    case 'number':
      return numberLiteral(field, literal);
    case 'date':
    case 'datetime':
      return dateValue(field, category, literal, clock);
    default:
      return textValue(field, literal);
  }
}

function textValue(field: FieldDef, literal: Literal): Value {
  if (literal.type !== 'STRING') throw wrongValueType(field.name, 'string');
  return { kind: 'value', value: stringValue(literal.text) || null };
}

function likeValue(field: FieldDef, literal: Literal | undefined): Value {
  if (literal?.type === 'NULL') return { kind: 'value', value: null };
  if (literal?.type !== 'STRING') throw wrongValueType(field.name, 'string');
  return { kind: 'value', value: likePattern(literal.text) };
}

/** Ids may be given in 15 or 18 characters; they are stored in 18. An empty string means no value. */
function idValue(field: FieldDef, literal: Literal): Value {
  if (literal.type !== 'STRING') throw wrongValueType(field.name, 'id');
  const text = stringValue(literal.text);
  if (text === '') return { kind: 'value', value: null };
  const id = to18(text);
  if (!id) throw invalidOperator(`invalid ID field: ${text}`);
  return { kind: 'value', value: id };
}

function numberLiteral(field: FieldDef, literal: Literal): Value {
  const numeric = ['INTEGER', 'DECIMAL', 'INTEGER_WITH_CURRENCY_PREFIX', 'DECIMAL_WITH_CURRENCY_PREFIX'];
  const value = numeric.includes(literal.type) ? numberValue(literal.text) : undefined;
  if (value === undefined) throw wrongValueType(field.name, field.type === 'int' ? 'int' : 'double');
  return { kind: 'value', value };
}

function dateValue(field: FieldDef, category: 'date' | 'datetime', literal: Literal, clock: Clock): Value {
  if (literal.type === 'DATE_LITERAL' || literal.type === 'DATE_N_LITERAL') {
    const range = dateLiteralRange(literal.text, clock.now, clock.timeZone);
    const format = category === 'date' ? asDate : asDateTime;
    return { kind: 'range', start: format(range.start), end: format(range.end) };
  }
  if (category === 'date' && literal.type === 'DATE') {
    if (!isDate(literal.text)) throw malformed(`line 1:0 no viable alternative at character '${literal.text}'`);
    return { kind: 'value', value: literal.text };
  }
  if (category === 'datetime' && literal.type === 'DATETIME') {
    const stored = parseDateTime(literal.text);
    if (!stored) throw malformed(`line 1:0 no viable alternative at character '${literal.text}'`);
    return { kind: 'value', value: stored };
  }
  throw wrongValueType(field.name, category === 'date' ? 'date' : 'dateTime');
}

/**
 * Multi-select picklists are stored as `a;b;c`. `=` matches the exact set of values in any order,
 * INCLUDES any of the given sets (`'a;b'` meaning both a and b), EXCLUDES none of them.
 */
function multipicklist(operand: Operand, op: Operator, literals: Literal[]): Sql {
  const sets = literals.map((literal) => {
    if (literal.type === 'NULL') return null;
    if (literal.type !== 'STRING') throw wrongValueType(operand.field.name, 'string');
    return splitValues(stringValue(literal.text));
  });
  const match = (set: string[] | null, exact: boolean): Sql =>
    set === null || set.length === 0 ? sql(`${operand.sql} IS NULL`) : containsAll(operand.sql, set, exact);
  const any = (exact: boolean): Sql => {
    const joined = joinSql(
      sets.map((set) => match(set, exact)),
      ' OR ',
    );
    return sql(`(${joined.sql})`, joined.params);
  };
  switch (op) {
    case 'INCLUDES':
      return any(false);
    case 'EXCLUDES': {
      const included = any(false);
      return sql(`NOT COALESCE(${included.sql}, 0)`, included.params);
    }
    case '=':
    case 'IN':
      return any(true);
    default: {
      const equal = any(true);
      return sql(`NOT COALESCE(${equal.sql}, 0)`, equal.params);
    }
  }
}

function splitValues(text: string): string[] {
  return [
    ...new Set(
      text
        .split(';')
        .map((v) => v.trim())
        .filter((v) => v !== ''),
    ),
  ];
}

function containsAll(column: string, values: string[], exact: boolean): Sql {
  const wrapped = `(';' || ${column} || ';')`;
  const parts = values.map((v) => sql(`${wrapped} LIKE ? ESCAPE '\\'`, [`%;${v.replace(/[\\%_]/g, '\\$&')};%`]));
  if (exact) {
    parts.push(sql(`length(${column}) - length(replace(${column}, ';', '')) = ?`, [values.length - 1]));
  }
  const joined = joinSql(parts, ' AND ');
  return sql(`(${joined.sql})`, joined.params);
}
