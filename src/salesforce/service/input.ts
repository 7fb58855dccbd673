/** Input validation shared by the service functions: every input is parsed with zod before anything else. */
import { DateTime } from 'luxon';
import { z } from 'zod';
import { HandoverError } from '../store/errors.js';
import { isId, to18 } from '../store/ids.js';

/** A username or a User Id. */
export const userRef = z.string().trim().min(1, 'name a user (username or Id)').max(255);

/** A Salesforce Id, returned in its 18-character form. */
export const sfId = z
  .string()
  .trim()
  .refine(isId, 'not a Salesforce Id')
  .transform((v) => to18(v) ?? v);

/** A calendar date "YYYY-MM-DD" that exists. */
export const isoDate = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'use YYYY-MM-DD')
  .refine((v) => DateTime.fromISO(v, { zone: 'UTC' }).isValid, 'not a calendar date');

/** Free text a user writes into a long text field. */
export const longText = z.string().max(32768);

export function parseInput<S extends z.ZodType>(schema: S, input: unknown, what: string): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  const first = issues[0];
  const where = first === undefined ? '' : `${first.path === '' ? '' : `${first.path}: `}${first.message}`;
  throw new HandoverError('INVALID_INPUT', `Invalid input to ${what}: ${where}.`, {
    actions: ['Correct the input and try again.'],
    data: { issues },
  });
}
