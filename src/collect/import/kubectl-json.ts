// `kubectl get pods|nodes -o json` / `-o yaml` output (a List, PodList or NodeList, or a single Pod
// or Node; `kubectl get pods,nodes` gives one List of both) → pods and nodes. Pure. Items that are
// neither are counted in a note and skipped.
import { InputError } from '../../errors.js';
import { note, type Node, type Note, type Pod } from '../../model/snapshot.js';
import { nodeFromObject } from './node-object.js';
import { foldRepeatedNotes, podFromObject } from './pod-spec.js';
import type { ImportContext, ImportResult, Importer } from './types.js';
import { parseObjects } from './yaml-objects.js';
import { plural } from '../../text.js';

function importKubectlObjects(text: string, ctx: ImportContext, format: 'json' | 'yaml'): ImportResult {
  const parsed = parseObjects(text, ctx.origin, ctx.firstLine ?? 1);
  const pods: Pod[] = [];
  const nodes: Node[] = [];
  const notes: Note[] = [];
  const skipped = new Map<string, number>();
  for (const { obj, loc, where } of parsed.objects) {
    const kind = typeof obj['kind'] === 'string' ? obj['kind'] : '(no kind)';
    if (kind === 'Node') {
      nodes.push(nodeFromObject(obj, loc));
      continue;
    }
    if (kind !== 'Pod') {
      skipped.set(kind, (skipped.get(kind) ?? 0) + 1);
      continue;
    }
    const r = podFromObject(obj, `Pod at ${where}`, { origin: 'capture', loc, ...(ctx.namespace ? { defaultNamespace: ctx.namespace } : {}) });
    pods.push(r.pod);
    notes.push(...r.notes);
  }
  if (pods.length === 0 && nodes.length === 0 && skipped.size > 0) {
    throw new InputError(`no Pods or Nodes here (found ${[...skipped.keys()].join(', ')})`, ctx.origin);
  }
  if (skipped.size > 0) {
    const list = [...skipped].map(([k, n]) => `${n} ${k}`).join(', ');
    notes.push(note('objects-ignored', 'info', `not Pods or Nodes, ignored: ${list}`, ctx.origin));
  }
  const seen = new Set<string>();
  for (const p of pods) {
    const key = `${p.namespace}/${p.name}`;
    if (seen.has(key)) throw new InputError(`Pod ${key} appears twice`, ctx.origin);
    seen.add(key);
  }
  const seenNodes = new Set<string>();
  for (const n of nodes) {
    if (seenNodes.has(n.name)) throw new InputError(`Node ${n.name} appears twice`, ctx.origin);
    seenNodes.add(n.name);
  }
  const emptyNodeList = pods.length === 0 && nodes.length === 0 && /"kind"\s*:\s*"NodeList"|^kind:\s*NodeList\s*$/m.test(text);
  const kind = emptyNodeList ? `kubectl get nodes -o ${format} (0 nodes)` : kindLabel(format, pods.length, nodes.length);
  return { kind, pods, nodes, hosts: [], notes: foldRepeatedNotes(notes) };
}

/** "kubectl get pods -o json (12 pods)", "kubectl get nodes -o yaml (3 nodes)", "kubectl get pods,nodes -o yaml (…)". */
function kindLabel(format: 'json' | 'yaml', pods: number, nodes: number): string {
  if (nodes === 0) return `kubectl get pods -o ${format} (${plural(pods, 'pod')})`;
  if (pods === 0) return `kubectl get nodes -o ${format} (${plural(nodes, 'node')})`;
  return `kubectl get pods,nodes -o ${format} (${plural(pods, 'pod')}, ${plural(nodes, 'node')})`;
}

/** Pods and Nodes of `kubectl get … -o json`. */
export const importKubectlObjectsJson: Importer = (text, ctx) => importKubectlObjects(text, ctx, 'json');
/** Pods and Nodes of `kubectl get … -o yaml`. */
export const importKubectlObjectsYaml: Importer = (text, ctx) => importKubectlObjects(text, ctx, 'yaml');
export const importKubectlPodsJson = importKubectlObjectsJson;
export const importKubectlPodsYaml = importKubectlObjectsYaml;
