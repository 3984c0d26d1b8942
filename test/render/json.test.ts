import { describe, expect, it } from 'vitest';
import { canonical, renderJson } from '../../src/render/json.js';
import type { Report } from '../../src/analyze/report-model.js';
import { loadReportFixture } from './golden.js';

/** The same value with every object's keys in reverse order. */
function reversed(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(reversed);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).reverse().map(([k, x]) => [k, reversed(x)]));
  return v;
}

describe('renderJson', () => {
  const report = loadReportFixture('knative-k0s');

  it('gives the same bytes whatever order the keys were built in', () => {
    expect(renderJson(reversed(report) as Report)).toBe(renderJson(report));
  });

  it('puts the contract keys first in the contract order', () => {
    const keys = Object.keys(JSON.parse(renderJson(report)));
    expect(keys.slice(0, 6)).toEqual(['apiVersion', 'kind', 'totals', 'components', 'recommendation', 'fit']);
    const r = JSON.parse(renderJson(report)).totals.declared.requests;
    expect(Object.keys(r)).toEqual(['cpuMillicores', 'memoryBytes']);
  });

  it('places unknown (additive) keys after known ones, alphabetically', () => {
    expect(Object.keys(canonical({ zeta: 1, alpha: 2, kind: 'Report', apiVersion: 'v' }) as object)).toEqual(['apiVersion', 'kind', 'alpha', 'zeta']);
  });

  it('keeps null (unknown) and refuses NaN/Infinity instead of writing null for them', () => {
    expect(canonical({ a: null })).toEqual({ a: null });
    expect(() => canonical({ totals: { x: Number.NaN } })).toThrow('non-finite number (NaN) at $.totals.x');
    expect(() => canonical({ y: [1, Infinity] })).toThrow('at $.y[1]');
  });
});
