import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { OrgApiError } from '../errors.js';

/** Request bodies of the login endpoints are small; anything bigger is refused before parsing. */
export const AUTH_BODY_LIMIT = 64 * 1024;

/** An optional single-valued parameter; a repeated parameter arrives as an array and is refused. */
export const param = (max: number): z.ZodOptional<z.ZodString> => z.string().max(max).optional();

const FORM_TYPE = /^application\/x-www-form-urlencoded\b/i;

/** Thrown when a request's parameters cannot be read; the route answers in its own error format. */
export class BadParams extends Error {}

/**
 * The parameters of an OAuth request: the query string merged with a form body (the body wins).
 * Salesforce also takes them from the query string of a POST, which older clients rely on.
 */
export function oauthParams(request: FastifyRequest): Record<string, unknown> {
  const query = isRecord(request.query) ? request.query : {};
  const body = request.body;
  if (body === undefined || body === null || body === '') return { ...query };
  if (!FORM_TYPE.test(request.headers['content-type'] ?? '') || !isRecord(body)) {
    throw new BadParams('the request body must be application/x-www-form-urlencoded');
  }
  return { ...query, ...body };
}

/** Validates parameters with a zod schema, naming the first bad parameter. */
export function parseParams<T extends z.ZodType>(schema: T, params: Record<string, unknown>): z.infer<T> {
  const parsed = schema.safeParse(params);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const name = issue && issue.path.length > 0 ? issue.path.map(String).join('.') : 'request';
  throw new BadParams(`invalid parameter: ${name}`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The HTTP status an error stands for: Fastify's body-parser errors and the server's OrgApiError carry one. */
export function errorStatus(error: Error): number {
  if (error instanceof OrgApiError) return error.status;
  return 'statusCode' in error && typeof error.statusCode === 'number' ? error.statusCode : 500;
}
