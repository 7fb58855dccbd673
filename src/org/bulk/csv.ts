/**
 * CSV as Bulk API 2.0 reads and writes it: RFC 4180 quoting (quoted values may hold delimiters,
 * doubled quotes and line breaks), one of six column delimiters and a line ending the job declares.
 * The reader is incremental so that a 150 MB upload is parsed batch by batch, never in one go.
 */

export const COLUMN_DELIMITERS = {
  BACKQUOTE: '`',
  CARET: '^',
  COMMA: ',',
  PIPE: '|',
  SEMICOLON: ';',
  TAB: '\t',
} as const;

export type ColumnDelimiter = keyof typeof COLUMN_DELIMITERS;
export type LineEnding = 'LF' | 'CRLF';

export type CsvFormat = { columnDelimiter: ColumnDelimiter; lineEnding: LineEnding };

/** A structural fault of the uploaded data; the job fails with this message. */
export class CsvError extends Error {}

const QUOTE = 34; // "
const LF = 10;
const CR = 13;

/** Reads records one at a time from `text`, starting at `pos` (a resumable character offset). */
export class CsvReader {
  private readonly delimiter: number;

  public constructor(
    private readonly text: string,
    private readonly format: CsvFormat,
    public pos = 0,
  ) {
    this.delimiter = COLUMN_DELIMITERS[format.columnDelimiter].charCodeAt(0);
    // A UTF-8 byte order mark is not part of the first column name.
    if (pos === 0 && text.charCodeAt(0) === 0xfeff) this.pos = 1;
  }

  public get done(): boolean {
    return this.pos >= this.text.length;
  }

  /** The next record, or undefined at the end of the data. Blank lines are skipped. */
  public next(): string[] | undefined {
    while (!this.done) {
      const record = this.readRecord();
      if (record.length > 1 || record[0] !== '') return record;
    }
    return undefined;
  }

  private readRecord(): string[] {
    const values: string[] = [];
    for (;;) {
      const value = this.text.charCodeAt(this.pos) === QUOTE ? this.readQuoted() : this.readPlain();
      values.push(value);
      if (this.pos >= this.text.length) return values;
      const code = this.text.charCodeAt(this.pos);
      if (code === this.delimiter) {
        this.pos++;
        continue;
      }
      this.endOfLine(code);
      return values;
    }
  }

  /** Consumes the line ending at `pos`, refusing one that does not match the job's setting. */
  private endOfLine(code: number): void {
    const crlf = code === CR && this.text.charCodeAt(this.pos + 1) === LF;
    if (this.format.lineEnding === 'CRLF' ? crlf : code === LF) {
      this.pos += crlf ? 2 : 1;
      return;
    }
    throw new CsvError(
      `ClientInputError : LineEnding is invalid on user data. Current LineEnding setting is ${this.format.lineEnding}`,
    );
  }

  private readPlain(): string {
    const { text, delimiter } = this;
    const start = this.pos;
    let i = start;
    for (; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code === delimiter || code === LF || code === CR) break;
    }
    // A lone CR inside a value is data only when the job uses LF and it is not followed by LF.
    while (i < text.length && text.charCodeAt(i) === CR && text.charCodeAt(i + 1) !== LF) {
      i++;
      while (i < text.length) {
        const code = text.charCodeAt(i);
        if (code === delimiter || code === LF || code === CR) break;
        i++;
      }
    }
    this.pos = i;
    return text.slice(start, i);
  }

  private readQuoted(): string {
    const { text } = this;
    let value = '';
    let from = this.pos + 1;
    for (;;) {
      const quote = text.indexOf('"', from);
      if (quote < 0) throw new CsvError('ClientInputError : Unterminated quoted value at the end of the data');
      value += text.slice(from, quote);
      if (text.charCodeAt(quote + 1) === QUOTE) {
        value += '"';
        from = quote + 2;
        continue;
      }
      this.pos = quote + 1;
      const next = text.charCodeAt(this.pos);
      if (this.pos < text.length && next !== this.delimiter && next !== LF && next !== CR) {
        throw new CsvError(`ClientInputError : Invalid character after a quoted value at position ${this.pos}`);
      }
      return value;
    }
  }
}

/** One value, always quoted: jsforce's result parser splits unquoted values on any Bulk delimiter. */
export function quote(value: string): string {
  return value.includes('"') ? `"${value.replaceAll('"', '""')}"` : `"${value}"`;
}

/** A record of quoted values with the format's delimiter and line ending. */
export function csvLine(values: readonly string[], format: CsvFormat): string {
  return values.map(quote).join(COLUMN_DELIMITERS[format.columnDelimiter]) + lineBreak(format);
}

export function lineBreak(format: CsvFormat): string {
  return format.lineEnding === 'CRLF' ? '\r\n' : '\n';
}
