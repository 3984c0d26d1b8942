// Hand-built Reports for unit tests of the comparison (independent of buildReport).
import type { Component, Report } from '../../src/analyze/report-model.js';
import type { R } from '../../src/model/snapshot.js';

export function r(cpuMillicores: number | null, memoryBytes: number | null): R {
  return { cpuMillicores, memoryBytes };
}

export const Mi = 2 ** 20;
export const Gi = 2 ** 30;

export function component(namespace: string, name: string, requests: R, limits: R = r(null, null), extra: Partial<Component> = {}): Component {
  return { namespace, name, kind: 'Deployment', requests, limits, usage: null, pods: 1, steadyState: true, assumed: false, ...extra };
}

function sum(cs: Component[], pick: (c: Component) => R): R {
  let cpu: number | null = null;
  let mem: number | null = null;
  for (const c of cs) {
    const v = pick(c);
    if (v.cpuMillicores !== null) cpu = (cpu ?? 0) + v.cpuMillicores;
    if (v.memoryBytes !== null) mem = (mem ?? 0) + v.memoryBytes;
  }
  return r(cpu, mem);
}

/** A report whose totals are the sums of its components (steady state = components marked so). */
export function makeReport(components: Component[], over: Partial<Report> = {}): Report {
  const steady = components.filter((c) => c.steadyState);
  const totals = {
    declared: { requests: sum(components, (c) => c.requests), limits: sum(components, (c) => c.limits) },
    steadyState: { requests: sum(steady, (c) => c.requests), limits: sum(steady, (c) => c.limits) },
    observed: { pods: null, nodes: null },
    missing: { containersWithoutCpuRequest: 0, containersWithoutMemoryRequest: 0, containersWithoutCpuLimit: 0, containersWithoutMemoryLimit: 0, podsWithoutUsage: 0 },
  };
  const namespaces = [...new Set(components.map((c) => c.namespace))].sort().map((namespace) => ({
    namespace,
    declared: totals.declared,
    steadyState: totals.steadyState,
    usage: null,
  }));
  return {
    apiVersion: 'edge-profile/v1',
    kind: 'Report',
    snapshot: { takenAt: '2025-01-01T00:00:00Z', source: 'import', pods: components.reduce((n, c) => n + c.pods, 0), containers: 0 },
    policy: { headroomPercent: 20, percentile: 95, nodeSizeRounding: { cpuMillicores: 250, memoryBytes: 256 * Mi }, reduceNamespaces: null, reduceFactor: null, assumedDistro: null, factorStep: 0.01, chosenFactorStep: 0.05 },
    totals,
    namespaces,
    components,
    observed: { pods: null, nodes: null, host: null, outsidePods: null, samples: 0 },
    layers: null,
    fit: null,
    recommendation: { node: r(1000, Gi), reductionFactor: { value: null, min: null, max: null }, bottleneck: null, reasons: [], basis: null, sizes: [],
      bounds: { min: null, max: null }, target: r(1000, Gi), nodeMemoryPeak: { bytes: null, source: null } },
    distro: null,
    nodes: [],
    notes: [],
    reproduce: [],
    ...over,
  };
}
