/**
 * Stacked horizontal bars, for results people take in at a glance (a reassignment: moved, conflicts,
 * failed, not reached, per object or per successor). One bar per row, all to the same scale, drawn
 * as text for the terminal and as SVG for pages. Pure; every label from the org is escaped.
 */
import { escapeMarkup } from '../markup.js';
import { columns, padColumns, textWidth } from './text.js';

export type Segment = { key: string; value: number };
export type BarRow = { label: string; segments: readonly Segment[] };

/** What each segment key looks like, in the order of the legend: a glyph in text, a colour in SVG. */
export type SegmentStyle = { key: string; label: string; glyph: string; color?: string };

const DEFAULT_COLOR = '#8c8c8c';

/**
 * Shares `width` cells among the values in proportion (largest remainder first), so that the cells
 * add up to `width` exactly and every value above zero gets at least one cell.
 */
export function segmentCells(values: readonly number[], width: number): number[] {
  const total = values.reduce((n, v) => n + Math.max(0, v), 0);
  if (total === 0 || width <= 0) return values.map(() => 0);
  const exact = values.map((v) => (Math.max(0, v) / total) * width);
  const cells = exact.map((e, i) => ((values[i] ?? 0) > 0 ? Math.max(1, Math.floor(e)) : 0));
  let left = width - cells.reduce((n, c) => n + c, 0);
  const byRemainder = exact.map((e, i) => ({ i, rest: e - Math.floor(e) })).sort((a, b) => b.rest - a.rest);
  for (let k = 0; left > 0 && byRemainder.length > 0; k = (k + 1) % byRemainder.length) {
    const i = byRemainder[k]!.i;
    if ((values[i] ?? 0) > 0) {
      cells[i]! += 1;
      left--;
    }
  }
  // Minimum cells for small values may overshoot: take back from the largest.
  while (left < 0) {
    const largest = cells.indexOf(Math.max(...cells));
    cells[largest]! -= 1;
    left++;
  }
  return cells;
}

/** The rows as text bars, each as long as its total against the largest (`width` cells), then the legend. */
export function barLines(rows: readonly BarRow[], styles: readonly SegmentStyle[], width = 40): string[] {
  const totals = rows.map((r) => r.segments.reduce((n, s) => n + Math.max(0, s.value), 0));
  const largest = Math.max(1, ...totals);
  const labelWidth = Math.max(0, ...rows.map((r) => columns(r.label)));
  const lines = rows.map((row, i) => {
    const total = totals[i] ?? 0;
    const length = total === 0 ? 0 : Math.max(1, Math.round((total / largest) * width));
    const ordered = styles.map((style) => row.segments.find((s) => s.key === style.key)?.value ?? 0);
    const cells = segmentCells(ordered, length);
    const bar = styles.map((style, k) => style.glyph.repeat(cells[k] ?? 0)).join('');
    return `${padColumns(row.label, labelWidth)}  ${bar.padEnd(width)}  ${total.toLocaleString('en-US')}`;
  });
  const used = new Set(rows.flatMap((r) => r.segments.filter((s) => s.value > 0).map((s) => s.key)));
  const legend = styles
    .filter((s) => used.has(s.key))
    .map((s) => `${s.glyph} ${s.label}`)
    .join('   ');
  return legend === '' ? lines : [...lines, legend];
}

const ROW = { height: 22, gap: 8, barMax: 420, margin: 12, legend: 26 } as const;

/** The rows as an SVG bar chart with counts on the segments wide enough to hold them, and a legend. */
export function barsSvg(rows: readonly BarRow[], styles: readonly SegmentStyle[], title: string): string {
  const totals = rows.map((r) => r.segments.reduce((n, s) => n + Math.max(0, s.value), 0));
  const largest = Math.max(1, ...totals);
  const labelWidth = Math.min(260, Math.max(40, ...rows.map((r) => textWidth(r.label, 12)))) + 12;
  const barX = ROW.margin + labelWidth;
  const width = barX + ROW.barMax + 80;
  const legendY = ROW.margin + rows.length * (ROW.height + ROW.gap);
  const height = legendY + ROW.legend;
  const bars = rows.map((row, i) => {
    const y = ROW.margin + i * (ROW.height + ROW.gap);
    const total = totals[i] ?? 0;
    let x = barX;
    const parts = styles.flatMap((style) => {
      const value = row.segments.find((s) => s.key === style.key)?.value ?? 0;
      if (value <= 0) return [];
      const w = (value / largest) * ROW.barMax;
      const rect = `<rect x="${x.toFixed(1)}" y="${y}" width="${w.toFixed(1)}" height="${ROW.height}" fill="${style.color ?? DEFAULT_COLOR}"><title>${escapeMarkup(`${row.label}: ${style.label} ${value}`)}</title></rect>`;
      const text = String(value);
      const count =
        w >= textWidth(text, 11) + 6
          ? `<text x="${(x + w / 2).toFixed(1)}" y="${y + 15}" font-size="11" fill="${inkOn(style.color ?? DEFAULT_COLOR)}" text-anchor="middle">${text}</text>`
          : '';
      x += w;
      return [rect + count];
    });
    return [
      `<text x="${barX - 8}" y="${y + 15}" font-size="12" fill="#181818" text-anchor="end">${escapeMarkup(row.label)}</text>`,
      ...parts,
      `<text x="${(x + 6).toFixed(1)}" y="${y + 15}" font-size="11" fill="#444">${total}</text>`,
    ].join('');
  });
  let lx = ROW.margin;
  const used = new Set(rows.flatMap((r) => r.segments.filter((s) => s.value > 0).map((s) => s.key)));
  const legend = styles
    .filter((style) => used.has(style.key))
    .map((style) => {
      const item = `<rect x="${lx}" y="${legendY}" width="12" height="12" rx="2" fill="${style.color ?? DEFAULT_COLOR}"/><text x="${lx + 17}" y="${legendY + 10}" font-size="10" fill="#444">${escapeMarkup(style.label)}</text>`;
      lx += 17 + textWidth(style.label, 10) + 14;
      return item;
    });
  const fullWidth = Math.max(width, lx + ROW.margin);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" class="bars" role="img" width="${fullWidth}" height="${height}" viewBox="0 0 ${fullWidth} ${height}" font-family="inherit">`,
    `<title>${escapeMarkup(title)}</title>`,
    ...bars,
    `<g class="legend">${legend.join('')}</g>`,
    '</svg>',
  ].join('\n');
}

/** Black or white, whichever reads better on `color` (#rrggbb). */
export function inkOn(color: string): string {
  const rgb = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(color);
  if (!rgb) return '#fff';
  const [r, g, b] = rgb.slice(1).map((h) => parseInt(h, 16) / 255) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b > 0.6 ? '#181818' : '#fff';
}
