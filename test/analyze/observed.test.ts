import { describe, expect, it } from 'vitest';
import { computeObserved, processGroup } from '../../src/analyze/observed.js';
import type { Host, Sample } from '../../src/model/snapshot.js';
import { ctr, pod, q, snapshot } from './helpers.js';

const MI = 2 ** 20;
const KI = 1024;

describe('processGroup', () => {
  const containers = new Set(['coredns', 'kube-router', 'kube-proxy', 'activator']);
  it.each([
    ['kube-apiserver', 'control-plane'],
    ['kube-controller', 'control-plane'], // top cuts kube-controller-manager to 15 characters
    ['kube-scheduler', 'control-plane'],
    ['kine', 'control-plane'],
    ['etcd', 'control-plane'],
    ['k0s', 'control-plane'],
    ['/usr/local/bin/k3s server', 'control-plane'],
    ['k3s-server', 'control-plane'],
    ['kubelet', 'control-plane'],
    ['konnectivity-agent', 'control-plane'],
    ['containerd', 'container-runtime'],
    ['containerd-shim-runc-v2', 'container-runtime'],
    ['runc', 'container-runtime'],
    ['dockerd', 'container-runtime'],
    ['coredns', 'workload'],
    ['kube-p', 'workload'], // the reference's truncated kube-proxy row
    ['kube-', 'os'], // too short a fragment to claim
    ['activator', 'workload'],
    ['systemd-journal', 'os'],
    ['snapd', 'os'],
    ['kworker/0:0-events', 'os'],
  ])('%s → %s', (command, group) => {
    expect(processGroup(command, containers)).toBe(group);
  });
});

function host(usedMi: number, busy: number, processes: Host['processes'] = []): Host {
  return {
    memory: {
      totalBytes: 971 * MI,
      usedBytes: usedMi * MI,
      freeBytes: null,
      sharedBytes: null,
      buffCacheBytes: 351 * MI,
      availableBytes: null,
      swapTotalBytes: 1941 * MI,
      swapUsedBytes: 208 * MI,
      swapFreeBytes: null,
    },
    cpu: { cores: 1, loadAverage: null, busyPercent: busy },
    processes,
  };
}

describe('computeObserved', () => {
  it('reports mean / p95 / max over samples and what runs outside pods', () => {
    const p = pod('ns', 'a', [ctr('a')]);
    const samples: Sample[] = [100, 200, 300].map((m, i) => ({
      takenAt: null,
      host: host(500 + i * 10, 2.5),
      nodes: { n: q(`${m}m`, `${1000 + m}Mi`) },
      pods: { 'ns/a': { usage: q(`${m / 10}m`, `${m}Mi`), containers: {} } },
    }));
    const o = computeObserved(snapshot([p], { samples }));
    expect(o.samples).toBe(3);
    expect(o.pods?.memoryBytes).toEqual({ mean: 200 * MI, p95: Math.ceil(290 * MI), max: 300 * MI, count: 3 });
    expect(o.nodes?.cpuMillicores).toEqual({ mean: 200, p95: 290, max: 300, count: 3 });
    // latest reading: node 300m / 1300Mi minus pods 30m / 300Mi
    expect(o.outsidePods).toEqual(q('270m', '1000Mi'));
    expect(o.host?.memory.used.max).toBe(520 * MI);
    expect(o.host?.cpuBusyPercent.mean).toBe(2.5);
  });

  it('leaves pods without usage out of the sum and outsidePods unknown without node usage', () => {
    const o = computeObserved(snapshot([pod('ns', 'a', [], { usage: ['2m', '21Mi'] }), pod('ns', 'b', [])]));
    expect(o.pods?.memoryBytes.max).toBe(21 * MI);
    expect(o.nodes).toBeNull();
    expect(o.outsidePods).toBeNull();
  });

  it('groups host processes (the reference k0s top rows)', () => {
    const rows: Array<[string, number, number]> = [
      ['kube-apiserver', 261064, 1.7],
      ['kine', 29256, 1.0],
      ['kube-controller', 54388, 1.0],
      ['k0s', 44088, 0.7],
      ['kubelet', 48132, 0.7],
      ['kworker/0:0-events', 0, 0.3],
      ['systemd-journal', 14772, 0.3],
      ['containerd', 24652, 0.3],
      ['kube-scheduler', 24264, 0.3],
    ];
    const processes = rows.map(([command, res, cpu], i) => ({ pid: i + 1, user: null, command, residentBytes: res * KI, cpuPercent: cpu }));
    const o = computeObserved(snapshot([], { host: host(558, 2.5, processes) }));
    const g = Object.fromEntries(o.host!.groups.map((x) => [x.group, x]));
    expect(g['control-plane']).toEqual({ group: 'control-plane', residentBytes: (261064 + 29256 + 54388 + 44088 + 48132 + 24264) * KI, cpuPercent: 5.4, processes: 6 });
    expect(g['container-runtime']!.residentBytes).toBe(24652 * KI);
    expect(g['os']!.processes).toBe(2);
    expect(g['workload']!.residentBytes).toBeNull();
    expect(o.host!.topProcesses[0]!.command).toBe('kube-apiserver');
    expect(o.host!.memory.swapUsed.max).toBe(208 * MI);
  });

  it('an empty snapshot observes nothing', () => {
    const o = computeObserved(snapshot([]));
    expect(o).toEqual({ pods: null, nodes: null, host: null, outsidePods: null, samples: 1 });
  });
});
