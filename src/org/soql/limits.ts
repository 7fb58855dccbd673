import type { Query } from '@jetstreamapp/soql-parser-js';
import { OrgApiError } from '../errors.js';

/** Salesforce rejects longer statements; the cap also keeps IN lists under SQLite's bound-parameter limit. */
export const MAX_SOQL_LENGTH = 100000;

export function checkLength(soql: string): void {
  if (soql.length > MAX_SOQL_LENGTH) {
    throw new OrgApiError(
      400,
      'MALFORMED_QUERY',
      `SOQL statements cannot be longer than ${MAX_SOQL_LENGTH} characters`,
    );
  }
}

/** Salesforce caps OFFSET at 2,000 rows. */
export const MAX_OFFSET = 2000;

export function checkOffset(query: Query, apiVersion: string): void {
  if ((query.offset ?? 0) > MAX_OFFSET) {
    throw new OrgApiError(
      400,
      'NUMBER_OUTSIDE_VALID_RANGE',
      `Maximum SOQL offset allowed for apiVersion ${apiVersion} is ${MAX_OFFSET}`,
    );
  }
}
