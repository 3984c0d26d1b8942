// reports/ holds what `npm run reports` makes from samples/: regenerating gives the same bytes.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { marked } from 'marked';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

const out = mkdtempSync(join(tmpdir(), 'edge-profile-reports-check-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('reports/', () => {
  it('regenerating every report gives the checked-in bytes', async () => {
    // @ts-expect-error -- a plain ESM script without type declarations
    const { generate } = (await import('../../scripts/reports.mjs')) as { generate: (dir: string) => string[] };
    const written = generate(out).map((p) => p.slice(out.length + 1)).sort();
    const checkedIn = readdirSync(join(ROOT, 'reports')).filter((f) => f.endsWith('.md') && f !== 'README.md').sort();
    expect(written).toEqual(checkedIn);
    for (const f of written) expect(readFileSync(join(out, f), 'utf8'), f).toBe(readFileSync(join(ROOT, 'reports', f), 'utf8'));
  });

  it('the knative-k0s report shows the true sums of the captures and a Pending pod on 1 CPU, 1500Mi', () => {
    const md = readFileSync(join(ROOT, 'reports', 'knative-k0s.md'), 'utf8');
    const html = marked.parse(md, { gfm: true }) as string;
    expect(html).toContain('<td align="right"><strong>730m (1 not set)</strong></td>');
    expect(html).toContain('<td align="right"><strong>4800m (1 not set)</strong></td>');
    expect(html).toContain('<td align="right"><strong>500Mi (1 not set)</strong></td>');
    expect(html).toContain('<td align="right"><strong>4500Mi (1 not set)</strong></td>');
    expect(md).toContain('**Does not fit:**');
    expect(md).toContain('Insufficient cpu');
    expect(md).toMatch(/\| bare OS \| 170Mi \|[^\n]*\n\| k0s \| 558Mi \|[^\n]*\n\| Knative \| 1341Mi \|/);
    expect(md).toContain('```mermaid\npie showData\n');
  });

  it('the reduced knative-k0s report fits every pod on the same node', () => {
    const md = readFileSync(join(ROOT, 'reports', 'knative-k0s-reduced.md'), 'utf8');
    expect(md).toMatch(/^Requests and limits in all namespaces except kube-system were multiplied by 0\.\d+ before/m);
    expect(md).toMatch(/^- \*\*Fit:\*\* all \d+ pods fit on 1 CPU, 1500Mi\.$/m);
    expect(md).toContain('**Fits:**');
    expect(md).not.toContain('would stay Pending');
  });
});
