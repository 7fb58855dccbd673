/**
 * Building SOQL safely: every value put into a query goes through one of these functions, never
 * through string concatenation of raw input.
 */

const ID_PATTERN = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/;
const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
const IDENTIFIER_PATTERN = /^[A-Za-z][A-Za-z0-9_]*(?:\.[A-Za-z][A-Za-z0-9_]*)*$/;

/** A quoted SOQL string literal: backslash, quotes and control characters escaped. */
export function soqlString(value: string): string {
  const escaped = value
    .replace(/\\/g, '\\\\')
    .replace(/'/g, "\\'")
    .replace(/"/g, '\\"')
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r')
    .replace(/\t/g, '\\t')
    .replace(/\f/g, '\\f')
    .replace(new RegExp(String.fromCharCode(8), 'g'), '\\b');
  return `'${escaped}'`;
}

/** A quoted Id; throws for anything that is not Id-shaped (it would never match anyway). */
export function soqlId(id: string): string {
  if (!ID_PATTERN.test(id)) throw new TypeError(`Not a Salesforce Id: ${JSON.stringify(id)}`);
  return `'${id}'`;
}

/** `('id1','id2')` for IN clauses. */
export function soqlIdList(ids: readonly string[]): string {
  if (ids.length === 0) throw new TypeError('An IN list needs at least one Id');
  return `(${ids.map(soqlId).join(',')})`;
}

/** A date literal (unquoted in SOQL). */
export function soqlDate(date: string): string {
  if (!DATE_PATTERN.test(date)) throw new TypeError(`Not a date (YYYY-MM-DD): ${JSON.stringify(date)}`);
  return date;
}

/** An object or field name (or a relationship path); refuses anything else. */
export function soqlIdentifier(name: string): string {
  if (!IDENTIFIER_PATTERN.test(name)) throw new TypeError(`Not a field or object name: ${JSON.stringify(name)}`);
  return name;
}

/** Splits Ids into IN lists that keep a query URL well under Salesforce's 16 KB limit. */
export function idChunks(ids: readonly string[], size = 300): string[][] {
  const chunks: string[][] = [];
  for (let i = 0; i < ids.length; i += size) chunks.push(ids.slice(i, i + size));
  return chunks;
}
