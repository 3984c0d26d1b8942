// Properties over random stacks: the band's upper edge is exact, the reduction rounds up by less
// than one unit, and the effective request is never below any container that must run.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultReserved, fitPods } from '../../src/analyze/fit.js';
import { effectivePodResources, reducePod, requestsAtFactor, scaleUp, summedRequestsAtFactor } from '../../src/analyze/pod-resources.js';
import { DEFAULT_POLICY } from '../../src/analyze/report.js';
import { demandCurve, isReducible, maxFitFactor, maxFitFactorOnCurve } from '../../src/analyze/sizing.js';
import { installOrder } from '../../src/analyze/totals.js';
import type { Container, Pod } from '../../src/model/snapshot.js';

const MI = 2 ** 20;
const container = fc.record({
  name: fc.constantFrom('a', 'b', 'c'),
  type: fc.constantFrom('app', 'init', 'sidecar') as fc.Arbitrary<Container['type']>,
  requests: fc.record({ cpuMillicores: fc.option(fc.integer({ min: 0, max: 800 }), { nil: null }), memoryBytes: fc.option(fc.integer({ min: 0, max: 800 * MI }), { nil: null }) }),
  limits: fc.constant({ cpuMillicores: null, memoryBytes: null }),
  usage: fc.constant(null),
});
const podArb = fc.record({
  namespace: fc.constantFrom('kube-system', 'app', 'web'),
  name: fc.string({ minLength: 1, maxLength: 6 }),
  phase: fc.constant('Running'),
  nodeName: fc.constant(null),
  owner: fc.constant(null),
  containers: fc.array(container, { minLength: 1, maxLength: 4 }),
  usage: fc.constant(null),
}) as fc.Arbitrary<Pod>;
const node = { cpuMillicores: 2000, memoryBytes: 2048 * MI };

describe('properties', () => {
  it('maxFitFactor: every pod fits at the factor, not at one step more', () => {
    fc.assert(
      fc.property(fc.array(podArb, { maxLength: 8 }), (pods) => {
        const { factor } = maxFitFactor(pods, node, defaultReserved(), DEFAULT_POLICY);
        const at = (f: number) => fitPods(pods.map((p) => (isReducible(p, null) ? reducePod(p, f) : p)), node, defaultReserved()).fits;
        if (factor === null) return !at(0.01);
        if (!at(factor)) return false;
        return factor === 1 || !at(Math.round((factor + 0.01) * 100) / 100);
      }),
      { numRuns: 200 },
    );
  });

  it('scaleUp rounds up by less than one unit', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 40 }), fc.integer({ min: 1, max: 100 }), (v, hundredths) => {
        const r = scaleUp(v, hundredths / 100);
        return r * 100 >= v * hundredths && (r - 1) * 100 < v * hundredths;
      }),
    );
  });

  it('the effective request covers every app+sidecar sum and every init container', () => {
    fc.assert(
      fc.property(podArb, (pod) => {
        const cpu = effectivePodResources(pod).requests.cpuMillicores ?? 0;
        const steady = pod.containers.filter((c) => c.type !== 'init').reduce((a, c) => a + (c.requests.cpuMillicores ?? 0), 0);
        const inits = pod.containers.filter((c) => c.type === 'init').map((c) => c.requests.cpuMillicores ?? 0);
        expect(cpu).toBeGreaterThanOrEqual(steady);
        for (const i of inits) expect(cpu).toBeGreaterThanOrEqual(i);
      }),
    );
  });

  it('summedRequestsAtFactor gives the sum of requestsAtFactor over the pods, at every factor', () => {
    // few distinct values, so that pods share shapes (what the grouping relies on)
    const v = <T>(...xs: T[]) => fc.option(fc.constantFrom(...xs), { nil: null });
    const shared = fc.record({
      name: fc.constant('c'),
      type: fc.constantFrom('app', 'init', 'sidecar') as fc.Arbitrary<Container['type']>,
      requests: fc.record({ cpuMillicores: v(0, 7, 100, 333), memoryBytes: v(1, 3 * MI + 1, 64 * MI) }),
      limits: fc.constant({ cpuMillicores: null, memoryBytes: null }),
      usage: fc.constant(null),
    });
    const pods = fc.array(
      fc.record({ containers: fc.array(shared, { minLength: 1, maxLength: 3 }), overhead: fc.option(fc.record({ cpuMillicores: v(10), memoryBytes: v(MI) }), { nil: undefined }) }),
      { maxLength: 12 },
    ) as unknown as fc.Arbitrary<Pod[]>;
    const factors = [0.01, 0.07, 0.33, 0.5, 0.99, 1];
    fc.assert(
      fc.property(pods, (ps) => {
        const sum = summedRequestsAtFactor(ps);
        for (const f of factors) {
          expect(sum(f).cpu).toBe(ps.reduce((a, p) => a + requestsAtFactor(p, f).cpu, 0));
          expect(sum(f).mem).toBe(ps.reduce((a, p) => a + requestsAtFactor(p, f).mem, 0));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('installOrder: kube-system first, namespaces by first appearance, default last, pod order kept inside', () => {
    const ns = fc.constantFrom('default', 'kube-system', 'a', 'b', 'c');
    fc.assert(
      fc.property(fc.array(ns, { maxLength: 20 }), (namespaces) => {
        const pods = namespaces.map((n, i) => ({ namespace: n, name: `p${i}` }) as Pod);
        // the rule as docs/sizing.md states it, written the slow obvious way
        const seen = namespaces.filter((n, i) => namespaces.indexOf(n) === i);
        const order = [...seen.filter((n) => n === 'kube-system'), ...seen.filter((n) => n !== 'kube-system' && n !== 'default'), ...seen.filter((n) => n === 'default')];
        expect(installOrder(pods)).toEqual(order.flatMap((n) => pods.filter((p) => p.namespace === n)));
      }),
    );
  });

  it('maxFitFactorOnCurve (binary search) finds what scanning the whole grid from the top finds, binding included', () => {
    const size = fc.record({ cpuMillicores: fc.integer({ min: 0, max: 4000 }), memoryBytes: fc.integer({ min: 0, max: 4096 * MI }) });
    fc.assert(
      fc.property(fc.array(podArb, { maxLength: 8 }), size, (pods, n) => {
        const curve = demandCurve(pods, DEFAULT_POLICY);
        const alloc = { cpu: n.cpuMillicores, mem: Math.max(0, n.memoryBytes - defaultReserved().evictionHardMemoryBytes) };
        let expected: { factor: number | null; binding: 'cpu' | 'memory' | null } = { factor: null, binding: null };
        let previous: 'cpu' | 'memory' | null = null;
        for (const f of [...curve.factors].reverse()) {
          const d = curve.at(f);
          const short = d.cpu > alloc.cpu ? 'cpu' : d.mem > alloc.mem ? 'memory' : null;
          if (short === null) {
            expected = { factor: f, binding: previous };
            break;
          }
          previous = short;
          expected = { factor: null, binding: previous };
        }
        expect(maxFitFactorOnCurve(curve, n, defaultReserved())).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});
