import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { reportArgs } from '../../src/cli/commands/report.js';
import { parseEvictionHard, parseLayer, parseNumber, parseResourceList, shellQuote } from '../../src/cli/commands/report-options.js';

const Mi = 2 ** 20;

describe('parseResourceList', () => {
  it.each([
    ['cpu=1,memory=1500Mi', true, { cpuMillicores: 1000, memoryBytes: 1500 * Mi }],
    [' memory=1.5Gi , cpu=500m ', true, { cpuMillicores: 500, memoryBytes: 1536 * Mi }],
    ['cpu=100m', false, { cpuMillicores: 100, memoryBytes: null }],
    ['memory=256Mi', false, { cpuMillicores: null, memoryBytes: 256 * Mi }],
    ['cpu=0', false, { cpuMillicores: 0, memoryBytes: null }],
  ])('%j (both=%s) → %o', (v, both, want) => expect(parseResourceList('x', v, both)).toEqual(want));

  it.each([
    ['', true, 'expected cpu=Q,memory=Q'],
    ['cpu=1,cpu=2,memory=1Gi', true, 'cpu is given twice'],
    ['cpu=-1,memory=1Gi', true, 'cpu must not be negative'],
    ['cpu=0,memory=1Gi', true, 'cpu must be more than 0'],
    ['gpu=1', false, 'unknown resource "gpu"'],
    ['cpu=1x', false, 'cpu: malformed quantity "1x"'],
  ])('%j (both=%s) → UsageError mentioning %j', (v, both, msg) => {
    expect(() => parseResourceList('node-size', v, both)).toThrow(UsageError);
    expect(() => parseResourceList('node-size', v, both)).toThrow(msg);
  });
});

describe('parseEvictionHard', () => {
  it.each([
    ['memory.available=100Mi', 100 * Mi],
    ['memory.available<200Mi', 200 * Mi],
    ['memory.available=0', 0],
  ])('%j → %d', (v, want) => expect(parseEvictionHard(v)).toBe(want));
  it.each(['memory.available=10%', 'nodefs.available=1Gi', 'memory.available=', '100Mi'])('%j is refused', (v) => {
    expect(() => parseEvictionHard(v)).toThrow(/^--eviction-hard: malformed value/);
  });
});

describe('parseNumber', () => {
  it('accepts a trailing % only where asked', () => {
    expect(parseNumber('headroom', '20%', 0, 1000, 'p', { percentSign: true })).toBe(20);
    expect(() => parseNumber('reduce', '50%', 0, 1, 'f')).toThrow('--reduce: malformed value "50%"');
  });
  it.each(['0x10', '1e2', '-1', 'NaN', 'Infinity', '', ' '])('%j is refused', (v) => {
    expect(() => parseNumber('headroom', v, 0, 1000, 'a percentage')).toThrow(UsageError);
  });
  it('honours an exclusive minimum', () => {
    expect(() => parseNumber('reduce', '0', 0, 1, 'f', { minExclusive: true })).toThrow(UsageError);
    expect(parseNumber('reduce', '.5', 0, 1, 'f', { minExclusive: true })).toBe(0.5);
  });
});

describe('parseLayer', () => {
  it('splits at the first =', () => expect(parseLayer('bare OS=a=b.json')).toEqual({ name: 'bare OS', path: 'a=b.json' }));
  it.each(['k0s', '=x.json', 'k0s='])('%j is refused', (v) => expect(() => parseLayer(v)).toThrow(UsageError));
});

describe('shellQuote', () => {
  it.each([
    ['knative.json', 'knative.json'],
    ['cpu=1,memory=1500Mi', 'cpu=1,memory=1500Mi'],
    ['bare OS=os.json', "'bare OS=os.json'"],
    ["it's", "'it'\\''s'"],
    ['$(rm -rf /)', "'$(rm -rf /)'"],
    ['', "''"],
  ])('%j → %s', (v, want) => expect(shellQuote(v)).toBe(want));
});

describe('reportArgs', () => {
  it('takes the last of a repeated single-valued flag and collects repeatable ones', () => {
    const a = reportArgs({ snapshot: 's.json', output: ['json', 'markdown'], layer: ['a=a.json', 'b=b.json'], 'reduce-namespace': 'knative-serving' });
    expect(a.format).toBe('markdown');
    expect(a.layers).toEqual([{ name: 'a', path: 'a.json' }, { name: 'b', path: 'b.json' }]);
    expect(a.input.policy).toEqual({ reduceNamespaces: ['knative-serving'] });
  });
  it('leaves policy defaults to the analysis when flags are absent', () => {
    const a = reportArgs({ snapshot: 's.json' });
    expect(a.format).toBe('table');
    expect(a.input.policy).toEqual({});
    expect(a.input.reserved).toEqual({});
    expect(a.input.nodeSize).toBeNull();
  });
});
