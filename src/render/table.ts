// `-o table`: the report for a terminal, 80 columns wide, colour only when asked for.
import type { Component, Report, RequestsLimits, Stats } from '../analyze/report-model.js';
import type { R } from '../model/snapshot.js';
import { memoryBudget } from './budget.js';
import * as f from './format.js';
import { clean, paint, table, wrap, WIDTH, type Align, type Paint } from './terminal-text.js';
import {
  basisSentence, bottleneckWord, componentMarks, componentsByNamespace, type ComponentGroups, factorSentence, fitVerdict, groupNotes, layerFigures, listedNodes, missingSentences, nodeFigures, NOTES_LISTED_PER_CODE,
} from './words.js';
import { plural } from '../text.js';

export interface TableOptions {
  color: boolean;
}

const R4: Align[] = ['left', 'right', 'right', 'right', 'right'];

export function renderTable(report: Report, opts: TableOptions): string {
  const p = paint(opts.color);
  // Sorted once for both tables that list every component (100k containers: ~40k components).
  const groups = componentsByNamespace(report.components);
  const sections = [
    header(report, p),
    summary(report, p),
    requests(report, p, groups),
    observed(report, p, groups),
    nodes(report, p),
    budget(report, p),
    layers(report, p),
    fit(report, p),
    recommendation(report, p),
    notes(report, p),
  ];
  return sections.filter((s): s is string => s !== null).join('\n');
}

function header(r: Report, p: Paint): string {
  const s = r.snapshot;
  let out = wrap(`${plural(s.pods, 'pod')}, ${plural(s.containers, 'container')} · ${s.source} · ${s.takenAt}`, 0, '') ;
  out = p.strong('edge-profile report') + '\n' + out;
  if (r.policy.assumedDistro !== null) out += wrap(`${r.policy.assumedDistro} system pods assumed from the catalog (marked *)`, 0);
  if (r.policy.reduceFactor !== null) out += wrap(`requests and limits multiplied by ${f.factor(r.policy.reduceFactor)} before the figures below`, 0);
  return out;
}

/** "FIT on 1 CPU, 1500Mi": the title in capitals (units in the detail keep their case). */
function section(p: Paint, title: string, detail = ''): string {
  return p.heading(title.toUpperCase()) + (detail ? ' ' + clean(detail) : '') + '\n';
}

function summary(r: Report, p: Paint): string {
  const rec = r.recommendation;
  let out = section(p, 'Summary');
  const verdict = fitVerdict(r);
  if (verdict !== null) {
    const text = wrap(verdict, 16, '  Fit');
    out += r.fit?.fits ? p.good(text.trimEnd()) + '\n' : p.bad(text.trimEnd()) + '\n';
  }
  out += wrap(`${f.nodeSize(rec.node)} (bottleneck: ${bottleneckWord(rec.bottleneck)})`, 16, '  Minimum node');
  out += wrap(factorSentence(r), 16, '  Reduction');
  const basis = basisSentence(r);
  if (basis) out += wrap(basis, 16, '');
  return out;
}

function name(c: Component): string {
  const marks = componentMarks(c).filter((m) => m !== 'assumed');
  return `${c.name}${c.assumed ? '*' : ''}${marks.length ? ` (${marks.join(', ')})` : ''}`;
}

function rl(x: RequestsLimits): string[] {
  return [f.cpu(x.requests.cpuMillicores), f.cpu(x.limits.cpuMillicores), f.memory(x.requests.memoryBytes), f.memory(x.limits.memoryBytes)];
}

/** Dims what is missing, so "not set" and "—" stand back from figures (nothing to do without colour). */
function dimMissing(p: Paint): ((row: number, col: number, text: string) => string) | undefined {
  if (!p.on) return undefined;
  return (_r, _c, t) => {
    const s = t.trim();
    return s === f.NOT_SET || s === f.NOT_OBSERVED ? p.dim(t) : t;
  };
}

function requests(r: Report, p: Paint, groups: ComponentGroups): string {
  let out = section(p, 'Requests and limits', '(effective pod values, summed per component)');
  if (r.components.length === 0) return out + wrap('The snapshot holds no pods: there is nothing to total.', 2, '');
  const rows: string[][] = [];
  const nsTotals = new Map(r.namespaces.map((n) => [n.namespace, n]));
  for (const [ns, components] of groups) {
    rows.push([ns, '', '', '', '']);
    for (const c of components) rows.push([`  ${name(c)}`, ...rl(c)]);
    const t = nsTotals.get(ns);
    if (t && groups.length > 1) rows.push(['  total', ...rl(t.declared)]);
  }
  rows.push(['TOTAL', ...rl(r.totals.declared)]);
  rows.push(['STEADY STATE (no Jobs)', ...rl(r.totals.steadyState)]);
  out += table(p, ['NAMESPACE / COMPONENT', 'CPU REQ', 'CPU LIM', 'MEM REQ', 'MEM LIM'], rows, { align: R4, style: dimMissing(p) });
  const missing = missingSentences(r);
  if (missing.length) out += wrap(`Not set: ${missing.join('; ')}.`, 2, '');
  return out;
}

function usage(u: R | null): string[] {
  return [f.cpu(u?.cpuMillicores ?? null, f.NOT_OBSERVED), f.memory(u?.memoryBytes ?? null, f.NOT_OBSERVED)];
}

function observed(r: Report, p: Paint, groups: ComponentGroups): string {
  const o = r.observed;
  let out = section(p, 'Observed usage', '(kubectl top; memory = working set)');
  const rows: string[][] = groups.flatMap(([, cs]) => cs.map((c) => [`${c.namespace}/${name(c)}`, ...usage(c.usage)]));
  rows.push(['pods (sum of top pod)', ...usage(r.totals.observed.pods)]);
  rows.push(['node (top node)', ...usage(r.totals.observed.nodes)]);
  rows.push(['outside pods (node - pods)', ...usage(o.outsidePods)]);
  out += table(p, ['COMPONENT', 'CPU', 'MEMORY'], rows, { align: ['left', 'right', 'right'], style: dimMissing(p) });
  if (o.samples > 1) out += stats(r, p);
  if (o.host) out += host(r, p);
  return out;
}

function stats(r: Report, p: Paint): string {
  const o = r.observed;
  const rows: string[][] = [];
  const add = (label: string, s: Stats | undefined, fmt: (v: number | null) => string) => {
    if (s) rows.push([label, fmt(s.mean), fmt(s.p95), fmt(s.max), String(s.count)]);
  };
  const c = (v: number | null) => f.cpu(v, f.NOT_OBSERVED);
  const m = (v: number | null) => f.memory(v, f.NOT_OBSERVED);
  add('pods CPU', o.pods?.cpuMillicores, c);
  add('pods memory', o.pods?.memoryBytes, m);
  add('node CPU', o.nodes?.cpuMillicores, c);
  add('node memory', o.nodes?.memoryBytes, m);
  add('host memory used', o.host?.memory.used, m);
  add('host available', o.host?.memory.available, m);
  add('swap used', o.host?.memory.swapUsed, m);
  add('host CPU busy', o.host?.cpuBusyPercent, f.percentValue);
  return '\n' + table(p, [`OVER ${o.samples} READINGS`, 'MEAN', 'P95', 'MAX', 'N'], rows, { align: R4, style: dimMissing(p) });
}

function host(r: Report, p: Paint): string {
  const h = r.observed.host!;
  const mx = (s: Stats) => f.memory(s.max, f.NOT_OBSERVED);
  let out = '\n' + wrap(
    `Host: memory ${f.memory(h.memory.totalBytes, 'unknown')} total, ${mx(h.memory.used)} used, ${mx(h.memory.available)} available, ` +
      `${mx(h.memory.buffCache)} buff/cache, ${mx(h.memory.swapUsed)} swap used; CPU ${f.percentValue(h.cpuBusyPercent.max)} busy of ` +
      `${h.cores === null ? 'unknown cores' : plural(h.cores, 'core')}.`,
    2,
    '',
  );
  if (h.groups.length) {
    const rows = h.groups.map((g) => [g.group, String(g.processes), f.memory(g.residentBytes, f.NOT_OBSERVED), f.percentValue(g.cpuPercent)]);
    out += table(p, ['PROCESS GROUP', 'PROCS', 'RESIDENT', 'CPU'], rows, { align: ['left', 'right', 'right', 'right'] });
  }
  if (h.topProcesses.length) {
    const rows = h.topProcesses.map((x) => [String(x.pid), x.command, x.group, f.memory(x.residentBytes, f.NOT_OBSERVED), f.percentValue(x.cpuPercent)]);
    out += table(p, ['PID', 'COMMAND', 'GROUP', 'RESIDENT', 'CPU'], rows, { align: ['right', 'left', 'left', 'right', 'right'], shrink: 1 });
  }
  return out;
}

function nodes(r: Report, p: Paint): string | null {
  const { nodes: listed, more } = listedNodes(r);
  if (listed.length === 0) return null;
  let out = section(p, 'Nodes', '(as captured; — = not known)');
  const rows = listed.map((n) => [n.name, ...nodeFigures(n)]);
  out += table(p, ['NODE', 'CPU CAP', 'MEM CAP', 'CPU ALLOC', 'MEM ALLOC', 'CPU USED', 'MEM USED'], rows, {
    align: ['left', 'right', 'right', 'right', 'right', 'right', 'right'],
    style: dimMissing(p),
  });
  if (more > 0) out += wrap(`… and ${plural(more, 'more node')} (-o json lists all ${r.nodes.length.toLocaleString('en-US')}).`, 2, '');
  return out;
}

/** A stacked bar of the node's memory: one letter per slice, "." for free. */
function budget(r: Report, p: Paint): string | null {
  const b = memoryBudget(r);
  if (b === null) return null;
  let out = section(p, 'Node memory budget', `(${b.nodeIs} node, ${f.memory(b.nodeBytes)})`);
  const barWidth = WIDTH - 4;
  const scale = Math.max(b.nodeBytes, b.usedBytes);
  const symbols = ['#', '=', '+', '%', '@', '&'];
  let bar = '';
  let acc = 0;
  for (const [i, s] of b.slices.entries()) {
    const start = Math.round((acc / scale) * barWidth);
    acc += s.bytes;
    bar += symbols[i % symbols.length]!.repeat(Math.round((acc / scale) * barWidth) - start);
  }
  bar = bar.padEnd(barWidth, '.');
  out += `  [${bar}]\n`;
  const rows = b.slices.map((s, i) => [`${symbols[i % symbols.length]} ${s.label}`, f.memory(s.bytes), f.percent(s.bytes, b.nodeBytes)]);
  rows.push([b.freeBytes >= 0 ? '. free' : '! over the node', f.memory(Math.abs(b.freeBytes)), f.percent(Math.abs(b.freeBytes), b.nodeBytes)]);
  out += table(p, [b.basis === 'layers' ? 'LAYER' : 'WHERE', 'MEMORY', 'OF NODE'], rows, { align: ['left', 'right', 'right'] });
  return out;
}

function layers(r: Report, p: Paint): string | null {
  if (!r.layers || r.layers.length === 0) return null;
  const rows = r.layers.map((l) => [
    l.name,
    ...layerFigures(l),
  ]);
  return (
    section(p, 'Layers', '(each adds the difference with the one before)') +
    table(p, ['LAYER', 'MEM USED', 'ADDS', 'CPU USED', 'ADDS', 'CPU REQ', 'MEM REQ'], rows, {
      align: ['left', 'right', 'right', 'right', 'right', 'right', 'right'],
      style: dimMissing(p),
    })
  );
}

function fit(r: Report, p: Paint): string | null {
  const x = r.fit;
  if (!x) return null;
  const row = (label: string, v: R) => [label, f.cpu(v.cpuMillicores), f.memory(v.memoryBytes)];
  const rows = [
    row('node capacity', x.nodeSize),
    row('kube-reserved', x.reserved.kubeReserved),
    row('system-reserved', x.reserved.systemReserved),
    ['eviction threshold', f.NOT_SET, f.memory(x.reserved.evictionHardMemoryBytes)],
    row('allocatable', x.allocatable),
    row('requests placed', x.placedRequests),
    row('left free', x.free),
  ];
  let out = section(p, 'Fit', `on ${f.nodeSize(x.nodeSize)} (requests vs allocatable)`);
  out += table(p, ['', 'CPU', 'MEMORY'], rows, { align: ['left', 'right', 'right'], style: dimMissing(p) });
  if (x.fits) return out + p.good(`  Fits: all ${plural(x.placed.length, 'pod')} placed.`) + '\n';
  out += p.bad(`  Does not fit: ${plural(x.pending.length, 'pod')} would stay Pending.`) + '\n';
  for (const pod of x.pending) out += wrap(`${clean(pod.namespace)}/${clean(pod.name)}: ${pod.reason}`, 4, '  -');
  return out;
}

function recommendation(r: Report, p: Paint): string {
  const rec = r.recommendation;
  let out = section(p, 'Recommendation');
  rec.reasons.forEach((reason, i) => (out += wrap(reason, 6, `  ${i + 1}.`)));
  if (rec.sizes.length) {
    const yes = (b: boolean) => (b ? 'yes' : 'no');
    const at = rec.reductionFactor.value === null ? [] : [`AT ${f.factor(rec.reductionFactor.value)}`];
    const rows = rec.sizes.map((s) => [
      s.name, f.cpu(s.node.cpuMillicores), f.memory(s.node.memoryBytes), yes(s.fitsAtDefault), ...(at.length ? [yes(s.fitsAtRecommended)] : []),
      f.factor(s.maxFactor), s.memoryFits === null ? f.NOT_OBSERVED : yes(s.memoryFits),
    ]);
    const align: Align[] = ['left', 'right', 'right', 'left', ...at.map((): Align => 'left'), 'right', 'left'];
    out += '\n' + table(p, ['SIZE', 'CPU', 'MEMORY', 'AS IS', ...at, 'MAX F', 'MEM PEAK'], rows, { align, shrink: 0 });
  }
  const pol = r.policy;
  out += '\n' + wrap(
    `Policy: headroom ${pol.headroomPercent}%, usage percentile p${pol.percentile}, node sizes in steps of ` +
      `${f.cpu(pol.nodeSizeRounding.cpuMillicores)} CPU and ${f.memory(pol.nodeSizeRounding.memoryBytes)}.`,
    2,
    '',
  );
  return out;
}

function notes(r: Report, p: Paint): string | null {
  if (r.notes.length === 0) return null;
  let out = section(p, 'Notes');
  for (const g of groupNotes(r.notes)) {
    const n = g[0]!;
    // Repeated codes (one per pod) are summarised; -o json and -o markdown list every note.
    const folded = g.length > NOTES_LISTED_PER_CODE;
    const more = folded ? ` (and ${g.length - 1} more like it)` : '';
    for (const x of folded ? [n] : g) {
      const text = wrap(`${x.code}: ${x.message}${x.source ? ` (${x.source})` : ''}${more}`, 8, `  ${x.level}`);
      out += x.level === 'info' ? text : p.warn(text.trimEnd()) + '\n';
    }
  }
  return out;
}
