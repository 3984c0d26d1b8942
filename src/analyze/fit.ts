// Fit on a target node, as the scheduler's NodeResourcesFit filter decides it: a pod is placed
// when, for cpu and memory, its effective requests are ≤ allocatable − requests already placed.
// Host processes and actual usage play no part. A pod without requests counts as zero.
//
// Order: DaemonSet pods first (the kubelet's node comes up with them), then the other
// steady-state pods in install order (kube-system first, then namespaces in the order they
// appear in the snapshot, snapshot order inside a namespace), then run-to-completion pods
// (Job/CronJob: post-install steps such as Knative's default-domain), which must each get a
// place alongside the steady state while they run. Finished pods are not placed.
import { formatCpu, formatMemory } from '../quantity.js';
import type { Pod, R } from '../model/snapshot.js';
import { podKey } from '../model/snapshot.js';
import type { Fit, PendingPod, PlacedPod } from './report-model.js';
import { effectivePodResources } from './pod-resources.js';
import { componentOf, installOrder, isFinished, isRunToCompletion } from './totals.js';

/** The kubelet's default hard eviction threshold: memory.available<100Mi. */
export const DEFAULT_EVICTION_HARD_MEMORY_BYTES = 100 * 2 ** 20;

export interface Reserved {
  kubeReserved: R;
  systemReserved: R;
  evictionHardMemoryBytes: number;
}

export function defaultReserved(): Reserved {
  return {
    kubeReserved: { cpuMillicores: null, memoryBytes: null },
    systemReserved: { cpuMillicores: null, memoryBytes: null },
    evictionHardMemoryBytes: DEFAULT_EVICTION_HARD_MEMORY_BYTES,
  };
}

export interface NodeSize {
  cpuMillicores: number;
  memoryBytes: number;
}

/** capacity − kube-reserved − system-reserved (− hard eviction threshold for memory), never below 0. */
export function allocatableOf(node: NodeSize, reserved: Reserved): NodeSize {
  const r = (v: number | null) => v ?? 0;
  return {
    cpuMillicores: Math.max(0, node.cpuMillicores - r(reserved.kubeReserved.cpuMillicores) - r(reserved.systemReserved.cpuMillicores)),
    memoryBytes: Math.max(
      0,
      node.memoryBytes - r(reserved.kubeReserved.memoryBytes) - r(reserved.systemReserved.memoryBytes) - reserved.evictionHardMemoryBytes,
    ),
  };
}

/** The order the fit places pods in (finished pods left out). */
export function placementOrder(pods: Pod[]): Pod[] {
  const daemon: Pod[] = [];
  const steady: Pod[] = [];
  const jobs: Pod[] = [];
  for (const p of installOrder(pods)) {
    if (isFinished(p)) continue;
    if (isRunToCompletion(p)) jobs.push(p);
    else if (componentOf(p).kind === 'DaemonSet') daemon.push(p);
    else steady.push(p);
  }
  return [...daemon, ...steady, ...jobs];
}

/** kube-scheduler's words: "Insufficient cpu: needs 300m, 95m free". */
export function insufficient(resource: 'cpu' | 'memory', needs: number, free: number): string {
  const f = resource === 'cpu' ? formatCpu : formatMemory;
  return `Insufficient ${resource}: needs ${f(needs)}, ${f(free)} free`;
}

export function fitPods(pods: Pod[], nodeSize: NodeSize, reserved: Reserved, assumed: ReadonlySet<string> = new Set()): Fit {
  const allocatable = allocatableOf(nodeSize, reserved);
  let usedCpu = 0;
  let usedMem = 0;
  const placed: PlacedPod[] = [];
  const pending: PendingPod[] = [];
  for (const pod of placementOrder(pods)) {
    const req = effectivePodResources(pod).requests;
    const cpu = req.cpuMillicores ?? 0;
    const mem = req.memoryBytes ?? 0;
    const freeCpu = allocatable.cpuMillicores - usedCpu;
    const freeMem = allocatable.memoryBytes - usedMem;
    const reasons: string[] = [];
    if (cpu > freeCpu) reasons.push(insufficient('cpu', cpu, freeCpu));
    if (mem > freeMem) reasons.push(insufficient('memory', mem, freeMem));
    const runToCompletion = isRunToCompletion(pod);
    const isAssumed = assumed.size > 0 && assumed.has(podKey(pod));
    if (reasons.length) {
      pending.push({ namespace: pod.namespace, name: pod.name, reason: reasons.join('; '), runToCompletion, assumed: isAssumed });
    } else {
      usedCpu += cpu;
      usedMem += mem;
      placed.push({ namespace: pod.namespace, name: pod.name, requests: req, runToCompletion, assumed: isAssumed });
    }
  }
  return {
    nodeSize: { ...nodeSize },
    allocatable: { ...allocatable },
    reserved: { kubeReserved: reserved.kubeReserved, systemReserved: reserved.systemReserved, evictionHardMemoryBytes: reserved.evictionHardMemoryBytes },
    fits: pending.length === 0,
    placedRequests: { cpuMillicores: usedCpu, memoryBytes: usedMem },
    free: { cpuMillicores: allocatable.cpuMillicores - usedCpu, memoryBytes: allocatable.memoryBytes - usedMem },
    placed,
    pending,
  };
}
