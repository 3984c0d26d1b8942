// Shared line/table helpers for the text importers (pure).
import { InputError } from '../../errors.js';
import { QuantityError, parseCpuMillicores, parseMemoryBytes, suspiciousCpu, suspiciousMemory } from '../../quantity.js';
import { note, type Note } from '../../model/snapshot.js';
import type { ImportContext } from './types.js';

export interface Line {
  /** Text without the line break (and without a trailing \r). */
  text: string;
  /** 0-based index in the importer's text. */
  index: number;
}

export function splitLines(text: string): Line[] {
  const raw = text.split('\n');
  if (raw.length > 0 && raw[raw.length - 1] === '') raw.pop();
  return raw.map((t, index) => ({ text: t.replace(/\r$/, ''), index }));
}

/** "file:line" for a 0-based index into the importer's text. */
export function where(ctx: ImportContext, index: number): string {
  return `${ctx.origin}:${(ctx.firstLine ?? 1) + index}`;
}

// Prompts of pasted sessions: "user@host:~$ cmd", "root@x:/# cmd", "[user@host ~]$ cmd", "$ cmd", "# cmd".
const PROMPT_PATTERNS: RegExp[] = [
  /^[\w.-]+@[\w.-]+:[^\s$#]*[$#]\s?(.*)$/,
  /^\[[\w.-]+@[\w.-]+(?:\s[^\]]*)?\][$#]\s?(.*)$/,
  /^[$#>]\s?(.*)$/,
];

/** The command of a prompt line, or null when the line has no prompt. */
export function promptCommand(line: string): string | null {
  for (const re of PROMPT_PATTERNS) {
    const m = re.exec(line);
    if (m) return (m[1] ?? '').trim();
  }
  return null;
}

/** Command words that may start a bare command line (no prompt) pasted above an output. */
export const BARE_COMMAND = /^\s*(?:sudo\s+)?(?:(?:k0s|k3s|microk8s)\s+)?(?:kubectl|free|top(?! - \d))(?:\s|$)/;

/**
 * A leading command line ("$ free -m", "vagrant@vagrant:~$ sudo k0s kubectl top node", or a bare
 * " kubectl get pods …") before the output proper. Returns the command and the index of the
 * first line after it, or null when the text starts with the output.
 */
export function leadingCommand(lines: Line[]): { command: string; next: number } | null {
  const first = lines.findIndex((l) => l.text.trim() !== '');
  if (first < 0) return null;
  const text = lines[first]!.text;
  const prompted = promptCommand(text.trim());
  if (prompted !== null && BARE_COMMAND.test(prompted)) return { command: prompted, next: first + 1 };
  if (BARE_COMMAND.test(text)) return { command: text.trim(), next: first + 1 };
  return null;
}

/** The command line that produced a text: the context's, else a leading command line of the text. */
export function commandOf(lines: Line[], ctx: ImportContext): { command: string | null; start: number } {
  const lead = leadingCommand(lines);
  if (lead) return { command: ctx.commandLine ?? lead.command, start: lead.next };
  return { command: ctx.commandLine ?? null, start: 0 };
}

/**
 * Cells of an aligned table row. kubectl pads columns with at least 3 spaces, so cells are split
 * on runs of 2+ spaces (a cell may hold one space: "1 (2d ago)", header "NOMINATED NODE"); when
 * that does not give `expected` cells, a split on any whitespace is tried.
 */
export function splitCells(line: string, expected?: number): string[] {
  const wide = line.trim().split(/\s{2,}|\t+/).filter((c) => c !== '');
  if (expected === undefined || wide.length === expected) return wide;
  const narrow = line.trim().split(/\s+/).filter((c) => c !== '');
  if (narrow.length === expected) return narrow;
  return wide;
}

/** A kubectl table after its optional command line: the header line and the non-blank rows after it. */
export interface TextTable {
  command: string | null;
  header: Line;
  headers: string[];
  rows: Line[];
}

/** The table of a capture; InputError `emptyMessage` (at the file) when it has no line at all. */
export function readTextTable(text: string, ctx: ImportContext, emptyMessage: string): TextTable {
  const lines = splitLines(text);
  const { command, start } = commandOf(lines, ctx);
  const body = lines.slice(start).filter((l) => l.text.trim() !== '');
  const header = body[0];
  if (!header) throw new InputError(emptyMessage, ctx.origin);
  return { command, header, headers: splitCells(header.text), rows: body.slice(1) };
}

/** kubectl's "No resources found …" where the header would be, as an info note; else null. */
export function noResourcesNote(t: TextTable, ctx: ImportContext): Note | null {
  const text = t.header.text.trim();
  return /^No resources found/.test(text) ? note('no-resources', 'info', text, where(ctx, t.header.index)) : null;
}

/** The cells of a row, one per header; InputError naming the line when the count differs. */
export function rowCells(line: Line, headers: string[], ctx: ImportContext): string[] {
  const cells = splitCells(line.text, headers.length);
  if (cells.length !== headers.length) {
    throw new InputError(`row has ${cells.length} cells where the header has ${headers.length} (${headers.join(' ')})`, where(ctx, line.index));
  }
  return cells;
}

/** For a table without a NAMESPACE column: -n of the import or of the captured command, else "default" with a note. */
export function assumedNamespace(command: string | null, ctx: ImportContext, notes: Note[]): string {
  const namespace = ctx.namespace ?? namespaceFlag(command);
  if (namespace !== null) return namespace;
  notes.push(note('namespace-assumed', 'info', 'no NAMESPACE column and no -n on the command line: pods put in namespace "default"', ctx.origin));
  return 'default';
}

/** Parses one quantity cell, naming column and line on failure; pushes a warn note when suspicious. */
function quantityCell(
  parse: (text: string) => number,
  suspicious: (text: string, amount: number) => string | null,
  code: string,
  value: string,
  column: string,
  at: string,
  notes: Note[],
): number {
  let amount: number;
  try {
    amount = parse(value);
  } catch (e) {
    if (e instanceof QuantityError) throw new InputError(`malformed quantity "${value}" in column ${column}`, at);
    throw e;
  }
  const why = suspicious(value, amount);
  if (why) notes.push(note(code, 'warn', `${why} (column ${column})`, at));
  return amount;
}

export function cpuCell(value: string, column: string, at: string, notes: Note[]): number {
  return quantityCell(parseCpuMillicores, suspiciousCpu, 'suspicious-cpu', value, column, at, notes);
}

export function memoryCell(value: string, column: string, at: string, notes: Note[]): number {
  return quantityCell(parseMemoryBytes, suspiciousMemory, 'suspicious-memory', value, column, at, notes);
}

/** `-n NS` / `--namespace NS` / `--namespace=NS` on a command line, else null. */
export function namespaceFlag(command: string | null): string | null {
  if (!command) return null;
  const m = /(?:^|\s)(?:-n|--namespace)(?:\s+|=)(\S+)/.exec(command);
  return m ? m[1]!.replace(/^["']|["']$/g, '') : null;
}

/** True when the command line asks for all namespaces. */
export function allNamespacesFlag(command: string | null): boolean {
  return !!command && /(?:^|\s)(?:-A|--all-namespaces)(?:\s|=|$)/.test(command);
}

/**
 * Exact decimal → integer: round(text × multiplier), text a non-negative decimal like "971.2".
 * BigInt inside so "971.2" MiB does not pick up float error.
 */
export function scaleDecimal(text: string, multiplier: bigint): number | null {
  const m = /^(\d*)(?:\.(\d*))?$/.exec(text);
  if (!m || (m[1] === '' && (m[2] ?? '') === '')) return null;
  const frac = m[2] ?? '';
  const num = BigInt((m[1] || '0') + frac) * multiplier;
  const den = 10n ** BigInt(frac.length);
  const q = num / den;
  const r = num % den;
  return Number(r * 2n >= den ? q + 1n : q);
}
