import { describe, expect, it } from 'vitest';
import { containersFromPodSpec, ownerOf, podFromObject } from '../../../src/collect/import/pod-spec.js';
import { InputError } from '../../../src/errors.js';

// Objects as the live API (client-node) returns them: no text, so no file:line.
describe('containersFromPodSpec without a text locator (live objects)', () => {
  it('converts requests and limits exactly; other resources noted once', () => {
    const res = containersFromPodSpec(
      {
        initContainers: [{ name: 'side', restartPolicy: 'Always', resources: { requests: { cpu: '12345678n', 'hugepages-2Mi': '2Mi' } } }],
        containers: [{ name: 'app', resources: { requests: { cpu: '0.5', memory: '128974848000m', 'ephemeral-storage': '1Gi' } } }],
        overhead: { cpu: '100m' },
      },
      'Pod ns/p',
    );
    expect(res.containers.map((c) => [c.name, c.type, c.requests])).toEqual([
      ['side', 'sidecar', { cpuMillicores: 13, memoryBytes: null }],
      ['app', 'app', { cpuMillicores: 500, memoryBytes: 128974848 }],
    ]);
    expect(res.overhead).toEqual({ cpuMillicores: 100, memoryBytes: null });
    expect(res.notes.filter((n) => n.code === 'other-resources-ignored').map((n) => n.message)).toEqual([
      'resources other than cpu and memory are not counted: ephemeral-storage, hugepages-2Mi',
    ]);
  });
  it('a malformed quantity names object and field, with the object as where', () => {
    let err: unknown;
    try {
      containersFromPodSpec({ containers: [{ name: 'app', resources: { limits: { memory: '1e3Mi' } } }] }, 'Pod ns/p');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).where).toBe('Pod ns/p');
    expect((err as Error).message).toContain('malformed quantity "1e3Mi" at Pod ns/p containers[app].resources.limits.memory');
  });
  it('no spec or no containers is an InputError', () => {
    expect(() => containersFromPodSpec(undefined, 'Pod ns/p')).toThrow(InputError);
    expect(() => containersFromPodSpec({ initContainers: [{ name: 'i' }] }, 'Pod ns/p')).toThrow('has no containers');
  });
});

describe('podFromObject / ownerOf', () => {
  it('requires a namespace unless a default is given', () => {
    const obj = { metadata: { name: 'p' }, spec: { containers: [{ name: 'c' }] } };
    expect(() => podFromObject(obj, 'x', { origin: 'live' })).toThrow('has no metadata.namespace');
    const r = podFromObject(obj, 'x', { origin: 'manifest', defaultNamespace: 'default' });
    expect(r.pod.namespace).toBe('default');
    expect(r.notes.map((n) => n.code)).toContain('namespace-defaulted');
  });
  it('prefers the controller reference; Deployment from pod-template-hash', () => {
    const refs = [
      { kind: 'Node', name: 'n1' },
      { kind: 'ReplicaSet', name: 'web-abc12', controller: true },
    ];
    expect(ownerOf(refs, { 'pod-template-hash': 'abc12' })).toEqual({ owner: { kind: 'Deployment', name: 'web' }, inferred: false });
    expect(ownerOf([{ kind: 'StatefulSet', name: 'db' }], {})).toEqual({ owner: { kind: 'StatefulSet', name: 'db' }, inferred: false });
    expect(ownerOf(undefined, {})).toEqual({ owner: null, inferred: false });
  });
});
