// The recommendation: the minimum node and a safe reduction factor band. docs/sizing.md spells
// out the algorithm; in short, for the pods in the reducible namespaces:
//   max factor = the largest factor (0.01 steps) at which every non-finished pod schedules on the
//                target node (scheduling fit after reduction);
//   min factor = the smallest factor at which no reduced request falls below that container's
//                observed usage (policy percentile) × (1 + headroom), and no reduced limit below
//                its observed peak × (1 + headroom);
//   value      = 1 when nothing needs cutting, else the max rounded down to 0.05 (kept ≥ min).
// The whole node's observed memory peak + headroom + the eviction threshold must fit in capacity
// whatever the factor (cutting requests does not cut usage).
import { formatCpu, formatMemory, formatMemoryHuman } from '../quantity.js';
import type { Pod, Snapshot } from '../model/snapshot.js';
import type { FactorBound, Recommendation, SizeCandidate } from './report-model.js';
import type { NodeSize, Reserved } from './fit.js';
import { allocatableOf, fitPods } from './fit.js';
import { effectivePodResources, reducePod, requestsAtFactor, summedRequestsAtFactor } from './pod-resources.js';
import { componentOf, isFinished, isSteadyState } from './totals.js';
import { containerReadings, podUsageReadings } from './observed.js';
import { stats } from './stats.js';
import { COMMON_SIZES } from './sizes.js';

export interface SizingPolicy {
  headroomPercent: number;
  percentile: number;
  nodeSizeRounding: { cpuMillicores: number; memoryBytes: number };
  /** null = every namespace except kube-system */
  reduceNamespaces: string[] | null;
  factorStep: number;
  chosenFactorStep: number;
}

export interface NodeMemoryPeak {
  bytes: number | null;
  source: 'host-used' | 'node-working-set' | 'assumed-distro' | null;
}

export interface SizingInput {
  snapshot: Snapshot;
  /** Every pod after --assume-distro and --reduce. */
  pods: Pod[];
  assumed: ReadonlySet<string>;
  reserved: Reserved;
  target: NodeSize | null;
  nodeMemoryPeak: NodeMemoryPeak;
  nodeCpuPeakMillicores: number | null;
  /** How many readings the usage rests on. */
  readings: number;
  policy: SizingPolicy;
  sizes: boolean;
  distroName: string | null;
}

export function isReducible(pod: Pod, namespaces: string[] | null): boolean {
  return namespaces === null ? pod.namespace !== 'kube-system' : namespaces.includes(pod.namespace);
}

const cpuText = (m: number) => formatCpu(m);
const memText = (b: number) => formatMemoryHuman(b);
const nodeText = (n: NodeSize) => `cpu=${formatCpu(n.cpuMillicores)}, memory=${formatMemory(n.memoryBytes)}`;
const fx = (f: number) => `×${f.toFixed(2)}`;
const ceilTo = (v: number, step: number) => Math.max(step, Math.ceil(v / step) * step);
const onGrid = (f: number, step: number, up: boolean) => {
  const n = f / step;
  return (up ? Math.ceil(n - 1e-9) : Math.floor(n + 1e-9)) * step;
};
const round2 = (f: number) => Math.round(f * 100) / 100;


/**
 * Requests of every pod that must be placed (finished pods left out) on the factor grid
 * (ascending), evaluated on demand and remembered. Never decreasing in the factor: every
 * reduced request is a ceiling of value × factor, and sums and maxima keep that order.
 */
export interface DemandCurve {
  factors: number[];
  at(factor: number): { cpu: number; mem: number };
}

export function demandCurve(pods: Pod[], policy: SizingPolicy): DemandCurve {
  const live = pods.filter((p) => !isFinished(p));
  const fixed = { cpu: 0, mem: 0 };
  const reducible: Pod[] = [];
  for (const p of live) {
    if (isReducible(p, policy.reduceNamespaces)) {
      reducible.push(p);
    } else {
      const e = effectivePodResources(p).requests;
      fixed.cpu += e.cpuMillicores ?? 0;
      fixed.mem += e.memoryBytes ?? 0;
    }
  }
  const steps = Math.round(1 / policy.factorStep);
  const factors = Array.from({ length: steps }, (_, i) => round2((i + 1) * policy.factorStep));
  const sum = summedRequestsAtFactor(reducible);
  const known = new Map<number, { cpu: number; mem: number }>();
  return {
    factors,
    at(f) {
      let d = known.get(f);
      if (!d) {
        const s = sum(f);
        known.set(f, (d = { cpu: fixed.cpu + s.cpu, mem: fixed.mem + s.mem }));
      }
      return d;
    },
  };
}

/**
 * Largest factor on the grid (≤ 1) at which every pod schedules, the resource that stops the
 * next step, or null. On one node every pod is placed exactly when the summed requests fit in
 * allocatable (then no pod can find less room than the sum leaves), so the demand curve decides.
 */
export function maxFitFactorOnCurve(
  curve: DemandCurve,
  node: NodeSize,
  reserved: Reserved,
): { factor: number | null; binding: 'cpu' | 'memory' | null } {
  const alloc = allocatableOf(node, reserved);
  const short = (d: { cpu: number; mem: number }): 'cpu' | 'memory' | null =>
    d.cpu > alloc.cpuMillicores ? 'cpu' : d.mem > alloc.memoryBytes ? 'memory' : null;
  // The curve never decreases, so the factors that fit are those below some point: binary search.
  const fs = curve.factors;
  if (fs.length === 0) return { factor: null, binding: null };
  if (short(curve.at(fs[fs.length - 1]!)) === null) return { factor: fs[fs.length - 1]!, binding: null };
  let lo = -1; // fs[lo] fits (-1: none known to)
  let hi = fs.length - 1; // fs[hi] does not fit
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (short(curve.at(fs[mid]!)) === null) lo = mid;
    else hi = mid;
  }
  return { factor: lo < 0 ? null : fs[lo]!, binding: short(curve.at(fs[hi]!)) };
}

export function maxFitFactor(
  pods: Pod[],
  node: NodeSize,
  reserved: Reserved,
  policy: SizingPolicy,
): { factor: number | null; binding: 'cpu' | 'memory' | null } {
  return maxFitFactorOnCurve(demandCurve(pods, policy), node, reserved);
}

interface UsageFloor extends FactorBound {
  /** Built only for the binding floor: formatting every floor's figures costs more than the sizing. */
  sentence: () => string;
}

export interface UsageFloors {
  /** The highest floor (the first of equals, in pod order): the band's lower edge. */
  binding: UsageFloor | null;
  /** How many floors were checked. */
  count: number;
  /** Subjects (namespace/component[/container]) that declare something but have no usage. */
  unknown: string[];
  /** Subjects with usage. */
  known: number;
}

/**
 * Lower bounds from observed usage. Only the binding floor is kept: at 100k containers keeping
 * each of the ~400k floors (and its subject text) dominated the report's memory.
 */
export function usageFloors(input: Pick<SizingInput, 'snapshot' | 'pods' | 'policy'>): UsageFloors {
  const { policy } = input;
  const h = 1 + policy.headroomPercent / 100;
  const unknown: string[] = [];
  let binding: UsageFloor | null = null;
  let count = 0;
  let known = 0;
  const pods = input.pods.filter((p) => isSteadyState(p) && isReducible(p, policy.reduceNamespaces));
  // The subject (the pod's component, and the container when there is one) is worded only for a new binding floor.
  const add = (pod: Pod, container: string | null, kind: FactorBound['kind'], declared: number | null, used: number | null, what: string) => {
    if (declared === null || declared <= 0 || used === null) return;
    count++;
    const factor = (used * h) / declared;
    if (binding !== null && !(factor > binding.factor)) return;
    const need = used * h;
    const subject = container === null ? componentKey(pod) : `${componentKey(pod)}/${container}`;
    binding = { kind, subject, factor, sentence: () => floorSentence(kind, subject, declared, used, need, what, factor, policy) };
  };
  const byComponent = new Map<string, Pod[]>();
  for (const pod of pods) {
    const readings = containerReadings(input.snapshot, pod);
    if (readings.some((rs) => rs.some((r) => r !== null))) {
      pod.containers.forEach((c, i) => {
        if (c.type === 'init') return;
        const rs = readings[i]!;
        if (!rs.some((r) => r !== null)) {
          if (c.requests.cpuMillicores !== null || c.requests.memoryBytes !== null) unknown.push(`${componentKey(pod)}/${c.name}`);
          return;
        }
        known++;
        const cpu = stats(rs.map((r) => r?.cpuMillicores ?? null), policy.percentile);
        const mem = stats(rs.map((r) => r?.memoryBytes ?? null), policy.percentile);
        add(pod, c.name, 'usage-cpu-request', c.requests.cpuMillicores, cpu.p95, `p${policy.percentile} CPU`);
        add(pod, c.name, 'usage-memory-request', c.requests.memoryBytes, mem.p95, `p${policy.percentile} memory`);
        add(pod, c.name, 'usage-cpu-limit', c.limits.cpuMillicores, cpu.max, 'peak CPU');
        add(pod, c.name, 'usage-memory-limit', c.limits.memoryBytes, mem.max, 'peak memory');
      });
      continue;
    }
    const key = componentKey(pod);
    const group = byComponent.get(key);
    if (group) group.push(pod);
    else byComponent.set(key, [pod]);
  }
  // Without per-container usage: the component's summed pod requests against its summed pod
  // usage (also joins a pod known only from `kubectl top` with its declared twin).
  for (const [subject, group] of byComponent) {
    const effs = group.map((p) => effectivePodResources(p));
    const sum = (xs: Array<number | null>) => (xs.some((x) => x !== null) ? xs.reduce<number>((a, x) => a + (x ?? 0), 0) : null);
    const usageStats = group.map((p) => {
      const rs = podUsageReadings(input.snapshot, p);
      return {
        cpu: stats(rs.map((r) => r?.cpuMillicores ?? null), policy.percentile),
        mem: stats(rs.map((r) => r?.memoryBytes ?? null), policy.percentile),
      };
    });
    const declaresSomething = effs.some((e) => e.requests.cpuMillicores !== null || e.requests.memoryBytes !== null || e.limits.cpuMillicores !== null || e.limits.memoryBytes !== null);
    if (!usageStats.some((u) => u.cpu.count + u.mem.count > 0)) {
      if (declaresSomething) unknown.push(subject);
      continue;
    }
    if (!declaresSomething) continue;
    known++;
    const first = group[0]!;
    add(first, null, 'usage-cpu-request', sum(effs.map((e) => e.requests.cpuMillicores)), sum(usageStats.map((u) => u.cpu.p95)), `p${policy.percentile} CPU`);
    add(first, null, 'usage-memory-request', sum(effs.map((e) => e.requests.memoryBytes)), sum(usageStats.map((u) => u.mem.p95)), `p${policy.percentile} memory`);
    add(first, null, 'usage-cpu-limit', sum(effs.map((e) => e.limits.cpuMillicores)), sum(usageStats.map((u) => u.cpu.max)), 'peak CPU');
    add(first, null, 'usage-memory-limit', sum(effs.map((e) => e.limits.memoryBytes)), sum(usageStats.map((u) => u.mem.max)), 'peak memory');
  }
  return { binding, count, unknown, known };
}

/** "namespace/component": how a usage floor names its workload. */
function componentKey(pod: Pod): string {
  const id = componentOf(pod);
  return `${id.namespace}/${id.name}`;
}

function floorSentence(kind: string, subject: string, declared: number, used: number, need: number, what: string, factor: number, policy: SizingPolicy): string {
  const dim = kind.includes('cpu') ? 'cpu' : 'memory';
  const show = (v: number) => (dim === 'cpu' ? cpuText(Math.ceil(v)) : memText(Math.ceil(v)));
  const isLimit = kind.endsWith('limit');
  const risk = isLimit
    ? dim === 'cpu'
      ? 'it would be throttled'
      : 'it would be OOM-killed'
    : dim === 'cpu'
      ? 'it would be starved of CPU when the node is busy'
      : 'it would be first in line for eviction under memory pressure';
  return `Below ${fx(onGrid(factor, policy.factorStep, true))} the ${dim} ${isLimit ? 'limit' : 'request'} of ${subject} (${show(declared)}) would fall under its observed ${what} ${show(used)} + ${policy.headroomPercent}% headroom = ${show(need)}: ${risk}.`;
}

/** Requests of every pod that must be placed (not finished), at a factor. */
function requestsAt(pods: Pod[], factor: number, policy: SizingPolicy): { cpu: number; mem: number } {
  let cpu = 0;
  let mem = 0;
  for (const p of pods) {
    if (isFinished(p)) continue;
    const e = requestsAtFactor(p, isReducible(p, policy.reduceNamespaces) ? factor : 1);
    cpu += e.cpu;
    mem += e.mem;
  }
  return { cpu, mem };
}

function memoryNeed(peak: NodeMemoryPeak, reserved: Reserved, headroomPercent: number): number | null {
  if (peak.bytes === null) return null;
  return Math.ceil((peak.bytes * (100 + headroomPercent)) / 100) + reserved.evictionHardMemoryBytes;
}

function emptyRecommendation(reason: string, target: NodeSize | null, peak: NodeMemoryPeak): Recommendation {
  return {
    node: { cpuMillicores: null, memoryBytes: null },
    reductionFactor: { value: null, min: null, max: null },
    bottleneck: null,
    reasons: [reason],
    basis: null,
    sizes: [],
    bounds: { min: null, max: null },
    target: target ? { ...target } : { cpuMillicores: null, memoryBytes: null },
    nodeMemoryPeak: { ...peak },
  };
}

export function recommend(input: SizingInput): Recommendation {
  const { pods, policy, reserved } = input;
  const live = pods.filter((p) => !isFinished(p));
  if (live.length === 0) {
    return emptyRecommendation(
      pods.length === 0 ? 'The snapshot has no pods: there is nothing to size.' : 'Every pod in the snapshot has finished: there is nothing running to size.',
      input.target,
      input.nodeMemoryPeak,
    );
  }
  const reasons: string[] = [];
  const h = policy.headroomPercent;
  const reducible = live.filter((p) => isReducible(p, policy.reduceNamespaces));
  const nsText = policy.reduceNamespaces === null ? 'every namespace except kube-system' : policy.reduceNamespaces.join(', ');

  // ---- lower bound from usage ----
  const { binding, unknown, known } = usageFloors(input);
  const basis: Recommendation['basis'] = reducible.length === 0 ? null : known > 0 ? 'usage' : 'requests';
  const min = binding ? round2(onGrid(binding.factor, policy.factorStep, true)) : null;

  // ---- minimum node ----
  const sizingFactor = min === null ? 1 : Math.min(1, Math.max(min, policy.factorStep));
  const req = requestsAt(pods, sizingFactor, policy);
  const cpuReserved = (reserved.kubeReserved.cpuMillicores ?? 0) + (reserved.systemReserved.cpuMillicores ?? 0);
  const memReserved = (reserved.kubeReserved.memoryBytes ?? 0) + (reserved.systemReserved.memoryBytes ?? 0);
  const memUsageNeed = memoryNeed(input.nodeMemoryPeak, reserved, h);
  const cpuUsageNeed = input.nodeCpuPeakMillicores === null ? null : Math.ceil((input.nodeCpuPeakMillicores * (100 + h)) / 100);
  const cpuNeed = Math.max(req.cpu + cpuReserved, cpuUsageNeed ?? 0);
  const memNeed = Math.max(req.mem + memReserved + reserved.evictionHardMemoryBytes, memUsageNeed ?? 0);
  const node: NodeSize = {
    cpuMillicores: ceilTo(cpuNeed, policy.nodeSizeRounding.cpuMillicores),
    memoryBytes: ceilTo(memNeed, policy.nodeSizeRounding.memoryBytes),
  };
  const target = input.target ?? node;
  const targetText = input.target ? `the target node (${nodeText(target)})` : `the minimum node (${nodeText(target)})`;

  // ---- fit at the declared requests, and the upper bound ----
  const atDefault = fitPods(pods, target, reserved, input.assumed);
  const alloc = allocatableOf(target, reserved);
  const allocText = `allocatable ${cpuText(alloc.cpuMillicores)} CPU and ${memText(alloc.memoryBytes)} memory`;
  if (atDefault.fits) {
    reasons.push(
      `With the declared requests every pod schedules on ${targetText}: they request ${cpuText(atDefault.placedRequests.cpuMillicores!)} CPU and ${memText(atDefault.placedRequests.memoryBytes!)} of its ${allocText}; no cut is needed to fit.`,
    );
  } else {
    const shown = atDefault.pending.slice(0, 3);
    const listed = shown
      .map((p) => `${p.namespace}/${p.name}: "${p.reason}"${p.runToCompletion ? " (a Job's pod: it frees its resources once done, but it must first get a place next to the steady-state pods)" : ''}`)
      .join('; ');
    const more = atDefault.pending.length > shown.length ? `; and ${atDefault.pending.length - shown.length} more` : '';
    reasons.push(
      `With the declared requests ${atDefault.pending.length === 1 ? '1 pod stays' : `${atDefault.pending.length} pods stay`} Pending on ${targetText}, ${allocText}: ${listed}${more}. The scheduler adds up the requests of the pods on the node and compares them with allocatable; how idle the host is plays no part.`,
    );
  }
  const curve = demandCurve(pods, policy);
  const maxFit = maxFitFactorOnCurve(curve, target, reserved);
  const max = maxFit.factor;
  let maxBound: FactorBound | null = null;
  if (max === null) {
    reasons.push(
      `Even ${fx(policy.factorStep)} does not make every pod fit: the pods outside the reducible namespaces (${nsText}) alone need more ${maxFit.binding ?? 'resources'} than ${targetText} allocates.`,
    );
  } else if (max < 1) {
    maxBound = { kind: `fit-${maxFit.binding}`, subject: null, factor: max };
    const r = requestsAt(pods, max, policy);
    reasons.push(
      `Cut to ${fx(max)} or less, the requests of the pods in ${nsText} fit: the node's pods then request ${cpuText(r.cpu)} CPU and ${memText(r.mem)} of its ${allocText}; at ${fx(round2(max + policy.factorStep))} ${maxFit.binding} no longer fits.`,
    );
  }

  // ---- lower bound sentences ----
  if (binding) reasons.push(binding.sentence());
  if (basis === 'requests') {
    reasons.push(`No usage was observed for the pods in ${nsText}: the factor rests on requests alone, and nothing bounds it from below. Measure usage (kubectl top, or edge-profile snapshot --samples) before cutting.`);
  } else if (unknown.length > 0) {
    reasons.push(`No usage was observed for ${unknown.join(', ')}: for ${unknown.length === 1 ? 'it' : 'them'} the factor rests on requests alone.`);
  }
  if (basis === 'usage' && input.readings <= 1) {
    reasons.push(`Usage comes from a single reading, so p${policy.percentile} and peak are that reading: a longer window (several samples under real load) makes the lower bound safer.`);
  }

  // ---- chosen value ----
  let value: number | null = null;
  let bottleneck: Recommendation['bottleneck'] = null;
  if (reducible.length === 0) {
    reasons.push(`No pods are in the reducible namespaces (${nsText}): there is nothing a factor can cut.`);
    value = atDefault.fits ? 1 : null;
  } else if (max === null || (min !== null && min > max)) {
    value = null;
    if (max !== null && min !== null) {
      reasons.push(`No factor is safe on ${targetText}: fitting needs ${fx(max)} or less, but observed usage needs ${fx(min)} or more. Use a bigger node.`);
    }
  } else if (max >= 1) {
    value = 1;
  } else {
    const rounded = round2(onGrid(max, policy.chosenFactorStep, false));
    value = min !== null && rounded < min ? max : rounded;
    reasons.push(
      `Chosen ${fx(value)}: the gentlest cut on the ${policy.chosenFactorStep} grid inside the safe band [${min === null ? 'none' : fx(min)}, ${fx(max)}]; any factor in the band passes these checks.`,
    );
  }
  if (max !== null && max < 1) bottleneck = maxFit.binding;
  else if (max === null) bottleneck = maxFit.binding;

  // ---- whole-node memory ----
  const peak = input.nodeMemoryPeak;
  const targetMemNeed = memoryNeed(peak, reserved, h);
  if (peak.bytes !== null && targetMemNeed !== null) {
    const src =
      peak.source === 'host-used'
        ? "the host's used memory"
        : peak.source === 'node-working-set'
          ? 'the node working set (kubectl top node; it counts active page cache, which the kernel can reclaim, so on a smaller node it is usually lower)'
          : "an estimate: the bare OS and the distribution's measured footprint (assumed) plus each pod's memory usage, or its request where usage is unknown";
    const fitsMem = targetMemNeed <= target.memoryBytes;
    reasons.push(
      `Observed whole-node memory peaks at ${memText(peak.bytes)}, from ${src}; + ${h}% headroom + the ${memText(reserved.evictionHardMemoryBytes)} eviction threshold = ${memText(targetMemNeed)}, which ${fitsMem ? 'fits in' : 'exceeds'} the ${memText(target.memoryBytes)} of ${targetText}${fitsMem ? '' : ': cutting requests does not cut usage, so expect memory pressure and evictions there'}.`,
    );
    if (!fitsMem) bottleneck = 'memory';
  } else {
    reasons.push('No whole-node memory reading (free, /proc or kubectl top node): the node size rests on requests, not on what the node actually used.');
  }
  if (bottleneck === null) {
    const cpuRatio = atDefault.placedRequests.cpuMillicores! / Math.max(1, alloc.cpuMillicores);
    const memRatio = Math.max(atDefault.placedRequests.memoryBytes! / Math.max(1, alloc.memoryBytes), targetMemNeed === null ? 0 : targetMemNeed / target.memoryBytes);
    bottleneck = cpuRatio >= memRatio ? 'cpu' : 'memory';
  }

  reasons.push(
    `Minimum node: ${nodeText(node)} — requests at ${fx(sizingFactor)} (${cpuText(req.cpu)} CPU, ${memText(req.mem)})${cpuReserved || memReserved ? ' plus kube/system-reserved' : ''} plus the eviction threshold${memUsageNeed !== null ? ', and the observed whole-node memory plus headroom' : ''}${cpuUsageNeed !== null ? ', and the observed node CPU plus headroom' : ''}, rounded up to steps of ${cpuText(policy.nodeSizeRounding.cpuMillicores)} CPU and ${memText(policy.nodeSizeRounding.memoryBytes)}.`,
  );
  if (input.distroName) {
    reasons.push(`${input.distroName}'s system pods and host footprint come from the distribution catalog (assumed, not observed in this snapshot).`);
  }

  const sizes: SizeCandidate[] = input.sizes
    ? COMMON_SIZES.map((s) => {
        const size: NodeSize = { cpuMillicores: s.cpuMillicores, memoryBytes: s.memoryBytes };
        const mf = maxFitFactorOnCurve(curve, size, reserved).factor;
        const need = memoryNeed(peak, reserved, h);
        const memoryFits = need === null ? null : need <= size.memoryBytes;
        const safe = mf !== null && (min === null || mf >= min);
        return {
          name: s.name,
          node: { ...size },
          fitsAtDefault: mf === 1 && memoryFits !== false,
          fitsAtRecommended: safe && value !== null && mf >= value && memoryFits !== false,
          maxFactor: mf,
          memoryFits,
        };
      })
    : [];

  return {
    node: { ...node },
    reductionFactor: { value, min, max },
    bottleneck,
    reasons,
    basis,
    sizes,
    bounds: { min: binding ? { kind: binding.kind, subject: binding.subject, factor: round2(onGrid(binding.factor, policy.factorStep, true)) } : null, max: maxBound },
    target: { ...target },
    nodeMemoryPeak: { ...peak },
  };
}

