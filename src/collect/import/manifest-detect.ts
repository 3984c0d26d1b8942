// Recognises Kubernetes objects by content: `kubectl get pods|nodes -o json|yaml` output, or manifests.
// Pure. Used by the detection helper (detect.ts) to pick an importer.
import { parseAllDocuments } from 'yaml';
import { isRecord } from './yaml-objects.js';

export type ManifestKind =
  | 'manifests'
  | 'kubectl-get-pods-json'
  | 'kubectl-get-pods-yaml'
  | 'kubectl-get-nodes-json'
  | 'kubectl-get-nodes-yaml'
  | 'kubectl-get-pods-nodes-json'
  | 'kubectl-get-pods-nodes-yaml';

const HAS_KIND = /^[ \t-]*"?kind"?[ \t]*:/m;
const HAS_API_VERSION = /^[ \t-]*"?apiVersion"?[ \t]*:/m;
/** Starts like a manifest (first line that is not blank or a comment): claimed even when broken. */
const STARTS_LIKE_MANIFEST = /^(?:[ \t]*(?:#.*)?\r?\n)*(?:---[ \t]*(?:#.*)?\r?\n(?:[ \t]*(?:#.*)?\r?\n)*)?(apiVersion|kind):[ \t]*\S/;

/**
 * "kubectl-get-pods-json" / "kubectl-get-pods-yaml": a List or PodList whose items are all Pods
 * (or that is empty), or a single Pod as the API returns it (with status or metadata.uid).
 * "kubectl-get-nodes-…": the same of Nodes (List or NodeList, or one Node as the API returns it);
 * "kubectl-get-pods-nodes-…": one List holding both (`kubectl get pods,nodes -o yaml`).
 * "manifests": any other YAML/JSON holding objects with apiVersion and kind (a broken YAML file
 * whose first line is `apiVersion:`/`kind:`, or broken JSON, too: its importer names the bad line).
 * null: anything else.
 */
export function sniffManifestKind(text: string): ManifestKind | null {
  const json = text.trimStart().startsWith('{');
  if (json ? !/"kind"\s*:/.test(text) || !/"apiVersion"\s*:/.test(text) : !HAS_KIND.test(text) || !HAS_API_VERSION.test(text)) {
    return null;
  }
  let objects: unknown[];
  try {
    objects = json ? [JSON.parse(text)] : yamlDocuments(text);
  } catch {
    // Broken, but plainly meant as objects: let the importer name the bad line.
    return json || STARTS_LIKE_MANIFEST.test(text) ? 'manifests' : null;
  }
  const docs = objects.filter((d) => d !== null && d !== undefined);
  const k8s = docs.filter(isObject);
  if (k8s.length === 0 || k8s.length !== docs.length) return null;
  const got = k8s.length === 1 ? kubectlGet(k8s[0]!) : null;
  if (got === null) return 'manifests';
  return `kubectl-get-${got}-${json ? 'json' : 'yaml'}`;
}

function yamlDocuments(text: string): unknown[] {
  const docs = parseAllDocuments(text);
  if (!Array.isArray(docs)) return [];
  return docs.map((d) => {
    if (d.errors.length > 0) throw d.errors[0];
    return d.toJS({ maxAliasCount: 1000 });
  });
}

function isObject(v: unknown): v is Record<string, unknown> {
  return isRecord(v) && typeof v['apiVersion'] === 'string' && typeof v['kind'] === 'string';
}

/** What `kubectl get … -o json|yaml` printed, or null when this is not such output. */
function kubectlGet(obj: Record<string, unknown>): 'pods' | 'nodes' | 'pods-nodes' | null {
  const kind = obj['kind'];
  if (kind === 'List' || kind === 'PodList' || kind === 'NodeList') {
    const items = obj['items'];
    if (!Array.isArray(items) || !items.every((i) => isObject(i) && (i['kind'] === 'Pod' || i['kind'] === 'Node'))) return null;
    const nodes = items.filter((i) => (i as Record<string, unknown>)['kind'] === 'Node').length;
    // An empty List stays what it always was: (no) pods.
    if (nodes === 0) return kind === 'NodeList' ? 'nodes' : 'pods';
    return nodes === items.length ? 'nodes' : 'pods-nodes';
  }
  if (kind === 'Pod' || kind === 'Node') {
    const meta = obj['metadata'];
    const fromApi = isRecord(obj['status']) || (isRecord(meta) && (typeof meta['uid'] === 'string' || typeof meta['creationTimestamp'] === 'string'));
    return fromApi ? (kind === 'Pod' ? 'pods' : 'nodes') : null;
  }
  return null;
}
