// kubectl's effective pod request/limit (k8s.io/component-helpers resource.PodRequests/PodLimits):
//   max(sum(app) + sum(sidecars), max over init containers i of (init_i + sidecars declared before i))
//   + pod overhead (added to a limit only where that limit is set).
// Init containers and native sidecars are read in the order the pod's `containers` array lists
// them (the order of spec.initContainers); app containers may come anywhere.
//
// Null-aware: a figure is null only when no container sets it. When some containers set it and
// others do not, the figure sums those that do (as the scheduler does: an unset request counts
// as zero) and `missing` counts the long-running containers (app + sidecar) that left it unset,
// so a renderer can say "500Mi (2 containers without a memory request)". Init containers that
// set nothing are not counted as missing: they do not run in the steady state.
import type { Container, Pod, R } from '../model/snapshot.js';

export interface PodMissing {
  cpuRequest: number;
  memoryRequest: number;
  cpuLimit: number;
  memoryLimit: number;
}

export interface PodResources {
  requests: R;
  limits: R;
  missing: PodMissing;
}

type Field = 'requests' | 'limits';
type Dim = 'cpuMillicores' | 'memoryBytes';

/** One dimension of kubectl's formula; null when no container sets it. */
function effective(containers: Container[], field: Field, dim: Dim, factor = 1): number | null {
  let seen = false;
  let steady = 0; // sum(app) + sum(sidecars)
  let sidecarsSoFar = 0;
  let initPeak = 0;
  for (const c of containers) {
    const v = c[field][dim];
    if (v !== null) seen = true;
    const x = v === null ? 0 : factor === 1 ? v : scaleUp(v, factor);
    if (c.type === 'app') {
      steady += x;
    } else if (c.type === 'sidecar') {
      steady += x;
      sidecarsSoFar += x;
      initPeak = Math.max(initPeak, sidecarsSoFar);
    } else {
      initPeak = Math.max(initPeak, x + sidecarsSoFar);
    }
  }
  return seen ? Math.max(steady, initPeak) : null;
}

function withOverhead(v: number | null, overhead: R | null, dim: Dim, isLimit: boolean): number | null {
  const o = overhead?.[dim] ?? null;
  if (o === null) return v;
  if (v === null) return isLimit ? null : o; // overhead is reserved even without requests
  return v + o;
}

// Called for every pod, more than once per report: no closures or intermediate arrays.
export function effectivePodResources(pod: Pod): PodResources {
  const overhead = pod.overhead ?? null;
  const cs = pod.containers;
  const missing: PodMissing = { cpuRequest: 0, memoryRequest: 0, cpuLimit: 0, memoryLimit: 0 };
  for (let i = 0; i < cs.length; i++) {
    const c = cs[i]!;
    if (c.type === 'init') continue;
    if (c.requests.cpuMillicores === null) missing.cpuRequest++;
    if (c.requests.memoryBytes === null) missing.memoryRequest++;
    if (c.limits.cpuMillicores === null) missing.cpuLimit++;
    if (c.limits.memoryBytes === null) missing.memoryLimit++;
  }
  return {
    requests: {
      cpuMillicores: withOverhead(effective(cs, 'requests', 'cpuMillicores'), overhead, 'cpuMillicores', false),
      memoryBytes: withOverhead(effective(cs, 'requests', 'memoryBytes'), overhead, 'memoryBytes', false),
    },
    limits: {
      cpuMillicores: withOverhead(effective(cs, 'limits', 'cpuMillicores'), overhead, 'cpuMillicores', true),
      memoryBytes: withOverhead(effective(cs, 'limits', 'memoryBytes'), overhead, 'memoryBytes', true),
    },
    missing,
  };
}

/**
 * The effective requests of the pod with every container's requests × factor (rounded up), as
 * effectivePodResources(reducePod(pod, factor)).requests would give, unset figures as 0 — without
 * building the reduced pod (the sizing evaluates this for every pod at every factor).
 */
export function requestsAtFactor(pod: Pod, factor: number): { cpu: number; mem: number } {
  return {
    cpu: (effective(pod.containers, 'requests', 'cpuMillicores', factor) ?? 0) + (pod.overhead?.cpuMillicores ?? 0),
    mem: (effective(pod.containers, 'requests', 'memoryBytes', factor) ?? 0) + (pod.overhead?.memoryBytes ?? 0),
  };
}

/**
 * f ↦ Σ over pods of requestsAtFactor(pod, f) — what the sizing's factor search evaluates.
 * Without init containers a pod's effective
 * request is the plain sum of its containers', so those containers are counted by value and
 * each distinct value is scaled once per factor; pods with init containers are grouped by
 * shape (types and requests in order: replicas share one) and each shape evaluated once.
 */
export function summedRequestsAtFactor(pods: Pod[]): (factor: number) => { cpu: number; mem: number } {
  const dims = ['cpuMillicores', 'memoryBytes'] as const;
  const values = { cpuMillicores: new Map<number, number>(), memoryBytes: new Map<number, number>() };
  const shapes = { cpuMillicores: new Map<string, { containers: Container[]; pods: number }>(), memoryBytes: new Map<string, { containers: Container[]; pods: number }>() };
  const overhead = { cpuMillicores: 0, memoryBytes: 0 };
  for (const pod of pods) {
    const withInit = pod.containers.some((c) => c.type === 'init');
    for (const dim of dims) {
      overhead[dim] += pod.overhead?.[dim] ?? 0;
      if (!withInit) {
        for (const c of pod.containers) {
          const v = c.requests[dim];
          if (v !== null) values[dim].set(v, (values[dim].get(v) ?? 0) + 1);
        }
        continue;
      }
      let key = '';
      for (const c of pod.containers) key += `${c.type[0]}${c.requests[dim] ?? '-'},`;
      const shape = shapes[dim].get(key);
      if (shape) shape.pods++;
      else shapes[dim].set(key, { containers: pod.containers, pods: 1 });
    }
  }
  const at = (dim: (typeof dims)[number], f: number): number => {
    let sum = overhead[dim];
    for (const [v, n] of values[dim]) sum += n * scaleUp(v, f);
    for (const s of shapes[dim].values()) sum += s.pods * (effective(s.containers, 'requests', dim, f) ?? 0);
    return sum;
  };
  return (f) => ({ cpu: at('cpuMillicores', f), mem: at('memoryBytes', f) });
}

// ---- helpers on R shared by the analysis ---------------------------------------------------------

/** null + null = null; null + x = x. */
export function addNullable(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return a + b;
}

export function addR(a: R, b: R): R {
  return {
    cpuMillicores: addNullable(a.cpuMillicores, b.cpuMillicores),
    memoryBytes: addNullable(a.memoryBytes, b.memoryBytes),
  };
}

/** acc += b, in place: only for an accumulator the caller owns. */
export function addInto(acc: R, b: R): void {
  acc.cpuMillicores = addNullable(acc.cpuMillicores, b.cpuMillicores);
  acc.memoryBytes = addNullable(acc.memoryBytes, b.memoryBytes);
}

export function sumR(rs: Iterable<R>): R {
  let acc: R = { cpuMillicores: null, memoryBytes: null };
  for (const r of rs) acc = addR(acc, r);
  return acc;
}

/** Both known → a − b; otherwise null. */
export function subR(a: R | null, b: R | null): R | null {
  if (!a || !b) return null;
  const sub = (x: number | null, y: number | null) => (x === null || y === null ? null : x - y);
  const r = { cpuMillicores: sub(a.cpuMillicores, b.cpuMillicores), memoryBytes: sub(a.memoryBytes, b.memoryBytes) };
  return r.cpuMillicores === null && r.memoryBytes === null ? null : r;
}

// ---- reduction ---------------------------------------------------------------------------------

/** Factor as integer millionths, so scaling never drifts through float products. */
const FACTOR_SCALE = 1_000_000n;

/** ceil(value × factor), exact: 100 × 0.07 = 7, not 8. */
export function scaleUp(value: number, factor: number): number {
  const millionths = Math.round(factor * 1_000_000);
  if (value >= 0 && value <= 9_000_000_000) {
    // value × millionths < 2^53: exact in doubles, and so is the remainder
    const n = value * millionths;
    const q = Math.floor(n / 1_000_000);
    const r = n - q * 1_000_000;
    return r > 0 ? q + 1 : q;
  }
  const f = BigInt(millionths);
  const n = BigInt(value) * f;
  const q = n / FACTOR_SCALE;
  return Number(n % FACTOR_SCALE === 0n ? q : q + 1n);
}

function scaleR(r: R, factor: number): R {
  return {
    cpuMillicores: r.cpuMillicores === null ? null : scaleUp(r.cpuMillicores, factor),
    memoryBytes: r.memoryBytes === null ? null : scaleUp(r.memoryBytes, factor),
  };
}

/** The pod with every container's requests and limits × factor, rounded up (overhead untouched). */
export function reducePod(pod: Pod, factor: number): Pod {
  return {
    ...pod,
    containers: pod.containers.map((c) => ({ ...c, requests: scaleR(c.requests, factor), limits: scaleR(c.limits, factor) })),
  };
}
