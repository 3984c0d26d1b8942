// Layers (`report --layer NAME=SNAPSHOT`, in order): what each layer of the stack adds, by
// difference with the previous one — e.g. bare OS, + k0s, + Knative. Memory is free's "used" of
// the host when the layer's snapshot has it, else the node working set (`top node`); the two
// measure different things, so `memorySource` is kept and a delta between different sources is
// flagged by the report's notes.
import type { Snapshot } from '../model/snapshot.js';
import type { Layer } from './report-model.js';
import { latestObserved, readings } from './observed.js';
import { computeTotals, isSteadyState } from './totals.js';

function memoryOf(s: Snapshot): { bytes: number | null; source: Layer['memorySource'] } {
  const rs = readings(s);
  const host = [...rs].reverse().find((r) => r.host?.memory.usedBytes != null)?.host ?? null;
  if (host?.memory.usedBytes != null) return { bytes: host.memory.usedBytes, source: 'host-used' };
  const nodes = latestObserved(s).nodes;
  if (nodes?.memoryBytes != null) return { bytes: nodes.memoryBytes, source: 'node-working-set' };
  return { bytes: null, source: null };
}

function cpuOf(s: Snapshot): { millicores: number | null; source: Layer['cpuSource'] } {
  const nodes = latestObserved(s).nodes;
  if (nodes?.cpuMillicores != null) return { millicores: nodes.cpuMillicores, source: 'node-usage' };
  const rs = readings(s);
  const host = [...rs].reverse().find((r) => r.host?.cpu.busyPercent != null && r.host.cpu.cores != null)?.host ?? null;
  if (host) {
    // busy % of all CPUs × cores × 10 = millicores, rounded up as kubectl rounds CPU
    return { millicores: Math.ceil((host.cpu.busyPercent as number) * (host.cpu.cores as number) * 10 - 1e-9), source: 'host-busy' };
  }
  const listed = [...rs].reverse().find((r) => r.host?.processes.some((p) => p.cpuPercent !== null))?.host ?? null;
  if (listed) {
    // %CPU is per one CPU: tenths of a percent summed as integers, 1 % = 10m
    const tenths = listed.processes.reduce((a, p) => a + Math.round((p.cpuPercent ?? 0) * 10), 0);
    return { millicores: tenths, source: 'host-processes' };
  }
  return { millicores: null, source: null };
}

export function computeLayers(layers: Array<{ name: string; snapshot: Snapshot }>): Layer[] {
  const out: Layer[] = [];
  for (const { name, snapshot } of layers) {
    const mem = memoryOf(snapshot);
    const cpu = cpuOf(snapshot);
    const prev = out[out.length - 1];
    const delta = (a: number | null, b: number | null | undefined) => (a === null || b === null || b === undefined ? null : a - b);
    out.push({
      name,
      memoryUsedBytes: mem.bytes,
      cpuMillicores: cpu.millicores,
      // the first layer adds everything it has
      deltaMemoryBytes: prev ? delta(mem.bytes, prev.memoryUsedBytes) : mem.bytes,
      deltaCpuMillicores: prev ? delta(cpu.millicores, prev.cpuMillicores) : cpu.millicores,
      requests: computeTotals(snapshot.pods.filter(isSteadyState)).steadyState.requests,
      memorySource: mem.source,
      cpuSource: cpu.source,
    });
  }
  return out;
}

const CPU_SOURCE: Record<NonNullable<Layer['cpuSource']>, string> = {
  'node-usage': 'node usage (kubectl top node)',
  'host-busy': "the host's busy CPU",
  'host-processes': "the sum of the host's listed processes (a lower bound)",
};

/** Sentences for layers whose delta compares different measures. */
export function layerNotes(layers: Layer[]): string[] {
  const notes: string[] = [];
  for (let i = 1; i < layers.length; i++) {
    const a = layers[i - 1]!;
    const b = layers[i]!;
    if (a.cpuSource && b.cpuSource && a.cpuSource !== b.cpuSource) {
      notes.push(`Layer "${b.name}" CPU is ${CPU_SOURCE[b.cpuSource]} but "${a.name}" is ${CPU_SOURCE[a.cpuSource]}: the difference between them is approximate.`);
    }
    if (a.memorySource && b.memorySource && a.memorySource !== b.memorySource) {
      notes.push(
        `Layer "${b.name}" memory is ${b.memorySource === 'host-used' ? "the host's used memory" : 'the node working set'} but "${a.name}" is ${a.memorySource === 'host-used' ? "the host's used memory" : 'the node working set'}: the difference between them is approximate.`,
      );
    }
  }
  return notes;
}
