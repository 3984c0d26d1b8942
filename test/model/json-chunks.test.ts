import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { jsonChunks } from '../../src/model/json-chunks.js';

const expected = (doc: unknown): string => JSON.stringify(doc, null, 2) + '\n';
const joined = (doc: Record<string, unknown>): string => [...jsonChunks(doc)].join('');

describe('jsonChunks', () => {
  it.each([
    ['empty object', {}],
    ['empty arrays and objects', { pods: [], nodes: {}, notes: [] }],
    ['nested arrays', { pods: [[1, [2, []]], { a: [{}] }], x: 'a\nb' }],
    ['undefined and functions left out, as null in arrays', { a: undefined, b: () => 1, c: [undefined, () => 1, 3], d: null }],
    ['strings with line breaks and quotes', { s: ['line\n  "two"', '\u2028'] }],
  ])('writes %s as JSON.stringify(doc, null, 2) does', (_name, doc) => {
    expect(joined(doc as Record<string, unknown>)).toBe(expected(doc));
  });

  it('matches JSON.stringify on random documents', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (doc) => {
        expect(joined(doc)).toBe(expected(doc));
      }),
      { numRuns: 300 },
    );
  });

  it('matches on the sample snapshot and hands out several chunks for a large one', () => {
    const sample = JSON.parse(readFileSync('test/fixtures/kubectl/pods-knative.json', 'utf8').toString()) as Record<string, unknown>;
    expect(joined(sample)).toBe(expected(sample));
    const pods = Array.from({ length: 3000 }, (_, i) => ({ namespace: 'ns', name: `pod-${i}`, containers: [{ name: 'c', usage: null }] }));
    const chunks = [...jsonChunks({ pods })];
    expect(chunks.length).toBeGreaterThan(3);
    expect(chunks.join('')).toBe(expected({ pods }));
  });
});
