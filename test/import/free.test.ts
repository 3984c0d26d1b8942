import { describe, expect, it } from 'vitest';
import { freeUnitFromCommand, importFree } from '../../src/collect/import/free.js';
import { fixture, fixtureJson } from './fixture.js';

type JcFree = Array<Record<string, number | string>>;
const KiB = 1024;
const MiB = 2 ** 20;

describe('importFree against jc (procps 3.3, CentOS 7.7)', () => {
  it.each(['free', 'free-w'])('%s.out matches jc (KiB) byte for byte', (name) => {
    const r = importFree(fixture(`host/jc/centos-7.7/${name}.out`), { origin: `${name}.out` });
    const [mem, swap] = fixtureJson<JcFree>(`host/jc/centos-7.7/${name}.json`);
    const m = r.hosts[0]!.memory;
    expect(m.totalBytes).toBe(Number(mem!.total) * KiB);
    expect(m.usedBytes).toBe(Number(mem!.used) * KiB);
    expect(m.freeBytes).toBe(Number(mem!.free) * KiB);
    expect(m.sharedBytes).toBe(Number(mem!.shared) * KiB);
    expect(m.availableBytes).toBe(Number(mem!.available) * KiB);
    const bc = mem!.buff_cache ?? Number(mem!.buffers) + Number(mem!.cache);
    expect(m.buffCacheBytes).toBe(Number(bc) * KiB);
    expect([m.swapTotalBytes, m.swapUsedBytes, m.swapFreeBytes]).toEqual([swap!.total, swap!.used, swap!.free].map((v) => Number(v) * KiB));
    expect(r.hosts[0]!.cpu).toEqual({ cores: null, loadAverage: null, busyPercent: null });
    expect(r.hosts[0]!.processes).toEqual([]);
    const codes = r.notes.map((n) => n.code);
    expect(codes).toContain('free-unit-assumed');
    expect(r.notes.find((n) => n.code === 'free-used-semantics')!.message).toMatch(/procps 3\.3/);
  });

  it('free -h: 3.3 suffixes G/M are binary (jc reads 3.7G as 3.7e9; free.out on the same VM says 3861332 KiB)', () => {
    const total = 3861332 * KiB;
    const r = importFree(fixture('host/jc/centos-7.7/free-h.out'), { origin: 'free-h.out' });
    const m = r.hosts[0]!.memory;
    expect(m.totalBytes).toBe(Math.round(3.7 * 2 ** 30));
    expect(Math.abs(m.totalBytes! - total)).toBeLessThan(0.05 * 2 ** 30);
    expect(m.usedBytes).toBe(217 * MiB);
    expect(m.swapUsedBytes).toBe(0);
    expect(r.notes.map((n) => n.code)).toContain('free-human-rounded');
  });
});

describe('importFree on the reference (procps 3.3 free -m)', () => {
  it('keeps the printed numbers, notes the semantics and the flooring', () => {
    const r = importFree(fixture('reference/free-m-k0s.txt'), { origin: 'free.txt' });
    const m = r.hosts[0]!.memory;
    expect(m).toEqual({
      totalBytes: 971 * MiB,
      usedBytes: 558 * MiB,
      freeBytes: 61 * MiB,
      sharedBytes: 0,
      buffCacheBytes: 351 * MiB,
      availableBytes: 268 * MiB,
      swapTotalBytes: 1941 * MiB,
      swapUsedBytes: 208 * MiB,
      swapFreeBytes: 1733 * MiB,
    });
    expect(r.kind).toBe('free -m');
    const semantics = r.notes.find((n) => n.code === 'free-used-semantics')!;
    expect(semantics.message).toMatch(/procps 3\.3 semantics: used = total − free − buff\/cache; total − available would be 703MiB/);
    expect(semantics.source).toBe('free.txt:3');
    expect(r.notes.map((n) => n.code)).toContain('free-floored');
    expect(r.notes.map((n) => n.code)).not.toContain('free-unit-assumed');
  });
});

describe('importFree on procps-ng 4.0.2 captures, every unit flag', () => {
  const exact = importFree(fixture('host/procps-4.0.2/free-b.txt'), { origin: 'b' }).hosts[0]!.memory;
  const memTotal = exact.totalBytes!;
  it.each([
    ['free-b', 1],
    ['free-k', 1024],
    ['free-kibi', 1024],
    ['free-nocmd', 1024],
    ['free-m', 2 ** 20],
    ['free-mebi', 2 ** 20],
    ['free-g', 2 ** 30],
    ['free-gibi', 2 ** 30],
    ['free-kilo', 1000],
    ['free-si', 1000],
    ['free-mega', 1e6],
    ['free-giga', 1e9],
    ['free-tera', 1e12],
    ['free-w', 1024],
    ['free-m-w', 2 ** 20],
    ['free-t', 1024],
    ['free-m-l', 2 ** 20],
  ])('%s: total is MemTotal floored to its unit (%d bytes)', (name, unit) => {
    const r = importFree(fixture(`host/procps-4.0.2/${name}.txt`), { origin: name });
    expect(r.hosts).toHaveLength(1);
    expect(r.hosts[0]!.memory.totalBytes).toBe(Math.floor(memTotal / unit) * unit);
    // procps 4 semantics: used = total − available, within the flooring of three values;
    // in GiB/GB the numbers are too coarse to tell the two definitions apart, and it says so.
    const semantics = r.notes.find((n) => n.code === 'free-used-semantics')!.message;
    expect(semantics).toMatch(unit < 1e9 ? /procps 4 semantics/ : /fits both/);
    expect(r.notes.some((n) => n.code === 'free-floored')).toBe(unit > 1024 || unit === 1000);
  });

  it.each([
    ['free-h', 2 ** 30],
    ['free-h-w-t', 2 ** 30],
    ['free-h-si', 1e9],
  ])('%s: suffixed values read in the right base', (name, giga) => {
    const r = importFree(fixture(`host/procps-4.0.2/${name}.txt`), { origin: name });
    const total = r.hosts[0]!.memory.totalBytes!;
    // -h keeps 2 significant digits at this size and cuts the rest off: within one unit
    expect(Math.abs(total - memTotal)).toBeLessThan(giga);
    expect(r.hosts[0]!.memory.swapTotalBytes).toBe(0);
  });

  it('-w: buff/cache is buffers + cache', () => {
    const text = fixture('host/procps-4.0.2/free-m-w.txt');
    const mem = text.split('\n').find((l) => l.startsWith('Mem:'))!.split(/\s+/).slice(1).map(Number);
    const r = importFree(text, { origin: 'w' });
    expect(r.hosts[0]!.memory.buffCacheBytes).toBe((mem[4]! + mem[5]!) * MiB);
  });

  it('-c 2: one reading per block', () => {
    const r = importFree(fixture('host/procps-4.0.2/free-m-c2.txt'), { origin: 'c2' });
    expect(r.hosts).toHaveLength(2);
    expect(r.kind).toBe('free -m -c 2 -s 0.2 (2 readings)');
  });
});

describe('importFree on older layouts (synthetic)', () => {
  it('procps 3.2: buffers + cached, used = total − free', () => {
    const r = importFree(fixture('synthetic/free-procps32-old-layout.txt'), { origin: 'old' });
    const m = r.hosts[0]!.memory;
    expect(m.buffCacheBytes).toBe((146 + 2983) * MiB);
    expect(m.availableBytes).toBeNull();
    expect(r.notes.find((n) => n.code === 'free-used-semantics')!.message).toMatch(/procps 3\.2/);
  });
  it('no Swap line: swap null, not 0', () => {
    const m = importFree(fixture('synthetic/free-procps33-g-no-swap.txt'), { origin: 'g' }).hosts[0]!.memory;
    expect(m.totalBytes).toBe(3 * 2 ** 30);
    expect([m.swapTotalBytes, m.swapUsedBytes, m.swapFreeBytes]).toEqual([null, null, null]);
  });
  it('a bad value names file, line and column', () => {
    const text = '$ free -m\n      total   used   free\nMem:   971    5x8     61\n';
    expect(() => importFree(text, { origin: 'f.txt', firstLine: 10 })).toThrow('f.txt:12: malformed value "5x8" in column used');
  });
});

describe('freeUnitFromCommand', () => {
  it.each([
    ['free', 1024n],
    ['sudo free -b', 1n],
    ['free -mw', 2n ** 20n],
    ['free -m --si', 1000000n],
    ['free --si', 1000n],
    ['free --giga', 1000000000n],
    ['free -g -t', 2n ** 30n],
    ['free -h', null],
    ['free --human --si', null],
  ])('%s → %s', (cmd, bytes) => {
    expect(freeUnitFromCommand(cmd).bytesPerUnit).toBe(bytes);
  });
});
