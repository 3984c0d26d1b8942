// k0s single node (`k0s install controller --single`), v1.26 — the reference's setup (v1.26.2+k0s).
import type { DistroEntry } from './types.js';
import { KI, MI, NONE, r } from './types.js';

export const k0s: DistroEntry = {
  name: 'k0s',
  title: 'k0s v1.26 single node (controller --single)',
  pods: [
    {
      namespace: 'kube-system',
      workload: 'coredns',
      kind: 'Deployment',
      containers: [{ name: 'coredns', type: 'app', requests: r(100, 70 * MI), limits: r(null, 170 * MI) }],
    },
    {
      namespace: 'kube-system',
      workload: 'kube-proxy',
      kind: 'DaemonSet',
      containers: [{ name: 'kube-proxy', type: 'app', requests: NONE, limits: NONE }],
    },
    {
      namespace: 'kube-system',
      workload: 'kube-router',
      kind: 'DaemonSet',
      containers: [
        { name: 'install-cni-bins', type: 'init', requests: NONE, limits: NONE },
        { name: 'install-cniconf', type: 'init', requests: NONE, limits: NONE },
        { name: 'kube-router', type: 'app', requests: r(250, 16 * MI), limits: NONE },
      ],
    },
    {
      namespace: 'kube-system',
      workload: 'metrics-server',
      kind: 'Deployment',
      // "30M": decimal megabytes, 30000000 bytes
      containers: [{ name: 'metrics-server', type: 'app', requests: r(10, 30_000_000), limits: NONE }],
    },
  ],
  host: {
    // free -m "used" 558 MiB with k0s vs 170 MiB on the bare OS, same 971 MiB VM: 388 MiB. That
    // "used" (procps 3.3: total − free − buffers − cache) covers the control plane and k0s's own
    // system pods; 208 MiB were swapped out at the time, so the real demand was higher.
    memoryBytes: (558 - 170) * MI,
    // top's %CPU of the k0s processes below: 1.7 + 1.0 + 1.0 + 0.7 + 0.7 + 0.3 + 0.3 = 5.7 % of one CPU
    cpuMillicores: 57,
    basis:
      'free -m used 558 MiB with k0s minus 170 MiB on the bare OS (971 MiB VM, 208 MiB swapped out); CPU = sum of the k0s processes\' %CPU in top (5.7 % of one CPU)',
    processes: [
      { command: 'kube-apiserver', residentBytes: 261064 * KI },
      { command: 'kube-controller-manager', residentBytes: 54388 * KI },
      { command: 'kubelet', residentBytes: 48132 * KI },
      { command: 'k0s', residentBytes: 44088 * KI },
      { command: 'kine', residentBytes: 29256 * KI },
      { command: 'containerd', residentBytes: 24652 * KI },
      { command: 'kube-scheduler', residentBytes: 24264 * KI },
    ],
  },
  os: { memoryBytes: 170 * MI, basis: 'free -m used on the bare Ubuntu 22.04 VM (bento/ubuntu-22.04, 971 MiB) before k0s' },
  sources: [
    'k0sproject/k0s v1.26.2+k0s.1 (566c6020b4a677743bc29ca7a7c668022abd37b1): pkg/component/controller/{coredns,kubeproxy,kuberouter,metricserver}.go — test/fixtures/k0s/system-pods-v1.26.yaml',
    'Knative Serving in k0s (Naveenraj Muthuraj): free -m and top captures of k0s v1.26.2 on a 971 MiB VM, and of the bare OS',
  ],
};
