// k3s single server, v1.26. Pod resources as k3s's packaged manifests (k3s-io/k3s manifests/)
// declare them; the host figure is k3s's own resource profiling.
import type { DistroEntry } from './types.js';
import { MI, NONE, r } from './types.js';

export const k3s: DistroEntry = {
  name: 'k3s',
  title: 'k3s v1.26 single server (SQLite)',
  pods: [
    {
      namespace: 'kube-system',
      workload: 'coredns',
      kind: 'Deployment',
      containers: [{ name: 'coredns', type: 'app', requests: r(100, 70 * MI), limits: r(null, 170 * MI) }],
    },
    {
      namespace: 'kube-system',
      workload: 'metrics-server',
      kind: 'Deployment',
      containers: [{ name: 'metrics-server', type: 'app', requests: r(100, 70 * MI), limits: NONE }],
    },
    {
      namespace: 'kube-system',
      workload: 'local-path-provisioner',
      kind: 'Deployment',
      containers: [{ name: 'local-path-provisioner', type: 'app', requests: NONE, limits: NONE }],
    },
    {
      namespace: 'kube-system',
      workload: 'traefik',
      kind: 'Deployment',
      containers: [{ name: 'traefik', type: 'app', requests: NONE, limits: NONE }],
    },
    {
      namespace: 'kube-system',
      workload: 'svclb-traefik',
      kind: 'DaemonSet',
      containers: [
        { name: 'lb-tcp-80', type: 'app', requests: NONE, limits: NONE },
        { name: 'lb-tcp-443', type: 'app', requests: NONE, limits: NONE },
      ],
    },
  ],
  host: {
    // One `k3s server` process holds apiserver, scheduler, controller-manager, kine, kubelet and
    // kube-proxy; containerd is its child. The profiled figure includes the test workload, so it
    // is an upper bound for the distribution alone.
    memoryBytes: 1596 * 1_000_000,
    cpuMillicores: null,
    basis: 'k3s resource profiling (v1.26.5): a k3s server with a workload, SQLite datastore, 1596 MB (an upper bound: it includes that workload); an agent alone 275 MB',
    processes: [],
  },
  os: null,
  sources: [
    'k3s-io/k3s manifests/coredns.yaml (coredns 100m / 70Mi, limit 170Mi), manifests/metrics-server/metrics-server-deployment.yaml (100m / 70Mi), manifests/local-storage.yaml and traefik (no resources) — values as recorded in the project domain notes; the stored copies read in this session did not cover the v1.26 tag',
    'k3s documentation, Resource Profiling (v1.26.5): server with workload 1596 MB, agent 275 MB',
  ],
};
