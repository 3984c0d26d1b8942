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
  'nodeSize', 'capacity', 'allocatable', 'fits', 'pending', 'reason',
  'mean', 'p95', 'count',
];
const RANK = new Map(KEY_ORDER.map((k, i) => [k, i]));

export function compareKeys(a: string, b: string): number {
  const ra = RANK.get(a) ?? Infinity;
  const rb = RANK.get(b) ?? Infinity;
  if (ra !== rb) return ra < rb ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

interface KeyOrder {
  /** The keys as the object lists them. */
  listed: string[];
  /** The keys in the stable order. */
  keys: string[];
  inOrder: boolean;
}

/**
 * A report holds many objects of few shapes: each shape's key order is sorted once. Shapes are
 * looked up by their first key, then compared key by key (no signature string per object).
 */
class KeyOrders {
  private readonly byFirstKey = new Map<string | undefined, KeyOrder[]>();

  of(o: object): KeyOrder {
    const listed = Object.keys(o);
    let bucket = this.byFirstKey.get(listed[0]);
    if (!bucket) this.byFirstKey.set(listed[0], (bucket = []));
    for (const order of bucket) if (sameKeys(order.listed, listed)) return order;
    // Through an object, as a reordered copy would go: integer-like keys ("0", "42") come
    // first in ascending order whatever the sort says, as in every JavaScript object.
    const keys = Object.keys(Object.fromEntries([...listed].sort(compareKeys).map((k) => [k, 0])));
    const order = { listed, keys, inOrder: sameKeys(keys, listed) };
    if (bucket.length < MAX_SHAPES_PER_FIRST_KEY) bucket.push(order);
    return order;
  }
}

/** Beyond this many shapes sharing a first key (maps keyed by names), orders are not kept. */
const MAX_SHAPES_PER_FIRST_KEY = 64;

function sameKeys(a: string[], b: string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** A value JSON would mangle; the path is filled in on the way out, so a valid report builds none. */
class Unwritable extends Error {
  readonly segments: string[] = [];
}

/**
 * `v` with every object's keys in the stable order: `v` itself where it already is (the analysis
 * builds most objects in that order), a copy where something had to move.
 */
function reordered(v: unknown, orders: KeyOrders): unknown {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') {
    // JSON.stringify would silently turn NaN/Infinity into null: that is a bug upstream, not "unknown".
    if (!Number.isFinite(v)) throw new Unwritable(`non-finite number (${v})`);
    return v;
  }
  if (Array.isArray(v)) {
    let out: unknown[] | null = null;
    for (let i = 0; i < v.length; i++) {
      const x: unknown = v[i];
      const y = reorderedIn(x, orders, i);
      if (out === null && y !== x) out = v.slice(0, i);
      out?.push(y);
    }
    return out ?? v;
  }
  if (typeof v === 'object') {
    const { keys, inOrder } = orders.of(v);
    const o = v as Record<string, unknown>;
    let out: Record<string, unknown> | null = inOrder ? null : plainRecord();
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i]!;
      const x = o[k];
      const y = x === undefined ? undefined : reorderedIn(x, orders, k);
      if (out === null) {
        if (y !== undefined && y === x) continue;
        out = plainRecord(); // an undefined member to leave out, or a member that changed
        for (let j = 0; j < i; j++) out[keys[j]!] = o[keys[j]!];
      }
      if (y !== undefined) out[k] = y;
    }
    return out ?? v;
  }
  throw new Unwritable(typeof v);
}

/** A record with no prototype: a "__proto__" key is then a member like any other, as JSON.parse makes it. */
function plainRecord(): Record<string, unknown> {
  return Object.create(null) as Record<string, unknown>;
}

/** reordered() of a member (array index or key), naming it in the path of a value it refuses. */
function reorderedIn(v: unknown, orders: KeyOrders, member: number | string): unknown {
  try {
    return reordered(v, orders);
  } catch (err) {
    if (err instanceof Unwritable) err.segments.push(typeof member === 'number' ? `[${member}]` : `.${member}`);
    throw err;
  }
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
