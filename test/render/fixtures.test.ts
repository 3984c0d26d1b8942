// The hand-built Report fixtures must be self-consistent, or the goldens would bless wrong numbers:
// each namespace total is the true sum of its components, the overall total the sum of namespaces.
import { describe, expect, it } from 'vitest';
import type { Component } from '../../src/analyze/report-model.js';
import type { R } from '../../src/model/snapshot.js';
import { FIXTURES, loadReportFixture } from './golden.js';

function sum(rs: R[]): R {
  const add = (k: keyof R) => {
    const vs = rs.map((r) => r[k]).filter((v): v is number => v !== null);
    return vs.length ? vs.reduce((a, v) => a + v, 0) : null;
  };
  return { cpuMillicores: add('cpuMillicores'), memoryBytes: add('memoryBytes') };
}

describe.each(FIXTURES)('fixture %s', (name) => {
  const r = loadReportFixture(name);
  it('namespace totals are the sums of their components; totals the sums of namespaces', () => {
    for (const ns of r.namespaces) {
      const cs = r.components.filter((c) => c.namespace === ns.namespace);
      const steady = cs.filter((c: Component) => c.steadyState);
      expect(ns.declared.requests).toEqual(sum(cs.map((c) => c.requests)));
      expect(ns.declared.limits).toEqual(sum(cs.map((c) => c.limits)));
      expect(ns.steadyState.requests).toEqual(sum(steady.map((c) => c.requests)));
      expect(ns.steadyState.limits).toEqual(sum(steady.map((c) => c.limits)));
    }
    expect(r.totals.declared.requests).toEqual(sum(r.namespaces.map((n) => n.declared.requests)));
    expect(r.totals.declared.limits).toEqual(sum(r.namespaces.map((n) => n.declared.limits)));
    expect(r.totals.steadyState.requests).toEqual(sum(r.namespaces.map((n) => n.steadyState.requests)));
  });
});

it('knative-serving sums to the true 730m / 4800m / 500Mi / 4500Mi', () => {
  const ks = loadReportFixture('knative-k0s').namespaces.find((n) => n.namespace === 'knative-serving')!;
  const Mi = 2 ** 20;
  expect(ks.declared).toEqual({
    requests: { cpuMillicores: 730, memoryBytes: 500 * Mi },
    limits: { cpuMillicores: 4800, memoryBytes: 4500 * Mi },
  });
});
