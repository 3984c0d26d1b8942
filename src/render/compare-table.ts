// `compare -o table`: totals with deltas coloured by whether lower is better, then the components
// that came, went or changed, then the containers behind the changes, then the rule results.
import { Chalk, type ChalkInstance } from 'chalk';
import type { Comparison } from '../analyze/compare-model.js';
import { layoutTable, paint, type Align } from './terminal-text.js';
import { formatAmount, formatChange, NONE } from '../analyze/compare-format.js';
import {
  COMPONENT_COLUMNS,
  componentCell,
  containerRows,
  fitText,
  fitVerdict,
  kindText,
  nodeSizeText,
  percentText,
  sideText,
  summaryText,
  totalRows,
  unknownTotals,
  verdict,
  type Verdict,
} from './compare-rows.js';

export interface CompareTableOptions {
  color: boolean;
}

/** A cell, plain or coloured after the layout has measured it. */
type Cell = string | { text: string; paint: (s: string) => string };

/**
 * A borderless table: columns two spaces apart, headers plain, laid out like the report's tables
 * (terminal-text's one-pass layout: a comparison of 100k containers has ~40k rows).
 */
class Rows {
  private readonly cells: string[][];
  /** Per data row, the paint of each coloured cell (rows without colour have none). */
  private readonly paints: Array<Array<((s: string) => string) | undefined> | undefined> = [];

  constructor(
    head: string[],
    private readonly alignRight: number[],
  ) {
    this.cells = [head];
  }

  push(row: Cell[]): void {
    const r = this.cells.length - 1;
    this.cells.push(
      row.map((cell, c) => {
        if (typeof cell === 'string') return cell;
        (this.paints[r] ??= [])[c] = cell.paint;
        return cell.text;
      }),
    );
  }

  render(): string {
    const align: Align[] = this.cells[0]!.map((_, i) => (this.alignRight.includes(i) ? 'right' : 'left'));
    const style = (r: number, c: number, text: string) => this.paints[r]?.[c]?.(text) ?? text;
    return layoutTable(paint(false), this.cells, { align, indent: 0, style: this.paints.length > 0 ? style : undefined });
  }
}

export function renderCompareTable(c: Comparison, opts: CompareTableOptions): string {
  const ch: ChalkInstance = new Chalk({ level: opts.color ? 1 : 0 });
  const colour = (v: Verdict) => (v === 'worse' ? ch.red : v === 'better' ? ch.green : null);
  const painted = (text: string, v: Verdict): Cell => {
    const c = opts.color ? colour(v) : null;
    return c ? { text, paint: c } : text;
  };
  const out: string[] = [];
  out.push(`BASELINE ${sideText(c.before.label, c.before)}`);
  out.push(`CURRENT  ${sideText(c.after.label, c.after)}`);
  for (const note of c.scope) out.push(ch.yellow(`Scope: ${note}`));
  out.push('');

  const totals = new Rows(['Figure', 'BASELINE', 'CURRENT', 'Change', '%'], [1, 2, 3, 4]);
  for (const row of totalRows(c)) {
    const v = verdict(row.delta.delta, row.lowerIsBetter);
    totals.push([
      row.label,
      formatAmount(row.delta.before, row.unit),
      formatAmount(row.delta.after, row.unit),
      painted(formatChange(row.delta.delta, row.unit), v),
      painted(percentText(row.delta), v),
    ]);
  }
  if (c.fit.fits.before !== null || c.fit.fits.after !== null) {
    const v = fitVerdict(c);
    totals.push([
      `Fit on ${nodeSizeText(c.fit.nodeSize.after ?? c.fit.nodeSize.before)}`,
      fitText(c.fit.fits.before),
      fitText(c.fit.fits.after),
      painted(v === 'worse' ? 'stops fitting' : v === 'better' ? 'now fits' : '', v),
      '',
    ]);
    const p = c.fit.pending;
    totals.push(['Pending pods', formatAmount(p.before, 'number'), formatAmount(p.after, 'number'), painted(formatChange(p.delta, 'number'), verdict(p.delta, true)), '']);
  }
  const bn = c.recommendation.bottleneck;
  if (bn.before !== null || bn.after !== null) totals.push(['Bottleneck', bn.before ?? NONE, bn.after ?? NONE, '', '']);
  out.push(totals.render().trimEnd());
  const unknown = unknownTotals(c);
  if (unknown.length > 0) out.push(`Not observed in either snapshot: ${unknown.join(', ')}.`);
  out.push('');

  out.push(summaryText(c));
  if (c.components.length > 0) {
    const comps = new Rows(['Change', 'Component', 'Kind', ...COMPONENT_COLUMNS.map((col) => col.header)], [3, 4, 5, 6, 7]);
    for (const comp of c.components) {
      const label: Cell =
        !opts.color || comp.change === 'changed' ? comp.change : { text: comp.change, paint: comp.change === 'unchanged' ? ch.dim : ch.bold };
      comps.push([
        label,
        `${comp.namespace}/${comp.name}`,
        kindText(comp),
        ...COMPONENT_COLUMNS.map((col) => {
          const d = col.get(comp);
          const text = componentCell(d, col.unit, comp.change);
          const sign = comp.change === 'added' ? d.after : comp.change === 'removed' && d.before !== null ? -d.before : d.delta;
          return col.unit === 'number' ? text : painted(text, verdict(sign, true));
        }),
      ]);
    }
    out.push(comps.render().trimEnd());
  }

  const rows = containerRows(c.components);
  if (rows.length > 0) {
    out.push('');
    out.push('Containers behind the changes (declared, summed over the component’s pods):');
    const t = new Rows(['Component', 'Container', 'Change', 'Resource', 'BASELINE', 'CURRENT', 'Change'], [4, 5, 6]);
    for (const r of rows) {
      t.push([r.component, r.container, r.change, r.resource, formatAmount(r.delta.before, r.unit), formatAmount(r.delta.after, r.unit), painted(formatChange(r.delta.delta, r.unit), verdict(r.delta.delta, true))]);
    }
    out.push(t.render().trimEnd());
  }

  if (c.violations.length > 0 || c.unevaluated.length > 0) {
    out.push('');
    for (const v of c.violations) out.push(`${ch.red('FAIL')} ${v.rule}: ${v.message}`);
    for (const u of c.unevaluated) out.push(`${ch.yellow('SKIP')} ${u.rule}: ${u.reason}`);
  }
  return out.join('\n') + '\n';
}
