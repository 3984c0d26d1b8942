import { describe, expect, it } from 'vitest';
import { buildReport } from '../../src/analyze/report.js';
import { UsageError } from '../../src/errors.js';
import type { Snapshot } from '../../src/model/snapshot.js';
import { ctr, pod, q, snapshot } from './helpers.js';

const MI = 2 ** 20;
const stack = (): Snapshot =>
  snapshot(
    [
      pod('kube-system', 'coredns-1', [ctr('coredns', { req: ['100m', '70Mi'], lim: [null, '170Mi'] })], { owner: ['Deployment', 'coredns'], usage: ['3m', '16Mi'] }),
      pod('knative-serving', 'activator-1', [ctr('activator', { req: ['300m', '60Mi'], lim: ['1', '600Mi'] })], { owner: ['Deployment', 'activator'], usage: ['2m', '21Mi'] }),
      pod('kourier-system', 'gateway-1', [ctr('envoy', { req: ['7m', '3'] })], { owner: ['Deployment', 'gateway'] }),
    ],
    { nodes: [{ name: 'n', capacity: null, allocatable: null, usage: q('50m', '900Mi') }] },
  );

describe('buildReport', () => {
  it('is deterministic: same input, same JSON', () => {
    const a = JSON.stringify(buildReport({ snapshot: stack(), nodeSize: { cpuMillicores: 1000, memoryBytes: 1500 * MI }, sizes: true, distro: 'k0s', reproduce: ['x'] }));
    const b = JSON.stringify(buildReport({ snapshot: stack(), nodeSize: { cpuMillicores: 1000, memoryBytes: 1500 * MI }, sizes: true, distro: 'k0s', reproduce: ['x'] }));
    expect(a).toBe(b);
  });

  it('holds the contract fields', () => {
    const r = buildReport({ snapshot: stack(), nodeSize: { cpuMillicores: 1000, memoryBytes: 1500 * MI }, reproduce: ['edge-profile report s.json'] });
    expect(r).toMatchObject({ apiVersion: 'edge-profile/v1', kind: 'Report' });
    expect(Object.keys(r.totals)).toEqual(['declared', 'steadyState', 'observed', 'missing']);
    expect(r.totals.observed).toEqual({ pods: q('5m', '37Mi'), nodes: q('50m', '900Mi') });
    expect(Object.keys(r.components[0]!)).toEqual(expect.arrayContaining(['namespace', 'name', 'kind', 'requests', 'limits', 'usage']));
    expect(Object.keys(r.recommendation)).toEqual(expect.arrayContaining(['node', 'reductionFactor', 'bottleneck', 'reasons']));
    expect(Object.keys(r.fit!)).toEqual(expect.arrayContaining(['nodeSize', 'allocatable', 'fits', 'pending']));
    expect(r.reproduce).toEqual(['edge-profile report s.json']);
    expect(r.snapshot).toEqual({ takenAt: '2023-03-18T07:24:18Z', source: 'import (0 files)', pods: 3, containers: 3 });
  });

  it('--reduce cuts every namespace but kube-system by default, rounding up', () => {
    const r = buildReport({ snapshot: stack(), policy: { reduceFactor: 0.5 }, reproduce: [] });
    const byName = Object.fromEntries(r.components.map((c) => [c.name, c]));
    expect(byName['coredns']!.requests).toEqual(q('100m', '70Mi'));
    expect(byName['activator']!.requests).toEqual(q('150m', '30Mi'));
    expect(byName['activator']!.limits).toEqual(q('500m', '300Mi'));
    // 7m × 0.5 = 3.5m → 4m; 3 bytes → 2 bytes
    expect(byName['gateway']!.requests).toEqual({ cpuMillicores: 4, memoryBytes: 2 });
    expect(r.policy.reduceFactor).toBe(0.5);
  });

  it('--reduce-namespace limits the cut to those namespaces', () => {
    const r = buildReport({ snapshot: stack(), policy: { reduceFactor: 0.5, reduceNamespaces: ['kourier-system'] }, reproduce: [] });
    const byName = Object.fromEntries(r.components.map((c) => [c.name, c]));
    expect(byName['activator']!.requests).toEqual(q('300m', '60Mi'));
    expect(byName['gateway']!.requests.cpuMillicores).toBe(4);
  });

  it.each([
    [{ policy: { reduceFactor: 0 } }, '--reduce must be a factor in (0, 1]'],
    [{ policy: { reduceFactor: 1.5 } }, '--reduce must be a factor in (0, 1]'],
    [{ policy: { headroomPercent: -5 } }, '--headroom'],
    [{ policy: { percentile: 0 } }, '--percentile'],
    [{ nodeSize: { cpuMillicores: 0, memoryBytes: 1 } }, '--node-size'],
    [{ reserved: { evictionHardMemoryBytes: -1 } }, '--eviction-hard'],
  ])('rejects %j', (extra, message) => {
    const run = () => buildReport({ snapshot: stack(), reproduce: [], ...extra });
    expect(run).toThrow(UsageError);
    expect(run).toThrow(message);
  });

  it('kube-reserved and system-reserved shrink allocatable', () => {
    const r = buildReport({
      snapshot: stack(),
      nodeSize: { cpuMillicores: 1000, memoryBytes: 1500 * MI },
      reserved: { kubeReserved: q('100m', '100Mi'), systemReserved: q('100m', '100Mi'), evictionHardMemoryBytes: 200 * MI },
      reproduce: [],
    });
    expect(r.fit!.allocatable).toEqual({ cpuMillicores: 800, memoryBytes: 1100 * MI });
  });

  it('carries layers and flags mixed measures in notes', () => {
    const bare = snapshot([], {
      host: {
        memory: { totalBytes: null, usedBytes: 170 * MI, freeBytes: null, sharedBytes: null, buffCacheBytes: null, availableBytes: null, swapTotalBytes: null, swapUsedBytes: null, swapFreeBytes: null },
        cpu: { cores: null, loadAverage: null, busyPercent: null },
        processes: [],
      },
    });
    const r = buildReport({ snapshot: stack(), layers: [{ name: 'bare OS', snapshot: bare }, { name: 'stack', snapshot: stack() }], reproduce: [] });
    expect(r.layers!.map((l) => l.deltaMemoryBytes)).toEqual([170 * MI, 730 * MI]);
    expect(r.notes.map((n) => n.code)).toContain('layer-mixed-measures');
  });
});
