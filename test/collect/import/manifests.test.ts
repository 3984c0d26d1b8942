import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importManifestSet, importManifests } from '../../../src/collect/import/manifests.js';
import { InputError } from '../../../src/errors.js';
import type { Pod, R } from '../../../src/model/snapshot.js';

const FIX = join(import.meta.dirname, '../../fixtures/manifests');
const read = (rel: string) => readFileSync(join(FIX, rel), 'utf8');
const importFile = (rel: string) => importManifests(read(rel), { origin: rel });
const imp = (text: string, origin = 'in.yaml') => importManifests(text, { origin });

const Mi = 2 ** 20;
const r = (cpuMillicores: number | null, memoryBytes: number | null): R => ({ cpuMillicores, memoryBytes });
const byName = (pods: Pod[]) => new Map(pods.map((p) => [`${p.namespace}/${p.name}`, p]));

function errorOf(fn: () => unknown): InputError {
  try {
    fn();
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error('expected an InputError');
}

// Values below were read from the YAML files by hand (the line numbers are the `requests:` lines).
describe('Knative v1.8 release manifests', () => {
  it('serving-core: 6 Deployments with their requests and limits; CRDs, ConfigMaps etc. ignored', () => {
    const res = importFile('knative/v1.8/serving-core.yaml');
    expect(res.kind).toBe('manifests (60 documents: 6 Deployments, 2 HorizontalPodAutoscalers, 52 others ignored)');
    const pods = byName(res.pods);
    expect([...pods.keys()].sort()).toEqual(
      ['activator', 'autoscaler', 'controller', 'domain-mapping', 'domainmapping-webhook', 'webhook'].map((n) => `knative-serving/${n}`),
    );
    const activator = pods.get('knative-serving/activator')!;
    expect(activator.owner).toEqual({ kind: 'Deployment', name: 'activator' });
    expect(activator.origin).toBe('manifest');
    expect(activator.phase).toBeNull();
    expect(activator.containers).toEqual([
      { name: 'activator', type: 'app', requests: r(300, 60 * Mi), limits: r(1000, 600 * Mi), usage: null },
    ]);
    expect(pods.get('knative-serving/autoscaler')!.containers[0]!.requests).toEqual(r(100, 100 * Mi));
    expect(pods.get('knative-serving/autoscaler')!.containers[0]!.limits).toEqual(r(1000, 1000 * Mi));
    expect(pods.get('knative-serving/domain-mapping')!.containers[0]!.requests).toEqual(r(30, 40 * Mi));
    expect(pods.get('knative-serving/domain-mapping')!.containers[0]!.limits).toEqual(r(300, 400 * Mi));
    expect(pods.get('knative-serving/webhook')!.containers[0]!.limits).toEqual(r(500, 500 * Mi));
  });

  it('kourier v1.8: gateway and controller set no resources', () => {
    const res = importFile('knative/v1.8/kourier.yaml');
    const pods = byName(res.pods);
    const gw = pods.get('kourier-system/3scale-kourier-gateway')!;
    const ctl = pods.get('knative-serving/net-kourier-controller')!;
    for (const p of [gw, ctl]) {
      expect(p.containers).toHaveLength(1);
      expect(p.containers[0]!.requests).toEqual(r(null, null));
      expect(p.containers[0]!.limits).toEqual(r(null, null));
    }
  });

  it('default-domain is a Job pod; serving-hpa holds autoscaler-hpa', () => {
    const job = importFile('knative/v1.8/serving-default-domain.yaml');
    expect(job.pods).toHaveLength(1);
    expect(job.pods[0]!.owner).toEqual({ kind: 'Job', name: 'default-domain' });
    expect(job.pods[0]!.containers[0]!.requests).toEqual(r(100, 100 * Mi));
    const hpa = importFile('knative/v1.8/serving-hpa.yaml');
    expect(hpa.pods.map((p) => [p.name, p.containers[0]!.requests, p.containers[0]!.limits])).toEqual([
      ['autoscaler-hpa', r(30, 40 * Mi), r(300, 400 * Mi)],
    ]);
  });

  it('does not take the queue-sidecar values that are only inside config-deployment _example', () => {
    const core = read('knative/v1.8/serving-core.yaml');
    const svc = knativeService('hello', {});
    const res = imp(core + '\n---\n' + svc);
    const qp = byName(res.pods).get('default/hello')!.containers.find((c) => c.name === 'queue-proxy')!;
    expect(qp.requests).toEqual(r(25, null));
    expect(qp.limits).toEqual(r(null, null));
  });
});

describe('Knative v1.23 release manifests', () => {
  it('serving-core: domain-mapping is gone; activator unchanged', () => {
    const res = importFile('knative/v1.23/serving-core.yaml');
    expect(res.pods.map((p) => p.name).sort()).toEqual(['activator', 'autoscaler', 'controller', 'webhook']);
    const a = byName(res.pods).get('knative-serving/activator')!;
    expect(a.containers[0]!.requests).toEqual(r(300, 60 * Mi));
    expect(a.containers[0]!.limits).toEqual(r(1000, 600 * Mi));
  });
  it('kourier v1.23 sets 200m/200Mi requests (limit cpu "1" quoted)', () => {
    const pods = byName(importFile('knative/v1.23/kourier.yaml').pods);
    expect(pods.get('knative-serving/net-kourier-controller')!.containers[0]!.requests).toEqual(r(200, 200 * Mi));
    expect(pods.get('knative-serving/net-kourier-controller')!.containers[0]!.limits).toEqual(r(1000, 500 * Mi));
    expect(pods.get('kourier-system/3scale-kourier-gateway')!.containers[0]!.limits).toEqual(r(1000, 800 * Mi));
  });
});

describe('k0s v1.26 system pods', () => {
  const res = importFile('k0s/system-pods-v1.26.yaml');
  const pods = byName(res.pods);
  it('reads the four workloads', () => {
    expect([...pods.keys()].sort()).toEqual(['coredns', 'kube-proxy', 'kube-router', 'metrics-server'].map((n) => `kube-system/${n}`));
    expect(pods.get('kube-system/kube-proxy')!.owner).toEqual({ kind: 'DaemonSet', name: 'kube-proxy' });
    expect(res.notes.filter((n) => n.code === 'daemonset-one-node')).toHaveLength(2);
  });
  it('metrics-server memory "30M" is 30000000 bytes', () => {
    expect(pods.get('kube-system/metrics-server')!.containers[0]!.requests).toEqual(r(10, 30_000_000));
  });
  it('kube-router: two init containers without resources, in order, before the app container', () => {
    expect(pods.get('kube-system/kube-router')!.containers.map((c) => [c.name, c.type, c.requests])).toEqual([
      ['install-cni-bins', 'init', r(null, null)],
      ['install-cniconf', 'init', r(null, null)],
      ['kube-router', 'app', r(250, 16 * Mi)],
    ]);
  });
  it('totals 360m CPU and 120177536 bytes of requests; coredns limit 170Mi', () => {
    let cpu = 0;
    let mem = 0;
    for (const p of res.pods)
      for (const c of p.containers) {
        cpu += c.requests.cpuMillicores ?? 0;
        mem += c.requests.memoryBytes ?? 0;
      }
    expect(cpu).toBe(360);
    expect(mem).toBe(120_177_536);
    expect(pods.get('kube-system/coredns')!.containers[0]!.limits).toEqual(r(null, 170 * Mi));
  });
});

describe('malformed input names file and line', () => {
  it('a bad quantity in serving-core.yaml names the line, the object and the field', () => {
    const lines = read('knative/v1.8/serving-core.yaml').split('\n');
    const idx = lines.findIndex((l, i) => l === '            cpu: 300m' && lines[i - 1]!.includes('requests:'));
    expect(idx).toBeGreaterThan(0);
    lines[idx] = '            cpu: 1x';
    const e = errorOf(() => imp(lines.join('\n'), 'serving-core.yaml'));
    expect(e.message).toBe(
      `serving-core.yaml:${idx + 1}: malformed quantity "1x" at Deployment knative-serving/activator containers[activator].resources.requests.cpu (unexpected "x" after the number)`,
    );
    expect(e.where).toBe(`serving-core.yaml:${idx + 1}`);
  });
  it('a YAML syntax error names file:line', () => {
    const text = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: x\n   bad: [\n';
    const e = errorOf(() => imp(text, 'broken.yaml'));
    expect(e.where).toMatch(/^broken\.yaml:\d+$/);
    expect(e.message).toContain('YAML syntax error');
  });
  it('negative and non-quantity values are refused', () => {
    expect(errorOf(() => imp(deployment('d', { requests: { cpu: '-1' } }))).message).toContain('negative quantity "-1"');
    expect(errorOf(() => imp(deployment('d', { requests: { memory: { a: 1 } } }))).message).toContain('expected a quantity');
  });
  it('a bad replica count names its line', () => {
    const e = errorOf(() => imp(deployment('d', {}, 'replicas: lots')));
    expect(e.message).toContain('expected a replica count');
    expect(e.where).toBe('in.yaml:7'); // `  replicas: lots`
  });
});

// ---- synthetic cases ------------------------------------------------------------------------------

function deployment(name: string, resources: object, specExtra = '', kind = 'Deployment', ns: string | null = 'apps'): string {
  return `apiVersion: apps/v1
kind: ${kind}
metadata:
  name: ${name}${ns ? `\n  namespace: ${ns}` : ''}
spec:
  ${specExtra || 'selector: {}'}
  template:
    spec:
      containers:
      - name: main
        image: example/main
        env:
        - name: SECRET
          value: hunter2
        resources: ${JSON.stringify(resources)}
`;
}

function knativeService(name: string, annotations: Record<string, string>, ns = 'default'): string {
  return `apiVersion: serving.knative.dev/v1
kind: Service
metadata:
  name: ${name}
  namespace: ${ns}
spec:
  template:
    metadata:
      annotations: ${JSON.stringify(annotations)}
    spec:
      containers:
      - image: example/hello
        resources:
          requests: {cpu: 100m, memory: 64Mi}
`;
}

describe('workload kinds and replicas', () => {
  it('Deployment with 3 replicas → name#1..#3, each a full copy', () => {
    const res = imp(deployment('web', { requests: { cpu: '100m', memory: '64Mi' } }, 'replicas: 3'));
    expect(res.pods.map((p) => p.name)).toEqual(['web#1', 'web#2', 'web#3']);
    expect(res.pods.every((p) => p.owner?.kind === 'Deployment' && p.owner.name === 'web')).toBe(true);
    expect(res.pods[2]!.containers[0]!.requests).toEqual(r(100, 64 * Mi));
    res.pods[0]!.containers[0]!.requests.cpuMillicores = 1;
    expect(res.pods[1]!.containers[0]!.requests.cpuMillicores).toBe(100);
  });
  it('never copies env values', () => {
    expect(JSON.stringify(imp(deployment('web', {})))).not.toContain('hunter2');
  });
  it('StatefulSet and ReplicaSet use spec.replicas; 0 replicas gives no pods and a note', () => {
    expect(imp(deployment('db', {}, 'replicas: 2', 'StatefulSet')).pods.map((p) => p.name)).toEqual(['db#1', 'db#2']);
    expect(imp(deployment('rs', {}, 'replicas: 1', 'ReplicaSet')).pods[0]!.owner).toEqual({ kind: 'ReplicaSet', name: 'rs' });
    const zero = imp(deployment('off', {}, 'replicas: 0'));
    expect(zero.pods).toHaveLength(0);
    expect(zero.notes.some((n) => n.code === 'zero-replicas')).toBe(true);
  });
  it('DaemonSet: one pod, noted', () => {
    const res = imp(deployment('agent', {}, 'selector: {}', 'DaemonSet'));
    expect(res.pods.map((p) => p.name)).toEqual(['agent']);
    expect(res.notes.find((n) => n.code === 'daemonset-one-node')?.source).toBe('in.yaml:1');
  });
  it('Job: parallelism, bounded by completions', () => {
    const job = (extra: string) => `apiVersion: batch/v1
kind: Job
metadata: {name: migrate, namespace: apps}
spec:
  ${extra}
  template:
    spec:
      restartPolicy: Never
      containers: [{name: m, image: x, resources: {requests: {cpu: 50m}}}]
`;
    expect(imp(job('backoffLimit: 1')).pods.map((p) => p.name)).toEqual(['migrate']);
    expect(imp(job('parallelism: 3')).pods.map((p) => p.name)).toEqual(['migrate#1', 'migrate#2', 'migrate#3']);
    expect(imp(job('parallelism: 3\n  completions: 2')).pods).toHaveLength(2);
    expect(imp(job('parallelism: 3')).pods[0]!.owner).toEqual({ kind: 'Job', name: 'migrate' });
  });
  it('CronJob: one pod owned by the CronJob', () => {
    const res = imp(`apiVersion: batch/v1
kind: CronJob
metadata: {name: nightly, namespace: apps}
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          containers: [{name: c, image: x, resources: {requests: {memory: 1Gi}}}]
`);
    expect(res.pods.map((p) => [p.name, p.owner])).toEqual([['nightly', { kind: 'CronJob', name: 'nightly' }]]);
    expect(res.pods[0]!.containers[0]!.requests).toEqual(r(null, 1024 * Mi));
  });
  it('bare Pod: owner null, origin manifest', () => {
    const res = imp(`apiVersion: v1
kind: Pod
metadata: {name: solo, namespace: apps}
spec:
  containers: [{name: c, image: x, resources: {limits: {cpu: 200m}}}]
`);
    expect(res.pods).toHaveLength(1);
    expect(res.pods[0]).toMatchObject({ name: 'solo', owner: null, origin: 'manifest' });
    // request defaulted from the limit, as the API server does
    expect(res.pods[0]!.containers[0]!.requests).toEqual(r(200, null));
    expect(res.notes.some((n) => n.code === 'request-defaulted-to-limit')).toBe(true);
  });
  it('namespace absent → "default", noted once', () => {
    const res = imp(deployment('a', {}, '', 'Deployment', null) + '---\n' + deployment('b', {}, '', 'Deployment', null));
    expect(res.pods.map((p) => p.namespace)).toEqual(['default', 'default']);
    const ns = res.notes.filter((n) => n.code === 'namespace-defaulted');
    expect(ns).toHaveLength(1);
    expect(ns[0]!.message).toContain('2 objects');
  });
  it('counts non-workload kinds in the summary', () => {
    const cm = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {}\n';
    const res = imp([deployment('a', {}), cm, cm, 'apiVersion: v1\nkind: Service\nmetadata: {name: s}\n', '# only a comment\n'].join('---\n'));
    expect(res.notes[0]!.message).toBe('4 documents: 1 Deployment, 3 others ignored');
  });
});

describe('pod spec details', () => {
  it('init containers, native sidecars (in declared order), overhead and ignored resources', () => {
    const res = imp(`apiVersion: apps/v1
kind: Deployment
metadata: {name: mixed, namespace: apps}
spec:
  template:
    spec:
      overhead: {cpu: 250m, memory: 120Mi}
      initContainers:
      - {name: setup, image: x, resources: {requests: {cpu: "1", memory: 1Gi}}}
      - {name: proxy, image: x, restartPolicy: Always, resources: {requests: {cpu: 100m, ephemeral-storage: 1Gi}}}
      - {name: late, image: x, resources: {requests: {cpu: 0.5}}}
      containers:
      - {name: app, image: x, resources: {requests: {cpu: 200m, nvidia.com/gpu: 1}, limits: {memory: 256Mi}}}
`);
    const p = res.pods[0]!;
    expect(p.containers.map((c) => [c.name, c.type])).toEqual([
      ['setup', 'init'],
      ['proxy', 'sidecar'],
      ['late', 'init'],
      ['app', 'app'],
    ]);
    expect(p.containers[2]!.requests).toEqual(r(500, null)); // unquoted YAML number 0.5
    expect(p.containers[3]!.requests).toEqual(r(200, 256 * Mi));
    expect(p.overhead).toEqual(r(250, 120 * Mi));
    const other = res.notes.filter((n) => n.code === 'other-resources-ignored');
    expect(other).toHaveLength(1);
    expect(other[0]!.message).toContain('ephemeral-storage, nvidia.com/gpu');
  });
  it('unquoted YAML numbers are read as Kubernetes reads them (int64 / float64)', () => {
    const res = imp(deployment('big', { requests: { memory: 'M', cpu: 'C' } }).replace('"M"', '9007199254740991').replace('"C"', '0.1000000000000000055511151231257827'));
    expect(res.pods[0]!.containers[0]!.requests).toEqual(r(100, 9007199254740991));
  });
  it('suspicious values become warnings with file:line', () => {
    const res = imp(deployment('odd', { requests: { cpu: '100', memory: '100m' } }));
    const warn = res.notes.filter((n) => n.code === 'suspicious-quantity');
    expect(warn.map((n) => n.level)).toEqual(['warn', 'warn']);
    expect(warn[0]!.message).toContain('100 cores');
    expect(warn[1]!.message).toContain('fraction of a byte');
    expect(warn[0]!.source).toBe('in.yaml:16'); // the flow map on the `resources:` line
  });
  it('the same suspicious value in the same field is one note with a count and the first place', () => {
    const text = [
      deployment('a', { requests: { cpu: '100', memory: '64Ki' } }),
      deployment('b', { requests: { cpu: '100m', memory: '64Ki' } }),
      deployment('c', { requests: { memory: '64Ki' }, limits: { memory: '64Ki' } }),
      deployment('d', { requests: { memory: '2k' } }),
    ].join('---\n');
    const warn = imp(text).notes.filter((n) => n.code === 'suspicious-quantity');
    expect(warn.map((n) => n.message.replace(/ \(.*$/, ''))).toEqual([
      'CPU "100" is 100 cores; did you mean "100m"?',
      'memory "64Ki" is only 65536 bytes; did you mean Mi?',
      'memory "64Ki" is only 65536 bytes; did you mean Mi?',
      'memory "2k" is only 2000 bytes; did you mean Mi?',
    ]);
    expect(warn[1]!.message).toMatch(/ \(3 times as resources\.requests\.memory; first at Deployment apps\/a .*containers\[[^\]]+\]\.resources\.requests\.memory\)$/);
    expect(warn[1]!.source).toBe(warn[0]!.source); // deployment a, where it was first seen
    expect(warn[2]!.message).toMatch(/ \(Deployment apps\/c .*\.resources\.limits\.memory\)$/); // once: left as it was
    expect(warn[3]!.message).not.toContain('times');
  });
});

describe('HorizontalPodAutoscaler', () => {
  const hpa = (min: number, target = 'web', ns = 'apps') => `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: web-hpa, namespace: ${ns}}
spec:
  minReplicas: ${min}
  maxReplicas: 10
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: ${target}}
`;
  it('raises replicas to minReplicas when larger, with a note', () => {
    const res = imp(hpa(3) + '---\n' + deployment('web', {}, 'replicas: 1'));
    expect(res.pods.map((p) => p.name)).toEqual(['web#1', 'web#2', 'web#3']);
    expect(res.notes.find((n) => n.code === 'hpa-min-replicas')?.message).toContain('raised to HorizontalPodAutoscaler web-hpa');
  });
  it('leaves replicas alone when minReplicas is smaller, or the target differs', () => {
    expect(imp(hpa(1) + '---\n' + deployment('web', {}, 'replicas: 2')).pods).toHaveLength(2);
    expect(imp(hpa(5, 'other') + '---\n' + deployment('web', {})).pods).toHaveLength(1);
    expect(imp(hpa(5, 'web', 'elsewhere') + '---\n' + deployment('web', {})).pods).toHaveLength(1);
  });
  it('applies across files read as a set', () => {
    const res = importManifestSet([
      { text: hpa(2), origin: 'hpa.yaml' },
      { text: deployment('web', {}), origin: 'deploy.yaml' },
    ]);
    expect(res.pods).toHaveLength(2);
  });
});

describe('Knative Service', () => {
  const configDeployment = (data: string) => `apiVersion: v1
kind: ConfigMap
metadata: {name: config-deployment, namespace: knative-serving}
data:
  _example: |
    queue-sidecar-cpu-request: "999m"
${data}`;

  it('user container (named user-container by default) plus queue-proxy 25m', () => {
    const res = imp(knativeService('hello', {}));
    const p = res.pods[0]!;
    expect(p.owner).toEqual({ kind: 'Service.serving.knative.dev', name: 'hello' });
    expect(p.containers).toEqual([
      { name: 'user-container', type: 'app', requests: r(100, 64 * Mi), limits: r(null, null), usage: null },
      { name: 'queue-proxy', type: 'app', requests: r(25, null), limits: r(null, null), usage: null },
    ]);
    expect(res.notes.some((n) => n.code === 'knative-scale-to-zero')).toBe(true);
    expect(res.notes[0]!.message).toBe('1 document: 1 Service.serving.knative.dev');
  });
  it('min-scale (and the older minScale) sets replicas', () => {
    expect(imp(knativeService('a', { 'autoscaling.knative.dev/min-scale': '2' })).pods.map((p) => p.name)).toEqual(['a#1', 'a#2']);
    expect(imp(knativeService('a', { 'autoscaling.knative.dev/minScale': '3' })).pods).toHaveLength(3);
  });
  it('config-deployment keys override the queue-proxy defaults; _example does not', () => {
    const cm = configDeployment(
      '  queue-sidecar-cpu-request: "50m"\n  queue-sidecar-memory-request: 40Mi\n  queue-sidecar-cpu-limit: "1"\n  queue-sidecar-memory-limit: 200Mi\n',
    );
    const qp = imp(cm + '---\n' + knativeService('hello', {})).pods[0]!.containers[1]!;
    expect(qp.requests).toEqual(r(50, 40 * Mi));
    expect(qp.limits).toEqual(r(1000, 200 * Mi));
    const onlyExample = imp(configDeployment('  other: x\n') + '---\n' + knativeService('hello', {})).pods[0]!.containers[1]!;
    expect(onlyExample.requests).toEqual(r(25, null));
  });
  it('per-service queue.sidecar annotations win over config-deployment', () => {
    const svc = knativeService('hello', { 'queue.sidecar.serving.knative.dev/cpu-resource-request': '10m' });
    const cm = configDeployment('  queue-sidecar-cpu-request: "50m"\n');
    expect(imp(cm + '---\n' + svc).pods[0]!.containers[1]!.requests).toEqual(r(10, null));
  });
  it('a core v1 Service is not a Knative Service', () => {
    const res = imp('apiVersion: v1\nkind: Service\nmetadata: {name: hello}\nspec: {ports: [{port: 80}]}\n');
    expect(res.pods).toHaveLength(0);
  });
});

describe('JSON List', () => {
  it('reads a kubectl-style List of workloads', () => {
    const list = {
      apiVersion: 'v1',
      kind: 'List',
      items: [
        {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          metadata: { name: 'api', namespace: 'shop' },
          spec: { replicas: 2, template: { spec: { containers: [{ name: 'api', resources: { requests: { cpu: 0.25, memory: '128Mi' } } }] } } },
        },
        { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', namespace: 'shop' } },
      ],
    };
    const res = importManifests(JSON.stringify(list, null, 2), { origin: 'list.json' });
    expect(res.pods.map((p) => p.name)).toEqual(['api#1', 'api#2']);
    expect(res.pods[0]!.containers[0]!.requests).toEqual(r(250, 128 * Mi));
    expect(res.notes[0]!.message).toBe('2 documents: 1 Deployment, 1 other ignored');
  });
  it('a bad quantity inside a JSON List names its line', () => {
    const text = JSON.stringify(
      { apiVersion: 'v1', kind: 'List', items: [{ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'api', namespace: 's' }, spec: { template: { spec: { containers: [{ name: 'api', resources: { limits: { memory: '12x' } } }] } } } }] },
      null,
      2,
    );
    const line = text.split('\n').findIndex((l) => l.includes('"12x"')) + 1;
    const e = errorOf(() => importManifests(text, { origin: 'list.json' }));
    expect(e.where).toBe(`list.json:${line}`);
    expect(e.message).toContain('containers[api].resources.limits.memory');
  });
});
