import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sniffManifestKind } from '../../../src/collect/import/manifest-detect.js';

const FIX = join(import.meta.dirname, '../../fixtures');
const read = (rel: string) => readFileSync(join(FIX, rel), 'utf8');
const pods = read('kubectl/pods-knative.json');

describe('sniffManifestKind', () => {
  const releases = ['knative/v1.8', 'knative/v1.23'].flatMap((d) => readdirSync(join(FIX, 'manifests', d)).map((f) => `manifests/${d}/${f}`));
  it.each([...releases, 'manifests/k0s/system-pods-v1.26.yaml'])('%s → manifests', (rel) => {
    expect(sniffManifestKind(read(rel))).toBe('manifests');
  });

  it('kubectl get pods -o json: a List of Pods, an empty List, a PodList, a single Pod with status', () => {
    expect(sniffManifestKind(pods)).toBe('kubectl-get-pods-json');
    expect(sniffManifestKind('{"apiVersion":"v1","items":[],"kind":"List","metadata":{"resourceVersion":""}}')).toBe('kubectl-get-pods-json');
    const list = JSON.parse(pods);
    expect(sniffManifestKind(JSON.stringify({ ...list, kind: 'PodList' }))).toBe('kubectl-get-pods-json');
    expect(sniffManifestKind(JSON.stringify(list.items[0], null, 4))).toBe('kubectl-get-pods-json');
  });

  it('kubectl get pods -o yaml', () => {
    const yaml = `apiVersion: v1
items:
- apiVersion: v1
  kind: Pod
  metadata:
    name: a
    namespace: n
  spec:
    containers:
    - name: c
  status:
    phase: Running
kind: List
metadata:
  resourceVersion: ""
`;
    expect(sniffManifestKind(yaml)).toBe('kubectl-get-pods-yaml');
  });

  it('a Pod manifest (no status, no uid) and a List of Deployments are manifests', () => {
    expect(sniffManifestKind('apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec: {containers: [{name: c}]}\n')).toBe('manifests');
    expect(sniffManifestKind('{"apiVersion":"v1","kind":"List","items":[{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"d"}}]}')).toBe(
      'manifests',
    );
    // several Pod documents are manifests too (kubectl prints one List)
    const pod = 'apiVersion: v1\nkind: Pod\nmetadata: {name: a, uid: x}\nspec: {containers: [{name: c}]}\n';
    expect(sniffManifestKind(pod + '---\n' + pod)).toBe('manifests');
  });

  it('broken YAML that starts like a manifest is claimed (so its importer can name the line)', () => {
    expect(sniffManifestKind('# header\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: x\n   bad: [\n')).toBe('manifests');
    expect(sniffManifestKind('{"apiVersion": "v1", "kind": "List", "items": [')).toBe('manifests');
  });

  it.each([
    ['custom-columns', 'NAMESPACE   NAME        CPU_REQ   MEM_REQ\nkube-system coredns-1   100m      70Mi\n'],
    ['free -m', '               total        used        free      shared  buff/cache   available\nMem:            1982         612         180           1        1189        1211\n'],
    ['a transcript with yaml', 'vagrant@vagrant:~$ kubectl get pod x -o yaml\napiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n  - oops\n'],
    ['YAML without apiVersion', 'kind: Something\nname: x\n'],
    ['a plain YAML config', 'server:\n  port: 8080\n'],
    ['JSON without kind', '{"a": 1}'],
    ['empty', ''],
  ])('%s → null', (_label, text) => {
    expect(sniffManifestKind(text)).toBeNull();
  });
});
