import { describe, expect, it } from 'vitest';
import { mergeImports as merge, type MergeInput } from '../../../src/collect/import/merge.js';
import { snapshotShapeErrors } from '../../../src/model/validate.js';
import type { Container, Host, Node, Pod, R } from '../../../src/model/snapshot.js';
import type { ImportResult } from '../../../src/collect/import/types.js';
import { expectSchemaValid } from '../../helpers/schema.js';

const Mi = 1024 * 1024;
const NONE: R = { cpuMillicores: null, memoryBytes: null };
const r = (cpu: number | null, memMi: number | null): R => ({ cpuMillicores: cpu, memoryBytes: memMi === null ? null : memMi * Mi });

function ctr(name: string, o: Partial<Container> = {}): Container {
  return { name, type: 'app', requests: NONE, limits: NONE, usage: null, ...o };
}
function pod(ns: string, name: string, o: Partial<Pod> = {}): Pod {
  return { namespace: ns, name, phase: null, nodeName: null, owner: null, containers: [], usage: null, origin: 'capture', ...o };
}
function inferred(kind: string, name: string): Partial<Pod> {
  return { owner: { kind, name }, ownerInferred: true };
}
function manifestPod(ns: string, name: string, kind: string, workload: string, containers: Container[]): Pod {
  return pod(ns, name, { origin: 'manifest', owner: { kind, name: workload }, containers });
}
function input(path: string, kind: string, parts: Partial<ImportResult>): MergeInput {
  return { path, folder: path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '.', result: { kind, pods: [], nodes: [], hosts: [], notes: [], ...parts } };
}
function hostOf(mem: Partial<Host['memory']>, cpu: Partial<Host['cpu']> = {}, processes: Host['processes'] = []): Host {
  return {
    memory: { totalBytes: null, usedBytes: null, freeBytes: null, sharedBytes: null, buffCacheBytes: null, availableBytes: null,
      swapTotalBytes: null, swapUsedBytes: null, swapFreeBytes: null, ...mem },
    cpu: { cores: null, loadAverage: null, busyPercent: null, ...cpu },
    processes,
  };
}
const T = '2023-03-18T07:24:18.000Z';

/** Every merged snapshot must pass both the hand validator and schema.json. */
function mergeImports(inputs: MergeInput[], takenAt: string): ReturnType<typeof merge> {
  const s = merge(inputs, takenAt);
  const doc = JSON.parse(JSON.stringify(s)) as Record<string, unknown>;
  expect(snapshotShapeErrors(doc)).toEqual([]);
  expectSchemaValid(doc);
  return s;
}

const activatorCC = pod('knative-serving', 'activator-7499d967fc-2npcf', {
  ...inferred('Deployment', 'activator'),
  containers: [ctr('#1', { requests: r(300, 60), limits: r(1000, 600) })],
});
const activatorTop = pod('knative-serving', 'activator-7499d967fc-2npcf', { ...inferred('Deployment', 'activator'), usage: r(2, 21) });
const activatorGet = pod('knative-serving', 'activator-7499d967fc-2npcf', { ...inferred('Deployment', 'activator'), phase: 'Running' });
const activatorManifest = manifestPod('knative-serving', 'activator', 'Deployment', 'activator',
  [ctr('activator', { requests: r(300, 60), limits: r(1000, 600) })]);

describe('mergeImports: pods', () => {
  it('one pod seen in custom-columns, top pod and get pods is one entry, field by field', () => {
    const s = mergeImports([
      input('s/cc.txt', 'custom-columns', { pods: [activatorCC] }),
      input('s/get.txt', 'kubectl get pods', { pods: [activatorGet] }),
      input('s/top.txt', 'kubectl top pod', { pods: [activatorTop] }),
    ], T);
    expect(s.pods).toEqual([{ ...activatorCC, phase: 'Running', usage: r(2, 21) }]);
    expect(s.notes).toEqual([]);
    expectSchemaValid(s);
  });

  it.each([
    ['placeholder first', [ctr('#1', { requests: r(100, 10) }), ctr('#2', { requests: r(25, null) })],
      [ctr('app', { usage: r(1, 8) }), ctr('queue-proxy', { usage: r(1, 3) })]],
    ['named first', [ctr('app', { usage: r(1, 8) }), ctr('queue-proxy', { usage: r(1, 3) })],
      [ctr('#1', { requests: r(100, 10) }), ctr('#2', { requests: r(25, null) })]],
  ])('"#k" placeholders match named containers by position (%s)', (_n, a, b) => {
    const s = mergeImports([
      input('a.txt', 'x', { pods: [pod('default', 'hello-1', { containers: a })] }),
      input('b.txt', 'y', { pods: [pod('default', 'hello-1', { containers: b })] }),
    ], T);
    expect(s.pods[0]!.containers).toEqual([
      ctr('app', { requests: r(100, 10), usage: r(1, 8) }),
      ctr('queue-proxy', { requests: r(25, null), usage: r(1, 3) }),
    ]);
  });

  it('conflicting captured values: the first file wins, with a warn note', () => {
    const other = pod('knative-serving', 'activator-7499d967fc-2npcf', {
      ...inferred('Deployment', 'activator'), containers: [ctr('#1', { requests: r(150, 60), limits: r(1000, 600) })],
    });
    const s = mergeImports([input('a.txt', 'cc', { pods: [activatorCC] }), input('b.txt', 'cc', { pods: [other] })], T);
    expect(s.pods[0]!.containers[0]!.requests).toEqual(r(300, 60));
    expect(s.notes).toEqual([{
      code: 'merge-conflict', level: 'warn', source: 'b.txt',
      message: 'knative-serving/activator-7499d967fc-2npcf container #1 request CPU (millicores): kept 300, b.txt says 150',
    }]);
  });

  it('a captured Job pod takes the manifest owner kind and container names; the manifest entry is consumed', () => {
    const captured = pod('knative-serving', 'default-domain-nwbhr', {
      ...inferred('Pod', 'default-domain'), containers: [ctr('#1', { requests: r(100, 100), limits: r(1000, 1000) })],
    });
    const job = manifestPod('knative-serving', 'default-domain', 'Job', 'default-domain',
      [ctr('default-domain', { requests: r(100, 100), limits: r(1000, 1000) })]);
    const s = mergeImports([input('m/dd.yaml', 'manifests', { pods: [job] }), input('c/cc.txt', 'cc', { pods: [captured] })], T);
    expect(s.pods).toEqual([{
      ...captured, owner: { kind: 'Job', name: 'default-domain' }, ownerInferred: undefined,
      containers: [ctr('default-domain', { requests: r(100, 100), limits: r(1000, 1000) })],
    }].map(({ ownerInferred: _x, ...p }) => p));
    expect(s.notes).toEqual([]);
  });

  it('manifest and capture disagree: the running value wins with a warn note', () => {
    const halved = manifestPod('knative-serving', 'activator', 'Deployment', 'activator',
      [ctr('activator', { requests: r(150, 30), limits: r(500, 300) })]);
    const s = mergeImports([input('cc.txt', 'cc', { pods: [activatorCC] }), input('m.yaml', 'manifests', { pods: [halved] })], T);
    expect(s.pods[0]!.containers).toEqual([ctr('activator', { requests: r(300, 60), limits: r(1000, 600) })]);
    expect(s.notes.map((n) => [n.code, n.level, n.source])).toEqual(Array(4).fill(['manifest-differs', 'warn', 'cc.txt']));
    expect(s.notes[0]!.message).toBe('knative-serving/activator-7499d967fc-2npcf container activator request CPU (millicores): kept 300, the manifest m.yaml says 150');
  });

  it('replicas: captured pods pair with activator, activator#2 in name order', () => {
    const a = pod('ns', 'web-5d9f-aaaaa', inferred('Deployment', 'web'));
    const b = pod('ns', 'web-5d9f-bbbbb', inferred('Deployment', 'web'));
    const m1 = manifestPod('ns', 'web', 'Deployment', 'web', [ctr('nginx', { requests: r(10, 1) })]);
    const m2 = manifestPod('ns', 'web#2', 'Deployment', 'web', [ctr('nginx', { requests: r(10, 1) })]);
    const m3 = manifestPod('ns', 'web#3', 'Deployment', 'web', [ctr('nginx', { requests: r(10, 1) })]);
    const s = mergeImports([input('m.yaml', 'manifests', { pods: [m3, m1, m2] }), input('g.txt', 'get pods', { pods: [b, a] })], T);
    expect(s.pods.map((p) => [p.name, p.containers[0]?.name, p.owner?.kind])).toEqual([
      ['web-5d9f-aaaaa', 'nginx', 'Deployment'], ['web-5d9f-bbbbb', 'nginx', 'Deployment'],
    ]);
    expect(s.notes.map((n) => n.code)).toEqual(['manifest-not-running']);
    expect(s.notes[0]!.message).toContain('ns/web#3 (Deployment/web)');
  });

  it('manifest workloads with no captured pod: left out where captures cover the namespace, kept elsewhere', () => {
    const dm = manifestPod('knative-serving', 'domain-mapping', 'Deployment', 'domain-mapping', [ctr('domain-mapping', { requests: r(30, 40) })]);
    const other = manifestPod('tools', 'cron', 'CronJob', 'cron', [ctr('c')]);
    const s = mergeImports([input('cc.txt', 'cc', { pods: [activatorCC] }), input('m.yaml', 'manifests', { pods: [dm, other] })], T);
    expect(s.pods.map((p) => `${p.namespace}/${p.name}`)).toEqual(['knative-serving/activator-7499d967fc-2npcf', 'tools/cron']);
    expect(s.notes).toEqual([expect.objectContaining({ code: 'manifest-not-running', level: 'warn', source: 'm.yaml' })]);
  });

  it('a Knative Service matches its revision Deployment pod', () => {
    const ksvc = manifestPod('default', 'hello', 'Service', 'hello',
      [ctr('user-container', { requests: NONE }), ctr('queue-proxy', { requests: r(25, null) })]);
    const running = pod('default', 'hello-00001-deployment-66ddff5b59-jbn6x', {
      ...inferred('Deployment', 'hello-00001-deployment'), usage: r(1, 8),
    });
    const s = mergeImports([input('top.txt', 'top pod', { pods: [running] }), input('hello.yaml', 'manifests', { pods: [ksvc] })], T);
    expect(s.pods).toHaveLength(1);
    expect(s.pods[0]!.owner).toEqual({ kind: 'Service', name: 'hello' });
    expect(s.pods[0]!.containers.map((c) => c.name)).toEqual(['user-container', 'queue-proxy']);
  });

  it('a pod seen only in kubectl top pod keeps null requests/limits and gets a note', () => {
    const p = pod('kube-system', 'coredns-7bf57bcbd8-b22j4', { ...inferred('Deployment', 'coredns'), usage: r(3, 16) });
    const s = mergeImports([input('s/top-pods.txt', 'kubectl top pod', { pods: [p] })], T);
    expect(s.pods).toEqual([p]);
    expect(s.notes).toEqual([{
      code: 'no-spec', level: 'warn', source: 's/top-pods.txt',
      message: 'kube-system/coredns-7bf57bcbd8-b22j4: no requests or limits known (seen only in usage or listing captures): shown as not set, never as zero (report --assume-distro fills in the system pods of a distribution)',
    }]);
  });

  it('pods of the same workload from another run are folded into the spec-bearing pod', () => {
    const ddSpec = pod('knative-serving', 'default-domain-nwbhr', { ...inferred('Pod', 'default-domain'), containers: [ctr('#1', { requests: r(100, 100) })] });
    const ddGet = pod('knative-serving', 'default-domain-qpvfp', { ...inferred('Pod', 'default-domain'), phase: 'Running' });
    const ddTop = pod('knative-serving', 'default-domain-6mknr', { ...inferred('Pod', 'default-domain'), usage: r(1, 7) });
    const s = mergeImports([
      input('cc.txt', 'cc', { pods: [ddSpec] }), input('get.txt', 'get', { pods: [ddGet] }), input('top.txt', 'top', { pods: [ddTop] }),
    ], T);
    expect(s.pods).toEqual([{ ...ddSpec, phase: 'Running', usage: r(1, 7), aliases: ['default-domain-6mknr', 'default-domain-qpvfp'] }]);
    expect(s.notes.map((n) => [n.code, n.source])).toEqual([['pod-folded', 'top.txt'], ['pod-folded', 'get.txt']]);
    expectSchemaValid(s);
  });

  it.each<[string, Pod, Pod, number]>([
    ['custom-columns <none> row is spec, get pods row is not → folded',
      pod('k', 'gw-5f9f97b454-rqkgh', { ...inferred('Deployment', 'gw'), containers: [ctr('#1')] }),
      pod('k', 'gw-9b477c667-2hdt2', { ...inferred('Deployment', 'gw'), phase: 'Running', containers: [ctr('#1')] }), 1],
    ['two get pods rows (no spec on either side) → kept apart',
      pod('k', 'gw-5f9f97b454-rqkgh', { ...inferred('Deployment', 'gw'), phase: 'Running', containers: [ctr('#1')] }),
      pod('k', 'gw-9b477c667-2hdt2', { ...inferred('Deployment', 'gw'), phase: 'Running', containers: [ctr('#1')] }), 2],
    ['-o json pod (named containers) is spec, top --containers pod is not → folded',
      pod('k', 'gw-5f9f97b454-rqkgh', { owner: { kind: 'Deployment', name: 'gw' }, containers: [ctr('envoy')] }),
      pod('k', 'gw-9b477c667-2hdt2', { ...inferred('Deployment', 'gw'), containers: [ctr('envoy', { usage: r(1, 2) })] }), 1],
    ['different workloads are never folded',
      pod('k', 'gw-5f9f97b454-rqkgh', { ...inferred('Deployment', 'gw'), containers: [ctr('#1', { requests: r(1, 1) })] }),
      pod('k', 'gx-9b477c667-2hdt2', { ...inferred('Deployment', 'gx'), usage: r(1, 1) }), 2],
  ])('spec detection: %s', (_n, a, b, n) => {
    const s = mergeImports([input('a.txt', 'a', { pods: [a] }), input('b.txt', 'b', { pods: [b] })], T);
    expect(s.pods).toHaveLength(n);
  });

  it('is deterministic: pods sorted by namespace/name whatever the input order', () => {
    const pods = ['b/x', 'a/z', 'a/y', 'c/a'].map((k) => pod(k.split('/')[0]!, k.split('/')[1]!, { containers: [ctr('c')] }));
    const one = mergeImports([input('1.txt', 'k', { pods })], T);
    const two = mergeImports([input('1.txt', 'k', { pods: [...pods].reverse() })], T);
    expect(one.pods.map((p) => `${p.namespace}/${p.name}`)).toEqual(['a/y', 'a/z', 'b/x', 'c/a']);
    expect(two).toEqual(one);
  });
});

describe('mergeImports: nodes, hosts, notes', () => {
  it('nodes merged by name, sorted', () => {
    const topNode: Node = { name: 'vagrant', capacity: null, allocatable: null, usage: r(39, 959) };
    const getNode: Node = { name: 'vagrant', capacity: null, allocatable: null, usage: null };
    const other: Node = { name: 'a-node', capacity: r(1000, 1500), allocatable: null, usage: null };
    const s = mergeImports([input('n.txt', 'get nodes', { nodes: [getNode, other] }), input('t.txt', 'top node', { nodes: [topNode] })], T);
    expect(s.nodes).toEqual([other, topNode]);
  });

  const free = hostOf({ totalBytes: 971 * Mi, usedBytes: 558 * Mi, freeBytes: 61 * Mi });
  const top = (used: number) => hostOf({ totalBytes: Math.round(971.2 * Mi), usedBytes: used * Mi, freeBytes: Math.round(60.9 * Mi), availableBytes: 280 * Mi },
    { loadAverage: [0.7, 0.42, 0.43], busyPercent: 2.5 }, [{ pid: 1, user: 'root', command: 'k0s', residentBytes: 1024, cpuPercent: 0.7 }]);

  it.each<[string, MergeInput[], Host | null, number]>([
    ['no host captures', [], null, 0],
    ['free + top in one folder → one reading, free memory wins', [
      input('2-k0s/free.txt', 'free -m', { hosts: [free] }), input('2-k0s/top.txt', 'top', { hosts: [top(547)] }),
    ], hostOf({ totalBytes: 971 * Mi, usedBytes: 558 * Mi, freeBytes: 61 * Mi, availableBytes: 280 * Mi }, top(547).cpu, top(547).processes), 0],
    ['top -n3 in one file → 3 samples, host is the latest', [
      input('x/top.txt', 'top -b', { hosts: [top(1), top(2), top(3)] }),
    ], top(3), 3],
    ['free and top in different folders → two samples', [
      input('a/free.txt', 'free', { hosts: [free] }), input('b/top.txt', 'top', { hosts: [top(5)] }),
    ], top(5), 2],
  ])('%s', (_n, inputs, host, nSamples) => {
    const s = mergeImports(inputs, T);
    expect(s.host).toEqual(host);
    expect(s.samples?.length ?? 0).toBe(nSamples);
    if (nSamples) expect(s.samples!.at(-1)!.host).toEqual(host);
  });

  it('notes concatenated, identical ones once', () => {
    const n = { code: 'suspicious-memory', level: 'warn' as const, message: 'memory "100m" is 0.1 bytes', source: 'a.txt:3' };
    const s = mergeImports([input('a.txt', 'k', { notes: [n, n] }), input('b.txt', 'k', { notes: [{ ...n, source: 'b.txt:1' }] })], T);
    expect(s.notes).toEqual([n, { ...n, source: 'b.txt:1' }]);
    expect(s.source).toEqual({ type: 'import', files: [{ path: 'a.txt', kind: 'k' }, { path: 'b.txt', kind: 'k' }] });
    expect(s.takenAt).toBe(T);
  });
});
