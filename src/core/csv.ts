/**
 * CSV as RFC 4180 has it: fields separated by commas, records by CRLF; a field holding a comma, a
 * quote, CR or LF is quoted, with its quotes doubled. Writing adds a UTF-8 byte order mark so that
 * Excel opens Chinese text correctly; reading drops it. Plain text in, plain text out (no I/O).
 */

/** The UTF-8 byte order mark as a character (EF BB BF once encoded). */
export const BOM = '\uFEFF';

export type CsvValue = string | number | boolean | null | undefined;

/** One field, quoted when it must be. */
export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'string' ? value : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * A whole file: the header row, then one row per record (columns in the header's order), CRLF after
 * every row, the BOM first.
 */
export function toCsv(columns: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  const lines = [columns, ...rows].map((row) => `${row.map(csvField).join(',')}\r\n`);
  return `${BOM}${lines.join('')}`;
}

export type CsvParseResult =
  { ok: true; rows: string[][] } | { ok: false; line: number; problem: 'unclosed_quote' | 'stray_quote' };

/**
 * The records of a CSV text (BOM dropped; CRLF, LF or CR line ends; quoted fields may span lines).
 * Blank lines are skipped. `line` in an error is 1-based.
 */
export function parseCsv(text: string): CsvParseResult {
  const input = text.startsWith(BOM) ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let fieldStarted = false;
  let line = 1;
  let quoteLine = 1;
  /** Just after a closing quote: only a comma or a line end may follow. */
  let afterQuote = false;
  const endRow = (): void => {
    row.push(field);
    if (row.length > 1 || row[0] !== '' || fieldStarted) rows.push(row);
    row = [];
    field = '';
    fieldStarted = false;
  };
  for (let i = 0; i < input.length; i++) {
    const c = input[i];
    if (quoted) {
      if (c === '"') {
        if (input[i + 1] === '"') {
          field += '"';
          i++;
        } else {
          quoted = false;
          afterQuote = true;
        }
      } else {
        if (c === '\n') line++;
        field += c;
      }
      continue;
    }
    if (afterQuote && c !== ',' && c !== '\r' && c !== '\n') return { ok: false, line, problem: 'stray_quote' };
    afterQuote = false;
    if (c === '"') {
      if (field !== '') return { ok: false, line, problem: 'stray_quote' };
      quoted = true;
      fieldStarted = true;
      quoteLine = line;
      continue;
    }
    if (c === ',') {
      row.push(field);
      field = '';
      fieldStarted = true;
      continue;
    }
    if (c === '\r' || c === '\n') {
      if (c === '\r' && input[i + 1] === '\n') i++;
      endRow();
      line++;
      continue;
    }
    field += c;
  }
  if (quoted) return { ok: false, line: quoteLine, problem: 'unclosed_quote' };
  if (field !== '' || row.length > 0 || fieldStarted) endRow();
  return { ok: true, rows };
}
