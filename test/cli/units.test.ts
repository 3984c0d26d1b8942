import { describe, expect, it } from 'vitest';
import { parseDuration } from '../../src/cli/duration.js';
import { createProgress, formatDuration, renderBar } from '../../src/cli/progress.js';
import { liveOptions } from '../../src/cli/commands/live-flags.js';
import { UsageError } from '../../src/errors.js';

describe('parseDuration', () => {
  it.each([
    ['500ms', 500], ['5s', 5000], ['1m', 60_000], ['1h', 3_600_000], ['1m30s', 90_000], ['1.5s', 1500], ['0.25s', 250], ['2m0s', 120_000],
  ])('%s → %d ms', (text, ms) => expect(parseDuration(text, '--interval')).toBe(ms));

  it.each(['5', '', 's', '5 s', '-5s', '5sec', '1d', 'ms'])('%j is refused', (text) => {
    expect(() => parseDuration(text, '--interval')).toThrow(UsageError);
    expect(() => parseDuration(text, '--interval')).toThrow(`--interval "${text}" is not a duration`);
  });
});

describe('liveOptions', () => {
  it('defaults', () => {
    expect(liveOptions({})).toEqual({
      kubeconfig: null, context: null, namespaces: [], samples: 1, intervalMs: 5000, host: true, pageLimit: 500, requestTimeoutMs: 30_000,
    });
  });
  it.each<[Record<string, unknown>, Partial<ReturnType<typeof liveOptions>>]>([
    [{ 'all-namespaces': true }, { namespaces: null }],
    [{ namespace: ['a', 'b'] }, { namespaces: ['a', 'b'] }],
    [{ duration: '1m', interval: '5s' }, { samples: 13, intervalMs: 5000 }],
    [{ duration: '1m' }, { samples: 13 }],
    [{ duration: '4s', interval: '5s' }, { samples: 1 }],
    [{ samples: 3, interval: '500ms' }, { samples: 3, intervalMs: 500 }],
    [{ host: false }, { host: false }],
    [{ 'page-limit': 50, 'request-timeout': '2s', kubeconfig: 'k', context: 'c' }, { pageLimit: 50, requestTimeoutMs: 2000, kubeconfig: 'k', context: 'c' }],
  ])('%j', (argv, expected) => expect(liveOptions(argv)).toMatchObject(expected));

  it.each<[Record<string, unknown>, string]>([
    [{ samples: 1.5 }, '--samples must be a whole number of at least 1, got "1.5"'],
    [{ samples: Number.NaN }, '--samples must be a whole number of at least 1, got "NaN"'],
    [{ interval: '0s' }, '--interval must be longer than 0'],
    [{ 'page-limit': 0 }, '--page-limit must be a whole number of at least 1, got "0"'],
  ])('%j → usage error', (argv, message) => expect(() => liveOptions(argv)).toThrow(message));
});

describe('progress', () => {
  it.each([
    [0, '0s'], [1499, '1s'], [59_000, '59s'], [61_000, '1m01s'], [3_661_000, '1h01m'],
  ])('formatDuration(%d) = %s', (ms, text) => expect(formatDuration(ms)).toBe(text));

  it('renders a bar with ETA from the pace so far', () => {
    expect(renderBar('sampling', 0, 4, 0, '', 80)).toBe('sampling [....................] 0/4');
    expect(renderBar('sampling', 1, 4, 5000, 'node vagrant', 80)).toBe('sampling [#####...............] 1/4 ETA 15s node vagrant');
    expect(renderBar('sampling', 4, 4, 20000, '', 80)).toBe('sampling [####################] 4/4');
    expect(renderBar('sampling', 1, 4, 5000, 'x'.repeat(100), 40)).toHaveLength(39);
  });

  it('draws on a TTY only, and clears its line when done', () => {
    const written: string[] = [];
    let t = 0;
    const p = createProgress({ write: (s) => written.push(s), isTTY: true, columns: 80, now: () => t });
    p.start('sampling', 2);
    t = 5000;
    p.tick();
    p.tick();
    p.done();
    expect(written).toEqual([
      '\r\x1b[Ksampling [....................] 0/2',
      '\r\x1b[Ksampling [##########..........] 1/2 ETA 5s',
      '\r\x1b[Ksampling [####################] 2/2',
      '\r\x1b[K',
    ]);
    const silent: string[] = [];
    const q = createProgress({ write: (s) => silent.push(s), isTTY: false });
    q.start('sampling', 2);
    q.tick();
    q.done();
    expect(silent).toEqual([]);
  });
});
