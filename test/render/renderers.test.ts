// Golden files for every format on every hand-built fixture, and the properties the goldens
// alone would not state: 80 columns, colour only when asked for, JSON round-trips.
import { describe, expect, it } from 'vitest';
import { renderReport, REPORT_FORMAT_NAMES } from '../../src/render/index.js';
import { renderTable } from '../../src/render/table.js';
import { expectGolden, FIXTURES, loadReportFixture } from './golden.js';

const EXT = { table: 'txt', json: 'json', markdown: 'md' } as const;
const ANSI = /\u001b\[[0-9;]*m/;

describe.each(FIXTURES)('fixture %s', (name) => {
  const report = loadReportFixture(name);

  it.each(REPORT_FORMAT_NAMES)('-o %s matches its golden file', (format) => {
    expectGolden(`${name}.${EXT[format]}`, renderReport(report, format, { color: false }));
  });

  it('table fits in 80 columns and has no colour codes unless asked', () => {
    const out = renderTable(report, { color: false });
    expect(out).not.toMatch(ANSI);
    for (const line of out.split('\n')) expect([...line].length, line).toBeLessThanOrEqual(80);
    expect(out.endsWith('\n')).toBe(true);
  });

  it('coloured table has colour codes and the same text once they are stripped', () => {
    const coloured = renderTable(report, { color: true });
    expect(coloured).toMatch(ANSI);
    // eslint-disable-next-line no-control-regex
    expect(coloured.replace(/\u001b\[[0-9;]*m/g, '')).toBe(renderTable(report, { color: false }));
  });

  it('json parses back to the same report', () => {
    expect(JSON.parse(renderReport(report, 'json', { color: false }))).toEqual(report);
  });
});

describe('what the knative-k0s report says', () => {
  const report = loadReportFixture('knative-k0s');
  const table = renderTable(report, { color: false });
  const md = renderReport(report, 'markdown', { color: false });

  it('shows the true sums of the captured knative-serving rows, not the reference\'s 860m/5600m/640Mi/5400Mi', () => {
    expect(md).toContain('| **Total** | **730m (1 not set)** | **4800m (1 not set)** | **500Mi (1 not set)** | **4500Mi (1 not set)** |');
    expect(table).toMatch(/^ {4}total +730m +4800m +500Mi +4500Mi$/m);
    for (const wrong of ['860m', '5600m', '640Mi', '5400Mi']) expect(md).not.toContain(wrong);
  });

  it('names the pending pod and why, in both outputs', () => {
    for (const out of [md, table]) {
      expect(out).toContain('default-domain');
      expect(out).toContain('Insufficient cpu: needs 100m, 10m free');
    }
  });

  it('shows missing values as missing, never as 0', () => {
    expect(table).toMatch(/net-kourier-controller +not set +not set +not set +not set/);
    expect(md).toContain('| knative-serving | autoscaler-hpa | — | — |');
  });

  it('marks assumed distribution rows', () => {
    expect(md).toContain('coredns *(assumed)*');
    expect(table).toMatch(/^ {4}coredns\* /m);
  });
});
