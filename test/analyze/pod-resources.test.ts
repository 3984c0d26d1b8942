import { describe, expect, it } from 'vitest';
import { effectivePodResources, reducePod, scaleUp } from '../../src/analyze/pod-resources.js';
import { ctr, pod, q } from './helpers.js';

const MI = 2 ** 20;

describe('effectivePodResources: kubectl formula', () => {
  const cases: Array<{ name: string; containers: ReturnType<typeof ctr>[]; overhead?: ReturnType<typeof q>; requests: ReturnType<typeof q>; limits: ReturnType<typeof q> }> = [
    {
      name: 'app containers add up',
      containers: [ctr('a', { req: ['100m', '64Mi'], lim: ['1', '128Mi'] }), ctr('b', { req: ['50m', '32Mi'], lim: ['500m', '64Mi'] })],
      requests: q('150m', '96Mi'),
      limits: q('1500m', '192Mi'),
    },
    {
      name: 'an init container bigger than the apps sets the pod figure',
      containers: [ctr('init', { type: 'init', req: ['500m', '16Mi'] }), ctr('app', { req: ['100m', '64Mi'] })],
      requests: q('500m', '64Mi'),
      limits: q(null, null),
    },
    {
      name: 'a sidecar declared before an init container runs alongside it',
      containers: [
        ctr('proxy', { type: 'sidecar', req: ['50m', '10Mi'] }),
        ctr('migrate', { type: 'init', req: ['300m', '10Mi'] }),
        ctr('app', { req: ['100m', '10Mi'] }),
      ],
      // steady: 100m + 50m = 150m; init: 300m + 50m = 350m
      requests: q('350m', '20Mi'),
      limits: q(null, null),
    },
    {
      name: 'the same sidecar declared after the init container does not add to it',
      containers: [
        ctr('migrate', { type: 'init', req: ['300m', '10Mi'] }),
        ctr('proxy', { type: 'sidecar', req: ['50m', '10Mi'] }),
        ctr('app', { req: ['100m', '10Mi'] }),
      ],
      requests: q('300m', '20Mi'),
      limits: q(null, null),
    },
    {
      name: 'sidecars alone can exceed the apps at start-up',
      containers: [ctr('s1', { type: 'sidecar', req: ['200m', null] }), ctr('s2', { type: 'sidecar', req: ['200m', null] }), ctr('app', { req: ['0', null] })],
      requests: q('400m', null),
      limits: q(null, null),
    },
    {
      name: 'overhead is added to requests and to the limits that are set',
      containers: [ctr('app', { req: ['100m', '64Mi'], lim: ['200m', null] })],
      overhead: q('10m', '20Mi'),
      requests: q('110m', '84Mi'),
      limits: q('210m', null),
    },
    {
      name: 'overhead counts as requests even when no container sets any; limits stay unset',
      containers: [ctr('app')],
      overhead: q('10m', '20Mi'),
      requests: q('10m', '20Mi'),
      limits: q(null, null),
    },
    {
      name: 'a pod without requests has null figures, not zero',
      containers: [ctr('app'), ctr('sidecar', { type: 'sidecar' })],
      requests: q(null, null),
      limits: q(null, null),
    },
    {
      name: 'partly set: the set values add up',
      containers: [ctr('a', { req: [null, '60Mi'] }), ctr('b', { req: ['25m', null] })],
      requests: q('25m', '60Mi'),
      limits: q(null, null),
    },
  ];
  it.each(cases)('$name', ({ containers, overhead, requests, limits }) => {
    const e = effectivePodResources(pod('ns', 'p', containers, { overhead: overhead ?? null }));
    expect(e.requests).toEqual(requests);
    expect(e.limits).toEqual(limits);
  });

  it('counts long-running containers that leave a figure unset, not init containers', () => {
    const e = effectivePodResources(
      pod('ns', 'p', [ctr('init', { type: 'init' }), ctr('a', { req: [null, '60Mi'], lim: ['1', null] }), ctr('b', { type: 'sidecar', req: ['25m', null] })]),
    );
    expect(e.missing).toEqual({ cpuRequest: 1, memoryRequest: 1, cpuLimit: 1, memoryLimit: 2 });
  });
});

describe('reduction', () => {
  it.each([
    [100, 0.07, 7], // a float product would give 7.000000000000001 → 8
    [7, 0.5, 4],
    [1, 0.01, 1],
    [300, 0.87, 261],
    [30, 0.87, 27],
    [62914560, 0.5, 31457280],
    [0, 0.5, 0],
  ])('ceil(%i × %f) = %i', (v, f, want) => {
    expect(scaleUp(v, f)).toBe(want);
  });

  it('scales requests and limits of every container, keeps null and the overhead', () => {
    const p = reducePod(pod('ns', 'p', [ctr('a', { req: ['300m', '60Mi'], lim: ['1', null] })], { overhead: q('10m', null) }), 0.5);
    expect(p.containers[0]!.requests).toEqual(q('150m', '30Mi'));
    expect(p.containers[0]!.limits).toEqual({ cpuMillicores: 500, memoryBytes: null });
    expect(p.overhead).toEqual(q('10m', null));
    expect(effectivePodResources(p).requests).toEqual({ cpuMillicores: 160, memoryBytes: 30 * MI });
  });
});
