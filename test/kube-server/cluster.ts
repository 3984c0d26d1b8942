// A deterministic generated cluster for the loopback API server and the benchmark. Pods are made
// on demand from their index (nothing is held per pod), so 50k pods cost nothing until served.
// Every quantity form the API can carry appears: m, plain and fractional cores, n/u, exponents,
// Ki/Mi/Gi, k/M/G, milli-bytes; plus init containers, native sidecars, overhead and owners.

export interface ClusterSpec {
  pods: number;
  nodes: number;
  namespaces: number;
  /** pod names restart in every namespace (the same name in several namespaces) */
  namesPerNamespace?: boolean;
}

/** A small integer hash (bounded, deterministic) for variety without state. */
function mix(i: number, salt: number): number {
  let x = (i + 1) * 0x9e3779b1 + salt * 0x85ebca6b;
  x = Math.imul(x ^ (x >>> 16), 0x7feb352d);
  x = Math.imul(x ^ (x >>> 15), 0x846ca68b);
  return (x ^ (x >>> 16)) >>> 0;
}

const CPU_FORMS = ['100m', '0.5', '1', '250m', '12345678n', '1500u', '2', '0.1', '1e-1', '25m', '1.5', '750m', '+300m'];
const MEMORY_FORMS = ['128Mi', '1.5Gi', '64Ki', '129M', '1G', '128974848000m', '1e9', '123456789', '0.5Gi', '100Mi', '2k', '256Mi', '1.2e8', '3Gi'];
const OWNER_KINDS = ['ReplicaSet', 'ReplicaSet', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', null] as const;

export class FakeCluster {
  readonly namespaces: string[];
  readonly nodeNames: string[];
  /** first pod index of each namespace (+ a final sentinel) — namespaces are contiguous blocks */
  private readonly nsStart: number[];

  constructor(readonly spec: ClusterSpec) {
    const k = Math.max(1, Math.min(spec.namespaces, Math.max(1, spec.pods)));
    this.namespaces = Array.from({ length: k }, (_, j) => `ns-${String(j).padStart(3, '0')}`);
    this.nsStart = Array.from({ length: k + 1 }, (_, j) => Math.floor((j * spec.pods) / k));
    this.nodeNames = Array.from({ length: Math.max(1, spec.nodes) }, (_, j) => `node-${String(j).padStart(2, '0')}`);
  }

  /** [first, end) pod indexes of a namespace, or of all pods when ns is null; null if unknown. */
  range(ns: string | null): [number, number] | null {
    if (ns === null) return [0, this.spec.pods];
    const j = this.namespaces.indexOf(ns);
    return j < 0 ? null : [this.nsStart[j]!, this.nsStart[j + 1]!];
  }

  namespaceOf(i: number): string {
    let lo = 0;
    let hi = this.namespaces.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.nsStart[mid]! <= i) lo = mid;
      else hi = mid - 1;
    }
    return this.namespaces[lo]!;
  }

  podName(i: number): string {
    const n = this.spec.namesPerNamespace ? i - this.range(this.namespaceOf(i))![0] : i;
    return `pod-${String(n).padStart(6, '0')}`;
  }

  phase(i: number): 'Running' | 'Pending' | 'Succeeded' {
    if (i % 29 === 13) return 'Pending';
    if (i % 31 === 17) return 'Succeeded';
    return 'Running';
  }

  nodeOf(i: number): string | null {
    return this.phase(i) === 'Pending' ? null : this.nodeNames[i % this.nodeNames.length]!;
  }

  /** As the API server stores it: a request not set takes its limit (SetDefaults_Pod). */
  private resources(i: number, c: number): Record<string, Record<string, string>> {
    const r = this.declaredResources(i, c);
    if (r.limits) r.requests = { ...r.limits, ...(r.requests ?? {}) };
    return r;
  }

  private declaredResources(i: number, c: number): Record<string, Record<string, string>> {
    const h = mix(i, c);
    const cpu = CPU_FORMS[h % CPU_FORMS.length]!;
    const mem = MEMORY_FORMS[(h >>> 8) % MEMORY_FORMS.length]!;
    switch ((h >>> 16) % 5) {
      case 0:
        return {}; // BestEffort container
      case 1:
        return { requests: { cpu, memory: mem } };
      case 2:
        return { limits: { cpu, memory: mem }, requests: { cpu, memory: mem } };
      case 3:
        return { requests: { cpu }, limits: { memory: mem } };
      default:
        return { requests: { cpu, memory: mem, 'ephemeral-storage': '1Gi' }, limits: { cpu: CPU_FORMS[(h >>> 4) % CPU_FORMS.length]!, memory: MEMORY_FORMS[(h >>> 12) % MEMORY_FORMS.length]! } };
    }
  }

  private container(i: number, name: string, c: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
    return {
      name,
      image: `registry.example/${name}:v1.${c}.${i % 10}`,
      ...extra,
      ports: [{ containerPort: 8080 + c, name: 'http', protocol: 'TCP' }],
      env: [
        { name: 'POD_NAME', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' } } },
        { name: 'API_TOKEN', value: `s3cr3t-env-value-${i}` },
      ],
      resources: this.resources(i, c),
      terminationMessagePath: '/dev/termination-log',
      terminationMessagePolicy: 'File',
      imagePullPolicy: 'IfNotPresent',
      volumeMounts: [{ name: 'kube-api-access', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', readOnly: true }],
    };
  }

  /** Names of the containers in spec order: init (and sidecars), then app. */
  containerPlan(i: number): { init: Array<{ name: string; sidecar: boolean }>; app: string[] } {
    const init: Array<{ name: string; sidecar: boolean }> = [];
    if (i % 5 === 0) init.push({ name: 'setup', sidecar: false });
    if (i % 7 === 0) init.push({ name: 'proxy-sidecar', sidecar: true });
    if (i % 35 === 0) init.push({ name: 'migrate', sidecar: false }); // an init after a sidecar
    const apps = 1 + (mix(i, 99) % 3);
    const app = Array.from({ length: apps }, (_, c) => (c === 0 ? 'main' : `helper-${c}`));
    return { init, app };
  }

  pod(i: number): Record<string, unknown> {
    const ns = this.namespaceOf(i);
    const name = this.podName(i);
    const plan = this.containerPlan(i);
    const ownerKind = OWNER_KINDS[i % OWNER_KINDS.length]!;
    const workload = `app-${i % 50}`;
    const phase = this.phase(i);
    const nodeName = this.nodeOf(i);
    const spec: Record<string, unknown> = {
      volumes: [{ name: 'kube-api-access', projected: { sources: [{ serviceAccountToken: { expirationSeconds: 3607, path: 'token' } }] } }],
      containers: plan.app.map((n, c) => this.container(i, n, c)),
      restartPolicy: 'Always',
      terminationGracePeriodSeconds: 30,
      dnsPolicy: 'ClusterFirst',
      serviceAccountName: 'default',
      schedulerName: 'default-scheduler',
      tolerations: [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }],
      priority: 0,
      enableServiceLinks: true,
    };
    if (plan.init.length > 0) {
      spec.initContainers = plan.init.map((c, j) => this.container(i, c.name, 10 + j, c.sidecar ? { restartPolicy: 'Always' } : {}));
    }
    if (nodeName) spec.nodeName = nodeName;
    if (i % 11 === 0) {
      spec.runtimeClassName = 'kata';
      spec.overhead = { cpu: i % 22 === 0 ? '250m' : '0.1', memory: i % 22 === 0 ? '120Mi' : '64M' };
    }
    const metadata: Record<string, unknown> = {
      name,
      namespace: ns,
      uid: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      resourceVersion: String(1000 + i),
      creationTimestamp: '2026-01-01T00:00:00Z',
      labels: { app: workload, 'pod-template-hash': '7499d967fc' },
      annotations: { 'kubectl.kubernetes.io/restartedAt': '2026-01-01T00:00:00Z' },
    };
    if (ownerKind) {
      const ownerName = ownerKind === 'ReplicaSet' ? `${workload}-7499d967fc` : workload;
      metadata.ownerReferences = [
        { apiVersion: 'apps/v1', kind: ownerKind, name: ownerName, uid: `11111111-0000-4000-8000-${String(i % 50).padStart(12, '0')}`, controller: true, blockOwnerDeletion: true },
      ];
    }
    const status: Record<string, unknown> = {
      phase,
      conditions: [
        { type: 'Initialized', status: 'True', lastProbeTime: null, lastTransitionTime: '2026-01-01T00:00:01Z' },
        { type: 'Ready', status: phase === 'Running' ? 'True' : 'False', lastProbeTime: null, lastTransitionTime: '2026-01-01T00:00:05Z' },
        { type: 'PodScheduled', status: nodeName ? 'True' : 'False', lastProbeTime: null, lastTransitionTime: '2026-01-01T00:00:00Z' },
      ],
      qosClass: 'Burstable',
    };
    if (nodeName) {
      status.hostIP = `10.0.0.${(i % this.nodeNames.length) + 1}`;
      status.podIP = `10.244.${(i >> 8) & 255}.${i & 255}`;
      status.startTime = '2026-01-01T00:00:00Z';
      status.containerStatuses = plan.app.map((n) => ({
        name: n,
        ready: phase === 'Running',
        restartCount: i % 3,
        image: `registry.example/${n}:v1`,
        imageID: `registry.example/${n}@sha256:${'ab'.repeat(32)}`,
        containerID: `containerd://${'cd'.repeat(32)}`,
        started: phase === 'Running',
        state: phase === 'Running' ? { running: { startedAt: '2026-01-01T00:00:03Z' } } : { terminated: { exitCode: 0, reason: 'Completed' } },
      }));
    }
    return { metadata, spec, status };
  }

  /** Containers that metrics-server reports: running app containers and sidecars (finished init containers are gone). */
  podMetrics(i: number): Record<string, unknown> | null {
    if (this.phase(i) !== 'Running') return null;
    const plan = this.containerPlan(i);
    const names = [...plan.init.filter((c) => c.sidecar).map((c) => c.name), ...plan.app];
    return {
      metadata: { name: this.podName(i), namespace: this.namespaceOf(i), creationTimestamp: '2026-01-01T00:10:00Z', labels: { app: `app-${i % 50}` } },
      timestamp: '2026-01-01T00:09:55Z',
      window: '10.062s',
      containers: names.map((n, c) => ({ name: n, usage: this.containerUsage(i, c) })),
    };
  }

  containerUsage(i: number, c: number): { cpu: string; memory: string } {
    const h = mix(i, 200 + c);
    // nanocores with sub-milli parts (rounding shows), working set in Ki as metrics-server sends.
    return { cpu: `${(h % 250_000_000) + 1}n`, memory: `${((h >>> 3) % 500_000) + 1024}Ki` };
  }

  node(j: number): Record<string, unknown> {
    const name = this.nodeNames[j]!;
    return {
      metadata: { name, uid: `22222222-0000-4000-8000-${String(j).padStart(12, '0')}`, labels: { 'kubernetes.io/hostname': name }, creationTimestamp: '2026-01-01T00:00:00Z' },
      spec: { podCIDR: `10.244.${j}.0/24` },
      status: {
        capacity: { cpu: '4', memory: '16318784Ki', pods: '110', 'ephemeral-storage': '102400000Ki' },
        allocatable: { cpu: '3800m', memory: `${16318784 - 102400 - j}Ki`, pods: '110', 'ephemeral-storage': '94371840000' },
        conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady' }],
        nodeInfo: { kubeletVersion: 'v1.32.0', containerRuntimeVersion: 'containerd://1.7.24', osImage: 'Ubuntu 24.04 LTS', architecture: 'amd64' },
      },
    };
  }

  nodeMetrics(j: number): Record<string, unknown> {
    const h = mix(j, 500);
    return {
      metadata: { name: this.nodeNames[j]!, creationTimestamp: '2026-01-01T00:10:00Z' },
      timestamp: '2026-01-01T00:09:55Z',
      window: '20.05s',
      usage: { cpu: `${(h % 3_000_000_000) + 1}n`, memory: `${(h % 8_000_000) + 500_000}Ki` },
    };
  }

  /** The kubelet Summary API document of node j (pods on it by index stride; bounded). */
  summary(j: number): Record<string, unknown> {
    const name = this.nodeNames[j]!;
    const h = mix(j, 700);
    const mem = (ws: number) => ({ time: '2026-01-01T00:09:55Z', workingSetBytes: ws, usageBytes: ws + 4096 * 1000, rssBytes: Math.floor(ws * 0.7), pageFaults: 0, majorPageFaults: 0 });
    const cpu = (n: number) => ({ time: '2026-01-01T00:09:55Z', usageNanoCores: n, usageCoreNanoSeconds: n * 1000 });
    const pods: Array<Record<string, unknown>> = [];
    for (let i = j; i < this.spec.pods; i += this.nodeNames.length) {
      const m = this.podMetrics(i);
      if (!m) continue;
      pods.push({
        podRef: { name: this.podName(i), namespace: this.namespaceOf(i), uid: 'x' },
        startTime: '2026-01-01T00:00:00Z',
        containers: (m.containers as Array<{ name: string }>).map((c, k) => {
          const u = this.containerUsage(i, k);
          return { name: c.name, startTime: '2026-01-01T00:00:00Z', cpu: cpu(Number(u.cpu.slice(0, -1))), memory: mem(Number(u.memory.slice(0, -2)) * 1024) };
        }),
      });
    }
    return {
      node: {
        nodeName: name,
        systemContainers: [
          { name: 'kubelet', startTime: '2026-01-01T00:00:00Z', cpu: cpu(45_000_000 + (h % 1000)), memory: mem(80_000_000 + j) },
          { name: 'runtime', startTime: '2026-01-01T00:00:00Z', cpu: cpu(20_000_001), memory: mem(60_000_000) },
          { name: 'pods', startTime: '2026-01-01T00:00:00Z', cpu: cpu(300_000_000), memory: mem(900_000_000) },
        ],
        startTime: '2026-01-01T00:00:00Z',
        cpu: cpu(500_000_000 + (h % 1_000_000)),
        memory: { ...mem(2_000_000_000 + j), availableBytes: 14_000_000_000 - j },
      },
      pods,
    };
  }
}
