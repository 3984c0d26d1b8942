// Pure parsers for /proc text and the arithmetic of procps-ng 4 (`free`, `top`).
// No I/O here: read.ts feeds them.
import type { HostMemory } from '../../model/snapshot.js';

/** Linux USER_HZ: the unit of /proc/stat and /proc/[pid]/stat times (fixed at 100 by the kernel ABI). */
export const CLOCK_TICKS_PER_SECOND = 100;

/** /proc/meminfo → field → value as written (kB for sized fields, a count for HugePages_*). */
export function parseMeminfo(text: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const line of text.split('\n')) {
    const m = /^([^:\s]+):\s+(\d+)(?:\s+kB)?\s*$/.exec(line);
    if (m) out[m[1]!] = Number(m[2]);
  }
  return out;
}

/** procps-ng 4 `free -b`: used = total − available; buff/cache = Buffers + Cached + SReclaimable. */
export function memoryFromMeminfo(m: Record<string, number>): HostMemory {
  const kb = (k: string): number | null => (m[k] === undefined ? null : m[k]! * 1024);
  const total = kb('MemTotal');
  const free = kb('MemFree');
  let available = kb('MemAvailable');
  // procps-ng: a MemAvailable above MemTotal (seen in some containers) is replaced by MemFree.
  if (available !== null && total !== null && available > total) available = free;
  const buffers = kb('Buffers');
  const cached = kb('Cached');
  const sreclaimable = kb('SReclaimable') ?? 0;
  let used: number | null = total !== null && available !== null ? total - available : null;
  if (used !== null && used < 0 && total !== null && free !== null) used = total - free;
  const swapTotal = kb('SwapTotal');
  const swapFree = kb('SwapFree');
  return {
    totalBytes: total,
    usedBytes: used,
    freeBytes: free,
    sharedBytes: kb('Shmem'),
    buffCacheBytes: buffers !== null && cached !== null ? buffers + cached + sreclaimable : null,
    availableBytes: available,
    swapTotalBytes: swapTotal,
    swapUsedBytes: swapTotal !== null && swapFree !== null ? swapTotal - swapFree : null,
    swapFreeBytes: swapFree,
  };
}

export interface CpuTimes {
  user: number;
  nice: number;
  system: number;
  idle: number;
  iowait: number;
  irq: number;
  softirq: number;
  steal: number;
  guest: number;
  guest_nice: number;
}

const CPU_FIELDS: Array<keyof CpuTimes> = ['user', 'nice', 'system', 'idle', 'iowait', 'irq', 'softirq', 'steal', 'guest', 'guest_nice'];

export interface ProcStat {
  /** the aggregate "cpu" line */
  total: CpuTimes | null;
  /** "cpuN" lines */
  perCpu: Record<string, CpuTimes>;
}

/** /proc/stat: the cpu lines. */
export function parseStat(text: string): ProcStat {
  const out: ProcStat = { total: null, perCpu: {} };
  for (const line of text.split('\n')) {
    const m = /^(cpu\d*)\s+(.*)$/.exec(line);
    if (!m) continue;
    const nums = m[2]!.trim().split(/\s+/).map(Number);
    const t = {} as CpuTimes;
    CPU_FIELDS.forEach((f, i) => (t[f] = nums[i] ?? 0));
    if (m[1] === 'cpu') out.total = t;
    else out.perCpu[m[1]!] = t;
  }
  return out;
}

/** top's %Cpu(s): 100 − id over the interval; total excludes guest (already counted in user). */
export function busyPercent(prev: CpuTimes, cur: CpuTimes): number | null {
  const total = (t: CpuTimes): number => t.user + t.nice + t.system + t.idle + t.iowait + t.irq + t.softirq + t.steal;
  const dTotal = total(cur) - total(prev);
  if (dTotal <= 0) return null;
  const dIdle = Math.max(0, cur.idle - prev.idle);
  return round1(100 - (100 * dIdle) / dTotal);
}

export interface LoadAvg {
  load: [number, number, number];
  running: number;
  total: number;
  lastPid: number;
}

export function parseLoadavg(text: string): LoadAvg | null {
  const m = /^\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+(\d+)\/(\d+)\s+(\d+)/.exec(text);
  if (!m) return null;
  return {
    load: [Number(m[1]), Number(m[2]), Number(m[3])],
    running: Number(m[4]),
    total: Number(m[5]),
    lastPid: Number(m[6]),
  };
}

export interface PidStat {
  pid: number;
  comm: string;
  state: string;
  ppid: number;
  /** clock ticks */
  utime: number;
  stime: number;
  /** clock ticks after boot */
  starttime: number;
  /** pages */
  rss: number;
}

/**
 * /proc/[pid]/stat. The command sits in parentheses and may itself hold spaces and parentheses.
 * Scanned in place, not split: a sampler parses every process's stat at each reading.
 */
export function parsePidStat(text: string): PidStat | null {
  const open = text.indexOf('(');
  const close = text.lastIndexOf(')');
  if (open < 0 || close < open) return null;
  const pid = Number(text.slice(0, open).trim());
  if (!Number.isInteger(pid)) return null;
  // Fields after the command, numbered as in proc(5): 3 is the state; we read up to 24 (rss).
  let state = '';
  let ppid = NaN, utime = NaN, stime = NaN, starttime = NaN, rss = NaN;
  let field = 2;
  let i = close + 1;
  while (field < 24) {
    while (i < text.length && isBlank(text.charCodeAt(i))) i++;
    if (i >= text.length) return null;
    field++;
    const from = i;
    while (i < text.length && !isBlank(text.charCodeAt(i))) i++;
    if (field === 3) state = text.slice(from, i);
    else if (field === 4) ppid = Number(text.slice(from, i));
    else if (field === 14) utime = Number(text.slice(from, i));
    else if (field === 15) stime = Number(text.slice(from, i));
    else if (field === 22) starttime = Number(text.slice(from, i));
    else if (field === 24) rss = Number(text.slice(from, i));
  }
  return { pid, comm: text.slice(open + 1, close), state, ppid, utime, stime, starttime, rss };
}

function isBlank(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

export interface PidStatus {
  name: string | null;
  /** real, effective, saved, filesystem */
  uid: number[] | null;
  /** VmRSS in bytes; null for kernel threads */
  vmRssBytes: number | null;
}

/** /proc/[pid]/status: the fields top shows. Looked up by key, not split into lines (see parsePidStat). */
export function parsePidStatus(text: string): PidStatus {
  const name = statusValue(text, 'Name:');
  const uid = statusValue(text, 'Uid:');
  const rss = statusValue(text, 'VmRSS:');
  const rssKb = rss === null ? null : /^(\d+)\s*kB$/.exec(rss);
  return {
    name,
    uid: uid === null ? null : uid.split(/\s+/).map(Number),
    vmRssBytes: rssKb ? Number(rssKb[1]) * 1024 : null,
  };
}

/** The trimmed value of the line that starts with `key` (which ends in ':'), or null. */
function statusValue(text: string, key: string): string | null {
  let at = 0;
  while (!text.startsWith(key, at)) {
    const nl = text.indexOf('\n', at);
    if (nl < 0) return null;
    at = nl + 1;
  }
  const end = text.indexOf('\n', at);
  return text.slice(at + key.length, end < 0 ? text.length : end).trim();
}

/** top's %CPU of one process: Δ(utime+stime) over the elapsed time, in % of one CPU. */
export function processCpuPercent(prevTicks: number, curTicks: number, elapsedMs: number): number | null {
  if (elapsedMs <= 0 || curTicks < prevTicks) return null;
  return round1(((curTicks - prevTicks) / CLOCK_TICKS_PER_SECOND / (elapsedMs / 1000)) * 100);
}

/** /etc/passwd → uid → user name */
export function parsePasswd(text: string): Map<number, string> {
  const out = new Map<number, string>();
  for (const line of text.split('\n')) {
    const parts = line.split(':');
    if (parts.length >= 3 && /^\d+$/.test(parts[2]!)) {
      const uid = Number(parts[2]);
      if (!out.has(uid)) out.set(uid, parts[0]!);
    }
  }
  return out;
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}
