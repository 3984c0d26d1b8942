// compareReports: what changed between two reports (a baseline and a current one). PURE.
import type { R, Snapshot } from '../model/snapshot.js';
import type { Component, Report } from './report-model.js';
import type {
  ComparedSide,
  Comparison,
  ComponentChange,
  ComparisonSummary,
  Delta,
  DeltaR,
  DeltaRequestsLimits,
} from './compare-model.js';
import { componentKey, containersByComponent, diffContainers, type ContainerTotals } from './compare-containers.js';
import { evaluateFailRules, type FailRule } from './fail-rules.js';

export interface CompareSide {
  report: Report;
  /** What the side is called in the output: the file name, or "live". */
  label: string;
  /** The snapshot the report was built from; gives per-container changes and the source type. */
  snapshot?: Snapshot | null;
}

export interface CompareOptions {
  /** Keep unchanged components in `components` (they are always counted in `summary`). */
  all?: boolean;
  rules?: FailRule[];
}

export function delta(before: number | null, after: number | null): Delta {
  return { before, after, delta: before === null || after === null ? null : after - before };
}

/** Like delta, for figures that are fractions: the delta is rounded to 4 decimals. */
function floatDelta(before: number | null, after: number | null, places: number): Delta {
  const d = delta(before, after);
  if (d.delta !== null) d.delta = Math.round(d.delta * 10 ** places) / 10 ** places;
  return d;
}

export function deltaR(before: R | null | undefined, after: R | null | undefined): DeltaR {
  return {
    cpuMillicores: delta(before?.cpuMillicores ?? null, after?.cpuMillicores ?? null),
    memoryBytes: delta(before?.memoryBytes ?? null, after?.memoryBytes ?? null),
  };
}

function deltaRL(before: { requests: R; limits: R }, after: { requests: R; limits: R }): DeltaRequestsLimits {
  return { requests: deltaR(before.requests, after.requests), limits: deltaR(before.limits, after.limits) };
}

function sameR(a: R | null, b: R | null): boolean {
  return (a?.cpuMillicores ?? null) === (b?.cpuMillicores ?? null) && (a?.memoryBytes ?? null) === (b?.memoryBytes ?? null);
}

function side(s: CompareSide): ComparedSide {
  const namespaces = s.snapshot
    ? [...new Set(s.snapshot.pods.map((p) => p.namespace))]
    : s.report.namespaces.map((n) => n.namespace);
  return {
    label: s.label,
    takenAt: s.report.snapshot.takenAt,
    source: s.report.snapshot.source,
    sourceType: s.snapshot?.source.type ?? (s.report.snapshot.source.startsWith('live') ? 'live' : 'import'),
    namespaces: namespaces.sort(),
    pods: s.report.snapshot.pods,
  };
}

/** Differences of scope or source the reader must know before trusting the deltas. */
function scopeNotes(before: ComparedSide, after: ComparedSide, b: CompareSide, a: CompareSide): string[] {
  const notes: string[] = [];
  if (before.sourceType !== after.sourceType) {
    notes.push(`BASELINE is ${describeSource(before.sourceType)}, CURRENT is ${describeSource(after.sourceType)}.`);
  }
  const onlyBefore = before.namespaces.filter((n) => !after.namespaces.includes(n));
  const onlyAfter = after.namespaces.filter((n) => !before.namespaces.includes(n));
  if (onlyBefore.length > 0) notes.push(`Namespaces only in BASELINE: ${onlyBefore.join(', ')}.`);
  if (onlyAfter.length > 0) notes.push(`Namespaces only in CURRENT: ${onlyAfter.join(', ')}.`);
  const askedBefore = b.snapshot?.source.namespaces;
  const askedAfter = a.snapshot?.source.namespaces;
  if (askedBefore !== undefined && askedAfter !== undefined && scopeText(askedBefore) !== scopeText(askedAfter)) {
    notes.push(`Collected with different scopes: BASELINE ${scopeText(askedBefore)}, CURRENT ${scopeText(askedAfter)}.`);
  }
  const distroBefore = b.report.policy.assumedDistro;
  const distroAfter = a.report.policy.assumedDistro;
  if (distroBefore !== distroAfter) {
    notes.push(`Assumed distribution differs: BASELINE ${distroBefore ?? 'none'}, CURRENT ${distroAfter ?? 'none'}.`);
  }
  return notes;
}

function describeSource(type: string): string {
  return type === 'live' ? 'a live snapshot' : 'an import of captured files/manifests';
}

function scopeText(namespaces: string[] | null): string {
  return namespaces === null ? 'all namespaces' : `namespaces ${[...namespaces].sort().join(', ')}`;
}

/** Matching key of a component: namespace + owner name, with the kind only where the name is ambiguous. */
function keyer(before: Component[], after: Component[]): (c: Component) => string {
  const ambiguous = new Set<string>();
  for (const list of [before, after]) {
    const seen = new Set<string>();
    for (const c of list) {
      const k = componentKey(c.namespace, c.name);
      if (seen.has(k)) ambiguous.add(k);
      seen.add(k);
    }
  }
  return (c) => {
    const k = componentKey(c.namespace, c.name);
    return ambiguous.has(k) ? `${k}#${c.kind}` : k;
  };
}

function compareComponent(
  b: Component | undefined,
  a: Component | undefined,
  containers: { before: Map<string, ContainerTotals> | undefined; after: Map<string, ContainerTotals> | undefined } | null,
): ComponentChange {
  const either = (a ?? b)!;
  const containerChanges = containers ? diffContainers(containers.before, containers.after) : [];
  let change: ComponentChange['change'];
  if (!b) change = 'added';
  else if (!a) change = 'removed';
  else {
    const same =
      a.kind === b.kind &&
      a.pods === b.pods &&
      a.steadyState === b.steadyState &&
      sameR(a.requests, b.requests) &&
      sameR(a.limits, b.limits) &&
      containerChanges.length === 0;
    change = same ? 'unchanged' : 'changed';
  }
  const out: ComponentChange = {
    namespace: either.namespace,
    name: either.name,
    kind: either.kind,
    change,
    pods: delta(b?.pods ?? null, a?.pods ?? null),
    requests: deltaR(b?.requests, a?.requests),
    limits: deltaR(b?.limits, a?.limits),
    usage: deltaR(b?.usage, a?.usage),
    steadyState: { before: b?.steadyState ?? null, after: a?.steadyState ?? null },
    containers: containerChanges,
  };
  if (a && b && a.kind !== b.kind) out.kindBefore = b.kind;
  return out;
}

/**
 * Compares two reports: totals before/after/delta, fit, recommendation, and per-component
 * changes matched by namespace + owner workload (pod-name hashes do not matter). With the
 * snapshots given, a changed component says which container and which resource moved.
 */
export function compareReports(before: CompareSide, after: CompareSide, opts: CompareOptions = {}): Comparison {
  const b = before.report;
  const a = after.report;
  const key = keyer(b.components, a.components);
  const beforeByKey = new Map(b.components.map((c) => [key(c), c]));
  const afterByKey = new Map(a.components.map((c) => [key(c), c]));
  const beforeContainers = before.snapshot ? containersByComponent(before.snapshot) : null;
  const afterContainers = after.snapshot ? containersByComponent(after.snapshot) : null;

  const keys = [...new Set([...beforeByKey.keys(), ...afterByKey.keys()])];
  const all: ComponentChange[] = keys.map((k) => {
    const bc = beforeByKey.get(k);
    const ac = afterByKey.get(k);
    const c = (ac ?? bc)!;
    const ck = componentKey(c.namespace, c.name);
    const containers =
      beforeContainers && afterContainers ? { before: beforeContainers.get(ck), after: afterContainers.get(ck) } : null;
    return compareComponent(bc, ac, containers);
  });
  all.sort((x, y) => x.namespace.localeCompare(y.namespace) || x.name.localeCompare(y.name) || x.kind.localeCompare(y.kind));

  const summary: ComparisonSummary = { added: 0, removed: 0, changed: 0, unchanged: 0 };
  for (const c of all) summary[c.change]++;

  const beforeSide = side(before);
  const afterSide = side(after);
  const hb = b.observed.host;
  const ha = a.observed.host;
  const comparison: Comparison = {
    apiVersion: 'edge-profile/v1',
    kind: 'Comparison',
    before: beforeSide,
    after: afterSide,
    scope: scopeNotes(beforeSide, afterSide, before, after),
    totals: {
      declared: deltaRL(b.totals.declared, a.totals.declared),
      steadyState: deltaRL(b.totals.steadyState, a.totals.steadyState),
      observed: {
        pods: deltaR(b.totals.observed.pods, a.totals.observed.pods),
        nodes: deltaR(b.totals.observed.nodes, a.totals.observed.nodes),
      },
    },
    host: {
      memoryUsedMaxBytes: delta(hb?.memory.used.max ?? null, ha?.memory.used.max ?? null),
      cpuBusyMaxPercent: floatDelta(hb?.cpuBusyPercent.max ?? null, ha?.cpuBusyPercent.max ?? null, 1),
      outsidePods: deltaR(b.observed.outsidePods, a.observed.outsidePods),
    },
    fit: {
      nodeSize: { before: b.fit?.nodeSize ?? null, after: a.fit?.nodeSize ?? null },
      fits: { before: b.fit?.fits ?? null, after: a.fit?.fits ?? null },
      pending: delta(b.fit ? b.fit.pending.length : null, a.fit ? a.fit.pending.length : null),
    },
    recommendation: {
      node: deltaR(b.recommendation.node, a.recommendation.node),
      reductionFactor: floatDelta(b.recommendation.reductionFactor.value, a.recommendation.reductionFactor.value, 4),
      bottleneck: { before: b.recommendation.bottleneck, after: a.recommendation.bottleneck },
    },
    summary,
    components: opts.all ? all : all.filter((c) => c.change !== 'unchanged'),
    violations: [],
    unevaluated: [],
  };
  if (opts.rules && opts.rules.length > 0) {
    const results = evaluateFailRules(opts.rules, { ...comparison, components: all });
    comparison.violations = results.violations;
    comparison.unevaluated = results.unevaluated;
  }
  return comparison;
}
