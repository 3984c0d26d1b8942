// Sentences shared by the table and Markdown outputs, so both say the same thing.
// Plain text: the Markdown renderer escapes what comes from input itself.
import type { Component, Report } from '../analyze/report-model.js';
import type { Note } from '../model/snapshot.js';
import { factor, nodeSize } from './format.js';

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

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
  if (fit.fits) return `every steady-state pod fits on ${nodeSize(fit.nodeSize)}`;
  const names = fit.pending.length <= 3 ? ` (${fit.pending.map((x) => `${x.namespace}/${x.name}`).join(', ')})` : '';
  return `does not fit on ${nodeSize(fit.nodeSize)}: ${plural(fit.pending.length, 'pod')} would stay Pending${names}`;
}

export function factorSentence(report: Report): string {
  const f = report.recommendation.reductionFactor;
  if (f.value === null) return 'no safe reduction factor could be given (see the reasons)';
  const band = f.min !== null || f.max !== null ? ` (safe band ${factor(f.min)} to ${factor(f.max)})` : '';
  return `multiply requests and limits in ${reduceScope(report)} by ${factor(f.value)}${band}`;
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

export function sortComponents(cs: Component[]): Component[] {
  return [...cs].sort((a, b) => cmp(a.namespace, b.namespace) || cmp(a.name, b.name));
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
