// A pasted terminal session: prompts, kubectl's klog stderr noise and outputs, interleaved.
import { note, type Note } from '../../model/snapshot.js';
import { importCustomColumns } from './custom-columns.js';
import { importDescribeNode } from './describe-node.js';
import { importFree } from './free.js';
import { importKubectlGetPods } from './kubectl-get-pods.js';
import { importKubectlTopNode, importKubectlTopPod } from './kubectl-top.js';
import { importTop } from './top.js';
import { promptCommand, splitCells, splitLines, namespaceFlag, where, type Line } from './text-table.js';
import { parseCommand, sniffHeaderLine, type CommandKind } from './text-sniff.js';
import type { ImportContext, ImportResult, Importer } from './types.js';
import { plural } from '../../text.js';

/** Importers for command kinds this module leaves to others (e.g. `kubectl-json`, `kubectl-yaml`). */
export type ExtraImporters = Partial<Record<CommandKind, Importer>>;

export const TRANSCRIPT_IMPORTERS: Partial<Record<CommandKind, Importer>> = {
  'kubectl-top-pod': importKubectlTopPod,
  'kubectl-top-node': importKubectlTopNode,
  'kubectl-get-pods-custom-columns': importCustomColumns,
  'kubectl-get-pods': importKubectlGetPods,
  'kubectl-describe-node': importDescribeNode,
  free: importFree,
  top: importTop,
};

const SNIFFED_TO_COMMAND: Record<string, CommandKind> = {
  'custom-columns': 'kubectl-get-pods-custom-columns',
  'get-pods': 'kubectl-get-pods',
  'top-pod': 'kubectl-top-pod',
  'top-pod-containers': 'kubectl-top-pod',
  'top-node': 'kubectl-top-node',
  free: 'free',
  'top-b': 'top',
};

const SNIFFED_LABEL: Record<string, string> = {
  'custom-columns': 'kubectl get pods -o custom-columns',
  'get-pods': 'kubectl get pods',
  'top-pod': 'kubectl top pod',
  'top-pod-containers': 'kubectl top pod --containers',
  'top-node': 'kubectl top node',
  free: 'free',
  'top-b': 'top -b',
};

/** klog's header: Lmmdd hh:mm:ss.uuuuuu threadid file:line] msg */
const KLOG = /^[IWEF]\d{4} \d{2}:\d{2}:\d{2}\.\d+\s+\d+ [\w./-]+:\d+\] ?(.*)$/;

// Words that make "# …" / "$ …" a command rather than a comment.
const COMMAND_WORDS = new Set(
  'kubectl k0s k3s microk8s microk8s.kubectl free top sudo curl wget cat ls cd echo helm vagrant ssh export systemctl journalctl ps df du uname apt apt-get yum dnf docker crictl ctr watch kn'.split(
    ' ',
  ),
);

/** A prompt line's command, or null. "# words" is a prompt only when it starts with a known command. */
export function transcriptPrompt(text: string): string | null {
  const cmd = promptCommand(text);
  if (cmd === null) return null;
  if (/^[#>]/.test(text)) return COMMAND_WORDS.has(cmd.split(/\s+/)[0] ?? '') ? cmd : null;
  return cmd;
}

/** Decides which lines belong to one output: test() peeks, take() consumes. */
interface Acceptor {
  test(line: string): boolean;
  take(line: string): void;
}

function stateless(test: (l: string) => boolean): Acceptor {
  return { test, take: () => undefined };
}

function acceptorFor(kind: CommandKind): Acceptor {
  switch (kind) {
    case 'free':
      return stateless((l) => /^\s*total\s+used\s+free/.test(l) || /^\s*(Mem|Low|High|Swap|Total|-\/\+ buffers\/cache):/.test(l));
    case 'top':
      return stateless(
        (l) =>
          /^top - /.test(l) ||
          /^(Tasks|Threads|%?Cpu|[KMGTPE]iB (Mem|Swap)|Mem|Swap)\b/.test(l) ||
          /^\s*PID\s+/.test(l) ||
          /^\s*\d+\s+\S+\s+(-?\d+|rt)\s+-?\d+(\s|$)/.test(l),
      );
    case 'kubectl-json': {
      let depth = 0;
      let started = false;
      return {
        test: () => !(started && depth === 0),
        take: (l) => {
          for (const c of l.replace(/"(?:[^"\\]|\\.)*"/g, '""')) {
            if (c === '{' || c === '[') [depth, started] = [depth + 1, true];
            else if (c === '}' || c === ']') depth--;
          }
        },
      };
    }
    case 'kubectl-describe-node':
      // "Name:"-style headers in column 0, everything else indented under them
      return stateless((l) => /^\s/.test(l) || /^[A-Z][\w -]*:(\s|$)/.test(l));
    case 'kubectl-yaml':
      return stateless((l) => /^(\s|-|---|[\w./-]+:)/.test(l));
    default: {
      // kubectl tables: a header, then rows with as many cells (kubectl pads cells with 3 spaces).
      let columns = 0;
      let done = false;
      return {
        test: (l) => !done && (columns === 0 || splitCells(l).length === columns),
        take: (l) => {
          if (columns > 0) return;
          columns = splitCells(l).length;
          if (/^No resources found/.test(l.trim())) done = true;
        },
      };
    }
  }
}

interface Section {
  kind: CommandKind;
  label: string;
  command: string | null;
  promptIndex: number | null;
  lines: Line[];
}

export function importTranscript(text: string, ctx: ImportContext, extra: ExtraImporters = {}): ImportResult {
  const importers: Partial<Record<CommandKind, Importer>> = { ...TRANSCRIPT_IMPORTERS, ...extra };
  const lines = splitLines(text);
  const notes: Note[] = [];
  const klog = new Map<string, { count: number; first: number }>();
  const sections: Section[] = [];
  // Held in an object: TypeScript does not see closures reassign plain locals.
  const st: { current: Section | null; accept: Acceptor | null } = { current: null, accept: null };
  let skipping: { label: string; index: number; lines: number } | null = null;
  let prose: { index: number; text: string; after: string; more: number; level: 'warn' | 'info' } | null = null;
  let preamble = 0;

  const flushSkip = () => {
    if (!skipping) return;
    notes.push(
      note('transcript-skipped', 'info', `skipped \`${skipping.label}\`: not an input edge-profile reads (${skipping.lines} output lines)`, where(ctx, skipping.index)),
    );
    skipping = null;
  };
  const flushProse = () => {
    if (!prose) return;
    const more = prose.more > 0 ? ` (and ${plural(prose.more, 'more line')} up to the next command)` : '';
    notes.push(note('transcript-prose', prose.level, `"${prose.text}" is not part of the \`${prose.after}\` output, ignored${more}`, where(ctx, prose.index)));
    prose = null;
  };
  const close = () => {
    if (st.current) sections.push(st.current);
    st.current = null;
    st.accept = null;
  };
  const startSection = (kind: CommandKind, label: string, command: string | null, promptIndex: number | null) => {
    st.current = { kind, label, command, promptIndex, lines: [] };
    st.accept = acceptorFor(kind);
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const k = KLOG.exec(line.text);
    if (k) {
      const msg = k[1]!.trim();
      const seen = klog.get(msg);
      if (seen) seen.count++;
      else klog.set(msg, { count: 1, first: line.index });
      continue;
    }
    const cmd = transcriptPrompt(line.text);
    if (cmd !== null) {
      close();
      flushSkip();
      flushProse();
      if (cmd === '') continue;
      const parsed = parseCommand(cmd);
      if (parsed.kind && importers[parsed.kind]) startSection(parsed.kind, parsed.label, cmd, line.index);
      else skipping = { label: parsed.label, index: line.index, lines: 0 };
      continue;
    }
    if (skipping) {
      if (line.text.trim() !== '') skipping.lines++;
      continue;
    }
    if (st.current && st.accept) {
      const sec = st.current;
      const accept = st.accept;
      if (line.text.trim() === '') {
        // A blank line ends the output unless the next line still belongs to it.
        const next = lines.slice(i + 1).find((l) => l.text.trim() !== '' && !KLOG.test(l.text));
        if (next && transcriptPrompt(next.text) === null && !accept.test(next.text)) close();
        continue;
      }
      if (accept.test(line.text)) {
        accept.take(line.text);
        sec.lines.push(line);
        continue;
      }
      const after = sec.label;
      close();
      // A shell comment ("# kourier") is not a misread output: info, not warn.
      prose = { index: line.index, text: line.text.trim(), after, more: 0, level: line.text.startsWith('#') ? 'info' : 'warn' };
      continue;
    }
    if (line.text.trim() === '') continue;
    // Outside any output: an output pasted without its command is still recognised by its header.
    const sniffed = sniffHeaderLine(line.text);
    const kind = sniffed ? SNIFFED_TO_COMMAND[sniffed] : undefined;
    if (kind && importers[kind]) {
      flushProse();
      notes.push(note('transcript-no-prompt', 'info', `output recognised by its content as ${sniffed} (no command line before it)`, where(ctx, line.index)));
      startSection(kind, `${SNIFFED_LABEL[sniffed!]} (no command line)`, null, null);
      st.current!.lines.push(line);
      st.accept!.take(line.text);
      continue;
    }
    if (prose) prose.more++;
    else if (sections.length === 0) preamble++;
    else prose = { index: line.index, text: line.text.trim(), after: sections[sections.length - 1]!.label, more: 0, level: 'info' };
  }
  close();
  flushSkip();
  flushProse();
  if (preamble > 0) notes.push(note('transcript-preamble', 'info', `${preamble} lines before the first command ignored`, ctx.origin));
  for (const [msg, { count, first }] of klog) {
    notes.push(note('klog-noise', 'info', `kubectl stderr, ${count}×: ${msg}`, where(ctx, first)));
  }

  const result: ImportResult = { kind: '', pods: [], nodes: [], hosts: [], notes: [] };
  for (const s of sections) {
    if (s.lines.length === 0) {
      notes.push(note('transcript-empty-output', 'warn', `\`${s.label}\` has no output`, s.promptIndex === null ? ctx.origin : where(ctx, s.promptIndex)));
      continue;
    }
    const first = s.lines[0]!.index;
    const last = s.lines[s.lines.length - 1]!.index;
    // klog lines inside an output become blank lines, so line numbers stay right.
    const body = lines
      .slice(first, last + 1)
      .map((l) => (KLOG.test(l.text) ? '' : l.text))
      .join('\n');
    const sub: ImportContext = { origin: ctx.origin, firstLine: (ctx.firstLine ?? 1) + first };
    const ns = namespaceFlag(s.command);
    if (ns !== null) sub.namespace = ns;
    else if (ctx.namespace !== undefined) sub.namespace = ctx.namespace;
    if (s.command !== null) sub.commandLine = s.command;
    const r = importers[s.kind]!(body + '\n', sub);
    result.pods.push(...r.pods);
    result.nodes.push(...r.nodes);
    result.hosts.push(...r.hosts);
    for (const n of r.notes) {
      // Sections repeat file-wide notes ("free -m floors…"): keep one of each.
      if (!result.notes.some((o) => o.code === n.code && o.message === n.message && o.source === n.source)) result.notes.push(n);
    }
  }
  result.notes.push(...notes);
  const labels = sections.filter((s) => s.lines.length > 0).map((s) => s.label);
  result.kind = `terminal transcript (${plural(labels.length, 'section')}${labels.length ? ': ' + labels.join(', ') : ''})`;
  return result;
}

/** A transcript importer that also handles the given command kinds (e.g. kubectl -o json|yaml). */
export function makeTranscriptImporter(extra: ExtraImporters): Importer {
  return (text, ctx) => importTranscript(text, ctx, extra);
}
