// Detection of node captures (kubectl get nodes -o json|yaml, get pods,nodes, describe node) and
// that nothing else is read differently: every other fixture keeps a non-node kind.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultRegistry } from '../../../src/collect/import/registry.js';
import { detectAndImport } from '../../../src/collect/import/detect.js';

const FIXTURES = join(import.meta.dirname, '../../fixtures');
const read = (rel: string) => readFileSync(join(FIXTURES, rel), 'utf8');
const kindOf = (text: string) => defaultRegistry.detect(text)?.kind ?? null;
const NODE_KINDS = ['kubectl-get-nodes-json', 'kubectl-get-nodes-yaml', 'kubectl-get-pods-nodes-json', 'kubectl-get-pods-nodes-yaml', 'describe-node'];

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

describe('node captures are recognised by content', () => {
  const cases: Array<[string, string, string]> = [
    ['nodes/get-nodes.json', 'kubectl-get-nodes-json', 'kubectl get nodes -o json (3 nodes)'],
    ['nodes/get-nodes.yaml', 'kubectl-get-nodes-yaml', 'kubectl get nodes -o yaml (3 nodes)'],
    ['nodes/get-node-00.yaml', 'kubectl-get-nodes-yaml', 'kubectl get nodes -o yaml (1 node)'],
    ['nodes/get-pods-nodes.yaml', 'kubectl-get-pods-nodes-yaml', 'kubectl get pods,nodes -o yaml (12 pods, 3 nodes) [1 warning]'],
    ['nodes/describe-node-01.txt', 'describe-node', 'kubectl describe node (1 node)'],
    ['nodes/describe-nodes.txt', 'describe-node', 'kubectl describe node (3 nodes)'],
    ['nodes/top-node.txt', 'top-node', 'kubectl top node (3 nodes)'],
  ];
  it.each(cases)('%s → %s; stderr summary "%s"', (rel, kind, summary) => {
    const text = read(rel);
    expect(kindOf(text)).toBe(kind);
    const d = detectAndImport([{ path: rel, folder: 'nodes', text }], defaultRegistry);
    expect(d.summary).toEqual([`${rel}: ${summary}`]);
  });

  it('get nodes -o json as one line (jq -c) and with a "$ kubectl describe node" line above', () => {
    expect(kindOf(JSON.stringify(JSON.parse(read('nodes/get-nodes.json'))))).toBe('kubectl-get-nodes-json');
    expect(kindOf('$ kubectl describe node node-01\n' + read('nodes/describe-node-01.txt'))).toBe('describe-node');
    expect(kindOf('kubectl describe nodes\n' + read('nodes/describe-nodes.txt'))).toBe('describe-node');
  });

  it('every other fixture keeps a kind that is not a node kind (manifests, pod lists, tables, snapshots)', () => {
    const others = walk(FIXTURES)
      .map((p) => relative(FIXTURES, p))
      .filter((rel) => !rel.startsWith('nodes/') && !/(PROVENANCE|README)/.test(rel) && !rel.startsWith('host/'));
    expect(others.length).toBeGreaterThan(40);
    const kinds = new Map(others.map((rel) => [rel, kindOf(read(rel))]));
    expect([...kinds].filter(([, k]) => k !== null && NODE_KINDS.includes(k))).toEqual([]);
    expect(kinds.get('kubectl/pods-knative.json')).toBe('kubectl-get-pods-json');
    expect([...kinds].filter(([rel]) => rel.startsWith('manifests/')).every(([, k]) => k === 'manifests')).toBe(true);
  });

  it('a transcript with kubectl get nodes -o yaml, -o json and top node sections: every section read', () => {
    const text = ['$ kubectl get nodes -o yaml', read('nodes/get-nodes.yaml'), '$ kubectl top node', read('nodes/top-node.txt'),
      '$ kubectl get pods,nodes -A -o json', JSON.stringify(JSON.parse(read('nodes/get-nodes.json')), null, 4), ''].join('\n');
    expect(kindOf(text)).toBe('transcript');
    const d = detectAndImport([{ path: 's.txt', folder: '.', text }], defaultRegistry);
    expect(d.summary).toEqual(['s.txt: terminal transcript (3 sections: kubectl get nodes -o yaml, kubectl top node, kubectl get pods,nodes -A -o json)']);
    const r = d.inputs[0]!.result;
    expect(r.nodes.map((n) => `${n.name}:${n.allocatable?.memoryBytes ?? '-'}:${n.usage?.cpuMillicores ?? '-'}`)).toEqual([
      ...['node-00:16605577216:-', 'node-01:16605576192:-', 'node-02:16605575168:-'],
      ...['node-00:-:2454', 'node-01:-:1626', 'node-02:-:633'],
      ...['node-00:16605577216:-', 'node-01:16605576192:-', 'node-02:16605575168:-'],
    ]);
    expect(r.notes.filter((n) => n.code === 'transcript-skipped')).toEqual([]);
  });

  const lookalikes: Array<[string, string, string | null]> = [
    ['a Node in a manifest (no status, uid or timestamp)', 'apiVersion: v1\nkind: Node\nmetadata:\n  name: n1\n', 'manifests'],
    ['a List of a Node and a Deployment', '{"apiVersion":"v1","kind":"List","items":[{"apiVersion":"v1","kind":"Node","metadata":{"name":"n"}},{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"d"}}]}', 'manifests'],
    ['an empty List stays a pod list', '{"apiVersion":"v1","items":[],"kind":"List","metadata":{"resourceVersion":""}}', 'kubectl-get-pods-json'],
    ['an empty NodeList', '{"apiVersion":"v1","items":[],"kind":"NodeList","metadata":{"resourceVersion":""}}', 'kubectl-get-nodes-json'],
    ['kubectl describe pod (Name:, no Roles/Capacity)', 'Name:             web-1\nNamespace:        default\nPriority:         0\nNode:             node-01/10.0.0.2\nContainers:\n  web:\n    Limits:\n      cpu:  100m\n', null],
    ['Name: with Capacity but no Roles line', 'Name:   x\nCapacity:\n  cpu:  4\n', null],
  ];
  it.each(lookalikes)('%s → %s', (_, text, kind) => {
    expect(kindOf(text)).toBe(kind);
  });
});
