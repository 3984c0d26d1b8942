import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { stats, statsR } from '../../src/analyze/stats.js';

describe('stats', () => {
  it.each([
    ['no readings', [], { mean: null, p95: null, max: null, count: 0 }],
    ['only missing readings', [null, null], { mean: null, p95: null, max: null, count: 0 }],
    ['one reading', [42], { mean: 42, p95: 42, max: 42, count: 1 }],
    ['zero is zero, not −0', [0, 0], { mean: 0, p95: 0, max: 0, count: 2 }],
    ['one missing reading', [null], { mean: null, p95: null, max: null, count: 0 }],
    ['one reading that is not a number', [Number.NaN], { mean: null, p95: null, max: null, count: 0 }],
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

  it('agrees with the definition on unsorted readings with gaps: mean, linear-interpolated percentile, max', () => {
    const reading = fc.oneof(fc.integer({ min: 0, max: 4_000_000_000 }), fc.constant(null));
    fc.assert(
      fc.property(fc.array(reading, { maxLength: 80 }), fc.integer({ min: 1, max: 100 }), (values, percentile) => {
        const xs = values.filter((v): v is number => v !== null).sort((a, b) => a - b);
        const up = (v: number) => Math.ceil(v - 1e-9) + 0; // + 0: zero, never −0
        if (xs.length === 0) {
          expect(stats(values, percentile)).toEqual({ mean: null, p95: null, max: null, count: 0 });
          return;
        }
        const at = (percentile / 100) * (xs.length - 1);
        const lo = Math.floor(at);
        const q = lo === at ? xs[lo]! : xs[lo]! * (1 - (at % 1)) + xs[lo + 1]! * (at % 1);
        const mean = xs.reduce((a, x) => a + x, 0) / xs.length;
        expect(stats(values, percentile)).toEqual({ mean: up(mean), p95: up(q), max: xs[xs.length - 1], count: xs.length });
      }),
      { numRuns: 1000 },
    );
  });

  it('statsR splits cpu and memory', () => {
    const s = statsR([{ cpuMillicores: 5, memoryBytes: null }, null, { cpuMillicores: 7, memoryBytes: 100 }]);
    expect(s.cpuMillicores.count).toBe(2);
    expect(s.memoryBytes).toEqual({ mean: 100, p95: 100, max: 100, count: 1 });
  });
});
