// Reads /proc of this machine: the live equivalent of `free` and `top`. CPU percentages need
// two readings; the state of the previous one is passed back in.
import { closeSync, openSync, readdirSync, readFileSync, readSync } from 'node:fs';
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
  /**
   * pid → (starttime, utime+stime) so a reused pid is not compared with its predecessor. Updated
   * in place by the next reading: a sampler keeps one map, not a new one per reading whose
   * predecessor dies in the old generation.
   */
  procs: Map<number, ProcTicks>;
  /** readings taken so far */
  readings: number;
}

interface ProcTicks {
  start: number;
  ticks: number;
  /** the reading (HostState.readings) that last saw the pid */
  seenIn: number;
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

// Synchronous on purpose: /proc files are generated in memory and never block, and ~150 small
// reads per reading cost several times more CPU through the thread pool and promises. Read into
// one buffer kept for the purpose: readFileSync(path, 'utf8') also makes an options object per
// call, and at ~160 calls a reading V8 ends up allocating those straight in the old generation.
let readBuffer = Buffer.allocUnsafeSlow(64 * 1024);

function readText(path: string): string | null {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return null; // a process that ended between readdir and read
  }
  try {
    let length = 0;
    for (;;) {
      if (length === readBuffer.length) {
        const bigger = Buffer.allocUnsafeSlow(2 * readBuffer.length);
        readBuffer.copy(bigger, 0, 0, length);
        readBuffer = bigger;
      }
      const n = readSync(fd, readBuffer, length, readBuffer.length - length, null);
      if (n === 0) break;
      length += n;
    }
    return readBuffer.toString('utf8', 0, length);
  } catch {
    return null; // ended while being read
  } finally {
    closeSync(fd);
  }
}

function readFileSafe(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

let users: Map<number, string> | null = null;

// Commands repeat from reading to reading; one copy each (a slice would also keep the whole
// stat text it came from alive in every kept reading).
const commands = new Map<string, string>();
function intern(s: string): string {
  const known = commands.get(s);
  if (known !== undefined) return known;
  if (commands.size >= 10_000) commands.clear();
  const copy = (' ' + s).slice(1);
  commands.set(copy, copy);
  return copy;
}

/** `prev` is updated in place and returned as the new state. */
export async function readHost(prev: HostState | null, opts: HostReadOptions): Promise<HostReading> {
  const root = opts.procRoot ?? '/proc';
  if (users === null) users = parsePasswd(readFileSafe(opts.passwdFile ?? '/etc/passwd'));
  const meminfo = readText(`${root}/meminfo`);
  const stat = readText(`${root}/stat`);
  const loadavg = readText(`${root}/loadavg`);
  const entries = readdirSync(root);
  const atMs = opts.nowMs();
  const cpuStat = stat === null ? null : parseStat(stat);
  const pids = entries.filter((e) => /^\d+$/.test(e)).map(Number);
  const state: HostState = prev ?? { atMs, cpu: null, procs: new Map(), readings: 0 };
  const reading = ++state.readings;
  const procs = state.procs;
  const processes: HostProcess[] = [];
  let selfResidentBytes: number | null = null;
  const elapsed = prev ? atMs - prev.atMs : 0;
  for (const pid of pids) {
    const statText = readText(`${root}/${pid}/stat`);
    const s = statText === null ? null : parsePidStat(statText);
    if (!s) continue;
    const statusText = readText(`${root}/${pid}/status`);
    const st = statusText === null ? null : parsePidStatus(statusText);
    if (!st) continue;
    const ticks = s.utime + s.stime;
    const before = procs.get(pid);
    const cpuPercent =
      prev && before && before.start === s.starttime ? processCpuPercent(before.ticks, ticks, elapsed) : null;
    if (before) {
      before.start = s.starttime;
      before.ticks = ticks;
      before.seenIn = reading;
    } else procs.set(pid, { start: s.starttime, ticks, seenIn: reading });
    if (pid === opts.selfPid) {
      selfResidentBytes = st.vmRssBytes;
      continue;
    }
    // Kernel threads (no VmRSS) only when they used CPU in the interval.
    if (st.vmRssBytes === null && !(cpuPercent !== null && cpuPercent > 0)) continue;
    const euid = st.uid?.[1] ?? st.uid?.[0];
    processes.push({
      pid,
      user: euid === undefined ? null : (users.get(euid) ?? String(euid)),
      command: intern(s.comm),
      residentBytes: st.vmRssBytes,
      cpuPercent,
    });
  }
  for (const [pid, p] of procs) if (p.seenIn !== reading) procs.delete(pid);
  processes.sort((a, b) => (b.residentBytes ?? 0) - (a.residentBytes ?? 0) || a.pid - b.pid);
  const load = loadavg === null ? null : parseLoadavg(loadavg);
  const memory = memoryFromMeminfo(meminfo === null ? {} : parseMeminfo(meminfo));
  const cores = cpuStat ? Object.keys(cpuStat.perCpu).length || null : null;
  const busy = prev?.cpu && cpuStat?.total ? busyPercent(prev.cpu, cpuStat.total) : null;
  state.atMs = atMs;
  state.cpu = cpuStat?.total ?? null;
  return {
    host: {
      memory,
      cpu: {
        cores,
        loadAverage: load ? load.load : null,
        busyPercent: busy,
      },
      processes,
    },
    state,
    selfResidentBytes,
  };
}
