import { describe, expect, it } from 'vitest';
import { allocatableOf, defaultReserved, fitPods, placementOrder } from '../../src/analyze/fit.js';
import { ctr, pod, q } from './helpers.js';

const MI = 2 ** 20;
const node = { cpuMillicores: 1000, memoryBytes: 1500 * MI };
const p = (ns: string, name: string, cpu: string | null, mem: string | null, owner: [string, string] | null = null, phase: string | null = 'Running') =>
  pod(ns, name, [ctr('c', { req: [cpu, mem] })], { owner, phase });

describe('allocatableOf', () => {
  it.each([
    ['defaults: only the 100Mi hard eviction threshold', defaultReserved(), { cpuMillicores: 1000, memoryBytes: 1400 * MI }],
    [
      'kube-reserved, system-reserved and a custom threshold',
      { kubeReserved: q('100m', '100Mi'), systemReserved: q('50m', '50Mi'), evictionHardMemoryBytes: 200 * MI },
      { cpuMillicores: 850, memoryBytes: 1150 * MI },
    ],
    ['never below zero', { ...defaultReserved(), kubeReserved: q('2', '2Gi') }, { cpuMillicores: 0, memoryBytes: 0 }],
  ])('%s', (_, reserved, want) => {
    expect(allocatableOf(node, reserved)).toEqual(want);
  });
});

describe('fitPods', () => {
  it('places DaemonSet pods first, then install order, then Jobs; finished pods not at all', () => {
    const pods = [
      p('knative-serving', 'activator', '300m', '60Mi', ['Deployment', 'activator']),
      p('knative-serving', 'default-domain', '100m', '100Mi', ['Job', 'default-domain']),
      p('knative-serving', 'old-job', '100m', '100Mi', ['Job', 'x'], 'Succeeded'),
      p('kube-system', 'coredns', '100m', '70Mi', ['Deployment', 'coredns']),
      p('kube-system', 'kube-router', '250m', '16Mi', ['DaemonSet', 'kube-router']),
    ];
    expect(placementOrder(pods).map((x) => x.name)).toEqual(['kube-router', 'coredns', 'activator', 'default-domain']);
  });

  it('keeps pods Pending when requests exceed what allocatable has left, in the scheduler words', () => {
    const pods = [
      p('kube-system', 'router', '250m', '16Mi', ['DaemonSet', 'router']),
      p('kube-system', 'dns', '100m', '70Mi'),
      p('app', 'big', '600m', '1000Mi'),
      p('app', 'cpu-hog', '300m', '10Mi'),
      p('app', 'both', '100m', '400Mi'),
      p('app', 'no-requests', null, null),
      p('app', 'tiny', '50m', '10Mi'),
    ];
    const fit = fitPods(pods, node, defaultReserved());
    expect(fit.fits).toBe(false);
    expect(fit.pending).toEqual([
      { namespace: 'app', name: 'cpu-hog', reason: 'Insufficient cpu: needs 300m, 50m free', runToCompletion: false, assumed: false },
      { namespace: 'app', name: 'both', reason: 'Insufficient cpu: needs 100m, 50m free; Insufficient memory: needs 400Mi, 314Mi free', runToCompletion: false, assumed: false },
    ]);
    // a pod with no requests counts as zero and is placed
    expect(fit.placed.map((x) => x.name)).toEqual(['router', 'dns', 'big', 'no-requests', 'tiny']);
    expect(fit.placedRequests).toEqual({ cpuMillicores: 1000, memoryBytes: 1096 * MI });
    expect(fit.free).toEqual({ cpuMillicores: 0, memoryBytes: 304 * MI });
  });

  it('an exact fit fits', () => {
    const fit = fitPods([p('a', 'x', '1', '1400Mi')], node, defaultReserved());
    expect(fit.fits).toBe(true);
    expect(fit.free).toEqual({ cpuMillicores: 0, memoryBytes: 0 });
  });

  it('an empty snapshot fits with everything free', () => {
    const fit = fitPods([], node, defaultReserved());
    expect(fit).toMatchObject({ fits: true, placed: [], pending: [], free: { cpuMillicores: 1000, memoryBytes: 1400 * MI } });
  });
});
