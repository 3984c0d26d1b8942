// Finds the containers of workload manifests and rewrites single values in place. The yaml
// Document API locates every scalar (its source range); edits splice new text into the original
// source at those ranges, so every other byte — comments, key order, quoting, indentation,
// blank lines, `---` separators — is kept exactly.
import { isMap, isScalar, isSeq, LineCounter, parseAllDocuments, type Document, type Node, type Scalar, type YAMLMap } from 'yaml';
import { InputError } from '../errors.js';
import type { ContainerType } from '../model/snapshot.js';
import { RESOURCES, SECTIONS, type ObjectRef, type TargetContainer, type YamlPath } from '../analyze/shrink.js';
import { QUEUE_KEYS, type KnativeConfigTarget } from '../analyze/shrink-knative.js';
import { podSpecPath } from './import/workload-kinds.js';

export interface ManifestFile {
  /** The path as the user gave it (used in messages). */
  path: string;
  text: string;
  docs: Document.Parsed[];
  lines: LineCounter;
}

export function parseManifest(path: string, text: string): ManifestFile {
  const lines = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: false });
  if (!Array.isArray(docs)) return { path, text, docs: [], lines }; // an empty stream
  for (const d of docs) {
    const e = d.errors[0];
    if (e) {
      const line = lines.linePos(e.pos[0]).line;
      throw new InputError(`malformed YAML: ${e.message.split('\n')[0]}`, `${path}:${line}`);
    }
  }
  return { path, text, docs, lines };
}

export interface ObjectFilter {
  namespaces: string[];
  kinds: string[];
  names: string[];
}

function str(node: unknown): string | null {
  return isScalar(node) && typeof node.value === 'string' ? node.value : null;
}

function lineOf(f: ManifestFile, node: Node | null | undefined): number {
  return node?.range ? f.lines.linePos(node.range[0]).line : 1;
}

interface LocatedObject {
  ref: ObjectRef;
  node: YAMLMap;
  /** Path from the document root to the object (empty, or ['items', i] inside a List). */
  base: YamlPath;
}

function* objectsOf(f: ManifestFile): Generator<LocatedObject> {
  for (let docIndex = 0; docIndex < f.docs.length; docIndex++) {
    const root = f.docs[docIndex]!.contents;
    if (!isMap(root)) continue;
    const items = root.get('items', true);
    if (str(root.get('kind', true))?.endsWith('List') && isSeq(items)) {
      for (let i = 0; i < items.items.length; i++) {
        const o = locate(f, docIndex, items.items[i], ['items', i]);
        if (o) yield o;
      }
      continue;
    }
    const o = locate(f, docIndex, root, []);
    if (o) yield o;
  }
}

function locate(f: ManifestFile, docIndex: number, node: unknown, base: YamlPath): LocatedObject | null {
  if (!isMap(node)) return null;
  const kind = str(node.get('kind', true));
  const apiVersion = str(node.get('apiVersion', true)) ?? '';
  const meta = node.get('metadata', true);
  const name = isMap(meta) ? str(meta.get('name', true)) : null;
  if (!kind || !name) return null;
  const namespace = isMap(meta) ? str(meta.get('namespace', true)) : null;
  return { ref: { file: f.path, docIndex, apiVersion, kind, namespace, name, base }, node, base };
}

function matches(ref: ObjectRef, filter: ObjectFilter): boolean {
  if (filter.namespaces.length && !filter.namespaces.includes(ref.namespace ?? 'default')) return false;
  if (filter.kinds.length && !filter.kinds.some((k) => k.toLowerCase() === ref.kind.toLowerCase())) return false;
  if (filter.names.length && !filter.names.includes(ref.name)) return false;
  return true;
}

/** Every container of every matching workload, with the location of each declared cpu/memory value. */
export function findContainers(files: ManifestFile[], filter: ObjectFilter): TargetContainer[] {
  const out: TargetContainer[] = [];
  for (const f of files) {
    for (const o of objectsOf(f)) {
      const specPath = podSpecPath(o.ref.apiVersion, o.ref.kind);
      if (!specPath || !matches(o.ref, filter)) continue;
      const spec = o.node.getIn(specPath, true);
      if (!isMap(spec)) continue;
      for (const list of ['initContainers', 'containers'] as const) {
        const seq = spec.get(list, true);
        if (!isSeq(seq)) continue;
        seq.items.forEach((item, i) => {
          if (!isMap(item)) return;
          const name = str(item.get('name', true)) ?? `#${i}`;
          const type: ContainerType =
            list === 'containers' ? 'app' : str(item.get('restartPolicy', true)) === 'Always' ? 'sidecar' : 'init';
          const path: YamlPath = [...o.base, ...specPath, list, i];
          const values: TargetContainer['values'] = { requests: {}, limits: {} };
          for (const section of SECTIONS) {
            for (const resource of RESOURCES) {
              const node = item.getIn(['resources', section, resource], true);
              if (node === undefined || node === null) continue;
              if (!isScalar(node) || (typeof node.value !== 'string' && typeof node.value !== 'number')) {
                throw new InputError(
                  `resources.${section}.${resource} of container "${name}" is not a quantity`,
                  `${f.path}:${lineOf(f, node as Node)}`,
                );
              }
              values[section][resource] = {
                raw: node.value,
                where: `${f.path}:${lineOf(f, node)}`,
                path: [...path, 'resources', section, resource],
              };
            }
          }
          out.push({ object: o.ref, container: name, type, path, values });
        });
      }
    }
  }
  return out;
}

/** Knative Serving's config-deployment ConfigMaps (and whether config-features enables resource defaults). */
export function findKnativeConfig(files: ManifestFile[]): KnativeConfigTarget[] {
  const out: KnativeConfigTarget[] = [];
  let defaultsEnabled = false;
  for (const f of files) {
    for (const o of objectsOf(f)) {
      if (o.ref.kind !== 'ConfigMap') continue;
      const data = o.node.get('data', true);
      if (o.ref.name === 'config-features' && isMap(data)) {
        defaultsEnabled ||= str(data.get('queueproxy.resource-defaults', true))?.toLowerCase() === 'enabled';
      }
      if (o.ref.name !== 'config-deployment') continue;
      const meta = o.node.get('metadata', true);
      const labelled = isMap(meta) && str(meta.getIn(['labels', 'app.kubernetes.io/name'], true)) === 'knative-serving';
      const hasQueueImage = isMap(data) && data.has('queue-sidecar-image');
      if (o.ref.namespace !== 'knative-serving' && !labelled && !hasQueueImage) continue;
      const keys = {} as KnativeConfigTarget['keys'];
      for (const key of QUEUE_KEYS) {
        const node = isMap(data) ? data.get(key, true) : undefined;
        keys[key] =
          isScalar(node) && (typeof node.value === 'string' || typeof node.value === 'number')
            ? { raw: node.value, where: `${f.path}:${lineOf(f, node)}`, path: [...o.base, 'data', key] }
            : null;
      }
      out.push({ object: o.ref, dataPath: [...o.base, 'data'], keys, resourceDefaultsEnabled: false });
    }
  }
  for (const t of out) t.resourceDefaultsEnabled = defaultsEnabled;
  return out;
}

export interface ValueEdit {
  docIndex: number;
  path: YamlPath;
  value: string | number;
  /** Add the key when absent (to the map at path minus its last element). Added values are always quoted strings. */
  addIfAbsent?: boolean;
}

interface Splice {
  start: number;
  end: number;
  text: string;
}

function scalarText(node: Scalar, value: string | number): string {
  if (typeof value === 'number') return String(value);
  switch (node.type) {
    case 'PLAIN':
      return /^[0-9A-Za-z.+-]+$/.test(value) ? value : JSON.stringify(value);
    case 'QUOTE_SINGLE':
      return `'${value.replace(/'/g, "''")}'`;
    default:
      return JSON.stringify(value);
  }
}

function lineStart(text: string, pos: number): number {
  return text.lastIndexOf('\n', pos - 1) + 1;
}

function insertionFor(f: ManifestFile, doc: Document.Parsed, edit: ValueEdit): Splice {
  const mapPath = edit.path.slice(0, -1);
  const key = String(edit.path[edit.path.length - 1]);
  const map = doc.getIn(mapPath, true);
  const where = `${f.path}:${lineOf(f, map as Node)}`;
  if (!isMap(map) || map.flow || map.items.length === 0) {
    throw new InputError(`cannot add "${key}": ${mapPath.join('.')} is not a block map; add it by hand`, where);
  }
  // Before `_example` when present (Knative's layout), else before the first key; above its comment lines.
  const anchor = map.items.find((p) => isScalar(p.key) && p.key.value === '_example') ?? map.items[0]!;
  const keyNode = anchor.key as Node;
  const indent = f.lines.linePos(keyNode.range![0]).col - 1;
  let pos = lineStart(f.text, keyNode.range![0]);
  for (;;) {
    if (pos === 0) break;
    const prev = lineStart(f.text, pos - 1);
    const line = f.text.slice(prev, pos - 1);
    if (!/^\s*#/.test(line) || line.search(/\S/) !== indent) break;
    pos = prev;
  }
  return { start: pos, end: pos, text: `${' '.repeat(indent)}${key}: ${JSON.stringify(String(edit.value))}\n` };
}

/** When a comment follows the value on its line, keeps the comment where it was (at least one space before it). */
function keepCommentColumn(text: string, s: Splice): Splice {
  const m = /^( +)#/.exec(text.slice(s.end, text.indexOf('\n', s.end) >>> 0));
  if (!m) return s;
  const spaces = m[1]!.length;
  const delta = s.text.length - (s.end - s.start);
  const want = Math.max(1, spaces - delta);
  return { start: s.start, end: s.end + spaces, text: s.text + ' '.repeat(want) };
}

/** The file's text with the edits applied; everything else byte for byte. */
export function applyEdits(f: ManifestFile, edits: ValueEdit[]): string {
  const splices: Splice[] = [];
  for (const edit of edits) {
    const doc = f.docs[edit.docIndex];
    if (!doc) throw new Error(`no document ${edit.docIndex} in ${f.path}`);
    const node = doc.getIn(edit.path, true);
    if (node === undefined && edit.addIfAbsent) {
      splices.push(insertionFor(f, doc, edit));
      continue;
    }
    if (!isScalar(node) || !node.range) throw new Error(`no scalar at ${edit.path.join('.')} in ${f.path}`);
    splices.push(keepCommentColumn(f.text, { start: node.range[0], end: node.range[1], text: scalarText(node, edit.value) }));
  }
  splices.sort((a, b) => b.start - a.start);
  let text = f.text;
  for (const s of splices) text = text.slice(0, s.start) + s.text + text.slice(s.end);
  verify(f, text, edits);
  return text;
}

/** Re-reads the result: every edited path holds its new value and the stream still parses. */
function verify(f: ManifestFile, text: string, edits: ValueEdit[]): void {
  const again = parseManifest(f.path, text);
  for (const e of edits) {
    const got = again.docs[e.docIndex]?.getIn(e.path);
    if (got !== e.value) throw new Error(`edit of ${e.path.join('.')} in ${f.path} did not take (got ${String(got)})`);
  }
}
