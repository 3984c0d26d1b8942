import { describe, expect, it } from 'vitest';
import { buildReport } from '../../src/analyze/report.js';
import { allocatableNote, nodeSizeArgument, nodeSizeHint, reportNodes } from '../../src/analyze/report-nodes.js';
import type { ReportNode } from '../../src/analyze/report-model.js';
import { parseResourceList } from '../../src/cli/commands/report-options.js';
import type { Node, R } from '../../src/model/snapshot.js';
import { ctr, pod, q, snapshot } from './helpers.js';

const MI = 2 ** 20;
const GI = 2 ** 30;
const r = (cpuMillicores: number | null, memoryBytes: number | null): R => ({ cpuMillicores, memoryBytes });
const node = (name: string, capacity: R | null, allocatable: R | null = null, usage: R | null = null): ReportNode => ({ name, capacity, allocatable, usage });
const k0s = node('k0s-1', r(1000, 1500 * MI), r(1000, 1400 * MI), r(166, 1341 * MI));

describe('reportNodes', () => {
  it('copies name and figures, drops the live-only summary, keeps nulls as null', () => {
    const live: Node = { ...k0s, summary: null };
    expect(reportNodes([live, node('bare', null)])).toEqual([k0s, node('bare', null)]);
    expect(Object.keys(reportNodes([live])[0]!)).toEqual(['name', 'capacity', 'allocatable', 'usage']);
  });
});

describe('nodeSizeHint', () => {
  it.each([
    ['one node with known capacity', [k0s], null, "The snapshot's node k0s-1 has cpu=1, memory=1500Mi; add --node-size cpu=1,memory=1500Mi to check the fit on it."],
    ['fractional CPU and an odd memory size', [node('pi', r(1500, 3_999_997_952))], null, "The snapshot's node pi has cpu=1500m, memory=3906248Ki; add --node-size cpu=1500m,memory=3906248Ki to check the fit on it."],
    ['--node-size given', [k0s], { cpuMillicores: 2000, memoryBytes: 4 * GI }, null],
    ['two nodes', [k0s, node('k0s-2', r(1000, 1500 * MI))], null, null],
    ['no nodes', [], null, null],
    ['capacity unknown (top node only)', [node('vagrant', null, null, r(166, 1341 * MI))], null, null],
    ['capacity memory unknown', [node('n', r(1000, null))], null, null],
    ['capacity zero', [node('n', r(0, GI))], null, null],
  ] as const)('%s', (_what, nodes, size, expected) => {
    expect(nodeSizeHint(nodes, size)).toBe(expected);
  });

  it.each([
    [1000, 1500 * MI], [1500, 3_999_997_952], [250, 512 * MI], [4000, 16 * GI], [1, 1], [64_000, 256 * GI + 1024],
  ])('its --node-size value parses back to the same numbers (cpu %i m, memory %i B)', (cpuMillicores, memoryBytes) => {
    expect(parseResourceList('node-size', nodeSizeArgument({ cpuMillicores, memoryBytes }), true)).toEqual({ cpuMillicores, memoryBytes });
  });
});

describe('allocatableNote', () => {
  const size = { cpuMillicores: 1000, memoryBytes: 1500 * MI };
  it.each([
    ['matching allocatable', [k0s], size, r(1000, 1400 * MI), null],
    ['no --node-size', [k0s], null, r(1000, 1400 * MI), null],
    ['capacity differs from --node-size', [k0s], { cpuMillicores: 2000, memoryBytes: 1500 * MI }, r(2000, 1400 * MI), null],
    ['allocatable unknown', [node('n', r(1000, 1500 * MI))], size, r(1000, 1400 * MI), null],
    ['kubelet reserves more memory', [k0s], size, r(1000, 1300 * MI), 'Node k0s-1 reports allocatable cpu=1,memory=1400Mi, but the fit on its capacity used cpu=1,memory=1300Mi'],
    ['kubelet reserves CPU', [node('a', r(1000, 1500 * MI), r(900, 1400 * MI)), node('b', r(1000, 1500 * MI), r(900, 1400 * MI)), node('c', r(1000, 1500 * MI), r(1000, 1400 * MI))], size, r(1000, 1400 * MI),
      'Node a (and 1 more node of that capacity) reports allocatable cpu=900m,memory=1400Mi, but the fit on its capacity used cpu=1,memory=1400Mi'],
  ] as const)('%s', (_what, nodes, nodeSize, fitAllocatable, expected) => {
    const n = allocatableNote(nodes, nodeSize, fitAllocatable);
    if (expected === null) expect(n).toBeNull();
    else {
      expect(n).toMatchObject({ code: 'node-allocatable-differs', level: 'warn' });
      expect(n!.message.startsWith(expected)).toBe(true);
      expect(n!.message).toContain("the kubelet's reservations differ from the flags given");
    }
  });
});

describe('buildReport with the snapshot\'s nodes', () => {
  const pods = [
    pod('default', 'web-1', [ctr('web', { req: ['300m', '200Mi'], lim: ['1', '400Mi'] })], { owner: ['Deployment', 'web'], usage: ['20m', '90Mi'] }),
  ];
  const withNodes = (nodes: Node[]) => snapshot(pods, { nodes });

  it('carries the nodes, and the hint is the only change to the recommendation', () => {
    const without = buildReport({ snapshot: withNodes([{ ...k0s, capacity: null }]), reproduce: [] });
    const withCap = buildReport({ snapshot: withNodes([k0s]), reproduce: [] });
    expect(withCap.nodes).toEqual([k0s]);
    const { reasons: a, ...restA } = without.recommendation;
    const { reasons: b, ...restB } = withCap.recommendation;
    expect(restB).toEqual(restA);
    expect(b).toEqual([...a, "The snapshot's node k0s-1 has cpu=1, memory=1500Mi; add --node-size cpu=1,memory=1500Mi to check the fit on it."]);
  });

  it('gives no hint with --node-size, and notes a kubelet allocatable that differs from the fit\'s', () => {
    const rep = buildReport({ snapshot: withNodes([{ ...k0s, allocatable: q('900m', '1200Mi') }]), nodeSize: { cpuMillicores: 1000, memoryBytes: 1500 * MI }, reproduce: [] });
    expect(rep.recommendation.reasons.join('\n')).not.toContain('add --node-size');
    expect(rep.fit!.allocatable).toEqual(r(1000, 1400 * MI));
    const notes = rep.notes.filter((n) => n.code === 'node-allocatable-differs');
    expect(notes).toHaveLength(1);
    expect(notes[0]!.message).toContain('reports allocatable cpu=900m,memory=1200Mi, but the fit on its capacity used cpu=1,memory=1400Mi');
  });

  it('notes nothing when the flags match the kubelet', () => {
    const rep = buildReport({
      snapshot: withNodes([{ ...k0s, allocatable: q('900m', '1200Mi') }]),
      nodeSize: { cpuMillicores: 1000, memoryBytes: 1500 * MI },
      reserved: { kubeReserved: r(100, 200 * MI) },
      reproduce: [],
    });
    expect(rep.notes.some((n) => n.code === 'node-allocatable-differs')).toBe(false);
  });
});
