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
  /** Where memoryUsedBytes came from: free's "used" of the host, or the node working set (top node). */
  memorySource: 'host-used' | 'node-working-set' | null;
  /**
   * Where cpuMillicores came from: node usage (top node), host busy % × cores, or — when the
   * number of cores is unknown — the sum of the listed processes' %CPU (a lower bound: top lists
   * only the busiest).
   */
  cpuSource: 'node-usage' | 'host-busy' | 'host-processes' | null;
}

export interface PendingPod {
  namespace: string;
  name: string;
  reason: string;
  /** Job/CronJob pod: it must run once (e.g. at install) alongside the steady state. */
  runToCompletion: boolean;
  /** Added or completed from a distribution catalog (--assume-distro). */
  assumed: boolean;
}

export interface PlacedPod {
  namespace: string;
  name: string;
  requests: R;
  runToCompletion: boolean;
  assumed: boolean;
}

export interface Fit {
  nodeSize: R;
  allocatable: R;
  reserved: { kubeReserved: R; systemReserved: R; evictionHardMemoryBytes: number };
  fits: boolean;
  /** Requests of the pods placed, and what is left of allocatable. */
  placedRequests: R;
  free: R;
  placed: PlacedPod[];
  pending: PendingPod[];
}

export interface SizeCandidate {
  name: string;
  node: R;
  fitsAtDefault: boolean;
  fitsAtRecommended: boolean;
  /** Largest reduction factor at which every pod schedules on this size (1 = no cut needed); null = none. */
  maxFactor: number | null;
  /** Whether the observed whole-node memory peak plus headroom and eviction threshold fits; null = not observed. */
  memoryFits: boolean | null;
}

/** One check behind the recommendation, machine-readable; `reasons` holds the same as sentences. */
export interface FactorBound {
  /** "fit-cpu", "fit-memory", "usage-cpu-request", "usage-memory-request", "usage-cpu-limit", "usage-memory-limit" */
  kind: string;
  /** "namespace/component[/container]" for usage bounds, null for fit bounds. */
  subject: string | null;
  /** The factor this check allows at most (fit) or at least (usage). */
  factor: number;
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
  /** The lower bound's binding check and the upper bound's, when known. */
  bounds: { min: FactorBound | null; max: FactorBound | null };
  /** The node the band was computed for: --node-size when given, else the recommended node. */
  target: R;
  /** The whole-node memory peak the memory check used, and where it came from. */
  nodeMemoryPeak: { bytes: number | null; source: 'host-used' | 'node-working-set' | 'assumed-distro' | null };
}

export interface ReportPolicy {
  headroomPercent: number;
  percentile: number;
  nodeSizeRounding: { cpuMillicores: number; memoryBytes: number };
  reduceNamespaces: string[] | null;
  reduceFactor: number | null;
  assumedDistro: string | null;
  /** Step of the factor band (0.01) and of the chosen value (rounded down to 0.05). */
  factorStep: number;
  chosenFactorStep: number;
}

/** What --assume-distro added: catalog pods and the host footprint, every figure assumed. */
export interface AssumedDistro {
  name: string;
  title: string;
  assumed: true;
  /** Pods added (missing from the snapshot) or completed (present without declared resources). */
  pods: Array<{ namespace: string; name: string; action: 'added' | 'completed' }>;
  /** Memory and CPU the distribution's host processes use outside pods, as measured by the source. */
  host: { memoryBytes: number | null; cpuMillicores: number | null; basis: string };
  /** The bare OS the host figure was measured on top of. */
  os: { memoryBytes: number | null; basis: string } | null;
  sources: string[];
}

/** A node of the snapshot as captured (kubectl get/describe/top node, or live): null = not known. */
export interface ReportNode {
  name: string;
  capacity: R | null;
  allocatable: R | null;
  /** Latest reading of kubectl top node. */
  usage: R | null;
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
  distro: AssumedDistro | null;
  /** The snapshot's nodes (extension). */
  nodes: ReportNode[];
  notes: Note[];
  /** Commands that reproduce this report. */
  reproduce: string[];
}
