// The rows every compare renderer shows, in one order, with whether lower is better.
import type { ComponentChange, Comparison, ContainerChange, Delta, DeltaR, ResourceField } from '../analyze/compare-model.js';
import { formatAmount, formatChange, formatPercent, NONE, percentChange, type Unit } from '../analyze/compare-format.js';
import { formatCpu, formatMemory } from '../quantity.js';
import type { R } from '../model/snapshot.js';
import { plural } from '../text.js';

export interface FigureRow {
  label: string;
  unit: Unit;
  delta: Delta;
  /** true: a rise is worse (requests, usage, node size); null: neither. */
  lowerIsBetter: boolean | null;
}

/** Which way a change goes for the reader: better, worse, or neither (colour, arrows). */
export type Verdict = 'better' | 'worse' | 'neutral';

export function verdict(d: number | null, lowerIsBetter: boolean | null): Verdict {
  if (d === null || d === 0 || lowerIsBetter === null) return 'neutral';
  return (d < 0) === lowerIsBetter ? 'better' : 'worse';
}

function pair(label: string, d: DeltaR, lowerIsBetter: boolean | null = true): FigureRow[] {
  return [
    { label: label.replace('%', 'CPU'), unit: 'cpu', delta: d.cpuMillicores, lowerIsBetter },
    { label: label.replace('%', 'memory'), unit: 'memory', delta: d.memoryBytes, lowerIsBetter },
  ];
}

/** Every total of the comparison, in report order; rows unknown on both sides are left out. */
export function totalRows(c: Comparison): FigureRow[] {
  const rows: FigureRow[] = [
    ...pair('Declared % requests', c.totals.declared.requests),
    ...pair('Declared % limits', c.totals.declared.limits),
    ...pair('Steady-state % requests', c.totals.steadyState.requests),
    ...pair('Steady-state % limits', c.totals.steadyState.limits),
    ...pair('Observed pod % usage', c.totals.observed.pods),
    ...pair('Observed node % usage', c.totals.observed.nodes),
    ...pair('% used outside pods', c.host.outsidePods),
    { label: 'Host memory used (max)', unit: 'memory', delta: c.host.memoryUsedMaxBytes, lowerIsBetter: true },
    { label: 'Host CPU busy (max)', unit: 'percent', delta: c.host.cpuBusyMaxPercent, lowerIsBetter: true },
    { label: 'Pods', unit: 'number', delta: { before: c.before.pods, after: c.after.pods, delta: c.after.pods - c.before.pods }, lowerIsBetter: null },
    ...pair('Recommended node %', c.recommendation.node),
    { label: 'Reduction factor', unit: 'number', delta: c.recommendation.reductionFactor, lowerIsBetter: null },
  ];
  return rows.filter((r) => r.delta.before !== null || r.delta.after !== null);
}

/** Figures with no value on either side, named once under the totals. */
export function unknownTotals(c: Comparison): string[] {
  const out: string[] = [];
  const both = (d: DeltaR) => d.cpuMillicores.before === null && d.cpuMillicores.after === null && d.memoryBytes.before === null && d.memoryBytes.after === null;
  if (both(c.totals.observed.pods)) out.push('pod usage');
  if (both(c.totals.observed.nodes)) out.push('node usage');
  if (c.host.memoryUsedMaxBytes.before === null && c.host.memoryUsedMaxBytes.after === null) out.push('host');
  return out;
}

export function nodeSizeText(r: R | null): string {
  if (!r) return NONE;
  return `cpu=${r.cpuMillicores === null ? '?' : formatCpu(r.cpuMillicores)},memory=${r.memoryBytes === null ? '?' : formatMemory(r.memoryBytes)}`;
}

export function fitText(fits: boolean | null): string {
  return fits === null ? 'not checked' : fits ? 'fits' : 'does not fit';
}

export function fitVerdict(c: Comparison): Verdict {
  const { before, after } = c.fit.fits;
  if (before === null || after === null || before === after) return 'neutral';
  return after ? 'better' : 'worse';
}

export function percentText(d: Delta): string {
  return formatPercent(percentChange(d));
}

/** One cell of a component row: the value, or "before → after" when it moved. */
export function componentCell(d: Delta, unit: Unit, change: ComponentChange['change']): string {
  if (change === 'added') return formatAmount(d.after, unit);
  if (change === 'removed') return formatAmount(d.before, unit);
  if (d.before === d.after) return formatAmount(d.after, unit);
  const moved = `${formatAmount(d.before, unit)} → ${formatAmount(d.after, unit)}`;
  return d.delta === null ? moved : `${moved} (${formatChange(d.delta, unit)})`;
}

export interface ComponentColumn {
  header: string;
  unit: Unit;
  get: (c: ComponentChange) => Delta;
}

export const COMPONENT_COLUMNS: ComponentColumn[] = [
  { header: 'Pods', unit: 'number', get: (c) => c.pods },
  { header: 'CPU req', unit: 'cpu', get: (c) => c.requests.cpuMillicores },
  { header: 'Mem req', unit: 'memory', get: (c) => c.requests.memoryBytes },
  { header: 'CPU lim', unit: 'cpu', get: (c) => c.limits.cpuMillicores },
  { header: 'Mem lim', unit: 'memory', get: (c) => c.limits.memoryBytes },
];

export function kindText(c: ComponentChange): string {
  return c.kindBefore ? `${c.kindBefore} → ${c.kind}` : c.kind;
}

export interface ContainerRow {
  component: string;
  container: string;
  change: string;
  resource: string;
  delta: Delta;
  unit: Unit;
}

const RESOURCE_UNIT: Record<ResourceField, Unit> = {
  'requests.cpu': 'cpu',
  'requests.memory': 'memory',
  'limits.cpu': 'cpu',
  'limits.memory': 'memory',
};

/** One row per resource that moved in a container; a container whose only change is its type gets one row. */
export function containerRows(components: ComponentChange[]): ContainerRow[] {
  const rows: ContainerRow[] = [];
  for (const comp of components) {
    // Containers of added/removed components are the component itself: the component row says it.
    if (comp.change !== 'changed') continue;
    for (const ct of comp.containers) {
      const name = `${ct.name} (${containerType(ct)})`;
      if (ct.resources.length === 0) {
        rows.push({ component: `${comp.namespace}/${comp.name}`, container: name, change: ct.change, resource: 'type', delta: { before: null, after: null, delta: null }, unit: 'number' });
      }
      for (const res of ct.resources) {
        rows.push({
          component: `${comp.namespace}/${comp.name}`,
          container: name,
          change: ct.change,
          resource: res.resource,
          delta: { before: res.before, after: res.after, delta: res.delta },
          unit: RESOURCE_UNIT[res.resource],
        });
      }
    }
  }
  return rows;
}

function containerType(ct: ContainerChange): string {
  return ct.typeBefore ? `${ct.typeBefore} → ${ct.type}` : ct.type;
}

export function summaryText(c: Comparison): string {
  const s = c.summary;
  const all = c.components.some((x) => x.change === 'unchanged');
  const parts = [`${s.added} added`, `${s.removed} removed`, `${s.changed} changed`, `${s.unchanged} unchanged${all || s.unchanged === 0 ? '' : ' (shown with --all)'}`];
  return `Components: ${parts.join(', ')}`;
}

/** A side's namespaces named in its heading line; a cluster's hundreds are counted instead (`-o json` lists them all). */
const NAMESPACES_NAMED = 5;

export function sideText(label: string, side: Comparison['before']): string {
  const ns = side.namespaces;
  const named = ns.length > NAMESPACES_NAMED ? `${ns.slice(0, NAMESPACES_NAMED).join(', ')} and ${plural(ns.length - NAMESPACES_NAMED, 'more namespace')}` : ns.join(', ');
  return `${label} (${side.sourceType}, ${plural(side.pods, 'pod')}${ns.length ? ` in ${named}` : ''})`;
}
