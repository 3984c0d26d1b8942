// `kubectl describe node [NAME]` / `kubectl describe nodes` text → nodes with capacity and
// allocatable (cpu, memory). Pure. Each node's block starts at a "Name:" line in column 0; its
// sections ("Capacity:", "Allocatable:", "Allocated resources:") are column-0 headers with
// indented "key: value" lines or table rows under them.
import { InputError } from '../../errors.js';
import { note, type Node, type Note, type R } from '../../model/snapshot.js';
import { nodeQuantity } from './node-object.js';
import { commandOf, splitLines, where, type Line } from './text-table.js';
import type { ImportContext, ImportResult } from './types.js';
import { plural } from '../../text.js';

const NAME = /^Name:\s+(\S+)\s*$/;
const SECTION = /^([A-Z][\w -]*):(?:\s+(.*))?$/;

/** True when the text (after an optional command line) is `kubectl describe node` output. */
export function looksLikeDescribeNode(text: string): boolean {
  const lines = splitLines(text);
  const { start } = commandOf(lines, { origin: '' });
  const first = lines.slice(start).find((l) => l.text.trim() !== '');
  if (!first || !NAME.test(first.text)) return false;
  return /^Roles:/m.test(text) && /^(Capacity|Allocatable):\s*$/m.test(text);
}

interface Block {
  name: string;
  nameLine: number;
  lines: Line[];
}

function blocks(text: string, ctx: ImportContext): Block[] {
  const lines = splitLines(text);
  const { start } = commandOf(lines, ctx);
  const out: Block[] = [];
  for (const line of lines.slice(start)) {
    const m = NAME.exec(line.text);
    if (m) {
      out.push({ name: m[1]!, nameLine: line.index, lines: [] });
      continue;
    }
    if (line.text.trim() === '') continue;
    const current = out[out.length - 1];
    if (!current) throw new InputError(`not \`kubectl describe node\` output: expected "Name:" first, found "${line.text.trim()}"`, where(ctx, line.index));
    current.lines.push(line);
  }
  if (out.length === 0) throw new InputError('no node in this `kubectl describe node` output (empty)', ctx.origin);
  return out;
}

/** The lines under each column-0 section header of one block. */
function sections(block: Block): Map<string, Line[]> {
  const out = new Map<string, Line[]>();
  let current: Line[] | null = null;
  for (const line of block.lines) {
    if (/^\s/.test(line.text)) {
      current?.push(line);
      continue;
    }
    const m = SECTION.exec(line.text);
    current = m && !out.has(m[1]!) ? [] : null;
    if (m && current) out.set(m[1]!, current);
  }
  return out;
}

function resourceSection(lines: Line[] | undefined, field: 'capacity' | 'allocatable', node: string, ctx: ImportContext): R | null {
  if (lines === undefined) return null;
  const r: R = { cpuMillicores: null, memoryBytes: null };
  for (const line of lines) {
    const m = /^\s+([\w./-]+):\s+(\S+)\s*$/.exec(line.text);
    if (!m) throw new InputError(`expected "resource: quantity" under ${field === 'capacity' ? 'Capacity' : 'Allocatable'}, found "${line.text.trim()}"`, where(ctx, line.index));
    const [, key, value] = m as unknown as [string, string, string];
    if (key !== 'cpu' && key !== 'memory') continue;
    const amount = nodeQuantity(value, key, `node ${node} ${field}.${key}`, where(ctx, line.index));
    if (key === 'cpu') r.cpuMillicores = amount;
    else r.memoryBytes = amount;
  }
  return r;
}

/** kubectl's own totals of the requests and limits of the pods on the node, as an info note. */
function allocatedNote(lines: Line[] | undefined, node: string, ctx: ImportContext): Note | null {
  if (lines === undefined) return null;
  const parts: string[] = [];
  for (const line of lines) {
    const m = /^\s+(cpu|memory)\s+(\S+ \(\d+%\))\s+(\S+ \(\d+%\))\s*$/.exec(line.text);
    if (m) parts.push(`${m[1]} requests ${m[2]}, limits ${m[3]}`);
  }
  if (parts.length === 0) return null;
  const at = where(ctx, lines[0]!.index);
  return note('describe-node-allocated', 'info', `node ${node}: kubectl describe totals its non-terminated pods (percent of allocatable): ${parts.join('; ')}`, at);
}

export function importDescribeNode(text: string, ctx: ImportContext): ImportResult {
  const nodes: Node[] = [];
  const notes: Note[] = [];
  const seen = new Set<string>();
  for (const b of blocks(text, ctx)) {
    if (seen.has(b.name)) throw new InputError(`node ${b.name} is described twice`, where(ctx, b.nameLine));
    seen.add(b.name);
    const s = sections(b);
    const node: Node = {
      name: b.name,
      capacity: resourceSection(s.get('Capacity'), 'capacity', b.name, ctx),
      allocatable: resourceSection(s.get('Allocatable'), 'allocatable', b.name, ctx),
      usage: null,
    };
    if (node.capacity === null && node.allocatable === null) {
      notes.push(note('describe-node-no-resources', 'warn', `node ${b.name}: no Capacity or Allocatable section`, where(ctx, b.nameLine)));
    }
    const allocated = allocatedNote(s.get('Allocated resources'), b.name, ctx);
    if (allocated) notes.push(allocated);
    nodes.push(node);
  }
  return { kind: `kubectl describe node (${plural(nodes.length, 'node')})`, pods: [], nodes, hosts: [], notes };
}
