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

/** A CSV text that breaks RFC 4180; `line` is 1-based. */
export class CsvSyntaxError extends Error {
  public constructor(
    public readonly line: number,
    public readonly problem: 'unclosed_quote' | 'stray_quote',
  ) {
    super(`${problem === 'unclosed_quote' ? 'A quoted field is not closed' : 'A stray quote'} on line ${line}.`);
  }
}

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;

/**
 * The records of a CSV text one by one (BOM dropped; CRLF, LF or CR line ends; quoted fields may span
 * lines; blank lines skipped). Fields are slices of the text, not built character by character: a
 * 100,000-row Bulk API answer is read in a few tens of milliseconds. Throws CsvSyntaxError.
 */
export function* csvRecords(text: string): Generator<string[]> {
  const end = text.length;
  let i = text.startsWith(BOM) ? 1 : 0;
  let line = 1;
  while (i < end) {
    const row: string[] = [];
    // A delimiter or a quote was seen: the line is not blank even if every field is empty.
    let started = false;
    for (;;) {
      if (text.charCodeAt(i) === QUOTE) {
        started = true;
        const quoteLine = line;
        let value = '';
        let from = i + 1;
        for (;;) {
          const quote = text.indexOf('"', from);
          if (quote < 0) throw new CsvSyntaxError(quoteLine, 'unclosed_quote');
          value += text.slice(from, quote);
          for (let k = from; k < quote; k++) if (text.charCodeAt(k) === LF) line++;
          if (text.charCodeAt(quote + 1) !== QUOTE) {
            i = quote + 1;
            break;
          }
          value += '"';
          from = quote + 2;
        }
        row.push(value);
        const next = text.charCodeAt(i);
        if (i < end && next !== COMMA && next !== CR && next !== LF) throw new CsvSyntaxError(line, 'stray_quote');
      } else {
        let j = i;
        for (; j < end; j++) {
          const c = text.charCodeAt(j);
          if (c === COMMA || c === LF || c === CR) break;
          if (c === QUOTE) throw new CsvSyntaxError(line, 'stray_quote');
        }
        row.push(text.slice(i, j));
        i = j;
      }
      if (i >= end) break;
      if (text.charCodeAt(i) === COMMA) {
        started = true;
        i++;
        if (i >= end) row.push('');
        if (i >= end) break;
        continue;
      }
      i += text.charCodeAt(i) === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
      line++;
      break;
    }
    if (row.length > 1 || row[0] !== '' || started) yield row;
  }
}

export type CsvParseResult =
  { ok: true; rows: string[][] } | { ok: false; line: number; problem: 'unclosed_quote' | 'stray_quote' };

/** Every record of a CSV text (see csvRecords), or where it breaks RFC 4180. */
export function parseCsv(text: string): CsvParseResult {
  try {
    return { ok: true, rows: [...csvRecords(text)] };
  } catch (error) {
    if (error instanceof CsvSyntaxError) return { ok: false, line: error.line, problem: error.problem };
    throw error;
  }
}
