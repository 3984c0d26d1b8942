// `top -b` output: one Host reading per iteration (header lines + process table).
import { InputError } from '../../errors.js';
import { note, type Host, type HostMemory, type HostProcess, type Note } from '../../model/snapshot.js';
import { commandOf, scaleDecimal, splitLines, where, type Line } from './text-table.js';
import type { ImportContext, ImportResult } from './types.js';

const UNIT_BYTES: Record<string, bigint> = {
  KiB: 1024n,
  MiB: 1024n ** 2n,
  GiB: 1024n ** 3n,
  TiB: 1024n ** 4n,
  PiB: 1024n ** 5n,
  EiB: 1024n ** 6n,
};
/** Suffixes top puts on scaled process fields (RES 125.1m); a bare number is KiB. */
const FIELD_SUFFIX: Record<string, bigint> = { '': 1024n, k: 1024n, m: 1024n ** 2n, g: 1024n ** 3n, t: 1024n ** 4n, p: 1024n ** 5n, e: 1024n ** 6n };

export function importTop(text: string, ctx: ImportContext): ImportResult {
  const lines = splitLines(text);
  const { command, start } = commandOf(lines, ctx);
  const notes: Note[] = [];
  const iterations: Line[][] = [];
  for (const line of lines.slice(start)) {
    if (/^top - /.test(line.text)) iterations.push([line]);
    else if (line.text.trim() === '') continue;
    else if (iterations.length === 0) throw new InputError(`not part of a \`top -b\` output: "${line.text.trim()}"`, where(ctx, line.index));
    else iterations[iterations.length - 1]!.push(line);
  }
  if (iterations.length === 0) throw new InputError('no `top -b` output found (want a line "top - hh:mm:ss up …")', ctx.origin);
  const flags = { rounded: null as string | null, resScaled: false };
  const hosts = iterations.map((it, i) => readIteration(it, ctx, notes, flags, i === iterations.length - 1));
  if (flags.rounded) {
    notes.push(
      note('top-memory-rounded', 'info', `top prints header memory in ${flags.rounded} with one decimal: each value is within 0.05 ${flags.rounded} of the kernel's figure`, ctx.origin),
    );
  }
  if (flags.resScaled) {
    notes.push(note('top-res-rounded', 'info', 'some RES values are scaled (e.g. 125.1m): exact to one decimal of that unit only', ctx.origin));
  }
  const label = command ? command.replace(/^.*?\btop\b/, 'top').trim() : 'top -b';
  return { kind: hosts.length > 1 ? `${label} (${hosts.length} iterations)` : label, pods: [], nodes: [], hosts, notes };
}

function readIteration(lines: Line[], ctx: ImportContext, notes: Note[], flags: { rounded: string | null; resScaled: boolean }, last: boolean): Host {
  const memory: HostMemory = {
    totalBytes: null,
    usedBytes: null,
    freeBytes: null,
    sharedBytes: null,
    buffCacheBytes: null,
    availableBytes: null,
    swapTotalBytes: null,
    swapUsedBytes: null,
    swapFreeBytes: null,
  };
  const header = lines[0]!;
  const load = /load averages?:\s*([\d.]+),?\s+([\d.]+),?\s+([\d.]+)/.exec(header.text);
  const loadAverage: [number, number, number] | null = load ? [Number(load[1]), Number(load[2]), Number(load[3])] : null;
  let busyPercent: number | null = null;
  const perCpuIdleTenths: number[] = [];
  let processHeader: string[] | null = null;
  const processes: HostProcess[] = [];
  let buffers: number | null = null;
  let cached: number | null = null;

  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    const t = line.text;
    const at = where(ctx, line.index);
    if (processHeader) {
      const p = readProcess(t, processHeader, at, flags);
      if (p) processes.push(p);
      else if (last && i === lines.length - 1) {
        notes.push(note('top-truncated-line', 'warn', `last process row is cut short, ignored: "${t.trim()}"`, at));
      } else throw new InputError(`malformed process row (want ${processHeader.join(' ')}): "${t.trim()}"`, at);
      continue;
    }
    if (/^\s*PID\s/.test(t)) {
      processHeader = t.trim().split(/\s+/);
      for (const need of ['PID', 'COMMAND']) {
        if (!processHeader.includes(need)) throw new InputError(`process header without ${need}: "${t.trim()}"`, at);
      }
      if (processHeader[processHeader.length - 1] !== 'COMMAND') throw new InputError('process header must end with COMMAND', at);
      continue;
    }
    const all = /%?Cpu\(s\):.*?(\d+(?:\.\d+)?)\s*%?id/.exec(t);
    if (all) busyPercent = busyFromIdle(all[1]!);
    for (const m of t.matchAll(/%?Cpu\d+\s*:.*?(\d+(?:\.\d+)?)\s*%?id/g)) perCpuIdleTenths.push(scaleDecimal(m[1]!, 10n)!);
    const mem = /(?:([KMGTPE]iB) )?Mem\s*:(.*?)(?=[KMGTPE]iB Swap|Swap:|$)/.exec(t);
    if (mem && !/avail Mem/.test(mem[0]) && /total/.test(mem[2]!)) {
      const unit = unitOf(mem[1], flags);
      const v = pairs(mem[2]!, unit, at);
      memory.totalBytes = v.get('total') ?? null;
      memory.freeBytes = v.get('free') ?? null;
      memory.usedBytes = v.get('used') ?? null;
      memory.buffCacheBytes = v.get('buff/cache') ?? null;
      buffers = v.get('buffers') ?? null;
    }
    const swap = /(?:([KMGTPE]iB) )?Swap\s*:(.*)$/.exec(t);
    if (swap) {
      const unit = unitOf(swap[1], flags);
      const v = pairs(swap[2]!, unit, at);
      memory.swapTotalBytes = v.get('total') ?? null;
      memory.swapFreeBytes = v.get('free') ?? null;
      memory.swapUsedBytes = v.get('used') ?? null;
      memory.availableBytes = v.get('avail Mem') ?? null;
      cached = v.get('cached') ?? null;
    }
  }
  if (memory.buffCacheBytes === null && buffers !== null && cached !== null) memory.buffCacheBytes = buffers + cached;
  if (busyPercent === null && perCpuIdleTenths.length > 0) {
    const idleSum = perCpuIdleTenths.reduce((a, b) => a + b, 0);
    busyPercent = Math.round(1000 - idleSum / perCpuIdleTenths.length) / 10;
  }
  const cores = perCpuIdleTenths.length > 0 ? perCpuIdleTenths.length : null;
  return { memory, cpu: { cores, loadAverage, busyPercent }, processes };
}

/** 100 − idle, computed in tenths so "97.5" gives 2.5, not 2.5000000000000036. */
function busyFromIdle(idle: string): number {
  return (1000 - scaleDecimal(idle, 10n)!) / 10;
}

function unitOf(label: string | undefined, flags: { rounded: string | null }): bigint {
  if (label === undefined) return 1024n; // procps 3.2: "Mem:  3861332k total"
  if (label !== 'KiB') flags.rounded = label;
  return UNIT_BYTES[label]!;
}

/** "971.2 total,     60.9 free, …" → name → bytes. */
function pairs(text: string, unit: bigint, at: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const m of text.matchAll(/(\d+(?:\.\d+)?)k?\s+(total|free|used|buff\/cache|buffers|cached|avail Mem)/g)) {
    const bytes = scaleDecimal(m[1]!, unit);
    if (bytes === null) throw new InputError(`malformed memory value "${m[1]}"`, at);
    out.set(m[2]!, bytes);
  }
  return out;
}

function readProcess(text: string, header: string[], at: string, flags: { resScaled: boolean }): HostProcess | null {
  const cells = text.trim().split(/\s+/);
  const cmd = header.length - 1;
  if (cells.length < header.length || !/^\d+$/.test(cells[0]!)) return null;
  const get = (h: string) => (header.includes(h) ? cells[header.indexOf(h)]! : null);
  const res = get('RES');
  let residentBytes: number | null = null;
  if (res !== null) {
    const m = /^(\d+(?:\.\d+)?)([kmgtpe]?)$/.exec(res);
    if (!m) throw new InputError(`malformed RES "${res}"`, at);
    if (m[2] !== '') flags.resScaled = true;
    residentBytes = scaleDecimal(m[1]!, FIELD_SUFFIX[m[2]!]!);
  }
  const cpu = get('%CPU');
  if (cpu !== null && !/^\d+(?:\.\d+)?$/.test(cpu)) throw new InputError(`malformed %CPU "${cpu}"`, at);
  return {
    pid: Number(get('PID')),
    user: get('USER'),
    command: cells.slice(cmd).join(' '),
    residentBytes,
    cpuPercent: cpu === null ? null : Number(cpu),
  };
}
