// The snapshot's nodes in the report: what each node has, the hint to check the fit on a lone
// node, and the check of edge-profile's allocatable against the one the node reports. Pure.
import type { Node, R } from '../model/snapshot.js';
import { note, type Note } from '../model/snapshot.js';
import { formatCpu, formatMemory } from '../quantity.js';
import type { NodeSize } from './fit.js';
import type { ReportNode } from './report-model.js';

/** The snapshot's nodes without the live-only extensions (the kubelet summary). */
export function reportNodes(nodes: readonly Node[]): ReportNode[] {
  const r = (x: R | null): R | null => (x ? { cpuMillicores: x.cpuMillicores, memoryBytes: x.memoryBytes } : null);
  return nodes.map((n) => ({ name: n.name, capacity: r(n.capacity), allocatable: r(n.allocatable), usage: r(n.usage) }));
}

/** A capacity usable as --node-size: both figures known and positive. */
function sizeOf(r: R | null): NodeSize | null {
  if (!r || r.cpuMillicores === null || r.memoryBytes === null) return null;
  if (r.cpuMillicores <= 0 || r.memoryBytes <= 0) return null;
  return { cpuMillicores: r.cpuMillicores, memoryBytes: r.memoryBytes };
}

/** "cpu=1,memory=1500Mi": a value --node-size parses back to the same numbers. */
export function nodeSizeArgument(n: NodeSize): string {
  return `cpu=${formatCpu(n.cpuMillicores)},memory=${formatMemory(n.memoryBytes)}`;
}

/**
 * When --node-size was not given and the snapshot is of a single node whose capacity is known,
 * the sentence that offers the fit check on it; else null. A cluster of several nodes gets no
 * hint: the fit is per node, and picking one of them would be a guess.
 */
export function nodeSizeHint(nodes: readonly ReportNode[], nodeSize: NodeSize | null): string | null {
  if (nodeSize !== null || nodes.length !== 1) return null;
  const node = nodes[0]!;
  const size = sizeOf(node.capacity);
  if (size === null) return null;
  const arg = nodeSizeArgument(size);
  return `The snapshot's node ${node.name} has ${arg.replace(',', ', ')}; add --node-size ${arg} to check the fit on it.`;
}

/**
 * With --node-size equal to a node's capacity, the fit's allocatable (capacity − the reservations
 * given as flags) should be what that node reports. One note when it is not (naming the first such
 * node: a cluster of identical nodes would otherwise repeat it per node); null when it is or
 * nothing can be compared.
 */
export function allocatableNote(nodes: readonly ReportNode[], nodeSize: NodeSize | null, fitAllocatable: R | null): Note | null {
  const computed = sizeOf(fitAllocatable);
  if (nodeSize === null || computed === null) return null;
  let first: { name: string; real: NodeSize } | null = null;
  let others = 0;
  for (const node of nodes) {
    const cap = sizeOf(node.capacity);
    const real = sizeOf(node.allocatable);
    if (cap === null || real === null) continue;
    if (cap.cpuMillicores !== nodeSize.cpuMillicores || cap.memoryBytes !== nodeSize.memoryBytes) continue;
    if (real.cpuMillicores === computed.cpuMillicores && real.memoryBytes === computed.memoryBytes) continue;
    if (first === null) first = { name: node.name, real };
    else others++;
  }
  if (first === null) return null;
  const more = others > 0 ? ` (and ${others} more ${others === 1 ? 'node' : 'nodes'} of that capacity)` : '';
  return note(
    'node-allocatable-differs',
    'warn',
    `Node ${first.name}${more} reports allocatable ${nodeSizeArgument(first.real)}, but the fit on its capacity used ${nodeSizeArgument(computed)} ` +
      "(capacity − --kube-reserved − --system-reserved − --eviction-hard): the kubelet's reservations differ from the flags given; " +
      "set those flags to the kubelet's to make the fit match the node.",
  );
}
