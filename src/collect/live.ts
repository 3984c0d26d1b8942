// Live collection entry point (issue 4). The snapshot command loads this module dynamically so
// that @kubernetes/client-node is only imported by commands that talk to a cluster.
//
// One inventory (pods, nodes — listed once, page by page) and `samples` readings of usage
// (metrics.k8s.io, the kubelet Summary API, /proc of this host) `intervalMs` apart. Every
// reading is kept in snapshot.samples; the latest also fills the top-level usage and host fields.
import type { Host, Node, NodeSummary, Note, Pod, R, Sample, Snapshot } from '../model/snapshot.js';
import { API_VERSION, note } from '../model/snapshot.js';
import { ClusterError } from '../errors.js';
import { ApiError, KubeHttp, TransportError } from './kube/http.js';
import { loadKubeTarget } from './kube/kubeconfig.js';
import { readNodeMetrics, readPodMetrics } from './kube/metrics.js';
import { listNodes } from './kube/nodes.js';
import { listPods, type PodList } from './kube/pods.js';
import { readSummaries, type SummaryReading } from './kube/summary.js';
import type { PodUsageMap } from './kube/usage.js';
import { readHost, type HostState } from './host/read.js';
import { compactPods, expandPod, expandPods, podLayout, type CompactPods, type PodLayout } from './compact-sample.js';
import { processIdleCollector, type IdleCollector } from './idle-gc.js';
import { processOptimizerPause, type OptimizerPause } from './optimizer-pause.js';

export interface LiveOptions {
  kubeconfig: string | null;
  context: string | null;
  /** null = all namespaces (-A); otherwise the -n values, or the context's namespace */
  namespaces: string[] | null;
  samples: number;
  intervalMs: number;
  /** read /proc of this machine (unless --no-host) */
  host: boolean;
  pageLimit: number;
  requestTimeoutMs: number;
}

export interface Progress {
  /** A phase with a known number of steps (e.g. samples). */
  start(label: string, total: number): void;
  tick(detail?: string): void;
  done(): void;
}

export interface LiveEnv {
  progress: Progress;
  /** Aborted on Ctrl-C: stop sampling and return what has been taken. */
  signal: AbortSignal;
  env: NodeJS.ProcessEnv;
  now: () => Date;
  // ---- optional, for tests ----
  /** where /proc is (default /proc) */
  procRoot?: string;
  /** where the in-cluster service account files are */
  serviceAccountDir?: string;
  /** monotonic clock in ms (default performance.now) */
  monotonicMs?: () => number;
  /** run between readings (default: idle-gc.ts's for this process; null: none) */
  idleCollector?: IdleCollector | null;
  /** paused from the first reading to the end of a window on at most OPTIMIZER_PAUSE_MAX_PODS pods (default: optimizer-pause.ts's) */
  optimizerPause?: OptimizerPause;
}

/**
 * Up to this many pods, new optimization is paused after the first reading (optimizer-pause.ts):
 * a node's worth (kubelet's default max-pods is 110). Measured: at 100 pods a reading cost no more
 * CPU paused; at 300 pods ~13 ms more, at 3000 pods 1.7 times as much (its list scanners then
 * run unoptimized), so larger clusters keep the optimizer and its memory.
 */
const OPTIMIZER_PAUSE_MAX_PODS = 250;

/** Shortest window for the first CPU percentages (host %CPU needs two readings). */
const MIN_CPU_WINDOW_MS = 500;

/** What a round of requests gave, before it is folded into a Sample. */
interface RawReading {
  takenAt: string;
  podUsage: PodUsageMap | null;
  nodeUsage: Map<string, R> | null;
  summaries: SummaryReading | null;
  notes: Note[];
}

/** A sample as kept while sampling: per-pod usage in compact form (compact-sample.ts). */
type KeptSample = Omit<Sample, 'pods'> & { pods: CompactPods };

/** One reading as kept: the sample (maps of the round dropped) plus what the notes need. */
interface Reading {
  sample: KeptSample;
  notes: Note[];
  /** metrics.k8s.io gave nothing and the Summary's per-pod usage stood in */
  podUsageFromSummary: boolean;
  selfResidentBytes: number | null;
}

export async function collectLiveSnapshot(opts: LiveOptions, env: LiveEnv): Promise<Snapshot> {
  const target = loadKubeTarget({
    kubeconfig: opts.kubeconfig,
    context: opts.context,
    env: env.env,
    serviceAccountDir: env.serviceAccountDir,
  });
  const namespaces = opts.namespaces === null ? null : opts.namespaces.length > 0 ? opts.namespaces : [target.namespace];
  const mono = env.monotonicMs ?? (() => performance.now());
  const takenAt = env.now().toISOString();
  const total = Math.max(1, Math.floor(opts.samples));
  // The inventory is not interrupted (it is bounded by the request timeouts); later readings are.
  const inventoryHttp = new KubeHttp(target, { timeoutMs: opts.requestTimeoutMs });
  const sampleHttp = new KubeHttp(target, { timeoutMs: opts.requestTimeoutMs, signal: env.signal });
  const notes: Note[] = [];
  let hostState: HostState | null = null;
  let progressStarted = false;
  const hostOpts = { procRoot: env.procRoot, selfPid: process.pid, nowMs: mono };
  try {
    if (opts.host) hostState = (await readHost(null, hostOpts)).state;
    env.progress.start('sampling', total);
    progressStarted = true;
    const started = mono();

    // ---- the inventory and the first reading, all at once ----
    const nodesP = listNodes(inventoryHttp, opts.pageLimit, notes).catch((err: unknown) => {
      if (err instanceof ApiError && err.status === 403) {
        notes.push(note('live.nodes-forbidden', 'warn', `listing nodes was refused (403: ${err.message}): no nodes in the snapshot`));
        return [] as Node[];
      }
      throw err;
    });
    const firstNotes: Note[] = [];
    // The Summary's per-pod usage only stands in for metrics.k8s.io: read after it, and kept only
    // when it gave nothing (otherwise a reading of 50k pods would hold two usage maps).
    const podUsageP = readPodMetrics(inventoryHttp, namespaces, firstNotes);
    const [serverVersion, podList, nodes, podUsage0, nodeUsage0, summaries0] = await Promise.all([
      readVersion(inventoryHttp),
      listPods(inventoryHttp, namespaces, opts.pageLimit, notes),
      nodesP,
      podUsageP,
      readNodeMetrics(inventoryHttp, firstNotes),
      Promise.all([nodesP, podUsageP]).then(([ns, pu]) => readSummaries(inventoryHttp, ns.map((n) => n.name), firstNotes, { pods: pu === null })),
    ]);
    let podUsageFirst = podUsage0;
    const metricsScope = podList.namespacesRead;
    if (podUsage0 === null && namespaces === null && metricsScope !== null) {
      // -A fell back to namespace by namespace: read metrics the same way.
      const retryNotes: Note[] = [];
      podUsageFirst = await readPodMetrics(inventoryHttp, metricsScope, retryNotes);
      if (podUsageFirst !== null) firstNotes.splice(0, firstNotes.length, ...firstNotes.filter((n) => !n.code.startsWith('live.metrics-')));
      firstNotes.push(...retryNotes);
    }
    const nodeNames = nodes.map((n) => n.name);
    if (opts.host) {
      const wait = MIN_CPU_WINDOW_MS - (mono() - started);
      if (wait > 0) await sleep(wait, null);
    }
    const inventory = { pods: podList.pods, nodes, layout: podLayout(podList.pods) };
    const first = await finishReading(
      { takenAt, podUsage: podUsageFirst, nodeUsage: nodeUsage0, summaries: summaries0, notes: firstNotes },
      inventory,
      opts.host ? hostState : undefined,
      hostOpts,
    );
    if (first.state) hostState = first.state;
    const readings: Reading[] = [first.reading];
    env.progress.tick(`sample 1/${total}`);

    // ---- further readings ----
    const collector = total > 1 ? (env.idleCollector === undefined ? processIdleCollector(mono) : env.idleCollector) : null;
    const optimizerPause = total > 1 && inventory.pods.length <= OPTIMIZER_PAUSE_MAX_PODS ? (env.optimizerPause ?? processOptimizerPause()) : null;
    optimizerPause?.pause();
    let last = started;
    try {
      for (let i = 2; i <= total && !env.signal.aborted; i++) {
        collector?.afterReading();
        const wait = opts.intervalMs - (mono() - last);
        if (wait > 0 && !(await sleep(wait, env.signal))) break;
        last = mono();
        sampleHttp.refresh();
        const at = env.now().toISOString();
        const rn: Note[] = [];
        const puP = readPodMetrics(sampleHttp, metricsScope, rn);
        const [pu, nu, su] = await Promise.all([
          puP,
          readNodeMetrics(sampleHttp, rn),
          puP.then((u) => readSummaries(sampleHttp, nodeNames, rn, { pods: u === null })),
        ]);
        if (env.signal.aborted) break; // a reading cut short is not kept
        const r = await finishReading(
          { takenAt: at, podUsage: pu, nodeUsage: nu, summaries: su, notes: rn },
          inventory,
          opts.host ? hostState : undefined,
          hostOpts,
        );
        if (r.state) hostState = r.state;
        readings.push(r.reading);
        env.progress.tick(`sample ${i}/${total}`);
      }
    } finally {
      optimizerPause?.resume(); // before the snapshot is assembled, and on a failure
    }
    if (readings.length < total) {
      notes.push(note('live.interrupted', 'info', `interrupted: ${readings.length} of ${total} samples taken`));
    }
    return assemble(opts, target, namespaces, serverVersion, podList, inventory.layout, nodes, readings, notes, takenAt);
  } catch (err) {
    throw toClusterError(err, target.server);
  } finally {
    if (progressStarted) env.progress.done(); // also on failure, so a progress bar is cleared
    inventoryHttp.close();
    sampleHttp.close();
  }
}

async function finishReading(
  r: RawReading,
  inventory: { pods: Pod[]; nodes: Node[]; layout: PodLayout },
  hostState: HostState | null | undefined,
  hostOpts: Parameters<typeof readHost>[1],
): Promise<{ reading: Reading; state: HostState | null }> {
  const h = hostState === undefined ? null : await readHost(hostState, hostOpts);
  const sample = toSample(r, inventory.layout, inventory.nodes, h?.host ?? null);
  const podUsageFromSummary = r.podUsage === null && (r.summaries?.pods.size ?? 0) > 0;
  return {
    reading: { sample, notes: r.notes, podUsageFromSummary, selfResidentBytes: h?.selfResidentBytes ?? null },
    state: h?.state ?? null,
  };
}

async function readVersion(http: KubeHttp): Promise<string | null> {
  try {
    const v = (await http.getJson('/version')) as { gitVersion?: unknown };
    return typeof v.gitVersion === 'string' ? v.gitVersion : null;
  } catch (err) {
    if (err instanceof ApiError && err.status !== 401) return null; // some servers hide /version
    throw err;
  }
}

function assemble(
  opts: LiveOptions,
  target: ReturnType<typeof loadKubeTarget>,
  namespaces: string[] | null,
  serverVersion: string | null,
  podList: PodList,
  layout: PodLayout,
  nodes: Node[],
  readings: Reading[],
  notes: Note[],
  takenAt: string,
): Snapshot {
  // docs/snapshot.md: `samples` only when there is more than one reading
  const samples: Sample[] | null = readings.length > 1 ? readings.map((r) => ({ ...r.sample, pods: expandPods(layout, r.sample.pods) })) : null;
  const latest = readings[readings.length - 1]!.sample;
  const latestPods = samples?.[samples.length - 1]!.pods;
  // In place: at 10k pods a copy would double the largest structure held. With one reading, each
  // pod's usage is expanded on its own: no map of every pod's usage is built only to be read once.
  const pods: Pod[] = podList.pods;
  pods.forEach((p, i) => {
    const u = latestPods ? latestPods[layout.keys[i]!] : expandPod(layout, latest.pods, i);
    for (const c of p.containers) c.usage = u?.containers[c.name] ?? null;
    p.usage = u?.usage ?? null;
  });
  const outNodes: Node[] = nodes.map((n) => ({
    ...n,
    usage: latest.nodes[n.name] ?? null,
    summary: latest.summaries?.[n.name] ?? null,
  }));
  for (const r of readings) notes.push(...r.notes);
  const lastReading = readings[readings.length - 1]!;
  if (readings.some((r) => r.podUsageFromSummary)) {
    notes.push(
      note(
        'live.usage-from-summary',
        'info',
        'where metrics.k8s.io gave no reading, pod and node usage come from the kubelet Summary API (CPU usageNanoCores, memory working set — what metrics-server reports)',
      ),
    );
  }
  if (opts.host) {
    const rss = lastReading.selfResidentBytes;
    notes.push(
      note(
        'host.self-excluded',
        'info',
        `edge-profile's own process (pid ${process.pid}${rss === null ? '' : `, ${rss} bytes resident`}) is left out of host.processes; host memory includes it`,
      ),
    );
  }
  return {
    apiVersion: API_VERSION,
    kind: 'Snapshot',
    takenAt,
    source: {
      type: 'live',
      context: target.contextName,
      server: target.server,
      serverVersion,
      namespaces: namespaces === null ? null : [...new Set(namespaces)],
    },
    pods,
    nodes: outNodes,
    host: latest.host,
    // The pods' notes come folded (kube/pods.ts); no other note is folded.
    notes: dedupe(notes),
    ...(samples ? { samples } : {}),
  };
}

function toSample(r: RawReading, layout: PodLayout, nodes: Node[], host: Host | null): KeptSample {
  // The Summary's per-pod usage only stands in for a missing metrics.k8s.io reading.
  const pods = compactPods(layout, r.podUsage ?? r.summaries?.pods ?? null);
  const outNodes: Record<string, R> = {};
  const summaries: Record<string, NodeSummary> = {};
  for (const n of nodes) {
    const s = r.summaries?.nodes.get(n.name);
    if (s) summaries[n.name] = s;
    const u = r.nodeUsage ? r.nodeUsage.get(n.name) : s ? { cpuMillicores: s.cpuMillicores, memoryBytes: s.memoryWorkingSetBytes } : undefined;
    if (u) outNodes[n.name] = u;
  }
  return { takenAt: r.takenAt, host, nodes: outNodes, pods, summaries };
}

function dedupe(notes: Note[]): Note[] {
  const seen = new Set<string>();
  return notes.filter((n) => {
    const k = `${n.code}\u0000${n.message}\u0000${n.source ?? ''}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Resolves true after ms, false at once when the signal is aborted. */
function sleep(ms: number, signal: AbortSignal | null): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve(false);
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    const onAbort = (): void => {
      clearTimeout(t);
      resolve(false);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** One line naming the server and the cause. Programming errors pass through unchanged. */
export function toClusterError(err: unknown, server: string): unknown {
  if (err instanceof ClusterError) {
    return err.message.startsWith(server) ? err : new ClusterError(`${server}: ${err.message}`);
  }
  if (err instanceof TransportError) {
    const what = err.code === 'TIMEOUT' ? 'timed out' : /CERT|TLS|SSL|SELF_SIGNED|UNABLE_TO|EPROTO/.test(err.code) ? 'TLS failed' : 'unreachable';
    return new ClusterError(`${server}: ${what} on GET ${err.path}: ${err.message}`);
  }
  if (err instanceof ApiError) {
    if (err.status === 401) return new ClusterError(`${server}: the credentials were refused (401 Unauthorized) on GET ${err.path}: ${err.message}`);
    return new ClusterError(`${server}: GET ${err.path} answered ${err.status}: ${err.message}`);
  }
  return err;
}
