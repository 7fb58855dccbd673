import type { Query, WhereClause } from '@jetstreamapp/soql-parser-js';
import { isValueQueryCondition } from '@jetstreamapp/soql-parser-js';
import { malformed } from './errors.js';

/**
 * Objects Salesforce refuses to query without a selective filter. ContentDocumentLink must be
 * filtered by ContentDocumentId or LinkedEntityId (with = or IN) when queried on its own.
 */
const REQUIRED_FILTERS: Record<string, { fields: string[]; message: string }> = {
  contentdocumentlink: {
    fields: ['contentdocumentid', 'linkedentityid'],
    message:
      "Implementation restriction: ContentDocumentLink requires a filter by a single Id on ContentDocumentId or LinkedEntityId using the equals operator or multiple Id's using the IN operator.",
  },
};

export function checkRequiredFilters(query: Query): void {
  const rule = REQUIRED_FILTERS[(query.sObject ?? '').toLowerCase()];
  if (!rule) return;
  if (!filtersOn(query.where, rule.fields)) throw malformed(rule.message);
}

function filtersOn(where: WhereClause | undefined, fields: string[]): boolean {
  for (let node = where; node; node = 'right' in node ? node.right : undefined) {
    const cond = node.left;
    if (!cond || !('field' in cond) || typeof cond.field !== 'string') continue;
    const field = cond.field.toLowerCase().split('.').pop() ?? '';
    const operator = 'operator' in cond ? String(cond.operator).toUpperCase() : '';
    if (fields.includes(field) && (operator === '=' || operator === 'IN' || isValueQueryCondition(cond))) return true;
  }
  return false;
}
