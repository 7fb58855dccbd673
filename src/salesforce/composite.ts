/**
 * The Composite resource (POST /composite): up to 25 subrequests in order, as one API call toward
 * the org's daily limit (Composite Batch would count each one). Up to 5 of them may be queries or
 * sObject Collections. The engine uses it to put the small reads and writes around a run together:
 * the header, the first item page and the audit log in one call; a header update with its audit
 * event in another. jsforce has no helper for it, so it goes through conn.request.
 */
import { z } from 'zod';
import type { HttpRequest, OrgConnection, QueryResult } from './connection.js';
import { apiVersionOf } from './service/identity.js';
import { orgError } from './store/errors.js';
import { parseRow, rowsOfPages } from './store/query.js';

export const MAX_SUBREQUESTS = 25;
/** Queries and sObject Collections a Composite may hold. */
export const MAX_QUERY_SUBREQUESTS = 5;

export type Subrequest = {
  referenceId: string;
  method: HttpRequest['method'];
  /** Relative to /services/data/vXX.X (as for conn.request), e.g. `/sobjects/Account/001...`. */
  path: string;
  body?: unknown;
  httpHeaders?: Record<string, string>;
};

const subresponse = z.object({
  body: z.unknown(),
  httpStatusCode: z.number(),
  referenceId: z.string(),
  httpHeaders: z.record(z.string(), z.string()).optional(),
});
export type Subresponse = z.infer<typeof subresponse>;
const compositeResponse = z.object({ compositeResponse: z.array(subresponse) });

const errorBody = z.array(z.looseObject({ errorCode: z.string().optional(), message: z.string().optional() }));

export function querySubrequest(referenceId: string, soql: string): Subrequest {
  return { referenceId, method: 'GET', path: `/query?q=${encodeURIComponent(soql)}` };
}

/** Sends the subrequests as one Composite call; the answers by referenceId. */
export async function sendComposite(
  conn: OrgConnection,
  subrequests: readonly Subrequest[],
  doing: string,
  allOrNone = false,
): Promise<Map<string, Subresponse>> {
  if (subrequests.length > MAX_SUBREQUESTS)
    throw new Error(`A Composite call holds at most ${MAX_SUBREQUESTS} subrequests.`);
  const base = `/services/data/v${apiVersionOf(conn)}`;
  const body = {
    allOrNone,
    compositeRequest: subrequests.map((s) => ({
      method: s.method,
      url: `${base}${s.path}`,
      referenceId: s.referenceId,
      ...(s.body === undefined ? {} : { body: s.body }),
      ...(s.httpHeaders === undefined ? {} : { httpHeaders: s.httpHeaders }),
    })),
  };
  let response: unknown;
  try {
    response = await conn.request<unknown>({
      method: 'POST',
      url: '/composite',
      body: JSON.stringify(body),
      headers: { 'Content-Type': 'application/json' },
    });
  } catch (error) {
    throw orgError(error, doing);
  }
  const parsed = parseRow(compositeResponse, response, `the answer to ${doing}`);
  return new Map(parsed.compositeResponse.map((r) => [r.referenceId, r]));
}

/** The body of a subrequest that succeeded; its Salesforce error (as jsforce would raise it) otherwise. */
export function subresponseBody(
  responses: ReadonlyMap<string, Subresponse>,
  referenceId: string,
  doing: string,
): unknown {
  const r = responses.get(referenceId);
  if (r === undefined) throw orgError(new Error(`no answer for ${referenceId}`), doing);
  if (r.httpStatusCode < 300) return r.body;
  const first = errorBody.safeParse(r.body).data?.[0];
  const error = Object.assign(new Error(first?.message ?? `HTTP ${r.httpStatusCode}`), {
    errorCode: first?.errorCode ?? `ERROR_HTTP_${r.httpStatusCode}`,
  });
  throw orgError(error, doing);
}

const queryPage = z.object({
  totalSize: z.number(),
  done: z.boolean(),
  nextRecordsUrl: z.string().optional(),
  records: z.array(z.unknown()),
});

/** The first page of a query answered in a Composite (the caller decides whether to read on). */
export function firstPageOf(
  responses: ReadonlyMap<string, Subresponse>,
  referenceId: string,
  what: string,
): QueryResult<unknown> {
  return parseRow(queryPage, subresponseBody(responses, referenceId, `read ${what}`), what);
}

/** Every row of a query answered in a Composite: its first page, then the rest through queryMore. */
export function queryRowsOf<S extends z.ZodType>(
  conn: OrgConnection,
  responses: ReadonlyMap<string, Subresponse>,
  referenceId: string,
  schema: S,
  what: string,
): Promise<z.infer<S>[]> {
  const first = firstPageOf(responses, referenceId, what);
  return rowsOfPages(conn, first, (record) => parseRow(schema, record, what), what);
}
