// `-o markdown`: a report to paste into docs. GitHub-flavoured tables, a Mermaid pie of the node
// memory budget (GitHub renders ```mermaid fences), every input-derived string escaped.
import type { AssumedDistro, Component, Layer, NamespaceTotals, Report, RequestsLimits, Stats } from '../analyze/report-model.js';
import type { Note, R } from '../model/snapshot.js';
import { memoryBudget } from './budget.js';
import * as f from './format.js';
import { mdCode, mdTable, mdText, mermaidLabel, type Align } from './markdown-text.js';
import {
  basisSentence, bottleneckWord, cmp, componentMarks, factorSentence, fitVerdict, componentsByNamespace, type ComponentGroups, groupNotes, layerFigures, listedNodes, missingSentences, nodeFigures, reduceScope,
} from './words.js';
import { plural } from '../text.js';

const RL_HEAD = ['CPU request', 'CPU limit', 'Memory request', 'Memory limit'];
const RIGHT4: Align[] = ['right', 'right', 'right', 'right'];

export function renderMarkdown(report: Report): string {
  // Sorted once for both tables that list every component.
  const groups = componentsByNamespace(report.components);
  const sections = [
    header(report),
    summary(report),
    budgetSection(report),
    requestsSection(report, groups),
    observedSection(report, groups),
    nodesSection(report),
    layersSection(report),
    fitSection(report),
    recommendationSection(report),
    assumptionsSection(report),
    notesSection(report),
    reproduceSection(report),
  ];
  return sections.filter((s): s is string => s !== null).join('\n');
}

function header(r: Report): string {
  const s = r.snapshot;
  const lines = [
    '# Sizing report',
    '',
    `Snapshot taken ${mdText(s.takenAt)}, source ${mdText(s.source)}: ${plural(s.pods, 'pod')}, ${plural(s.containers, 'container')}.`,
  ];
  if (r.policy.assumedDistro !== null) {
    lines.push(
      `The system pods of **${mdText(r.policy.assumedDistro)}** are assumed from edge-profile's catalog, not captured: they are marked *(assumed)*.`,
    );
  }
  if (r.policy.reduceFactor !== null) {
    lines.push(
      `Requests and limits in ${mdText(reduceScope(r))} were multiplied by ${f.factor(r.policy.reduceFactor)} before anything below was computed.`,
    );
  }
  return lines.join('\n') + '\n';
}

function summary(r: Report): string {
  const rec = r.recommendation;
  const items: string[] = [];
  const verdict = fitVerdict(r);
  if (verdict !== null) items.push(`**Fit:** ${mdText(verdict)}.`);
  items.push(`**Minimum node:** ${f.nodeSize(rec.node)} (bottleneck: ${bottleneckWord(rec.bottleneck)}).`);
  items.push(`**Reduction:** ${mdText(factorSentence(r))}.`);
  const st = r.totals.steadyState.requests;
  items.push(
    st.cpuMillicores === null && st.memoryBytes === null
      ? '**Steady-state requests:** none set.'
      : `**Steady-state requests:** ${f.cpu(st.cpuMillicores)} CPU, ${f.memory(st.memoryBytes)} memory.`,
  );
  const obs = r.totals.observed.nodes;
  if (obs) items.push(`**Observed on the node:** ${f.cpu(obs.cpuMillicores, f.NOT_OBSERVED)} CPU, ${f.memory(obs.memoryBytes, f.NOT_OBSERVED)} memory.`);
  return '## Summary\n\n' + items.map((i) => `- ${i}`).join('\n') + '\n';
}

function budgetSection(r: Report): string | null {
  const b = memoryBudget(r);
  if (b === null) return null;
  const node = f.memory(b.nodeBytes);
  const what = b.basis === 'layers' ? 'memory in use, layer by layer' : 'memory in use outside pods and in pods';
  const slices = b.slices.filter((s) => s.bytes > 0);
  const chart = [
    'pie showData',
    `    title Memory of the ${b.nodeIs} node (${node}), MiB`,
    ...slices.map((s) => `    "${mermaidLabel(s.label)}" : ${f.mebibytes(s.bytes)}`),
  ];
  if (b.freeBytes > 0) chart.push(`    "free" : ${f.mebibytes(b.freeBytes)}`);
  const parts = b.slices.map((s, i) => `${mdText(s.label)} ${i === 0 || b.basis === 'observed' ? '' : '+'}${f.memory(s.bytes)}`);
  const rest =
    b.freeBytes >= 0
      ? `${f.memory(b.freeBytes)} of ${node} left free`
      : `**${f.memory(-b.freeBytes)} more than the node's ${node}**`;
  return [
    '## Node memory budget',
    '',
    `Observed ${what}, against the ${b.nodeIs} node's ${node}: ${parts.join(', ')}; ${rest}.`,
    '',
    mdCode(chart, 'mermaid'),
  ].join('\n');
}

function rlCells(x: RequestsLimits, missing = f.NOT_SET): string[] {
  return [
    f.cpu(x.requests.cpuMillicores, missing),
    f.cpu(x.limits.cpuMillicores, missing),
    f.memory(x.requests.memoryBytes, missing),
    f.memory(x.limits.memoryBytes, missing),
  ];
}

function componentName(c: Component): string {
  const marks = componentMarks(c);
  return mdText(c.name) + (marks.length ? ` *(${marks.map(mdText).join(', ')})*` : '');
}

function requestsSection(r: Report, groups: ComponentGroups): string {
  const out = ['## Requests and limits', ''];
  out.push(
    'Effective pod requests and limits (as kubectl computes them: init containers, sidecars and pod overhead included), summed per component.',
    '',
  );
  if (r.components.length === 0) {
    out.push('The snapshot holds no pods: there is nothing to total.', '');
    return out.join('\n');
  }
  const nsTotals = new Map(r.namespaces.map((n) => [n.namespace, n]));
  for (const [ns, rows] of groups) {
    out.push(`### ${mdText(ns)}`, '');
    const body = rows.map((c) => [componentName(c), ...rlCells(c)]);
    const t = nsTotals.get(ns);
    if (t) body.push(['**Total**', ...totalCells(t.declared, rows)].map((c, i) => (i === 0 ? c : `**${c}**`)));
    out.push(mdTable(['Component', ...RL_HEAD], body, ['left', ...RIGHT4]));
    if (t && rows.some((c) => !c.steadyState)) {
      out.push(`Without Job and finished pods (steady state): ${rlSentence(t.steadyState)}.`, '');
    }
  }
  out.push('### All namespaces', '');
  const body = [...r.namespaces].sort((a, b) => cmp(a.namespace, b.namespace)).map((n: NamespaceTotals) => [mdText(n.namespace), ...rlCells(n.declared)]);
  body.push(['**Total**', ...rlCells(r.totals.declared)].map((c, i) => (i === 0 ? c : `**${c}**`)));
  body.push(['**Steady state**', ...rlCells(r.totals.steadyState)].map((c, i) => (i === 0 ? c : `**${c}**`)));
  out.push(mdTable(['Namespace', ...RL_HEAD], body, ['left', ...RIGHT4]));
  out.push('Steady state leaves out Job pods and finished pods: they free their resources once they complete.', '');
  const missing = missingSentences(r);
  if (missing.length) {
    out.push(
      `Not set is shown as such, never as zero: ${missing.join('; ')}. A missing request counts as zero for scheduling; a missing limit means no cap.`,
      '',
    );
  }
  return out.join('\n');
}

/** The namespace total, noting how many rows had no value in each column. */
function totalCells(total: RequestsLimits, rows: Component[]): string[] {
  const cells = rlCells(total);
  const unset = [
    rows.filter((c) => c.requests.cpuMillicores === null).length,
    rows.filter((c) => c.limits.cpuMillicores === null).length,
    rows.filter((c) => c.requests.memoryBytes === null).length,
    rows.filter((c) => c.limits.memoryBytes === null).length,
  ];
  return cells.map((c, i) => (c === f.NOT_SET ? c : f.withUnset(c, unset[i]!)));
}

function rlSentence(x: RequestsLimits): string {
  const [cr, cl, mr, ml] = rlCells(x);
  return `CPU ${cr} requested, ${cl} limit; memory ${mr} requested, ${ml} limit`;
}

function usageCells(u: R | null): string[] {
  return [f.cpu(u?.cpuMillicores ?? null, f.NOT_OBSERVED), f.memory(u?.memoryBytes ?? null, f.NOT_OBSERVED)];
}

function observedSection(r: Report, groups: ComponentGroups): string {
  const o = r.observed;
  const out = ['## Observed usage', ''];
  if (r.components.length > 0) {
    out.push(`Pod usage as \`kubectl top pod\` reports it (memory is the working set), latest reading; — means not observed.`, '');
    const rows = groups.flatMap(([, cs]) => cs.map((c) => [mdText(c.namespace), componentName(c), ...usageCells(c.usage)]));
    out.push(mdTable(['Namespace', 'Component', 'CPU', 'Memory'], rows, ['left', 'left', 'right', 'right']));
  }
  const totals = [
    ['Pods (sum of `kubectl top pod`)', ...usageCells(r.totals.observed.pods)],
    ['Node (`kubectl top node`)', ...usageCells(r.totals.observed.nodes)],
    ['Outside pods (node − pods: OS, control plane, runtime)', ...usageCells(o.outsidePods)],
  ];
  out.push(mdTable(['Where', 'CPU', 'Memory'], totals, ['left', 'right', 'right']));
  if (o.samples > 1) out.push(statsTable(r));
  if (o.host) out.push(hostSection(r));
  return out.join('\n');
}

function nodesSection(r: Report): string | null {
  const { nodes, more } = listedNodes(r);
  if (nodes.length === 0) return null;
  const out = ['## Nodes', ''];
  out.push('The nodes as the snapshot captured them (`kubectl get nodes`, `describe node`, `top node`); — means not known.', '');
  const rows = nodes.map((n) => [mdText(n.name), ...nodeFigures(n)]);
  out.push(mdTable(
    ['Node', 'CPU capacity', 'Memory capacity', 'CPU allocatable', 'Memory allocatable', 'CPU used', 'Memory used'],
    rows,
    ['left', 'right', 'right', 'right', 'right', 'right', 'right'],
  ));
  if (more > 0) out.push(`… and ${plural(more, 'more node')}: \`-o json\` lists all ${r.nodes.length.toLocaleString('en-US')}.`, '');
  return out.join('\n');
}

function statsTable(r: Report): string {
  const o = r.observed;
  const rows: string[][] = [];
  const cpuRow = (label: string, s: Stats | undefined) => s && rows.push([label, ...statCells(s, (v) => f.cpu(v, f.NOT_OBSERVED))]);
  const memRow = (label: string, s: Stats | undefined) => s && rows.push([label, ...statCells(s, (v) => f.memory(v, f.NOT_OBSERVED))]);
  cpuRow('Pods CPU', o.pods?.cpuMillicores);
  memRow('Pods memory', o.pods?.memoryBytes);
  cpuRow('Node CPU', o.nodes?.cpuMillicores);
  memRow('Node memory', o.nodes?.memoryBytes);
  memRow('Host memory used', o.host?.memory.used);
  memRow('Host memory available', o.host?.memory.available);
  memRow('Swap used', o.host?.memory.swapUsed);
  if (o.host) rows.push(['Host CPU busy', ...statCells(o.host.cpuBusyPercent, f.percentValue)]);
  return `Over ${plural(o.samples, 'reading')}:\n\n` + mdTable(['Figure', 'Mean', 'p95', 'Max', 'Readings'], rows, ['left', 'right', 'right', 'right', 'right']);
}

function statCells(s: Stats, fmt: (v: number | null) => string): string[] {
  return [fmt(s.mean), fmt(s.p95), fmt(s.max), String(s.count)];
}

function hostSection(r: Report): string {
  const h = r.observed.host!;
  const m = h.memory;
  const v = (s: Stats) => f.memory(s.max ?? null, f.NOT_OBSERVED);
  const out = ['### Host', ''];
  out.push(
    `Memory ${f.memory(m.totalBytes, 'unknown')} total: ${v(m.used)} used, ${v(m.available)} available, ${v(m.buffCache)} buff/cache, ${v(m.swapUsed)} swap used` +
      `${r.observed.samples > 1 ? ' (highest reading)' : ''}. CPU ${f.percentValue(h.cpuBusyPercent.max)} busy of ${h.cores === null ? 'unknown cores' : plural(h.cores, 'core')}.`,
    '',
  );
  if (h.groups.length) {
    out.push('Host processes by group (in k0s and k3s the control plane runs here, outside pods, invisible to `kubectl top pod`):', '');
    const rows = h.groups.map((g) => [mdText(g.group), String(g.processes), f.memory(g.residentBytes, f.NOT_OBSERVED), f.percentValue(g.cpuPercent)]);
    out.push(mdTable(['Group', 'Processes', 'Resident memory', 'CPU (% of one core)'], rows, ['left', 'right', 'right', 'right']));
  }
  if (h.topProcesses.length) {
    out.push('Top processes:', '');
    const rows = h.topProcesses.map((p) => [String(p.pid), mdText(p.command), mdText(p.group), f.memory(p.residentBytes, f.NOT_OBSERVED), f.percentValue(p.cpuPercent)]);
    out.push(mdTable(['PID', 'Command', 'Group', 'Resident', 'CPU'], rows, ['right', 'left', 'left', 'right', 'right']));
  }
  return out.join('\n');
}

function layersSection(r: Report): string | null {
  if (!r.layers || r.layers.length === 0) return null;
  const rows = r.layers.map((l) => [
    mdText(l.name),
    ...layerFigures(l),
    layerSource(l),
  ]);
  return [
    '## Layers',
    '',
    'Each layer is a snapshot taken after installing one more piece; what a layer adds is the difference with the one before.',
    '',
    mdTable(
      ['Layer', 'Memory used', 'Adds', 'CPU used', 'Adds', 'CPU requests', 'Memory requests', 'Measured by'],
      rows,
      ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'left'],
    ),
    'Memory from `free` is its "used" column; from `kubectl top node` it is the working set. They measure different things, so a difference between layers measured both ways is an estimate.',
    '',
  ].join('\n');
}

// Records, not ternaries: a source added to the model fails to compile here until it is named.
const MEMORY_SOURCE: Record<NonNullable<Layer['memorySource']>, string> = { 'host-used': '`free`', 'node-working-set': '`top node`' };
const CPU_SOURCE: Record<NonNullable<Layer['cpuSource']>, string> = {
  'node-usage': '`top node`',
  'host-busy': '`top` busy %',
  'host-processes': '`top` processes (lower bound)',
};

function layerSource(l: Layer): string {
  const mem = l.memorySource === null ? null : MEMORY_SOURCE[l.memorySource];
  const cpu = l.cpuSource === null ? null : CPU_SOURCE[l.cpuSource];
  if (mem === null && cpu === null) return '—';
  if (mem === cpu) return mem!;
  return `memory: ${mem ?? '—'}; CPU: ${cpu ?? '—'}`;
}

function fitSection(r: Report): string | null {
  const fit = r.fit;
  if (!fit) return null;
  const rr = fit.reserved;
  const row = (label: string, x: R, missing = f.NOT_SET) => [label, f.cpu(x.cpuMillicores, missing), f.memory(x.memoryBytes, missing)];
  const rows = [
    row('Node capacity', fit.nodeSize),
    row('kube-reserved', rr.kubeReserved),
    row('system-reserved', rr.systemReserved),
    ['Hard eviction threshold', f.NOT_SET, f.memory(rr.evictionHardMemoryBytes)],
    row('**Allocatable**', fit.allocatable),
    row('Requests placed', fit.placedRequests),
    row('Left free', fit.free),
  ];
  const out = [
    `## Fit on ${f.nodeSize(fit.nodeSize)}`,
    '',
    'The scheduler places a pod only if its requests fit in what is left of the node\'s allocatable; host processes and actual usage play no part in that test. Steady-state pods are placed DaemonSets first, then in install order.',
    '',
    mdTable(['', 'CPU', 'Memory'], rows, ['left', 'right', 'right']),
  ];
  if (fit.fits) {
    out.push(`**Fits:** all ${plural(fit.placed.length, 'pod')} placed.`, '');
  } else {
    out.push(`**Does not fit:** ${plural(fit.pending.length, 'pod')} would stay Pending.`, '');
    const rows2 = fit.pending.map((p) => {
      const marks = [p.runToCompletion ? 'runs to completion' : '', p.assumed ? 'assumed' : ''].filter(Boolean);
      return [mdText(p.namespace), mdText(p.name) + (marks.length ? ` *(${marks.join(', ')})*` : ''), mdText(p.reason)];
    });
    out.push(mdTable(['Namespace', 'Pod', 'Why'], rows2));
  }
  return out.join('\n');
}

const PEAK_SOURCE: Record<NonNullable<Report['recommendation']['nodeMemoryPeak']['source']>, string> = {
  'host-used': '`free`\'s "used"',
  'node-working-set': '`kubectl top node`',
  'assumed-distro': 'the assumed distribution footprint',
};

function recommendationSection(r: Report): string {
  const rec = r.recommendation;
  const out = ['## Recommendation', ''];
  out.push(`- Minimum node: **${f.nodeSize(rec.node)}**; bottleneck: ${bottleneckWord(rec.bottleneck)}.`);
  out.push(`- Reduction: ${mdText(factorSentence(r))}.`);
  const basis = basisSentence(r);
  if (basis) out.push(`- ${mdText(basis)}`);
  const peak = rec.nodeMemoryPeak;
  if (peak.bytes !== null) {
    const from = peak.source === null ? 'source unknown' : `from ${PEAK_SOURCE[peak.source]}`;
    out.push(`- Whole-node memory peak used by the memory check: ${f.memory(peak.bytes)} (${from}), plus ${r.policy.headroomPercent}% headroom.`);
  }
  if (rec.target.cpuMillicores !== null || rec.target.memoryBytes !== null) out.push(`- The band was computed for ${f.nodeSize(rec.target)}.`);
  out.push('');
  if (rec.reasons.length) {
    out.push('Why:', '', ...rec.reasons.map((x, i) => `${i + 1}. ${mdText(x)}`), '');
  }
  if (rec.sizes.length) {
    const at = f.factor(rec.reductionFactor.value);
    const yes = (b: boolean) => (b ? 'yes' : 'no');
    const tri = (b: boolean | null) => (b === null ? f.NOT_OBSERVED : yes(b));
    const hasFactor = rec.reductionFactor.value !== null;
    const rows = rec.sizes.map((s) => [
      mdText(s.name), f.cpu(s.node.cpuMillicores), f.memory(s.node.memoryBytes),
      yes(s.fitsAtDefault), ...(hasFactor ? [yes(s.fitsAtRecommended)] : []), f.factor(s.maxFactor), tri(s.memoryFits),
    ]);
    out.push('Common sizes. *Fits* means every pod schedules and the observed whole-node memory peak plus headroom fits too:', '');
    out.push(mdTable(
      ['Size', 'CPU', 'Memory', 'Fits as is', ...(hasFactor ? [`Fits at ${at}`] : []), 'Largest factor that schedules', 'Memory peak fits'],
      rows,
      ['left', 'right', 'right', 'left', ...(hasFactor ? ['left' as const] : []), 'right', 'left'],
    ));
  }
  return out.join('\n');
}

function assumptionsSection(r: Report): string {
  const p = r.policy;
  const items = [
    `Headroom ${p.headroomPercent}% over observed usage; usage percentile p${p.percentile}.`,
    `Node sizes rounded up to steps of ${f.cpu(p.nodeSizeRounding.cpuMillicores)} CPU and ${f.memory(p.nodeSizeRounding.memoryBytes)} memory.`,
    `A reduction factor touches ${mdText(reduceScope(r))}.`,
  ];
  if (r.fit) {
    items.push(
      `Allocatable = capacity − kube-reserved − system-reserved − the kubelet's hard eviction threshold (memory.available ${f.memory(r.fit.reserved.evictionHardMemoryBytes)}).`,
    );
  }
  if (r.distro) items.push(...distroItems(r.distro));
  else if (p.assumedDistro !== null) items.push(`Distribution assumed: ${mdText(p.assumedDistro)}.`);
  items.push('Memory usage is the working set metrics-server reports, not RSS and not `free`\'s "used".');
  return '## Assumptions\n\n' + items.map((i) => `- ${i}`).join('\n') + '\n';
}

function distroItems(d: AssumedDistro): string[] {
  const items: string[] = [];
  const added = d.pods.filter((x) => x.action === 'added').map((x) => `${mdText(x.namespace)}/${mdText(x.name)}`);
  const completed = d.pods.filter((x) => x.action === 'completed').map((x) => `${mdText(x.namespace)}/${mdText(x.name)}`);
  let pods = `Distribution assumed: **${mdText(d.title)}**.`;
  if (added.length) pods += ` Added from its catalog: ${added.join(', ')}.`;
  if (completed.length) pods += ` Requests and limits taken from its catalog for ${completed.join(', ')}.`;
  items.push(pods);
  if (d.host.memoryBytes !== null || d.host.cpuMillicores !== null) {
    items.push(
      `Its host processes (outside pods) are assumed to use ${f.memory(d.host.memoryBytes, 'unknown memory')} and ${f.cpu(d.host.cpuMillicores, 'unknown CPU')}: ${mdText(d.host.basis)}.`,
    );
  }
  if (d.os) items.push(`The bare OS under it: ${f.memory(d.os.memoryBytes, 'unknown')} (${mdText(d.os.basis)}).`);
  if (d.sources.length) items.push(`Sources: ${d.sources.map(mdText).join('; ')}.`);
  return items;
}

function notesSection(r: Report): string | null {
  if (r.notes.length === 0) return null;
  const text = (n: Note) => `${mdText(n.message)}${n.source ? ` (${mdText(n.source)})` : ''}`;
  const items = groupNotes(r.notes).map((g) => {
    const head = `- **${g[0]!.level}** ${mdText(g[0]!.code)}`;
    if (g.length === 1) return `${head}: ${text(g[0]!)}`;
    return [`${head} (${g.length} notes):`, ...g.map((n) => `  - ${text(n)}`)].join('\n');
  });
  return '## Notes\n\n' + items.join('\n') + '\n';
}

function reproduceSection(r: Report): string | null {
  if (r.reproduce.length === 0) return null;
  return '## Reproduce\n\n' + mdCode(r.reproduce, 'sh');
}
