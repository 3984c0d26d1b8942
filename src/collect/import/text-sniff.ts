// Which text format a header line (or a command line) belongs to — no importer imports here,
// so transcript.ts and text-detect.ts can both use it.
import { classifyHeader } from './custom-columns.js';
import { splitCells } from './text-table.js';

export type TextKind =
  | 'custom-columns'
  | 'get-pods'
  | 'top-pod'
  | 'top-pod-containers'
  | 'top-node'
  | 'free'
  | 'top-b'
  | 'describe-node'
  | 'transcript';

/** The kind of output whose first line (header) this is, or null. */
export function sniffHeaderLine(line: string): Exclude<TextKind, 'transcript'> | null {
  if (/^top - \d{1,2}:\d{2}:\d{2} /.test(line)) return 'top-b';
  const words = line.trim().split(/\s+/);
  if (words[0] === 'total' && words[1] === 'used' && words[2] === 'free') return 'free';
  const cells = splitCells(line);
  if (cells.includes('CPU(cores)') && cells.includes('MEMORY(bytes)')) {
    if (cells.some((c) => /^(CPU%|CPU\(%\))$/.test(c))) return 'top-node';
    return cells.includes('POD') ? 'top-pod-containers' : 'top-pod';
  }
  if (cells.includes('NAME') && cells.includes('READY') && cells.includes('STATUS') && cells.includes('RESTARTS')) return 'get-pods';
  if (cells.length >= 2) {
    const roles = cells.map(classifyHeader);
    const named = roles.some((r) => 'role' in r && r.role === 'name');
    const resource = roles.some((r) => 'role' in r && r.role === 'resource');
    if (named && resource) return 'custom-columns';
  }
  return null;
}

/** What a command (prompt stripped) produces, as a transcript section kind. */
export type CommandKind =
  | 'kubectl-top-pod'
  | 'kubectl-top-node'
  | 'kubectl-get-pods-custom-columns'
  | 'kubectl-get-pods'
  | 'kubectl-json'
  | 'kubectl-yaml'
  | 'kubectl-describe-node'
  | 'free'
  | 'top';

/** Shell-like split honouring single and double quotes. */
export function shellWords(command: string): string[] {
  const out: string[] = [];
  for (const m of command.matchAll(/(?:"[^"]*"|'[^']*'|[^\s"']+)+/g)) out.push(m[0].replace(/"([^"]*)"|'([^']*)'/g, '$1$2'));
  return out;
}

const FLAGS_WITH_VALUE = new Set([
  '-n', '--namespace', '-o', '--output', '--context', '--kubeconfig', '-l', '--selector', '-c', '--container',
  '--sort-by', '-s', '--server', '--cluster', '--user', '--field-selector', '--cache-dir', '--token',
]);

export interface ParsedCommand {
  kind: CommandKind | null;
  /** Short label for summaries: "kubectl top pod -A", "free -m". */
  label: string;
  /** The command with sudo and k0s/k3s/microk8s wrappers removed. */
  command: string;
}

/** Recognises a command line (prompt already removed). */
export function parseCommand(raw: string): ParsedCommand {
  let words = shellWords(raw.trim());
  while (words[0] === 'sudo') {
    words = words.slice(1);
    while (words[0]?.startsWith('-')) words = words.slice(words[0] === '-u' ? 2 : 1);
  }
  if (['k0s', 'k3s', 'microk8s'].includes(words[0] ?? '') && words[1] === 'kubectl') words = words.slice(1);
  if (words[0] === 'microk8s.kubectl' || words[0]?.endsWith('/kubectl')) words = ['kubectl', ...words.slice(1)];
  const command = words.join(' ');
  const tool = words[0] ?? '';
  if (tool === 'free') return { kind: 'free', label: command, command };
  if (tool === 'top') return { kind: 'top', label: command, command };
  if (tool !== 'kubectl') return { kind: null, label: command, command };

  const positional: string[] = [];
  let output: string | null = null;
  let namespace: string | null = null;
  let all = false;
  let containers = false;
  for (let i = 1; i < words.length; i++) {
    const w = words[i]!;
    const eq = w.indexOf('=');
    const [flag, inline] = w.startsWith('-') && eq > 0 ? [w.slice(0, eq), w.slice(eq + 1)] : [w, null];
    if (flag === '-A' || flag === '--all-namespaces') all = true;
    else if (flag === '--containers') containers = true;
    else if (FLAGS_WITH_VALUE.has(flag)) {
      const v = inline ?? words[++i] ?? '';
      if (flag === '-o' || flag === '--output') output = v;
      if (flag === '-n' || flag === '--namespace') namespace = v;
    } else if (/^-o\S/.test(w)) output = w.slice(2).replace(/^=/, '');
    else if (!w.startsWith('-')) positional.push(w);
  }
  const scope = all ? ' -A' : namespace ? ` -n ${namespace}` : '';
  const [verb, resource] = positional;
  const isPods = ['pod', 'pods', 'po'].includes(resource ?? '');
  if (verb === 'top' && isPods) return { kind: 'kubectl-top-pod', label: `kubectl top pod${scope}${containers ? ' --containers' : ''}`, command };
  if (verb === 'top' && ['node', 'nodes', 'no'].includes(resource ?? '')) return { kind: 'kubectl-top-node', label: 'kubectl top node', command };
  if (verb === 'describe' && ['node', 'nodes', 'no'].includes(resource ?? '')) {
    return { kind: 'kubectl-describe-node', label: `kubectl describe node${positional[2] ? ` ${positional.slice(2).join(' ')}` : ''}`, command };
  }
  if (verb === 'get') {
    const fmt = output?.split('=')[0] ?? null;
    if (fmt === 'json') return { kind: 'kubectl-json', label: `kubectl get ${resource ?? ''}${scope} -o json`, command };
    if (fmt === 'yaml') return { kind: 'kubectl-yaml', label: `kubectl get ${resource ?? ''}${scope} -o yaml`, command };
    if (isPods && fmt === 'custom-columns') return { kind: 'kubectl-get-pods-custom-columns', label: `kubectl get pods${scope} -o custom-columns`, command };
    if (isPods && (fmt === null || fmt === 'wide')) return { kind: 'kubectl-get-pods', label: `kubectl get pods${scope}${fmt ? ' -o wide' : ''}`, command };
  }
  return { kind: null, label: command, command };
}
