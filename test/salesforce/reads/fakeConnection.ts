import type { OrgConnection, QueryResult } from '../../../src/salesforce/connection.js';

/** What the fake answers for one query: every row (paged like Salesforce) or an error to throw. */
export type Answer = unknown[] | { error: { errorCode: string; message: string } };

export type FakeOrg = {
  conn: OrgConnection;
  /** Every call in order: `query <soql>`, `queryMore <url>`, `describe <X>`, `describeGlobal`. */
  log: string[];
  /** The SOQL of every query sent. */
  queries: () => string[];
};

export type FakeOptions = {
  /** Rows (or an error) per queried object; objects not listed answer no rows. */
  answer: (object: string, soql: string) => Answer | undefined;
  pageSize?: number;
  sobjects?: { name: string; queryable: boolean; custom: boolean }[];
  describe?: Record<string, string[]>;
  /** Pages recorded by hand, by nextRecordsUrl: answered as they are. */
  recorded?: Record<string, QueryResult<unknown>>;
};

/** The object a query reads: FROM of the outer SELECT (subqueries and semi-joins stripped). */
export function objectOf(soql: string): string {
  let outer = soql;
  for (let previous = ''; previous !== outer;) {
    previous = outer;
    outer = outer.replace(/\([^()]*\)/g, '');
  }
  const match = /\bFROM\s+(\w+)/i.exec(outer);
  if (!match?.[1]) throw new Error(`fake org: no FROM in ${soql}`);
  return match[1];
}

/** A fake org behind the OrgConnection interface, paging answers in 2,000-row pages as Salesforce does. */
export function fakeOrg(options: FakeOptions): FakeOrg {
  const pageSize = options.pageSize ?? 2000;
  const log: string[] = [];
  const cursors = new Map<string, unknown[]>();
  let nextCursor = 1;

  const page = (rows: unknown[], cursor: string, offset: number): QueryResult<unknown> => {
    const records = rows.slice(offset, offset + pageSize);
    const end = offset + records.length;
    if (end >= rows.length) return { totalSize: rows.length, done: true, records };
    return {
      totalSize: rows.length,
      done: false,
      nextRecordsUrl: `/services/data/v62.0/query/${cursor}-${end}`,
      records,
    };
  };
  const fail = (error: { errorCode: string; message: string }): never => {
    throw Object.assign(new Error(error.message), { errorCode: error.errorCode, name: error.errorCode });
  };

  const conn: OrgConnection = {
    instanceUrl: 'https://fake.my.salesforce.com',
    query: (soql: string) => {
      log.push(`query ${soql}`);
      return Promise.resolve().then(() => {
        const answer = options.answer(objectOf(soql), soql) ?? [];
        if (!Array.isArray(answer)) return fail(answer.error);
        const cursor = `01gFAKE${String(nextCursor++).padStart(6, '0')}`;
        cursors.set(cursor, answer);
        return page(answer, cursor, 0);
      });
    },
    queryMore: (locator: string) => {
      log.push(`queryMore ${locator}`);
      return Promise.resolve().then(() => {
        const recorded = options.recorded?.[locator];
        if (recorded) return recorded;
        const match = /(01gFAKE\d+)-(\d+)$/.exec(locator);
        const rows = match ? cursors.get(match[1]!) : undefined;
        if (!match || !rows) return fail({ errorCode: 'INVALID_QUERY_LOCATOR', message: 'invalid query locator' });
        return page(rows, match[1]!, Number(match[2]));
      });
    },
    request: <T>() => Promise.reject<T>(new Error('fake org: request is not used by the readers')),
    describeGlobal: () => {
      log.push('describeGlobal');
      return Promise.resolve({ sobjects: options.sobjects ?? [] });
    },
    describe: (type: string) => {
      log.push(`describe ${type}`);
      const fields = options.describe?.[type];
      if (!fields) return Promise.reject(Object.assign(new Error(`no ${type}`), { errorCode: 'NOT_FOUND' }));
      return Promise.resolve({ name: type, fields: fields.map((name) => ({ name, type: 'string' })) });
    },
  };
  return {
    conn,
    log,
    queries: () => log.filter((l) => l.startsWith('query ')).map((l) => l.slice('query '.length)),
  };
}

export const DEPARTING = '005000000000001AAA';
export const OTHER_USER = '005000000000002AAA';

/** A record as the REST API returns it (with attributes, which the readers ignore). */
export function record(type: string, fields: Record<string, unknown>): Record<string, unknown> {
  const recordId = typeof fields.Id === 'string' ? fields.Id : '';
  return { attributes: { type, url: `/services/data/v62.0/sobjects/${type}/${recordId}` }, ...fields };
}

export function id(prefix: string, n: number): string {
  return `${prefix}${String(n).padStart(12, '0')}AAA`;
}

/** The answers every read needs: the departing user, their UserLogin, the org's time zone. */
export function baseAnswer(object: string): Answer | undefined {
  switch (object) {
    case 'User':
      return [
        record('User', {
          Id: DEPARTING,
          Name: '王磊',
          Username: 'departing@example.com',
          IsActive: true,
          ManagerId: OTHER_USER,
          UserRoleId: null,
          TimeZoneSidKey: 'Asia/Shanghai',
          LanguageLocaleKey: 'zh_CN',
        }),
      ];
    case 'UserLogin':
      return [record('UserLogin', { UserId: DEPARTING, IsFrozen: true })];
    case 'Organization':
      return [record('Organization', { TimeZoneSidKey: 'Asia/Shanghai' })];
    default:
      return undefined;
  }
}
