// `kubectl top pod [-A] [--containers]` and `kubectl top node`.
import { InputError } from '../../errors.js';
import { emptyR, note, podKey, type Node, type Note, type Pod, type R } from '../../model/snapshot.js';
import { capturedPod } from './pod-name.js';
import { assumedNamespace, cpuCell, memoryCell, readTextTable, rowCells, where, type Line, type TextTable } from './text-table.js';
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

/** The table with every row's cells (checked up front). */
function readTable(text: string, ctx: ImportContext, what: string): Omit<TextTable, 'rows'> & { rows: Array<{ cells: string[]; line: Line }> } {
  const t = readTextTable(text, ctx, `no \`${what}\` table found (empty output)`);
  if (!t.headers.includes(CPU) || !t.headers.includes(MEMORY)) {
    throw new InputError(`not a \`${what}\` table: want ${CPU} and ${MEMORY} columns, got: ${t.header.text.trim()}`, where(ctx, t.header.index));
  }
  return { ...t, rows: t.rows.map((line) => ({ cells: rowCells(line, t.headers, ctx), line })) };
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
  if (!t.headers.includes(nameCol)) throw new InputError(`no ${nameCol} column in header: ${t.headers.join(' ')}`, where(ctx, t.header.index));
  const nsCol = t.headers.indexOf('NAMESPACE');
  const namespace = nsCol < 0 ? assumedNamespace(t.command, ctx, notes) : null;
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
  if (!t.headers.includes('NAME')) throw new InputError(`no NAME column in header: ${t.headers.join(' ')}`, where(ctx, t.header.index));
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
