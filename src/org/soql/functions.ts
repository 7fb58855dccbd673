import type { FunctionExp } from '@jetstreamapp/soql-parser-js';
import { field } from '../schema/build.js';
import type { FieldType } from '../schema/types.js';
import { malformed } from './errors.js';
import type { Operand } from './filter.js';
import type { Scope } from './scope.js';

/** SOQL date functions over stored UTC text; the local org, like SOQL without convertTimezone(), works in UTC. */
const DATE_FUNCTIONS: Record<string, { type: FieldType; sql: (expr: string) => string; datetimeOnly?: boolean }> = {
  CALENDAR_YEAR: { type: 'int', sql: (e) => strftimeInt('%Y', e) },
  CALENDAR_QUARTER: { type: 'int', sql: (e) => `((${strftimeInt('%m', e)} + 2) / 3)` },
  CALENDAR_MONTH: { type: 'int', sql: (e) => strftimeInt('%m', e) },
  DAY_IN_MONTH: { type: 'int', sql: (e) => strftimeInt('%d', e) },
  DAY_IN_WEEK: { type: 'int', sql: (e) => `(${strftimeInt('%w', e)} + 1)` },
  DAY_IN_YEAR: { type: 'int', sql: (e) => strftimeInt('%j', e) },
  WEEK_IN_MONTH: { type: 'int', sql: (e) => `((${strftimeInt('%d', e)} - 1) / 7 + 1)` },
  WEEK_IN_YEAR: { type: 'int', sql: (e) => `((${strftimeInt('%j', e)} - 1) / 7 + 1)` },
  FISCAL_YEAR: { type: 'int', sql: (e) => strftimeInt('%Y', e) },
  FISCAL_QUARTER: { type: 'int', sql: (e) => `((${strftimeInt('%m', e)} + 2) / 3)` },
  FISCAL_MONTH: { type: 'int', sql: (e) => strftimeInt('%m', e) },
  HOUR_IN_DAY: { type: 'int', sql: (e) => strftimeInt('%H', e), datetimeOnly: true },
  DAY_ONLY: { type: 'date', sql: (e) => `substr(${e}, 1, 10)`, datetimeOnly: true },
};

function strftimeInt(format: string, expr: string): string {
  return `CAST(strftime('${format}', ${expr}) AS INTEGER)`;
}

export function isDateFunction(name: string | undefined): boolean {
  return name !== undefined && name.toUpperCase() in DATE_FUNCTIONS;
}

/** `CALENDAR_YEAR(CloseDate)` as an operand: an int (or for DAY_ONLY a date) computed in SQL. */
export function dateFunctionOperand(scope: Scope, fn: FunctionExp): Operand {
  const name = (fn.functionName ?? '').toUpperCase();
  const spec = DATE_FUNCTIONS[name];
  if (!spec) throw malformed(`${fn.functionName ?? fn.rawValue ?? 'function'} is not supported by the local org`);
  const arg = singleFieldArgument(fn);
  const resolved = scope.resolve(arg);
  const type = resolved.field.type;
  if (type !== 'datetime' && (spec.datetimeOnly || type !== 'date')) {
    throw malformed(`Invalid field ${resolved.field.name} for function ${name}`);
  }
  return { sql: spec.sql(resolved.sql), field: field(`${name}(${resolved.field.name})`, spec.type) };
}

/** The field path a function is applied to; nested functions (convertTimezone(...)) are not supported. */
export function singleFieldArgument(fn: FunctionExp): string {
  const params = fn.parameters ?? [];
  const arg = params[0];
  if (params.length !== 1 || typeof arg !== 'string') {
    throw malformed(`${fn.rawValue ?? fn.functionName ?? 'function'} is not supported by the local org`);
  }
  return arg;
}
