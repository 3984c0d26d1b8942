// `kubectl get pods [-A|-n NS] -o custom-columns=…` with request/limit columns.
import { InputError } from '../../errors.js';
import { emptyR, note, type Container, type Note, type Pod } from '../../model/snapshot.js';
import { capturedPod } from './pod-name.js';
import { assumedNamespace, cpuCell, memoryCell, noResourcesNote, readTextTable, rowCells, splitCells, where } from './text-table.js';
import type { ImportContext, ImportResult } from './types.js';
import { plural } from '../../text.js';

export type ColumnRole =
  | { role: 'name' }
  | { role: 'namespace' }
  | { role: 'container' }
  | { role: 'node' }
  | { role: 'phase' }
  | { role: 'resource'; resource: 'cpuMillicores' | 'memoryBytes'; kind: 'requests' | 'limits' }
  | { role: 'other' };

/**
 * What a custom-columns header holds, by keywords: CPU/CORE × MEM/RAM, REQ × LIM, in any order or
 * spelling (CPU-REQUEST, CPU_REQ(cores), REQ_MEM, MEMORY-LIMIT, LIMITS.MEMORY…). A header that
 * looks like a resource column but cannot be placed is an error: a silently dropped column would
 * make every total wrong.
 */
export function classifyHeader(header: string): ColumnRole | { error: string } {
  const compact = header.toUpperCase().replace(/[^A-Z]/g, '');
  const words = header.toUpperCase().split(/[^A-Z]+/).filter(Boolean);
  if (['NAME', 'POD', 'PODNAME', 'PODS'].includes(compact)) return { role: 'name' };
  if (['NAMESPACE', 'NS'].includes(compact)) return { role: 'namespace' };
  if (['NODE', 'NODENAME'].includes(compact)) return { role: 'node' };
  if (['STATUS', 'PHASE'].includes(compact)) return { role: 'phase' };
  const cpu = compact.includes('CPU') || words.some((w) => w === 'CORE' || w === 'CORES');
  const mem = compact.includes('MEM') || words.includes('RAM');
  const req = compact.includes('REQ');
  const lim = compact.includes('LIM');
  if (!cpu && !mem && !req && !lim) {
    if (compact.includes('CONTAINER')) return compact.includes('INIT') ? { role: 'other' } : { role: 'container' };
    return { role: 'other' };
  }
  if (compact.includes('INIT')) {
    return { error: `column ${header} holds init containers, which custom-columns cannot tell apart; capture them with -o json` };
  }
  if (cpu !== mem && req !== lim) {
    return { role: 'resource', resource: cpu ? 'cpuMillicores' : 'memoryBytes', kind: req ? 'requests' : 'limits' };
  }
  return {
    error: `cannot tell what column ${header} holds: name it with one of CPU/MEM and one of REQUEST/LIMIT (e.g. CPU-REQUEST, MEM_LIMIT)`,
  };
}

const NONE = '<none>';

export function importCustomColumns(text: string, ctx: ImportContext): ImportResult {
  const t = readTextTable(text, ctx, 'no custom-columns table found (empty output)');
  const none = noResourcesNote(t, ctx);
  if (none) return { kind: 'kubectl get pods -o custom-columns (0 pods)', pods: [], nodes: [], hosts: [], notes: [none] };
  const notes: Note[] = [];
  const { headers } = t;
  const roles = headers.map((h) => {
    const r = classifyHeader(h);
    if ('error' in r) throw new InputError(r.error, where(ctx, t.header.index));
    return r;
  });
  checkColumns(headers, roles, ctx, t.header.index);
  const ignored = headers.filter((_, i) => roles[i]!.role === 'other');
  if (ignored.length > 0) {
    notes.push(note('custom-columns-ignored', 'info', `columns not used: ${ignored.join(', ')}`, where(ctx, t.header.index)));
  }

  const namespace = roles.some((r) => r.role === 'namespace') ? null : assumedNamespace(t.command, ctx, notes);
  const pods: Pod[] = [];
  for (const line of t.rows) {
    const at = where(ctx, line.index);
    pods.push(podFromRow(rowCells(line, headers, ctx), headers, roles, namespace, at, notes));
  }
  const nsNote = namespace !== null && roles.every((r) => r.role !== 'namespace') ? ` -n ${namespace}` : '';
  return { kind: `kubectl get pods${nsNote} -o custom-columns (${plural(pods.length, 'pod')})`, pods, nodes: [], hosts: [], notes };
}

function checkColumns(headers: string[], roles: ColumnRole[], ctx: ImportContext, index: number): void {
  const at = where(ctx, index);
  if (!roles.some((r) => r.role === 'name')) throw new InputError(`no NAME column in header: ${headers.join(' ')}`, at);
  if (!roles.some((r) => r.role === 'resource')) {
    throw new InputError(`no request/limit column in header: ${headers.join(' ')}`, at);
  }
  const seen = new Map<string, string>();
  roles.forEach((r, i) => {
    if (r.role === 'other') return;
    const key = r.role === 'resource' ? `${r.resource}.${r.kind}` : r.role;
    const before = seen.get(key);
    if (before !== undefined) throw new InputError(`columns ${before} and ${headers[i]} hold the same thing`, at);
    seen.set(key, headers[i]!);
  });
}

function podFromRow(
  cells: string[],
  headers: string[],
  roles: ColumnRole[],
  namespace: string | null,
  at: string,
  notes: Note[],
): Pod {
  const cell = (role: ColumnRole['role']): string | null => {
    const i = roles.findIndex((r) => r.role === role);
    return i < 0 ? null : cells[i]!;
  };
  const name = cell('name')!;
  const pod = capturedPod(cell('namespace') ?? namespace!, name);
  const node = cell('node');
  if (node !== null && node !== NONE) pod.nodeName = node;
  const phase = cell('phase');
  if (phase !== null && phase !== NONE) pod.phase = phase;

  const namesCell = cell('container');
  const names = namesCell !== null && namesCell !== NONE ? namesCell.split(',') : null;
  const values = roles.map((r, i) => (r.role === 'resource' && cells[i] !== NONE ? cells[i]!.split(',') : []));
  const count = names?.length ?? Math.max(1, ...values.map((v) => v.length));
  const containers: Container[] = Array.from({ length: count }, (_, k) => ({
    name: names?.[k] ?? `#${k + 1}`,
    type: 'app',
    requests: emptyR(),
    limits: emptyR(),
    usage: null,
  }));
  roles.forEach((r, i) => {
    if (r.role !== 'resource') return;
    const vals = values[i]!;
    if (vals.length > count) {
      throw new InputError(`column ${headers[i]} has ${vals.length} values for ${count} containers (${names!.join(',')})`, at);
    }
    if (vals.length > 0 && vals.length < count) {
      notes.push(
        note(
          'custom-columns-ambiguous',
          'warn',
          `pod ${name}: column ${headers[i]} has ${vals.length} value(s) for ${count} containers; which container lacks it is unknown, so the values were given to the first ${vals.length} in order (the pod total is exact)`,
          at,
        ),
      );
    }
    vals.forEach((v, k) => {
      const amount = r.resource === 'cpuMillicores' ? cpuCell(v, headers[i]!, at, notes) : memoryCell(v, headers[i]!, at, notes);
      containers[k]![r.kind][r.resource] = amount;
    });
  });
  pod.containers = containers;
  return pod;
}
