/**
 * A split by file (`handover start --split by-file --split-file accounts.csv`): a CSV with a header
 * row naming an account column and a successor column (other columns, such as the account name, are
 * ignored), one account per row. Bytes in, the account -> successor assignments (or every problem
 * found, up to a limit) out. Whether the accounts are the departing rep's and the successors are named
 * in the handover is checked later, against the book.
 */
import { parseCsv } from './csv.js';
import { to18 } from './ids.js';

export type SplitFileProblem =
  | { code: 'EMPTY' }
  | { code: 'NOT_TEXT' }
  | { code: 'BAD_CSV'; line: number; problem: 'unclosed_quote' | 'stray_quote' }
  | { code: 'BAD_HEADER'; header: string[] }
  | { code: 'NO_ROWS' }
  | { code: 'MISSING_VALUE'; row: number; column: 'account' | 'successor' }
  | { code: 'BAD_ACCOUNT_ID'; row: number; value: string }
  | { code: 'DUPLICATE_ACCOUNT'; row: number; value: string };

export type SplitFileResult =
  { ok: true; assignments: Record<string, string>; rows: number } | { ok: false; problems: SplitFileProblem[] };

/** Header names accepted for each column (compared lower-case, without spaces, '_' or '-'). */
const ACCOUNT_HEADERS = new Set(['account', 'accountid']);
const SUCCESSOR_HEADERS = new Set(['successor', 'successorid', 'successorusername', 'newowner', 'newownerid']);

const ACCOUNT_KEY_PREFIX = '001';

/** Problems reported at most (the first ones are enough to fix a file). */
export const MAX_PROBLEMS = 20;

function headerKey(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, '');
}

export function parseSplitFile(bytes: Uint8Array): SplitFileResult {
  const fail = (...problems: SplitFileProblem[]): SplitFileResult => ({ ok: false, problems });
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return fail({ code: 'NOT_TEXT' });
  }
  // NUL and other control characters (besides tab and line ends) do not belong in a CSV: a binary file.
  if (hasControlCharacters(text)) return fail({ code: 'NOT_TEXT' });
  if (text.replace(/^\uFEFF/, '').trim() === '') return fail({ code: 'EMPTY' });
  const parsed = parseCsv(text);
  if (!parsed.ok) return fail({ code: 'BAD_CSV', line: parsed.line, problem: parsed.problem });
  const [header = [], ...rows] = parsed.rows;
  const keys = header.map(headerKey);
  const accountAt = keys.findIndex((k) => ACCOUNT_HEADERS.has(k));
  const successorAt = keys.findIndex((k) => SUCCESSOR_HEADERS.has(k));
  if (accountAt < 0 || successorAt < 0) return fail({ code: 'BAD_HEADER', header: header.map((h) => h.trim()) });
  if (rows.length === 0) return fail({ code: 'NO_ROWS' });

  const problems: SplitFileProblem[] = [];
  const assignments: Record<string, string> = {};
  rows.forEach((cells, index) => {
    const row = index + 2; // 1-based, after the header
    const account = (cells[accountAt] ?? '').trim();
    const successor = (cells[successorAt] ?? '').trim();
    if (account === '') problems.push({ code: 'MISSING_VALUE', row, column: 'account' });
    else if (successor === '') problems.push({ code: 'MISSING_VALUE', row, column: 'successor' });
    else {
      const id = to18(account);
      // Account Ids start with 001; anything else is not an account.
      if (!id?.startsWith(ACCOUNT_KEY_PREFIX)) problems.push({ code: 'BAD_ACCOUNT_ID', row, value: account });
      else if (Object.hasOwn(assignments, id)) problems.push({ code: 'DUPLICATE_ACCOUNT', row, value: account });
      else assignments[id] = successor;
    }
  });
  if (problems.length > 0) return { ok: false, problems: problems.slice(0, MAX_PROBLEMS) };
  return { ok: true, assignments, rows: rows.length };
}

/** Any character below U+0020 other than tab, LF and CR, or DEL. */
function hasControlCharacters(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if ((code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0x7f) return true;
  }
  return false;
}
