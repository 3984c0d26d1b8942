// PodUsageMap holds a reading flat; what it gives back must be what the per-pod objects it
// replaced held: the pod's usage as the exact sum of its containers' rounded once, each
// container's rounded alone, keyed by name in first-seen order (a name read twice: the last).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { PodUsageMap, roundUsage, sumExact, type ExactUsage, type PodUsage } from '../../src/collect/kube/usage.js';
import type { R } from '../../src/model/snapshot.js';

/** The plain form the map replaced (metrics.ts and summary.ts built one per pod). */
function plain(containers: Array<{ name: string; usage: ExactUsage }>): PodUsage {
  const out: Record<string, R> = {};
  for (const c of containers) out[c.name] = roundUsage(c.usage);
  return { usage: roundUsage(sumExact(containers.map((c) => c.usage))), containers: out };
}

const nanos = fc.option(fc.bigInt({ min: 0n, max: 2n ** 53n * 1_000_000_000n }), { nil: null });
const container = fc.record({ name: fc.constantFrom('main', 'sidecar', 'a', 'b'), usage: fc.record({ cpuNanos: nanos, memoryNanos: nanos }) });
const reading = fc.array(fc.tuple(fc.constantFrom('ns/p1', 'ns/p2', 'other/p1', 'ns/p3'), fc.array(container, { maxLength: 4 })), { maxLength: 12 });

describe('PodUsageMap', () => {
  it('gives back what a Map of plain PodUsage objects gives, keys in the same order (property)', () => {
    fc.assert(
      fc.property(reading, (entries) => {
        const flat = new PodUsageMap();
        const map = new Map<string, PodUsage>();
        for (const [key, cs] of entries) {
          flat.add(key, cs);
          map.set(key, plain(cs));
        }
        expect(flat.size).toBe(map.size);
        for (const key of ['ns/p1', 'ns/p2', 'other/p1', 'ns/p3']) {
          // JSON text: the same container keys in the same order, nulls where nothing was read
          expect(JSON.stringify(flat.get(key))).toBe(JSON.stringify(map.get(key)));
        }
      }),
      { numRuns: 500 },
    );
  });

  it('addAll copies every entry of another map, later entries replacing earlier ones (property)', () => {
    fc.assert(
      fc.property(reading, reading, (a, b) => {
        const fa = new PodUsageMap();
        const fb = new PodUsageMap();
        const map = new Map<string, PodUsage>();
        for (const [key, cs] of a) {
          fa.add(key, cs);
          map.set(key, plain(cs));
        }
        for (const [key, cs] of b) {
          fb.add(key, cs);
          map.set(key, plain(cs));
        }
        fa.addAll(fb);
        expect(fa.size).toBe(map.size);
        for (const key of map.keys()) expect(JSON.stringify(fa.get(key))).toBe(JSON.stringify(map.get(key)));
      }),
      { numRuns: 300 },
    );
  });

  it('rounds as kubectl top: CPU and memory up, the pod summed before rounding', () => {
    const m = new PodUsageMap();
    m.add('ns/p', [
      { name: 'a', usage: { cpuNanos: 1_000_001n, memoryNanos: 1_500_000_000n } },
      { name: 'b', usage: { cpuNanos: 999_999n, memoryNanos: null } },
    ]);
    expect(m.get('ns/p')).toEqual({
      usage: { cpuMillicores: 2, memoryBytes: 2 },
      containers: { a: { cpuMillicores: 2, memoryBytes: 2 }, b: { cpuMillicores: 1, memoryBytes: null } },
    });
    expect(m.get('ns/q')).toBeUndefined();
  });
});
