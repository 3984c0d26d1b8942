// Building blocks of the terminal output: borderless kubectl-like tables that fit in 80 columns,
// word-wrapped paragraphs, and colour only when the caller asks for it.
import { Chalk, type ChalkInstance } from 'chalk';

export const WIDTH = 80;

/**
 * Text of one column per UTF-16 unit: printable ASCII, Latin-1 to IPA (no combining marks, which
 * start at U+0300) and general punctuation such as "—" (the report's "not observed") — no wide
 * glyph or emoji among them.
 */
const NARROW_TEXT = /^[\x20-\x7e\xa0-\u02ff\u2010-\u2027\u2030-\u203b]*$/;

/** Columns a plain (uncoloured, cleaned) string takes; wide CJK glyphs are not special-cased. */
function stringWidth(s: string): number {
  return NARROW_TEXT.test(s) ? s.length : [...s].length;
}

const EMOJI = new RegExp('\\p{RGI_Emoji}', 'gv');

/** Whether a code point takes two columns (East Asian Wide/Fullwidth). */
function isWide(c: number): boolean {
  return (
    c >= 0x1100 &&
    (c <= 0x115f || c === 0x2329 || c === 0x232a ||
      (c >= 0x2e80 && c <= 0x3247 && c !== 0x303f) || (c >= 0x3250 && c <= 0x4dbf) || (c >= 0x4e00 && c <= 0xa4c6) ||
      (c >= 0xa960 && c <= 0xa97c) || (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) ||
      (c >= 0xfe10 && c <= 0xfe19) || (c >= 0xfe30 && c <= 0xfe6b) || (c >= 0xff01 && c <= 0xff60) ||
      (c >= 0xffe0 && c <= 0xffe6) || (c >= 0x1b000 && c <= 0x1b001) || (c >= 0x1f200 && c <= 0x1f251) ||
      (c >= 0x20000 && c <= 0x3fffd))
  );
}

/**
 * Columns a cleaned cell takes on screen, as terminals (and string-width) count them: wide
 * glyphs and emoji 2, combining marks 0.
 */
export function cellWidth(s: string): number {
  if (NARROW_TEXT.test(s)) return s.length;
  let w = 0;
  for (const ch of s.replace(EMOJI, '  ')) {
    const c = ch.codePointAt(0)!;
    if (c <= 0x1f || (c >= 0x7f && c <= 0x9f) || (c >= 0x300 && c <= 0x36f)) continue;
    w += isWide(c) ? 2 : 1;
  }
  return w;
}

export interface Paint {
  on: boolean;
  heading(s: string): string;
  head(s: string): string;
  good(s: string): string;
  bad(s: string): string;
  warn(s: string): string;
  dim(s: string): string;
  strong(s: string): string;
}

export function paint(color: boolean): Paint {
  const c: ChalkInstance = new Chalk({ level: color ? 1 : 0 });
  return {
    on: color,
    heading: (s) => c.bold.underline(s),
    head: (s) => c.bold(s),
    good: (s) => c.green(s),
    bad: (s) => c.red.bold(s),
    warn: (s) => c.yellow(s),
    dim: (s) => c.dim(s),
    strong: (s) => c.bold(s),
  };
}

/** Control characters (a newline or an escape sequence in a pod name) would break the layout. */
export function clean(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ');
}

export type Align = 'left' | 'right';

/**
 * A borderless table, indented by `indent`. When it would be wider than WIDTH, the cells of
 * column `shrink` (the names) are shortened in the middle with "…". Cells must be plain text;
 * `style(row, col, text)` may colour them after the widths are fixed.
 */
export function table(
  p: Paint,
  head: string[],
  rows: string[][],
  opts: { align?: Align[]; shrink?: number; indent?: number; style?: (row: number, col: number, text: string) => string } = {},
): string {
  const indent = opts.indent ?? 2;
  const shrink = opts.shrink ?? 0;
  // Built in place, one array per row: a table can have 100k rows.
  const cells = new Array<string[]>(rows.length + 1);
  cells[0] = head.map(clean);
  for (let ri = 0; ri < rows.length; ri++) cells[ri + 1] = rows[ri]!.map(clean);
  const natural = head.map(() => 0);
  for (const r of cells) for (let i = 0; i < r.length && i < natural.length; i++) natural[i] = Math.max(natural[i]!, stringWidth(r[i]!));
  const total = indent + natural.reduce((a, w) => a + w, 0) + 2 * (natural.length - 1);
  if (total > WIDTH) {
    const limit = Math.max(8, natural[shrink]! - (total - WIDTH));
    for (let ri = 1; ri < cells.length; ri++) {
      const r = cells[ri]!;
      if (shrink < r.length) r[shrink] = middleEllipsis(r[shrink]!, limit);
    }
  }
  return layoutTable(p, cells, { align: opts.align ?? [], indent, style: opts.style });
}

export interface Layout {
  align: Align[];
  indent: number;
  style?: ((row: number, col: number, text: string) => string) | undefined;
}

/**
 * `cells[0]` is the header. The layout of cli-table3 with no borders and columns two spaces
 * apart (test/render/terminal-text.test.ts checks the bytes against cli-table3 itself), done in
 * one pass: cli-table3 scans every earlier row for each cell (a report of 100k containers never
 * finished), and loading it cost `report` ~50 ms of its start-up on the node it sizes.
 */
export function layoutTable(p: Paint, cells: string[][], o: Layout): string {
  // Columns as wide as their widest cell on screen (a CJK glyph takes two; at least 1, as
  // cli-table3 has it).
  const widths: number[] = [];
  for (const r of cells) for (let i = 0; i < r.length; i++) widths[i] = Math.max(widths[i] ?? 1, cellWidth(r[i]!));
  const pad = ' '.repeat(o.indent);
  const lines: string[] = [];
  for (let ri = 0; ri < cells.length; ri++) {
    const row = cells[ri]!;
    let out = pad;
    for (let ci = 0; ci < row.length; ci++) {
      const cell = row[ci]!;
      const text = ri === 0 ? p.head(cell) : o.style ? o.style(ri - 1, ci, cell) : cell;
      const gap = spaces(widths[ci]! - cellWidth(cell));
      if (ci > 0) out += '  ';
      out += o.align[ci] === 'right' ? gap + text : text + gap;
    }
    lines.push(trimSpacesEnd(out));
  }
  return lines.join('\n') + '\n';
}

const SPACES: string[] = [];

/** n spaces, each length built once. */
function spaces(n: number): string {
  return (SPACES[n] ??= ' '.repeat(n));
}

/** Without trailing spaces (only spaces: a cell may end in other blanks on purpose). */
export function trimSpacesEnd(s: string): string {
  let end = s.length;
  while (end > 0 && s.charCodeAt(end - 1) === 32) end--;
  return end === s.length ? s : s.slice(0, end);
}

export function middleEllipsis(s: string, max: number): string {
  if (stringWidth(s) <= max) return s;
  const chars = [...s];
  const keep = max - 1;
  const front = Math.ceil(keep / 2);
  return chars.slice(0, front).join('') + '…' + chars.slice(chars.length - (keep - front)).join('');
}

/** Word-wraps plain text to WIDTH with a hanging indent; `first` prefixes the first line. */
export function wrap(text: string, indent: number, first = ''): string {
  const words = clean(text).split(/ +/).filter(Boolean);
  const lines: string[] = [];
  let line = first.padEnd(indent);
  let empty = true;
  for (const w of words) {
    if (!empty && stringWidth(line) + 1 + stringWidth(w) > WIDTH) {
      lines.push(line);
      line = ' '.repeat(indent);
      empty = true;
    }
    line += (empty ? '' : ' ') + w;
    empty = false;
  }
  lines.push(line);
  return lines.map(trimSpacesEnd).join('\n') + '\n';
}
