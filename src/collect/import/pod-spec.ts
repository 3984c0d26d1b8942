// PodSpec (from `kubectl get -o json|yaml`, a manifest's pod template, or the live API) → the
// Snapshot model. Shared by the kubectl-json and manifest importers and the live collector. Pure.
//
// Only names, container kinds and the cpu/memory requests/limits are read: env values, secrets,
// images, commands and everything else the Snapshot model does not hold are never copied.
//
// Containers come out as the init containers in declared order (type "init", or "sidecar" for
// native sidecars, restartPolicy: Always), then the app containers: the effective pod request
// depends on which sidecars are declared before which init container.
//
// Like the API server's defaulting (SetDefaults_Pod), a request that is not set takes the
// container's limit for that resource. Objects from the API already carry it; templates in
// manifests do not, and the pods made from them will.
import { InputError } from '../../errors.js';
import type { Container, ContainerType, Note, Owner, Pod, PodOrigin, R } from '../../model/snapshot.js';
import { note } from '../../model/snapshot.js';
import {
  QuantityError,
  QuantityRangeError,
  parseCpuMillicores,
  parseMemoryBytes,
  suspiciousCpu,
  suspiciousMemory,
} from '../../quantity.js';
import { fixedLocator, isRecord, type Locator, type Path } from './yaml-objects.js';

export interface PodSpecResult {
  containers: Container[];
  overhead: R | null;
  notes: Note[];
}

/** Note codes this module emits (importers may fold repeats of the same code into one). */
export const NOTE = {
  otherResources: 'other-resources-ignored',
  requestFromLimit: 'request-defaulted-to-limit',
  suspicious: 'suspicious-quantity',
  unnamed: 'unnamed-container',
  defaultNamespace: 'namespace-defaulted',
} as const;

/**
 * @param spec  the PodSpec object
 * @param where the object it belongs to, for messages: "Deployment knative-serving/activator"
 * @param loc   where the spec's fields are in the text (paths relative to the spec); omit for live objects
 */
export function containersFromPodSpec(spec: unknown, where: string, loc?: Locator): PodSpecResult {
  const locator = loc ?? fixedLocator(where);
  const notes: Note[] = [];
  if (!isRecord(spec)) throw new InputError(`${where} has no pod spec`, locator.at([]));
  const ignored = new Set<string>();
  const ctx: Ctx = { where, loc: locator, notes, ignored };
  const containers: Container[] = [];
  for (const [field, list] of [
    ['initContainers', spec['initContainers']],
    ['containers', spec['containers']],
  ] as const) {
    if (list === undefined || list === null) continue;
    if (!Array.isArray(list)) throw new InputError(`${where} ${field} is not a list`, locator.at([field]));
    list.forEach((c, i) => containers.push(container(c, field, i, ctx)));
  }
  if (!containers.some((c) => c.type === 'app')) {
    throw new InputError(`${where} has no containers`, locator.at(['containers']));
  }
  let overhead: R | null = null;
  if (spec['overhead'] !== undefined && spec['overhead'] !== null) {
    overhead = resourceList(spec['overhead'], ['overhead'], 'overhead', ctx);
  }
  if (ignored.size > 0) {
    notes.push(
      note(NOTE.otherResources, 'info', `resources other than cpu and memory are not counted: ${[...ignored].sort().join(', ')}`, locator.at([])),
    );
  }
  return { containers, overhead, notes };
}

interface Ctx {
  where: string;
  loc: Locator;
  notes: Note[];
  ignored: Set<string>;
}

function container(c: unknown, field: 'initContainers' | 'containers', i: number, ctx: Ctx): Container {
  const path: Path = [field, i];
  if (!isRecord(c)) throw new InputError(`${ctx.where} ${field}[${i}] is not an object`, ctx.loc.at(path));
  let name = typeof c['name'] === 'string' && c['name'] !== '' ? c['name'] : null;
  if (name === null) {
    name = `${field}[${i}]`;
    ctx.notes.push(note(NOTE.unnamed, 'warn', `${ctx.where} ${field}[${i}] has no name`, ctx.loc.at(path)));
  }
  const type: ContainerType = field === 'containers' ? 'app' : c['restartPolicy'] === 'Always' ? 'sidecar' : 'init';
  const label = `${field}[${name}]`;
  const res = c['resources'];
  let requests: R = { cpuMillicores: null, memoryBytes: null };
  let limits: R = { cpuMillicores: null, memoryBytes: null };
  if (isRecord(res)) {
    if (res['requests'] != null) requests = resourceList(res['requests'], [...path, 'resources', 'requests'], `${label}.resources.requests`, ctx);
    if (res['limits'] != null) limits = resourceList(res['limits'], [...path, 'resources', 'limits'], `${label}.resources.limits`, ctx);
  } else if (res !== undefined && res !== null) {
    throw new InputError(`${ctx.where} ${label}.resources is not an object`, ctx.loc.at([...path, 'resources']));
  }
  for (const k of ['cpuMillicores', 'memoryBytes'] as const) {
    if (requests[k] === null && limits[k] !== null) {
      requests[k] = limits[k];
      ctx.notes.push(
        note(
          NOTE.requestFromLimit,
          'info',
          `${ctx.where} ${label}: ${k === 'cpuMillicores' ? 'cpu' : 'memory'} request not set, taken from its limit as Kubernetes does`,
          ctx.loc.at([...path, 'resources', 'limits']),
        ),
      );
    }
  }
  return { name, type, requests, limits, usage: null };
}

function resourceList(list: unknown, path: Path, label: string, ctx: Ctx): R {
  if (!isRecord(list)) throw new InputError(`${ctx.where} ${label} is not a map of quantities`, ctx.loc.at(path));
  const r: R = { cpuMillicores: null, memoryBytes: null };
  for (const [key, raw] of Object.entries(list)) {
    if (key !== 'cpu' && key !== 'memory') {
      ctx.ignored.add(key);
      continue;
    }
    if (raw === null || raw === undefined) continue;
    const fieldPath = [...path, key];
    const at = ctx.loc.at(fieldPath);
    const text = quantityText(raw);
    if (text === null) {
      throw new InputError(`expected a quantity, found ${JSON.stringify(raw)} at ${ctx.where} ${label}.${key}`, at);
    }
    let amount: number;
    try {
      amount = key === 'cpu' ? parseCpuMillicores(text) : parseMemoryBytes(text);
    } catch (e) {
      if (e instanceof QuantityRangeError) {
        throw new InputError(`quantity "${text}" at ${ctx.where} ${label}.${key} is out of range: ${e.reason}`, at);
      }
      if (e instanceof QuantityError) {
        throw new InputError(`malformed quantity "${text}" at ${ctx.where} ${label}.${key} (${e.reason})`, at);
      }
      throw e;
    }
    if (amount < 0) throw new InputError(`negative quantity "${text}" at ${ctx.where} ${label}.${key}`, at);
    const odd = key === 'cpu' ? suspiciousCpu(text, amount) : suspiciousMemory(text, amount);
    if (odd) ctx.notes.push(note(NOTE.suspicious, 'warn', `${odd} (${ctx.where} ${label}.${key})`, at));
    if (key === 'cpu') r.cpuMillicores = amount;
    else r.memoryBytes = amount;
  }
  return r;
}

/**
 * The quantity as text. An unquoted YAML/JSON number (`cpu: 0.5`) reaches Kubernetes as a float64
 * or int64 (sigs.k8s.io/yaml, encoding/json), printed shortest-exact as JavaScript's String()
 * does, so String(n) is what Quantity.UnmarshalJSON parses for every value within 2^53.
 */
function quantityText(raw: unknown): string | null {
  if (typeof raw === 'string') return raw;
  if (typeof raw === 'number' && Number.isFinite(raw)) return String(raw);
  if (typeof raw === 'bigint') return raw.toString();
  return null;
}

// ---- pods ----------------------------------------------------------------------------------------

export interface PodOptions {
  origin: PodOrigin;
  loc?: Locator;
  /** Namespace when metadata.namespace is absent (manifests); without it the pod must have one. */
  defaultNamespace?: string;
}

export interface PodFromObjectResult {
  pod: Pod;
  notes: Note[];
}

/**
 * A Pod object (kubectl -o json/yaml, the API, a manifest) → a snapshot Pod.
 *
 * Owner: the controller ownerReference (else the first). A ReplicaSet that a Deployment made
 * (the pod's `pod-template-hash` label is the suffix of the ReplicaSet's name) is reported as
 * its Deployment, as `kubectl` users group pods by workload; without the label, a ReplicaSet
 * name shaped `<name>-<hash>` is reported as Deployment `<name>` with ownerInferred = true.
 * The ReplicaSet's own name is not kept: the model holds one owner.
 */
export function podFromObject(obj: unknown, where: string, opts: PodOptions): PodFromObjectResult {
  const loc = opts.loc ?? fixedLocator(where);
  if (!isRecord(obj)) throw new InputError(`${where} is not an object`, loc.at([]));
  const meta = isRecord(obj['metadata']) ? obj['metadata'] : {};
  const name = typeof meta['name'] === 'string' ? meta['name'] : null;
  if (!name) throw new InputError(`Pod without metadata.name`, loc.at(['metadata']));
  const notes: Note[] = [];
  let namespace = typeof meta['namespace'] === 'string' && meta['namespace'] !== '' ? meta['namespace'] : null;
  if (namespace === null) {
    if (opts.defaultNamespace === undefined) throw new InputError(`Pod ${name} has no metadata.namespace`, loc.at(['metadata']));
    namespace = opts.defaultNamespace;
    notes.push(note(NOTE.defaultNamespace, 'info', `Pod ${name} has no namespace; assumed "${namespace}"`, loc.at(['metadata'])));
  }
  const label = `Pod ${namespace}/${name}`;
  const spec = containersFromPodSpec(obj['spec'], label, loc.sub(['spec']));
  notes.push(...spec.notes);
  const specObj = isRecord(obj['spec']) ? obj['spec'] : {};
  const status = isRecord(obj['status']) ? obj['status'] : {};
  const labels = isRecord(meta['labels']) ? meta['labels'] : {};
  const { owner, inferred } = ownerOf(meta['ownerReferences'], labels);
  const pod: Pod = {
    namespace,
    name,
    phase: typeof status['phase'] === 'string' ? status['phase'] : null,
    nodeName: typeof specObj['nodeName'] === 'string' && specObj['nodeName'] !== '' ? specObj['nodeName'] : null,
    owner,
    containers: spec.containers,
    usage: null,
    overhead: spec.overhead,
    origin: opts.origin,
  };
  if (inferred) pod.ownerInferred = true;
  return { pod, notes };
}

// Deployment's pod-template-hash: rand.SafeEncodeString alphabet, as in ReplicaSet names.
const HASH_SUFFIX = /^(.+)-([bcdfghjklmnpqrstvwxz2456789]{5,10})$/;

export function ownerOf(refs: unknown, labels: Record<string, unknown>): { owner: Owner | null; inferred: boolean } {
  if (!Array.isArray(refs)) return { owner: null, inferred: false };
  const valid = refs.filter(
    (r): r is { kind: string; name: string; controller?: unknown } =>
      isRecord(r) && typeof r['kind'] === 'string' && typeof r['name'] === 'string',
  );
  const ref = valid.find((r) => r.controller === true) ?? valid[0];
  if (!ref) return { owner: null, inferred: false };
  if (ref.kind === 'ReplicaSet') {
    const hash = labels['pod-template-hash'];
    if (typeof hash === 'string' && hash !== '' && ref.name.endsWith(`-${hash}`) && ref.name.length > hash.length + 1) {
      return { owner: { kind: 'Deployment', name: ref.name.slice(0, -(hash.length + 1)) }, inferred: false };
    }
    const m = HASH_SUFFIX.exec(ref.name);
    if (m) return { owner: { kind: 'Deployment', name: m[1]! }, inferred: true };
  }
  return { owner: { kind: ref.kind, name: ref.name }, inferred: false };
}

/** A suspicious-quantity message: what is odd, then "(WHERE containers[c].resources.limits.memory)". */
const SUSPICIOUS_PLACE = /^(.*) \((.+?\.resources\.(?:requests|limits)\.(?:cpu|memory))\)$/s;

/** Where notes go: an array, or a NoteFolder that keeps only what the folded notes need. */
export interface NoteSink {
  push(...notes: Note[]): unknown;
}

type FoldEntry =
  | { kind: 'note'; note: Note }
  | { kind: 'other'; first: Note; names: Set<string>; count: number }
  | { kind: 'odd'; first: Note; what: string; field: string; place: string; count: number };

/**
 * Folds repeated notes so an import says each thing once: the "other resources ignored" notes
 * into the first, and suspicious quantities into one note per distinct (field, value) — e.g.
 * every `limits.memory: 64Ki` of a generated cluster — with a count and the first place.
 * Notes are folded as they are pushed, so a list of 50k pods never holds 50k such notes.
 */
export class NoteFolder implements NoteSink {
  private readonly entries: FoldEntry[] = [];
  private other: Extract<FoldEntry, { kind: 'other' }> | null = null;
  private readonly odd = new Map<string, Extract<FoldEntry, { kind: 'odd' }>>();

  push(...notes: Note[]): number {
    for (const n of notes) this.add(n);
    return this.entries.length;
  }

  /** The notes of `folder`, as if they had been pushed here one by one after this one's. */
  pushFolded(folder: NoteFolder): void {
    for (const e of folder.entries) {
      if (e.kind === 'note') this.entries.push(e);
      else if (e.kind === 'other') {
        if (!this.other) {
          this.other = { ...e, names: new Set(e.names) };
          this.entries.push(this.other);
        } else {
          e.names.forEach((x) => this.other!.names.add(x));
          this.other.count += e.count;
        }
      } else {
        const key = `${e.field}\u0000${e.what}`;
        const seen = this.odd.get(key);
        if (seen) seen.count += e.count;
        else {
          const first = { ...e };
          this.odd.set(key, first);
          this.entries.push(first);
        }
      }
    }
  }

  private add(n: Note): void {
    if (n.code === NOTE.suspicious) {
      const m = SUSPICIOUS_PLACE.exec(n.message);
      if (!m) {
        this.entries.push({ kind: 'note', note: n });
        return;
      }
      const what = m[1]!;
      const place = m[2]!;
      const field = place.slice(place.lastIndexOf('.resources.') + 1);
      const key = `${field}\u0000${what}`;
      const seen = this.odd.get(key);
      if (seen) seen.count++;
      else {
        const first = { kind: 'odd' as const, first: n, what, field, place, count: 1 };
        this.odd.set(key, first);
        this.entries.push(first);
      }
      return;
    }
    if (n.code !== NOTE.otherResources) {
      this.entries.push({ kind: 'note', note: n });
      return;
    }
    const names = n.message.slice(n.message.indexOf(': ') + 2).split(', ');
    if (!this.other) {
      this.other = { kind: 'other', first: n, names: new Set(names), count: 1 };
      this.entries.push(this.other);
    } else {
      names.forEach((x) => this.other!.names.add(x));
      this.other.count++;
    }
  }

  /** The folded notes, in the order each was first pushed. */
  notes(): Note[] {
    return this.entries.map((e) => {
      if (e.kind === 'note') return e.note;
      if (e.count === 1) return { ...e.first };
      const message =
        e.kind === 'other'
          ? `resources other than cpu and memory are not counted: ${[...e.names].sort().join(', ')} (in ${e.count} pod specs; first at ${e.first.source})`
          : `${e.what} (${e.count} times as ${e.field}; first at ${e.place})`;
      return { ...e.first, message };
    });
  }
}

/** The notes folded as NoteFolder does (see there). */
export function foldRepeatedNotes(notes: Note[]): Note[] {
  const folder = new NoteFolder();
  for (const n of notes) folder.push(n);
  return folder.notes();
}
