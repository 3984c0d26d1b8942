// Which format each input text is, by content, and what its importer makes of it. PURE: the
// files are read by collect/read-inputs.ts; this gets their text.
import { InputError } from '../../errors.js';
import { QuantityError } from '../../quantity.js';
import type { MergeInput } from './merge.js';
import type { Importer, ImportResult } from './types.js';

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
  /** one sentence naming the formats understood, for the "unrecognised" error */
  understood: string;
}

export interface Detected {
  inputs: MergeInput[];
  /** one line per file for stderr: "samples/x/top-pods.txt: kubectl top pod -A (12 pods)" */
  summary: string[];
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function describeResult(r: ImportResult): string {
  const parts: string[] = [];
  if (r.pods.length) parts.push(plural(r.pods.length, r.pods.every((p) => p.origin === 'manifest') ? 'workload pod' : 'pod'));
  if (r.nodes.length) parts.push(plural(r.nodes.length, 'node'));
  if (r.hosts.length) parts.push(plural(r.hosts.length, 'host reading'));
  const warns = r.notes.filter((n) => n.level !== 'info').length;
  if (warns) parts.push(plural(warns, 'warning'));
  return `${r.kind} (${parts.length ? parts.join(', ') : 'nothing to count'})`;
}

/** Detects and imports each text, in the order given. Throws InputError naming the file (and line). */
export function detectAndImport(texts: readonly InputText[], registry: FormatRegistry): Detected {
  const inputs: MergeInput[] = [];
  const summary: string[] = [];
  for (const t of texts) {
    const text = t.text.charCodeAt(0) === 0xfeff ? t.text.slice(1) : t.text;
    if (text.includes('\u0000')) throw new InputError(`a binary file, not captured text or a manifest; ${registry.understood}`, t.path);
    const found = registry.detect(text);
    if (!found) throw new InputError(`not a format edge-profile recognises; ${registry.understood}`, t.path);
    let result: ImportResult;
    try {
      result = found.importer(text, { origin: t.path });
    } catch (err) {
      if (err instanceof QuantityError) throw new InputError(err.message, t.path);
      throw err;
    }
    inputs.push({ path: t.path, folder: t.folder, result });
    summary.push(`${t.path}: ${describeResult(result)}`);
  }
  return { inputs, summary };
}
