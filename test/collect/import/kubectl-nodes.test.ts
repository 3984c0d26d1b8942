// `kubectl get nodes -o json|yaml` (and `get pods,nodes`) captured from the real kubectl
// (test/fixtures/nodes/PROVENANCE.md) → nodes with capacity and allocatable.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importKubectlObjectsJson, importKubectlObjectsYaml } from '../../../src/collect/import/kubectl-json.js';
import { sniffManifestKind } from '../../../src/collect/import/manifest-detect.js';
import { InputError } from '../../../src/errors.js';
import type { Importer } from '../../../src/collect/import/types.js';

const DIR = join(import.meta.dirname, '../../fixtures/nodes');
const read = (f: string) => readFileSync(join(DIR, f), 'utf8');
const Ki = 1024;

// What kubectl printed for each node (get-nodes.json), as the expectation: cpu "4" / "3800m",
// memory "16318784Ki" / "16216384Ki", "16216383Ki", "16216382Ki".
const expected = [
  { name: 'node-00', capacity: { cpuMillicores: 4000, memoryBytes: 16318784 * Ki }, allocatable: { cpuMillicores: 3800, memoryBytes: 16216384 * Ki }, usage: null },
  { name: 'node-01', capacity: { cpuMillicores: 4000, memoryBytes: 16318784 * Ki }, allocatable: { cpuMillicores: 3800, memoryBytes: 16216383 * Ki }, usage: null },
  { name: 'node-02', capacity: { cpuMillicores: 4000, memoryBytes: 16318784 * Ki }, allocatable: { cpuMillicores: 3800, memoryBytes: 16216382 * Ki }, usage: null },
];

describe('kubectl get nodes -o json|yaml (real kubectl output)', () => {
  it('the expectation is what kubectl printed', () => {
    const list = JSON.parse(read('get-nodes.json')) as { items: Array<{ metadata: { name: string }; status: { allocatable: { memory: string } } }> };
    expect(list.items.map((n) => `${n.metadata.name}=${n.status.allocatable.memory}`)).toEqual([
      'node-00=16216384Ki',
      'node-01=16216383Ki',
      'node-02=16216382Ki',
    ]);
  });

  const cases: Array<[string, Importer, string, typeof expected, number, string]> = [
    ['get-nodes.json', importKubectlObjectsJson, 'kubectl-get-nodes-json', expected, 0, 'kubectl get nodes -o json (3 nodes)'],
    ['get-nodes.yaml', importKubectlObjectsYaml, 'kubectl-get-nodes-yaml', expected, 0, 'kubectl get nodes -o yaml (3 nodes)'],
    ['get-node-00.yaml', importKubectlObjectsYaml, 'kubectl-get-nodes-yaml', expected.slice(0, 1), 0, 'kubectl get nodes -o yaml (1 node)'],
    ['get-pods-nodes.yaml', importKubectlObjectsYaml, 'kubectl-get-pods-nodes-yaml', expected, 12, 'kubectl get pods,nodes -o yaml (12 pods, 3 nodes)'],
  ];
  it.each(cases)('%s: detected and read as kubectl printed it', (file, importer, kind, nodes, pods, label) => {
    const text = read(file);
    expect(sniffManifestKind(text)).toBe(kind);
    const r = importer(text, { origin: file });
    expect(r.nodes).toEqual(nodes);
    expect(r.pods).toHaveLength(pods);
    expect(r.kind).toBe(label);
  });

  it('get pods,nodes: the pods are read as from get pods -o yaml', () => {
    const r = importKubectlObjectsYaml(read('get-pods-nodes.yaml'), { origin: 'x.yaml' });
    expect(r.pods.every((p) => p.origin === 'capture')).toBe(true);
    expect(new Set(r.pods.map((p) => p.namespace))).toEqual(new Set(['ns-000', 'ns-001']));
    expect(r.pods.filter((p) => p.nodeName !== null).every((p) => /^node-0[0-2]$/.test(p.nodeName!))).toBe(true);
  });

  const bad: Array<[string, string, string, RegExp]> = [
    ['malformed memory', '16216383Ki', '16216383Kx', /^node\.yaml:\d+: malformed quantity "16216383Kx" in node node-01 allocatable\.memory/],
    ['malformed cpu', '"3800m"', '"38OOm"', /^node\.json:\d+: malformed quantity "38OOm" in node node-00 allocatable\.cpu/],
    ['negative', '"cpu": "4"', '"cpu": "-4"', /^node\.json:\d+: negative quantity "-4" in node node-00 capacity\.cpu/],
  ];
  it.each(bad)('%s: InputError naming file:line, node and field', (_, from, to, message) => {
    const json = message.source.includes('json');
    const text = json ? read('get-nodes.json').replace(from, to) : read('get-nodes.yaml').replace(from, to);
    expect(text).not.toBe(json ? read('get-nodes.json') : read('get-nodes.yaml'));
    const importer = json ? importKubectlObjectsJson : importKubectlObjectsYaml;
    let err: unknown;
    try {
      importer(text, { origin: json ? 'node.json' : 'node.yaml' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InputError);
    expect((err as Error).message).toMatch(message);
  });

  it('the line named is the field\'s line', () => {
    const text = read('get-nodes.yaml').replace('memory: 16216383Ki', 'memory: 1x');
    const line = text.split('\n').findIndex((l) => l.includes('memory: 1x')) + 1;
    expect(() => importKubectlObjectsYaml(text, { origin: 'n.yaml' })).toThrow(`n.yaml:${line}: malformed quantity "1x"`);
  });

  it('a node without status has capacity and allocatable null, not zero', () => {
    const r = importKubectlObjectsYaml('apiVersion: v1\nkind: Node\nmetadata:\n  name: bare\n  uid: "1"\n', { origin: 'n.yaml' });
    expect(r.nodes).toEqual([{ name: 'bare', capacity: null, allocatable: null, usage: null }]);
  });

  it.each([
    ['{"apiVersion":"v1","items":[],"kind":"NodeList","metadata":{"resourceVersion":""}}', 'kubectl get nodes -o json (0 nodes)'],
    ['{"apiVersion":"v1","items":[],"kind":"List","metadata":{"resourceVersion":""}}', 'kubectl get pods -o json (0 pods)'],
  ])('an empty list says what it was: %s → %s', (text, kind) => {
    expect(importKubectlObjectsJson(text, { origin: 'e.json' }).kind).toBe(kind);
  });

  it('a node listed twice is an error', () => {
    const list = JSON.parse(read('get-nodes.json')) as { items: unknown[] };
    list.items.push(list.items[0]);
    expect(() => importKubectlObjectsJson(JSON.stringify(list), { origin: 'n.json' })).toThrow('n.json: Node node-00 appears twice');
  });
});
