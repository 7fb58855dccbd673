/** Text in pictures: how wide it is and how to cut it (a CJK character takes two columns). */

const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/;

/** Columns a character takes: two for CJK (and other wide) characters, one for the rest. */
function columnsOf(ch: string): number {
  return WIDE.test(ch) ? 2 : 1;
}

/** The columns a text takes in a terminal. */
export function columns(text: string): number {
  let n = 0;
  for (const ch of text) n += columnsOf(ch);
  return n;
}

/** Cut to about `units` columns (a CJK character counts two), with an ellipsis when cut. */
export function clip(text: string, units: number): string {
  let used = 0;
  let out = '';
  for (const ch of text) {
    const width = columnsOf(ch);
    if (used + width > units) return `${out.trimEnd()}…`;
    used += width;
    out += ch;
  }
  return out;
}

/** About how wide a text is at `fontSize` px (a CJK character is about as wide as the font size, Latin about half). */
export function textWidth(text: string, fontSize: number): number {
  return Math.ceil(columns(text) * fontSize * 0.55);
}

/** `text` padded with spaces to `width` columns. */
export function padColumns(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - columns(text)));
}
