/**
 * Writes through sObject Collections (/composite/sobjects): up to 200 records a request, with
 * allOrNone per request. Callers decide what one logical step is and how to recover when a later
 * chunk of a step fails (earlier chunks are committed by then).
 */
import { z } from 'zod';
import type { OrgConnection } from '../connection.js';
import { HandoverError, orgError } from './errors.js';
import { parseRow } from './query.js';

export const COLLECTION_CHUNK = 200;

export type SObjectRecord = Record<string, unknown>;

const saveResult = z.object({
  id: z.string().nullable().optional(),
  success: z.boolean(),
  errors: z
    .array(
      z.object({
        statusCode: z.string().optional(),
        message: z.string().optional(),
        fields: z.array(z.string()).optional(),
      }),
    )
    .optional()
    .default([]),
});
const saveResults = z.array(saveResult);

export type RecordFailure = { index: number; statusCode: string; message: string; fields: string[] };

export type WriteProgress = (written: number, total: number) => void;

export function chunks<T>(rows: readonly T[], size = COLLECTION_CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

/** Inserts `records` of one type; returns their Ids in order. Throws WRITE_FAILED on the first failing chunk. */
export async function insertRecords(
  conn: OrgConnection,
  type: string,
  records: readonly SObjectRecord[],
  onProgress?: WriteProgress,
): Promise<string[]> {
  const ids: string[] = [];
  for (const chunk of chunks(records)) {
    const body = { allOrNone: true, records: chunk.map((r) => ({ attributes: { type }, ...r })) };
    const results = await send(conn, 'POST', '/composite/sobjects', body, `create ${type} records`);
    ids.push(...successfulIds(results, type, 'create', ids.length));
    onProgress?.(ids.length, records.length);
  }
  return ids;
}

/** Updates records of one type (each with its Id); only the given fields change. */
export async function updateRecords(
  conn: OrgConnection,
  type: string,
  records: readonly (SObjectRecord & { Id: string })[],
): Promise<void> {
  let done = 0;
  for (const chunk of chunks(records)) {
    const body = { allOrNone: true, records: chunk.map((r) => ({ attributes: { type }, ...r })) };
    const results = await send(conn, 'PATCH', '/composite/sobjects', body, `update ${type} records`);
    successfulIds(results, type, 'update', done);
    done += chunk.length;
  }
}

/** Deletes records (children of a master-detail go with their parent). */
export async function deleteRecords(conn: OrgConnection, ids: readonly string[]): Promise<void> {
  let done = 0;
  for (const chunk of chunks(ids)) {
    const url = `/composite/sobjects?allOrNone=true&ids=${chunk.map(encodeURIComponent).join(',')}`;
    const results = await send(conn, 'DELETE', url, undefined, 'delete records');
    successfulIds(results, 'record', 'delete', done);
    done += chunk.length;
  }
}

async function send(
  conn: OrgConnection,
  method: 'POST' | 'PATCH' | 'DELETE',
  url: string,
  body: unknown,
  doing: string,
): Promise<z.infer<typeof saveResults>> {
  let response: unknown;
  try {
    response = await conn.request<unknown>({
      method,
      url,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      headers: { 'Content-Type': 'application/json' },
    });
  } catch (error) {
    throw orgError(error, doing);
  }
  return parseRow(saveResults, response, `the results of ${doing}`);
}

/** The Ids of a chunk that fully succeeded; WRITE_FAILED with every record's real error otherwise. */
function successfulIds(
  results: z.infer<typeof saveResults>,
  type: string,
  operation: string,
  offset: number,
): string[] {
  const failures: RecordFailure[] = [];
  results.forEach((r, i) => {
    if (r.success) return;
    for (const e of r.errors) {
      // Records rolled back because another failed carry no information of their own.
      if (e.statusCode === 'ALL_OR_NONE_OPERATION_ROLLED_BACK') continue;
      failures.push({
        index: offset + i,
        statusCode: e.statusCode ?? 'UNKNOWN',
        message: e.message ?? '',
        fields: e.fields ?? [],
      });
    }
  });
  if (failures.length === 0 && results.every((r) => r.success)) {
    return results.map((r) => r.id ?? '');
  }
  const first = failures[0];
  const reason = first === undefined ? 'the whole request was rolled back' : `${first.statusCode}: ${first.message}`;
  throw new HandoverError('WRITE_FAILED', `Could not ${operation} ${type} records (${reason}).`, {
    actions: ['Fix the cause named in the message (permissions, validation rules, field access), then try again.'],
    data: { object: type, operation, failures: failures.slice(0, 20) },
  });
}
