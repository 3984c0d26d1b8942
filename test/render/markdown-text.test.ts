import { describe, expect, it } from 'vitest';
import { marked } from 'marked';
import { mdCode, mdInlineCode, mdTable, mdText, mermaidLabel } from '../../src/render/markdown-text.js';

describe('mdText', () => {
  it.each([
    ['activator', 'activator'],
    ['knative-serving', 'knative-serving'],
    ['a|b', 'a\\|b'],
    ['<script>', '&lt;script&gt;'],
    ['a & b', 'a &amp; b'],
    ['`x`', '\\`x\\`'],
    ['*x* _y_', '\\*x\\* \\_y\\_'],
    ['[x](y)', '\\[x\\](y)'],
    ['$x$', '\\$x\\$'],
    ['~x~', '\\~x\\~'],
    ['back\\slash', 'back\\\\slash'],
    ['a\nb\r\nc', 'a b c'],
    ['# title', '\\# title'],
    ['- item', '\\- item'],
    ['+ item', '\\+ item'],
    ['1. item', '1\\. item'],
    ['mid # dash - plus +', 'mid # dash - plus +'],
  ])('mdText(%j) = %j', (input, want) => expect(mdText(input)).toBe(want));
});

describe('mdTable', () => {
  it('writes a GFM table with alignment and keeps empty cells as a space', () => {
    expect(mdTable(['A', 'B'], [['x', ''], ['y', '2']], ['left', 'right'])).toBe('| A | B |\n|---|---:|\n| x |   |\n| y | 2 |\n');
  });
});

describe('mdCode', () => {
  it('uses a fence longer than any backtick run inside', () => {
    expect(mdCode(['echo hi'], 'sh')).toBe('```sh\necho hi\n```\n');
    expect(mdCode(['a ``` b', 'c ````'])).toBe('`````\na ``` b\nc ````\n`````\n');
  });
});

describe('mermaidLabel', () => {
  it.each([
    ['bare OS', 'bare OS'],
    ['k0s "quoted" <x>', 'k0s quoted x'],
    ['a;b%%c', 'a b c'],
    ['"', '?'],
  ])('mermaidLabel(%j) = %j', (input, want) => expect(mermaidLabel(input)).toBe(want));
});

describe('mdInlineCode', () => {
  it.each([
    ['knative-serving/activator', '`knative-serving/activator`'],
    ['a`b', '``a`b``'],
    ['``x', '``` ``x ```'],
    ['two\nlines', '`two lines`'],
  ])('%j → %s', (input, expected) => {
    expect(mdInlineCode(input)).toBe(expected);
  });

  it('keeps a hostile name inside one code span when rendered', () => {
    const html = marked.parseInline(mdInlineCode('a`<script>`b')) as string;
    expect(html).toBe('<code>a`&lt;script&gt;`b</code>');
  });
});
