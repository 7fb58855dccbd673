import { to18 as coreTo18 } from '../../src/core/ids.js';
import { idSequence, idSuffix, isIdShaped, makeId, to15, to18 } from '../../src/org/ids.js';

describe('Salesforce Ids', () => {
  it('computes the case-safe suffix of known Ids', () => {
    // Published examples: 001D000000IqhSL -> 001D000000IqhSLIAZ, 005000000000001 -> ...AAA
    expect(to18('001D000000IqhSL')).toBe('001D000000IqhSLIAZ');
    expect(idSuffix('005000000000001')).toBe('AAA');
    expect(to18('00D000000000001')).toBe('00D000000000001EAA');
  });

  it('converts exactly as core/ids does, its fast path for canonical 18-character Ids included', () => {
    const alphabet = 'aZ09bYk';
    const cases: string[] = [
      '',
      '001',
      '001D000000IqhSLIAZ',
      '001D000000IqhSLiaz',
      '001d000000iqhslIAZ',
      '001D000000IqhSL-AZ',
    ];
    for (let i = 1; i < 3000; i += 7) {
      const id = makeId('003', i * 7919);
      cases.push(id, id.toLowerCase(), id.toUpperCase(), id.slice(0, 15) + id.slice(15).toLowerCase(), id.slice(0, 17));
      let odd = '';
      for (let k = 0; k < 18; k++) odd += alphabet[(i * (k + 3)) % alphabet.length];
      cases.push(odd, odd.slice(0, 15));
    }
    for (const id of cases) expect([id, to18(id)]).toEqual([id, coreTo18(id)]);
  });

  it('round-trips 15 and 18 characters', () => {
    for (let i = 1; i < 5000; i += 97) {
      const id = makeId('001', i);
      expect(id).toHaveLength(18);
      expect(to18(to15(id))).toBe(id);
      expect(to18(id)).toBe(id);
      expect(idSequence(id)).toBe(i);
    }
  });

  it('refuses a wrong suffix and non-Id strings', () => {
    const id = makeId('003', 42);
    expect(to18(`${id.slice(0, 15)}ZZZ`)).toBeUndefined();
    expect(isIdShaped('hello')).toBe(false);
    expect(isIdShaped('001-00000000000')).toBe(false);
    expect(to18('001D000000IqhSL' + '999')).toBeUndefined();
  });

  it('reads 18-character Ids case-insensitively, as the suffix restores the case', () => {
    expect(to18('001d000000iqhsliaz')).toBe('001D000000IqhSLIAZ');
    expect(to18('001D000000IQHSLIAZ')).toBe('001D000000IqhSLIAZ');
  });

  it('keeps Ids of one prefix in creation order when sorted as text', () => {
    const ids = [1, 61, 62, 3843, 3844, 238327].map((n) => makeId('006', n));
    expect([...ids].sort()).toEqual(ids);
  });
});
