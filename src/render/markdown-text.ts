// Building blocks of GitHub-flavoured Markdown that stay intact whatever text comes from input:
// a pod named `a|b`, `<script>`, `*x*` or `# title` is shown as written and cannot break a table,
// start a heading or inject HTML.

/** Inline text: one line, no control characters (an escape sequence would reach a terminal that shows the file), Markdown and HTML specials escaped. */
export function mdText(s: string): string {
  const oneLine = s.replace(/\r\n|\r|\n|\u2028|\u2029/g, ' ').replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ');
  const escaped = oneLine.replace(/[\\`*_[\]|~$&<>]/g, (c) => {
    if (c === '&') return '&amp;';
    if (c === '<') return '&lt;';
    if (c === '>') return '&gt;';
    return '\\' + c;
  });
  // What would open a block (heading, quote, list, setext underline) when it starts a line.
  return escaped.replace(/^(\s*)([#+=-]|\d+(?=[.)]))/, (_m, ws: string, lead: string) =>
    /^\d/.test(lead) ? `${ws}${lead}\\` : `${ws}\\${lead}`,
  );
}

/** Inline code for text from input: one line, a backtick fence longer than any run inside it. */
export function mdInlineCode(s: string): string {
  const oneLine = s.replace(/\r\n|\r|\n|\u2028|\u2029/g, ' ');
  const longest = Math.max(0, ...(oneLine.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = oneLine.startsWith('`') || oneLine.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${oneLine}${pad}${fence}`;
}

export type Align = 'left' | 'right';

/** A GFM table. Cells are Markdown already (escape input with mdText first). */
export function mdTable(head: string[], rows: string[][], align: Align[] = []): string {
  const line = (cells: string[]) => `| ${cells.map((c) => (c === '' ? ' ' : c)).join(' | ')} |`;
  const rule = head.map((_, i) => (align[i] === 'right' ? '---:' : '---'));
  return [line(head), `|${rule.join('|')}|`, ...rows.map(line)].join('\n') + '\n';
}

/** A fenced code block whose fence is longer than any backtick run inside it. */
export function mdCode(lines: string[], lang = ''): string {
  const body = lines.map((l) => l.replace(/\r\n|\r/g, '\n')).join('\n');
  const longest = Math.max(0, ...[...body.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${lang}\n${body}\n${fence}\n`;
}

/** A label inside a Mermaid chart: quotes, brackets and anything unusual become spaces. */
export function mermaidLabel(s: string): string {
  const safe = s.replace(/[^A-Za-z0-9 .,:()/+_-]/g, ' ').replace(/\s+/g, ' ').trim();
  return safe === '' ? '?' : safe.slice(0, 60);
}
