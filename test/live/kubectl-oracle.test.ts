// The real kubectl as the oracle: against the same loopback server, `kubectl get pods -A -o json`,
// `kubectl top pod -A --containers`, `kubectl top pod -A` and `kubectl top node` must agree with
// the snapshot pod by pod, container by container. Skipped cleanly when kubectl is absent.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { collectLiveSnapshot } from '../../src/collect/live.js';
import type { Container, Pod, Snapshot } from '../../src/model/snapshot.js';
import { formatTopCpu, formatTopMemory, parseCpuMillicores, parseMemoryBytes } from '../../src/quantity.js';
import { startKubeServer, type KubeServer } from '../kube-server/server.js';
import { liveEnv, liveOptions, tempDir, writeKubeconfig } from './helpers.js';

const KUBECTL = '/usr/bin/kubectl';
const run = promisify(execFile);

describe.skipIf(!existsSync(KUBECTL))('kubectl agrees with the snapshot', () => {
  let server: KubeServer;
  let tmp: ReturnType<typeof tempDir>;
  let kubeconfig: string;
  let snap: Snapshot;

  const kubectl = async (...args: string[]): Promise<string> => {
    // async: the server runs in this process and must keep answering while kubectl waits
    const { stdout } = await run(KUBECTL, ['--kubeconfig', kubeconfig, '--cache-dir', join(tmp.dir, 'cache'), ...args], {
      encoding: 'utf8',
      timeout: 60_000,
      maxBuffer: 256 * 1024 * 1024,
      env: { PATH: process.env.PATH ?? '/usr/bin', HOME: tmp.dir },
    });
    return stdout;
  };

  beforeAll(async () => {
    // hundreds of pods, every quantity form, init containers, sidecars, overhead, the same pod
    // names in several namespaces; pages of 37 on our side, 50 on kubectl's
    server = await startKubeServer({ pods: 420, nodes: 4, namespaces: 7, namesPerNamespace: true });
    tmp = tempDir();
    kubeconfig = writeKubeconfig(tmp.dir, server.url);
    snap = await collectLiveSnapshot(liveOptions(kubeconfig, { pageLimit: 37 }), liveEnv());
  });
  afterAll(async () => {
    await server?.close();
    tmp?.cleanup();
  });

  test('get pods -A -o json: same pods, containers (kind and order), requests, limits, overhead, phase, node', async () => {
    type Res = { requests?: Record<string, string>; limits?: Record<string, string> };
    type C = { name: string; restartPolicy?: string; resources?: Res };
    type P = { metadata: { namespace: string; name: string }; spec: { nodeName?: string; initContainers?: C[]; containers: C[]; overhead?: Record<string, string> }; status: { phase?: string } };
    const list = JSON.parse(await kubectl('get', 'pods', '-A', '-o', 'json', '--chunk-size=50')) as { items: P[] };
    expect(list.items.length).toBe(420);
    const r = (l?: Record<string, string>) => ({
      cpuMillicores: l?.cpu === undefined ? null : parseCpuMillicores(l.cpu),
      memoryBytes: l?.memory === undefined ? null : parseMemoryBytes(l.memory),
    });
    const fromKubectl = list.items.map((p) => ({
      key: `${p.metadata.namespace}/${p.metadata.name}`,
      phase: p.status.phase ?? null,
      nodeName: p.spec.nodeName ?? null,
      overhead: p.spec.overhead ? r(p.spec.overhead) : null,
      containers: [
        ...(p.spec.initContainers ?? []).map((c) => ({ name: c.name, type: c.restartPolicy === 'Always' ? 'sidecar' : 'init', requests: r(c.resources?.requests), limits: r(c.resources?.limits) })),
        ...p.spec.containers.map((c) => ({ name: c.name, type: 'app', requests: r(c.resources?.requests), limits: r(c.resources?.limits) })),
      ],
    }));
    const fromSnapshot = snap.pods.map((p) => ({
      key: `${p.namespace}/${p.name}`,
      phase: p.phase,
      nodeName: p.nodeName,
      overhead: p.overhead ?? null,
      containers: p.containers.map((c) => ({ name: c.name, type: c.type, requests: c.requests, limits: c.limits })),
    }));
    expect(fromSnapshot).toEqual(fromKubectl);
    // the generated cluster really has what this test claims to cover
    const all = fromKubectl.flatMap((p) => p.containers);
    expect(all.some((c) => c.type === 'init') && all.some((c) => c.type === 'sidecar')).toBe(true);
    expect(fromKubectl.filter((p) => p.overhead !== null).length).toBeGreaterThan(10);
  });

  test('top pod -A --containers: the same containers with usage, printed the same', async () => {
    const out = await kubectl('top', 'pod', '-A', '--containers');
    const lines = out.trim().split('\n');
    expect(lines[0]!.trim().split(/\s+/)).toEqual(['NAMESPACE', 'POD', 'NAME', 'CPU(cores)', 'MEMORY(bytes)']);
    const theirs = lines.slice(1).map((l) => l.trim().split(/\s+/).join(' ')).sort();
    const ours = snap.pods
      .flatMap((p) =>
        p.containers
          .filter((c) => c.usage !== null)
          .map((c) => `${p.namespace} ${p.name} ${c.name} ${formatTopCpu(c.usage!.cpuMillicores!)} ${formatTopMemory(c.usage!.memoryBytes!)}`),
      )
      .sort();
    expect(theirs.length).toBeGreaterThan(300);
    expect(ours).toEqual(theirs);
  });

  test('top pod -A: pod sums rounded as kubectl rounds them', async () => {
    const out = await kubectl('top', 'pod', '-A');
    const theirs = out.trim().split('\n').slice(1).map((l) => l.trim().split(/\s+/).join(' ')).sort();
    const ours = snap.pods
      .filter((p) => p.usage !== null)
      .map((p) => `${p.namespace} ${p.name} ${formatTopCpu(p.usage!.cpuMillicores!)} ${formatTopMemory(p.usage!.memoryBytes!)}`)
      .sort();
    expect(ours).toEqual(theirs);
  });

  test('top node: node usage', async () => {
    const out = await kubectl('top', 'node');
    const theirs = out.trim().split('\n').slice(1).map((l) => {
      const [name, cpu, , mem] = l.trim().split(/\s+/);
      return `${name} ${cpu} ${mem}`;
    });
    const ours = snap.nodes.map((n) => `${n.name} ${formatTopCpu(n.usage!.cpuMillicores!)} ${formatTopMemory(n.usage!.memoryBytes!)}`);
    expect(ours).toEqual(theirs.sort());
  });

  test('describe node: the per-pod effective requests and limits kubectl computes follow from the snapshot', async () => {
    for (const node of snap.nodes.map((n) => n.name)) {
      const out = await kubectl('describe', 'node', node);
      const table = out.slice(out.indexOf('Non-terminated Pods:'), out.indexOf('Allocated resources:')).trim().split('\n').slice(3);
      const theirs = new Map(
        table.map((l) => {
          const f = l.trim().split(/\s+/);
          // Namespace Name CPU-Req (%) CPU-Lim (%) Mem-Req (%) Mem-Lim (%) Age
          return [`${f[0]}/${f[1]}`, { cpu: [f[2]!, f[4]!], mem: [f[6]!, f[8]!] }];
        }),
      );
      const running = snap.pods.filter((p) => p.nodeName === node && p.phase !== 'Succeeded' && p.phase !== 'Failed');
      expect([...theirs.keys()].sort()).toEqual(running.map((p) => `${p.namespace}/${p.name}`).sort());
      for (const p of running) {
        const t = theirs.get(`${p.namespace}/${p.name}`)!;
        const ours = effective(p);
        // memory: every generated value is whole bytes, so exact
        expect([p.name, ours.memRequest, ours.memLimit]).toEqual([p.name, parseMemoryBytes(t.mem[0]!), parseMemoryBytes(t.mem[1]!)]);
        // cpu: kubectl sums exact quantities and rounds once; the snapshot rounds each container
        // up to whole millicores, so it may exceed kubectl's by under 1m per container counted
        const slack = p.containers.length + 1;
        for (const [o, k] of [[ours.cpuRequest, t.cpu[0]!], [ours.cpuLimit, t.cpu[1]!]] as const) {
          const exact = parseCpuMillicores(k);
          expect(o - exact, `${p.namespace}/${p.name} cpu ${o}m vs ${k}`).toBeGreaterThanOrEqual(0);
          expect(o - exact, `${p.namespace}/${p.name} cpu ${o}m vs ${k}`).toBeLessThan(slack);
        }
      }
    }
  });
});

/** kubectl's PodRequests / PodLimits over the snapshot's containers (sidecars as in k8s 1.29+). */
function effective(p: Pod): { cpuRequest: number; cpuLimit: number; memRequest: number; memLimit: number } {
  const one = (pick: (c: Container) => number | null, overhead: number | null, addOverhead: boolean): number => {
    let total = 0;
    for (const c of p.containers) if (c.type === 'app') total += pick(c) ?? 0;
    let sidecars = 0;
    let initMax = 0;
    for (const c of p.containers) {
      if (c.type === 'sidecar') {
        total += pick(c) ?? 0;
        sidecars += pick(c) ?? 0;
        initMax = Math.max(initMax, sidecars);
      } else if (c.type === 'init') {
        initMax = Math.max(initMax, (pick(c) ?? 0) + sidecars);
      }
    }
    return Math.max(total, initMax) + (addOverhead ? (overhead ?? 0) : 0);
  };
  const anyLimit = (k: 'cpuMillicores' | 'memoryBytes'): boolean => p.containers.some((c) => c.limits[k] !== null);
  return {
    cpuRequest: one((c) => c.requests.cpuMillicores, p.overhead?.cpuMillicores ?? null, true),
    cpuLimit: one((c) => c.limits.cpuMillicores, p.overhead?.cpuMillicores ?? null, anyLimit('cpuMillicores')),
    memRequest: one((c) => c.requests.memoryBytes, p.overhead?.memoryBytes ?? null, true),
    memLimit: one((c) => c.limits.memoryBytes, p.overhead?.memoryBytes ?? null, anyLimit('memoryBytes')),
  };
}
