import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compareKeys, renderJson, stableJson } from '../../src/render/json.js';
import type { Report } from '../../src/analyze/report-model.js';
import { loadReportFixture } from './golden.js';

/** The same value with every object's keys in reverse order. */
function reversed(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(reversed);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).reverse().map(([k, x]) => [k, reversed(x)]));
  return v;
}

/** The rule stated plainly: a reordered copy, then JSON.stringify (what stableJson must equal byte for byte). */
function reference(v: unknown): string {
  const reorder = (x: unknown): unknown => {
    if (Array.isArray(x)) return x.map(reorder);
    if (x && typeof x === 'object') {
      return Object.fromEntries(Object.keys(x).sort(compareKeys).map((k) => [k, reorder((x as Record<string, unknown>)[k])]));
    }
    return x;
  };
  return JSON.stringify(reorder(v), null, 2) + '\n';
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
    expect(Object.keys(JSON.parse(stableJson({ zeta: 1, alpha: 2, kind: 'Report', apiVersion: 'v' })))).toEqual(['apiVersion', 'kind', 'alpha', 'zeta']);
  });

  it('writes what JSON.stringify writes for the reordered value, for the report and any JSON value', () => {
    expect(renderJson(report)).toBe(reference(report));
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        expect(stableJson(v)).toBe(reference(v));
      }),
      { numRuns: 500 },
    );
  });

  it('skips undefined object members as JSON.stringify does, and sorts each shape of object the same way', () => {
    expect(stableJson({ b: undefined, a: [] , name: {} })).toBe('{\n  "name": {},\n  "a": []\n}\n');
    expect(stableJson([{ y: 1, x: 2 }, { y: 3, x: 4 }, { x: 5 }])).toBe(reference([{ x: 2, y: 1 }, { x: 4, y: 3 }, { x: 5 }]));
  });

  it('leaves out an undefined member and reorders a nested object inside an object already in order', () => {
    expect(stableJson({ apiVersion: 'v', kind: undefined, totals: { name: 'n', namespace: 's' } })).toBe(
      '{\n  "apiVersion": "v",\n  "totals": {\n    "namespace": "s",\n    "name": "n"\n  }\n}\n',
    );
    expect(stableJson([1, { b: 1, a: 2 }, 3])).toBe('[\n  1,\n  {\n    "a": 2,\n    "b": 1\n  },\n  3\n]\n');
  });

  it('keeps a "__proto__" key as a member (fast-check counterexample, seed -694702393)', () => {
    const v = JSON.parse('[[{"__proto__":0,"":""}]]') as unknown;
    expect(stableJson(v)).toBe(reference(v));
    expect(JSON.parse(stableJson(JSON.parse('{"name":"x","__proto__":{"a":1}}')))).toEqual(JSON.parse('{"name":"x","__proto__":{"a":1}}'));
  });

  it('orders objects right beyond the shapes it remembers (100 shapes with the same first key)', () => {
    const many = Array.from({ length: 100 }, (_, i) => ({ zz: i, [`k${String(i).padStart(3, '0')}`]: 1, name: 'n' }));
    expect(stableJson(many)).toBe(reference(many));
  });

  it('keeps null (unknown) and refuses NaN/Infinity instead of writing null for them, naming where', () => {
    expect(stableJson({ a: null })).toBe('{\n  "a": null\n}\n');
    expect(() => stableJson({ totals: { x: Number.NaN } })).toThrow('report holds a non-finite number (NaN) at $.totals.x');
    expect(() => stableJson({ y: [1, Infinity] })).toThrow('non-finite number (Infinity) at $.y[1]');
    expect(() => stableJson({ y: [{ z: [0, undefined] }] })).toThrow('report holds a undefined at $.y[0].z[1]');
    expect(() => stableJson({ n: 1n })).toThrow('report holds a bigint at $.n');
  });
});
