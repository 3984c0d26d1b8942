// The real kubectl as the oracle: against the same loopback server, `kubectl get pods -A -o json`,
// `kubectl top pod -A --containers`, `kubectl top pod -A` and `kubectl top node` must agree with
// the snapshot pod by pod, container by container. Skipped cleanly when kubectl is absent.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { collectLiveSnapshot } from '../../src/collect/live.js';
import type { Snapshot } from '../../src/model/snapshot.js';
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
});
