import { describe, expect, it } from 'vitest';
import { defaultReserved } from '../../src/analyze/fit.js';
import { DEFAULT_POLICY, buildReport } from '../../src/analyze/report.js';
import { maxFitFactor, usageFloors } from '../../src/analyze/sizing.js';
import type { Pod } from '../../src/model/snapshot.js';
import { ctr, pod, q, snapshot } from './helpers.js';

const MI = 2 ** 20;
const node = { cpuMillicores: 1000, memoryBytes: 1024 * MI };

const app = (name: string, req: [string, string], lim: [string | null, string | null], usage: [string, string] | null) =>
  pod('app', name, [ctr(name, { req, lim })], { owner: ['Deployment', name], usage });

describe('usageFloors: the lowest safe factor', () => {
  it.each([
    // request 100Mi, used 50Mi: with 0 % headroom the floor is exactly 0.5
    ['memory request, no headroom', 0, app('a', ['10m', '100Mi'], [null, null], ['1m', '50Mi']), 'usage-memory-request', 0.5],
    ['memory request, 10 % headroom', 10, app('a', ['10m', '100Mi'], [null, null], ['1m', '50Mi']), 'usage-memory-request', 0.55],
    ['cpu request', 0, app('a', ['100m', '1Gi'], [null, null], ['80m', '1Mi']), 'usage-cpu-request', 0.8],
    ['memory limit', 0, pod('app', 'a', [ctr('a', { req: ['1m', null], lim: [null, '100Mi'] })], { usage: ['0', '90Mi'] }), 'usage-memory-limit', 0.9],
    ['usage above the request: no cut is safe', 0, app('a', ['10m', '10Mi'], [null, null], ['1m', '20Mi']), 'usage-memory-request', 2],
  ])('%s', (_, headroom, p, kind, factor) => {
    const { binding } = usageFloors({ snapshot: snapshot([p]), pods: [p], policy: { ...DEFAULT_POLICY, headroomPercent: headroom } });
    expect(binding?.kind).toBe(kind);
    expect(binding?.factor).toBeCloseTo(factor, 9);
  });

  it('missing usage is never a floor of zero: the component is listed as unknown', () => {
    const pods = [app('known', ['100m', '100Mi'], [null, null], ['10m', '10Mi']), app('unseen', ['100m', '100Mi'], [null, null], null)];
    const r = usageFloors({ snapshot: snapshot(pods), pods, policy: DEFAULT_POLICY });
    expect(r.unknown).toEqual(['app/unseen']);
    expect(r.binding?.subject).toBe('app/known');
    expect([r.known, r.count]).toEqual([1, 2]); // no limits: the two requests
  });

  it('uses per-container usage when the snapshot has it', () => {
    const p = pod('app', 'hello', [ctr('user-container', { req: [null, '100Mi'], usage: ['1m', '60Mi'] }), ctr('queue-proxy', { req: ['25m', null] })], {
      owner: ['Deployment', 'hello'],
    });
    const r = usageFloors({ snapshot: snapshot([p]), pods: [p], policy: { ...DEFAULT_POLICY, headroomPercent: 0 } });
    expect([r.binding?.subject, r.binding?.kind, r.binding?.factor, r.count]).toEqual(['app/hello/user-container', 'usage-memory-request', 0.6, 1]);
    expect(r.unknown).toEqual(['app/hello/queue-proxy']);
  });

  it('keeps the first of equal floors, in pod order, and words it with the binding figures', () => {
    const pods = [app('first', ['100m', '100Mi'], [null, null], ['50m', '10Mi']), app('second', ['200m', '100Mi'], [null, null], ['100m', '10Mi'])];
    const r = usageFloors({ snapshot: snapshot(pods), pods, policy: { ...DEFAULT_POLICY, headroomPercent: 0 } });
    expect([r.binding?.subject, r.binding?.kind, r.binding?.factor, r.count]).toEqual(['app/first', 'usage-cpu-request', 0.5, 4]);
    expect(r.binding?.sentence()).toBe(
      'Below ×0.50 the cpu request of app/first (100m) would fall under its observed p95 CPU 50m + 0% headroom = 50m: it would be starved of CPU when the node is busy.',
    );
  });

  it('joins a pod known from top with its declared twin of the same workload', () => {
    const declared = pod('app', 'web-abc12', [ctr('web', { req: ['100m', '100Mi'] })], { owner: ['Deployment', 'web'] });
    const seen = pod('app', 'web-xyz89', [], { owner: ['Deployment', 'web'], usage: ['5m', '40Mi'] });
    const r = usageFloors({ snapshot: snapshot([declared, seen]), pods: [declared, seen], policy: { ...DEFAULT_POLICY, headroomPercent: 0 } });
    expect(r.binding?.factor).toBeCloseTo(0.4, 9);
    expect(r.binding?.subject).toBe('app/web');
  });
});

describe('maxFitFactor', () => {
  it.each([
    ['fits as declared', [app('a', ['500m', '100Mi'], [null, null], null)], 1, null],
    // 200m fixed in kube-system + ceil(1000m × f) ≤ 1000m → 0.8
    ['cpu caps the factor', [pod('kube-system', 'dns', [ctr('dns', { req: ['200m', '10Mi'] })]), app('a', ['1', '100Mi'], [null, null], null)], 0.8, 'cpu'],
    ['memory caps the factor', [app('a', ['100m', '1848Mi'], [null, null], null)], 0.5, 'memory'],
    ['kube-system alone does not fit', [pod('kube-system', 'big', [ctr('big', { req: ['2', '10Mi'] })])], null, 'cpu'],
  ])('%s', (_, pods, factor, binding) => {
    const r = maxFitFactor(pods as Pod[], node, defaultReserved(), DEFAULT_POLICY);
    expect(r.factor).toBe(factor);
    expect(r.binding).toBe(binding);
  });
});

describe('recommend via buildReport', () => {
  const build = (pods: Pod[], extra: Partial<Parameters<typeof buildReport>[0]> = {}) =>
    buildReport({ snapshot: snapshot(pods), nodeSize: node, reproduce: [], ...extra });

  it('the band edges: a container whose usage floors the factor, the fit that caps it', () => {
    const pods = [app('a', ['1', '100Mi'], [null, null], ['10m', '50Mi']), app('b', ['500m', '100Mi'], [null, null], ['10m', '10Mi'])];
    const r = build(pods, { policy: { headroomPercent: 0 } }).recommendation;
    // fit: ceil(1500m × f) ≤ 1000m → 0.66; usage: a's 50Mi of 100Mi → 0.5
    expect(r.reductionFactor).toEqual({ value: 0.65, min: 0.5, max: 0.66 });
    expect(r.bounds.min?.subject).toBe('app/a');
    expect(r.bottleneck).toBe('cpu');
    expect(r.basis).toBe('usage');
  });

  it('keeps the max itself when rounding down to 0.05 would leave the band', () => {
    const pods = [app('a', ['1', '100Mi'], [null, null], ['10m', '65.5Mi']), app('b', ['500m', '100Mi'], [null, null], null)];
    const r = build(pods, { policy: { headroomPercent: 0 } }).recommendation;
    expect(r.reductionFactor).toEqual({ value: 0.66, min: 0.66, max: 0.66 });
  });

  it('no safe factor when usage needs more than the node allows', () => {
    const pods = [app('a', ['2', '100Mi'], [null, null], ['1500m', '10Mi'])];
    const r = build(pods, { policy: { headroomPercent: 0 } }).recommendation;
    expect(r.reductionFactor).toEqual({ value: null, min: 0.75, max: 0.5 });
    expect(r.reasons.join(' ')).toContain('No factor is safe');
  });

  it('without usage the factor rests on requests alone', () => {
    const r = build([app('a', ['2', '100Mi'], [null, null], null)]).recommendation;
    expect(r.basis).toBe('requests');
    expect(r.reductionFactor.min).toBeNull();
    expect(r.reductionFactor.value).toBe(0.5);
    expect(r.reasons.join(' ')).toContain('the factor rests on requests alone');
    expect(r.reasons.join(' ')).toContain('No whole-node memory reading');
  });

  it('no cut when everything fits: value 1', () => {
    const r = build([app('a', ['100m', '100Mi'], [null, null], ['10m', '10Mi'])]).recommendation;
    expect(r.reductionFactor).toEqual({ value: 1, min: 0.12, max: 1 });
  });

  it('without --node-size the minimum node is sized at the lowest safe factor, rounded to the steps', () => {
    const pods = [app('a', ['1', '1000Mi'], [null, null], ['100m', '200Mi'])];
    const r = build(pods, { nodeSize: null, policy: { headroomPercent: 0 } }).recommendation;
    // min factor 0.2: requests 200m / 200Mi + 100Mi eviction → 500m, 512Mi
    expect(r.reductionFactor.min).toBe(0.2);
    expect(r.node).toEqual({ cpuMillicores: 500, memoryBytes: 512 * MI });
    expect(r.target).toEqual(r.node);
    expect(r.reductionFactor.max).toBeGreaterThanOrEqual(0.2);
  });

  it('observed whole-node memory above capacity names memory and grows the node', () => {
    const s = snapshot([app('a', ['100m', '100Mi'], [null, null], ['10m', '50Mi'])], {
      nodes: [{ name: 'n', capacity: null, allocatable: null, usage: q('100m', '1000Mi') }],
    });
    const r = buildReport({ snapshot: s, nodeSize: node, reproduce: [] }).recommendation;
    expect(r.bottleneck).toBe('memory');
    expect(r.nodeMemoryPeak).toEqual({ bytes: 1000 * MI, source: 'node-working-set' });
    // 1000Mi × 1.15 + 100Mi = 1250Mi → 1280Mi
    expect(r.node.memoryBytes).toBe(1280 * MI);
  });

  it('an empty snapshot gives a clear reason and no NaN', () => {
    const report = build([]);
    expect(report.recommendation.reasons).toEqual(['The snapshot has no pods: there is nothing to size.']);
    expect(report.recommendation.reductionFactor).toEqual({ value: null, min: null, max: null });
    expect(JSON.stringify(report)).not.toMatch(/NaN|Infinity/);
    expect(report.fit?.fits).toBe(true);
  });

  it('ranks the built-in sizes with --sizes', () => {
    const r = build([app('a', ['1500m', '100Mi'], [null, null], ['10m', '10Mi'])], { sizes: true }).recommendation;
    const one = r.sizes.find((s) => s.name === '1 vCPU, 1 GiB VM')!;
    expect(one).toMatchObject({ fitsAtDefault: false, maxFactor: 0.66, memoryFits: null });
    expect(r.sizes.find((s) => s.name === '2 vCPU, 2 GiB VM')).toMatchObject({ fitsAtDefault: true, maxFactor: 1 });
  });
});
