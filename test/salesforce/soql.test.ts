import { idChunks, soqlDate, soqlId, soqlIdentifier, soqlIdList, soqlString } from '../../src/salesforce/soql.js';

describe('SOQL building', () => {
  it('escapes string literals so that input can never end the literal', () => {
    expect(soqlString("O'Neil")).toBe("'O\\'Neil'");
    expect(soqlString("x' OR Name != '")).toBe("'x\\' OR Name != \\''");
    expect(soqlString('back\\slash\nline')).toBe("'back\\\\slash\\nline'");
    expect(soqlString('上海 🔥')).toBe("'上海 🔥'");
  });

  it('accepts only Id-shaped Ids, dates and identifiers', () => {
    expect(soqlId('001000000000001AAA')).toBe("'001000000000001AAA'");
    expect(() => soqlId("001' OR Id != '")).toThrow(TypeError);
    expect(soqlIdList(['005000000000001', '005000000000002'])).toBe("('005000000000001','005000000000002')");
    expect(() => soqlIdList([])).toThrow(TypeError);
    expect(soqlDate('2026-11-26')).toBe('2026-11-26');
    expect(() => soqlDate('2026-11-26 OR x')).toThrow(TypeError);
    expect(soqlIdentifier('Account.Owner.Name')).toBe('Account.Owner.Name');
    expect(() => soqlIdentifier('Name FROM User --')).toThrow(TypeError);
  });

  it('chunks Id lists', () => {
    expect(idChunks(['a', 'b', 'c'], 2)).toEqual([['a', 'b'], ['c']]);
  });
});
