// Release manifests (multi-document YAML, JSON `List`s) → one Pod entry per replica. Pure.
//
// Naming: a workload with one replica gives one pod named after the workload ("activator");
// with n > 1 replicas it gives n pods named "<name>#1" … "<name>#n". Entries are separate (not a
// `replicas` count) so that totals, fit and `--reduce` treat manifest pods exactly like live
// ones; the "#" cannot occur in a real pod name, so a manifest pod never collides with one.
// owner = the workload (kind and name); origin = "manifest"; phase and nodeName = null.
//
// Replicas: Deployment / ReplicaSet / StatefulSet spec.replicas (default 1); DaemonSet 1 (one
// node assumed, noted); Job min(parallelism (default 1), completions) with owner Job; CronJob one
// Job's worth with owner CronJob; Pod 1; Knative Service (serving.knative.dev) the template's
// min-scale annotation, else 1 (noted: it scales to zero when idle). A HorizontalPodAutoscaler
// in the same input whose minReplicas exceeds the workload's replicas raises them (noted).
//
// A Knative Service pod is its container(s) plus `queue-proxy`, which Knative adds to the
// revision's Deployment as a plain container: 25m CPU request, nothing else, unless the
// `config-deployment` ConfigMap of knative-serving in the same input sets queue-sidecar-*
// keys (real data keys, not the `_example` text) or the template sets the
// queue.sidecar.serving.knative.dev/* resource annotations.
import { InputError } from '../../errors.js';
import { note, type Container, type Note, type Owner, type Pod, type R } from '../../model/snapshot.js';
import { QuantityError, parseCpuMillicores, parseMemoryBytes } from '../../quantity.js';
import { NOTE, containersFromPodSpec, foldRepeatedNotes, podFromObject } from './pod-spec.js';
import type { ImportContext, ImportResult, Importer } from './types.js';
import { isRecord, parseObjects, type Path, type SourceObject } from './yaml-objects.js';
import { KNATIVE_KIND, TEMPLATE_SPEC, workloadKind } from './workload-kinds.js';
import { plural } from '../../text.js';

const DEFAULT_NAMESPACE = 'default';

export interface ManifestFile {
  text: string;
  origin: string;
}

/** One manifest file, as an Importer (HPAs and config-deployment are looked up in the same file). */
export const importManifests: Importer = (text: string, ctx: ImportContext) =>
  importManifestSet([{ text, origin: ctx.origin }]);

interface Item extends SourceObject {
  kind: string;
  origin: string;
}

/**
 * Several manifest files read together, so a HorizontalPodAutoscaler or Knative's
 * config-deployment in one file applies to workloads in another.
 */
export function importManifestSet(files: ManifestFile[]): ImportResult {
  const items: Item[] = [];
  const notes: Note[] = [];
  const counts = new Map<string, { kind: string; used: boolean; n: number }>();
  for (const f of files) {
    const parsed = parseObjects(f.text, f.origin);
    for (const o of parsed.objects) {
      const kind = kindOf(o.obj);
      items.push({ ...o, kind, origin: f.origin });
    }
  }
  const hpas = collectHpas(items);
  const queueProxy = queueProxyDefaults(items, notes);
  const pods: Pod[] = [];
  let noNamespace = 0;
  let firstNoNamespace: string | null = null;
  for (const it of items) {
    const used = it.kind in TEMPLATE_SPEC || it.kind === 'Pod' || it.kind === 'HorizontalPodAutoscaler';
    const c = counts.get(it.kind) ?? { kind: it.kind, used, n: 0 };
    c.n++;
    counts.set(it.kind, c);
    if (it.kind === 'HorizontalPodAutoscaler' || !used) continue;
    const meta = isRecord(it.obj['metadata']) ? it.obj['metadata'] : {};
    if (typeof meta['namespace'] !== 'string' || meta['namespace'] === '') {
      noNamespace++;
      firstNoNamespace ??= it.where;
    }
    if (it.kind === 'Pod') {
      const r = podFromObject(it.obj, it.where, { origin: 'manifest', loc: it.loc, defaultNamespace: DEFAULT_NAMESPACE });
      pods.push(r.pod);
      notes.push(...r.notes.filter((n) => n.code !== NOTE.defaultNamespace));
      continue;
    }
    pods.push(...workloadPods(it, hpas, queueProxy, notes));
  }
  if (noNamespace > 0) {
    notes.push(
      note(
        NOTE.defaultNamespace,
        'info',
        `${noNamespace} object${noNamespace === 1 ? ' has' : 's have'} no metadata.namespace; assumed "${DEFAULT_NAMESPACE}" (kubectl apply -n would change it)`,
        firstNoNamespace,
      ),
    );
  }
  const origin = files.length === 1 ? files[0]!.origin : null;
  const summary = summarize(counts, items.length);
  notes.unshift(note('manifest-summary', 'info', summary, origin));
  return { kind: `manifests (${summary})`, pods, nodes: [], hosts: [], notes: foldRepeatedNotes(notes) };
}

function kindOf(obj: Record<string, unknown>): string {
  const kind = typeof obj['kind'] === 'string' ? obj['kind'] : '(no kind)';
  const api = typeof obj['apiVersion'] === 'string' ? obj['apiVersion'] : '';
  return workloadKind(api, kind);
}

/** "Deployment", "Deployments", "Ingresses", "Services.serving.knative.dev" */
function kindPlural(kind: string, n: number): string {
  if (n === 1) return kind;
  const [head, ...rest] = kind.split('.');
  const p = head!.endsWith('s') ? `${head}es` : `${head}s`;
  return [p, ...rest].join('.');
}

/** "47 documents: 6 Deployments, 1 Job, 40 others ignored" */
function summarize(counts: Map<string, { kind: string; used: boolean; n: number }>, total: number): string {
  const used = [...counts.values()].filter((c) => c.used).sort((a, b) => b.n - a.n || a.kind.localeCompare(b.kind));
  const others = [...counts.values()].filter((c) => !c.used).reduce((s, c) => s + c.n, 0);
  const parts = used.map((c) => `${c.n} ${kindPlural(c.kind, c.n)}`);
  if (others > 0) parts.push(`${plural(others, 'other')} ignored`);
  return `${plural(total, 'document')}${parts.length ? ': ' + parts.join(', ') : ''}`;
}

// ---- replicas --------------------------------------------------------------------------------------

interface Hpa {
  minReplicas: number;
  where: string;
  name: string;
}

function nsOf(obj: Record<string, unknown>): string {
  const meta = isRecord(obj['metadata']) ? obj['metadata'] : {};
  return typeof meta['namespace'] === 'string' && meta['namespace'] !== '' ? meta['namespace'] : DEFAULT_NAMESPACE;
}

function nameOf(it: Item): string {
  const meta = isRecord(it.obj['metadata']) ? it.obj['metadata'] : {};
  const name = meta['name'];
  if (typeof name !== 'string' || name === '') throw new InputError(`${it.kind} without metadata.name`, it.where);
  return name;
}

function collectHpas(items: Item[]): Map<string, Hpa> {
  const out = new Map<string, Hpa>();
  for (const it of items) {
    if (it.kind !== 'HorizontalPodAutoscaler') continue;
    const spec = isRecord(it.obj['spec']) ? it.obj['spec'] : {};
    const ref = isRecord(spec['scaleTargetRef']) ? spec['scaleTargetRef'] : {};
    if (typeof ref['kind'] !== 'string' || typeof ref['name'] !== 'string') continue;
    const min = spec['minReplicas'] === undefined ? 1 : count(spec['minReplicas'], it, ['spec', 'minReplicas']);
    out.set(`${ref['kind']}/${nsOf(it.obj)}/${ref['name']}`, { minReplicas: min, where: it.where, name: nameOf(it) });
  }
  return out;
}

function count(v: unknown, it: Item, path: Path): number {
  const n = typeof v === 'bigint' ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > 100_000) {
    throw new InputError(`expected a replica count, found ${JSON.stringify(String(v))} at ${it.kind} ${nsOf(it.obj)}/${nameOf(it)} ${path.join('.')}`, it.loc.at(path));
  }
  return n;
}

function replicasOf(it: Item, label: string, notes: Note[]): { replicas: number; owner: Owner } {
  const spec = isRecord(it.obj['spec']) ? it.obj['spec'] : {};
  const name = nameOf(it);
  switch (it.kind) {
    case 'Deployment':
    case 'ReplicaSet':
    case 'StatefulSet':
      return { replicas: spec['replicas'] == null ? 1 : count(spec['replicas'], it, ['spec', 'replicas']), owner: { kind: it.kind, name } };
    case 'DaemonSet':
      notes.push(note('daemonset-one-node', 'info', `${label}: one pod per node, counted for one node`, it.where));
      return { replicas: 1, owner: { kind: it.kind, name } };
    case 'Job':
      return { replicas: jobPods(spec, it, ['spec']), owner: { kind: 'Job', name } };
    case 'CronJob': {
      const jt = isRecord(spec['jobTemplate']) && isRecord(spec['jobTemplate']['spec']) ? spec['jobTemplate']['spec'] : {};
      notes.push(note('cronjob-runs', 'info', `${label}: counted as one running Job; its pods exist only while a scheduled run lasts`, it.where));
      return { replicas: jobPods(jt, it, ['spec', 'jobTemplate', 'spec']), owner: { kind: 'CronJob', name } };
    }
    case KNATIVE_KIND: {
      const ann = templateAnnotations(it.obj);
      const raw = ann['autoscaling.knative.dev/min-scale'] ?? ann['autoscaling.knative.dev/minScale'];
      if (raw === undefined) {
        notes.push(note('knative-scale-to-zero', 'info', `${label}: counted as 1 pod (its initial scale); Knative scales it to zero when idle unless autoscaling.knative.dev/min-scale is set`, it.where));
        return { replicas: 1, owner: { kind: KNATIVE_KIND, name } };
      }
      const n = Number(raw);
      if (!Number.isInteger(n) || n < 0) {
        throw new InputError(`expected an integer min-scale, found ${JSON.stringify(raw)} at ${label}`, it.loc.at(['spec', 'template', 'metadata', 'annotations']));
      }
      return { replicas: n, owner: { kind: KNATIVE_KIND, name } };
    }
    default:
      throw new Error(`unreachable kind ${it.kind}`);
  }
}

/** Pods a Job runs at once: min(parallelism (default 1), completions when set). */
function jobPods(spec: Record<string, unknown>, it: Item, path: Path): number {
  const parallelism = spec['parallelism'] == null ? 1 : count(spec['parallelism'], it, [...path, 'parallelism']);
  if (spec['completions'] == null) return parallelism;
  return Math.min(parallelism, count(spec['completions'], it, [...path, 'completions']));
}

function templateAnnotations(obj: Record<string, unknown>): Record<string, unknown> {
  const spec = obj['spec'];
  const tmpl = isRecord(spec) ? spec['template'] : undefined;
  const meta = isRecord(tmpl) ? tmpl['metadata'] : undefined;
  const ann = isRecord(meta) ? meta['annotations'] : undefined;
  return isRecord(ann) ? ann : {};
}

function getIn(obj: unknown, path: Path): unknown {
  let cur: unknown = obj;
  for (const k of path) {
    if (Array.isArray(cur) && typeof k === 'number') cur = cur[k];
    else if (isRecord(cur) && typeof k === 'string') cur = cur[k];
    else return undefined;
  }
  return cur;
}

function workloadPods(it: Item, hpas: Map<string, Hpa>, queueProxy: QueueProxyConfig, notes: Note[]): Pod[] {
  const namespace = nsOf(it.obj);
  const name = nameOf(it);
  const label = `${it.kind} ${namespace}/${name}`;
  const specPath = TEMPLATE_SPEC[it.kind]!;
  const spec = getIn(it.obj, specPath);
  if (!isRecord(spec)) throw new InputError(`${label} has no ${specPath.join('.')}`, it.where);
  if (it.kind === KNATIVE_KIND && Array.isArray(spec['containers'])) {
    // Knative names an unnamed user container "user-container".
    spec['containers'] = spec['containers'].map((c) => (isRecord(c) && c['name'] == null ? { ...c, name: 'user-container' } : c));
  }
  const result = containersFromPodSpec(spec, label, it.loc.sub(specPath));
  notes.push(...result.notes);
  let { replicas, owner } = replicasOf(it, label, notes);
  const hpa = hpas.get(`${it.kind}/${namespace}/${name}`);
  if (hpa && hpa.minReplicas > replicas) {
    notes.push(note('hpa-min-replicas', 'info', `${label}: ${plural(replicas, 'replica')} raised to HorizontalPodAutoscaler ${hpa.name}'s minReplicas ${hpa.minReplicas}`, hpa.where));
    replicas = hpa.minReplicas;
  }
  if (replicas === 0) notes.push(note('zero-replicas', 'info', `${label} has 0 replicas: no pods counted`, it.where));
  let containers = result.containers;
  if (it.kind === KNATIVE_KIND) containers = [...containers, queueProxyContainer(it, label, queueProxy)];
  const pods: Pod[] = [];
  for (let i = 1; i <= replicas; i++) {
    pods.push({
      namespace,
      name: replicas === 1 ? name : `${name}#${i}`,
      phase: null,
      nodeName: null,
      owner: { ...owner },
      containers: containers.map((c) => ({ ...c, requests: { ...c.requests }, limits: { ...c.limits } })),
      usage: null,
      overhead: result.overhead ? { ...result.overhead } : null,
      origin: 'manifest',
    });
  }
  return pods;
}

// ---- Knative queue-proxy -------------------------------------------------------------------------

interface QueueProxyConfig {
  requests: R;
  limits: R;
}

const QUEUE_KEYS = {
  'queue-sidecar-cpu-request': ['requests', 'cpuMillicores'],
  'queue-sidecar-memory-request': ['requests', 'memoryBytes'],
  'queue-sidecar-cpu-limit': ['limits', 'cpuMillicores'],
  'queue-sidecar-memory-limit': ['limits', 'memoryBytes'],
} as const;

const QUEUE_ANNOTATIONS = {
  'queue.sidecar.serving.knative.dev/cpu-resource-request': ['requests', 'cpuMillicores'],
  'queue.sidecar.serving.knative.dev/memory-resource-request': ['requests', 'memoryBytes'],
  'queue.sidecar.serving.knative.dev/cpu-resource-limit': ['limits', 'cpuMillicores'],
  'queue.sidecar.serving.knative.dev/memory-resource-limit': ['limits', 'memoryBytes'],
} as const;

function queueProxyDefaults(items: Item[], notes: Note[]): QueueProxyConfig {
  const cfg: QueueProxyConfig = { requests: { cpuMillicores: 25, memoryBytes: null }, limits: { cpuMillicores: null, memoryBytes: null } };
  const cm = items.find((it) => it.kind === 'ConfigMap' && nsOf(it.obj) === 'knative-serving' && nameOf(it) === 'config-deployment');
  if (!cm || !isRecord(cm.obj['data'])) return cfg;
  const data = cm.obj['data'];
  const set: string[] = [];
  for (const [key, [which, field]] of Object.entries(QUEUE_KEYS)) {
    const v = data[key];
    if (v === undefined || v === null || v === '') continue;
    cfg[which][field] = queueQuantity(String(v), field, `ConfigMap knative-serving/config-deployment data.${key}`, cm.loc.at(['data', key]));
    set.push(`${key}: ${String(v)}`);
  }
  if (set.length > 0) notes.push(note('knative-queue-proxy-config', 'info', `queue-proxy resources from config-deployment: ${set.join(', ')}`, cm.where));
  return cfg;
}

function queueQuantity(text: string, field: 'cpuMillicores' | 'memoryBytes', label: string, at: string): number {
  try {
    const n = field === 'cpuMillicores' ? parseCpuMillicores(text) : parseMemoryBytes(text);
    if (n < 0) throw new InputError(`negative quantity "${text}" at ${label}`, at);
    return n;
  } catch (e) {
    if (e instanceof QuantityError) throw new InputError(`malformed quantity "${text}" at ${label} (${e.reason})`, at);
    throw e;
  }
}

function queueProxyContainer(it: Item, label: string, cfg: QueueProxyConfig): Container {
  const requests = { ...cfg.requests };
  const limits = { ...cfg.limits };
  const ann = templateAnnotations(it.obj);
  for (const [key, [which, field]] of Object.entries(QUEUE_ANNOTATIONS)) {
    const v = ann[key];
    if (v === undefined || v === null) continue;
    const at = it.loc.at(['spec', 'template', 'metadata', 'annotations', key]);
    (which === 'requests' ? requests : limits)[field] = queueQuantity(String(v), field, `${label} annotation ${key}`, at);
  }
  return { name: 'queue-proxy', type: 'app', requests, limits, usage: null };
}

