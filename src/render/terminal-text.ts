// Building blocks of the terminal output: borderless kubectl-like tables (cli-table3) that fit
// in 80 columns, word-wrapped paragraphs, and colour only when the caller asks for it.
import { Chalk, type ChalkInstance } from 'chalk';
import Table from 'cli-table3';

export const WIDTH = 80;

/** Columns a plain (uncoloured, cleaned) string takes; wide CJK glyphs are not special-cased. */
function stringWidth(s: string): number {
  return [...s].length;
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

const NO_BORDER = {
  top: '', 'top-mid': '', 'top-left': '', 'top-right': '',
  bottom: '', 'bottom-mid': '', 'bottom-left': '', 'bottom-right': '',
  left: '', 'left-mid': '', mid: '', 'mid-mid': '', right: '', 'right-mid': '',
  middle: '  ',
};

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
  const all = [head, ...rows].map((r) => r.map(clean));
  const widths = head.map((_, i) => Math.max(...all.map((r) => stringWidth(r[i] ?? ''))));
  const total = indent + widths.reduce((a, w) => a + w, 0) + 2 * (widths.length - 1);
  let limit = widths[shrink]!;
  if (total > WIDTH) limit = Math.max(8, widths[shrink]! - (total - WIDTH));
  const t = new Table({
    head: all[0]!.map((h) => p.head(h)),
    chars: NO_BORDER,
    style: { head: [], border: [], 'padding-left': 0, 'padding-right': 0, compact: true },
    colAligns: opts.align ?? [],
  });
  for (const [ri, r] of all.slice(1).entries()) {
    t.push(r.map((cell, ci) => {
      const text = ci === shrink ? middleEllipsis(cell, limit) : cell;
      return opts.style ? opts.style(ri, ci, text) : text;
    }));
  }
  const pad = ' '.repeat(indent);
  return t
    .toString()
    .split('\n')
    .map((l) => (pad + l).replace(/ +$/, ''))
    .join('\n') + '\n';
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
  return lines.map((l) => l.replace(/ +$/, '')).join('\n') + '\n';
}
