// The terminal table lays out its columns itself (cli-table3's layout is quadratic in rows).
// cli-table3, configured as the renderer used it before, is the oracle: same bytes for any cells.
import Table from 'cli-table3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cellWidth, clean, middleEllipsis, paint, table, WIDTH, type Align, type Paint } from '../../src/render/terminal-text.js';

const NO_BORDER = {
  top: '', 'top-mid': '', 'top-left': '', 'top-right': '',
  bottom: '', 'bottom-mid': '', 'bottom-left': '', 'bottom-right': '',
  left: '', 'left-mid': '', mid: '', 'mid-mid': '', right: '', 'right-mid': '',
  middle: '  ',
};

/** The previous implementation of table(), on cli-table3. */
function oracle(p: Paint, head: string[], rows: string[][], align: Align[], shrink: number, style?: (r: number, c: number, t: string) => string): string {
  const all = [head, ...rows].map((r) => r.map(clean));
  const widths = head.map((_, i) => Math.max(...all.map((r) => [...(r[i] ?? '')].length)));
  const total = 2 + widths.reduce((a, w) => a + w, 0) + 2 * (widths.length - 1);
  let limit = widths[shrink]!;
  if (total > WIDTH) limit = Math.max(8, widths[shrink]! - (total - WIDTH));
  const t = new Table({
    head: all[0]!.map((h) => p.head(h)),
    chars: NO_BORDER,
    style: { head: [], border: [], 'padding-left': 0, 'padding-right': 0, compact: true },
    colAligns: align,
  });
  for (const [ri, r] of all.slice(1).entries()) {
    t.push(r.map((cell, ci) => {
      const text = ci === shrink ? middleEllipsis(cell, limit) : cell;
      return style ? style(ri, ci, text) : text;
    }));
  }
  return t.toString().split('\n').map((l) => ('  ' + l).replace(/ +$/, '')).join('\n') + '\n';
}

const piece = fc.constantFrom('a', 'kube-system', ' ', '', '500m', 'not set', '—', '…', 'é', 'e\u0301', '日本', 'ｘ', '한', '😀', '👩‍👩‍👧', '\u001b[31m', '\n', 'x'.repeat(30));
const cell = fc.array(piece, { maxLength: 4 }).map((xs) => xs.join(''));

describe('table', () => {
  it('lays out exactly as cli-table3 did, for any cells, alignments, colours and shrink column', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }).chain((cols) =>
          fc.record({
            head: fc.array(cell, { minLength: cols, maxLength: cols }),
            rows: fc.array(fc.array(cell, { minLength: cols, maxLength: cols }), { maxLength: 6 }),
            align: fc.array(fc.constantFrom<Align>('left', 'right'), { minLength: cols, maxLength: cols }),
            shrink: fc.integer({ min: 0, max: cols - 1 }),
            color: fc.boolean(),
          }),
        ),
        ({ head, rows, align, shrink, color }) => {
          const p = paint(color);
          const style = (r: number, c: number, t: string) => ((r + c) % 2 ? p.dim(t) : t);
          expect(table(p, head, rows, { align, shrink, style })).toBe(oracle(p, head, rows, align, shrink, style));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('lays out 200k rows (cli-table3 scanned every earlier row per cell and never finished 100k)', () => {
    const rows = Array.from({ length: 200_000 }, (_, i) => [`ns-${i % 97}/component-${i}`, `${i % 1000}m`, `${i % 512}Mi`]);
    const out = table(paint(false), ['COMPONENT', 'CPU', 'MEMORY'], rows, { align: ['left', 'right', 'right'] });
    const lines = out.split('\n');
    expect(lines).toHaveLength(200_002);
    expect(lines[200_000]).toBe('  ns-82/component-199999  999m   319Mi');
  });
});

describe('cellWidth', () => {
  it.each([
    ['', 0],
    ['kube-system', 11],
    ['not set', 7],
    ['—', 1],
    ['e\u0301', 1],
    ['日本', 4],
    ['ｘ', 2],
    ['😀', 2],
    ['👩‍👩‍👧', 2],
  ])('%j takes %i columns', (s, w) => {
    expect(cellWidth(s)).toBe(w);
  });
});
