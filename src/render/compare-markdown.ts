// `compare -o markdown`: a change table to paste into a PR description or docs.
import type { Comparison } from '../analyze/compare-model.js';
import { formatAmount, formatChange, NONE } from '../analyze/compare-format.js';
import { mdInlineCode, mdText } from './markdown-text.js';
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

function cell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

function row(cells: string[]): string {
  return `| ${cells.map(cell).join(' | ')} |`;
}

/** ▲ worse, ▼ better, so the direction reads without colour. */
function mark(text: string, v: Verdict): string {
  if (text === '' || text === NONE || text === '0' || text === '0%') return text;
  return v === 'worse' ? `${text} ▲` : v === 'better' ? `${text} ▼` : text;
}

export function renderCompareMarkdown(c: Comparison): string {
  const out: string[] = [];
  out.push(`## edge-profile compare: ${mdInlineCode(c.before.label)} → ${mdInlineCode(c.after.label)}`);
  out.push('');
  out.push(`- **Baseline:** ${sideText(c.before.label, c.before)}`);
  out.push(`- **Current:** ${sideText(c.after.label, c.after)}`);
  for (const note of c.scope) out.push(`- **Scope:** ${note}`);
  out.push('');
  out.push('### Totals');
  out.push('');
  out.push(row(['Figure', 'Baseline', 'Current', 'Change', '%']));
  out.push('|---|---:|---:|---:|---:|');
  for (const r of totalRows(c)) {
    const v = verdict(r.delta.delta, r.lowerIsBetter);
    out.push(row([r.label, formatAmount(r.delta.before, r.unit), formatAmount(r.delta.after, r.unit), mark(formatChange(r.delta.delta, r.unit), v), percentText(r.delta)]));
  }
  if (c.fit.fits.before !== null || c.fit.fits.after !== null) {
    const v = fitVerdict(c);
    out.push(row([`Fit on ${nodeSizeText(c.fit.nodeSize.after ?? c.fit.nodeSize.before)}`, fitText(c.fit.fits.before), fitText(c.fit.fits.after), v === 'worse' ? '**stops fitting**' : v === 'better' ? 'now fits' : '', '']));
    const p = c.fit.pending;
    out.push(row(['Pending pods', formatAmount(p.before, 'number'), formatAmount(p.after, 'number'), mark(formatChange(p.delta, 'number'), verdict(p.delta, true)), '']));
  }
  const bn = c.recommendation.bottleneck;
  if (bn.before !== null || bn.after !== null) out.push(row(['Bottleneck', bn.before ?? NONE, bn.after ?? NONE, '', '']));
  const unknown = unknownTotals(c);
  if (unknown.length > 0) {
    out.push('');
    out.push(`Not observed in either snapshot: ${unknown.join(', ')}.`);
  }
  out.push('');
  out.push(`### ${summaryText(c)}`);
  if (c.components.length > 0) {
    out.push('');
    out.push(row(['Change', 'Component', 'Kind', ...COMPONENT_COLUMNS.map((col) => col.header)]));
    out.push(`|---|---|---|${COMPONENT_COLUMNS.map(() => '---:').join('|')}|`);
    for (const comp of c.components) {
      out.push(
        row([
          comp.change === 'unchanged' ? comp.change : `**${comp.change}**`,
          mdInlineCode(`${comp.namespace}/${comp.name}`),
          kindText(comp),
          ...COMPONENT_COLUMNS.map((col) => componentCell(col.get(comp), col.unit, comp.change)),
        ]),
      );
    }
  }
  const rows = containerRows(c.components);
  if (rows.length > 0) {
    out.push('');
    out.push('### Containers behind the changes');
    out.push('');
    out.push('Declared per container, summed over the component’s pods.');
    out.push('');
    out.push(row(['Component', 'Container', 'Change', 'Resource', 'Baseline', 'Current', 'Change']));
    out.push('|---|---|---|---|---:|---:|---:|');
    for (const r of rows) {
      out.push(row([mdInlineCode(r.component), mdText(r.container), r.change, r.resource, formatAmount(r.delta.before, r.unit), formatAmount(r.delta.after, r.unit), mark(formatChange(r.delta.delta, r.unit), verdict(r.delta.delta, true))]));
    }
  }
  if (c.violations.length > 0 || c.unevaluated.length > 0) {
    out.push('');
    out.push('### Rules');
    out.push('');
    for (const v of c.violations) out.push(`- ❌ ${mdInlineCode(v.rule)}: ${mdText(v.message)}`);
    for (const u of c.unevaluated) out.push(`- ⚠️ ${mdInlineCode(u.rule)} not checked: ${mdText(u.reason)}`);
  }
  return out.join('\n') + '\n';
}
