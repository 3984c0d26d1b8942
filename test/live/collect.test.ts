// collectLiveSnapshot against the loopback API server: the full set, pagination, the join, the
// Summary API, sampling and interruption.
import { afterEach, describe, expect, test } from 'vitest';
import { IdleCollector } from '../../src/collect/idle-gc.js';
import { collectLiveSnapshot } from '../../src/collect/live.js';
import type { Snapshot } from '../../src/model/snapshot.js';
import { parseCpuMillicores, parseMemoryBytes, suspiciousCpu, suspiciousMemory } from '../../src/quantity.js';
import type { ClusterSpec, FakeCluster } from '../kube-server/cluster.js';
import { startKubeServer, type KubeServer } from '../kube-server/server.js';
import { liveEnv, liveOptions, tempDir, writeKubeconfig } from './helpers.js';

let server: KubeServer | null = null;
let tmp: ReturnType<typeof tempDir> | null = null;
afterEach(async () => {
  await server?.close();
  tmp?.cleanup();
  server = null;
  tmp = null;
});

async function setup(spec: ClusterSpec = { pods: 120, nodes: 3, namespaces: 5 }, behaviour = {}): Promise<{ s: KubeServer; kubeconfig: string }> {
  server = await startKubeServer(spec, behaviour);
  tmp = tempDir();
  return { s: server, kubeconfig: writeKubeconfig(tmp.dir, server.url) };
}

type C = { name: string; restartPolicy?: string; resources: { requests?: object; limits?: object } };
type Raw = { metadata: { namespace: string; name: string }; spec: Record<string, unknown> };

/** What the generated pod says, read straight from its object. */
function expectedPod(c: FakeCluster, i: number): unknown {
  const raw = c.pod(i) as unknown as Raw;
  const r = (l?: { cpu?: string; memory?: string }) => ({
    cpuMillicores: l?.cpu === undefined ? null : parseCpuMillicores(l.cpu),
    memoryBytes: l?.memory === undefined ? null : parseMemoryBytes(l.memory),
  });
  const init = ((raw.spec.initContainers ?? []) as C[]).map((x) => ({ name: x.name, type: x.restartPolicy === 'Always' ? 'sidecar' : 'init', requests: r(x.resources.requests), limits: r(x.resources.limits) }));
  const app = (raw.spec.containers as C[]).map((x) => ({ name: x.name, type: 'app', requests: r(x.resources.requests), limits: r(x.resources.limits) }));
  return { namespace: raw.metadata.namespace, name: raw.metadata.name, containers: [...init, ...app], overhead: raw.spec.overhead ? r(raw.spec.overhead as object) : null };
}

function shape(snap: Snapshot): unknown[] {
  return snap.pods.map((p) => ({
    namespace: p.namespace,
    name: p.name,
    containers: p.containers.map((c) => ({ name: c.name, type: c.type, requests: c.requests, limits: c.limits })),
    overhead: p.overhead,
  }));
}

test('every pod of a paginated list, once, with containers, requests, limits, overhead and owner', async () => {
  const { s, kubeconfig } = await setup();
  const snap = await collectLiveSnapshot(liveOptions(kubeconfig, { pageLimit: 7 }), liveEnv());
  expect(shape(snap)).toEqual(Array.from({ length: 120 }, (_, i) => expectedPod(s.cluster, i)));
  const podPages = s.requests.filter((r) => r.startsWith('/api/v1/pods'));
  expect(podPages).toHaveLength(Math.ceil(120 / 7));
  expect(podPages.every((r) => r.includes('limit=7'))).toBe(true);
  expect(podPages.slice(1).every((r) => r.includes('continue='))).toBe(true);
  expect(snap.pods[0]!.owner).toEqual({ kind: 'Deployment', name: 'app-0' }); // the ReplicaSet's Deployment
  expect(snap.pods[3]!.owner).toEqual({ kind: 'StatefulSet', name: 'app-3' });
  expect(snap.pods[6]!.owner).toBeNull();
  expect(snap.pods.filter((p) => p.phase === 'Pending').every((p) => p.nodeName === null && p.usage === null)).toBe(true);
  expect(snap.source).toEqual({ type: 'live', context: 'test', server: s.url, serverVersion: 'v1.32.0', namespaces: null });
  expect(snap.nodes.map((n) => [n.name, n.capacity, n.allocatable])).toEqual(
    s.cluster.nodeNames.map((name, j) => [name, { cpuMillicores: 4000, memoryBytes: 16318784 * 1024 }, { cpuMillicores: 3800, memoryBytes: (16318784 - 102400 - j) * 1024 }]),
  );
  // ephemeral-storage said once; the generator's 64Ki / 2k memory values are flagged as suspicious
  expect([...new Set(snap.notes.map((n) => n.code))]).toEqual(['other-resources-ignored', 'suspicious-quantity']);
  expect(snap.notes.filter((n) => n.code === 'other-resources-ignored')).toHaveLength(1);
  // one note per distinct (field, value), with the count of places and the first of them
  const flagged = new Map<string, number>();
  for (let i = 0; i < 120; i++) {
    const spec = (s.cluster.pod(i) as unknown as Raw).spec as { containers: C[]; initContainers?: C[] };
    for (const c of [...(spec.initContainers ?? []), ...spec.containers]) {
      for (const field of ['requests', 'limits'] as const) {
        const l = c.resources[field] as { cpu?: string; memory?: string } | undefined;
        if (l?.cpu !== undefined && suspiciousCpu(l.cpu, parseCpuMillicores(l.cpu))) flagged.set(`${field}.cpu "${l.cpu}"`, (flagged.get(`${field}.cpu "${l.cpu}"`) ?? 0) + 1);
        if (l?.memory !== undefined && suspiciousMemory(l.memory, parseMemoryBytes(l.memory))) flagged.set(`${field}.memory "${l.memory}"`, (flagged.get(`${field}.memory "${l.memory}"`) ?? 0) + 1);
      }
    }
  }
  expect([...flagged.values()].some((n) => n > 1)).toBe(true); // the generator repeats 64Ki and 2k
  const odd = snap.notes.filter((n) => n.code === 'suspicious-quantity');
  expect(odd.every((n) => n.source === null)).toBe(true);
  const folded = new Map(
    odd.map((n) => {
      const m = /^memory ("[^"]+").* \((?:(\d+) times as resources\.(requests|limits)\.memory; first at )?Pod ns-\d+\/pod-\d+ \S+\.resources\.(requests|limits)\.memory\)$/.exec(n.message);
      expect(m, n.message).not.toBeNull();
      if (m![3] !== undefined) expect(m![3]).toBe(m![4]);
      return [`${m![4]}.memory ${m![1]}`, m![2] === undefined ? 1 : Number(m![2])] as const;
    }),
  );
  expect(folded.size).toBe(odd.length);
  expect(folded).toEqual(flagged);
  expect(snap.notes[0]!.message).toMatch(/^resources other than cpu and memory are not counted: ephemeral-storage \(in \d+ pod specs; first at pod ns-000\/pod-\d+ from the API\)$/);
});

test('usage is joined by namespace and name: the same pod name in two namespaces keeps its own', async () => {
  const { s, kubeconfig } = await setup({ pods: 40, nodes: 2, namespaces: 2, namesPerNamespace: true });
  const snap = await collectLiveSnapshot(liveOptions(kubeconfig), liveEnv());
  const a = snap.pods.find((p) => p.namespace === 'ns-000' && p.name === 'pod-000001')!;
  const b = snap.pods.find((p) => p.namespace === 'ns-001' && p.name === 'pod-000001')!;
  expect(a && b).toBeTruthy();
  const usage = (i: number) => {
    const u = (s.cluster.podMetrics(i)!.containers as Array<{ name: string; usage: { cpu: string; memory: string } }>).find((c) => c.name === 'main')!.usage;
    return { cpuMillicores: Math.ceil(Number(u.cpu.slice(0, -1)) / 1e6), memoryBytes: Number(u.memory.slice(0, -2)) * 1024 };
  };
  expect(a.containers.find((c) => c.name === 'main')!.usage).toEqual(usage(1));
  expect(b.containers.find((c) => c.name === 'main')!.usage).toEqual(usage(21));
  expect(a.usage).not.toEqual(b.usage);
});

test('pod usage is the exact sum of its containers rounded once, as kubectl top pod prints it', async () => {
  const { s, kubeconfig } = await setup({ pods: 60, nodes: 2, namespaces: 2 });
  const snap = await collectLiveSnapshot(liveOptions(kubeconfig), liveEnv());
  for (const p of snap.pods.filter((x) => x.usage !== null)) {
    const m = s.cluster.podMetrics(Number(p.name.slice(4)))!;
    const cs = m.containers as Array<{ usage: { cpu: string; memory: string } }>;
    const nanos = cs.reduce((t, c) => t + BigInt(c.usage.cpu.slice(0, -1)), 0n);
    const bytes = cs.reduce((t, c) => t + Number(c.usage.memory.slice(0, -2)) * 1024, 0);
    expect(p.usage).toEqual({ cpuMillicores: Number((nanos + 999_999n) / 1_000_000n), memoryBytes: bytes });
  }
  // finished init containers have no reading; sidecars do
  const withInit = snap.pods.find((p) => p.usage && p.containers.some((c) => c.type === 'init'))!;
  expect(withInit.containers.filter((c) => c.type === 'init').every((c) => c.usage === null)).toBe(true);
  const withSidecar = snap.pods.find((p) => p.usage && p.containers.some((c) => c.type === 'sidecar'))!;
  expect(withSidecar.containers.filter((c) => c.type === 'sidecar').every((c) => c.usage !== null)).toBe(true);
});

test('node usage from metrics.k8s.io and the kubelet Summary with its system containers', async () => {
  const { s, kubeconfig } = await setup({ pods: 30, nodes: 2, namespaces: 1 });
  const snap = await collectLiveSnapshot(liveOptions(kubeconfig), liveEnv());
  const n0 = snap.nodes[0]!;
  const u = (s.cluster.nodeMetrics(0) as { usage: { cpu: string; memory: string } }).usage;
  expect(n0.usage).toEqual({ cpuMillicores: Math.ceil(Number(u.cpu.slice(0, -1)) / 1e6), memoryBytes: Number(u.memory.slice(0, -2)) * 1024 });
  expect(n0.summary!.memoryWorkingSetBytes).toBe(2_000_000_000);
  expect(n0.summary!.memoryAvailableBytes).toBe(14_000_000_000);
  expect(n0.summary!.systemContainers.map((c) => [c.name, c.cpuMillicores, c.memoryWorkingSetBytes])).toEqual([
    ['kubelet', Math.ceil(Number(/"usageNanoCores":(\d+)/.exec(JSON.stringify(s.cluster.summary(0)))![1]) / 1e6), 80_000_000],
    ['pods', 300, 900_000_000],
    ['runtime', 21, 60_000_000],
  ]);
  expect(s.requests.filter((r) => r.includes('/proxy/stats/summary')).sort()).toEqual([
    '/api/v1/nodes/node-00/proxy/stats/summary?only_cpu_and_memory=true',
    '/api/v1/nodes/node-01/proxy/stats/summary?only_cpu_and_memory=true',
  ]);
});

describe('sampling', () => {
  test('N readings kept in samples, the latest also at the top level, a progress tick per sample', async () => {
    const { kubeconfig } = await setup({ pods: 20, nodes: 2, namespaces: 2 });
    const env = liveEnv();
    const snap = await collectLiveSnapshot(liveOptions(kubeconfig, { samples: 3, intervalMs: 30 }), env);
    expect(snap.samples).toHaveLength(3);
    expect(env.progress.log).toEqual({ started: [['sampling', 3]], ticks: ['sample 1/3', 'sample 2/3', 'sample 3/3'], done: 1 });
    const last = snap.samples![2]!;
    for (const p of snap.pods) expect(p.usage).toEqual(last.pods[`${p.namespace}/${p.name}`]?.usage ?? null);
    for (const n of snap.nodes) {
      expect(n.usage).toEqual(last.nodes[n.name]);
      expect(n.summary).toEqual(last.summaries![n.name]);
    }
    expect(Object.keys(last.pods).length).toBe(snap.pods.filter((p) => p.usage !== null).length);
  });

  test('the idle collector is asked after every reading but the last', async () => {
    const { kubeconfig } = await setup({ pods: 5, nodes: 1, namespaces: 1 });
    const env = liveEnv();
    const readings = () => env.progress.log.ticks.length;
    const askedAfter = new Set<number>();
    const collectedAfter: number[] = [];
    let oldSpaceBytes = 0;
    const idleCollector = new IdleCollector(
      {
        collect: () => collectedAfter.push(readings()),
        oldSpaceUsedBytes: () => (askedAfter.add(readings()), (oldSpaceBytes += 2 << 20)),
        nowMs: () => 0,
      },
      { minGapMs: 0, minGrowthBytes: 1 << 20 },
    );
    await collectLiveSnapshot(liveOptions(kubeconfig, { samples: 4, intervalMs: 5 }), { ...env, idleCollector });
    expect([...askedAfter]).toEqual([1, 2, 3]);
    expect(collectedAfter).toEqual([2, 3]); // the first time sets the baseline
  });

  test('the optimizer is paused from the first reading to the last; not at all for one reading; resumed on failure', async () => {
    const { kubeconfig } = await setup({ pods: 5, nodes: 1, namespaces: 1 });
    const run = async (samples: number, failAtTick: number | null = null) => {
      const env = liveEnv({ idleCollector: null });
      const events: string[] = [];
      const tick = env.progress.tick;
      env.progress.tick = (d) => {
        tick(d);
        if (env.progress.log.ticks.length === failAtTick) throw new Error('a reading failed');
      };
      const at = () => env.progress.log.ticks.length;
      const optimizerPause = { pause: () => events.push(`pause after ${at()}`), resume: () => events.push(`resume after ${at()}`) };
      const result = await collectLiveSnapshot(liveOptions(kubeconfig, { samples, intervalMs: 5 }), { ...env, optimizerPause }).catch((e: Error) => e.message);
      return { events, result };
    };
    const three = await run(3);
    expect(three.events).toEqual(['pause after 1', 'resume after 3']);
    expect((three.result as Snapshot).samples).toHaveLength(3);
    expect((await run(1)).events).toEqual([]);
    expect(await run(3, 2)).toEqual({ events: ['pause after 1', 'resume after 2'], result: 'a reading failed' });
  });

  test('more pods than a node holds (over 250): the optimizer is not paused', async () => {
    const { kubeconfig } = await setup({ pods: 251, nodes: 3, namespaces: 2 });
    const events: string[] = [];
    const optimizerPause = { pause: () => events.push('pause'), resume: () => events.push('resume') };
    const snap = await collectLiveSnapshot(liveOptions(kubeconfig, { samples: 2, intervalMs: 5 }), { ...liveEnv({ idleCollector: null }), optimizerPause });
    expect(snap.pods).toHaveLength(251);
    expect(events).toEqual([]);
  });

  test('an abort (Ctrl-C) keeps the samples taken and gives a valid snapshot', async () => {
    const { kubeconfig } = await setup({ pods: 20, nodes: 2, namespaces: 2 });
    const ac = new AbortController();
    const env = liveEnv({ signal: ac.signal });
    env.progress.tick = (d) => {
      env.progress.log.ticks.push(d ?? '');
      if (env.progress.log.ticks.length === 2) ac.abort();
    };
    const started = Date.now();
    const snap = await collectLiveSnapshot(liveOptions(kubeconfig, { samples: 50, intervalMs: 200 }), env);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(snap.samples).toHaveLength(2);
    expect(snap.notes).toContainEqual({ code: 'live.interrupted', level: 'info', message: 'interrupted: 2 of 50 samples taken', source: null });
    expect(snap.pods).toHaveLength(20);
  });

  test('host readings in every sample, host memory total as free -b, our process left out', async () => {
    const { kubeconfig } = await setup({ pods: 5, nodes: 1, namespaces: 1 });
    const snap = await collectLiveSnapshot(liveOptions(kubeconfig, { samples: 3, intervalMs: 1000, host: true }), liveEnv());
    expect(snap.samples!.map((x) => x.host !== null)).toEqual([true, true, true]);
    expect(snap.host).toEqual(snap.samples![2]!.host);
    expect(snap.host!.cpu.busyPercent).not.toBeNull();
    expect(snap.host!.processes.some((p) => p.pid === process.pid)).toBe(false);
    expect(snap.notes.map((n) => n.code)).toContain('host.self-excluded');
    const { execFileSync } = await import('node:child_process');
    let free: string | null = null;
    try {
      free = execFileSync('free', ['-b'], { encoding: 'utf8' });
    } catch {
      // no procps here
    }
    if (free) expect(snap.host!.memory.totalBytes).toBe(Number(/^Mem:\s+(\d+)/m.exec(free)![1]));
  });
});

test('no token, env value or secret reaches the snapshot', async () => {
  server = await startKubeServer({ pods: 30, nodes: 1, namespaces: 1 }, { token: 'tok-very-secret-123' });
  tmp = tempDir();
  const kubeconfig = writeKubeconfig(tmp.dir, server.url, { token: 'tok-very-secret-123' });
  const snap = await collectLiveSnapshot(liveOptions(kubeconfig, { host: true }), liveEnv({ env: { HOME: '/x', SECRET_ENV: 'env-secret-456' } }));
  const text = JSON.stringify(snap);
  expect(snap.pods).toHaveLength(30);
  expect(text).not.toContain('tok-very-secret-123');
  expect(text).not.toContain('s3cr3t-env-value');
  expect(text).not.toContain('env-secret-456');
  expect(text).not.toContain('API_TOKEN');
});

test('gzip answers are decompressed: the same snapshot, fewer bytes on the wire', async () => {
  const { s, kubeconfig } = await setup({ pods: 150, nodes: 2, namespaces: 3 });
  const plain = await collectLiveSnapshot(liveOptions(kubeconfig, { pageLimit: 40 }), liveEnv());
  const plainBytes = s.bytesSent;
  s.behaviour.gzip = true;
  s.bytesSent = 0;
  const zipped = await collectLiveSnapshot(liveOptions(kubeconfig, { pageLimit: 40 }), liveEnv());
  expect(zipped.pods).toEqual(plain.pods);
  expect(zipped.nodes).toEqual(plain.nodes);
  expect(s.bytesSent).toBeLessThan(plainBytes / 4);
});
