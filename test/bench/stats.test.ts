// The benchmark harness's pure parts (bench/lib/stats.mjs) and the snapshot generator, so the
// bench cannot rot silently. No timing is asserted here: performance lives in the benchmark.
import { describe, expect, it } from 'vitest';
import {
  formatBytes,
  formatMiB,
  formatRatio,
  formatSeconds,
  median,
  parseStatTicks,
  parseStatusField,
  parseTimeOutput,
  renderTable,
  roundOrder,
  slope,
} from '../../bench/lib/stats.mjs';
import { generateSnapshot } from '../../bench/gen-snapshot.mjs';
import { parseSnapshot } from '../../src/model/load.js';

describe('median', () => {
  it.each([
    [[], null],
    [[5], 5],
    [[3, 1, 2], 2],
    [[4, 1, 3, 2], 2.5],
    [[10, null, 30, 20], 20],
    [[Number.NaN, 7], 7],
  ] as Array<[Array<number | null>, number | null]>)('median(%j) = %j', (xs, want) => {
    expect(median(xs)).toBe(want);
  });
  it('does not reorder its input', () => {
    const xs = [3, 1, 2];
    median(xs);
    expect(xs).toEqual([3, 1, 2]);
  });
});

describe('formatting', () => {
  it.each([
    [250, 100, '2.50×'],
    [1, 3, '0.33×'],
    [1234, 100, '12.3×'],
    [null, 100, '–'],
    [100, 0, '–'],
  ] as Array<[number | null, number, string]>)('formatRatio(%j, %j) = %s', (a, b, want) => {
    expect(formatRatio(a, b)).toBe(want);
  });
  it.each([
    [123.4, '0.123 s'],
    [12_345, '12.3 s'],
    [null, '–'],
  ] as Array<[number | null, string]>)('formatSeconds(%j) = %s', (ms, want) => {
    expect(formatSeconds(ms)).toBe(want);
  });
  it.each([
    [66_060_288, '63.0 MiB'],
    [null, '–'],
  ] as Array<[number | null, string]>)('formatMiB(%j) = %s', (b, want) => {
    expect(formatMiB(b)).toBe(want);
  });
  it.each([
    [512, '512 B'],
    [421_888, '412 KiB'],
    [1_320_702_444, '1.2 GiB'],
    [1536, '1.5 KiB'],
  ])('formatBytes(%j) = %s', (b, want) => {
    expect(formatBytes(b)).toBe(want);
  });
});

describe('parsing what GNU time and /proc report', () => {
  it('reads elapsed, max RSS (KiB), exit status and CPU from time -f "%e %M %x %U %S"', () => {
    expect(parseTimeOutput('0.31 40252 0 0.21 0.05\n')).toEqual({ elapsedMs: 310, peakRssBytes: 40252 * 1024, exitCode: 0, cpuMs: 260 });
  });
  it('skips the "Command exited with non-zero status" line time writes first', () => {
    expect(parseTimeOutput('Command exited with non-zero status 3\n1.02 51200 3 0.90 0.10\n')).toMatchObject({ exitCode: 3, elapsedMs: 1020 });
  });
  it('returns null for text without the line (time killed)', () => {
    expect(parseTimeOutput('')).toBeNull();
    expect(parseTimeOutput('Command terminated by signal 9\n')).toBeNull();
  });
  const status = 'Name:\tnode\nVmPeak:\t 1027412 kB\nVmHWM:\t   64512 kB\nVmRSS:\t   60000 kB\nThreads:\t7\n';
  it.each([
    ['VmHWM', 64512 * 1024],
    ['VmRSS', 60000 * 1024],
    ['VmSwap', null],
  ])('/proc/PID/status %s', (field, want) => {
    expect(parseStatusField(status, field)).toBe(want);
  });
  // A real /proc/PID/stat line, with a command name holding a space and a parenthesis.
  const stat = '4242 (node (x) y) S 1 4242 4242 0 -1 4194560 2718 0 0 0 150 37 12 3 20 0 11 0 1893 1064960000 15000 18446744073709551615 1 1 0 0 0 0 0 16781312 134234626 0 0 0 17 1 0 0 0 0 0';
  it('reads utime+stime of /proc/PID/stat after the last ")"', () => {
    expect(parseStatTicks(stat)).toBe(187);
    expect(parseStatTicks(stat, true)).toBe(202);
    expect(parseStatTicks('garbage')).toBeNull();
  });
});

describe('slope', () => {
  it('is the least-squares growth per unit x', () => {
    expect(slope([0, 1, 2, 3], [10, 12, 14, 16])).toBe(2);
    expect(slope([0, 1, 2], [5, 5, 5])).toBe(0);
    expect(slope([1], [1])).toBeNull();
    expect(slope([2, 2], [1, 3])).toBeNull();
  });
});

describe('roundOrder', () => {
  it('alternates peers within a round and rotates who goes first', () => {
    expect(roundOrder(['A', 'B'], 3).map((x) => `${x.round}${x.peer}`)).toEqual(['0A', '0B', '1B', '1A', '2A', '2B']);
    expect(roundOrder(['A', 'B', 'C'], 2).map((x) => x.peer).join('')).toBe('ABCBCA');
  });
});

describe('renderTable', () => {
  const header = ['run', 'wall'];
  const rows = [['node -e 0', '0.1 s'], ['edge-profile', '12.3 s']];
  it('aligns plain text: first column left, others right', () => {
    expect(renderTable(header, rows)).toBe(['run             wall', '------------  ------', 'node -e 0      0.1 s', 'edge-profile  12.3 s'].join('\n'));
  });
  it('writes GitHub Markdown with right-aligned number columns', () => {
    expect(renderTable(header, rows, true).split('\n')[1]).toBe('| ------------ | -----: |');
  });
});

describe('generateSnapshot', () => {
  const count = (s: ReturnType<typeof generateSnapshot>) => s.pods.reduce((n, p) => n + p.containers.length, 0);
  it.each([1, 7, 1000, 2500])('makes exactly %i containers', (n) => {
    expect(count(generateSnapshot({ containers: n }))).toBe(n);
  });
  it('is deterministic', () => {
    expect(JSON.stringify(generateSnapshot({ containers: 500 }))).toBe(JSON.stringify(generateSnapshot({ containers: 500 })));
  });
  it('writes whole millicores and bytes or null, never 0 for unset, and usage only where running', () => {
    const s = generateSnapshot({ containers: 3000 }) as unknown as {
      pods: Array<{ phase: string; containers: Array<{ type: string; requests: Record<string, unknown>; limits: Record<string, unknown>; usage: Record<string, unknown> | null }> }>;
    };
    const values = s.pods.flatMap((p) => p.containers.flatMap((c) => [c.requests, c.limits, ...(c.usage ? [c.usage] : [])]).flatMap((r) => Object.values(r)));
    expect(values.every((v) => v === null || (Number.isInteger(v) && (v as number) > 0))).toBe(true);
    expect(values.some((v) => v === null)).toBe(true);
    expect(s.pods.filter((p) => p.phase !== 'Running').every((p) => p.containers.every((c) => c.usage === null))).toBe(true);
    expect(new Set(s.pods.flatMap((p) => p.containers.map((c) => c.type)))).toEqual(new Set(['app', 'init', 'sidecar']));
  });

  it('with samples: a valid snapshot whose last reading is the top-level usage, the others varied around it', () => {
    const s = generateSnapshot({ containers: 300, samples: 4 });
    expect(() => parseSnapshot(JSON.stringify(s), 'generated')).not.toThrow();
    const snap = parseSnapshot(JSON.stringify(s), 'generated');
    expect(snap.samples).toHaveLength(4);
    const last = snap.samples![3]!;
    const running = snap.pods.filter((p) => p.phase === 'Running');
    expect(Object.keys(last.pods)).toHaveLength(running.length);
    for (const p of running) {
      for (const c of p.containers) if (c.usage) expect(last.pods[`${p.namespace}/${p.name}`]!.containers[c.name]).toEqual(c.usage);
    }
    const first = snap.samples![0]!;
    const varied = running.flatMap((p) => p.containers.filter((c) => c.usage).map((c) => [c.usage!.memoryBytes!, first.pods[`${p.namespace}/${p.name}`]!.containers[c.name]!.memoryBytes!]));
    expect(varied.some(([a, b]) => a !== b)).toBe(true);
    expect(varied.every(([a, b]) => b! >= Math.floor(a! * 0.8) && b! <= Math.ceil(a! * 1.2))).toBe(true);
    expect(generateSnapshot({ containers: 300, samples: 1 })).not.toHaveProperty('samples');
  });
});
