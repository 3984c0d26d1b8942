// `kubectl top pod [-A] [--containers]` and `kubectl top node`.
import { InputError } from '../../errors.js';
import { emptyR, note, podKey, type Node, type Note, type Pod, type R } from '../../model/snapshot.js';
import { capturedPod } from './pod-name.js';
import { commandOf, cpuCell, memoryCell, namespaceFlag, splitCells, splitLines, where, type Line } from './text-table.js';
import type { ImportContext, ImportResult } from './types.js';
import { plural } from '../../text.js';

const CPU = 'CPU(cores)';
const MEMORY = 'MEMORY(bytes)';

function flooredNote(ctx: ImportContext): Note {
  return note(
    'top-memory-floored',
    'info',
    '`kubectl top` prints memory floored to whole Mi: each value is a lower bound, within 1Mi of the working set',
    ctx.origin,
  );
}

interface Table {
  command: string | null;
  headers: string[];
  headerIndex: number;
  rows: Array<{ cells: string[]; line: Line }>;
}

function readTable(text: string, ctx: ImportContext, what: string): Table {
  const lines = splitLines(text);
  const { command, start } = commandOf(lines, ctx);
  const body = lines.slice(start).filter((l) => l.text.trim() !== '');
  const headerLine = body[0];
  if (!headerLine) throw new InputError(`no \`${what}\` table found (empty output)`, ctx.origin);
  const headers = splitCells(headerLine.text);
  if (!headers.includes(CPU) || !headers.includes(MEMORY)) {
    throw new InputError(`not a \`${what}\` table: want ${CPU} and ${MEMORY} columns, got: ${headerLine.text.trim()}`, where(ctx, headerLine.index));
  }
  const rows = body.slice(1).map((line) => {
    const cells = splitCells(line.text, headers.length);
    if (cells.length !== headers.length) {
      throw new InputError(`row has ${cells.length} cells where the header has ${headers.length} (${headers.join(' ')})`, where(ctx, line.index));
    }
    return { cells, line };
  });
  return { command, headers, headerIndex: headerLine.index, rows };
}

function usageOf(cells: string[], headers: string[], at: string, notes: Note[]): R {
  return {
    cpuMillicores: cpuCell(cells[headers.indexOf(CPU)]!, CPU, at, notes),
    memoryBytes: memoryCell(cells[headers.indexOf(MEMORY)]!, MEMORY, at, notes),
  };
}

export function importKubectlTopPod(text: string, ctx: ImportContext): ImportResult {
  const notes: Note[] = [];
  const t = readTable(text, ctx, 'kubectl top pod');
  const containersMode = t.headers.includes('POD');
  const nameCol = containersMode ? 'POD' : 'NAME';
  if (!t.headers.includes(nameCol)) throw new InputError(`no ${nameCol} column in header: ${t.headers.join(' ')}`, where(ctx, t.headerIndex));
  const nsCol = t.headers.indexOf('NAMESPACE');
  let namespace: string | null = null;
  if (nsCol < 0) {
    namespace = ctx.namespace ?? namespaceFlag(t.command);
    if (namespace === null) {
      namespace = 'default';
      notes.push(note('namespace-assumed', 'info', 'no NAMESPACE column and no -n on the command line: pods put in namespace "default"', ctx.origin));
    }
  }
  const byKey = new Map<string, Pod>();
  for (const { cells, line } of t.rows) {
    const at = where(ctx, line.index);
    const ns = nsCol < 0 ? namespace! : cells[nsCol]!;
    const name = cells[t.headers.indexOf(nameCol)]!;
    const key = podKey({ namespace: ns, name });
    let pod = byKey.get(key);
    if (!pod) {
      pod = capturedPod(ns, name);
      byKey.set(key, pod);
    }
    const usage = usageOf(cells, t.headers, at, notes);
    if (containersMode) {
      pod.containers.push({ name: cells[t.headers.indexOf('NAME')]!, type: 'app', requests: emptyR(), limits: emptyR(), usage });
    } else {
      pod.usage = usage;
    }
  }
  const pods = [...byKey.values()];
  if (pods.length > 0) notes.push(flooredNote(ctx));
  const scope = nsCol >= 0 ? ' -A' : '';
  const kind = `kubectl top pod${scope}${containersMode ? ' --containers' : ''} (${plural(pods.length, 'pod')})`;
  return { kind, pods, nodes: [], hosts: [], notes };
}

export function importKubectlTopNode(text: string, ctx: ImportContext): ImportResult {
  const notes: Note[] = [];
  const t = readTable(text, ctx, 'kubectl top node');
  if (!t.headers.includes('NAME')) throw new InputError(`no NAME column in header: ${t.headers.join(' ')}`, where(ctx, t.headerIndex));
  const nodes: Node[] = [];
  for (const { cells, line } of t.rows) {
    const at = where(ctx, line.index);
    const name = cells[t.headers.indexOf('NAME')]!;
    const cpu = cells[t.headers.indexOf(CPU)]!;
    const mem = cells[t.headers.indexOf(MEMORY)]!;
    let usage: R | null;
    if (cpu === '<unknown>' || mem === '<unknown>') {
      usage = null;
      notes.push(note('node-usage-unknown', 'warn', `node ${name}: no metrics (<unknown>; the node is NotReady or its kubelet is not scraped)`, at));
    } else {
      usage = usageOf(cells, t.headers, at, notes);
    }
    nodes.push({ name, capacity: null, allocatable: null, usage });
  }
  if (nodes.some((n) => n.usage !== null)) notes.push(flooredNote(ctx));
  return { kind: `kubectl top node (${plural(nodes.length, 'node')})`, pods: [], nodes, hosts: [], notes };
}
