import { CsvError, CsvReader, csvLine, type CsvFormat } from '../../../src/org/bulk/csv.js';

const LF: CsvFormat = { columnDelimiter: 'COMMA', lineEnding: 'LF' };

function readAll(text: string, format: CsvFormat = LF): string[][] {
  const reader = new CsvReader(text, format);
  const rows: string[][] = [];
  for (let row = reader.next(); row; row = reader.next()) rows.push(row);
  return rows;
}

describe('Bulk CSV reader', () => {
  it('reads RFC 4180 quoting: delimiters, doubled quotes and line breaks inside quotes', () => {
    expect(readAll('Name,Description\n"A, Inc.","He said ""hi"""\n"multi\nline\r\nvalue",x\n')).toEqual([
      ['Name', 'Description'],
      ['A, Inc.', 'He said "hi"'],
      ['multi\nline\r\nvalue', 'x'],
    ]);
  });

  it('keeps empty cells, skips blank lines, reads a last line without a line break and drops a BOM', () => {
    expect(readAll('\uFEFFName,Phone\n,1\n\nB,\nC,""')).toEqual([
      ['Name', 'Phone'],
      ['', '1'],
      ['B', ''],
      ['C', ''],
    ]);
  });

  it('honours every column delimiter', () => {
    const cases: [CsvFormat['columnDelimiter'], string][] = [
      ['PIPE', '|'],
      ['TAB', '\t'],
      ['SEMICOLON', ';'],
      ['CARET', '^'],
      ['BACKQUOTE', '`'],
    ];
    for (const [columnDelimiter, d] of cases) {
      expect(readAll(`a${d}b\n"x${d}y"${d}z,w\n`, { columnDelimiter, lineEnding: 'LF' })).toEqual([
        ['a', 'b'],
        [`x${d}y`, 'z,w'],
      ]);
    }
  });

  it('reads CRLF data when the job says CRLF and refuses mismatched line endings', () => {
    const crlf: CsvFormat = { columnDelimiter: 'COMMA', lineEnding: 'CRLF' };
    expect(readAll('a,b\r\n1,"x\ny"\r\n', crlf)).toEqual([
      ['a', 'b'],
      ['1', 'x\ny'],
    ]);
    expect(() => readAll('a,b\r\n1,2\r\n', LF)).toThrow(
      'ClientInputError : LineEnding is invalid on user data. Current LineEnding setting is LF',
    );
    expect(() => readAll('a,b\n1,2\n', crlf)).toThrow('Current LineEnding setting is CRLF');
  });

  it('fails on an unterminated quote or text after a closing quote', () => {
    expect(() => readAll('a\n"open\n')).toThrow(CsvError);
    expect(() => readAll('a\n"x"y\n')).toThrow(/Invalid character after a quoted value/);
  });

  it('resumes at a saved offset', () => {
    const text = 'h\n1\n2\n3\n';
    const reader = new CsvReader(text, LF);
    reader.next();
    reader.next();
    const again = new CsvReader(text, LF, reader.pos);
    expect([again.next(), again.next(), again.next()]).toEqual([['2'], ['3'], undefined]);
  });

  it('writes every value quoted, with quotes doubled, in the job format', () => {
    expect(csvLine(['a', 'b,"c"', ''], LF)).toBe('"a","b,""c""",""\n');
    expect(csvLine(['a', 'b'], { columnDelimiter: 'TAB', lineEnding: 'CRLF' })).toBe('"a"\t"b"\r\n');
  });
});
