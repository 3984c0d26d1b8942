// The snapshot model: the one typed structure every command reads or writes.
// Field names here are the public contract (../design/contract.md); `null` means "not set /
// not observed", never zero.

export const API_VERSION = 'edge-profile/v1';

/** A resource amount. null = not set / not observed. */
export interface R {
  cpuMillicores: number | null;
  memoryBytes: number | null;
}

export type ContainerType = 'app' | 'init' | 'sidecar';

export interface Container {
  name: string;
  type: ContainerType;
  requests: R;
  limits: R;
  /** Per-container usage when known (latest reading). */
  usage: R | null;
}

export interface Owner {
  kind: string;
  name: string;
}

export interface Pod {
  namespace: string;
  name: string;
  phase: string | null;
  nodeName: string | null;
  owner: Owner | null;
  containers: Container[];
  /** Pod usage (e.g. `kubectl top pod` without --containers), latest reading. */
  usage: R | null;
  // ---- extensions (not in the contract's minimum, documented in docs/snapshot.md) ----
  /** spec.overhead (RuntimeClass), when set. */
  overhead?: R | null;
  /** Where this entry came from: "live", "capture" or "manifest" (a workload template expanded per replica). */
  origin?: PodOrigin;
  /** True when `owner` was inferred from the pod name rather than read from ownerReferences or a manifest. */
  ownerInferred?: boolean;
  /** Names of the same workload's pods in other captures (another run) merged into this entry. */
  aliases?: string[];
}

export type PodOrigin = 'live' | 'capture' | 'manifest';

export interface Node {
  name: string;
  capacity: R | null;
  allocatable: R | null;
  usage: R | null;
  // ---- extension (live snapshots, docs/live.md) ----
  /** The kubelet Summary API's view of the node (latest reading): includes what no pod shows. */
  summary?: NodeSummary | null;
}

/** Usage of one kubelet system container ("kubelet", "runtime", "pods", "misc"). */
export interface SystemContainerUsage {
  name: string;
  cpuMillicores: number | null;
  memoryWorkingSetBytes: number | null;
  memoryRssBytes: number | null;
}

/** A reading of /api/v1/nodes/NAME/proxy/stats/summary (kubelet Summary API), node part. */
export interface NodeSummary {
  cpuMillicores: number | null;
  memoryWorkingSetBytes: number | null;
  memoryAvailableBytes: number | null;
  memoryUsageBytes: number | null;
  memoryRssBytes: number | null;
  systemContainers: SystemContainerUsage[];
}

export interface HostMemory {
  totalBytes: number | null;
  usedBytes: number | null;
  freeBytes: number | null;
  sharedBytes: number | null;
  buffCacheBytes: number | null;
  availableBytes: number | null;
  swapTotalBytes: number | null;
  swapUsedBytes: number | null;
  swapFreeBytes: number | null;
}

export interface HostCpu {
  cores: number | null;
  loadAverage: [number, number, number] | null;
  /** 100 - idle, over all CPUs, as top's %Cpu(s) line. */
  busyPercent: number | null;
}

export interface HostProcess {
  pid: number;
  user: string | null;
  command: string;
  residentBytes: number | null;
  /** % of one CPU, as top prints it. */
  cpuPercent: number | null;
}

export interface Host {
  memory: HostMemory;
  cpu: HostCpu;
  processes: HostProcess[];
}

export type NoteLevel = 'info' | 'warn' | 'error';

export interface Note {
  code: string;
  level: NoteLevel;
  message: string;
  /** "file:line", "file", or null. */
  source: string | null;
}

/**
 * One reading in a sampling window (live `--samples`, or one iteration of `top -b -n3`).
 * The top-level usage fields of pods/nodes and `host` hold the latest reading; `samples`
 * keeps every reading, the latest included, so a report can show mean / p95 / max.
 */
export interface Sample {
  takenAt: string | null;
  host: Host | null;
  /** node name → usage */
  nodes: Record<string, R>;
  /** "namespace/pod" → pod usage and per-container usage (container name → usage) */
  pods: Record<string, { usage: R | null; containers: Record<string, R> }>;
  /** extension (live): node name → kubelet Summary API reading */
  summaries?: Record<string, NodeSummary>;
}

export interface SnapshotSource {
  type: 'live' | 'import';
  /** live: kubeconfig context and server */
  context?: string | null;
  server?: string | null;
  serverVersion?: string | null;
  /** live: namespaces asked for (null = all) */
  namespaces?: string[] | null;
  /** import: the files read and what each was recognised as */
  files?: Array<{ path: string; kind: string }>;
}

export interface Snapshot {
  apiVersion: typeof API_VERSION;
  kind: 'Snapshot';
  takenAt: string;
  source: SnapshotSource;
  pods: Pod[];
  nodes: Node[];
  host: Host | null;
  notes: Note[];
  samples?: Sample[];
}

export function emptyR(): R {
  return { cpuMillicores: null, memoryBytes: null };
}

export function podKey(p: { namespace: string; name: string }): string {
  return `${p.namespace}/${p.name}`;
}

export function note(code: string, level: NoteLevel, message: string, source: string | null = null): Note {
  return { code, level, message, source };
}
