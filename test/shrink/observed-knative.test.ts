import { describe, expect, it } from 'vitest';
import { podBelongsTo, observationsFrom } from '../../src/analyze/shrink-observed.js';
import { planKnativeConfig, type KnativeConfigTarget } from '../../src/analyze/shrink-knative.js';
import { containerKey, type ObjectRef, type TargetContainer } from '../../src/analyze/shrink.js';
import type { Pod } from '../../src/model/snapshot.js';

const ref = (kind: string, name: string, namespace: string | null = 'knative-serving', apiVersion = 'apps/v1'): ObjectRef => ({
  file: 'f.yaml',
  docIndex: 0,
  apiVersion,
  kind,
  namespace,
  name,
  base: [],
});

describe('podBelongsTo', () => {
  it.each([
    // pod namespace, pod name, owner kind, owner name, object, expected
    ['knative-serving', 'activator-7499d967fc-2npcf', 'ReplicaSet', 'activator-7499d967fc', ref('Deployment', 'activator'), true],
    ['knative-serving', 'activator', 'Deployment', 'activator', ref('Deployment', 'activator'), true],
    ['knative-serving', 'autoscaler-hpa-5d9c-x', 'ReplicaSet', 'autoscaler-hpa-5d9c', ref('Deployment', 'autoscaler'), false],
    ['other', 'activator-7499d967fc-2npcf', 'ReplicaSet', 'activator-7499d967fc', ref('Deployment', 'activator'), false],
    ['default', 'web-0', 'StatefulSet', 'web', ref('StatefulSet', 'web', null), true],
    ['shop', 'nightly-28912345-abcde', 'Job', 'nightly-28912345', ref('CronJob', 'nightly', 'shop'), true],
    ['default', 'hello-00001-deployment-6d8f9-abcde', 'ReplicaSet', 'hello-00001-deployment-6d8f9', ref('Service', 'hello', 'default', 'serving.knative.dev/v1'), true],
    ['default', 'debug', null, null, ref('Pod', 'debug', 'default', 'v1'), true],
  ])('%s/%s owned by %s %s', (ns, name, ownerKind, ownerName, object, expected) => {
    const owner = ownerKind ? { kind: ownerKind, name: ownerName! } : null;
    expect(podBelongsTo({ namespace: ns, name, owner }, object)).toBe(expected);
  });
});

describe('observationsFrom', () => {
  const target: TargetContainer = {
    object: ref('Deployment', 'activator'),
    container: 'activator',
    type: 'app',
    path: [],
    values: { requests: {}, limits: {} },
  };
  const pod = (name: string, cpu: number, mem: number): Pod => ({
    namespace: 'knative-serving',
    name,
    phase: 'Running',
    nodeName: null,
    owner: { kind: 'ReplicaSet', name: 'activator-7499d967fc' },
    containers: [
      { name: 'activator', type: 'app', requests: { cpuMillicores: null, memoryBytes: null }, limits: { cpuMillicores: null, memoryBytes: null }, usage: { cpuMillicores: cpu, memoryBytes: mem } },
    ],
    usage: null,
  });

  it('takes the max over replicas for usage, and over samples too for the peak', () => {
    const snapshot = {
      pods: [pod('activator-7499d967fc-a', 10, 30_000_000), pod('activator-7499d967fc-b', 25, 20_000_000)],
      samples: [
        { takenAt: null, host: null, nodes: {}, pods: { 'knative-serving/activator-7499d967fc-a': { usage: null, containers: { activator: { cpuMillicores: 90, memoryBytes: 50_000_000 } } } } },
      ],
    };
    const obs = observationsFrom(snapshot, [target]).get(containerKey(target));
    expect(obs).toEqual({
      usage: { cpuMillicores: 25, memoryBytes: 30_000_000 },
      peak: { cpuMillicores: 90, memoryBytes: 50_000_000 },
      pods: 2,
    });
  });

  it('no observation when no pod matches', () => {
    expect(observationsFrom({ pods: [], samples: [] }, [target]).size).toBe(0);
  });
});

describe('planKnativeConfig', () => {
  const base: KnativeConfigTarget = {
    object: ref('ConfigMap', 'config-deployment', 'knative-serving', 'v1'),
    dataPath: ['data'],
    keys: {
      'queue-sidecar-cpu-request': null,
      'queue-sidecar-memory-request': null,
      'queue-sidecar-cpu-limit': null,
      'queue-sidecar-memory-limit': null,
    },
    resourceDefaultsEnabled: false,
  };
  const half = { num: 1n, den: 2n };

  it('adds the 25m default CPU request, scaled, and leaves the rest unset', () => {
    const { changes, unset } = planKnativeConfig(base, half);
    expect(changes.map((c) => [c.key, c.before, c.defaultBefore, c.after, c.added])).toEqual([
      ['queue-sidecar-cpu-request', null, '25m', '13m', true],
    ]);
    expect(unset).toEqual(['queue-sidecar-memory-request', 'queue-sidecar-cpu-limit', 'queue-sidecar-memory-limit']);
  });

  it('with queueproxy.resource-defaults enabled, sets all four from their defaults', () => {
    const { changes, unset } = planKnativeConfig({ ...base, resourceDefaultsEnabled: true }, half);
    expect(Object.fromEntries(changes.map((c) => [c.key, c.after]))).toEqual({
      'queue-sidecar-cpu-request': '13m',
      'queue-sidecar-memory-request': '200Mi',
      'queue-sidecar-cpu-limit': '500m',
      'queue-sidecar-memory-limit': '400Mi',
    });
    expect(unset).toEqual([]);
  });

  it('scales keys that are set, in their own unit style', () => {
    const keys = { ...base.keys, 'queue-sidecar-memory-limit': { raw: '1Gi', where: 'f.yaml:9', path: ['data', 'queue-sidecar-memory-limit'] } };
    const { changes } = planKnativeConfig({ ...base, keys }, half);
    expect(changes.find((c) => c.key === 'queue-sidecar-memory-limit')).toMatchObject({ before: '1Gi', after: '512Mi', added: false });
  });

  it('names the key and line of a malformed value', () => {
    const keys = { ...base.keys, 'queue-sidecar-cpu-request': { raw: 'lots', where: 'f.yaml:7', path: ['data', 'x'] } };
    expect(() => planKnativeConfig({ ...base, keys }, half)).toThrow(/queue-sidecar-cpu-request/);
  });
});
