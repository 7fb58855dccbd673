import { QueryCursors } from '../../src/org/rest/cursors.js';
import type { PreparedQuery } from '../../src/org/soql/index.js';

const query = { fetch: () => [] } as unknown as PreparedQuery;

describe('query cursors (nextRecordsUrl locators)', () => {
  it('resolves a locator to its cursor and offset', () => {
    const cursors = new QueryCursors();
    const id = cursors.open(query, 4500, 2000);
    expect(id).toMatch(/^01g[A-Za-z0-9]{15}$/);
    expect(cursors.get(`${id}-2000`)).toMatchObject({ offset: 2000, id });
  });

  it('expires locators after the idle time and refuses unknown ones', () => {
    const cursors = new QueryCursors(-1);
    const id = cursors.open(query, 4500, 2000);
    expect(() => cursors.get(`${id}-2000`)).toThrow(expect.objectContaining({ errorCode: 'INVALID_QUERY_LOCATOR' }));
    expect(() => new QueryCursors().get('01gNOPE-2000')).toThrow(
      expect.objectContaining({ errorCode: 'INVALID_QUERY_LOCATOR' }),
    );
    expect(() => new QueryCursors().get('garbage')).toThrow(
      expect.objectContaining({ errorCode: 'INVALID_QUERY_LOCATOR' }),
    );
  });

  it('closes a cursor once its last page is read', () => {
    const cursors = new QueryCursors();
    const id = cursors.open(query, 10, 2000);
    cursors.close(id);
    expect(() => cursors.get(`${id}-0`)).toThrow(expect.objectContaining({ errorCode: 'INVALID_QUERY_LOCATOR' }));
  });
});
