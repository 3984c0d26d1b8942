// End to end on the reference (Knative Serving 1.8 in k0s): its captured requests
// (custom-columns), its `kubectl top` readings, the k0s catalog, on its 1 CPU / 1500Mi VM.
import { describe, expect, it } from 'vitest';
import { buildReport } from '../../src/analyze/report.js';
import type { Pod } from '../../src/model/snapshot.js';
import { pod, ctr, q, snapshot } from './helpers.js';

const MI = 2 ** 20;

// kubectl get pods -n knative-serving / kourier-system -o custom-columns=… (the reference's first table)
const captured: Array<[string, string, string, [string | null, string | null, string | null, string | null]]> = [
  ['knative-serving', 'activator-7499d967fc-2npcf', 'activator', ['300m', '1', '60Mi', '600Mi']],
  ['knative-serving', 'autoscaler-568989dd8c-qzrhc', 'autoscaler', ['100m', '1', '100Mi', '1000Mi']],
  ['knative-serving', 'autoscaler-hpa-854dcfbd44-8vcj8', 'autoscaler-hpa', ['30m', '300m', '40Mi', '400Mi']],
  ['knative-serving', 'controller-76c798ffcb-k96sz', 'controller', ['100m', '1', '100Mi', '1000Mi']],
  ['knative-serving', 'default-domain-nwbhr', 'default-domain', ['100m', '1', '100Mi', '1000Mi']],
  ['knative-serving', 'net-kourier-controller-79c998474f-svzcm', 'net-kourier-controller', [null, null, null, null]],
  ['knative-serving', 'webhook-8466d59795-d8zd8', 'webhook', ['100m', '500m', '100Mi', '500Mi']],
  ['kourier-system', '3scale-kourier-gateway-5f9f97b454-rqkgh', '3scale-kourier-gateway', [null, null, null, null]],
];

// kubectl top pod --all-namespaces (idle, one Knative service), keyed by workload
const top: Record<string, [string, string]> = {
  'default/hello-00001-deployment': ['1m', '8Mi'],
  'knative-serving/activator': ['2m', '21Mi'],
  'knative-serving/autoscaler': ['5m', '19Mi'],
  'knative-serving/controller': ['5m', '27Mi'],
  'knative-serving/default-domain': ['1m', '7Mi'],
  'knative-serving/net-kourier-controller': ['6m', '37Mi'],
  'knative-serving/webhook': ['9m', '16Mi'],
  'kourier-system/3scale-kourier-gateway': ['4m', '17Mi'],
  'kube-system/coredns': ['3m', '16Mi'],
  'kube-system/kube-proxy': ['1m', '13Mi'],
  'kube-system/kube-router': ['1m', '19Mi'],
  'kube-system/metrics-server': ['5m', '18Mi'],
};

function referenceSnapshot() {
  const pods: Pod[] = captured.map(([ns, name, workload, [cr, cl, mr, ml]]) =>
    pod(ns, name, [ctr(workload, { req: [cr, mr], lim: [cl, ml] })], {
      owner: workload === 'default-domain' ? ['Job', 'default-domain'] : ['Deployment', workload],
      usage: top[`${ns}/${workload}`] ?? null,
    }),
  );
  // pods seen only in `top pod`: no declared resources known
  pods.push(pod('default', 'hello-00001-deployment-66ddff5b59-jbn6x', [], { owner: ['Deployment', 'hello-00001-deployment'], usage: top['default/hello-00001-deployment']! }));
  for (const [w, name, kind] of [
    ['coredns', 'coredns-7bf57bcbd8-b22j4', 'Deployment'],
    ['kube-proxy', 'kube-proxy-pm4ht', 'DaemonSet'],
    ['kube-router', 'kube-router-vdqtv', 'DaemonSet'],
    ['metrics-server', 'metrics-server-7446cc488c-zxdxg', 'Deployment'],
  ] as const) {
    pods.push(pod('kube-system', name, [], { owner: [kind, w], usage: top[`kube-system/${w}`]! }));
  }
  return snapshot(pods, {
    // kubectl top node: vagrant 166m 1341Mi
    nodes: [{ name: 'vagrant', capacity: null, allocatable: null, usage: q('166m', '1341Mi') }],
  });
}

describe('the reference: Knative Serving 1.8 on k0s, 1 CPU / 1500Mi', () => {
  const report = buildReport({
    snapshot: referenceSnapshot(),
    distro: 'k0s',
    nodeSize: { cpuMillicores: 1000, memoryBytes: 1500 * MI },
    sizes: true,
    reproduce: ['edge-profile report ref.json --assume-distro k0s --node-size cpu=1,memory=1500Mi'],
  });

  it('totals are the true sums of the captured rows, not the reference Total row', () => {
    const ks = report.namespaces.find((n) => n.namespace === 'knative-serving')!;
    expect(ks.declared.requests).toEqual({ cpuMillicores: 730, memoryBytes: 500 * MI });
    expect(ks.declared.limits).toEqual({ cpuMillicores: 4800, memoryBytes: 4500 * MI });
    // default-domain is a Job: not part of the steady state
    expect(ks.steadyState.requests).toEqual({ cpuMillicores: 630, memoryBytes: 400 * MI });
    // k0s system pods from the catalog: 360m and 70Mi + 16Mi + 30M
    const kube = report.namespaces.find((n) => n.namespace === 'kube-system')!;
    expect(kube.steadyState.requests).toEqual({ cpuMillicores: 360, memoryBytes: 86 * MI + 30_000_000 });
    expect(report.totals.steadyState.requests.cpuMillicores).toBe(990);
  });

  it('marks the catalog pods as assumed', () => {
    expect(report.distro?.assumed).toBe(true);
    expect(report.distro?.pods.map((p) => p.action)).toEqual(['completed', 'completed', 'completed']);
    const coredns = report.components.find((c) => c.name === 'coredns')!;
    expect(coredns.assumed).toBe(true);
    expect(coredns.usage).toEqual(q('3m', '16Mi'));
    expect(report.components.find((c) => c.name === 'activator')!.assumed).toBe(false);
  });

  it('predicts Pending pods at the default requests, in the scheduler words', () => {
    expect(report.fit?.fits).toBe(false);
    expect(report.fit?.allocatable).toEqual({ cpuMillicores: 1000, memoryBytes: 1400 * MI });
    expect(report.fit?.pending).toEqual([
      { namespace: 'knative-serving', name: 'default-domain-nwbhr', reason: 'Insufficient cpu: needs 100m, 10m free', runToCompletion: true, assumed: false },
    ]);
  });

  it('recommends a factor band whose chosen value fits cleanly and respects usage', () => {
    const { reductionFactor, bounds, basis, bottleneck } = report.recommendation;
    expect(basis).toBe('usage');
    // 360m (k0s) + ceil(730m × f) ≤ 1000m → f ≤ 0.87
    expect(reductionFactor.max).toBe(0.87);
    expect(bounds.max?.kind).toBe('fit-cpu');
    // activator uses 21Mi of its 60Mi request: 21Mi × 1.15 / 60Mi = 0.4025 → 0.41
    expect(reductionFactor.min).toBe(0.41);
    expect(bounds.min).toEqual({ kind: 'usage-memory-request', subject: 'knative-serving/activator', factor: 0.41 });
    expect(reductionFactor.value).toBe(0.85);
    // the reference's 50 % lies inside the safe band
    expect(0.5).toBeGreaterThanOrEqual(reductionFactor.min!);
    expect(0.5).toBeLessThanOrEqual(reductionFactor.max!);
    // whole-node working set 1341Mi + 15 % + 100Mi eviction > 1500Mi: memory is the node's limit
    expect(bottleneck).toBe('memory');

    const atValue = buildReport({
      snapshot: referenceSnapshot(),
      distro: 'k0s',
      nodeSize: { cpuMillicores: 1000, memoryBytes: 1500 * MI },
      policy: { reduceFactor: reductionFactor.value },
      reproduce: [],
    });
    expect(atValue.fit?.fits).toBe(true);
    expect(atValue.fit?.pending).toEqual([]);
  });

  it('explains the Pending pods by requests against allocatable, not by host usage', () => {
    const text = report.recommendation.reasons.join('\n');
    expect(text).toContain('Insufficient cpu: needs 100m, 10m free');
    expect(text).toContain('how idle the host is plays no part');
    expect(text).toMatch(/Cut to ×0\.87 or less/);
    expect(text).toMatch(/Below ×0\.41 the memory request of knative-serving\/activator \(60Mi\)/);
    expect(text).toMatch(/Chosen ×0\.85/);
    expect(text).toContain('single reading');
  });

  it('ranks the common sizes', () => {
    const vm = report.recommendation.sizes.find((s) => s.name.includes('1500 MiB'))!;
    expect(vm.maxFactor).toBe(0.87);
    expect(vm.fitsAtDefault).toBe(false);
    expect(vm.memoryFits).toBe(false);
    const big = report.recommendation.sizes.find((s) => s.name === '2 vCPU, 4 GiB VM')!;
    expect(big.fitsAtDefault).toBe(true);
  });
});
