import { isDate, parseDateTime, type SqlValue } from './db.js';
import { OrgApiError } from './errors.js';
import { to18 } from './ids.js';
import type { FieldDef } from './schema/types.js';

/**
 * Converts a JSON value written by a client into the stored form of `field`, with Salesforce's
 * errors for values of the wrong type. Lenient where Salesforce is lenient: numbers may come as
 * numeric strings, checkboxes as "true"/"false".
 */
export function toStoredValue(field: FieldDef, value: unknown): SqlValue {
  if (value === null || value === undefined || value === '') {
    return field.type === 'boolean' ? 0 : null;
  }
  switch (field.type) {
    case 'boolean':
      return booleanValue(field, value);
    case 'int':
    case 'double':
    case 'currency':
    case 'percent':
      return numberValue(field, value);
    case 'date':
      return dateValue(field, value);
    case 'datetime':
      return dateTimeValue(field, value);
    case 'id':
    case 'reference':
      return idValue(field, value);
    case 'multipicklist':
      return textValue(field, Array.isArray(value) ? value.join(';') : value);
    default:
      return textValue(field, value);
  }
}

function deserializeError(field: FieldDef, value: unknown, type: string): OrgApiError {
  const shown = typeof value === 'string' ? value : JSON.stringify(value);
  return new OrgApiError(
    400,
    'JSON_PARSER_ERROR',
    `Cannot deserialize instance of ${type} from VALUE_STRING value ${shown} or request may be missing a required field`,
    [field.name],
  );
}

function booleanValue(field: FieldDef, value: unknown): number {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value === 'true' || value === 'false') return value === 'true' ? 1 : 0;
  throw deserializeError(field, value, 'boolean');
}

function numberValue(field: FieldDef, value: unknown): number {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  if (!Number.isFinite(n)) throw deserializeError(field, value, field.type === 'int' ? 'int' : 'double');
  if (field.type === 'int') {
    if (!Number.isInteger(n)) throw deserializeError(field, value, 'int');
    return n;
  }
  if (field.precision > 0 && Math.abs(n) >= 10 ** (field.precision - field.scale)) {
    throw new OrgApiError(
      400,
      'NUMBER_OUTSIDE_VALID_RANGE',
      `${field.label}: value outside of valid range on numeric field: ${n}`,
      [field.name],
    );
  }
  return n;
}

function dateValue(field: FieldDef, value: unknown): string {
  if (typeof value === 'string') {
    const day = value.slice(0, 10);
    if (isDate(day) && (value.length === 10 || parseDateTime(value))) return day;
  }
  throw deserializeError(field, value, 'date');
}

function dateTimeValue(field: FieldDef, value: unknown): string {
  const parsed = typeof value === 'string' ? parseDateTime(value) : undefined;
  if (!parsed) throw deserializeError(field, value, 'datetime');
  return parsed;
}

function idValue(field: FieldDef, value: unknown): string {
  const id = typeof value === 'string' ? to18(value) : undefined;
  if (!id) {
    throw new OrgApiError(400, 'MALFORMED_ID', `${field.label}: id value of incorrect type: ${String(value)}`, [
      field.name,
    ]);
  }
  return id;
}

function textValue(field: FieldDef, value: unknown): string {
  if (typeof value === 'object') throw deserializeError(field, value, 'String');
  // Numbers and booleans written to text fields read as their JSON text, as Salesforce does.
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  if (field.length > 0 && text.length > field.length) {
    throw new OrgApiError(
      400,
      'STRING_TOO_LONG',
      `${field.label}: data value too large: ${text.slice(0, 40)}${text.length > 40 ? '...' : ''} (max length=${field.length})`,
      [field.name],
    );
  }
  return text;
}
