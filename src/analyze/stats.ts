// mean / percentile / max over the readings of a sampling window. mathjs is imported function by
// function (create + *Dependencies) so the bundle carries only these, not the whole library.
import { create, meanDependencies, quantileSeqDependencies } from 'mathjs';
import type { R } from '../model/snapshot.js';
import type { Stats, StatsR } from './report-model.js';

// The typings mark each *Dependencies export as possibly undefined; they are always defined.
const math = create({
  meanDependencies: meanDependencies!,
  quantileSeqDependencies: quantileSeqDependencies!,
});

/**
 * Stats over the non-null values (null readings are left out, never counted as zero; `count`
 * says how many had a value). `percentile` (0–100) fills the `p95` field: the policy's
 * percentile, 95 by default, linear interpolation between readings. Resource amounts
 * (`integer`) are rounded up to whole millicores/bytes, percentages to 0.1.
 */
export function stats(values: Array<number | null>, percentile = 95, integer = true): Stats {
  // One reading (every imported snapshot; asked per container) summarises to itself, with no
  // array built and no call into mathjs, whose first call builds its typed-function dispatch
  // (measured: ~35% of `report`'s start-up).
  if (values.length === 1) return single(values[0]!, integer);
  const xs = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (xs.length <= 1) return single(xs[0] ?? null, integer);
  // Sorted here (numbers, one native sort) and passed as sorted: mathjs's own selection compares
  // through its typed dispatch, which was most of a report's time on a sampled snapshot.
  const sorted = xs.slice().sort((a, b) => a - b);
  const mean = math.mean(xs) as number;
  const q = math.quantileSeq(sorted, percentile / 100, true) as number;
  const max = sorted[sorted.length - 1]!;
  return { mean: round(mean, integer), p95: round(q, integer), max: round(max, integer), count: xs.length };
}

function single(v: number | null, integer: boolean): Stats {
  if (v === null || !Number.isFinite(v)) return { mean: null, p95: null, max: null, count: 0 };
  const r = round(v, integer);
  return { mean: r, p95: r, max: r, count: 1 };
}

/** Resource amounts up to whole millicores/bytes, percentages to 0.1. */
function round(v: number, integer: boolean): number {
  const r = integer ? Math.ceil(v - 1e-9) : Math.round(v * 10) / 10;
  return r === 0 ? 0 : r; // ceil(0 − 1e-9) is −0
}

export function statsR(readings: Array<R | null>, percentile = 95): StatsR {
  return {
    cpuMillicores: stats(readings.map((r) => r?.cpuMillicores ?? null), percentile),
    memoryBytes: stats(readings.map((r) => r?.memoryBytes ?? null), percentile),
  };
}
