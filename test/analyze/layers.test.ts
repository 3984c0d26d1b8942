import { describe, expect, it } from 'vitest';
import { computeLayers, layerNotes } from '../../src/analyze/layers.js';
import type { Host } from '../../src/model/snapshot.js';
import { ctr, pod, q, snapshot } from './helpers.js';

const MI = 2 ** 20;
const host = (usedMi: number, busy: number | null, cores: number | null): Host => ({
  memory: { totalBytes: 971 * MI, usedBytes: usedMi * MI, freeBytes: null, sharedBytes: null, buffCacheBytes: null, availableBytes: null, swapTotalBytes: null, swapUsedBytes: null, swapFreeBytes: null },
  cpu: { cores, loadAverage: null, busyPercent: busy },
  processes: [],
});

describe('computeLayers', () => {
  it('attributes memory and CPU to each layer by difference (bare OS / + k0s / + Knative)', () => {
    const layers = computeLayers([
      { name: 'bare OS', snapshot: snapshot([], { host: host(170, 0.7, 1) }) },
      { name: '+ k0s', snapshot: snapshot([], { host: host(558, 2.5, 1) }) },
      {
        name: '+ Knative',
        snapshot: snapshot([pod('knative-serving', 'activator', [ctr('activator', { req: ['300m', '60Mi'] })])], {
          nodes: [{ name: 'vagrant', capacity: null, allocatable: null, usage: q('166m', '1341Mi') }],
        }),
      },
    ]);
    expect(layers.map((l) => [l.name, l.memoryUsedBytes! / MI, l.deltaMemoryBytes! / MI, l.memorySource])).toEqual([
      ['bare OS', 170, 170, 'host-used'],
      ['+ k0s', 558, 388, 'host-used'],
      ['+ Knative', 1341, 783, 'node-working-set'],
    ]);
    // busy % × cores × 10, rounded up: 0.7 % of 1 CPU = 7m, 2.5 % = 25m
    expect(layers.map((l) => [l.cpuMillicores, l.deltaCpuMillicores, l.cpuSource])).toEqual([
      [7, 7, 'host-busy'],
      [25, 18, 'host-busy'],
      [166, 141, 'node-usage'],
    ]);
    expect(layers[2]!.requests).toEqual(q('300m', '60Mi'));
    expect(layerNotes(layers)).toEqual([
      'Layer "+ Knative" CPU is node usage (kubectl top node) but "+ k0s" is the host\'s busy CPU: the difference between them is approximate.',
      'Layer "+ Knative" memory is the node working set but "+ k0s" is the host\'s used memory: the difference between them is approximate.',
    ]);
  });

  it('unknown readings stay null, and so do the deltas next to them', () => {
    const layers = computeLayers([
      { name: 'a', snapshot: snapshot([], { host: host(170, 1, null) }) },
      { name: 'b', snapshot: snapshot([]) },
      { name: 'c', snapshot: snapshot([], { host: host(300, null, null) }) },
    ]);
    expect(layers.map((l) => [l.memoryUsedBytes, l.deltaMemoryBytes, l.cpuMillicores, l.deltaCpuMillicores])).toEqual([
      [170 * MI, 170 * MI, null, null],
      [null, null, null, null],
      [300 * MI, null, null, null],
    ]);
  });

  it('without the number of cores, CPU is the sum of the listed processes (a lower bound)', () => {
    const h = host(558, 2.5, null);
    h.processes = [
      { pid: 1, user: null, command: 'kube-apiserver', residentBytes: null, cpuPercent: 1.7 },
      { pid: 2, user: null, command: 'kine', residentBytes: null, cpuPercent: 1.0 },
      { pid: 3, user: null, command: 'kubelet', residentBytes: null, cpuPercent: 0.7 },
      { pid: 4, user: null, command: 'idle', residentBytes: null, cpuPercent: null },
    ];
    const [bare, k0s] = computeLayers([
      { name: 'bare OS', snapshot: snapshot([], { host: { ...host(170, 0.7, null), processes: [{ pid: 9, user: null, command: 'snapd', residentBytes: null, cpuPercent: 1.3 }] } }) },
      { name: '+ k0s', snapshot: snapshot([], { host: h }) },
    ]);
    expect([bare!.cpuMillicores, bare!.cpuSource]).toEqual([13, 'host-processes']);
    expect([k0s!.cpuMillicores, k0s!.deltaCpuMillicores]).toEqual([34, 21]);
  });
});
