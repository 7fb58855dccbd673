/**
 * A fake OrgConnection for unit tests: sObject Collections writes kept in memory (with Ids from the
 * objects' key prefixes), queries answered by a handler the test gives, every call recorded.
 */
import type { HttpRequest, OrgConnection, QueryResult } from '../../../src/salesforce/connection.js';

export type Call = { kind: 'query' | 'queryMore' | 'request'; soql?: string; request?: HttpRequest | string };

export type FakeOptions = {
  /** Rows for a query (default: none); return a QueryResult to control paging. */
  query?: (soql: string) => unknown[] | QueryResult<unknown>;
  /** Called before each collections write: throw, or return results, to simulate failures. */
  beforeWrite?: (
    method: string,
    type: string,
    records: Record<string, unknown>[],
    call: number,
  ) => unknown[] | undefined;
  objects?: { name: string; keyPrefix: string }[];
  userId?: string;
};

export const DEFAULT_OBJECTS = [
  { name: 'Account', keyPrefix: '001' },
  { name: 'User', keyPrefix: '005' },
  { name: 'Handover__c', keyPrefix: 'a01' },
  { name: 'Handover_Item__c', keyPrefix: 'a02' },
  { name: 'Handover_Contact__c', keyPrefix: 'a03' },
  { name: 'Handover_Signature__c', keyPrefix: 'a04' },
  { name: 'Handover_Event__c', keyPrefix: 'a05' },
];

export class FakeConnection implements OrgConnection {
  public readonly instanceUrl = 'https://fake.my.salesforce.com';
  public readonly version = '62.0';
  public readonly calls: Call[] = [];
  /** Records written, per object type, by Id. */
  public readonly records = new Map<string, Map<string, Record<string, unknown>>>();
  public readonly deleted: string[] = [];
  private sequence = 0;
  private writes = 0;

  public constructor(private readonly options: FakeOptions = {}) {}

  public query<T>(soql: string): Promise<QueryResult<T>> {
    this.calls.push({ kind: 'query', soql });
    const answer = this.options.query?.(soql) ?? [];
    if (Array.isArray(answer)) return Promise.resolve({ totalSize: answer.length, done: true, records: answer as T[] });
    return Promise.resolve(answer as QueryResult<T>);
  }

  public queryMore<T>(locator: string): Promise<QueryResult<T>> {
    this.calls.push({ kind: 'queryMore', soql: locator });
    const answer = this.options.query?.(locator) ?? [];
    return Promise.resolve(
      (Array.isArray(answer) ? { totalSize: 0, done: true, records: answer } : answer) as QueryResult<T>,
    );
  }

  public request<T>(request: string | HttpRequest): Promise<T> {
    this.calls.push({ kind: 'request', request });
    if (typeof request === 'string') {
      return Promise.resolve({
        identity: `${this.instanceUrl}/id/00D000000000001AAA/${this.options.userId ?? '005000000000001AAA'}`,
      } as T);
    }
    return Promise.resolve(this.collections(request) as T);
  }

  public describeGlobal(): Promise<{
    sobjects: { name: string; queryable: boolean; custom: boolean; keyPrefix: string }[];
  }> {
    const objects = this.options.objects ?? DEFAULT_OBJECTS;
    return Promise.resolve({
      sobjects: objects.map((o) => ({ ...o, queryable: true, custom: o.name.endsWith('__c') })),
    });
  }

  public describe(type: string): Promise<{ name: string; fields: { name: string; type: string }[] }> {
    return Promise.resolve({ name: type, fields: [] });
  }

  /** The writes of one object type, in insertion order. */
  public rows(type: string): Record<string, unknown>[] {
    return [...(this.records.get(type)?.values() ?? [])];
  }

  private collections(request: HttpRequest): unknown[] {
    const call = this.writes++;
    if (request.method === 'DELETE') {
      const ids = new URL(request.url, this.instanceUrl).searchParams.get('ids')?.split(',') ?? [];
      const injected = this.options.beforeWrite?.(
        'DELETE',
        'record',
        ids.map((Id) => ({ Id })),
        call,
      );
      if (injected) return injected;
      this.deleted.push(...ids);
      return ids.map((id) => ({ id, success: true, errors: [] }));
    }
    const body = JSON.parse(request.body ?? '{}') as {
      records: (Record<string, unknown> & { attributes: { type: string } })[];
    };
    const type = body.records[0]?.attributes.type ?? '';
    const injected = this.options.beforeWrite?.(request.method, type, body.records, call);
    if (injected) return injected;
    return body.records.map((record) => {
      const { attributes, ...fields } = record;
      const table = this.records.get(attributes.type) ?? new Map<string, Record<string, unknown>>();
      this.records.set(attributes.type, table);
      if (request.method === 'PATCH') {
        const id = String(fields.Id);
        table.set(id, { ...table.get(id), ...fields });
        return { id, success: true, errors: [] };
      }
      const id = this.newId(attributes.type);
      table.set(id, { Id: id, ...fields });
      return { id, success: true, errors: [] };
    });
  }

  private newId(type: string): string {
    const prefix = (this.options.objects ?? DEFAULT_OBJECTS).find((o) => o.name === type)?.keyPrefix ?? 'a99';
    const body = String(++this.sequence).padStart(12, '0');
    return `${prefix}${body}AAA`;
  }
}
