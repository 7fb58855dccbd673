import { describe, expect, it } from '@jest/globals';
import { barLines, barsSvg, inkOn, segmentCells, type SegmentStyle } from '../../../src/core/pictures/bars.js';

const STYLES: SegmentStyle[] = [
  { key: 'moved', label: 'moved', glyph: '█', color: '#2e844a' },
  { key: 'conflicts', label: 'conflict', glyph: '▒', color: '#dd7a01' },
  { key: 'failed', label: 'failed', glyph: '░', color: '#ba0517' },
];

describe('segmentCells', () => {
  it('shares the width in proportion and fills it exactly', () => {
    expect(segmentCells([50, 25, 25], 40)).toEqual([20, 10, 10]);
    const cells = segmentCells([333, 333, 334], 40);
    expect(cells.reduce((a, b) => a + b, 0)).toBe(40);
  });

  it('gives every value above zero at least one cell, and none to zero', () => {
    const cells = segmentCells([9_998, 1, 0, 1], 40);
    expect(cells[1]).toBe(1);
    expect(cells[2]).toBe(0);
    expect(cells[3]).toBe(1);
    expect(cells.reduce((a, b) => a + b, 0)).toBe(40);
  });

  it('draws nothing for nothing', () => {
    expect(segmentCells([0, 0], 40)).toEqual([0, 0]);
    expect(segmentCells([3], 0)).toEqual([0]);
  });
});

describe('barLines', () => {
  it('draws each row to the scale of the largest, with its total, and a legend of what is shown', () => {
    const lines = barLines(
      [
        { label: 'Account', segments: [{ key: 'moved', value: 100 }] },
        {
          label: 'Opportunity',
          segments: [
            { key: 'moved', value: 40 },
            { key: 'failed', value: 10 },
          ],
        },
      ],
      STYLES,
      20,
    );
    expect(lines).toEqual([
      `Account      ${'█'.repeat(20)}  100`,
      `Opportunity  ${'█'.repeat(8)}${'░'.repeat(2)}${' '.repeat(10)}  50`,
      '█ moved   ░ failed',
    ]);
  });

  it('pads Chinese labels by their width in the terminal', () => {
    const lines = barLines(
      [
        { label: '客户', segments: [{ key: 'moved', value: 1 }] },
        { label: 'Case', segments: [{ key: 'moved', value: 1 }] },
      ],
      STYLES,
      4,
    );
    expect(lines[0]?.indexOf('█')).toBe('客户  '.length);
    expect(lines[1]?.indexOf('█')).toBe('Case  '.length);
  });
});

describe('barsSvg', () => {
  it('draws a rectangle per segment with a count where it fits, escapes labels, and has a legend', () => {
    const svg = barsSvg(
      [
        {
          label: 'Li <Na>',
          segments: [
            { key: 'moved', value: 900 },
            { key: 'conflicts', value: 3 },
          ],
        },
        { label: 'Wang', segments: [{ key: 'failed', value: 450 }] },
      ],
      STYLES,
      'Where the records go',
    );
    expect(svg).toContain('<title>Where the records go</title>');
    expect(svg.match(/<rect x="[\d.]+" y="\d+" width="[\d.]+" height="22"/g)).toHaveLength(3);
    expect(svg).toContain('Li &lt;Na&gt;');
    expect(svg).not.toContain('<Na>');
    expect(svg).toContain('>900</text>');
    // A segment too thin for its count shows it only in its tooltip.
    expect(svg).not.toContain('>3</text>');
    expect(svg).toContain('<title>Li &lt;Na&gt;: conflict 3</title>');
    for (const style of STYLES) expect(svg).toContain(`fill="${style.color}"/><text`);
  });

  it('lists in the legend only what the bars show', () => {
    const svg = barsSvg([{ label: 'A', segments: [{ key: 'moved', value: 1 }] }], STYLES, 'Moves');
    expect(svg).toContain('>moved</text>');
    expect(svg).not.toContain('>failed</text>');
  });

  it('writes counts in dark ink on light colours and white on dark ones', () => {
    expect(inkOn('#d8d8d8')).toBe('#181818');
    expect(inkOn('#2e844a')).toBe('#fff');
  });
});
