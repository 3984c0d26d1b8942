// `kubectl get pods -o json` / `-o yaml` output (a List or PodList of Pods, or a single Pod) → pods.
// Pure. Items that are not Pods are counted in a note and skipped.
import { InputError } from '../../errors.js';
import { note, type Note, type Pod } from '../../model/snapshot.js';
import { foldRepeatedNotes, podFromObject } from './pod-spec.js';
import type { ImportContext, ImportResult, Importer } from './types.js';
import { parseObjects } from './yaml-objects.js';
import { plural } from '../../text.js';

function importKubectlPods(text: string, ctx: ImportContext, format: 'json' | 'yaml'): ImportResult {
  const parsed = parseObjects(text, ctx.origin, ctx.firstLine ?? 1);
  const pods: Pod[] = [];
  const notes: Note[] = [];
  const skipped = new Map<string, number>();
  for (const { obj, loc, where } of parsed.objects) {
    const kind = typeof obj['kind'] === 'string' ? obj['kind'] : '(no kind)';
    if (kind !== 'Pod') {
      skipped.set(kind, (skipped.get(kind) ?? 0) + 1);
      continue;
    }
    const r = podFromObject(obj, `Pod at ${where}`, { origin: 'capture', loc, ...(ctx.namespace ? { defaultNamespace: ctx.namespace } : {}) });
    pods.push(r.pod);
    notes.push(...r.notes);
  }
  if (pods.length === 0 && skipped.size > 0) {
    throw new InputError(`no Pods here (found ${[...skipped.keys()].join(', ')})`, ctx.origin);
  }
  if (skipped.size > 0) {
    const list = [...skipped].map(([k, n]) => `${n} ${k}`).join(', ');
    notes.push(note('objects-ignored', 'info', `not Pods, ignored: ${list}`, ctx.origin));
  }
  const seen = new Set<string>();
  for (const p of pods) {
    const key = `${p.namespace}/${p.name}`;
    if (seen.has(key)) throw new InputError(`Pod ${key} appears twice`, ctx.origin);
    seen.add(key);
  }
  return {
    kind: `kubectl get pods -o ${format} (${plural(pods.length, 'pod')})`,
    pods,
    nodes: [],
    hosts: [],
    notes: foldRepeatedNotes(notes),
  };
}

export const importKubectlPodsJson: Importer = (text, ctx) => importKubectlPods(text, ctx, 'json');
export const importKubectlPodsYaml: Importer = (text, ctx) => importKubectlPods(text, ctx, 'yaml');
