// The report-policy flags compare shares with `report` (--node-size, --assume-distro, --headroom),
// parsed by report's own parsers: both sides go through buildReport with the same policy, so
// figures compare like for like.
import { UsageError } from '../../errors.js';
import { buildReport } from '../../analyze/report.js';
import { distroNames } from '../../analyze/distro.js';
import type { NodeSize } from '../../analyze/fit.js';
import type { Report } from '../../analyze/report-model.js';
import type { Snapshot } from '../../model/snapshot.js';
import { parseNumber, parseResourceList } from './report-options.js';

export interface ReportFlags {
  nodeSize: string | null;
  assumeDistro: string | null;
  headroom: string | null;
}

export interface ComparePolicy {
  nodeSize: NodeSize | null;
  distro: string | null;
  headroomPercent: number | undefined;
}

export function reportPolicyFrom(flags: ReportFlags): ComparePolicy {
  const size = flags.nodeSize === null ? null : parseResourceList('node-size', flags.nodeSize, true);
  if (flags.assumeDistro !== null && !distroNames().includes(flags.assumeDistro)) {
    throw new UsageError(`--assume-distro: unknown distribution ${JSON.stringify(flags.assumeDistro)}; known: ${distroNames().join(', ')}`);
  }
  return {
    nodeSize: size === null ? null : { cpuMillicores: size.cpuMillicores!, memoryBytes: size.memoryBytes! },
    distro: flags.assumeDistro,
    headroomPercent: flags.headroom === null ? undefined : parseNumber('headroom', flags.headroom, 0, 1000, 'a percentage from 0 to 1000, e.g. 20'),
  };
}

export function reportFor(snapshot: Snapshot, policy: ComparePolicy): Report {
  return buildReport({
    snapshot,
    policy: policy.headroomPercent === undefined ? {} : { headroomPercent: policy.headroomPercent },
    nodeSize: policy.nodeSize,
    distro: policy.distro,
    reproduce: [],
  });
}
