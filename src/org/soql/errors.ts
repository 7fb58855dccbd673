import { OrgApiError } from '../errors.js';

/** The errors a query can fail with, in Salesforce's codes and wording. */

export function malformed(message: string): OrgApiError {
  return new OrgApiError(400, 'MALFORMED_QUERY', message);
}

export function unexpectedToken(token: string): OrgApiError {
  return malformed(`unexpected token: '${token}'`);
}

export function invalidType(name: string): OrgApiError {
  return new OrgApiError(
    400,
    'INVALID_TYPE',
    `sObject type '${name}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.`,
  );
}

export function noSuchColumn(name: string, entity: string): OrgApiError {
  return new OrgApiError(
    400,
    'INVALID_FIELD',
    `No such column '${name}' on entity '${entity}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`,
  );
}

export function unknownRelationship(name: string): OrgApiError {
  return new OrgApiError(
    400,
    'INVALID_FIELD',
    `Didn't understand relationship '${name}' in field path. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.`,
  );
}

export function unknownChildRelationship(name: string): OrgApiError {
  return new OrgApiError(
    400,
    'INVALID_TYPE',
    `Didn't understand relationship '${name}' in FROM part of query call. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.`,
  );
}

/** Long text areas, encrypted and base64 fields. */
export function notFilterable(name: string): OrgApiError {
  return new OrgApiError(400, 'INVALID_FIELD', `field '${name}' can not be filtered in a query call`);
}

export function invalidOperator(message: string): OrgApiError {
  return new OrgApiError(400, 'INVALID_QUERY_FILTER_OPERATOR', message);
}

/** A literal of the wrong kind for the field: `Amount = 'x'`, `IsDeleted = 1`, `Name = 5`. */
export function wrongValueType(fieldName: string, typeName: string): OrgApiError {
  const quoting =
    typeName === 'string' || typeName === 'id' ? 'should be enclosed in quotes' : 'should not be enclosed in quotes';
  return new OrgApiError(
    400,
    'INVALID_FIELD',
    `value of filter criterion for field '${fieldName}' must be of type ${typeName} and ${quoting}`,
  );
}

/** Anything that is not an OrgApiError is a bug of the engine, never of the query. */
export function internalError(error: unknown): OrgApiError {
  const detail = error instanceof Error ? error.message : String(error);
  return new OrgApiError(
    500,
    'UNKNOWN_EXCEPTION',
    `An unexpected error occurred in the local org's query engine: ${detail}`,
  );
}
