// Which format each input text is, by content, and what its importer makes of it. PURE: the
// files are read by collect/read-inputs.ts; this gets their text.
import { InputError } from '../../errors.js';
import { QuantityError } from '../../quantity.js';
import type { MergeInput } from './merge.js';
import type { Importer, ImportResult } from './types.js';
import { plural } from '../../text.js';

export interface InputText {
  /** the file as the user named it (or as found under a folder they named) */
  path: string;
  /** the folder it is in: free and top readings of one folder are merged into one reading */
  folder: string;
  text: string;
}

/** Recognises a text's format and gives the importer for it. */
export interface FormatRegistry {
  detect(text: string): { kind: string; importer: Importer } | null;
  /**
   * Kinds whose files are also imported together, as one set (a HorizontalPodAutoscaler or
   * Knative's config-deployment in one manifest file applies to workloads in another). Each file
   * is still imported alone first, for its own summary line and errors.
   */
  importSet?: Record<string, (files: Array<{ path: string; text: string }>) => ImportResult>;
  /** one sentence naming the formats understood, for the "unrecognised" error */
  understood: string;
}

export interface Detected {
  inputs: MergeInput[];
  /** one line per file for stderr: "samples/x/top-pods.txt: kubectl top pod -A (12 pods)" */
  summary: string[];
}

export function describeResult(r: ImportResult): string {
  const warns = r.notes.filter((n) => n.level !== 'info').length;
  const warnText = warns ? `, ${plural(warns, 'warning')}` : '';
  // Importers usually say what they counted: "kubectl top pod -A (12 pods)".
  if (/\(\d+ /.test(r.kind)) return r.kind + (warns ? ` [${plural(warns, 'warning')}]` : '');
  const parts: string[] = [];
  if (r.pods.length) parts.push(plural(r.pods.length, r.pods.every((p) => p.origin === 'manifest') ? 'workload pod' : 'pod'));
  if (r.nodes.length) parts.push(plural(r.nodes.length, 'node'));
  if (r.hosts.length) parts.push(plural(r.hosts.length, 'host reading'));
  return `${r.kind} (${parts.length ? parts.join(', ') : 'nothing to count'}${warnText})`;
}

function guarded(where: string, f: () => ImportResult): ImportResult {
  try {
    return f();
  } catch (err) {
    if (err instanceof QuantityError) throw new InputError(err.message, where);
    throw err;
  }
}

/** Detects and imports each text, in the order given. Throws InputError naming the file (and line). */
export function detectAndImport(texts: readonly InputText[], registry: FormatRegistry): Detected {
  const inputs: MergeInput[] = [];
  const summary: string[] = [];
  const sets = new Map<string, Array<{ path: string; text: string; index: number }>>();
  for (const t of texts) {
    const text = t.text.charCodeAt(0) === 0xfeff ? t.text.slice(1) : t.text;
    if (text.includes('\u0000')) throw new InputError(`a binary file, not captured text or a manifest; ${registry.understood}`, t.path);
    const found = registry.detect(text);
    if (!found) throw new InputError(`not a format edge-profile recognises; ${registry.understood}`, t.path);
    const result = guarded(t.path, () => found.importer(text, { origin: t.path }));
    if (registry.importSet?.[found.kind]) {
      sets.set(found.kind, [...(sets.get(found.kind) ?? []), { path: t.path, text, index: inputs.length }]);
    }
    inputs.push({ path: t.path, folder: t.folder, result });
    summary.push(`${t.path}: ${describeResult(result)}`);
  }
  for (const [kind, files] of sets) {
    if (files.length < 2) continue;
    // The set's pods replace each file's own pods of the same namespace/name (so each pod still
    // names the file it came from); the set's notes that no file gave alone go with the first file.
    const combined = guarded(files.map((f) => f.path).join(', '), () => registry.importSet![kind]!(files));
    const byKey = new Map(combined.pods.map((p) => [`${p.namespace}/${p.name}`, p]));
    const placed = new Set<string>();
    for (const f of files) {
      const own = inputs[f.index]!.result;
      own.pods = own.pods.map((p) => {
        const k = `${p.namespace}/${p.name}`;
        placed.add(k);
        return byKey.get(k) ?? p;
      });
    }
    const first = inputs[files[0]!.index]!.result;
    first.pods.push(...combined.pods.filter((p) => !placed.has(`${p.namespace}/${p.name}`)));
    const known = new Set(files.flatMap((f) => inputs[f.index]!.result.notes.map((n) => n.message)));
    first.notes.push(...combined.notes.filter((n) => !known.has(n.message)));
  }
  return { inputs, summary };
}
