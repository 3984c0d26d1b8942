// The kubelet Summary API through the API server proxy (/api/v1/nodes/NAME/proxy/stats/summary):
// node memory (working set, available) and the system containers (kubelet, runtime) — the host
// overhead no pod shows. Its per-pod section stands in for metrics.k8s.io when that is missing.
import type { Note, NodeSummary, SystemContainerUsage } from '../../model/snapshot.js';
import { note } from '../../model/snapshot.js';
import { mapLimit } from './concurrency.js';
import { ApiError, TransportError, type KubeHttp } from './http.js';
import { parseListItems } from './json-items.js';
import { nameList } from './pods.js';
import { PodUsageMap, type ExactUsage } from './usage.js';

const NODE_CONCURRENCY = 4;

interface CpuStats {
  usageNanoCores?: unknown;
}
interface MemoryStats {
  workingSetBytes?: unknown;
  availableBytes?: unknown;
  usageBytes?: unknown;
  rssBytes?: unknown;
}
interface SummaryDoc {
  node?: {
    cpu?: CpuStats;
    memory?: MemoryStats;
    systemContainers?: Array<{ name?: unknown; cpu?: CpuStats; memory?: MemoryStats }>;
  };
  pods?: Array<{
    podRef?: { name?: unknown; namespace?: unknown };
    containers?: Array<{ name?: unknown; cpu?: CpuStats; memory?: MemoryStats }>;
  }>;
}

export interface SummaryReading {
  nodes: Map<string, NodeSummary>;
  /** "namespace/name" → usage from the kubelets (working set, like metrics-server) */
  pods: PodUsageMap;
}

function int(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? Math.round(v) : null;
}

function millicores(nanoCores: unknown): number | null {
  const n = int(nanoCores);
  return n === null ? null : Math.ceil(n / 1e6);
}

export function summaryFromDoc(doc: SummaryDoc): { node: NodeSummary; pods: PodUsageMap } {
  const n = doc?.node ?? {};
  const systemContainers: SystemContainerUsage[] = (Array.isArray(n.systemContainers) ? n.systemContainers : [])
    .filter((c) => typeof c?.name === 'string')
    .map((c) => ({
      name: c.name as string,
      cpuMillicores: millicores(c.cpu?.usageNanoCores),
      memoryWorkingSetBytes: int(c.memory?.workingSetBytes),
      memoryRssBytes: int(c.memory?.rssBytes),
    }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const node: NodeSummary = {
    cpuMillicores: millicores(n.cpu?.usageNanoCores),
    memoryWorkingSetBytes: int(n.memory?.workingSetBytes),
    memoryAvailableBytes: int(n.memory?.availableBytes),
    memoryUsageBytes: int(n.memory?.usageBytes),
    memoryRssBytes: int(n.memory?.rssBytes),
    systemContainers,
  };
  const pods = new PodUsageMap();
  for (const p of Array.isArray(doc?.pods) ? doc.pods : []) {
    const ns = p?.podRef?.namespace;
    const name = p?.podRef?.name;
    if (typeof ns !== 'string' || typeof name !== 'string') continue;
    const containers = (Array.isArray(p.containers) ? p.containers : [])
      .filter((c) => typeof c?.name === 'string')
      .map((c) => ({ name: c.name as string, usage: exact(c.cpu, c.memory) }));
    pods.add(`${ns}/${name}`, containers);
  }
  return { node, pods };
}

function exact(cpu: CpuStats | undefined, mem: MemoryStats | undefined): ExactUsage {
  const c = int(cpu?.usageNanoCores);
  const m = int(mem?.workingSetBytes);
  return { cpuNanos: c === null ? null : BigInt(c), memoryNanos: m === null ? null : BigInt(m) * 1_000_000_000n };
}

/** A Summary answer; without `withPods` its per-pod section (most of it) is skipped unparsed. */
export function summaryDoc(text: string, withPods: boolean): SummaryDoc {
  return withPods ? (JSON.parse(text) as SummaryDoc) : (parseListItems(text, null, 'pods').doc as SummaryDoc);
}

/**
 * Reads every node's Summary; failures become one note per cause naming the nodes.
 * @param opts.pods keep the per-pod usage (the stand-in for a missing metrics.k8s.io reading);
 *   without it `pods` stays empty, and a reading of 50k pods holds one usage map, not two.
 */
export async function readSummaries(http: KubeHttp, nodeNames: string[], notes: Note[], opts: { pods: boolean }): Promise<SummaryReading> {
  const out: SummaryReading = { nodes: new Map(), pods: new PodUsageMap() };
  const failures = new Map<string, { code: string; level: 'warn' | 'info'; nodes: string[]; message: string }>();
  await mapLimit(nodeNames, NODE_CONCURRENCY, async (name) => {
    try {
      // only_cpu_and_memory: the kubelet leaves out filesystem, network, volume and process
      // stats (what metrics-server asked for too), which this reading does not use.
      const path = `/api/v1/nodes/${encodeURIComponent(name)}/proxy/stats/summary?only_cpu_and_memory=true`;
      const { node, pods } = summaryFromDoc(await http.getParsed(path, (text) => summaryDoc(text, opts.pods)));
      out.nodes.set(name, node);
      out.pods.addAll(pods);
    } catch (err) {
      const f = classify(err);
      const key = `${f.code}\u0000${f.message}`;
      const entry = failures.get(key) ?? { ...f, nodes: [] };
      entry.nodes.push(name);
      failures.set(key, entry);
    }
  });
  for (const f of failures.values()) {
    notes.push(
      note(f.code, f.level, `kubelet Summary API (nodes/proxy) ${f.message} for node(s) ${nameList(f.nodes.sort())}: no system-container overhead for them`),
    );
  }
  return out;
}

function classify(err: unknown): { code: string; level: 'warn' | 'info'; message: string } {
  if (err instanceof ApiError) {
    if (err.status === 403) return { code: 'live.summary-forbidden', level: 'warn', message: `was refused (403: ${err.message})` };
    return { code: 'live.summary-unavailable', level: 'warn', message: `answered ${err.status} (${err.message})` };
  }
  if (err instanceof TransportError) return { code: 'live.summary-unavailable', level: 'warn', message: `did not answer (${err.message})` };
  throw err;
}
