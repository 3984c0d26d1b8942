// The Report: what `edge-profile report` computes from a snapshot, and what every renderer
// (table, markdown, json) reads. Field names the contract names (totals, components,
// recommendation, fit) keep those names; the rest are extensions. `null` = not known.
import type { Note, R } from '../model/snapshot.js';

export interface RequestsLimits {
  requests: R;
  limits: R;
}

/** mean / p95 / max over the readings of a sampling window; count = readings that had a value. */
export interface Stats {
  mean: number | null;
  p95: number | null;
  max: number | null;
  count: number;
}

export interface StatsR {
  cpuMillicores: Stats;
  memoryBytes: Stats;
}

/** How many pods/containers had no value for a figure — missing is shown, never counted as zero. */
export interface Missing {
  containersWithoutCpuRequest: number;
  containersWithoutMemoryRequest: number;
  containersWithoutCpuLimit: number;
  containersWithoutMemoryLimit: number;
  podsWithoutUsage: number;
}

export interface Component {
  namespace: string;
  /** Owner workload name (or the pod name when it has no owner). */
  name: string;
  /** Owner kind (Deployment, DaemonSet, Job, …), "Pod" when it has none. */
  kind: string;
  /** Effective pod requests/limits summed over the component's pods. */
  requests: R;
  limits: R;
  /** Observed usage summed over its pods (latest reading); null when no pod has usage. */
  usage: R | null;
  pods: number;
  /** False for Job/CronJob pods and finished pods: not part of the steady state. */
  steadyState: boolean;
  /** True when the component comes from a distribution catalog (--assume-distro), not from the snapshot. */
  assumed: boolean;
}

export interface NamespaceTotals {
  namespace: string;
  declared: RequestsLimits;
  steadyState: RequestsLimits;
  usage: R | null;
}

export type HostProcessGroup = 'control-plane' | 'container-runtime' | 'workload' | 'os';

export interface HostProcessRow {
  pid: number;
  command: string;
  group: HostProcessGroup;
  residentBytes: number | null;
  cpuPercent: number | null;
}

export interface ObservedHost {
  memory: {
    totalBytes: number | null;
    used: Stats;
    available: Stats;
    buffCache: Stats;
    swapUsed: Stats;
  };
  cpuBusyPercent: Stats;
  cores: number | null;
  /** Resident memory and CPU by process group, from the latest reading that lists processes. */
  groups: Array<{ group: HostProcessGroup; residentBytes: number | null; cpuPercent: number | null; processes: number }>;
  topProcesses: HostProcessRow[];
}

export interface Observed {
  /** Sum of pod usage (kubectl top pod), over the sampling window. */
  pods: StatsR | null;
  /** Node usage (kubectl top node), summed over nodes, over the window. */
  nodes: StatsR | null;
  host: ObservedHost | null;
  /** Node usage minus pod usage: what runs outside pods (control plane in k0s/k3s, OS). */
  outsidePods: R | null;
  samples: number;
}

export interface Layer {
  name: string;
  /** Host memory used at this layer (free's "used", as captured) and node CPU in use. */
  memoryUsedBytes: number | null;
  cpuMillicores: number | null;
  /** Difference with the previous layer: what this layer adds. */
  deltaMemoryBytes: number | null;
  deltaCpuMillicores: number | null;
  requests: R;
}

export interface PendingPod {
  namespace: string;
  name: string;
  reason: string;
}

export interface Fit {
  nodeSize: R;
  allocatable: R;
  reserved: { kubeReserved: R; systemReserved: R; evictionHardMemoryBytes: number };
  fits: boolean;
  /** Requests of the pods placed, and what is left of allocatable. */
  placedRequests: R;
  free: R;
  placed: Array<{ namespace: string; name: string }>;
  pending: PendingPod[];
}

export interface SizeCandidate {
  name: string;
  node: R;
  fitsAtDefault: boolean;
  fitsAtRecommended: boolean;
}

export interface Recommendation {
  /** Minimum node size (capacity). */
  node: R;
  reductionFactor: { value: number | null; min: number | null; max: number | null };
  bottleneck: 'cpu' | 'memory' | null;
  reasons: string[];
  /** "usage": the factor respects observed usage; "requests": no usage known, it rests on requests alone. */
  basis: 'usage' | 'requests' | null;
  sizes: SizeCandidate[];
}

export interface ReportPolicy {
  headroomPercent: number;
  percentile: number;
  nodeSizeRounding: { cpuMillicores: number; memoryBytes: number };
  reduceNamespaces: string[] | null;
  reduceFactor: number | null;
  assumedDistro: string | null;
}

export interface Report {
  apiVersion: 'edge-profile/v1';
  kind: 'Report';
  snapshot: { takenAt: string; source: string; pods: number; containers: number };
  policy: ReportPolicy;
  totals: {
    declared: RequestsLimits;
    steadyState: RequestsLimits;
    observed: { pods: R | null; nodes: R | null };
    missing: Missing;
  };
  namespaces: NamespaceTotals[];
  components: Component[];
  observed: Observed;
  layers: Layer[] | null;
  fit: Fit | null;
  recommendation: Recommendation;
  notes: Note[];
  /** Commands that reproduce this report. */
  reproduce: string[];
}
