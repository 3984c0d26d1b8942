// The Markdown rendered by a real Markdown library (marked, GFM): tables come out as tables with
// the right shape, hostile names stay text, the chart is a ```mermaid fence.
import { marked, type Token, type Tokens } from 'marked';
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../src/render/markdown.js';
import { loadReportFixture } from './golden.js';

function tables(md: string): Tokens.Table[] {
  const out: Tokens.Table[] = [];
  marked.walkTokens(marked.lexer(md, { gfm: true }), (t: Token) => {
    if (t.type === 'table') out.push(t as Tokens.Table);
  });
  return out;
}

function cellText(c: Tokens.TableCell): string {
  // Plain text of a cell as a reader sees it: entities and escapes resolved.
  return marked
    .parseInline(c.text, { gfm: true })
    .toString()
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

describe('knative-k0s markdown through marked', () => {
  const report = loadReportFixture('knative-k0s');
  const md = renderMarkdown(report);
  const html = marked.parse(md, { gfm: true }) as string;

  it('renders the component table per namespace with 5 cells in every row and a Total row', () => {
    const all = tables(md);
    const ks = all.find((t) => t.rows.some((r) => cellText(r[0]!) === 'activator'))!;
    expect(ks.header.map(cellText)).toEqual(['Component', 'CPU request', 'CPU limit', 'Memory request', 'Memory limit']);
    expect(ks.rows).toHaveLength(8); // 7 captured components + Total
    for (const row of ks.rows) expect(row).toHaveLength(5);
    expect(ks.rows.at(-1)!.map(cellText)).toEqual(['Total', '730m (1 not set)', '4800m (1 not set)', '500Mi (1 not set)', '4500Mi (1 not set)']);
  });

  it('has every table well-formed: as many cells per row as header cells', () => {
    const all = tables(md);
    expect(all.length).toBeGreaterThanOrEqual(10);
    for (const t of all) for (const r of t.rows) expect(r).toHaveLength(t.header.length);
    expect((html.match(/<table>/g) ?? []).length).toBe(all.length);
  });

  it('puts the chart in a ```mermaid fence holding a pie of positive slices', () => {
    const code: Tokens.Code[] = [];
    marked.walkTokens(marked.lexer(md), (t) => {
      if (t.type === 'code') code.push(t as Tokens.Code);
    });
    const chart = code.find((c) => c.lang === 'mermaid')!;
    expect(chart).toBeDefined();
    const lines = chart.text.split('\n');
    expect(lines[0]).toBe('pie showData');
    expect(lines[1]).toMatch(/^ {4}title [^"\n]+$/);
    const slices = lines.slice(2);
    expect(slices.length).toBeGreaterThanOrEqual(2);
    for (const s of slices) expect(s).toMatch(/^ {4}"[A-Za-z0-9 .,:()/+_-]+" : \d+(\.\d)?$/);
    // bare OS + k0s + Knative + free = the node's 1500Mi
    const sum = slices.reduce((a, s) => a + Number(s.split(' : ')[1]), 0);
    expect(sum).toBeCloseTo(1500, 5);
    expect(html).toContain('<pre><code class="language-mermaid">');
  });

  it('puts the reproducing commands in a shell code block, verbatim', () => {
    const code: Tokens.Code[] = [];
    marked.walkTokens(marked.lexer(md), (t) => {
      if (t.type === 'code') code.push(t as Tokens.Code);
    });
    expect(code.find((c) => c.lang === 'sh')!.text).toBe(report.reproduce.join('\n'));
  });
});

describe('hostile names through marked', () => {
  const report = loadReportFixture('hostile');
  const md = renderMarkdown(report);
  const html = marked.parse(md, { gfm: true }) as string;

  it('keeps a|b, <script>, markdown specials and newlines inside their cell', () => {
    const all = tables(md);
    for (const t of all) for (const r of t.rows) expect(r).toHaveLength(t.header.length);
    const comp = all.find((t) => t.header.map(cellText)[0] === 'Component')!;
    const names = comp.rows.map((r) => cellText(r[0]!));
    expect(names).toEqual([
      '# not a heading *bold* _em_ `code` [x](y) $m$ ~s~ &amp; \\',
      '<script>alert(1)</script>',
      'a|b',
      'line break name',
      'Total',
    ]);
  });

  it('never lets input become HTML, a heading, emphasis, code or a link', () => {
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b>');
    expect(html).not.toMatch(/<h[1-6][^>]*>[^<]*not a heading/);
    expect(html).not.toContain('<em>em</em>');
    expect(html).not.toContain('<strong>bold</strong>');
    expect(html).not.toContain('<code>code</code>');
    expect(html).not.toContain('<a href="y"');
    expect(html).not.toContain('<del>');
  });

  it('keeps backtick runs in commands inside the code block', () => {
    const code: Tokens.Code[] = [];
    marked.walkTokens(marked.lexer(md), (t) => {
      if (t.type === 'code') code.push(t as Tokens.Code);
    });
    expect(code.find((c) => c.lang === 'sh')!.text).toBe(report.reproduce.join('\n'));
  });

  it('sanitises the layer name inside the Mermaid chart', () => {
    expect(md).toContain('    "base os x" : 300\n');
  });
});

describe('empty report', () => {
  it('says there is nothing to total instead of printing zeros or NaN', () => {
    const md = renderMarkdown(loadReportFixture('empty'));
    expect(md).toContain('The snapshot holds no pods: there is nothing to total.');
    expect(md).not.toMatch(/NaN|undefined|Infinity/);
    expect(md).not.toContain('```mermaid');
  });
});
