import { describe, expect, it } from 'vitest';
import { importTop } from '../../src/collect/import/top.js';
import { fixture, fixtureJson } from './fixture.js';

interface JcTop {
  load_1m: number;
  load_5m: number;
  load_15m: number;
  cpu_idle: number;
  mem_total: number;
  mem_free: number;
  mem_used: number;
  mem_buff_cache: number;
  mem_available: number;
  swap_total: number;
  swap_free: number;
  swap_used: number;
  processes: Array<{ pid: number; user: string; resident_mem: number; percent_cpu: number; command: string }>;
}

const UNIT = { KiB: 1024, MiB: 2 ** 20, GiB: 2 ** 30 };

describe('importTop against jc', () => {
  it.each([
    ['centos-7.7/top-b-n3', 'KiB', 'KiB'],
    ['centos-7.7/top-b-n1-gib', 'GiB', 'MiB'],
    ['ubuntu-20.10/top-b-n1', 'MiB', 'KiB'],
  ] as const)('%s: every iteration and process agrees (header in %s, RES in %s)', (name, memUnit, resUnit) => {
    const r = importTop(fixture(`host/jc/${name}.out`), { origin: name });
    const jc = fixtureJson<JcTop[]>(`host/jc/${name}.json`);
    expect(r.hosts).toHaveLength(jc.length);
    r.hosts.forEach((h, i) => {
      const j = jc[i]!;
      expect(h.cpu.loadAverage).toEqual([j.load_1m, j.load_5m, j.load_15m]);
      expect(h.cpu.busyPercent).toBeCloseTo(100 - j.cpu_idle, 10);
      const m = h.memory;
      const u = UNIT[memUnit];
      expect(m.totalBytes).toBe(Math.round(j.mem_total * u));
      expect(m.freeBytes).toBe(Math.round(j.mem_free * u));
      expect(m.usedBytes).toBe(Math.round(j.mem_used * u));
      expect(m.buffCacheBytes).toBe(Math.round(j.mem_buff_cache * u));
      expect(m.availableBytes).toBe(Math.round(j.mem_available * u));
      expect([m.swapTotalBytes, m.swapFreeBytes, m.swapUsedBytes]).toEqual([j.swap_total, j.swap_free, j.swap_used].map((v) => Math.round(v * u)));
      expect(h.processes).toHaveLength(j.processes.length);
      h.processes.forEach((p, k) => {
        const jp = j.processes[k]!;
        expect([p.pid, p.user, p.command, p.cpuPercent]).toEqual([jp.pid, jp.user, jp.command, jp.percent_cpu]);
        expect(p.residentBytes).toBe(Math.round(jp.resident_mem * UNIT[resUnit]));
      });
    });
  });

  it('notes the rounding of a GiB header and of scaled RES', () => {
    const r = importTop(fixture('host/jc/centos-7.7/top-b-n1-gib.out'), { origin: 'gib' });
    expect(r.notes.map((n) => n.code).sort()).toEqual(['top-memory-rounded', 'top-res-rounded']);
    expect(r.notes[0]!.message).toMatch(/GiB/);
  });
});

describe('importTop on the reference', () => {
  it('reads the k0s VM, keeps the cut last row, busy = 100 − idle exactly', () => {
    const r = importTop(fixture('reference/top-b-k0s.txt'), { origin: 'top.txt' });
    expect(r.hosts).toHaveLength(1);
    const h = r.hosts[0]!;
    expect(h.cpu).toEqual({ cores: null, loadAverage: [0.7, 0.42, 0.43], busyPercent: 2.5 });
    expect(h.memory.totalBytes).toBe(Math.round(971.2 * 2 ** 20));
    expect(h.memory.availableBytes).toBe(Math.round(280.4 * 2 ** 20));
    expect(h.memory.swapUsedBytes).toBe(Math.round(207.1 * 2 ** 20));
    expect(h.processes).toHaveLength(10);
    expect(h.processes[0]).toEqual({ pid: 1222, user: 'kube-ap+', command: 'kube-apiserver', residentBytes: 261064 * 1024, cpuPercent: 1.7 });
    expect(h.processes[9]!.command).toBe('kube-p');
    const rssSum = h.processes.reduce((a, p) => a + p.residentBytes!, 0);
    expect(rssSum).toBe((261064 + 29256 + 54388 + 44088 + 48132 + 0 + 14772 + 24652 + 24264 + 14860) * 1024);
  });
  it('tolerates a row cut short at the end, with a note', () => {
    const text = fixture('reference/top-b-baseos.txt') + '   1650 root      20   0  757488  14860\n';
    const r = importTop(text, { origin: 't.txt' });
    expect(r.hosts[0]!.processes.map((p) => p.pid)).toEqual([606]);
    expect(r.notes.find((n) => n.code === 'top-truncated-line')!.source).toBe('t.txt:8');
  });
  it('refuses a cut row in the middle, naming the line', () => {
    const lines = fixture('reference/top-b-k0s.txt').split('\n');
    lines[7] = '   1213 kube-ap+  20   0  740108';
    expect(() => importTop(lines.join('\n'), { origin: 't.txt' })).toThrow(/^t\.txt:8: malformed process row/);
  });
});

describe('importTop on procps-ng 4.0.2 and older layouts', () => {
  it('per-CPU lines give cores; Mem and Swap on one wide line', () => {
    const r = importTop(fixture('host/procps-4.0.2/top-b-n1-percpu-wide.txt'), { origin: 'pc' });
    const h = r.hosts[0]!;
    expect(h.cpu.cores).toBe(2);
    expect(h.cpu.busyPercent).toBe(0);
    expect(h.memory.totalBytes).toBe(Math.round(24152.1 * 2 ** 20));
    expect(h.memory.swapTotalBytes).toBe(0);
    expect(h.memory.availableBytes).toBe(Math.round(23636.1 * 2 ** 20));
  });
  it('two iterations → two readings in order', () => {
    const text = fixture('host/procps-4.0.2/top-b-n2.txt');
    const r = importTop(text, { origin: 'n2' });
    expect(r.hosts).toHaveLength(2);
    const rows = text.split('\n').filter((l) => /^\s*\d+\s+\S+\s+(-?\d+|rt)\s/.test(l)).length;
    expect(r.hosts[0]!.processes.length + r.hosts[1]!.processes.length).toBe(rows);
  });
  it('procps 3.2: Cpu(s) with %id, "k" values, buffers + cached', () => {
    const h = importTop(fixture('synthetic/top-b-procps32-old-header.txt'), { origin: 'old' }).hosts[0]!;
    expect(h.cpu.busyPercent).toBe(4.5);
    expect(h.memory.totalBytes).toBe(1017596 * 1024);
    expect(h.memory.buffCacheBytes).toBe((53416 + 650128) * 1024);
    expect(h.processes[0]!.residentBytes).toBe(210 * 2 ** 20);
  });
});
