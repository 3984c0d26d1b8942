import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { applyDistro, distroEntry, distroNames } from '../../src/analyze/distro.js';
import { buildReport } from '../../src/analyze/report.js';
import { UsageError } from '../../src/errors.js';
import { parseCpuMillicores, parseMemoryBytes } from '../../src/quantity.js';
import type { R } from '../../src/model/snapshot.js';
import { ctr, pod, q, snapshot } from './helpers.js';

const toR = (o: Record<string, string> | undefined): R => ({
  cpuMillicores: o?.cpu ? parseCpuMillicores(o.cpu) : null,
  memoryBytes: o?.memory ? parseMemoryBytes(o.memory) : null,
});

describe('the k0s catalog', () => {
  it('matches the k0s v1.26.2 system pod templates, container by container', () => {
    const text = readFileSync(new URL('../fixtures/k0s/system-pods-v1.26.yaml', import.meta.url), 'utf8');
    const fromYaml = parseAllDocuments(text).map((d) => {
      const w = d.toJS() as {
        kind: string;
        metadata: { name: string; namespace: string };
        spec: { template: { spec: { initContainers?: Array<{ name: string; resources?: { requests?: Record<string, string>; limits?: Record<string, string> } }>; containers: Array<{ name: string; resources?: { requests?: Record<string, string>; limits?: Record<string, string> } }> } } };
      };
      const s = w.spec.template.spec;
      return {
        namespace: w.metadata.namespace,
        workload: w.metadata.name,
        kind: w.kind,
        containers: [
          ...(s.initContainers ?? []).map((c) => ({ name: c.name, type: 'init', requests: toR(c.resources?.requests), limits: toR(c.resources?.limits) })),
          ...s.containers.map((c) => ({ name: c.name, type: 'app', requests: toR(c.resources?.requests), limits: toR(c.resources?.limits) })),
        ],
      };
    });
    const byName = (a: { workload: string }, b: { workload: string }) => a.workload.localeCompare(b.workload);
    expect([...distroEntry('k0s')!.pods].sort(byName)).toEqual(fromYaml.sort(byName));
  });

  it('lists its sources and knows k0s and k3s only', () => {
    expect(distroNames()).toEqual(['k0s', 'k3s']);
    expect(distroEntry('k0s')!.sources.length).toBeGreaterThan(0);
    expect(distroEntry('k3s')!.sources.length).toBeGreaterThan(0);
    expect(distroEntry('toString')).toBeNull();
  });
});

describe('applyDistro', () => {
  const k0s = distroEntry('k0s')!;

  it('adds the system pods a snapshot lacks, marked assumed', () => {
    const a = applyDistro([pod('app', 'web', [ctr('web', { req: ['100m', '64Mi'] })])], k0s);
    expect(a.pods.map((p) => `${p.namespace}/${p.name}`)).toEqual([
      'app/web',
      'kube-system/coredns',
      'kube-system/kube-proxy',
      'kube-system/kube-router',
      'kube-system/metrics-server',
    ]);
    expect([...a.assumed].sort()).toEqual(['kube-system/coredns', 'kube-system/kube-proxy', 'kube-system/kube-router', 'kube-system/metrics-server']);
    expect(a.summary.pods.every((p) => p.action === 'added')).toBe(true);
    expect(a.summary.host.memoryBytes).toBe(388 * 2 ** 20);
    expect(a.summary.assumed).toBe(true);
  });

  it('completes a system pod known only from kubectl top, keeping its usage; leaves declared pods alone', () => {
    const a = applyDistro(
      [
        pod('kube-system', 'coredns-7bf57bcbd8-b22j4', [], { usage: ['3m', '16Mi'] }),
        pod('kube-system', 'metrics-server-7446cc488c-zxdxg', [ctr('metrics-server', { req: ['50m', '64Mi'] })]),
      ],
      k0s,
    );
    const dns = a.pods.find((p) => p.name.startsWith('coredns-'))!;
    expect(dns.containers[0]!.requests).toEqual(q('100m', '70Mi'));
    expect(dns.containers[0]!.limits).toEqual(q(null, '170Mi'));
    expect(dns.usage).toEqual(q('3m', '16Mi'));
    expect(dns.owner).toEqual({ kind: 'Deployment', name: 'coredns' });
    const ms = a.pods.find((p) => p.name.startsWith('metrics-server-'))!;
    expect(ms.containers[0]!.requests).toEqual(q('50m', '64Mi'));
    expect(a.summary.pods).toEqual([
      { namespace: 'kube-system', name: 'coredns-7bf57bcbd8-b22j4', action: 'completed' },
      { namespace: 'kube-system', name: 'kube-proxy', action: 'added' },
      { namespace: 'kube-system', name: 'kube-router', action: 'added' },
    ]);
    expect(a.assumed.has('kube-system/metrics-server-7446cc488c-zxdxg')).toBe(false);
  });

  it('gives an owner kind guessed from the pod name the catalog kind (DaemonSets go first in the fit)', () => {
    const guessed = { ...pod('kube-system', 'kube-router-vdqtv', [], { owner: ['Workload', 'kube-router'], usage: ['1m', '19Mi'] }), ownerInferred: true };
    const known = pod('kube-system', 'kube-proxy-pm4ht', [], { owner: ['Workload', 'kube-proxy'] });
    const a = applyDistro([guessed, known], k0s);
    expect(a.pods.find((p) => p.name === 'kube-router-vdqtv')!.owner).toEqual({ kind: 'DaemonSet', name: 'kube-router' });
    // an owner read from the cluster is not second-guessed
    expect(a.pods.find((p) => p.name === 'kube-proxy-pm4ht')!.owner).toEqual({ kind: 'Workload', name: 'kube-proxy' });
  });

  it('buildReport: unknown distribution is a usage error naming the known ones', () => {
    expect(() => buildReport({ snapshot: snapshot([]), distro: 'microk8s', reproduce: [] })).toThrow(UsageError);
    expect(() => buildReport({ snapshot: snapshot([]), distro: 'microk8s', reproduce: [] })).toThrow('known: k0s, k3s');
  });

  it('buildReport: assumed pods are assumed in components, fit and the distro summary', () => {
    const r = buildReport({ snapshot: snapshot([]), distro: 'k0s', nodeSize: { cpuMillicores: 1000, memoryBytes: 2 ** 30 }, reproduce: [] });
    expect(r.components.every((c) => c.assumed)).toBe(true);
    expect(r.fit!.placed.every((p) => p.assumed)).toBe(true);
    expect(r.totals.steadyState.requests).toEqual({ cpuMillicores: 360, memoryBytes: 86 * 2 ** 20 + 30_000_000 });
    expect(r.policy.assumedDistro).toBe('k0s');
    expect(r.notes.some((n) => n.code === 'distro-assumed')).toBe(true);
  });
});

describe('assumed host footprint', () => {
  it('sizes a manifest-only snapshot with the OS and the distribution outside pods', () => {
    const MI = 2 ** 20;
    const manifests = snapshot([
      pod('knative-serving', 'activator', [ctr('activator', { req: ['300m', '60Mi'] })], { owner: ['Deployment', 'activator'] }),
      pod('knative-serving', 'webhook', [ctr('webhook', { req: ['100m', '100Mi'] })], { owner: ['Deployment', 'webhook'], usage: ['9m', '16Mi'] }),
    ]);
    const r = buildReport({ snapshot: manifests, distro: 'k0s', reproduce: [] }).recommendation;
    // 170Mi bare OS + 388Mi k0s + 60Mi (activator's request, no usage) + 16Mi (webhook's usage)
    expect(r.nodeMemoryPeak).toEqual({ bytes: 634 * MI, source: 'assumed-distro' });
    // × 1.15 + 100Mi eviction = ~829Mi → 1Gi
    expect(r.node.memoryBytes).toBe(1024 * MI);
    const without = buildReport({ snapshot: manifests, reproduce: [] }).recommendation;
    expect(without.nodeMemoryPeak.source).toBeNull();
    // requests alone, cut to the lowest safe factor (webhook 16Mi × 1.15 of 100Mi → ×0.19), + 100Mi → 256Mi
    expect(without.node.memoryBytes).toBe(256 * MI);
  });

  it('k3s brings its five workloads', () => {
    const r = buildReport({ snapshot: snapshot([]), distro: 'k3s', reproduce: [] });
    expect(r.components.map((c) => c.name)).toEqual(['coredns', 'metrics-server', 'local-path-provisioner', 'traefik', 'svclb-traefik']);
    expect(r.totals.steadyState.requests).toEqual({ cpuMillicores: 200, memoryBytes: 140 * 2 ** 20 });
  });
});
