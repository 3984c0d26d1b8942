// Reads /proc of this machine: the live equivalent of `free` and `top`. CPU percentages need
// two readings; the state of the previous one is passed back in.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Host, HostProcess } from '../../model/snapshot.js';
import {
  busyPercent,
  memoryFromMeminfo,
  parseLoadavg,
  parseMeminfo,
  parsePasswd,
  parsePidStat,
  parsePidStatus,
  parseStat,
  processCpuPercent,
  type CpuTimes,
} from './proc.js';

export interface HostState {
  /** monotonic milliseconds of the reading */
  atMs: number;
  cpu: CpuTimes | null;
  /** pid → (starttime, utime+stime) so a reused pid is not compared with its predecessor */
  procs: Map<number, { start: number; ticks: number }>;
}

export interface HostReadOptions {
  procRoot?: string;
  passwdFile?: string;
  /** the profiler's own pid, left out of processes */
  selfPid: number;
  nowMs: () => number;
}

export interface HostReading {
  host: Host;
  state: HostState;
  /** the profiler's own resident set (bytes), for the note that says it was left out */
  selfResidentBytes: number | null;
}

async function readText(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    return null; // a process that ended between readdir and read
  }
}

let users: Map<number, string> | null = null;

export async function readHost(prev: HostState | null, opts: HostReadOptions): Promise<HostReading> {
  const root = opts.procRoot ?? '/proc';
  if (users === null) users = parsePasswd((await readText(opts.passwdFile ?? '/etc/passwd')) ?? '');
  const [meminfo, stat, loadavg, entries] = await Promise.all([
    readText(join(root, 'meminfo')),
    readText(join(root, 'stat')),
    readText(join(root, 'loadavg')),
    readdir(root),
  ]);
  const atMs = opts.nowMs();
  const cpuStat = stat === null ? null : parseStat(stat);
  const pids = entries.filter((e) => /^\d+$/.test(e)).map(Number);
  const procs = new Map<number, { start: number; ticks: number }>();
  const processes: HostProcess[] = [];
  let selfResidentBytes: number | null = null;
  const elapsed = prev ? atMs - prev.atMs : 0;
  const infos = await Promise.all(
    pids.map(async (pid) => {
      const [s, st] = await Promise.all([readText(join(root, String(pid), 'stat')), readText(join(root, String(pid), 'status'))]);
      return { pid, s: s === null ? null : parsePidStat(s), st: st === null ? null : parsePidStatus(st) };
    }),
  );
  for (const { pid, s, st } of infos) {
    if (!s || !st) continue;
    const ticks = s.utime + s.stime;
    procs.set(pid, { start: s.starttime, ticks });
    if (pid === opts.selfPid) {
      selfResidentBytes = st.vmRssBytes;
      continue;
    }
    const before = prev?.procs.get(pid);
    const cpuPercent =
      before && before.start === s.starttime ? processCpuPercent(before.ticks, ticks, elapsed) : null;
    // Kernel threads (no VmRSS) only when they used CPU in the interval.
    if (st.vmRssBytes === null && !(cpuPercent !== null && cpuPercent > 0)) continue;
    const euid = st.uid?.[1] ?? st.uid?.[0];
    processes.push({
      pid,
      user: euid === undefined ? null : (users.get(euid) ?? String(euid)),
      command: s.comm,
      residentBytes: st.vmRssBytes,
      cpuPercent,
    });
  }
  processes.sort((a, b) => (b.residentBytes ?? 0) - (a.residentBytes ?? 0) || a.pid - b.pid);
  const load = loadavg === null ? null : parseLoadavg(loadavg);
  const memory = memoryFromMeminfo(meminfo === null ? {} : parseMeminfo(meminfo));
  const cores = cpuStat ? Object.keys(cpuStat.perCpu).length || null : null;
  return {
    host: {
      memory,
      cpu: {
        cores,
        loadAverage: load ? load.load : null,
        busyPercent: prev?.cpu && cpuStat?.total ? busyPercent(prev.cpu, cpuStat.total) : null,
      },
      processes,
    },
    state: { atMs, cpu: cpuStat?.total ?? null, procs },
    selfResidentBytes,
  };
}
