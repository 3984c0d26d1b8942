// The report-policy flags compare shares with `report` (--node-size, --assume-distro, --headroom):
// both sides go through buildReport with the same policy, so figures compare like for like.
import { UsageError } from '../../errors.js';
import { buildReport } from '../../analyze/report.js';
import type { NodeSize } from '../../analyze/fit.js';
import type { Report } from '../../analyze/report-model.js';
import type { Snapshot } from '../../model/snapshot.js';
import { parseCpuMillicores, parseMemoryBytes, QuantityError } from '../../quantity.js';

export interface ReportFlags {
  nodeSize: string | null;
  assumeDistro: string | null;
  headroomPercent: number | null;
}

export interface ComparePolicy {
  nodeSize: NodeSize | null;
  distro: string | null;
  headroomPercent: number | undefined;
}

/** "cpu=2,memory=4Gi" → millicores and bytes; anything else is a UsageError naming the flag. */
export function parseNodeSize(text: string): NodeSize {
  const parts = new Map<string, string>();
  for (const part of text.split(',')) {
    const [k, v, extra] = part.split('=').map((s) => s.trim());
    if (!k || v === undefined || v === '' || extra !== undefined) {
      throw new UsageError(`--node-size "${text}": expected cpu=Q,memory=Q, e.g. cpu=2,memory=4Gi`);
    }
    if (k !== 'cpu' && k !== 'memory') throw new UsageError(`--node-size "${text}": unknown resource "${k}" (cpu or memory)`);
    parts.set(k, v);
  }
  const cpu = parts.get('cpu');
  const memory = parts.get('memory');
  if (cpu === undefined || memory === undefined) {
    throw new UsageError(`--node-size "${text}": give both, e.g. cpu=2,memory=4Gi`);
  }
  try {
    return { cpuMillicores: parseCpuMillicores(cpu), memoryBytes: parseMemoryBytes(memory) };
  } catch (err) {
    if (err instanceof QuantityError) throw new UsageError(`--node-size "${text}": ${err.message}`);
    throw err;
  }
}

export function reportPolicyFrom(flags: ReportFlags): ComparePolicy {
  return {
    nodeSize: flags.nodeSize === null ? null : parseNodeSize(flags.nodeSize),
    distro: flags.assumeDistro,
    headroomPercent: flags.headroomPercent ?? undefined,
  };
}

export function reportFor(snapshot: Snapshot, policy: ComparePolicy): Report {
  return buildReport({
    snapshot,
    policy: { headroomPercent: policy.headroomPercent },
    nodeSize: policy.nodeSize,
    distro: policy.distro,
    reproduce: [],
  });
}
