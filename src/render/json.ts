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

export function compareKeys(a: string, b: string): number {
  const ra = RANK.get(a) ?? Infinity;
  const rb = RANK.get(b) ?? Infinity;
  if (ra !== rb) return ra < rb ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A report holds many objects of few shapes: each shape's key order is sorted once. */
class KeyOrders {
  private readonly byShape = new Map<string, string[]>();

  of(o: object): string[] {
    const keys = Object.keys(o);
    const shape = keys.join('\u0000');
    let sorted = this.byShape.get(shape);
    if (!sorted) {
      // Through an object, as a reordered copy would go: integer-like keys ("0", "42") come
      // first in ascending order whatever the sort says, as in every JavaScript object.
      sorted = Object.keys(Object.fromEntries(keys.sort(compareKeys).map((k) => [k, 0])));
      this.byShape.set(shape, sorted);
    }
    return sorted;
  }
}

/** A value JSON would mangle; the path is filled in on the way out, so a valid report builds none. */
class Unwritable extends Error {
  readonly segments: string[] = [];
}

/** A copy of `v` with every object's keys in the stable order. */
function reordered(v: unknown, orders: KeyOrders): unknown {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') {
    // JSON.stringify would silently turn NaN/Infinity into null: that is a bug upstream, not "unknown".
    if (!Number.isFinite(v)) throw new Unwritable(`non-finite number (${v})`);
    return v;
  }
  if (Array.isArray(v)) {
    const out = new Array<unknown>(v.length);
    for (let i = 0; i < v.length; i++) {
      try {
        out[i] = reordered(v[i], orders);
      } catch (err) {
        if (err instanceof Unwritable) err.segments.push(`[${i}]`);
        throw err;
      }
    }
    return out;
  }
  if (typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of orders.of(v)) {
      const x = (v as Record<string, unknown>)[k];
      if (x === undefined) continue;
      try {
        out[k] = reordered(x, orders);
      } catch (err) {
        if (err instanceof Unwritable) err.segments.push(`.${k}`);
        throw err;
      }
    }
    return out;
  }
  throw new Unwritable(typeof v);
}

/**
 * JSON.stringify(v, null, 2) with every object's keys in the stable order: the Report as `-o json`
 * writes it, or any JSON-like value. NaN, Infinity, undefined in an array, a function or a bigint
 * are refused (naming where) rather than written as null or left out.
 */
export function stableJson(v: unknown): string {
  let copy: unknown;
  try {
    copy = reordered(v, new KeyOrders());
  } catch (err) {
    if (!(err instanceof Unwritable)) throw err;
    throw new Error(`report holds a ${err.message} at $${err.segments.reverse().join('')}`);
  }
  return JSON.stringify(copy, null, 2) + '\n';
}

export function renderJson(report: Report): string {
  return stableJson(report);
}
