import type { Host, Node, Note, Pod } from '../../model/snapshot.js';

/**
 * What one importer makes of one captured text. Importers are pure: (text, origin) → this.
 * - pods: pods seen, with what the text says of them (requests/limits null where the text
 *   does not carry them; usage set where it does, e.g. `kubectl top pod`).
 * - nodes: nodes seen (capacity/allocatable/usage where known).
 * - hosts: host readings in the order taken (one per `free`, one per `top -b` iteration).
 *   A reading that lacks a part has it null / empty (free has no processes).
 * - notes: what was odd, each with source "file:line" where a line is to blame.
 */
export interface ImportResult {
  /** What the text was recognised as, for the stderr summary, e.g. "kubectl top pod (-A)". */
  kind: string;
  pods: Pod[];
  nodes: Node[];
  hosts: Host[];
  notes: Note[];
}

export interface ImportContext {
  /** The file (or "file:line" prefix for a transcript section) for error messages and notes. */
  origin: string;
  /** Line number in the file where `text` starts (1-based), for transcripts. Default 1. */
  firstLine?: number;
  /** Namespace to assume when the text has no NAMESPACE column (from `-n NS` on a transcript's command line). */
  namespace?: string;
  /** The command line that produced the text, when known (a transcript's prompt line, or a
   *  "$ free -m" first line): tells units (`free -m`) and scope (`-A`, `-n`). */
  commandLine?: string;
}

export type Importer = (text: string, ctx: ImportContext) => ImportResult;

export function emptyImport(kind: string): ImportResult {
  return { kind, pods: [], nodes: [], hosts: [], notes: [] };
}
