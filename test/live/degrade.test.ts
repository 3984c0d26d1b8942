// Degrade, don't die: every refusal and failure the live collector meets, each with its note or
// its one-line ClusterError (naming the server and the cause; no stack in the message).
import { afterEach, describe, expect, test } from 'vitest';
import { ClusterError } from '../../src/errors.js';
import { collectLiveSnapshot, type LiveOptions } from '../../src/collect/live.js';
import type { Snapshot } from '../../src/model/snapshot.js';
import type { ClusterSpec } from '../kube-server/cluster.js';
import { startKubeServer, type KubeServer, type ServerBehaviour } from '../kube-server/server.js';
import { liveEnv, liveOptions, tempDir, writeKubeconfig } from './helpers.js';

let server: KubeServer | null = null;
let tmp: ReturnType<typeof tempDir> | null = null;
afterEach(async () => {
  await server?.close();
  tmp?.cleanup();
  server = null;
  tmp = null;
});

const SPEC: ClusterSpec = { pods: 60, nodes: 2, namespaces: 4 };

async function collect(behaviour: Partial<ServerBehaviour>, over: Partial<LiveOptions> = {}): Promise<Snapshot> {
  server = await startKubeServer(SPEC, behaviour);
  tmp = tempDir();
  return collectLiveSnapshot(liveOptions(writeKubeconfig(tmp.dir, server.url), over), liveEnv());
}

async function failure(behaviour: Partial<ServerBehaviour>, over: Partial<LiveOptions> = {}): Promise<ClusterError> {
  try {
    await collect(behaviour, over);
  } catch (err) {
    expect(err).toBeInstanceOf(ClusterError);
    const e = err as ClusterError;
    expect(e.message).not.toContain('\n');
    expect(e.message.startsWith(server!.url)).toBe(true);
    return e;
  }
  throw new Error('expected a ClusterError');
}

const codes = (s: Snapshot): string[] => s.notes.map((n) => n.code).filter((c) => c.startsWith('live.'));
const nsOf = (s: Snapshot): string[] => [...new Set(s.pods.map((p) => p.namespace))];

describe('pagination', () => {
  test('410 Expired on a continue token: the list restarts once, no duplicates, a note', async () => {
    const snap = await collect({ expireContinues: 1 }, { pageLimit: 9 });
    expect(snap.pods.map((p) => p.name)).toEqual(Array.from({ length: 60 }, (_, i) => server!.cluster.podName(i)));
    expect(snap.notes.find((n) => n.code === 'live.list-restarted')?.message).toBe(
      'pods in all namespaces: the continue token expired after 1 page(s) (410 Gone); listed again from the start',
    );
    const firsts = server!.requests.filter((r) => r === '/api/v1/pods?limit=9');
    expect(firsts).toHaveLength(2);
  });

  test('410 Expired: the pods\' notes of the abandoned attempt are dropped, not counted twice', async () => {
    const withoutPodNotes = (s: Snapshot): Snapshot['notes'] => s.notes.filter((n) => n.code !== 'live.list-restarted');
    const plain = await collect({}, { pageLimit: 9 });
    await server?.close();
    tmp?.cleanup();
    const restarted = await collect({ expireContinues: 1 }, { pageLimit: 9 });
    expect(restarted.notes.some((n) => n.code === 'live.list-restarted')).toBe(true);
    expect(plain.notes.some((n) => / \(\d+ times as /.test(n.message))).toBe(true);
    expect(withoutPodNotes(restarted)).toEqual(withoutPodNotes(plain));
  });

  test('410 again on the retry: ClusterError, never a partial set', async () => {
    const e = await failure({ expireContinues: 2 }, { pageLimit: 9 });
    expect(e.message).toMatch(/pods in all namespaces: the list expired twice while paging \(The provided continue parameter is too old/);
  });
});

describe('403', () => {
  test('-n with one namespace refused: the others, and a note naming it', async () => {
    const snap = await collect({ forbiddenNamespaces: ['ns-001'] }, { namespaces: ['ns-000', 'ns-001', 'ns-002'] });
    expect(nsOf(snap)).toEqual(['ns-000', 'ns-002']);
    expect(snap.notes.find((n) => n.code === 'live.namespace-forbidden')).toEqual({
      code: 'live.namespace-forbidden',
      level: 'warn',
      message: 'listing pods was refused (403) in 1 namespace(s), left out of the snapshot: ns-001',
      source: null,
    });
    expect(snap.source.namespaces).toEqual(['ns-000', 'ns-001', 'ns-002']);
    expect(snap.pods.filter((p) => p.usage !== null).length).toBeGreaterThan(0);
  });

  test('-n with every namespace refused: ClusterError naming them', async () => {
    const e = await failure({ forbiddenNamespaces: ['ns-001', 'ns-002'] }, { namespaces: ['ns-001', 'ns-002'] });
    expect(e.message).toMatch(/listing pods was refused in every namespace asked for \(ns-001, ns-002\): pods is forbidden/);
  });

  test('-A refused cluster-wide: namespace by namespace, readable ones kept, refused ones named, metrics per namespace', async () => {
    const snap = await collect({ forbidClusterPods: true, forbiddenNamespaces: ['ns-003'] }, { namespaces: null });
    expect(nsOf(snap)).toEqual(['ns-000', 'ns-001', 'ns-002']);
    expect(codes(snap)).toEqual(['live.cluster-pods-forbidden', 'live.namespace-forbidden']);
    expect(snap.notes.find((n) => n.code === 'live.namespace-forbidden')!.message).toContain(': ns-003');
    // usage came from metrics.k8s.io per namespace, not from the Summary fallback
    expect(server!.requests).toContain('/apis/metrics.k8s.io/v1beta1/namespaces/ns-000/pods');
    expect(snap.pods.filter((p) => p.phase === 'Running').every((p) => p.usage !== null)).toBe(true);
  });

  test('-A refused and namespaces not listable: ClusterError telling to use -n', async () => {
    const e = await failure({ forbidClusterPods: true, forbidNamespaceList: true }, { namespaces: null });
    expect(e.message).toMatch(/listing pods in all namespaces was refused .* and so was listing namespaces; name the namespaces with -n$/);
  });

  test('no namespaces asked (neither -n nor -A): the context namespace', async () => {
    server = await startKubeServer(SPEC);
    tmp = tempDir();
    const kc = writeKubeconfig(tmp.dir, server.url, { namespace: 'ns-002' });
    const snap = await collectLiveSnapshot(liveOptions(kc, { namespaces: [] }), liveEnv());
    expect(nsOf(snap)).toEqual(['ns-002']);
    expect(snap.source.namespaces).toEqual(['ns-002']);
  });

  test('nodes refused: pods still, a note', async () => {
    const snap = await collect({ forbidNodes: true });
    expect(snap.nodes).toEqual([]);
    expect(snap.pods).toHaveLength(60);
    expect(codes(snap)).toEqual(['live.nodes-forbidden']);
  });
});

describe('metrics and Summary', () => {
  test('metrics.k8s.io answering 503 (the reference case), Summary forbidden: usage null, two notes', async () => {
    const snap = await collect({ metrics: 'unavailable', forbidSummary: true });
    expect(snap.pods.every((p) => p.usage === null && p.containers.every((c) => c.usage === null))).toBe(true);
    expect(snap.nodes.every((n) => n.usage === null && n.summary === null)).toBe(true);
    expect(snap.pods[0]!.containers[0]!.requests).not.toEqual({ cpuMillicores: null, memoryBytes: null });
    const msgs = snap.notes.filter((n) => n.code.startsWith('live.')).map((n) => `${n.code}: ${n.message}`);
    expect(msgs).toEqual([
      'live.metrics-unavailable: metrics.k8s.io is unavailable (503: the server is currently unable to handle the request): pod usage is null',
      'live.metrics-unavailable: metrics.k8s.io is unavailable (503: the server is currently unable to handle the request): node usage is null',
      expect.stringMatching(/^live\.summary-forbidden: kubelet Summary API \(nodes\/proxy\) was refused \(403: nodes\/proxy is forbidden: .*\) for node\(s\) node-00, node-01: no system-container overhead for them$/),
    ]);
  });

  test('metrics.k8s.io absent: usage from the kubelet Summary API instead, said in a note', async () => {
    const snap = await collect({ metrics: 'absent' });
    expect(codes(snap)).toEqual(['live.metrics-absent', 'live.metrics-absent', 'live.usage-from-summary']);
    const running = snap.pods.filter((p) => p.phase === 'Running');
    expect(running.every((p) => p.usage !== null)).toBe(true);
    const p = running[0]!;
    const i = Number(p.name.slice(4));
    const m = server!.cluster.podMetrics(i)!.containers as Array<{ name: string; usage: { cpu: string; memory: string } }>;
    for (const c of m) {
      expect(p.containers.find((x) => x.name === c.name)!.usage).toEqual({
        cpuMillicores: Math.ceil(Number(c.usage.cpu.slice(0, -1)) / 1e6),
        memoryBytes: Number(c.usage.memory.slice(0, -2)) * 1024,
      });
    }
    expect(snap.nodes[0]!.usage).toEqual({ cpuMillicores: snap.nodes[0]!.summary!.cpuMillicores, memoryBytes: snap.nodes[0]!.summary!.memoryWorkingSetBytes });
  });

  test('a slow metrics API times out per request: usage null, a note, the rest kept', async () => {
    const started = Date.now();
    const snap = await collect({ slow: [{ path: /^\/apis\/metrics/, ms: 3000 }], forbidSummary: true }, { requestTimeoutMs: 300 });
    expect(Date.now() - started).toBeLessThan(2500);
    expect(snap.pods).toHaveLength(60);
    expect(snap.notes.find((n) => n.code === 'live.metrics-unavailable')!.message).toBe(
      'metrics.k8s.io did not answer (no answer within 300 ms): pod usage is null',
    );
  });
});

describe('nothing reachable', () => {
  test('a failure still ends the progress it started', async () => {
    server = await startKubeServer(SPEC, { forbiddenNamespaces: ['ns-000'] });
    tmp = tempDir();
    const env = liveEnv();
    await expect(collectLiveSnapshot(liveOptions(writeKubeconfig(tmp.dir, server.url), { namespaces: ['ns-000'] }), env)).rejects.toThrow(ClusterError);
    expect(env.progress.log).toEqual({ started: [['sampling', 1]], ticks: [], done: 1 });
  });

  test('connection refused: one line with the server and ECONNREFUSED', async () => {
    server = await startKubeServer(SPEC);
    const url = server.url;
    await server.close();
    server = null;
    tmp = tempDir();
    const err = await collectLiveSnapshot(liveOptions(writeKubeconfig(tmp.dir, url)), liveEnv()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ClusterError);
    expect((err as Error).message).toMatch(new RegExp(`^${url.replace(/[.]/g, '\\.')}: unreachable on GET /\\S+: ECONNREFUSED`));
    expect((err as Error).message).not.toContain('\n');
  });

  test('wrong credentials: 401 named', async () => {
    server = await startKubeServer(SPEC, { token: 'right' });
    tmp = tempDir();
    const err = await collectLiveSnapshot(liveOptions(writeKubeconfig(tmp.dir, server.url, { token: 'wrong' })), liveEnv()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ClusterError);
    expect((err as Error).message).toMatch(/: the credentials were refused \(401 Unauthorized\) on GET \/\S+: Unauthorized$/);
  });

  test('the pod list too slow: timed out, named', async () => {
    const e = await failure({ slow: [{ path: /^\/api\/v1\/pods$/, ms: 3000 }] }, { requestTimeoutMs: 250 });
    expect(e.message).toMatch(/: timed out on GET \/api\/v1\/pods\?limit=500: no answer within 250 ms$/);
  });

  test('TLS: a plain-HTTP server spoken to over https names the TLS failure', async () => {
    server = await startKubeServer(SPEC);
    tmp = tempDir();
    const kc = writeKubeconfig(tmp.dir, server.url.replace('http:', 'https:'));
    const err = await collectLiveSnapshot(liveOptions(kc, { requestTimeoutMs: 2000 }), liveEnv()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ClusterError);
    expect((err as Error).message).toMatch(/^https:\/\/127\.0\.0\.1:\d+: TLS failed on GET \/\S+: EPROTO: TLS handshake failed \(wrong version number\)$/);
    expect((err as Error).message).not.toContain('\n');
  });
});
