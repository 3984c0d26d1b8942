import { describe, expect, it } from 'vitest';
import type { ComparedSide } from '../../src/analyze/compare-model.js';
import { sideText } from '../../src/render/compare-rows.js';

const side = (namespaces: string[], pods = 3): ComparedSide => ({ label: 'b.json', takenAt: '2026-01-01T00:00:00Z', source: 'x', sourceType: 'live', namespaces, pods });

describe('sideText: the heading line of a compared snapshot', () => {
  it.each([
    [[], 'BASELINE (live, 3 pods)'],
    [['default'], 'BASELINE (live, 3 pods in default)'],
    [['a', 'b', 'c', 'd', 'e'], 'BASELINE (live, 3 pods in a, b, c, d, e)'],
    [['a', 'b', 'c', 'd', 'e', 'f'], 'BASELINE (live, 3 pods in a, b, c, d, e and 1 more namespace)'],
    [Array.from({ length: 961 }, (_, i) => `ns-${i}`), 'BASELINE (live, 3 pods in ns-0, ns-1, ns-2, ns-3, ns-4 and 956 more namespaces)'],
  ])('%j', (namespaces, want) => {
    expect(sideText('BASELINE', side(namespaces as string[]))).toBe(want);
  });
});
