// `shrink --format kustomize`: a kustomization.yaml that takes the upstream manifests as they are
// and patches only the scaled values, with JSON 6902 patches (they work on CRDs such as Knative's
// Service too, where a strategic merge would replace the whole containers list). Each container's
// patch first tests the container's name, so an upstream release that reorders containers makes
// `kustomize build` fail instead of patching the wrong one.
import { stringify } from 'yaml';
import type { ObjectRef, ResourceChange, YamlPath } from '../analyze/shrink.js';
import type { ConfigChange } from '../analyze/shrink-knative.js';

type Op = { op: 'test' | 'replace' | 'add'; path: string; value: string | number };

function pointer(path: YamlPath): string {
  return '/' + path.map((p) => String(p).replace(/~/g, '~0').replace(/\//g, '~1')).join('/');
}

function relative(o: ObjectRef, path: YamlPath): YamlPath {
  return path.slice(o.base.length);
}

function target(o: ObjectRef): Record<string, string> {
  const slash = o.apiVersion.indexOf('/');
  const t: Record<string, string> = {};
  if (slash >= 0) t['group'] = o.apiVersion.slice(0, slash);
  t['version'] = slash >= 0 ? o.apiVersion.slice(slash + 1) : o.apiVersion;
  t['kind'] = o.kind;
  if (o.namespace) t['namespace'] = o.namespace;
  t['name'] = o.name;
  return t;
}

function objectId(o: ObjectRef): string {
  return `${o.file}#${o.docIndex}#${o.base.join('.')}`;
}

export interface KustomizationInput {
  /** Paths of the manifests relative to the kustomization's directory, in input order. */
  resources: string[];
  changes: ResourceChange[];
  configChanges: ConfigChange[];
  /** Comment lines put at the top (what produced the file). */
  headerLines: string[];
}

export function renderKustomization(input: KustomizationInput): string {
  const byObject = new Map<string, { object: ObjectRef; ops: Op[]; tested: Set<string> }>();
  const entry = (o: ObjectRef) => {
    const id = objectId(o);
    let e = byObject.get(id);
    if (!e) byObject.set(id, (e = { object: o, ops: [], tested: new Set() }));
    return e;
  };
  for (const c of input.changes) {
    if (!c.changed) continue;
    const e = entry(c.object);
    // path = [...base, ...podSpec, list, index, 'resources', section, resource]
    const containerPath = relative(c.object, c.path).slice(0, -3);
    const key = containerPath.join('/');
    if (!e.tested.has(key)) {
      e.tested.add(key);
      e.ops.push({ op: 'test', path: pointer([...containerPath, 'name']), value: c.container });
    }
    e.ops.push({ op: 'replace', path: pointer(relative(c.object, c.path)), value: c.afterValue });
  }
  for (const k of input.configChanges) {
    entry(k.object).ops.push({ op: 'add', path: pointer(relative(k.object, k.path)), value: k.after });
  }
  const doc: Record<string, unknown> = {
    apiVersion: 'kustomize.config.k8s.io/v1beta1',
    kind: 'Kustomization',
    resources: input.resources,
  };
  const patches = [...byObject.values()].map((e) => ({
    target: target(e.object),
    patch: stringify(e.ops, { lineWidth: 0 }),
  }));
  if (patches.length) doc['patches'] = patches;
  const head = input.headerLines.map((l) => `# ${l}`.trimEnd()).join('\n');
  return (head ? head + '\n' : '') + stringify(doc, { lineWidth: 0 });
}
