import { describe, expect, it } from 'vitest';
import { classifyHeader, importCustomColumns } from '../../src/collect/import/custom-columns.js';
import { InputError } from '../../src/errors.js';
import { fixture, sumContainers } from './fixture.js';

describe('classifyHeader', () => {
  it.each([
    ['CPU-REQUEST', 'cpuMillicores', 'requests'],
    ['CPU_REQUEST', 'cpuMillicores', 'requests'],
    ['CPU_REQ(cores)', 'cpuMillicores', 'requests'],
    ['CPU-LIMIT', 'cpuMillicores', 'limits'],
    ['LIMITS_CPU', 'cpuMillicores', 'limits'],
    ['MEM-REQUEST', 'memoryBytes', 'requests'],
    ['MEM_LIMIT', 'memoryBytes', 'limits'],
    ['MEMORY-LIMIT', 'memoryBytes', 'limits'],
    ['REQ_MEM', 'memoryBytes', 'requests'],
    ['RAM_REQ', 'memoryBytes', 'requests'],
    ['Requests.Memory', 'memoryBytes', 'requests'],
  ])('%s → %s %s', (header, resource, kind) => {
    expect(classifyHeader(header)).toEqual({ role: 'resource', resource, kind });
  });

  it.each(['CPU(cores)', 'REQUESTS', 'CPU_MEM_REQ', 'MEM_REQ_LIMIT', 'INIT_CPU_REQ'])('%s is refused', (header) => {
    expect(classifyHeader(header)).toHaveProperty('error');
  });

  it.each([
    ['NAME', 'name'],
    ['NAMESPACE', 'namespace'],
    ['CONTAINERS', 'container'],
    ['CONTAINER(S)', 'container'],
    ['NODE', 'node'],
    ['IMAGE', 'other'],
  ])('%s → %s', (header, role) => {
    expect(classifyHeader(header)).toMatchObject({ role });
  });
});

describe('importCustomColumns on the reference capture', () => {
  const text = fixture('reference/custom-columns-knative-serving.txt');
  const r = importCustomColumns(text, { origin: 'ks.txt' });

  it('reads the seven knative-serving pods, namespace from -n on the command line', () => {
    expect(r.pods.map((p) => p.name)).toEqual([
      'activator-7499d967fc-2npcf',
      'autoscaler-568989dd8c-qzrhc',
      'autoscaler-hpa-854dcfbd44-8vcj8',
      'controller-76c798ffcb-k96sz',
      'default-domain-nwbhr',
      'net-kourier-controller-79c998474f-svzcm',
      'webhook-8466d59795-d8zd8',
    ]);
    expect(new Set(r.pods.map((p) => p.namespace))).toEqual(new Set(['knative-serving']));
    expect(r.pods.every((p) => p.origin === 'capture')).toBe(true);
  });

  it('sums to the true totals, not the document Total row (860m / 5600m / 640Mi / 5400Mi)', () => {
    expect(sumContainers(r.pods, 'requests', 'cpuMillicores')).toBe(730);
    expect(sumContainers(r.pods, 'limits', 'cpuMillicores')).toBe(4800);
    expect(sumContainers(r.pods, 'requests', 'memoryBytes')).toBe(524288000);
    expect(sumContainers(r.pods, 'limits', 'memoryBytes')).toBe(4500 * 2 ** 20);
  });

  it('keeps <none> as null, never 0', () => {
    const kourier = r.pods.find((p) => p.name.startsWith('net-kourier-controller'))!;
    expect(kourier.containers).toHaveLength(1);
    expect(kourier.containers[0]!.requests).toEqual({ cpuMillicores: null, memoryBytes: null });
    expect(kourier.containers[0]!.limits).toEqual({ cpuMillicores: null, memoryBytes: null });
    const gw = importCustomColumns(fixture('reference/custom-columns-kourier-system.txt'), { origin: 'k.txt' });
    expect(gw.pods.map((p) => p.namespace)).toEqual(['kourier-system']);
    expect(sumContainers(gw.pods, 'requests', 'cpuMillicores')).toBeNull();
    expect(sumContainers(gw.pods, 'limits', 'memoryBytes')).toBeNull();
  });

  it('infers owners from the names and says so', () => {
    const activator = r.pods[0]!;
    expect(activator.owner).toEqual({ kind: 'Deployment', name: 'activator' });
    expect(activator.ownerInferred).toBe(true);
    expect(r.pods[4]!.owner).toEqual({ kind: 'Workload', name: 'default-domain' });
  });

  it('assumes namespace default, with a note, when nothing says it', () => {
    const withoutCommand = fixture('reference/custom-columns-kourier-system.txt').split('\n').slice(1).join('\n');
    const gw = importCustomColumns(withoutCommand, { origin: 'k.txt' });
    expect(gw.pods[0]!.namespace).toBe('default');
    expect(gw.notes.map((n) => n.code)).toContain('namespace-assumed');
  });
});

describe('importCustomColumns on multi-container layouts (synthetic)', () => {
  it('gives comma-joined values to named containers in order', () => {
    const r = importCustomColumns(fixture('synthetic/custom-columns-multi-container.txt'), { origin: 'mc.txt' });
    const web = r.pods[0]!;
    expect(web.namespace).toBe('shop');
    expect(web.containers.map((c) => [c.name, c.requests, c.limits])).toEqual([
      ['app', { cpuMillicores: 250, memoryBytes: 128 * 2 ** 20 }, { cpuMillicores: 1000, memoryBytes: 256 * 2 ** 20 }],
      ['proxy', { cpuMillicores: 25, memoryBytes: null }, { cpuMillicores: null, memoryBytes: null }],
    ]);
    // one memory request for two containers: pod total exact, assignment flagged
    expect(r.notes.filter((n) => n.code === 'custom-columns-ambiguous').map((n) => n.source)).toEqual(['mc.txt:2', 'mc.txt:2', 'mc.txt:2']);
    expect(r.pods[1]!.owner).toEqual({ kind: 'StatefulSet', name: 'db' });
    expect(r.pods[1]!.containers[0]!.requests.cpuMillicores).toBe(500);
    expect(r.pods[2]!.containers[0]!.requests).toEqual({ cpuMillicores: null, memoryBytes: null });
  });

  it('names containers #1, #2 by position when no name column exists', () => {
    const r = importCustomColumns(fixture('synthetic/custom-columns-no-names.txt'), { origin: 'nn.txt', namespace: 'apps' });
    expect(r.pods[0]!.containers.map((c) => c.name)).toEqual(['#1', '#2']);
    expect(r.pods[0]!.containers[1]!.limits).toEqual({ cpuMillicores: 100, memoryBytes: 64 * 2 ** 20 });
    expect(r.pods[1]!.containers.map((c) => c.requests.cpuMillicores)).toEqual([100, 50]);
    expect(sumContainers(r.pods, 'requests', 'memoryBytes')).toBe(128 * 2 ** 20);
  });
});

describe('importCustomColumns errors and warnings', () => {
  const header = 'NAME       CPU-REQUEST   MEM_LIMIT\n';
  it('names file, line, value and column for a malformed quantity', () => {
    const text = `${header}a-0        100m          1Gi\nb-0        12x           1Gi\n`;
    expect(() => importCustomColumns(text, { origin: 'caps/pods.txt', firstLine: 5 })).toThrow(
      new InputError('malformed quantity "12x" in column CPU-REQUEST', 'caps/pods.txt:7'),
    );
  });
  it('refuses a resource-looking column it cannot place', () => {
    expect(() => importCustomColumns('NAME   CPU(cores)\na-0    100m\n', { origin: 'x.txt' })).toThrow(/x.txt:1: cannot tell what column CPU\(cores\) holds/);
  });
  it('refuses a row with the wrong number of cells', () => {
    expect(() => importCustomColumns(`${header}a-0   100m\n`, { origin: 'x.txt' })).toThrow(/x.txt:2: row has 2 cells/);
  });
  it('warns on suspicious values: memory 100m, CPU 100', () => {
    const r = importCustomColumns(`${header}a-0        100           100m\n`, { origin: 'x.txt' });
    expect(r.notes.filter((n) => n.level === 'warn').map((n) => n.code)).toEqual(['suspicious-cpu', 'suspicious-memory']);
    expect(r.pods[0]!.containers[0]!.requests.cpuMillicores).toBe(100_000);
  });
});
