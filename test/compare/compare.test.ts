import { describe, expect, it } from 'vitest';
import { compareReports, delta } from '../../src/analyze/compare.js';
import { componentNameOfPod, diffContainers, containersByComponent } from '../../src/analyze/compare-containers.js';
import type { Pod, Snapshot } from '../../src/model/snapshot.js';
import { renderCompareTable } from '../../src/render/compare-table.js';
import { component, Gi, makeReport, Mi, r } from './make-report.js';

function pod(namespace: string, name: string, owner: Pod['owner'], containers: Array<[string, number | null, number | null]>): Pod {
  return {
    namespace, name, phase: 'Running', nodeName: null, owner, usage: null,
    containers: containers.map(([n, cpu, mem]) => ({ name: n, type: 'app', requests: r(cpu, mem), limits: r(null, null), usage: null })),
  };
}

function snapshot(pods: Pod[], type: 'live' | 'import' = 'import', namespaces: string[] | null = null): Snapshot {
  return { apiVersion: 'edge-profile/v1', kind: 'Snapshot', takenAt: '2025-01-01T00:00:00Z', source: { type, namespaces }, pods, nodes: [], host: null, notes: [] };
}

describe('delta', () => {
  it.each([
    [1, 3, 2],
    [3, 1, -2],
    [null, 3, null],
    [3, null, null],
    [null, null, null],
    [0, 0, 0],
  ])('%s → %s', (b, a, d) => expect(delta(b, a)).toEqual({ before: b, after: a, delta: d }));
});

describe('compareReports', () => {
  const before = makeReport([
    component('knative-serving', 'activator', r(300, 60 * Mi), r(1000, 600 * Mi)),
    component('knative-serving', 'domain-mapping', r(30, 40 * Mi), r(300, 400 * Mi)),
    component('kourier-system', '3scale-kourier-gateway', r(null, null)),
    component('knative-serving', 'default-domain', r(100, 100 * Mi), r(1000, 1000 * Mi), { kind: 'Job', steadyState: false }),
  ]);
  const after = makeReport([
    component('knative-serving', 'activator', r(300, 60 * Mi), r(1000, 600 * Mi)),
    component('kourier-system', '3scale-kourier-gateway', r(200, 200 * Mi)),
    component('knative-serving', 'default-domain', r(100, 100 * Mi), r(1000, 1000 * Mi), { kind: 'Job', steadyState: false }),
    component('knative-serving', 'net-certmanager', r(30, 40 * Mi), r(null, null), { pods: 2 }),
  ]);
  const cmp = compareReports({ report: before, label: 'v1.8' }, { report: after, label: 'v1.23' });

  it('totals every figure before/after/delta, null-aware', () => {
    expect(cmp.totals.declared.requests).toEqual({
      cpuMillicores: { before: 430, after: 630, delta: 200 },
      memoryBytes: { before: 200 * Mi, after: 400 * Mi, delta: 200 * Mi },
    });
    expect(cmp.totals.steadyState.requests.cpuMillicores).toEqual({ before: 330, after: 530, delta: 200 });
    expect(cmp.totals.steadyState.limits.memoryBytes).toEqual({ before: 1000 * Mi, after: 600 * Mi, delta: -400 * Mi });
    expect(cmp.totals.observed.pods).toEqual({
      cpuMillicores: { before: null, after: null, delta: null },
      memoryBytes: { before: null, after: null, delta: null },
    });
    expect(cmp.recommendation.node.memoryBytes).toEqual({ before: Gi, after: Gi, delta: 0 });
  });

  it('sorts components and tells added, removed and changed; hides unchanged', () => {
    expect(cmp.components.map((c) => [c.namespace, c.name, c.change])).toEqual([
      ['knative-serving', 'domain-mapping', 'removed'],
      ['knative-serving', 'net-certmanager', 'added'],
      ['kourier-system', '3scale-kourier-gateway', 'changed'],
    ]);
    expect(cmp.summary).toEqual({ added: 1, removed: 1, changed: 1, unchanged: 2 });
    const gw = cmp.components[2]!;
    expect(gw.requests.cpuMillicores).toEqual({ before: null, after: 200, delta: null });
    expect(cmp.components[1]!.pods).toEqual({ before: null, after: 2, delta: null });
  });

  it('keeps unchanged components with all', () => {
    const all = compareReports({ report: before, label: 'b' }, { report: after, label: 'a' }, { all: true });
    expect(all.components.filter((c) => c.change === 'unchanged').map((c) => c.name)).toEqual(['activator', 'default-domain']);
  });

  it('marks a replica count change as changed', () => {
    const c = compareReports(
      { report: makeReport([component('ns', 'a', r(100, Mi))]), label: 'b' },
      { report: makeReport([component('ns', 'a', r(200, 2 * Mi), r(null, null), { pods: 2 })]), label: 'a' },
    );
    expect(c.components[0]).toMatchObject({ change: 'changed', pods: { before: 1, after: 2, delta: 1 } });
  });

  it('states different scopes at the top', () => {
    const c = compareReports(
      { report: makeReport([component('a', 'x', r(1, 1))]), label: 'b', snapshot: snapshot([], 'import', ['a']) },
      { report: makeReport([component('b', 'x', r(1, 1))]), label: 'a', snapshot: snapshot([], 'live', null) },
    );
    expect(c.scope).toEqual([
      'BASELINE is an import of captured files/manifests, CURRENT is a live snapshot.',
      'Collected with different scopes: BASELINE namespaces a, CURRENT all namespaces.',
    ]);
    const byNs = compareReports({ report: makeReport([component('a', 'x', r(1, 1))]), label: 'b' }, { report: makeReport([component('b', 'x', r(1, 1))]), label: 'a' });
    expect(byNs.scope).toEqual(['Namespaces only in BASELINE: a.', 'Namespaces only in CURRENT: b.']);
    expect(byNs.components.map((x) => `${x.namespace}/${x.name}:${x.change}`)).toEqual(['a/x:removed', 'b/x:added']);
  });

  it('says which container and which resource changed, from the snapshots', () => {
    const b = snapshot([
      pod('ns', 'web-7d9f8c6b5-abcde', { kind: 'ReplicaSet', name: 'web-7d9f8c6b5' }, [['app', 100, 64 * Mi], ['proxy', 25, null]]),
      pod('ns', 'web-7d9f8c6b5-fghij', { kind: 'ReplicaSet', name: 'web-7d9f8c6b5' }, [['app', 100, 64 * Mi], ['proxy', 25, null]]),
    ]);
    const a = snapshot([
      pod('ns', 'web-5c4b6f2d9-zzzzz', { kind: 'ReplicaSet', name: 'web-5c4b6f2d9' }, [['app', 150, 64 * Mi], ['log', 10, 16 * Mi]]),
      pod('ns', 'web-5c4b6f2d9-yyyyy', { kind: 'ReplicaSet', name: 'web-5c4b6f2d9' }, [['app', 150, 64 * Mi], ['log', 10, 16 * Mi]]),
    ]);
    const c = compareReports(
      { report: makeReport([component('ns', 'web', r(250, 128 * Mi), r(null, null), { pods: 2 })]), label: 'b', snapshot: b },
      { report: makeReport([component('ns', 'web', r(320, 160 * Mi), r(null, null), { pods: 2 })]), label: 'a', snapshot: a },
    );
    expect(c.components[0]!.containers).toEqual([
      { name: 'app', type: 'app', change: 'changed', resources: [{ resource: 'requests.cpu', before: 200, after: 300, delta: 100 }] },
      { name: 'log', type: 'app', change: 'added', resources: [
        { resource: 'requests.cpu', before: null, after: 20, delta: null },
        { resource: 'requests.memory', before: null, after: 32 * Mi, delta: null },
      ] },
      { name: 'proxy', type: 'app', change: 'removed', resources: [{ resource: 'requests.cpu', before: 50, after: null, delta: null }] },
    ]);
  });
});

describe('component of a pod', () => {
  it.each([
    [{ kind: 'ReplicaSet', name: 'activator-7499d967fc' }, 'activator-7499d967fc-2npcf', 'activator'],
    [{ kind: 'Deployment', name: 'activator' }, 'activator', 'activator'],
    [{ kind: 'DaemonSet', name: 'kube-router' }, 'kube-router-x2x8d', 'kube-router'],
    [null, 'static-pod', 'static-pod'],
  ])('%j %s → %s', (owner, name, want) => {
    expect(componentNameOfPod(pod('ns', name, owner, []))).toBe(want);
  });

  it('sums a container over the pods of a component and reports a type change', () => {
    const b = containersByComponent(snapshot([pod('ns', 'p', null, [['c', 1, 2]])]));
    const a = containersByComponent(snapshot([pod('ns', 'p', null, [['c', 1, 2]])]));
    a.get('ns/p')!.get('c')!.type = 'sidecar';
    expect(diffContainers(b.get('ns/p'), a.get('ns/p'))).toEqual([{ name: 'c', type: 'sidecar', typeBefore: 'app', change: 'changed', resources: [] }]);
    expect(diffContainers(b.get('ns/p'), b.get('ns/p'))).toEqual([]);
  });
});

describe('observed and host figures', () => {
  const stats = (v: number | null) => ({ mean: v, p95: v, max: v, count: v === null ? 0 : 1 });
  const host = (usedBytes: number, busy: number) => ({
    memory: { totalBytes: 4 * Gi, used: stats(usedBytes), available: stats(4 * Gi - usedBytes), buffCache: stats(0), swapUsed: stats(0) },
    cpuBusyPercent: stats(busy),
    cores: 2,
    groups: [],
    topProcesses: [],
  });
  const withUsage = makeReport([component('ns', 'a', r(100, Mi))], {
    totals: { ...makeReport([component('ns', 'a', r(100, Mi))]).totals, observed: { pods: r(40, 300 * Mi), nodes: r(400, 1500 * Mi) } },
    observed: { pods: null, nodes: null, host: host(1200 * Mi, 12.34), outsidePods: r(360, 1200 * Mi), samples: 1 },
  });
  const withoutUsage = makeReport([component('ns', 'a', r(100, Mi))]);

  it('compares usage and host readings, null-aware', () => {
    const c = compareReports({ report: withUsage, label: 'b' }, { report: withUsage, label: 'a' });
    expect(c.totals.observed.nodes.memoryBytes).toEqual({ before: 1500 * Mi, after: 1500 * Mi, delta: 0 });
    expect(c.host.memoryUsedMaxBytes).toEqual({ before: 1200 * Mi, after: 1200 * Mi, delta: 0 });
    expect(c.host.cpuBusyMaxPercent).toEqual({ before: 12.34, after: 12.34, delta: 0 });
    const gone = compareReports({ report: withUsage, label: 'b' }, { report: withoutUsage, label: 'a' });
    expect(gone.totals.observed.pods.cpuMillicores).toEqual({ before: 40, after: null, delta: null });
    expect(gone.host.outsidePods.memoryBytes).toEqual({ before: 1200 * Mi, after: null, delta: null });
  });

  it('shows a figure known on one side with — and leaves out figures known on neither', () => {
    const gone = compareReports({ report: withUsage, label: 'b' }, { report: withoutUsage, label: 'a' });
    const text = renderCompareTable(gone, { color: false });
    expect(text).toMatch(/^Observed pod CPU usage +40m +— +— +—$/m);
    expect(text).toMatch(/^Host memory used \(max\) +1200Mi +— +— +—$/m);
    expect(text).toMatch(/^Host CPU busy \(max\) +12\.3% +— +— +—$/m);
    const neither = renderCompareTable(compareReports({ report: withoutUsage, label: 'b' }, { report: withoutUsage, label: 'a' }), { color: false });
    expect(neither).not.toContain('Observed pod');
    expect(neither).toContain('Not observed in either snapshot: pod usage, node usage, host.');
  });
});
