// `free` output (procps 3.2, 3.3 and 4.x layouts, every unit flag) → one Host reading per block.
import { InputError } from '../../errors.js';
import { note, type Host, type HostMemory, type Note } from '../../model/snapshot.js';
import { commandOf, scaleDecimal, splitLines, where, type Line } from './text-table.js';
import type { ImportContext, ImportResult } from './types.js';

export interface FreeUnit {
  /** Bytes per printed unit; null with -h (each value carries its own suffix). */
  bytesPerUnit: bigint | null;
  /** --si: -h suffixes and -k/-m/-g are powers of 1000. */
  si: boolean;
  /** The flag that chose the unit, for messages ("-m", "--giga", "-h", or "" for the default). */
  flag: string;
}

const UNIT_FLAGS: Record<string, { bytes: bigint; siBytes?: bigint }> = {
  b: { bytes: 1n },
  bytes: { bytes: 1n },
  k: { bytes: 1024n, siBytes: 1000n },
  m: { bytes: 1024n ** 2n, siBytes: 1000n ** 2n },
  g: { bytes: 1024n ** 3n, siBytes: 1000n ** 3n },
  kilo: { bytes: 1000n },
  mega: { bytes: 1000n ** 2n },
  giga: { bytes: 1000n ** 3n },
  tera: { bytes: 1000n ** 4n },
  peta: { bytes: 1000n ** 5n },
  kibi: { bytes: 1024n, siBytes: 1000n },
  mebi: { bytes: 1024n ** 2n, siBytes: 1000n ** 2n },
  gibi: { bytes: 1024n ** 3n, siBytes: 1000n ** 3n },
  tebi: { bytes: 1024n ** 4n, siBytes: 1000n ** 4n },
  pebi: { bytes: 1024n ** 5n, siBytes: 1000n ** 5n },
};

/** The unit a `free` command line prints in (the last unit flag wins, as in procps). */
export function freeUnitFromCommand(command: string): FreeUnit {
  const tokens = command.trim().split(/\s+/);
  const at = tokens.findIndex((t) => t === 'free' || t.endsWith('/free'));
  let unit = 'k';
  let flag = '';
  let human = false;
  let si = false;
  for (const t of tokens.slice(at + 1)) {
    if (t.startsWith('--')) {
      const name = t.slice(2).split('=')[0]!;
      if (name === 'human') [human, flag] = [true, t];
      else if (name === 'si') si = true;
      else if (name in UNIT_FLAGS) [unit, flag, human] = [name, t, false];
    } else if (/^-[a-zA-Z]+$/.test(t)) {
      for (const c of t.slice(1)) {
        if (c === 'h') [human, flag] = [true, '-h'];
        else if ('bkmg'.includes(c)) [unit, flag, human] = [c, `-${c}`, false];
      }
    }
  }
  const u = UNIT_FLAGS[unit]!;
  return { bytesPerUnit: human ? null : si && u.siBytes ? u.siBytes : u.bytes, si, flag: si && !flag.includes('si') ? `${flag} --si`.trim() : flag };
}

const HUMAN_SUFFIX = /^(\d+(?:\.\d+)?)([KMGTPE]i|[BKkMGTPE])?$/;

/** A -h value ("3.7G", "627Mi", "0B") → bytes. Plain K/M/G are binary unless --si (procps 3.3 -h). */
function humanBytes(value: string, si: boolean): number | null {
  const m = HUMAN_SUFFIX.exec(value);
  if (!m) return null;
  const suffix = m[2] ?? 'B';
  if (suffix === 'B') return scaleDecimal(m[1]!, 1n);
  const power = BigInt('KMGTPE'.indexOf(suffix[0]!.toUpperCase()) + 1);
  const base = suffix.endsWith('i') || !si ? 1024n : 1000n;
  return scaleDecimal(m[1]!, base ** power);
}

interface Block {
  headers: string[];
  headerIndex: number;
  rows: Map<string, { values: string[]; line: Line }>;
}

export function importFree(text: string, ctx: ImportContext): ImportResult {
  const lines = splitLines(text);
  const { command, start } = commandOf(lines, ctx);
  const notes: Note[] = [];
  const blocks = readBlocks(lines.slice(start), ctx);
  if (blocks.length === 0) throw new InputError('no `free` output found (want a header "total used free …" and a Mem: line)', ctx.origin);

  const humanValues = blocks.some((b) => [...b.rows.values()].some((r) => r.values.some((v) => /[A-Za-z]$/.test(v))));
  let unit: FreeUnit;
  if (command) {
    unit = freeUnitFromCommand(command);
    if (humanValues && unit.bytesPerUnit !== null) unit = { bytesPerUnit: null, si: unit.si, flag: '-h' };
  } else if (humanValues) {
    unit = { bytesPerUnit: null, si: false, flag: '-h' };
    notes.push(note('free-unit-assumed', 'info', 'no command line: suffixes K/M/G read as powers of 1024 (free -h without --si); put "$ free -h --si" as the first line if they were powers of 1000', ctx.origin));
  } else {
    unit = { bytesPerUnit: 1024n, si: false, flag: '' };
    notes.push(note('free-unit-assumed', 'info', 'no command line: values taken as KiB (free\'s default); put the command as the first line (e.g. "$ free -m") to say otherwise', ctx.origin));
  }

  const hosts = blocks.map((b) => hostFromBlock(b, unit, ctx, notes));
  if (unit.bytesPerUnit === null) {
    notes.push(note('free-human-rounded', 'info', '`free -h` prints 2–3 significant digits: each value is approximate (within half of its last digit)', ctx.origin));
  } else if (unit.bytesPerUnit > 1024n || unit.bytesPerUnit === 1000n) {
    notes.push(note('free-floored', 'info', `\`free ${unit.flag}\` floors each value to a whole unit: values are lower bounds, within one unit`, ctx.origin));
  }
  const label = command ? command.replace(/^.*?\bfree\b/, 'free').trim() : `free (${unit.bytesPerUnit === null ? '-h' : 'KiB assumed'})`;
  return { kind: blocks.length > 1 ? `${label} (${blocks.length} readings)` : label, pods: [], nodes: [], hosts, notes };
}

const ROW = /^\s*(Mem|Low|High|Swap|Total|-\/\+ buffers\/cache):\s*(.*)$/;

function readBlocks(lines: Line[], ctx: ImportContext): Block[] {
  const blocks: Block[] = [];
  for (const line of lines) {
    const t = line.text.trim();
    if (t === '') continue;
    const words = t.split(/\s+/);
    if (words[0] === 'total' && words.includes('used') && words.includes('free')) {
      blocks.push({ headers: words, headerIndex: line.index, rows: new Map() });
      continue;
    }
    const m = ROW.exec(line.text);
    const block = blocks[blocks.length - 1];
    if (!m || !block) throw new InputError(`not part of a \`free\` output: "${t}"`, where(ctx, line.index));
    if (block.rows.has(m[1]!)) throw new InputError(`second ${m[1]}: line in one \`free\` reading`, where(ctx, line.index));
    block.rows.set(m[1]!, { values: m[2]!.trim().split(/\s+/).filter(Boolean), line });
  }
  return blocks;
}

function hostFromBlock(b: Block, unit: FreeUnit, ctx: ImportContext, notes: Note[]): Host {
  const mem = b.rows.get('Mem');
  if (!mem) throw new InputError('`free` reading without a Mem: line', where(ctx, b.headerIndex));
  const toBytes = (row: { values: string[]; line: Line }, i: number): number | null => {
    const v = row.values[i];
    if (v === undefined) return null;
    const bytes = unit.bytesPerUnit === null ? humanBytes(v, unit.si) : /^\d+$/.test(v) ? Number(BigInt(v) * unit.bytesPerUnit) : null;
    if (bytes === null) throw new InputError(`malformed value "${v}" in column ${b.headers[i] ?? i + 1}`, where(ctx, row.line.index));
    return bytes;
  };
  if (mem.values.length > b.headers.length) {
    throw new InputError(`Mem: line has ${mem.values.length} values where the header has ${b.headers.length}`, where(ctx, mem.line.index));
  }
  const memCol = (h: string) => (b.headers.includes(h) ? toBytes(mem, b.headers.indexOf(h)) : null);
  const buffers = memCol('buffers');
  const cache = b.headers.includes('cache') ? memCol('cache') : memCol('cached');
  const buffCache = b.headers.includes('buff/cache') ? memCol('buff/cache') : buffers !== null && cache !== null ? buffers + cache : null;
  const swap = b.rows.get('Swap');
  const memory: HostMemory = {
    totalBytes: memCol('total'),
    usedBytes: memCol('used'),
    freeBytes: memCol('free'),
    sharedBytes: memCol('shared'),
    buffCacheBytes: buffCache,
    availableBytes: memCol('available'),
    swapTotalBytes: swap ? toBytes(swap, 0) : null,
    swapUsedBytes: swap ? toBytes(swap, 1) : null,
    swapFreeBytes: swap ? toBytes(swap, 2) : null,
  };
  const semantics = usedSemantics(memory, unit, b.headers.includes('cached'));
  if (semantics) notes.push(note('free-used-semantics', 'info', semantics, where(ctx, mem.line.index)));
  return { memory, cpu: { cores: null, loadAverage: null, busyPercent: null }, processes: [] };
}

/** Which definition of `used` the printed numbers follow, said in words (null if it cannot be told). */
export function usedSemantics(m: HostMemory, unit: FreeUnit, oldLayout: boolean): string | null {
  const { totalBytes: total, usedBytes: used, freeBytes: free, buffCacheBytes: bc, availableBytes: avail } = m;
  if (total === null || used === null || free === null) return null;
  // Each printed value is off by up to one unit (floored or rounded); -h by a few percent.
  const tolerance = unit.bytesPerUnit === null ? total * 0.03 : Number(unit.bytesPerUnit) * 3;
  const mib = (n: number) => `${Math.round(n / 2 ** 20)}MiB`;
  const candidates: Array<{ name: string; diff: number; text: string }> = [];
  if (avail !== null) {
    candidates.push({ name: 'v4', diff: Math.abs(used - (total - avail)), text: 'procps 4 semantics: used = total − available' });
  }
  if (bc !== null) {
    candidates.push({ name: 'v3', diff: Math.abs(used - (total - free - bc)), text: 'procps 3.3 semantics: used = total − free − buff/cache' });
  }
  if (oldLayout) candidates.push({ name: 'old', diff: Math.abs(used - (total - free)), text: 'procps 3.2 semantics: used = total − free (buffers and cache counted as used)' });
  const fits = candidates.filter((c) => c.diff <= tolerance);
  if (fits.length === 0) return '`used` matches neither procps 3.3 (total − free − buff/cache) nor procps 4 (total − available); numbers kept as printed';
  if (fits.length > 1) return `\`used\` fits both procps 3.3 and 4 definitions here (${fits.map((f) => f.name).join(', ')}); numbers kept as printed`;
  const f = fits[0]!;
  if (f.name === 'v4') return `\`used\` follows ${f.text}`;
  const alt = avail !== null ? `; total − available would be ${mib(total - avail)} (what procps 4 calls used)` : '';
  return `\`used\` follows ${f.text}${alt}; numbers kept as printed`;
}
