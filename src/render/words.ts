// Sentences shared by the table and Markdown outputs, so both say the same thing.
// Plain text: the Markdown renderer escapes what comes from input itself.
import type { Component, Layer, Report, ReportNode } from '../analyze/report-model.js';
import type { Note, R } from '../model/snapshot.js';
import * as f from './format.js';
import { factor, nodeSize } from './format.js';
import { clean } from './terminal-text.js';
import { plural } from '../text.js';

/** "all namespaces except kube-system" or "knative-serving, kourier-system". */
export function reduceScope(report: Report): string {
  const ns = report.policy.reduceNamespaces;
  if (ns === null) return 'all namespaces except kube-system';
  if (ns.length === 0) return 'no namespace';
  return ns.join(', ');
}

export function fitVerdict(report: Report): string | null {
  const fit = report.fit;
  if (!fit) return null;
  if (fit.fits) return `all ${plural(fit.placed.length, 'pod')} fit on ${nodeSize(fit.nodeSize)}`;
  const names = fit.pending.length <= 3 ? ` (${fit.pending.map((x) => `${x.namespace}/${x.name}`).join(', ')})` : '';
  return `does not fit on ${nodeSize(fit.nodeSize)}: ${plural(fit.pending.length, 'pod')} would stay Pending${names}`;
}

export function factorSentence(report: Report): string {
  const f = report.recommendation.reductionFactor;
  if (f.value === null) return 'no safe reduction factor could be given (see the reasons)';
  const band = f.min !== null || f.max !== null ? ` (safe band ${factor(f.min)} to ${factor(f.max)})` : '';
  const already = report.policy.reduceFactor !== null ? `, already multiplied by ${factor(report.policy.reduceFactor)},` : '';
  if (f.value >= 1) return `no cut needed: requests and limits in ${reduceScope(report)}${already} can stay as they are${band}`;
  return `multiply requests and limits in ${reduceScope(report)}${already} by ${factor(f.value)}${band}`;
}

export function basisSentence(report: Report): string | null {
  switch (report.recommendation.basis) {
    case 'usage':
      return 'The factor respects the observed usage of every container that has some.';
    case 'requests':
      return 'No usage was observed: the factor rests on requests alone, so it cannot promise that no container is throttled or OOM-killed.';
    default:
      return null;
  }
}

export function bottleneckWord(b: Report['recommendation']['bottleneck']): string {
  return b === 'cpu' ? 'CPU' : b === 'memory' ? 'memory' : 'none named';
}

/** Marks that follow a component's name: "(Job)" for what leaves the steady state, "(assumed)". */
export function componentMarks(c: Component): string[] {
  const marks: string[] = [];
  if (!c.steadyState) marks.push(c.kind === 'Job' || c.kind === 'CronJob' ? c.kind : 'finished');
  if (c.assumed) marks.push('assumed');
  return marks;
}

function sortComponents(cs: Component[]): Component[] {
  return [...cs].sort((a, b) => cmp(a.namespace, b.namespace) || cmp(a.name, b.name));
}

/** Components by namespace: namespaces sorted, components sorted inside each. */
export type ComponentGroups = Array<[string, Component[]]>;

/** Components grouped by namespace in one pass: namespaces sorted, components sorted inside each. */
export function componentsByNamespace(cs: Component[]): ComponentGroups {
  const byNamespace = new Map<string, Component[]>();
  for (const c of cs) {
    const group = byNamespace.get(c.namespace);
    if (group) group.push(c);
    else byNamespace.set(c.namespace, [c]);
  }
  return [...byNamespace.keys()].sort(cmp).map((ns) => [ns, sortComponents(byNamespace.get(ns)!)]);
}

export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function missingSentences(report: Report): string[] {
  const m = report.totals.missing;
  const out: string[] = [];
  const add = (n: number, what: string) => {
    if (n > 0) out.push(`${plural(n, 'container')} ${n === 1 ? 'sets' : 'set'} no ${what}`);
  };
  add(m.containersWithoutCpuRequest, 'CPU request');
  add(m.containersWithoutMemoryRequest, 'memory request');
  add(m.containersWithoutCpuLimit, 'CPU limit');
  add(m.containersWithoutMemoryLimit, 'memory limit');
  if (m.podsWithoutUsage > 0) out.push(`${plural(m.podsWithoutUsage, 'pod')} ${m.podsWithoutUsage === 1 ? 'has' : 'have'} no observed usage`);
  return out;
}

/** A layer's figures after its name: memory used, what it adds, CPU used, what it adds, CPU and memory requests. */
export function layerFigures(l: Layer): string[] {
  return [
    f.memory(l.memoryUsedBytes, f.NOT_OBSERVED),
    f.deltaMemory(l.deltaMemoryBytes),
    f.cpu(l.cpuMillicores, f.NOT_OBSERVED),
    f.deltaCpu(l.deltaCpuMillicores),
    f.cpu(l.requests.cpuMillicores),
    f.memory(l.requests.memoryBytes),
  ];
}

/** A code with more notes than this is summarised in one line on a terminal (table, stderr). */
export const NOTES_LISTED_PER_CODE = 2;

/** Notes grouped by level and code, in order of first appearance: a code repeated per pod reads as one item. */
export function groupNotes(notes: Note[]): Note[][] {
  const groups = new Map<string, Note[]>();
  for (const n of notes) {
    const key = `${n.level}\u0000${n.code}`;
    const g = groups.get(key);
    if (g) g.push(n);
    else groups.set(key, [n]);
  }
  return [...groups.values()];
}

/**
 * Warn and error notes as stderr lines ("warning: FILE:LINE: message"); a code with more than
 * NOTES_LISTED_PER_CODE notes is one line with the count and the first (the snapshot keeps all).
 */
export function warningLines(notes: Note[]): string {
  const text = (n: Note) => clean(`${n.source ? n.source + ': ' : ''}${n.message}`);
  let out = '';
  for (const g of groupNotes(notes.filter((n) => n.level !== 'info'))) {
    const word = g[0]!.level === 'error' ? 'error' : 'warning';
    if (g.length <= NOTES_LISTED_PER_CODE) {
      for (const n of g) out += `${word}: ${text(n)}\n`;
    } else {
      const count = g.length.toLocaleString('en-US');
      out += `${word}: ${g[0]!.code}: ${count} notes (first: ${text(g[0]!)}); all ${count} are in the snapshot's notes\n`;
    }
  }
  return out;
}

/**
 * Nodes a human-readable report lists. A sizing report is about the size of one node: beyond a
 * screenful, a list of a 1000-node cluster's nodes is an inventory (`kubectl get nodes` gives it)
 * that buries the answer, so the table and Markdown list the first NODES_LISTED in snapshot order
 * and count the rest; `-o json` keeps every node.
 */
export const NODES_LISTED = 10;

/** The nodes to list (none when no node has a known figure), and how many are left out. */
export function listedNodes(report: Report): { nodes: ReportNode[]; more: number } {
  const all = report.nodes;
  const known = all.some((n) => n.capacity !== null || n.allocatable !== null || n.usage !== null);
  if (!known) return { nodes: [], more: 0 };
  return { nodes: all.slice(0, NODES_LISTED), more: Math.max(0, all.length - NODES_LISTED) };
}

/** A node's figures after its name: capacity CPU and memory, allocatable CPU and memory, usage CPU and memory; "—" when not known. */
export function nodeFigures(n: ReportNode): string[] {
  const c = (r: R | null) => [f.cpu(r?.cpuMillicores ?? null, f.NOT_OBSERVED), f.memory(r?.memoryBytes ?? null, f.NOT_OBSERVED)];
  return [...c(n.capacity), ...c(n.allocatable), ...c(n.usage)];
}
