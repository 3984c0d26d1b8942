// The /proc parsers against real captured files and what jc (an independent parser) made of them.
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
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
} from '../../src/collect/host/proc.js';

const dir = join(import.meta.dirname, '..', 'fixtures', 'host', 'linux-proc');
const raw = (f: string): string => readFileSync(join(dir, f), 'utf8');
const jc = (f: string): Record<string, unknown> => JSON.parse(raw(`${f}.json`)) as Record<string, unknown>;

describe('meminfo', () => {
  test('every field as jc reads it', () => {
    const ours = parseMeminfo(raw('meminfo'));
    const theirs = jc('meminfo');
    expect(Object.keys(ours).sort()).toEqual(Object.keys(theirs).sort());
    for (const [k, v] of Object.entries(theirs)) expect([k, ours[k]]).toEqual([k, v]);
  });

  test('free -b arithmetic of procps-ng 4 on the captured meminfo', () => {
    const m = jc('meminfo') as Record<string, number>;
    const kb = (k: string): number => m[k]! * 1024;
    expect(memoryFromMeminfo(parseMeminfo(raw('meminfo')))).toEqual({
      totalBytes: kb('MemTotal'),
      usedBytes: kb('MemTotal') - kb('MemAvailable'),
      freeBytes: kb('MemFree'),
      sharedBytes: kb('Shmem'),
      buffCacheBytes: kb('Buffers') + kb('Cached') + kb('SReclaimable'),
      availableBytes: kb('MemAvailable'),
      swapTotalBytes: kb('SwapTotal'),
      swapUsedBytes: kb('SwapTotal') - kb('SwapFree'),
      swapFreeBytes: kb('SwapFree'),
    });
    // The numbers themselves, so a shared mistake in the expression above cannot hide.
    expect(memoryFromMeminfo(parseMeminfo(raw('meminfo'))).usedBytes).toBe((3997272 - 3386876) * 1024);
  });

  test.each([
    ['MemAvailable above MemTotal (containers) falls back to MemFree', 'MemTotal: 1000 kB\nMemFree: 300 kB\nMemAvailable: 5000 kB\nBuffers: 10 kB\nCached: 20 kB\n', { used: 700 * 1024, available: 300 * 1024, buffCache: 30 * 1024 }],
    ['no MemAvailable (kernel < 3.14): used unknown', 'MemTotal: 1000 kB\nMemFree: 300 kB\nBuffers: 10 kB\nCached: 20 kB\nSReclaimable: 5 kB\n', { used: null, available: null, buffCache: 35 * 1024 }],
    ['no swap lines', 'MemTotal: 1000 kB\nMemFree: 300 kB\nMemAvailable: 400 kB\n', { used: 600 * 1024, available: 400 * 1024, buffCache: null }],
  ])('%s', (_name, text, want) => {
    const mem = memoryFromMeminfo(parseMeminfo(text));
    expect({ used: mem.usedBytes, available: mem.availableBytes, buffCache: mem.buffCacheBytes }).toEqual(want);
    if (!text.includes('Swap')) expect([mem.swapTotalBytes, mem.swapUsedBytes]).toEqual([null, null]);
  });
});

test('stat: the cpu lines as jc reads them', () => {
  const ours = parseStat(raw('stat'));
  const theirs = jc('stat') as Record<string, CpuTimes>;
  expect(ours.total).toEqual(theirs.cpu);
  expect(ours.perCpu).toEqual({ cpu0: theirs.cpu0, cpu1: theirs.cpu1 });
});

test('loadavg as jc reads it', () => {
  const j = jc('loadavg') as Record<string, number>;
  expect(parseLoadavg(raw('loadavg'))).toEqual({
    load: [j.load_1m, j.load_5m, j.load_15m],
    running: j.running,
    total: j.available,
    lastPid: j.last_pid,
  });
  expect(parseLoadavg('garbage')).toBeNull();
});

describe('pid stat', () => {
  test('fields top uses, as jc reads them', () => {
    const j = jc('pid_stat') as Record<string, unknown>;
    expect(parsePidStat(raw('pid_stat'))).toEqual({
      pid: j.pid,
      comm: j.comm,
      state: j.state,
      ppid: j.ppid,
      utime: j.utime,
      stime: j.stime,
      starttime: j.starttime,
      rss: j.rss,
    });
  });

  test('a command with spaces and parentheses', () => {
    const line = raw('pid_stat').replace('(systemd)', '(my (odd) cmd) x)');
    const s = parsePidStat(line)!;
    expect([s.comm, s.state, s.utime, s.stime]).toEqual(['my (odd) cmd) x', 'S', 107, 461]);
  });

  test('truncated text is rejected', () => {
    expect(parsePidStat('12 (x) S 1 2')).toBeNull();
    expect(parsePidStat('')).toBeNull();
  });
});

// The parsers scan in place (a sampler reads every process at each reading); the straightforward
// split-based reading of proc(5) is the oracle.
function pidStatBySplit(text: string): ReturnType<typeof parsePidStat> {
  const open = text.indexOf('(');
  const close = text.lastIndexOf(')');
  if (open < 0 || close < open) return null;
  const rest = text.slice(close + 1).trim().split(/\s+/);
  const f = (n: number): number => Number(rest[n - 3]);
  const pid = Number(text.slice(0, open).trim());
  if (!Number.isInteger(pid) || rest.length < 22) return null;
  return { pid, comm: text.slice(open + 1, close), state: rest[0]!, ppid: f(4), utime: f(14), stime: f(15), starttime: f(22), rss: f(24) };
}

function pidStatusBySplit(text: string): ReturnType<typeof parsePidStatus> {
  const out: ReturnType<typeof parsePidStatus> = { name: null, uid: null, vmRssBytes: null };
  for (const line of text.split('\n')) {
    const i = line.indexOf(':');
    if (i < 0) continue;
    const key = line.slice(0, i);
    const val = line.slice(i + 1).trim();
    if (key === 'Name' && out.name === null) out.name = val;
    else if (key === 'Uid' && out.uid === null) out.uid = val.split(/\s+/).map(Number);
    else if (key === 'VmRSS' && out.vmRssBytes === null) {
      const m = /^(\d+)\s*kB$/.exec(val);
      if (m) out.vmRssBytes = Number(m[1]) * 1024;
    }
  }
  return out;
}

test('pid stat and status: every process of this machine reads as the split-based oracle reads it', () => {
  let compared = 0;
  for (const pid of readdirSync('/proc').filter((e) => /^\d+$/.test(e))) {
    let stat: string;
    let status: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      status = readFileSync(`/proc/${pid}/status`, 'utf8');
    } catch {
      continue; // ended meanwhile
    }
    expect(parsePidStat(stat), stat).toEqual(pidStatBySplit(stat));
    expect(parsePidStatus(status), status).toEqual(pidStatusBySplit(status));
    compared++;
  }
  expect(compared).toBeGreaterThan(1);
});

test('pid stat: generated lines (odd commands, short and long field lists) read as the oracle reads them', () => {
  const num = fc.oneof(fc.nat(), fc.integer({ min: -20, max: 20 }), fc.constant(2 ** 53 - 1)).map(String);
  fc.assert(
    fc.property(
      fc.nat({ max: 4_194_304 }),
      fc.string({ unit: fc.constantFrom('a', ' ', '(', ')', 'x', '\t', 'é', '1') , maxLength: 15 }),
      fc.constantFrom('R', 'S', 'D', 'Z', 'I'),
      fc.array(num, { maxLength: 52 }),
      fc.constantFrom(' ', '  ', '\n'),
      (pid, comm, state, fields, sep) => {
        const line = `${pid} (${comm}) ${[state, ...fields].join(sep)}\n`;
        expect(parsePidStat(line)).toEqual(pidStatBySplit(line));
      },
    ),
  );
});

describe('pid status', () => {
  test('name, uid and VmRSS as jc reads them', () => {
    const j = jc('pid_status') as { Name: string; Uid: number[]; VmRSS: number };
    expect(parsePidStatus(raw('pid_status'))).toEqual({ name: j.Name, uid: j.Uid, vmRssBytes: j.VmRSS * 1024 });
  });

  test('a kernel thread has no VmRSS', () => {
    expect(parsePidStatus('Name:\tkworker/0:1\nUid:\t0\t0\t0\t0\n').vmRssBytes).toBeNull();
  });
});

const cpu = (user: number, system: number, idle: number, iowait = 0, guest = 0): CpuTimes => ({
  user, nice: 0, system, idle, iowait, irq: 0, softirq: 0, steal: 0, guest, guest_nice: 0,
});

test.each([
  ['half busy', cpu(0, 0, 0), cpu(50, 0, 50), 50],
  ['iowait counts as busy (top shows only id as idle)', cpu(0, 0, 0), cpu(10, 0, 80, 10), 20],
  ['guest is inside user, not added again', cpu(0, 0, 0), cpu(25, 0, 75, 0, 25), 25],
  ['one third busy rounds to 0.1', cpu(100, 0, 100), cpu(101, 0, 102), 33.3],
  ['no ticks elapsed', cpu(5, 5, 5), cpu(5, 5, 5), null],
])('busyPercent: %s', (_n, a, b, want) => {
  expect(busyPercent(a, b)).toBe(want);
});

test.each([
  [0, 100, 1000, 100],
  [0, 50, 1000, 50],
  [10, 35, 500, 50],
  [0, 250, 1000, 250], // several threads on several CPUs: top shows above 100 too
  [5, 4, 1000, null],
  [0, 10, 0, null],
])('processCpuPercent(%i, %i, %i ms) = %s', (a, b, ms, want) => {
  expect(processCpuPercent(a, b, ms)).toBe(want);
});

test('passwd: first entry of a uid wins, malformed lines skipped', () => {
  const m = parsePasswd('root:x:0:0:root:/root:/bin/bash\nbroken\ntoor:x:0:0::/:/bin/sh\nnobody:x:65534:65534::/:/usr/sbin/nologin\n');
  expect([...m.entries()]).toEqual([[0, 'root'], [65534, 'nobody']]);
});
