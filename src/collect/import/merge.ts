// Merges what the importers made of each file into one Snapshot. PURE: no fs, no clock
// (takenAt is an argument). Deterministic: pods sorted by namespace/name, nodes by name.
//
// Order of work:
// 1. captured pods (not from manifests) with the same namespace/name become one entry; a
//    conflict keeps the first file's value (files come sorted) and says so in a warn note;
// 2. captures from different runs (the same workload, different pod names) are folded: a pod
//    seen only in usage/listing captures (top pod, get pods) joins the spec-bearing pod of the same
//    workload (custom-columns, -o json), keeping the spec-bearing pod's name; see foldRuns();
// 3. manifest workload pods are matched to the captured pods of the same workload: the captured
//    pod takes the manifest's owner kind, container names and types, and the manifest entry is
//    consumed; conflicting values keep the captured (running) value with a warn note. Manifest
//    workloads with no captured pod in a namespace the captures cover are left out (warn note):
//    the captures show what runs. In namespaces no capture covers they are kept.
import type { Host, Node, Note, Pod, R, Sample, Snapshot } from '../../model/snapshot.js';
import { API_VERSION, note, podKey } from '../../model/snapshot.js';
import type { ImportResult } from './types.js';
import { type Conflicts, isPlaceholder, mergePod, mergeR } from './merge-pods.js';
import { combineFolderReadings } from './merge-hosts.js';

export interface MergeInput {
  /** the file, as the user named it (used in notes and source.files) */
  path: string;
  /** the folder the file is in: free and top readings of one folder are one reading */
  folder: string;
  result: ImportResult;
}

export function mergeImports(inputs: readonly MergeInput[], takenAt: string): Snapshot {
  const notes: Note[] = inputs.flatMap((i) => i.result.notes);
  const ctx: Ctx = { notes, specSeen: new WeakSet(), seenIn: new WeakMap() };
  const captured = mergeCaptured(inputs, ctx);
  const folded = foldRuns(captured, ctx);
  const pods = applyManifests(folded, inputs, ctx);
  const said = new Set(notes.map((n) => n.message));
  for (const p of pods) {
    const message = `${podKey(p)}: no requests or limits known (seen only in usage or listing captures): shown as not set, never as zero (report --assume-distro fills in the system pods of a distribution)`;
    if (p.origin !== 'manifest' && !ctx.specSeen.has(p) && !hasAnySpec(p) && !said.has(message)) {
      notes.push(note('no-spec', 'warn', message, ctx.seenIn.get(p) ?? null));
    }
  }
  pods.sort((x, y) => cmp(x.namespace, y.namespace) || cmp(x.name, y.name));

  const { host, samples } = mergeHosts(inputs);
  const snapshot: Snapshot = {
    apiVersion: API_VERSION,
    kind: 'Snapshot',
    takenAt,
    source: { type: 'import', files: inputs.map((i) => ({ path: i.path, kind: i.result.kind })) },
    pods,
    nodes: mergeNodes(inputs, notes),
    host,
    notes: dedupeNotes(notes),
  };
  if (samples.length > 1) snapshot.samples = samples;
  return snapshot;
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Per-call bookkeeping, keyed by the merged pod objects. */
interface Ctx {
  notes: Note[];
  /** pods some view of which carried the spec */
  specSeen: WeakSet<Pod>;
  /** the first file a pod was seen in */
  seenIn: WeakMap<Pod, string>;
}

/**
 * Did this view of a pod come from a source that carries the spec? The model has no flag for it,
 * so it is read from the shape each importer gives:
 * - manifests, `-o json|yaml`: named containers without usage;
 * - custom-columns: request/limit values, or "#k" containers with every value <none> and no phase
 *   (custom-columns shows no STATUS);
 * - not: `get pods` (phase, "#k" containers from READY), `top pod` (usage only).
 */
function carriesSpec(p: Pod): boolean {
  if (p.origin === 'manifest') return true;
  if (p.containers.some((c) => !isEmptyR(c.requests) || !isEmptyR(c.limits))) return true;
  if (p.containers.some((c) => !isPlaceholder(c.name) && c.usage === null)) return true;
  return p.containers.length > 0 && p.phase === null && p.containers.every((c) => isPlaceholder(c.name) && c.usage === null);
}

function isEmptyR(r: R): boolean {
  return r.cpuMillicores === null && r.memoryBytes === null;
}

function hasAnySpec(p: Pod): boolean {
  return p.containers.some((c) => c.requests.cpuMillicores !== null || c.requests.memoryBytes !== null
    || c.limits.cpuMillicores !== null || c.limits.memoryBytes !== null);
}

function conflicts(notes: Note[], code: string, level: 'info' | 'warn', otherLabel: string, source: string | null): Conflicts {
  return { notes, code, level, otherLabel, source };
}

function mergeCaptured(inputs: readonly MergeInput[], ctx: Ctx): Pod[] {
  const { notes, specSeen, seenIn } = ctx;
  const byKey = new Map<string, Pod>();
  for (const input of inputs) {
    for (const p of input.result.pods) {
      if (p.origin === 'manifest') continue;
      const key = podKey(p);
      const prev = byKey.get(key);
      const merged = prev ? mergePod(prev, p, conflicts(notes, 'merge-conflict', 'warn', input.path, input.path)) : clonePod(p);
      if ((prev && specSeen.has(prev)) || carriesSpec(p)) specSeen.add(merged);
      seenIn.set(merged, prev ? (seenIn.get(prev) ?? input.path) : input.path);
      byKey.set(key, merged);
    }
  }
  return [...byKey.values()];
}

/** Turns `target` into `src` in place (the bookkeeping sets are keyed by the object). */
function replaceContents(target: Pod, src: Pod): void {
  for (const k of Object.keys(target)) delete (target as unknown as Record<string, unknown>)[k];
  Object.assign(target, src);
}

function clonePod(p: Pod): Pod {
  return structuredClone(p);
}

/** The workload a captured pod belongs to: its owner's name (a ReplicaSet's Deployment when read from ownerReferences). */
function workloadName(p: Pod): string | null {
  if (!p.owner) return null;
  if (p.owner.kind === 'ReplicaSet' && !p.ownerInferred) return p.owner.name.replace(/-[a-z0-9]{1,10}$/, '');
  return p.owner.name;
}

/**
 * Captures from different runs name the same workload's pods differently (a new ReplicaSet hash,
 * a new Job pod). Per namespace and workload: the pods seen only in usage or listing captures are
 * folded, in name order, into the spec-bearing pods (the i-th into the i-th, extra ones into the
 * last), which keep their names; the folded names are kept in `aliases`.
 */
function foldRuns(pods: Pod[], ctx: Ctx): Pod[] {
  const { notes, specSeen, seenIn } = ctx;
  const groups = new Map<string, Pod[]>();
  for (const p of pods) {
    const w = workloadName(p);
    if (w === null) continue;
    const k = `${p.namespace}/${w}`;
    groups.set(k, [...(groups.get(k) ?? []), p]);
  }
  const drop = new Set<Pod>();
  for (const [k, group] of groups) {
    const withSpec = group.filter((p) => specSeen.has(p)).sort((x, y) => cmp(x.name, y.name));
    const without = group.filter((p) => !specSeen.has(p)).sort((x, y) => cmp(x.name, y.name));
    if (withSpec.length === 0 || without.length === 0) continue;
    without.forEach((u, i) => {
      const target = withSpec[Math.min(i, withSpec.length - 1)]!;
      const merged = mergePod(target, u, conflicts(notes, 'fold-conflict', 'info', u.name, seenIn.get(u) ?? null));
      merged.aliases = [...(target.aliases ?? []), u.name, ...(u.aliases ?? [])];
      replaceContents(target, merged);
      drop.add(u);
      notes.push(note('pod-folded', 'info',
        `${u.namespace}/${u.name} is a pod of workload ${k} from another capture; merged into ${target.name}`,
        seenIn.get(u) ?? null));
    });
  }
  return pods.filter((p) => !drop.has(p));
}

function replicaIndex(name: string): number {
  const m = /#(\d+)$/.exec(name);
  return m ? Number(m[1]) : 1;
}

/** Does captured pod `p` belong to manifest workload `w` (also: a Knative Service's revision Deployment)? */
function belongsTo(p: Pod, w: string): boolean {
  const name = workloadName(p);
  if (name === null) return false;
  return name === w || new RegExp(`^${escapeRe(w)}-\\d{5}-deployment$`).test(name);
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function applyManifests(captured: Pod[], inputs: readonly MergeInput[], ctx: Ctx): Pod[] {
  const { notes, seenIn } = ctx;
  const manifestPods: Array<{ pod: Pod; path: string }> = [];
  for (const input of inputs) for (const p of input.result.pods) if (p.origin === 'manifest') manifestPods.push({ pod: p, path: input.path });
  // group manifest pods by namespace + workload, replicas in order
  const groups = new Map<string, Array<{ pod: Pod; path: string }>>();
  for (const m of manifestPods) {
    const w = m.pod.owner?.name ?? m.pod.name.replace(/#\d+$/, '');
    const k = `${m.pod.namespace}\u0000${w}`;
    groups.set(k, [...(groups.get(k) ?? []), m]);
  }
  const coveredNamespaces = new Set(captured.map((p) => p.namespace));
  const kept: Pod[] = [];
  const taken = new Set<Pod>();
  for (const [k, group] of groups) {
    const [ns, w] = k.split('\u0000') as [string, string];
    group.sort((x, y) => replicaIndex(x.pod.name) - replicaIndex(y.pod.name));
    const matches = captured
      .filter((p) => p.namespace === ns && !taken.has(p) && belongsTo(p, w))
      .sort((x, y) => cmp(x.name, y.name));
    matches.forEach((p, i) => {
      const m = group[Math.min(i, group.length - 1)]!;
      taken.add(p);
      const merged = mergePod(p, m.pod, conflicts(notes, 'manifest-differs', 'warn', `the manifest ${m.path}`, seenIn.get(p) ?? null));
      if (p.ownerInferred || p.owner === null) {
        merged.owner = m.pod.owner ? { ...m.pod.owner } : merged.owner;
        delete merged.ownerInferred;
      }
      merged.origin = p.origin ?? 'capture';
      replaceContents(p, merged);
    });
    const unmatched = group.slice(matches.length);
    for (const m of unmatched) {
      if (coveredNamespaces.has(ns)) {
        notes.push(note('manifest-not-running', 'warn',
          `${ns}/${m.pod.name} (${m.pod.owner?.kind ?? 'Pod'}/${w}) is in the manifests but not among the captured pods of ${ns}; left out — the captures show what runs`,
          m.path));
      } else kept.push(clonePod(m.pod));
    }
  }
  return [...captured, ...kept];
}

function mergeNodes(inputs: readonly MergeInput[], notes: Note[]): Node[] {
  const byName = new Map<string, Node>();
  for (const input of inputs) {
    for (const n of input.result.nodes) {
      const prev = byName.get(n.name);
      if (!prev) {
        byName.set(n.name, structuredClone(n));
        continue;
      }
      const c = conflicts(notes, 'merge-conflict', 'warn', input.path, input.path);
      byName.set(n.name, {
        ...n,
        ...prev,
        capacity: mergeR(prev.capacity, n.capacity, `node ${n.name} capacity`, c),
        allocatable: mergeR(prev.allocatable, n.allocatable, `node ${n.name} allocatable`, c),
        usage: mergeR(prev.usage, n.usage, `node ${n.name} usage`, c),
      });
    }
  }
  return [...byName.values()].sort((a, b) => cmp(a.name, b.name));
}

function mergeHosts(inputs: readonly MergeInput[]): { host: Host | null; samples: Sample[] } {
  const folders: string[] = [];
  const byFolder = new Map<string, Host[]>();
  for (const input of inputs) {
    if (input.result.hosts.length === 0) continue;
    if (!byFolder.has(input.folder)) {
      folders.push(input.folder);
      byFolder.set(input.folder, []);
    }
    byFolder.get(input.folder)!.push(...input.result.hosts);
  }
  const readings = folders.flatMap((f) => combineFolderReadings(byFolder.get(f)!));
  const samples = readings.map((h): Sample => ({ takenAt: null, host: structuredClone(h), nodes: {}, pods: {} }));
  return { host: readings.length ? structuredClone(readings[readings.length - 1]!) : null, samples };
}

function dedupeNotes(notes: Note[]): Note[] {
  const seen = new Set<string>();
  return notes.filter((n) => {
    const k = JSON.stringify([n.code, n.level, n.message, n.source]);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
