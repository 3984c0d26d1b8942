// Nodes from several captures (real kubectl output, test/fixtures/nodes) merge into one entry per
// name: capacity/allocatable from get nodes or describe node, usage from top node.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importDescribeNode } from '../../../src/collect/import/describe-node.js';
import { importKubectlObjectsJson, importKubectlObjectsYaml } from '../../../src/collect/import/kubectl-json.js';
import { importKubectlTopNode } from '../../../src/collect/import/kubectl-top.js';
import { mergeImports, type MergeInput } from '../../../src/collect/import/merge.js';
import type { Importer } from '../../../src/collect/import/types.js';

const DIR = join(import.meta.dirname, '../../fixtures/nodes');
const read = (f: string) => readFileSync(join(DIR, f), 'utf8');
const T = '2026-11-26T00:00:00.000Z';
const Ki = 1024;
const Mi = 1024 * 1024;
function input(path: string, importer: Importer, text = read(path)): MergeInput {
  return { path, folder: '.', result: importer(text, { origin: path }) };
}

// kubectl top node printed node-00 2454m 6103Mi, node-01 1626m 2231Mi, node-02 633m 1113Mi.
const usage = { 'node-00': [2454, 6103 * Mi], 'node-01': [1626, 2231 * Mi], 'node-02': [633, 1113 * Mi] } as const;
const allocatableKi = { 'node-00': 16216384, 'node-01': 16216383, 'node-02': 16216382 } as const;

describe('merging node captures', () => {
  const sets: Array<[string, () => MergeInput[]]> = [
    ['get nodes -o yaml + top node', () => [input('get-nodes.yaml', importKubectlObjectsYaml), input('top-node.txt', importKubectlTopNode)]],
    ['top node + get nodes -o json', () => [input('top-node.txt', importKubectlTopNode), input('get-nodes.json', importKubectlObjectsJson)]],
    ['describe nodes + top node', () => [input('describe-nodes.txt', importDescribeNode), input('top-node.txt', importKubectlTopNode)]],
    ['get nodes + describe nodes + top node', () => [input('get-nodes.json', importKubectlObjectsJson), input('describe-nodes.txt', importDescribeNode), input('top-node.txt', importKubectlTopNode)]],
  ];
  it.each(sets)('%s: one entry per node with capacity, allocatable and usage; no conflict', (_, inputs) => {
    const s = mergeImports(inputs(), T);
    expect(s.nodes).toEqual(
      (['node-00', 'node-01', 'node-02'] as const).map((name) => ({
        name,
        capacity: { cpuMillicores: 4000, memoryBytes: 16318784 * Ki },
        allocatable: { cpuMillicores: 3800, memoryBytes: allocatableKi[name] * Ki },
        usage: { cpuMillicores: usage[name][0], memoryBytes: usage[name][1] },
      })),
    );
    expect(s.notes.filter((n) => n.code === 'merge-conflict')).toEqual([]);
  });

  it('two captures disagreeing on a node: the first file\'s value is kept, with a warn note naming the other', () => {
    const changed = read('describe-node-01.txt').replace('  memory:             16216383Ki', '  memory:             15000000Ki');
    const s = mergeImports([input('get-nodes.yaml', importKubectlObjectsYaml), input('later/describe-node-01.txt', importDescribeNode, changed)], T);
    expect(s.nodes.find((n) => n.name === 'node-01')!.allocatable).toEqual({ cpuMillicores: 3800, memoryBytes: 16216383 * Ki });
    expect(s.notes.filter((n) => n.code === 'merge-conflict')).toEqual([
      {
        code: 'merge-conflict',
        level: 'warn',
        message: `node node-01 allocatable memory (bytes): kept ${16216383 * Ki}, later/describe-node-01.txt says ${15000000 * Ki}`,
        source: 'later/describe-node-01.txt',
      },
    ]);
  });
});
