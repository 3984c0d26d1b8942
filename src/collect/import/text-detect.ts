// Content sniffing for the captured-text formats, and their importers by kind.
import { importCustomColumns } from './custom-columns.js';
import { importDescribeNode, looksLikeDescribeNode } from './describe-node.js';
import { importFree } from './free.js';
import { importKubectlGetPods } from './kubectl-get-pods.js';
import { importKubectlTopNode, importKubectlTopPod } from './kubectl-top.js';
import { BARE_COMMAND, splitLines } from './text-table.js';
import { parseCommand, sniffHeaderLine, type TextKind } from './text-sniff.js';
import { importTop } from './top.js';
import { importTranscript, transcriptPrompt } from './transcript.js';
import type { Importer } from './types.js';

export type { TextKind } from './text-sniff.js';

const KLOG = /^[IWEF]\d{4} \d{2}:\d{2}:\d{2}\.\d+\s/;

/**
 * Which text format this is, by content alone, or null:
 * - one output, optionally preceded by its command line ("$ free -m", a bare "kubectl get pods …",
 *   or one prompt line) → the output's kind, from its first line;
 * - several prompts, klog noise, or prose around recognised commands → "transcript".
 */
export function sniffTextKind(text: string): TextKind | null {
  const lines = splitLines(text).filter((l) => l.text.trim() !== '');
  if (lines.length === 0) return null;
  const prompts = lines.filter((l) => transcriptPrompt(l.text) !== null);
  const recognisedPrompts = prompts.filter((l) => parseCommand(transcriptPrompt(l.text)!).kind !== null);
  if (prompts.length > 1 && recognisedPrompts.length > 0) return 'transcript';
  if (lines.some((l) => KLOG.test(l.text)) && recognisedPrompts.length > 0) return 'transcript';

  let start = 0;
  const first = lines[0]!.text;
  if (prompts.length === 1 && prompts[0] === lines[0]) start = 1;
  else if (prompts.length === 0 && BARE_COMMAND.test(first)) start = 1;
  else if (prompts.length === 1 && recognisedPrompts.length === 1) return 'transcript';
  const header = lines[start];
  if (!header) return null;
  const kind = /^Name:\s/.test(header.text) && looksLikeDescribeNode(text) ? 'describe-node' : sniffHeaderLine(header.text);
  if (kind === null) return prompts.length > 0 && recognisedPrompts.length > 0 ? 'transcript' : null;
  // A single output followed by prose is a transcript (its importer tolerates the prose).
  if (start === 1 && prompts.length === 1) {
    const single = importersByKind[kind];
    try {
      single(text, { origin: '(sniff)' });
    } catch {
      return 'transcript';
    }
  }
  return kind;
}

export const importersByKind: Record<TextKind, Importer> = {
  'custom-columns': importCustomColumns,
  'get-pods': importKubectlGetPods,
  'top-pod': importKubectlTopPod,
  'top-pod-containers': importKubectlTopPod,
  'top-node': importKubectlTopNode,
  free: importFree,
  'top-b': importTop,
  'describe-node': importDescribeNode,
  transcript: importTranscript,
};
