/**
 * The connection as the readers use it: every API call counted (each query page, describe and request
 * is one call against the org's daily allocation), every page followed, every answer checked.
 */
import { z } from 'zod';
import type { OrgConnection } from '../connection.js';
import { HandoverError, orgError } from '../store/errors.js';

export type DescribeGlobal = Awaited<ReturnType<OrgConnection['describeGlobal']>>;
export type Describe = Awaited<ReturnType<OrgConnection['describe']>>;

const pageSchema = z.object({
  done: z.boolean(),
  nextRecordsUrl: z.string().min(1).optional().nullable(),
  records: z.array(z.unknown()),
});
export type Page = z.infer<typeof pageSchema>;

/** A child subquery's result inside a parent record: null when the parent has no children. */
const childSetSchema = z
  .object({
    done: z.boolean().optional(),
    nextRecordsUrl: z.string().min(1).optional().nullable(),
    records: z.array(z.unknown()),
  })
  .nullish();

export class CountedApi {
  private count = 0;

  public constructor(public readonly conn: OrgConnection) {}

  /** API calls made through this object so far. */
  public get calls(): number {
    return this.count;
  }

  public async query(soql: string, object: string): Promise<Page> {
    this.count++;
    return checkPage(await call(() => this.conn.query(soql), `read ${object}`), object);
  }

  /** The next page of a query, or of a child subquery, from its nextRecordsUrl. */
  public async queryMore(nextRecordsUrl: string, object: string): Promise<Page> {
    this.count++;
    return checkPage(await call(() => this.conn.queryMore(nextRecordsUrl), `read more ${object}`), object);
  }

  public async describeGlobal(): Promise<DescribeGlobal> {
    this.count++;
    return call(() => this.conn.describeGlobal(), 'list its objects');
  }

  public async describe(object: string): Promise<Describe> {
    this.count++;
    return call(() => this.conn.describe(object), `describe ${object}`);
  }
}

/**
 * Runs a query and hands each page's records to `onPage`, following nextRecordsUrl to the end (never
 * stopping at jsforce's maxFetch). Child subqueries named in `children` are completed first: when a
 * parent's child set is cut (done: false), its further pages are fetched and merged into the record.
 * Pages are handed on one at a time so that no more than one page of raw rows is held.
 */
export async function eachPage(
  api: CountedApi,
  soql: string,
  object: string,
  onPage: (records: readonly unknown[]) => void,
  children: readonly string[] = [],
): Promise<void> {
  let page = await api.query(soql, object);
  for (;;) {
    for (const record of page.records) await completeChildren(api, record, children, object);
    onPage(page.records);
    if (page.done || !page.nextRecordsUrl) return;
    page = await api.queryMore(page.nextRecordsUrl, object);
  }
}

/** A parent's cut child sets, fetched to the end and merged (Salesforce pages large child sets apart). */
async function completeChildren(
  api: CountedApi,
  record: unknown,
  children: readonly string[],
  object: string,
): Promise<void> {
  if (children.length === 0 || typeof record !== 'object' || record === null) return;
  const fields = record as Record<string, unknown>;
  for (const name of children) {
    const set = childSet(fields[name], `${object}.${name}`);
    if (set?.done !== false || !set.nextRecordsUrl) continue;
    const records = [...set.records];
    let next: string | null | undefined = set.nextRecordsUrl;
    while (next) {
      const more = await api.queryMore(next, `${object}.${name}`);
      records.push(...more.records);
      next = more.done ? null : more.nextRecordsUrl;
    }
    fields[name] = { totalSize: records.length, done: true, records };
  }
}

/** The records of a child subquery in a parent record ([] when it has none). */
export function childRecords(record: unknown, name: string, object: string): readonly unknown[] {
  if (typeof record !== 'object' || record === null) return [];
  return childSet((record as Record<string, unknown>)[name], `${object}.${name}`)?.records ?? [];
}

function childSet(value: unknown, what: string): NonNullable<z.infer<typeof childSetSchema>> | null {
  const parsed = childSetSchema.safeParse(value);
  if (!parsed.success) throw malformedAnswer(what, parsed.error);
  return parsed.data ?? null;
}

function checkPage(value: unknown, object: string): Page {
  const parsed = pageSchema.safeParse(value);
  if (!parsed.success) throw malformedAnswer(object, parsed.error);
  return parsed.data;
}

function malformedAnswer(what: string, error: z.ZodError): HandoverError {
  const issue = error.issues[0];
  const where = issue === undefined ? '' : ` (${issue.path.join('.') || 'page'}: ${issue.message})`;
  return new HandoverError('INVALID_ROW', `The org answered the ${what} query in an unexpected shape${where}.`, {
    data: { object: what },
  });
}

async function call<T>(run: () => PromiseLike<T>, doing: string): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw orgError(error, doing);
  }
}

/** The Salesforce error code behind an error (raw from jsforce, or kept by orgError). */
export function errorCodeOf(error: unknown): string | undefined {
  if (error instanceof HandoverError) {
    const code = error.data.errorCode;
    return typeof code === 'string' ? code : undefined;
  }
  const code = (error as { errorCode?: unknown } | null)?.errorCode;
  return typeof code === 'string' ? code : undefined;
}

/** Whether the org refused a query because a field or object does not exist (or the user may not see it). */
export function isMissingFieldError(error: unknown, field?: string): boolean {
  if (errorCodeOf(error) !== 'INVALID_FIELD') return false;
  return field === undefined || (error instanceof Error && error.message.includes(field));
}

/** Runs tasks with at most `limit` at once; after a failure no new task starts, and the first error is thrown. */
export async function runLimited(tasks: readonly (() => Promise<void>)[], limit: number): Promise<void> {
  let next = 0;
  let failed = false;
  const worker = async (): Promise<void> => {
    while (!failed && next < tasks.length) {
      const task = tasks[next++];
      try {
        await task?.();
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  const results = await Promise.allSettled(Array.from({ length: Math.max(1, Math.min(limit, tasks.length)) }, worker));
  const rejected = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (rejected) throw rejected.reason;
}
