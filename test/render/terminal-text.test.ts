// The terminal tables are laid out in one pass (linear in rows) exactly as cli-table3 would lay
// them out: cli-table3 is the oracle, the two must give the same bytes for any cells.
import Table from 'cli-table3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cellWidth, clean, layoutTable, paint, table, trimSpacesEnd, type Align, type Layout, type Paint } from '../../src/render/terminal-text.js';

/** The same table drawn by cli-table3: no borders, columns two spaces apart, header through `p.head`. */
function layoutCliTable3(p: Paint, cells: string[][], o: Layout): string {
  const t = new Table({
    head: cells[0]!.map((h) => p.head(h)),
    chars: {
      top: '', 'top-mid': '', 'top-left': '', 'top-right': '',
      bottom: '', 'bottom-mid': '', 'bottom-left': '', 'bottom-right': '',
      left: '', 'left-mid': '', mid: '', 'mid-mid': '', right: '', 'right-mid': '',
      middle: '  ',
    },
    style: { head: [], border: [], 'padding-left': 0, 'padding-right': 0, compact: true },
    colAligns: o.align,
  });
  for (let ri = 1; ri < cells.length; ri++) t.push(cells[ri]!.map((text, ci) => (o.style ? o.style(ri - 1, ci, text) : text)));
  const pad = ' '.repeat(o.indent);
  return t.toString().split('\n').map((l) => trimSpacesEnd(pad + l)).join('\n') + '\n';
}

const piece = fc.constantFrom('a', 'kube-system', ' ', '', '500m', 'not set', '—', '…', 'é', 'e\u0301', '日本', 'ｘ', '한', '😀', '👩‍👩‍👧', '\u001b[31m', '\n', 'x'.repeat(30));
const cell = fc.array(piece, { maxLength: 4 }).map((xs) => xs.join(''));

describe('table', () => {
  it('the layout gives cli-table3\'s bytes, for any cells, alignments and colours', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }).chain((cols) =>
          fc.record({
            head: fc.array(cell, { minLength: cols, maxLength: cols }),
            rows: fc.array(fc.array(cell, { minLength: cols, maxLength: cols }), { maxLength: 6 }),
            align: fc.array(fc.constantFrom<Align>('left', 'right'), { minLength: cols, maxLength: cols }),
            color: fc.boolean(),
          }),
        ),
        ({ head, rows, align, color }) => {
          const p = paint(color);
          const style = (r: number, c: number, t: string) => ((r + c) % 2 ? p.dim(t) : t);
          const cells = [head, ...rows].map((r) => r.map(clean));
          const layout = { align, indent: 2, style };
          expect(layoutTable(p, cells, layout)).toBe(layoutCliTable3(p, cells, layout));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('table() gives cli-table3\'s bytes on a table of 2,001 rows', () => {
    const rows = Array.from({ length: 2001 }, (_, i) => [`ns/日本-${i}`, `${(i * 37) % 1000}m`, i % 7 ? `${i}Mi` : 'not set']);
    const head = ['COMPONENT', 'CPU', 'MEMORY'];
    const align: Align[] = ['left', 'right', 'right'];
    const viaTable = table(paint(false), head, rows, { align });
    expect(viaTable).toBe(layoutCliTable3(paint(false), [head, ...rows], { align, indent: 2 }));
  });

  it('lays out 200k rows (cli-table3 scans every earlier row per cell and never finished 100k)', () => {
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

  it('counts one column for each Latin-1 to IPA letter and general punctuation mark, alone or followed by a combining mark', () => {
    const ranges: Array<[number, number]> = [[0xa0, 0x2ff], [0x2010, 0x2027], [0x2030, 0x203b]];
    for (const [from, to] of ranges) {
      for (let c = from; c <= to; c++) {
        const ch = String.fromCodePoint(c);
        expect([c, cellWidth(ch), cellWidth(`${ch}\u0301x`)]).toEqual([c, 1, 2]);
      }
    }
  });
});
