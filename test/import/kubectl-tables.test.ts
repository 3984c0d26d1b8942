import { describe, expect, it } from 'vitest';
import { importKubectlGetPods, phaseFromStatus } from '../../src/collect/import/kubectl-get-pods.js';
import { importKubectlTopNode, importKubectlTopPod } from '../../src/collect/import/kubectl-top.js';
import { fixture } from './fixture.js';

const MiB = 2 ** 20;

describe('importKubectlTopPod', () => {
  it('reads the reference `top pod --all-namespaces`: usage per pod, true sums', () => {
    const r = importKubectlTopPod(fixture('reference/top-pod-all-namespaces.txt'), { origin: 'tp.txt' });
    expect(r.pods).toHaveLength(12);
    expect(r.kind).toBe('kubectl top pod -A (12 pods)');
    const activator = r.pods.find((p) => p.name === 'activator-6f78547bf7-xp5jh')!;
    expect(activator.namespace).toBe('knative-serving');
    expect(activator.usage).toEqual({ cpuMillicores: 2, memoryBytes: 21 * MiB });
    expect(activator.containers).toEqual([]);
    const cpu = r.pods.reduce((a, p) => a + p.usage!.cpuMillicores!, 0);
    const mem = r.pods.reduce((a, p) => a + p.usage!.memoryBytes!, 0);
    expect(cpu).toBe(1 + 2 + 5 + 5 + 1 + 6 + 9 + 4 + 3 + 1 + 1 + 5);
    expect(mem).toBe((8 + 21 + 19 + 27 + 7 + 37 + 16 + 17 + 16 + 13 + 19 + 18) * MiB);
    expect(r.notes.filter((n) => n.code === 'top-memory-floored')).toHaveLength(1);
  });
  it('--containers: usage per container, grouped by pod', () => {
    const r = importKubectlTopPod(fixture('synthetic/top-pod-containers.txt'), { origin: 'c.txt' });
    expect(r.pods).toHaveLength(2);
    expect(r.pods[0]!.containers.map((c) => [c.name, c.usage])).toEqual([
      ['queue-proxy', { cpuMillicores: 1, memoryBytes: 5 * MiB }],
      ['user-container', { cpuMillicores: 0, memoryBytes: 3 * MiB }],
    ]);
    expect(r.pods[0]!.usage).toBeNull();
    expect(r.kind).toMatch(/--containers/);
  });
  it('a malformed value names file, line and column', () => {
    const text = 'NAME      CPU(cores)   MEMORY(bytes)\nweb-0     2m           2x1Mi\n';
    expect(() => importKubectlTopPod(text, { origin: 't.txt', firstLine: 3 })).toThrow('t.txt:4: malformed quantity "2x1Mi" in column MEMORY(bytes)');
  });
});

describe('importKubectlTopNode', () => {
  it.each(['reference/top-node-idle.txt', 'reference/top-node-k0s.txt'])('%s', (path) => {
    const text = fixture(path);
    const r = importKubectlTopNode(text, { origin: path });
    const [, cpu, , mem] = text.split('\n')[2]!.trim().split(/\s+/);
    expect(r.nodes).toEqual([
      { name: 'vagrant', capacity: null, allocatable: null, usage: { cpuMillicores: parseInt(cpu!, 10), memoryBytes: parseInt(mem!, 10) * MiB } },
    ]);
  });
  it('CPU(%) headers; <unknown> on a NotReady node → usage null and a note', () => {
    const r = importKubectlTopNode(fixture('synthetic/top-node-notready.txt'), { origin: 'n.txt' });
    expect(r.nodes.map((n) => n.usage)).toEqual([{ cpuMillicores: 166, memoryBytes: 1341 * MiB }, null]);
    expect(r.notes.find((n) => n.code === 'node-usage-unknown')!.source).toBe('n.txt:3');
  });
});

describe('importKubectlGetPods', () => {
  it('reference table: phase Running, namespace from -n, container count from READY', () => {
    const r = importKubectlGetPods(fixture('reference/get-pods-knative-serving.txt'), { origin: 'g.txt' });
    expect(r.pods).toHaveLength(6);
    expect(r.pods.every((p) => p.phase === 'Running' && p.namespace === 'knative-serving' && p.nodeName === null)).toBe(true);
    expect(r.pods[0]!.containers.map((c) => c.name)).toEqual(['#1']);
  });
  it('Completed Job pod → Succeeded', () => {
    const r = importKubectlGetPods(fixture('reference/get-pods-knative-serving-completed.txt'), { origin: 'g.txt' });
    expect(r.pods.find((p) => p.name === 'default-domain-nghzp')!.phase).toBe('Succeeded');
  });
  it('-A -o wide: node, RESTARTS with "(2d ago)", phases with care', () => {
    const r = importKubectlGetPods(fixture('synthetic/get-pods-wide-all.txt'), { origin: 'w.txt' });
    expect(r.pods.map((p) => [p.name, p.phase, p.nodeName, p.containers.length])).toEqual([
      ['web-7d4b9c8f6d-x7k2p', 'Running', 'edge-1', 2],
      ['migrate-x9zq4', 'Failed', 'edge-1', 1],
      ['crashy-5c8c986896-f5z8w', 'Running', 'edge-1', 1],
      ['loop-7cd4659488-sqz5q', 'Running', 'edge-1', 1],
      ['db-0', 'Pending', 'edge-1', 1],
      ['big-6f78547bf7-xp5jh', 'Pending', null, 1],
      ['old-6f78547bf7-abcde', 'Running', 'edge-1', 1],
    ]);
    expect(r.notes.find((n) => n.code === 'pod-phase-guessed')!.message).toMatch(/migrate-x9zq4 \(Error → Failed\).*loop-7cd4659488-sqz5q \(OOMKilled → Running\)/);
  });
  it.each([
    ['Running', 0, 'Running'],
    ['Completed', 0, 'Succeeded'],
    ['ContainerCreating', 0, 'Pending'],
    ['Init:CrashLoopBackOff', 2, 'Pending'],
    ['ImagePullBackOff', 0, 'Pending'],
    ['CrashLoopBackOff', 5, 'Running'],
    ['Error', 0, 'Failed'],
    ['OOMKilled', 0, 'Failed'],
    ['ExitCode:137', 0, 'Failed'],
    ['Evicted', 0, 'Failed'],
    ['Terminating', 0, 'Running'],
    ['Unknown', 0, 'Unknown'],
    ['Whatever', 0, null],
  ])('STATUS %s (restarts %d) → %s', (status, restarts, phase) => {
    expect(phaseFromStatus(status, restarts).phase).toBe(phase);
  });
  it('bad READY names the line', () => {
    const text = 'NAME   READY   STATUS    RESTARTS   AGE\na-0    one     Running   0          1m\n';
    expect(() => importKubectlGetPods(text, { origin: 'g.txt' })).toThrow('g.txt:2: malformed READY "one" (want n/m)');
  });
});
