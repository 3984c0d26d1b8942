// The formats `snapshot --from` recognises: an edge-profile snapshot, captured text (tables,
// `kubectl describe node`, transcripts), then Kubernetes objects (manifests, pods/nodes `-o json|yaml`).
import type { FormatRegistry } from './detect.js';
import { importKubectlObjectsJson, importKubectlObjectsYaml } from './kubectl-json.js';
import { sniffManifestKind, type ManifestKind } from './manifest-detect.js';
import { importManifestSet, importManifests } from './manifests.js';
import { importersByKind, sniffTextKind } from './text-detect.js';
import { makeTranscriptImporter } from './transcript.js';
import type { Importer } from './types.js';
import { importSnapshotFile, looksLikeSnapshot } from './snapshot-input.js';

const objectImporters: Record<ManifestKind, Importer> = {
  manifests: importManifests,
  'kubectl-get-pods-json': importKubectlObjectsJson,
  'kubectl-get-pods-yaml': importKubectlObjectsYaml,
  'kubectl-get-nodes-json': importKubectlObjectsJson,
  'kubectl-get-nodes-yaml': importKubectlObjectsYaml,
  'kubectl-get-pods-nodes-json': importKubectlObjectsJson,
  'kubectl-get-pods-nodes-yaml': importKubectlObjectsYaml,
};

/** Transcripts also read `kubectl get … -o json|yaml` sections (pods and nodes). */
const transcriptImporter = makeTranscriptImporter({ 'kubectl-json': importKubectlObjectsJson, 'kubectl-yaml': importKubectlObjectsYaml });

export const defaultRegistry: FormatRegistry = {
  detect(text) {
    if (looksLikeSnapshot(text)) return { kind: 'snapshot', importer: importSnapshotFile };
    const textKind = sniffTextKind(text);
    if (textKind === 'transcript') return { kind: textKind, importer: transcriptImporter };
    if (textKind !== null) return { kind: textKind, importer: importersByKind[textKind] };
    const objectKind = sniffManifestKind(text);
    if (objectKind !== null) return { kind: objectKind, importer: objectImporters[objectKind] };
    return null;
  },
  importSet: { manifests: (files) => importManifestSet(files.map((f) => ({ text: f.text, origin: f.path }))) },
  understood:
    'it reads kubectl get pods (table, -o custom-columns, -o json, -o yaml), kubectl get nodes (-o json, -o yaml), ' +
    'kubectl describe node, kubectl top pod|node, ' +
    'free, top -b, terminal transcripts of these, manifests (YAML or JSON) and edge-profile snapshots',
};
