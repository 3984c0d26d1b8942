// The node memory budget the pictures show: what is observed in use, split by layer (bare OS,
// distribution, workloads …) when layers were measured, else into "outside pods" and "pods",
// against the memory of the target node (--node-size, else the recommended node).
import type { Report } from '../analyze/report-model.js';

export interface BudgetSlice {
  label: string;
  bytes: number;
}

export interface MemoryBudget {
  nodeBytes: number;
  /** "the target node" (--node-size) or "the recommended node". */
  nodeIs: 'target' | 'recommended';
  basis: 'layers' | 'observed';
  slices: BudgetSlice[];
  usedBytes: number;
  /** nodeBytes - usedBytes; negative when more is in use than the node has. */
  freeBytes: number;
}

export function memoryBudget(report: Report): MemoryBudget | null {
  const target = report.fit?.nodeSize.memoryBytes ?? null;
  const nodeBytes = target ?? report.recommendation.node.memoryBytes;
  if (nodeBytes === null || nodeBytes <= 0) return null;
  const slices = layerSlices(report) ?? observedSlices(report);
  if (slices === null) return null;
  const basis = layerSlices(report) ? 'layers' : 'observed';
  const usedBytes = slices.reduce((a, s) => a + s.bytes, 0);
  return { nodeBytes, nodeIs: target !== null ? 'target' : 'recommended', basis, slices, usedBytes, freeBytes: nodeBytes - usedBytes };
}

function layerSlices(report: Report): BudgetSlice[] | null {
  const layers = report.layers;
  if (!layers || layers.length === 0) return null;
  const slices: BudgetSlice[] = [];
  for (const [i, l] of layers.entries()) {
    const bytes = i === 0 ? l.memoryUsedBytes : l.deltaMemoryBytes;
    // A layer that freed memory (or was not measured) cannot be a slice of a stack.
    if (bytes === null || bytes < 0) return null;
    slices.push({ label: l.name, bytes });
  }
  return slices;
}

function observedSlices(report: Report): BudgetSlice[] | null {
  const pods = report.totals.observed.pods?.memoryBytes ?? null;
  const outside = report.observed.outsidePods?.memoryBytes ?? null;
  if (pods === null || outside === null || outside < 0) return null;
  return [
    { label: 'outside pods (OS, control plane, runtime)', bytes: outside },
    { label: 'pods', bytes: pods },
  ];
}
