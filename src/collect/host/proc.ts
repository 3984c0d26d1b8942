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

/** /proc/[pid]/stat. The command sits in parentheses and may itself hold spaces and parentheses. */
export function parsePidStat(text: string): PidStat | null {
  const open = text.indexOf('(');
  const close = text.lastIndexOf(')');
  if (open < 0 || close < open) return null;
  const rest = text.slice(close + 1).trim().split(/\s+/);
  // rest[0] is field 3 (state); field n is rest[n - 3].
  const f = (n: number): number => Number(rest[n - 3]);
  const pid = Number(text.slice(0, open).trim());
  if (!Number.isInteger(pid) || rest.length < 22) return null;
  return {
    pid,
    comm: text.slice(open + 1, close),
    state: rest[0]!,
    ppid: f(4),
    utime: f(14),
    stime: f(15),
    starttime: f(22),
    rss: f(24),
  };
}

export interface PidStatus {
  name: string | null;
  /** real, effective, saved, filesystem */
  uid: number[] | null;
  /** VmRSS in bytes; null for kernel threads */
  vmRssBytes: number | null;
}

/** /proc/[pid]/status: the fields top shows. */
export function parsePidStatus(text: string): PidStatus {
  const out: PidStatus = { name: null, uid: null, vmRssBytes: null };
  for (const line of text.split('\n')) {
    const i = line.indexOf(':');
    if (i < 0) continue;
    const key = line.slice(0, i);
    const val = line.slice(i + 1).trim();
    if (key === 'Name') out.name = val;
    else if (key === 'Uid') out.uid = val.split(/\s+/).map(Number);
    else if (key === 'VmRSS') {
      const m = /^(\d+)\s*kB$/.exec(val);
      if (m) out.vmRssBytes = Number(m[1]) * 1024;
    }
  }
  return out;
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
