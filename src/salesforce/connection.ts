/**
 * The part of a Salesforce connection the service layer uses. Both jsforce's Connection and
 * @salesforce/core's Connection (which extends @jsforce/jsforce-node's) satisfy it structurally, so
 * the service layer works from the CLI (Org.getConnection()) and from the app host (jsforce).
 */
export type QueryResult<T> = {
  totalSize: number;
  done: boolean;
  nextRecordsUrl?: string;
  records: T[];
};

export type HttpRequest = {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  url: string;
  body?: string;
  headers?: Record<string, string>;
};

export type OrgConnection = {
  /**
   * One page of a SOQL query (pages of up to 2,000 rows). Records are `unknown` (validate them with zod):
   * jsforce types them as its own untyped Record, so promising `T[]` would make jsforce's and
   * @salesforce/core's Connection unassignable. `T` stays only so that `query<X>(...)` callers compile.
   */
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  query<T = unknown>(soql: string): PromiseLike<QueryResult<unknown>>;
  /** The next page, from a nextRecordsUrl or its locator. */
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  queryMore<T = unknown>(locator: string): PromiseLike<QueryResult<unknown>>;
  /**
   * Any REST call; relative URLs resolve against /services/data/vXX.X. The body comes parsed by its
   * content type unless `responseType` names one jsforce does not parse (then it is the text).
   */
  request<T>(request: string | HttpRequest, options?: { responseType?: string }): PromiseLike<T>;
  describeGlobal(): PromiseLike<{ sobjects: { name: string; queryable: boolean; custom: boolean }[] }>;
  describe(
    type: string,
  ): PromiseLike<{ name: string; fields: { name: string; type: string; referenceTo?: string[] | null }[] }>;
  getApiVersion?(): string;
  version?: string;
  instanceUrl: string;
};
