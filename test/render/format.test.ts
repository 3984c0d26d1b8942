import { describe, expect, it } from 'vitest';
import * as f from '../../src/render/format.js';

const Mi = 2 ** 20;

describe('format', () => {
  it.each([
    [860, '860m'],
    [1000, '1'],
    [4800, '4800m'],
    [0, '0'],
    [33.4, '33m'],
    [null, 'not set'],
  ])('cpu(%s) = %s', (v, want) => expect(f.cpu(v)).toBe(want));

  it.each([
    [640 * Mi, '640Mi'],
    [1.5 * 2 ** 30, '1.5Gi'],
    [30_000_000, '30M'],
    [120_177_536, '~114.6Mi'], // 70Mi + 16Mi + 30M: no exact short form
    [461_192 * 1024, '~450.4Mi'], // exact as 461192Ki, unreadable
    [0, '0'],
    [512, '512'],
    [null, 'not set'],
  ])('memory(%s) = %s', (v, want) => expect(f.memory(v)).toBe(want));

  it('shows missing usage with the given mark, never 0', () => {
    expect(f.cpu(null, f.NOT_OBSERVED)).toBe('—');
    expect(f.memory(null, f.NOT_OBSERVED)).toBe('—');
  });

  it.each([
    [{ cpuMillicores: 1000, memoryBytes: 1500 * Mi }, '1 CPU, 1500Mi'],
    [{ cpuMillicores: 1500, memoryBytes: 1536 * Mi }, '1.5 CPU, 1.5Gi'],
    [{ cpuMillicores: 250, memoryBytes: null }, '0.25 CPU, memory unknown'],
    [{ cpuMillicores: null, memoryBytes: 2 ** 30 }, 'CPU unknown, 1Gi'],
    [{ cpuMillicores: null, memoryBytes: null }, 'unknown'],
  ])('nodeSize(%o) = %s', (r, want) => expect(f.nodeSize(r)).toBe(want));

  it.each([
    [1341, 1894, '71%'],
    [1, 1000, '<1%'],
    [0, 1000, '0%'],
    [5, 0, '—'],
    [null, 10, '—'],
    [10, null, '—'],
  ])('percent(%s, %s) = %s', (a, b, want) => expect(f.percent(a, b)).toBe(want));

  it.each([
    [18, '+18m'],
    [-1000, '-1'],
    [0, '0'],
    [null, '—'],
  ])('deltaCpu(%s) = %s', (v, want) => expect(f.deltaCpu(v)).toBe(want));

  it.each([
    [388 * Mi, '+388Mi'],
    [-120_177_536, '~-114.6Mi'],
    [null, '—'],
  ])('deltaMemory(%s) = %s', (v, want) => expect(f.deltaMemory(v)).toBe(want));

  it.each([
    [0.5, '0.5'],
    [0.3949, '0.39'],
    [1, '1'],
    [null, '—'],
  ])('factor(%s) = %s', (v, want) => expect(f.factor(v)).toBe(want));

  it.each([
    ['730m', 0, '730m'],
    ['730m', 1, '730m (1 not set)'],
  ])('withUnset(%s, %s) = %s', (t, n, want) => expect(f.withUnset(t, n)).toBe(want));

  it('mebibytes keeps one decimal', () => {
    expect(f.mebibytes(1341 * Mi)).toBe(1341);
    expect(f.mebibytes(120_177_536)).toBe(114.6);
  });
});
