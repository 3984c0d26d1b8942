// Small valid snapshots built by hand, covering every optional part of the model.
import type { Host, Snapshot } from '../../src/model/snapshot.js';

export function hostReading(usedMi: number): Host {
  const Mi = 1024 * 1024;
  return {
    memory: {
      totalBytes: 971 * Mi, usedBytes: usedMi * Mi, freeBytes: 61 * Mi, sharedBytes: 0,
      buffCacheBytes: 351 * Mi, availableBytes: 268 * Mi,
      swapTotalBytes: 1941 * Mi, swapUsedBytes: 208 * Mi, swapFreeBytes: 1733 * Mi,
    },
    cpu: { cores: null, loadAverage: [0.7, 0.42, 0.43], busyPercent: 2.5 },
    processes: [{ pid: 1222, user: 'kube-ap+', command: 'kube-apiserver', residentBytes: 261064 * 1024, cpuPercent: 1.7 }],
  };
}

export function fullSnapshot(): Snapshot {
  return {
    apiVersion: 'edge-profile/v1',
    kind: 'Snapshot',
    takenAt: '2023-03-18T07:24:18.000Z',
    source: { type: 'import', files: [{ path: 'samples/x/top.txt', kind: 'top -b' }] },
    pods: [
      {
        namespace: 'knative-serving',
        name: 'activator-7499d967fc-2npcf',
        phase: 'Running',
        nodeName: 'vagrant',
        owner: { kind: 'Deployment', name: 'activator' },
        ownerInferred: true,
        origin: 'capture',
        overhead: null,
        containers: [
          {
            name: 'activator', type: 'app',
            requests: { cpuMillicores: 300, memoryBytes: 60 * 1024 * 1024 },
            limits: { cpuMillicores: 1000, memoryBytes: 600 * 1024 * 1024 },
            usage: { cpuMillicores: 2, memoryBytes: 21 * 1024 * 1024 },
          },
          {
            name: 'istio-init', type: 'init',
            requests: { cpuMillicores: null, memoryBytes: null },
            limits: { cpuMillicores: null, memoryBytes: null },
            usage: null,
          },
        ],
        usage: { cpuMillicores: 2, memoryBytes: 21 * 1024 * 1024 },
      },
      {
        namespace: 'kube-system', name: 'kube-proxy-pm4ht', phase: null, nodeName: null, owner: null,
        containers: [], usage: null,
      },
    ],
    nodes: [
      { name: 'vagrant', capacity: null, allocatable: { cpuMillicores: 2000, memoryBytes: 1996 * 1024 * 1024 }, usage: { cpuMillicores: 166, memoryBytes: 1341 * 1024 * 1024 } },
    ],
    host: hostReading(558),
    notes: [{ code: 'owner-inferred', level: 'info', message: 'owner inferred from the pod name', source: 'x.txt:3' }],
    samples: [
      {
        takenAt: null,
        host: hostReading(550),
        nodes: { vagrant: { cpuMillicores: 160, memoryBytes: 1 } },
        pods: { 'knative-serving/activator-7499d967fc-2npcf': { usage: null, containers: { activator: { cpuMillicores: 1, memoryBytes: 2 } } } },
      },
      { takenAt: '2023-03-18T07:24:23+01:00', host: hostReading(558), nodes: {}, pods: {} },
    ],
  };
}

export function minimalSnapshot(): Snapshot {
  return {
    apiVersion: 'edge-profile/v1', kind: 'Snapshot', takenAt: '2026-01-01T00:00:00Z',
    source: { type: 'live', context: 'k0s', server: null, serverVersion: null, namespaces: null },
    pods: [], nodes: [], host: null, notes: [],
  };
}
