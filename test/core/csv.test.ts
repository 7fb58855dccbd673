import { BOM, csvRecords, CsvSyntaxError, parseCsv, toCsv } from '../../src/core/csv.js';

describe('csvRecords', () => {
  it('reads plain, quoted and empty fields with LF, CRLF and CR line ends', () => {
    const text = 'Id,Name,Note\n001,"Acme, Inc.",\r\n002,"say ""hi""",""\r003,,x';
    expect([...csvRecords(text)]).toEqual([
      ['Id', 'Name', 'Note'],
      ['001', 'Acme, Inc.', ''],
      ['002', 'say "hi"', ''],
      ['003', '', 'x'],
    ]);
  });

  it('keeps line breaks inside quotes and counts them for the line of a later error', () => {
    expect([...csvRecords('a,"two\nlines"\nb,c\n')]).toEqual([
      ['a', 'two\nlines'],
      ['b', 'c'],
    ]);
    expect(() => [...csvRecords('a,"two\nlines"\nb,c"\n')]).toThrow(
      expect.objectContaining({ line: 3, problem: 'stray_quote' }),
    );
  });

  it('skips blank lines but keeps a line of empty fields', () => {
    expect([...csvRecords('\n\na\n\n,\n""\n')]).toEqual([['a'], ['', ''], ['']]);
  });

  it('keeps a trailing empty field at the end of the text', () => {
    expect([...csvRecords('a,')]).toEqual([['a', '']]);
  });

  it('refuses an unclosed quote with the line it opened on', () => {
    const read = (): unknown => [...csvRecords('a\n"open\nstill open')];
    expect(read).toThrow(CsvSyntaxError);
    expect(read).toThrow('A quoted field is not closed on line 2.');
  });

  it('reads back what toCsv writes, Chinese text included', () => {
    const rows = [
      ['客户', 'Note'],
      ['上海, 公司', 'line1\r\nline2 "quoted"'],
    ];
    expect([...csvRecords(toCsv(rows[0]!, rows.slice(1)))]).toEqual(rows);
    expect(parseCsv(`${BOM}x\r\n`)).toEqual({ ok: true, rows: [['x']] });
  });
});
