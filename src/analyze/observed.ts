// What was observed: pod usage (sum of `kubectl top pod`), node usage (`top node`), host memory
// and CPU (free / top / /proc) over the sampling window, and host processes grouped by role.
// In k0s/k3s the control plane runs outside pods: node usage − pod usage shows it.
import type { Host, HostProcess, Pod, R, Sample, Snapshot } from '../model/snapshot.js';
import { podKey } from '../model/snapshot.js';
import type { HostProcessGroup, HostProcessRow, Observed, ObservedHost } from './report-model.js';
import { subR, sumR } from './pod-resources.js';
import { podUsage } from './totals.js';
import { stats, statsR } from './stats.js';

const CONTROL_PLANE = [
  'kube-apiserver',
  'kube-controller-manager',
  'kube-scheduler',
  'kine',
  'etcd',
  'k0s',
  'k3s',
  'k3s-server',
  'k3s-agent',
  'kubelet',
  'konnectivity-server',
  'konnectivity-agent',
];
const RUNTIME = ['containerd', 'runc', 'dockerd', 'cri-dockerd', 'crio', 'conmon'];
/** `top` cuts COMMAND to its column (often 15 characters): "kube-controller". */
const MIN_TRUNCATED = 6;

function baseName(command: string): string {
  const first = command.trim().split(/\s+/)[0] ?? '';
  return first.slice(first.lastIndexOf('/') + 1);
}

function matches(name: string, known: string): boolean {
  if (name === known) return true;
  if (name.length >= MIN_TRUNCATED && known.startsWith(name)) return true; // truncated by top
  return name.startsWith(`${known}-`) || name.startsWith(`${known}:`);
}

/**
 * control-plane: the Kubernetes control plane and kubelet; container-runtime: containerd and its
 * shims, runc, dockerd; workload: a process whose name is one of the snapshot's container names
 * (or a truncation of one); os: everything else.
 */
export function processGroup(command: string, containerNames: ReadonlySet<string> = new Set()): HostProcessGroup {
  const name = baseName(command);
  if (CONTROL_PLANE.some((k) => matches(name, k))) return 'control-plane';
  if (name.startsWith('containerd-shim') || RUNTIME.some((k) => matches(name, k))) return 'container-runtime';
  for (const c of containerNames) if (matches(name, c)) return 'workload';
  return 'os';
}

/** One reading of the window, as the report uses it: host, node usage, and the pods' summed usage. */
export interface Reading {
  host: Host | null;
  nodes: Record<string, R>;
  /** Sum of pod usage over the pods that have a reading; null when none has. */
  pods: R | null;
}

/** Every reading of the window: the samples when the snapshot has them, else its latest reading. */
export function readings(snapshot: Snapshot): Reading[] {
  let rs = readingsCache.get(snapshot);
  if (!rs) readingsCache.set(snapshot, (rs = buildReadings(snapshot)));
  return rs;
}

/** The report asks several times per snapshot; summing walks every pod. */
const readingsCache = new WeakMap<Snapshot, Reading[]>();

function buildReadings(snapshot: Snapshot): Reading[] {
  const samples = snapshot.samples ?? [];
  const latestPods = () => sumOrNull(snapshot.pods.map(podUsage));
  if (samples.length === 0) return [{ host: snapshot.host, nodes: latestNodes(snapshot), pods: latestPods() }];
  const rs: Reading[] = samples.map((x) => ({ host: x.host, nodes: x.nodes, pods: sumOrNull(Object.values(x.pods).map(samplePodUsage)) }));
  // A kind of reading no sample carries (e.g. a host captured once next to sampled `top`) is
  // taken from the snapshot's latest reading rather than lost.
  const last = rs[rs.length - 1]!;
  if (!samples.some((x) => x.host !== null)) last.host = snapshot.host;
  if (!samples.some((x) => hasKeys(x.nodes))) last.nodes = latestNodes(snapshot);
  if (!samplesHavePods(snapshot)) last.pods = latestPods();
  return rs;
}

function latestNodes(snapshot: Snapshot): Record<string, R> {
  const nodes: Record<string, R> = {};
  for (const n of snapshot.nodes) if (n.usage) nodes[n.name] = n.usage;
  return nodes;
}

function samplePodUsage(entry: Sample['pods'][string] | undefined): R | null {
  if (!entry) return null;
  if (entry.usage) return entry.usage;
  const cs = Object.values(entry.containers);
  return cs.length ? sumR(cs) : null;
}

function hasKeys(o: object): boolean {
  for (const _ in o) return true;
  return false;
}

/**
 * Whether some sample holds pod readings. Asked per pod, and enumerating the keys of a sample
 * of thousands of pods is not cheap (for…in first builds its key cache): answered once per snapshot.
 */
function samplesHavePods(snapshot: Snapshot): boolean {
  let have = samplesHavePodsCache.get(snapshot);
  if (have === undefined) samplesHavePodsCache.set(snapshot, (have = snapshot.samples?.some((s) => hasKeys(s.pods)) ?? false));
  return have;
}
const samplesHavePodsCache = new WeakMap<Snapshot, boolean>();

/** Usage readings of one pod over the window (null where a reading lacks it). */
export function podUsageReadings(snapshot: Snapshot, pod: Pod): Array<R | null> {
  if (!snapshot.samples || !samplesHavePods(snapshot)) return [podUsage(pod)];
  return snapshot.samples.map((s) => samplePodUsage(s.pods[podKey(pod)]));
}

/** Usage readings of each of the pod's containers over the window (in `pod.containers` order). */
export function containerReadings(snapshot: Snapshot, pod: Pod): Array<Array<R | null>> {
  if (!snapshot.samples || !samplesHavePods(snapshot)) return pod.containers.map((c) => [c.usage]);
  const key = podKey(pod);
  const entries = snapshot.samples.map((s) => s.pods[key]);
  return pod.containers.map((c) => entries.map((e) => e?.containers[c.name] ?? null));
}

function sumOrNull(rs: Array<R | null>): R | null {
  const known = rs.filter((r): r is R => r !== null);
  return known.length ? sumR(known) : null;
}

function groupProcesses(processes: HostProcess[], containerNames: ReadonlySet<string>): ObservedHost['groups'] {
  const order: HostProcessGroup[] = ['control-plane', 'container-runtime', 'workload', 'os'];
  return order.map((group) => {
    const ps = processes.filter((p) => processGroup(p.command, containerNames) === group);
    const rss = ps.filter((p) => p.residentBytes !== null);
    const cpu = ps.filter((p) => p.cpuPercent !== null);
    return {
      group,
      residentBytes: rss.length ? rss.reduce((a, p) => a + (p.residentBytes as number), 0) : null,
      // tenths of a percent summed as integers, so 1.7 + 1.0 + … does not drift
      cpuPercent: cpu.length ? cpu.reduce((a, p) => a + Math.round((p.cpuPercent as number) * 10), 0) / 10 : null,
      processes: ps.length,
    };
  });
}

const TOP_PROCESSES = 15;

function observedHost(hosts: Host[], percentile: number, containerNames: ReadonlySet<string>): ObservedHost | null {
  if (hosts.length === 0) return null;
  const latest = hosts[hosts.length - 1]!;
  const withProcesses = [...hosts].reverse().find((h) => h.processes.length > 0) ?? null;
  const procs = withProcesses?.processes ?? [];
  const topProcesses: HostProcessRow[] = [...procs]
    .sort((a, b) => (b.residentBytes ?? -1) - (a.residentBytes ?? -1) || (b.cpuPercent ?? -1) - (a.cpuPercent ?? -1) || a.pid - b.pid)
    .slice(0, TOP_PROCESSES)
    .map((p) => ({ pid: p.pid, command: p.command, group: processGroup(p.command, containerNames), residentBytes: p.residentBytes, cpuPercent: p.cpuPercent }));
  return {
    memory: {
      totalBytes: latest.memory.totalBytes,
      used: stats(hosts.map((h) => h.memory.usedBytes), percentile),
      available: stats(hosts.map((h) => h.memory.availableBytes), percentile),
      buffCache: stats(hosts.map((h) => h.memory.buffCacheBytes), percentile),
      swapUsed: stats(hosts.map((h) => h.memory.swapUsedBytes), percentile),
    },
    cpuBusyPercent: stats(hosts.map((h) => h.cpu.busyPercent), percentile, false),
    cores: latest.cpu.cores,
    groups: groupProcesses(procs, containerNames),
    topProcesses,
  };
}

/** Container names of the snapshot's pods: how a host process is recognised as a workload. */
export function containerNamesOf(pods: Pod[]): Set<string> {
  const names = new Set<string>();
  for (const p of pods) for (const c of p.containers) names.add(c.name);
  return names;
}

export function computeObserved(snapshot: Snapshot, percentile = 95): Observed {
  const rs = readings(snapshot);
  const podSums = rs.map((s) => s.pods);
  const nodeSums = rs.map((s) => sumOrNull(Object.values(s.nodes)));
  const hosts = rs.map((s) => s.host).filter((h): h is Host => h !== null);
  const latestPods = podSums[podSums.length - 1] ?? null;
  const latestNodes = nodeSums[nodeSums.length - 1] ?? null;
  return {
    pods: podSums.some((r) => r !== null) ? statsR(podSums, percentile) : null,
    nodes: nodeSums.some((r) => r !== null) ? statsR(nodeSums, percentile) : null,
    host: observedHost(hosts, percentile, containerNamesOf(snapshot.pods)),
    outsidePods: subR(latestNodes, latestPods),
    samples: rs.length,
  };
}

/** Latest reading of the sums: what the contract's totals.observed holds. */
export function latestObserved(snapshot: Snapshot): { pods: R | null; nodes: R | null } {
  const rs = readings(snapshot);
  const last = rs[rs.length - 1];
  if (!last) return { pods: null, nodes: null };
  return {
    pods: last.pods,
    nodes: sumOrNull(Object.values(last.nodes)),
  };
}
