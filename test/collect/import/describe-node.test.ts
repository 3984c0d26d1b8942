// `kubectl describe node` captured from the real kubectl (test/fixtures/nodes/PROVENANCE.md).
// The same server's `kubectl get nodes -o json` is the oracle: both must give the same nodes.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importDescribeNode, looksLikeDescribeNode } from '../../../src/collect/import/describe-node.js';
import { importKubectlObjectsJson } from '../../../src/collect/import/kubectl-json.js';
import { importTranscript } from '../../../src/collect/import/transcript.js';
import { InputError } from '../../../src/errors.js';

const DIR = join(import.meta.dirname, '../../fixtures/nodes');
const read = (f: string) => readFileSync(join(DIR, f), 'utf8');
const fromJson = importKubectlObjectsJson(read('get-nodes.json'), { origin: 'get-nodes.json' }).nodes;
const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('kubectl describe node (real kubectl output)', () => {
  const cases: Array<[string, string, string[]]> = [
    ['describe-node-01.txt', 'kubectl describe node (1 node)', ['node-01']],
    ['describe-nodes.txt', 'kubectl describe node (3 nodes)', ['node-00', 'node-01', 'node-02']],
  ];
  it.each(cases)('%s: the nodes kubectl get nodes -o json gives', (file, kind, names) => {
    const text = read(file);
    expect(looksLikeDescribeNode(text)).toBe(true);
    const r = importDescribeNode(text, { origin: file });
    expect(r.kind).toBe(kind);
    expect(r.nodes).toEqual(fromJson.filter((n) => names.includes(n.name)));
  });

  it('node-01: allocatable memory is the bytes of the 16216383Ki kubectl printed, cpu 3800m', () => {
    const text = read('describe-node-01.txt');
    expect(text).toMatch(/^Allocatable:\n  cpu:\s+3800m\n(?:.*\n)*?  memory:\s+16216383Ki$/m);
    const [n] = importDescribeNode(text, { origin: 'd.txt' }).nodes;
    expect(n).toEqual({
      name: 'node-01',
      capacity: { cpuMillicores: 4000, memoryBytes: 16318784 * 1024 },
      allocatable: { cpuMillicores: 3800, memoryBytes: 16216383 * 1024 },
      usage: null,
    });
  });

  it("the Allocated resources table becomes an info note per node with kubectl's totals", () => {
    const text = read('describe-nodes.txt');
    const notes = importDescribeNode(text, { origin: 'd.txt' }).notes;
    expect(notes.map((n) => [n.code, n.level])).toEqual(Array(3).fill(['describe-node-allocated', 'info']));
    expect(notes[1]!.message).toBe(
      'node node-01: kubectl describe totals its non-terminated pods (percent of allocatable): cpu requests 9803m (257%), limits 10801500u (284%); memory requests 8002456853 (48%), limits 3830946346 (23%)',
    );
    expect(text).toContain('  cpu                9803m (257%)      10801500u (284%)');
  });

  it('a command line above the output, CRLF line ends: same nodes, lines still right', () => {
    const text = ('$ kubectl describe node node-01\n' + read('describe-node-01.txt')).replace(/\n/g, '\r\n');
    expect(looksLikeDescribeNode(text)).toBe(true);
    const r = importDescribeNode(text, { origin: 'd.txt' });
    expect(r.nodes).toEqual(fromJson.filter((n) => n.name === 'node-01'));
    expect(r.notes[0]!.source).toBe(`d.txt:${lineOf(text, '(Total limits may be over')}`);
  });

  const bad: Array<[string, string, string, string]> = [
    ['malformed allocatable memory', '  memory:             16216383Ki', '  memory:             16216383KiB', 'malformed quantity "16216383KiB" in node node-01 allocatable.memory'],
    ['malformed capacity cpu', '  cpu:                4\n', '  cpu:                4 cores\n', 'expected "resource: quantity" under Capacity, found "cpu:                4 cores"'],
    ['negative capacity cpu', '  cpu:                4\n', '  cpu:                -4\n', 'negative quantity "-4" in node node-01 capacity.cpu'],
  ];
  it.each(bad)('%s: InputError naming file:line, node and field', (_, from, to, message) => {
    const text = read('describe-node-01.txt').replace(from, to);
    const line = lineOf(text, to.trim());
    expect(line).toBeGreaterThan(0);
    const run = () => importDescribeNode(text, { origin: 'd.txt' });
    expect(run).toThrow(InputError);
    expect(run).toThrow(`d.txt:${line}: ${message}`);
  });

  it('a node described twice, and text before the first Name:, are errors', () => {
    const one = read('describe-node-01.txt');
    expect(() => importDescribeNode(one + '\n' + one, { origin: 'd.txt' })).toThrow(/node node-01 is described twice/);
    expect(() => importDescribeNode('hello\n' + one, { origin: 'd.txt' })).toThrow('d.txt:1: not `kubectl describe node` output');
  });

  it('a node without Capacity/Allocatable sections: null, not zero, with a warning', () => {
    const text = read('describe-node-01.txt').replace(/^Capacity:\n(?:  .*\n)*Allocatable:\n(?:  .*\n)*/m, '');
    const r = importDescribeNode(text, { origin: 'd.txt' });
    expect(r.nodes).toEqual([{ name: 'node-01', capacity: null, allocatable: null, usage: null }]);
    expect(r.notes.find((n) => n.code === 'describe-node-no-resources')?.level).toBe('warn');
  });

  it('in a terminal transcript, next to kubectl top node: both sections read', () => {
    const text = '$ kubectl describe node node-01\n' + read('describe-node-01.txt') + '$ kubectl top node\n' + read('top-node.txt');
    const r = importTranscript(text, { origin: 's.txt' });
    expect(r.kind).toBe('terminal transcript (2 sections: kubectl describe node node-01, kubectl top node)');
    expect(r.nodes.map((n) => [n.name, n.allocatable !== null, n.usage !== null])).toEqual([
      ['node-01', true, false],
      ['node-00', false, true],
      ['node-01', false, true],
      ['node-02', false, true],
    ]);
  });
});
