/** Text helpers: fallbacks for missing names and bounded summaries of free text of any size. */

export const NO_NAME = '(no name)';
export const NO_SUBJECT = '(no subject)';

/** Longest text copied into a title, a name in a message, or a summary. */
export const TITLE_LIMIT = 120;
export const NAME_IN_MESSAGE_LIMIT = 80;
export const DESCRIPTION_LIMIT = 2000;

/** Whether a value holds text other than white space. */
export function hasText(value: string | null | undefined): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

/**
 * The text cut to `max` characters (code points, so emoji and CJK are never split) with an ellipsis;
 * null when there is no text. Only a bounded prefix is ever scanned, whatever the input size.
 */
export function summarize(value: string | null | undefined, max: number): string | null {
  if (!hasText(value)) return null;
  const text = value.trim();
  if (text.length <= max) return text;
  const points = Array.from(text.slice(0, max * 2 + 2));
  return points.length <= max ? points.join('') : `${points.slice(0, max - 1).join('')}…`;
}

/** Leading or trailing space, a run of spaces, or a line break: a title needs cleaning. */
const MESSY_SPACE = /^\s|\s$|\s\s|[^\S ]/;

/** A one-line title: white space collapsed, bounded, with a fallback. */
export function titleOf(value: string | null | undefined, fallback: string, max = TITLE_LIMIT): string {
  if (!hasText(value)) return fallback;
  if (value.length <= max && !MESSY_SPACE.test(value)) return value; // the common case, without copies
  const head = value.length > max * 2 + 2 ? value.slice(0, max * 2 + 2) : value;
  return summarize(head.replace(/\s+/g, ' '), max) ?? fallback;
}

export function nameOf(value: string | null | undefined): string {
  return titleOf(value, NO_NAME);
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A case-insensitive matcher for any of the cues. A Latin cue must start a word ("quote" finds "quotes"
 * and "quotation", not "unquoted"), and with `wholeWord` also end one ("Head" is not "Headquarters");
 * a CJK cue matches anywhere, as CJK text has no spaces.
 */
export function cueMatcher(cues: readonly string[], wholeWord = false): RegExp {
  const parts = cues.filter(hasText).map((cue) => {
    const start = /^[A-Za-z0-9]/.test(cue) ? '(?<![A-Za-z0-9])' : '';
    const end = wholeWord && /[A-Za-z0-9]$/.test(cue) ? '(?![A-Za-z0-9])' : '';
    return `${start}${escapeRegExp(cue)}${end}`;
  });
  return new RegExp(parts.length > 0 ? parts.join('|') : '(?!)', 'i');
}
