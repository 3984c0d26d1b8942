// Colour follows "lower is better": a rise in requests is red, a fall green; no colour when off.
import { describe, expect, it } from 'vitest';
import { compareReports } from '../../src/analyze/compare.js';
import { renderCompareTable } from '../../src/render/compare-table.js';
import { renderCompareMarkdown } from '../../src/render/compare-markdown.js';
import { component, makeReport, Mi, r } from './make-report.js';

const RED = '\u001b[31m';
const GREEN = '\u001b[32m';

describe('compare table colour', () => {
  const cmp = compareReports(
    { report: makeReport([component('ns', 'a', r(100, 200 * Mi))]), label: 'before.json' },
    { report: makeReport([component('ns', 'a', r(150, 100 * Mi))]), label: 'after.json' },
  );

  it('paints a rise red and a fall green', () => {
    const text = renderCompareTable(cmp, { color: true });
    const line = (label: string) => text.split('\n').find((l) => l.startsWith(label))!;
    expect(line('Declared CPU requests')).toContain(`${RED}+50m`);
    expect(line('Declared memory requests')).toContain(`${GREEN}-100Mi`);
    expect(line('Declared CPU requests')).toContain(`${RED}+50%`);
  });

  it('has no escape codes when colour is off', () => {
    expect(renderCompareTable(cmp, { color: false })).not.toMatch(/\u001b\[/);
  });

  it('marks worse ▲ and better ▼ in markdown', () => {
    const md = renderCompareMarkdown(cmp);
    expect(md).toContain('| Declared CPU requests | 100m | 150m | +50m ▲ | +50% |');
    expect(md).toContain('| Declared memory requests | 200Mi | 100Mi | -100Mi ▼ | -50% |');
  });
});
