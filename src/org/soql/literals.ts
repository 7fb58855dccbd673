import { malformed } from './errors.js';

/** Characters after a backslash in a SOQL string literal, and what they stand for. */
const ESCAPES: Record<string, string> = {
  n: '\n',
  N: '\n',
  r: '\r',
  R: '\r',
  t: '\t',
  T: '\t',
  b: '\b',
  B: '\b',
  f: '\f',
  F: '\f',
  '"': '"',
  "'": "'",
  '\\': '\\',
};

/** The value of a quoted SOQL string literal (`'O\'Brien'` -> `O'Brien`). */
export function stringValue(raw: string): string {
  return decode(raw, false);
}

/**
 * A SOQL LIKE literal as a SQLite pattern for `LIKE ? ESCAPE '\'`: `%` and `_` stay wildcards,
 * `\%` and `\_` match themselves, as does any other character.
 */
export function likePattern(raw: string): string {
  return decode(raw, true);
}

function decode(raw: string, like: boolean): string {
  const body = unquote(raw);
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const ch = body.charAt(i);
    if (ch !== '\\') {
      out += ch;
      continue;
    }
    const next = body.charAt(++i);
    if (next === '%' || next === '_') {
      out += like ? `\\${next}` : next;
    } else if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(body.slice(i + 1, i + 5))) {
      out += escapeLike(String.fromCharCode(parseInt(body.slice(i + 1, i + 5), 16)), like);
      i += 4;
    } else if (next in ESCAPES) {
      out += escapeLike(ESCAPES[next] ?? '', like);
    } else {
      throw malformed(`Invalid string literal '${body}'. Illegal character sequence '\\${next}' in string literal.`);
    }
  }
  return out;
}

function escapeLike(text: string, like: boolean): string {
  return like ? text.replace(/[\\%_]/g, (c) => `\\${c}`) : text;
}

function unquote(raw: string): string {
  const quoted = raw.length >= 2 && raw.startsWith("'") && raw.endsWith("'");
  return quoted ? raw.slice(1, -1) : raw;
}

/** A numeric literal, currency-prefixed ones (`USD100`) included. */
export function numberValue(raw: string): number | undefined {
  const text = raw.replace(/^[A-Za-z]{3}(?=[-+]?\d)/, '');
  if (!/^[-+]?(\d+(\.\d*)?|\.\d+)$/.test(text)) return undefined;
  const n = Number(text);
  return Number.isFinite(n) ? n : undefined;
}
