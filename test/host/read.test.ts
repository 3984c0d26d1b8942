// readHost on a /proc tree built from the captured fixtures (deterministic), and on this machine
// against `free -b` and a busy child process (real).
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { readHost } from '../../src/collect/host/read.js';

const fixtures = join(import.meta.dirname, '..', 'fixtures', 'host', 'linux-proc');
const root = mkdtempSync(join(tmpdir(), 'ep-proc-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function buildProc(dir: string, utime: number): void {
  mkdirSync(join(dir, '1'), { recursive: true });
  mkdirSync(join(dir, '2'), { recursive: true });
  mkdirSync(join(dir, '77'), { recursive: true });
  for (const f of ['meminfo', 'stat', 'loadavg']) cpSync(join(fixtures, f), join(dir, f));
  const stat = readFileSync(join(fixtures, 'pid_stat'), 'utf8');
  writeFileSync(join(dir, '1', 'stat'), stat.replace(' 107 461 ', ` ${utime} 461 `));
  cpSync(join(fixtures, 'pid_status'), join(dir, '1', 'status'));
  // a kernel thread: no VmRSS, and no CPU used
  writeFileSync(join(dir, '2', 'stat'), stat.replace('1 (systemd)', '2 (kthreadd)').replace(' 107 461 ', ' 0 0 '));
  writeFileSync(join(dir, '2', 'status'), 'Name:\tkthreadd\nUid:\t0\t0\t0\t0\n');
  // "our own" process
  writeFileSync(join(dir, '77', 'stat'), stat.replace('1 (systemd)', '77 (node)'));
  writeFileSync(join(dir, '77', 'status'), 'Name:\tnode\nUid:\t1000\t1000\t1000\t1000\nVmRSS:\t  50000 kB\n');
  writeFileSync(join(dir, 'self-is-not-a-pid'), '');
}

test('a /proc tree made of the fixtures: memory, load, processes, %CPU across two readings', async () => {
  buildProc(root, 107);
  let now = 1000;
  const opts = { procRoot: root, selfPid: 77, nowMs: () => now, passwdFile: join(root, 'none') };
  const a = await readHost(null, opts);
  expect(a.host.memory.totalBytes).toBe(3997272 * 1024);
  expect(a.host.cpu).toEqual({ cores: 2, loadAverage: [0, 0.01, 0.03], busyPercent: null });
  expect(a.host.processes).toEqual([{ pid: 1, user: '0', command: 'systemd', residentBytes: 13252 * 1024, cpuPercent: null }]);
  expect(a.selfResidentBytes).toBe(50000 * 1024);

  buildProc(root, 157); // +50 ticks of user time in 2 s → 25 %
  now = 3000;
  const b = await readHost(a.state, opts);
  expect(b.host.processes.map((p) => [p.pid, p.cpuPercent])).toEqual([[1, 25]]);
  expect(b.host.cpu.busyPercent).toBeNull(); // /proc/stat did not move
});

test('a /proc file larger than the read buffer (a long intr line of /proc/stat) is read whole', async () => {
  const dir = join(root, 'long');
  buildProc(dir, 107);
  const stat = readFileSync(join(dir, 'stat'), 'utf8');
  // the cpu lines after 300 KiB of interrupt counts: found only if the whole file was read
  const intr = `intr ${' 0'.repeat(150_000)}\n`;
  writeFileSync(join(dir, 'stat'), intr + stat);
  const opts = { procRoot: dir, selfPid: 77, nowMs: () => 0, passwdFile: join(root, 'none') };
  const a = await readHost(null, opts);
  expect(a.host.cpu.cores).toBe(2);
  expect(a.state.cpu?.user).toBeGreaterThan(0);
});

test('the state is carried in place: an ended pid leaves it, a reused pid is not compared with its predecessor', async () => {
  const dir = join(root, 'reuse');
  buildProc(dir, 107);
  let now = 1000;
  const opts = { procRoot: dir, selfPid: 77, nowMs: () => now, passwdFile: join(root, 'none') };
  const a = await readHost(null, opts);
  expect([...a.state.procs.keys()].sort()).toEqual([1, 2, 77]);

  rmSync(join(dir, '2'), { recursive: true });
  // pid 1 is now another process: same pid, later start time (field 22), more ticks
  const stat = readFileSync(join(dir, '1', 'stat'), 'utf8').split(' ');
  stat[13] = '157';
  stat[21] = String(Number(stat[21]) + 500);
  writeFileSync(join(dir, '1', 'stat'), stat.join(' '));
  now = 3000;
  const b = await readHost(a.state, opts);
  expect(b.state).toBe(a.state);
  expect([...b.state.procs.keys()].sort()).toEqual([1, 77]);
  expect(b.host.processes.map((p) => [p.pid, p.cpuPercent])).toEqual([[1, null]]);

  writeFileSync(join(dir, '1', 'stat'), stat.join(' ').replace(' 157 ', ' 207 ')); // +50 ticks in 2 s
  now = 5000;
  const c = await readHost(b.state, opts);
  expect(c.host.processes.map((p) => [p.pid, p.cpuPercent])).toEqual([[1, 25]]);
});

// Memory moves while the test runs (other test workers allocate): a reading can fall outside the
// bracket by chance, so up to 5 attempts (bounded); a wrong formula misses in every one.
test('on this machine: memory within one page of `free -b` read in between', async () => {
  try {
    execFileSync('free', ['-b'], { encoding: 'utf8' });
  } catch {
    return; // no procps here
  }
  const opts = { selfPid: process.pid, nowMs: () => performance.now() };
  const page = 4096;
  let misses: Array<{ name: string; got: number; lo: number; hi: number }> = [];
  for (let attempt = 0; attempt < 5; attempt++) {
    const before = await readHost(null, opts);
    const free = execFileSync('free', ['-b'], { encoding: 'utf8' });
    const after = await readHost(before.state, opts);
    const mem = /^Mem:\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)/m.exec(free)!;
    const swap = /^Swap:\s+(\d+)\s+(\d+)\s+(\d+)/m.exec(free)!;
    const m0 = before.host.memory;
    const m1 = after.host.memory;
    const checks: Array<[string, number, number | null, number | null]> = [
      ['total', Number(mem[1]), m0.totalBytes, m1.totalBytes],
      ['used', Number(mem[2]), m0.usedBytes, m1.usedBytes],
      ['free', Number(mem[3]), m0.freeBytes, m1.freeBytes],
      ['shared', Number(mem[4]), m0.sharedBytes, m1.sharedBytes],
      ['buff/cache', Number(mem[5]), m0.buffCacheBytes, m1.buffCacheBytes],
      ['available', Number(mem[6]), m0.availableBytes, m1.availableBytes],
      ['swap total', Number(swap[1]), m0.swapTotalBytes, m1.swapTotalBytes],
      ['swap used', Number(swap[2]), m0.swapUsedBytes, m1.swapUsedBytes],
    ];
    misses = checks
      .map(([name, got, x, y]) => ({ name, got, lo: Math.min(x!, y!) - page, hi: Math.max(x!, y!) + page }))
      .filter((c) => !(c.got >= c.lo && c.got <= c.hi));
    if (misses.length === 0) break;
  }
  expect(misses).toEqual([]);
});

test('on this machine: a busy child\'s %CPU agrees with top over the same window; our own process is left out', async () => {
  const child = spawn(process.execPath, ['-e', 'const end = Date.now() + 5000; while (Date.now() < end);'], { stdio: 'ignore' });
  try {
    await new Promise((r) => setTimeout(r, 200));
    const opts = { selfPid: process.pid, nowMs: () => performance.now() };
    let topOut: string | null = null;
    const top = new Promise<void>((resolve) => {
      const t = spawn('top', ['-b', '-n2', '-d1', '-p', String(child.pid)], { stdio: ['ignore', 'pipe', 'ignore'] });
      let out = '';
      t.stdout.on('data', (d: Buffer) => (out += d.toString()));
      t.on('close', (code) => ((topOut = code === 0 ? out : null), resolve()));
      t.on('error', () => resolve());
    });
    const a = await readHost(null, opts);
    await top;
    const b = await readHost(a.state, opts);
    const me = b.host.processes.find((p) => p.pid === child.pid);
    expect(me?.command).toBe('node');
    expect(me!.cpuPercent).toBeGreaterThan(5); // busy, even on a contended machine
    expect(me!.residentBytes).toBeGreaterThan(1024 * 1024);
    expect(b.host.processes.some((p) => p.pid === process.pid)).toBe(false);
    expect(b.selfResidentBytes).toBeGreaterThan(0);
    expect(b.host.cpu.busyPercent).toBeGreaterThan(0);
    if (topOut !== null) {
      // the last line of top's second iteration is the child: %CPU is the 9th column
      const line = (topOut as string).trim().split('\n').pop()!.trim().split(/\s+/);
      expect(Number(line[0])).toBe(child.pid);
      expect(Math.abs(me!.cpuPercent! - Number(line[8]))).toBeLessThan(15);
    }
  } finally {
    child.kill();
  }
});
