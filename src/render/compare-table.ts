// `compare -o table`: totals with deltas coloured by whether lower is better, then the components
// that came, went or changed, then the containers behind the changes, then the rule results.
import Table from 'cli-table3';
import { Chalk, type ChalkInstance } from 'chalk';
import type { Comparison } from '../analyze/compare-model.js';
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

function table(head: string[], alignRight: number[]): Table.Table {
  return new Table({
    head,
    // No colour codes from cli-table3 itself (it emits them even when piped otherwise).
    style: { head: [], border: [], compact: true, 'padding-left': 0, 'padding-right': 2 },
    chars: {
      top: '', 'top-mid': '', 'top-left': '', 'top-right': '',
      bottom: '', 'bottom-mid': '', 'bottom-left': '', 'bottom-right': '',
      left: '', 'left-mid': '', mid: '', 'mid-mid': '', right: '', 'right-mid': '', middle: '',
    },
    colAligns: head.map((_, i) => (alignRight.includes(i) ? 'right' : 'left')),
  });
}

function render(t: Table.Table): string {
  return t.toString().split('\n').map((l) => l.trimEnd()).join('\n') + '\n';
}

export function renderCompareTable(c: Comparison, opts: CompareTableOptions): string {
  const ch: ChalkInstance = new Chalk({ level: opts.color ? 1 : 0 });
  const paint = (text: string, v: Verdict) => (v === 'worse' ? ch.red(text) : v === 'better' ? ch.green(text) : text);
  const out: string[] = [];
  out.push(`BASELINE ${sideText(c.before.label, c.before)}`);
  out.push(`CURRENT  ${sideText(c.after.label, c.after)}`);
  for (const note of c.scope) out.push(ch.yellow(`Scope: ${note}`));
  out.push('');

  const totals = table(['Figure', 'BASELINE', 'CURRENT', 'Change', '%'], [1, 2, 3, 4]);
  for (const row of totalRows(c)) {
    const v = verdict(row.delta.delta, row.lowerIsBetter);
    totals.push([
      row.label,
      formatAmount(row.delta.before, row.unit),
      formatAmount(row.delta.after, row.unit),
      paint(formatChange(row.delta.delta, row.unit), v),
      paint(percentText(row.delta), v),
    ]);
  }
  if (c.fit.fits.before !== null || c.fit.fits.after !== null) {
    const v = fitVerdict(c);
    totals.push([
      `Fit on ${nodeSizeText(c.fit.nodeSize.after ?? c.fit.nodeSize.before)}`,
      fitText(c.fit.fits.before),
      fitText(c.fit.fits.after),
      paint(v === 'worse' ? 'stops fitting' : v === 'better' ? 'now fits' : '', v),
      '',
    ]);
    const p = c.fit.pending;
    totals.push(['Pending pods', formatAmount(p.before, 'number'), formatAmount(p.after, 'number'), paint(formatChange(p.delta, 'number'), verdict(p.delta, true)), '']);
  }
  const bn = c.recommendation.bottleneck;
  if (bn.before !== null || bn.after !== null) totals.push(['Bottleneck', bn.before ?? NONE, bn.after ?? NONE, '', '']);
  out.push(render(totals).trimEnd());
  const unknown = unknownTotals(c);
  if (unknown.length > 0) out.push(`Not observed in either snapshot: ${unknown.join(', ')}.`);
  out.push('');

  out.push(summaryText(c));
  if (c.components.length > 0) {
    const comps = table(['Change', 'Component', 'Kind', ...COMPONENT_COLUMNS.map((col) => col.header)], [3, 4, 5, 6, 7]);
    for (const comp of c.components) {
      const label = comp.change === 'added' ? ch.bold('added') : comp.change === 'removed' ? ch.bold('removed') : comp.change === 'changed' ? 'changed' : ch.dim('unchanged');
      comps.push([
        label,
        `${comp.namespace}/${comp.name}`,
        kindText(comp),
        ...COMPONENT_COLUMNS.map((col) => {
          const d = col.get(comp);
          const text = componentCell(d, col.unit, comp.change);
          const sign = comp.change === 'added' ? d.after : comp.change === 'removed' && d.before !== null ? -d.before : d.delta;
          return col.unit === 'number' ? text : paint(text, verdict(sign, true));
        }),
      ]);
    }
    out.push(render(comps).trimEnd());
  }

  const rows = containerRows(c.components);
  if (rows.length > 0) {
    out.push('');
    out.push('Containers behind the changes (declared, summed over the component’s pods):');
    const t = table(['Component', 'Container', 'Change', 'Resource', 'BASELINE', 'CURRENT', 'Change'], [4, 5, 6]);
    for (const r of rows) {
      t.push([r.component, r.container, r.change, r.resource, formatAmount(r.delta.before, r.unit), formatAmount(r.delta.after, r.unit), paint(formatChange(r.delta.delta, r.unit), verdict(r.delta.delta, true))]);
    }
    out.push(render(t).trimEnd());
  }

  if (c.violations.length > 0 || c.unevaluated.length > 0) {
    out.push('');
    for (const v of c.violations) out.push(`${ch.red('FAIL')} ${v.rule}: ${v.message}`);
    for (const u of c.unevaluated) out.push(`${ch.yellow('SKIP')} ${u.rule}: ${u.reason}`);
  }
  return out.join('\n') + '\n';
}
