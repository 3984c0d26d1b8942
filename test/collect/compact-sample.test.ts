import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compactPods, expandPod, expandPods, podLayout } from '../../src/collect/compact-sample.js';
import type { Pod, R, Sample } from '../../src/model/snapshot.js';

const pod = (name: string, containers: string[]): Pod => ({
  namespace: 'ns',
  name,
  phase: 'Running',
  nodeName: 'n',
  owner: null,
  usage: null,
  containers: containers.map((c) => ({ name: c, type: 'app', requests: { cpuMillicores: null, memoryBytes: null }, limits: { cpuMillicores: null, memoryBytes: null }, usage: null })),
});

/** What toSample kept before: the reading's entries of inventory pods, as they were. */
function plain(pods: Pod[], usage: Map<string, Sample['pods'][string]>): Sample['pods'] {
  const out: Sample['pods'] = {};
  for (const p of pods) {
    const u = usage.get(`${p.namespace}/${p.name}`);
    if (u) out[`${p.namespace}/${p.name}`] = u;
  }
  return out;
}

const part = fc.oneof(fc.constant(null), fc.nat({ max: 2 ** 45 }));
const r: fc.Arbitrary<R> = fc.record({ cpuMillicores: part, memoryBytes: part });

describe('compact pod usage', () => {
  it('expands to the same entries, in the same key order (JSON bytes), as the plain form', () => {
    const names = ['a', 'b', 'c', 'istio-proxy', '7'];
    fc.assert(
      fc.property(
        fc.array(fc.subarray(names, { minLength: 1 }), { minLength: 1, maxLength: 6 }),
        fc.array(fc.tuple(fc.nat(7), fc.option(r), fc.array(fc.tuple(fc.constantFrom(...names, 'not-in-spec'), r), { maxLength: 4 }))),
        (specs, readings) => {
          const pods = specs.map((cs, i) => pod(`p${i}`, cs));
          const usage = new Map<string, Sample['pods'][string]>();
          for (const [i, u, cs] of readings) {
            const containers: Record<string, R> = {};
            for (const [n, x] of cs) containers[n] = x;
            usage.set(`ns/p${i}`, { usage: u, containers });
          }
          const layout = podLayout(pods);
          const compact = compactPods(layout, usage);
          const expanded = expandPods(layout, compact);
          expect(JSON.stringify(expanded)).toBe(JSON.stringify(plain(pods, usage)));
          // one pod at a time (live.ts with a single reading) gives each pod the same entry
          pods.forEach((p, i) => expect(JSON.stringify(expandPod(layout, compact, i))).toBe(JSON.stringify(expanded[`ns/${p.name}`])));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('no reading: no entries; an empty reading of a pod is kept as an entry', () => {
    const pods = [pod('p0', ['a']), pod('p1', ['a', 'b'])];
    const layout = podLayout(pods);
    expect(expandPods(layout, compactPods(layout, null))).toEqual({});
    const u = new Map([['ns/p1', { usage: { cpuMillicores: 0, memoryBytes: null }, containers: {} }]]);
    expect(expandPods(layout, compactPods(layout, u))).toEqual({ 'ns/p1': { usage: { cpuMillicores: 0, memoryBytes: null }, containers: {} } });
  });

  it('holds a reading of 100 pods in a few KiB', () => {
    const pods = Array.from({ length: 100 }, (_, i) => pod(`p${i}`, ['a', 'b']));
    const layout = podLayout(pods);
    const c = compactPods(layout, new Map(pods.map((p) => [`ns/${p.name}`, { usage: { cpuMillicores: 5, memoryBytes: 7 }, containers: { a: { cpuMillicores: 1, memoryBytes: 2 }, b: { cpuMillicores: 4, memoryBytes: 5 } } }])));
    expect(c.values.byteLength).toBe(100 * 7 * 8);
    expect(c.extra).toBeNull();
  });
});
