// buildReport: snapshot (+ layers, policy, target node, distro) → Report. Pure and deterministic:
// no clock, no files, no environment; the same input gives the same bytes.
import { UsageError } from '../errors.js';
import type { Pod, R, Snapshot } from '../model/snapshot.js';
import { note, podKey } from '../model/snapshot.js';
import type { Note } from '../model/snapshot.js';
import type { AssumedDistro, Report, ReportPolicy } from './report-model.js';
import type { NodeSize, Reserved } from './fit.js';
import { defaultReserved, fitPods } from './fit.js';
import { applyDistro, distroEntry, distroNames } from './distro.js';
import { computeLayers, layerNotes } from './layers.js';
import { computeObserved, latestObserved, readings } from './observed.js';
import { effectivePodResources, reducePod } from './pod-resources.js';
import { computeTotals, isSteadyState, podUsage } from './totals.js';
import type { NodeMemoryPeak, SizingPolicy } from './sizing.js';
import { isReducible, recommend } from './sizing.js';
import { plural } from '../text.js';
import { allocatableNote, nodeSizeHint, reportNodes } from './report-nodes.js';

const MI = 2 ** 20;

export const DEFAULT_POLICY: SizingPolicy & { reduceFactor: number | null } = {
  headroomPercent: 15,
  percentile: 95,
  nodeSizeRounding: { cpuMillicores: 500, memoryBytes: 256 * MI },
  reduceNamespaces: null,
  factorStep: 0.01,
  chosenFactorStep: 0.05,
  reduceFactor: null,
};

export interface BuildReportInput {
  snapshot: Snapshot;
  layers?: Array<{ name: string; snapshot: Snapshot }>;
  policy?: Partial<Omit<SizingPolicy, 'factorStep' | 'chosenFactorStep'>> & { reduceFactor?: number | null };
  /** --node-size: the target node's capacity. */
  nodeSize?: NodeSize | null;
  reserved?: Partial<Reserved>;
  distro?: string | null;
  /** --sizes: rank the built-in list of edge boards and VM sizes. */
  sizes?: boolean;
  reproduce: string[];
}

function check(ok: boolean, message: string): void {
  if (!ok) throw new UsageError(message);
}

function resolvePolicy(input: BuildReportInput): SizingPolicy & { reduceFactor: number | null } {
  const p = { ...DEFAULT_POLICY, ...Object.fromEntries(Object.entries(input.policy ?? {}).filter(([, v]) => v !== undefined)) };
  check(Number.isFinite(p.headroomPercent) && p.headroomPercent >= 0 && p.headroomPercent <= 1000, `--headroom must be a percentage from 0 to 1000, got ${p.headroomPercent}`);
  check(Number.isFinite(p.percentile) && p.percentile > 0 && p.percentile <= 100, `--percentile must be in (0, 100], got ${p.percentile}`);
  check(p.nodeSizeRounding.cpuMillicores > 0 && p.nodeSizeRounding.memoryBytes > 0, 'node-size rounding steps must be positive');
  check(
    p.reduceFactor === null || (Number.isFinite(p.reduceFactor) && p.reduceFactor > 0 && p.reduceFactor <= 1),
    `--reduce must be a factor in (0, 1], got ${p.reduceFactor}`,
  );
  return p;
}

function nodeMemoryPeak(snapshot: Snapshot, pods: Pod[], distro: AssumedDistro | null, assumed: ReadonlySet<string>): NodeMemoryPeak {
  const rs = readings(snapshot);
  const hostUsed = rs.map((r) => r.host?.memory.usedBytes ?? null).filter((v): v is number => v !== null);
  if (hostUsed.length) return { bytes: Math.max(...hostUsed), source: 'host-used' };
  const nodeSums = rs
    .map((r) => Object.values(r.nodes).map((n) => n.memoryBytes))
    .filter((xs) => xs.some((x) => x !== null))
    .map((xs) => xs.reduce<number>((a, x) => a + (x ?? 0), 0));
  if (nodeSums.length) return { bytes: Math.max(...nodeSums), source: 'node-working-set' };
  if (distro && distro.host.memoryBytes !== null) {
    // No whole-node reading: the bare OS + the distribution's measured footprint (which already
    // holds its own system pods, so those are left out) + each other steady-state pod's memory
    // usage, or its memory request where its usage is unknown.
    let podMem = 0;
    for (const p of pods) {
      if (!isSteadyState(p) || assumed.has(podKey(p))) continue;
      podMem += podUsage(p)?.memoryBytes ?? effectivePodResources(p).requests.memoryBytes ?? 0;
    }
    return { bytes: (distro.os?.memoryBytes ?? 0) + distro.host.memoryBytes + podMem, source: 'assumed-distro' };
  }
  return { bytes: null, source: null };
}

function nodeCpuPeak(snapshot: Snapshot): number | null {
  const rs = readings(snapshot);
  const sums = rs
    .map((r) => Object.values(r.nodes).map((n) => n.cpuMillicores))
    .filter((xs) => xs.some((x) => x !== null))
    .map((xs) => xs.reduce<number>((a, x) => a + (x ?? 0), 0));
  if (sums.length) return Math.max(...sums);
  const busy = rs
    .map((r) => r.host)
    .filter((h) => h?.cpu.busyPercent != null && h.cpu.cores != null)
    .map((h) => Math.ceil(h!.cpu.busyPercent! * h!.cpu.cores! * 10 - 1e-9));
  return busy.length ? Math.max(...busy) : null;
}

function sourceText(s: Snapshot): string {
  if (s.source.type === 'live') return `live${s.source.context ? ` (context ${s.source.context})` : ''}`;
  const n = s.source.files?.length ?? 0;
  return `import (${plural(n, 'file')})`;
}

export function buildReport(input: BuildReportInput): Report {
  const policy = resolvePolicy(input);
  const reserved: Reserved = { ...defaultReserved(), ...Object.fromEntries(Object.entries(input.reserved ?? {}).filter(([, v]) => v !== undefined)) };
  check(reserved.evictionHardMemoryBytes >= 0, '--eviction-hard memory must not be negative');
  if (input.nodeSize) {
    check(input.nodeSize.cpuMillicores > 0 && input.nodeSize.memoryBytes > 0, '--node-size needs a positive cpu and memory');
  }
  const { snapshot } = input;
  const notes: Note[] = [...snapshot.notes];

  let pods: Pod[] = snapshot.pods;
  let assumed = new Set<string>();
  let distro: AssumedDistro | null = null;
  if (input.distro) {
    const entry = distroEntry(input.distro);
    if (!entry) throw new UsageError(`unknown distribution "${input.distro}" for --assume-distro; known: ${distroNames().join(', ')}`);
    const applied = applyDistro(pods, entry);
    pods = applied.pods;
    assumed = applied.assumed;
    distro = applied.summary;
    notes.push(note('distro-assumed', 'info', `${entry.title}: ${plural(applied.summary.pods.length, 'system pod')} added or completed from the catalog and its host footprint assumed`));
  }
  if (policy.reduceFactor !== null) {
    const f = policy.reduceFactor;
    pods = pods.map((p) => (isReducible(p, policy.reduceNamespaces) ? reducePod(p, f) : p));
  }

  const totals = computeTotals(pods, assumed);
  const observed = computeObserved(snapshot, policy.percentile);
  const layers = input.layers && input.layers.length ? computeLayers(input.layers) : null;
  if (layers) for (const m of layerNotes(layers)) notes.push(note('layer-mixed-measures', 'warn', m));
  const fit = input.nodeSize ? fitPods(pods, input.nodeSize, reserved, assumed) : null;
  if (snapshot.pods.length === 0) notes.push(note('no-pods', 'warn', 'The snapshot has no pods: totals are empty and there is nothing to size.'));

  const recommendation = recommend({
    snapshot,
    pods,
    assumed,
    reserved,
    target: input.nodeSize ?? null,
    nodeMemoryPeak: nodeMemoryPeak(snapshot, pods, distro, assumed),
    nodeCpuPeakMillicores: nodeCpuPeak(snapshot),
    readings: observed.samples,
    policy,
    sizes: input.sizes ?? false,
    distroName: distro?.name ?? null,
  });

  const nodes = reportNodes(snapshot.nodes);
  const hint = nodeSizeHint(nodes, input.nodeSize ?? null);
  if (hint !== null) recommendation.reasons.push(hint);
  const differs = allocatableNote(nodes, input.nodeSize ?? null, fit?.allocatable ?? null);
  if (differs !== null) notes.push(differs);

  const reportPolicy: ReportPolicy = {
    headroomPercent: policy.headroomPercent,
    percentile: policy.percentile,
    nodeSizeRounding: { ...policy.nodeSizeRounding },
    reduceNamespaces: policy.reduceNamespaces,
    reduceFactor: policy.reduceFactor,
    assumedDistro: distro?.name ?? null,
    factorStep: policy.factorStep,
    chosenFactorStep: policy.chosenFactorStep,
  };
  const latest = latestObserved(snapshot);
  const r = (x: R | null) => (x ? { ...x } : null);
  return {
    apiVersion: 'edge-profile/v1',
    kind: 'Report',
    snapshot: {
      takenAt: snapshot.takenAt,
      source: sourceText(snapshot),
      pods: snapshot.pods.length,
      containers: snapshot.pods.reduce((a, p) => a + p.containers.length, 0),
    },
    policy: reportPolicy,
    totals: {
      declared: totals.declared,
      steadyState: totals.steadyState,
      observed: { pods: r(latest.pods), nodes: r(latest.nodes) },
      missing: totals.missing,
    },
    namespaces: totals.namespaces,
    components: totals.components,
    observed,
    layers,
    fit,
    recommendation,
    distro,
    nodes,
    notes,
    reproduce: [...input.reproduce],
  };
}
