import { describe, expect, it } from 'vitest';
import { stats, statsR } from '../../src/analyze/stats.js';

describe('stats', () => {
  it.each([
    ['no readings', [], { mean: null, p95: null, max: null, count: 0 }],
    ['only missing readings', [null, null], { mean: null, p95: null, max: null, count: 0 }],
    ['one reading', [42], { mean: 42, p95: 42, max: 42, count: 1 }],
    ['missing readings are left out, not zero', [10, null, 20], { mean: 15, p95: 20, max: 20, count: 2 }],
    // 1..100: p95 interpolates 95.05, rounded up to whole units
    ['1..100', Array.from({ length: 100 }, (_, i) => i + 1), { mean: 51, p95: 96, max: 100, count: 100 }],
  ])('%s', (_, values, want) => {
    expect(stats(values as Array<number | null>)).toEqual(want);
  });

  it('honours the percentile and keeps percentages to 0.1', () => {
    expect(stats([1, 2, 3, 4, 5], 50).p95).toBe(3);
    expect(stats([2.5, 1.2, 0.3], 95, false)).toEqual({ mean: 1.3, p95: 2.4, max: 2.5, count: 3 });
  });

  it('statsR splits cpu and memory', () => {
    const s = statsR([{ cpuMillicores: 5, memoryBytes: null }, null, { cpuMillicores: 7, memoryBytes: 100 }]);
    expect(s.cpuMillicores.count).toBe(2);
    expect(s.memoryBytes).toEqual({ mean: 100, p95: 100, max: 100, count: 1 });
  });
});
