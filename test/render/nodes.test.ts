// The NODES section: listed only when some figure is known, the first NODES_LISTED nodes of a big
// cluster with a count of the rest, every node in -o json.
import { describe, expect, it } from 'vitest';
import type { ReportNode } from '../../src/analyze/report-model.js';
import { renderJson } from '../../src/render/json.js';
import { renderMarkdown } from '../../src/render/markdown.js';
import { renderTable } from '../../src/render/table.js';
import { NODES_LISTED } from '../../src/render/words.js';
import { loadReportFixture } from './golden.js';

const GI = 2 ** 30;
const many = (n: number): ReportNode[] =>
  Array.from({ length: n }, (_, i) => ({
    name: `node-${String(i).padStart(4, '0')}`,
    capacity: { cpuMillicores: 8000, memoryBytes: 32 * GI },
    allocatable: { cpuMillicores: 7800, memoryBytes: 31 * GI },
    usage: null,
  }));

describe('NODES section', () => {
  it.each([
    [0, 0, null],
    [1, 1, null],
    [NODES_LISTED, NODES_LISTED, null],
    [NODES_LISTED + 1, NODES_LISTED, '1 more node'],
    [1000, NODES_LISTED, '990 more nodes'],
  ] as const)('%i nodes: %i listed, then %s', (count, listed, more) => {
    const report = { ...loadReportFixture('empty'), nodes: many(count) };
    const table = renderTable(report, { color: false });
    const md = renderMarkdown(report);
    expect(table.match(/^ {2}node-\d{4} /gm)?.length ?? 0).toBe(listed);
    expect(md.match(/^\| node-\d{4} \|/gm)?.length ?? 0).toBe(listed);
    expect(table.includes('NODES (')).toBe(count > 0);
    expect(md.includes('## Nodes')).toBe(count > 0);
    if (more === null) {
      expect(table).not.toContain('more node');
      expect(md).not.toContain('more node');
    } else {
      expect(table).toContain(`… and ${more} (-o json lists all ${count.toLocaleString('en-US')}).`);
      expect(md).toContain(`… and ${more}: \`-o json\` lists all ${count.toLocaleString('en-US')}.`);
    }
    expect((JSON.parse(renderJson(report)) as { nodes: unknown[] }).nodes).toHaveLength(count);
  });

  it('is left out when no node has a known figure', () => {
    const report = { ...loadReportFixture('empty'), nodes: [{ name: 'bare', capacity: null, allocatable: null, usage: null }] };
    expect(renderTable(report, { color: false })).not.toContain('NODES');
    expect(renderMarkdown(report)).not.toContain('## Nodes');
  });

  it('json puts nodes after reproduce and before unknown keys, and orders a node\'s keys by the stable rules', () => {
    const json = renderJson({ ...loadReportFixture('knative-k0s') });
    const top = Object.keys(JSON.parse(json) as object);
    expect(top.slice(top.indexOf('reproduce'))).toEqual(['reproduce', 'nodes', 'distro']);
    expect(Object.keys((JSON.parse(json) as { nodes: object[] }).nodes[0]!)).toEqual(['usage', 'name', 'capacity', 'allocatable']);
  });
});
