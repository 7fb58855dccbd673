import { parseSplitFile } from '../../src/core/splitFile.js';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
const A1 = '001000000000001AAA';
const A2 = '001000000000002';

describe('parseSplitFile', () => {
  it('reads account -> successor from a CSV with a BOM, extra columns, CRLF and 15-character Ids', () => {
    const result = parseSplitFile(
      bytes(
        `\uFEFFAccount Name,Account Id,Successor\r\n"华为, 上海",${A1},successor1@handover.local\r\nAcme,${A2}, successor2@handover.local \r\n`,
      ),
    );
    expect(result).toEqual({
      ok: true,
      rows: 2,
      assignments: { [A1]: 'successor1@handover.local', [`${A2}AAA`]: 'successor2@handover.local' },
    });
  });

  it.each<[string, Uint8Array, unknown]>([
    ['an empty file', bytes(''), { code: 'EMPTY' }],
    ['a file of blank lines and a BOM', bytes('\uFEFF\r\n  \n'), { code: 'EMPTY' }],
    [
      'binary garbage (NUL bytes)',
      Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]),
      { code: 'NOT_TEXT' },
    ],
    ['binary garbage that is valid UTF-8', bytes('PK\u0003\u0004\u0014\u0000'), { code: 'NOT_TEXT' }],
    [
      'a bad header',
      bytes(`id,owner\n${A1},successor1@handover.local\n`),
      { code: 'BAD_HEADER', header: ['id', 'owner'] },
    ],
    ['a header only', bytes('account,successor\n'), { code: 'NO_ROWS' }],
    [
      'an unclosed quote',
      bytes(`account,successor\n"${A1},x\n`),
      { code: 'BAD_CSV', line: 2, problem: 'unclosed_quote' },
    ],
    [
      'an account that is not an Id',
      bytes('account,successor\nAcme Corp,successor1@handover.local\n'),
      { code: 'BAD_ACCOUNT_ID', row: 2, value: 'Acme Corp' },
    ],
    [
      'an Id of another object',
      bytes('account,successor\n005000000000001AAA,successor1@handover.local\n'),
      { code: 'BAD_ACCOUNT_ID', row: 2, value: '005000000000001AAA' },
    ],
    [
      'a row without successor',
      bytes(`account,successor\n${A1},\n`),
      { code: 'MISSING_VALUE', row: 2, column: 'successor' },
    ],
    [
      'an account twice',
      bytes(`account,successor\n${A1},a\n${A1.slice(0, 15)},b\n`),
      { code: 'DUPLICATE_ACCOUNT', row: 3, value: A1.slice(0, 15) },
    ],
  ])('refuses %s', (_name, input, problem) => {
    const result = parseSplitFile(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]).toEqual(problem);
  });
});
