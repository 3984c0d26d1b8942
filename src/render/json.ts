// `-o json`: the contract's Report with a stable key order, whatever order the analysis built
// its objects in. Keys the contract names come first in its order; any other key follows,
// alphabetically, so additive fields never reshuffle existing output.
import type { Report } from '../analyze/report-model.js';

const KEY_ORDER = [
  // contract order
  'apiVersion', 'kind', 'totals', 'components', 'recommendation', 'fit',
  // extensions at the top level, in reading order
  'snapshot', 'policy', 'namespaces', 'observed', 'layers', 'notes', 'reproduce',
  // R and friends
  'cpuMillicores', 'memoryBytes',
  'declared', 'steadyState', 'requests', 'limits', 'usage', 'pods', 'nodes',
  'namespace', 'name',
  'node', 'reductionFactor', 'value', 'min', 'max', 'bottleneck', 'reasons', 'basis',
  'nodeSize', 'allocatable', 'fits', 'pending', 'reason',
  'mean', 'p95', 'count',
];
const RANK = new Map(KEY_ORDER.map((k, i) => [k, i]));

function compareKeys(a: string, b: string): number {
  const ra = RANK.get(a) ?? Infinity;
  const rb = RANK.get(b) ?? Infinity;
  if (ra !== rb) return ra < rb ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A copy of `v` with every object's keys in the stable order; rejects values JSON would mangle. */
export function canonical(v: unknown, path = '$'): unknown {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') {
    // JSON.stringify would silently turn NaN/Infinity into null: that is a bug upstream, not "unknown".
    if (!Number.isFinite(v)) throw new Error(`report holds a non-finite number (${v}) at ${path}`);
    return v;
  }
  if (Array.isArray(v)) return v.map((x, i) => canonical(x, `${path}[${i}]`));
  if (typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort(compareKeys)) {
      const x = (v as Record<string, unknown>)[k];
      if (x === undefined) continue;
      out[k] = canonical(x, `${path}.${k}`);
    }
    return out;
  }
  throw new Error(`report holds a ${typeof v} at ${path}`);
}

export function renderJson(report: Report): string {
  return JSON.stringify(canonical(report), null, 2) + '\n';
}
