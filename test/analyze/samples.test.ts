// The analysis on the bundled samples of the reference, imported as `edge-profile snapshot
// --from` would: bare OS, + k0s, + Knative (captures and the v1.8 manifests it installed).
import { describe, expect, it } from 'vitest';
import { readInputs } from '../../src/collect/read-inputs.js';
import { detectAndImport } from '../../src/collect/import/detect.js';
import { mergeImports } from '../../src/collect/import/merge.js';
import { defaultRegistry } from '../../src/collect/import/registry.js';
import { buildReport } from '../../src/analyze/report.js';

const MI = 2 ** 20;
const dir = (d: string) => new URL(`../../samples/knative-k0s/${d}`, import.meta.url).pathname;
async function load(...dirs: string[]) {
  const { inputs } = detectAndImport(await readInputs(dirs.map(dir)), defaultRegistry);
  return mergeImports(inputs, '2023-03-18T00:00:00.000Z');
}

describe('samples/knative-k0s', async () => {
  const bare = await load('1-base-os');
  const k0s = await load('2-k0s');
  const knative = await load('3-knative', 'manifests');
  const report = buildReport({
    snapshot: knative,
    layers: [
      { name: 'bare OS', snapshot: bare },
      { name: '+ k0s', snapshot: k0s },
      { name: '+ Knative', snapshot: knative },
    ],
    distro: 'k0s',
    nodeSize: { cpuMillicores: 1000, memoryBytes: 1500 * MI },
    reproduce: [],
  });

  it('shows the true totals of the captures', () => {
    const ks = report.namespaces.find((n) => n.namespace === 'knative-serving')!;
    expect(ks.declared.requests).toEqual({ cpuMillicores: 730, memoryBytes: 500 * MI });
    expect(ks.declared.limits).toEqual({ cpuMillicores: 4800, memoryBytes: 4500 * MI });
    expect(report.components.find((c) => c.name === 'default-domain')).toMatchObject({ kind: 'Job', steadyState: false });
  });

  it('attributes memory to the layers: bare OS 170 MiB, k0s +388 MiB', () => {
    expect(report.layers!.map((l) => l.memoryUsedBytes! / MI)).toEqual([170, 558, 1341]);
    expect(report.layers![1]!.deltaMemoryBytes).toBe(388 * MI);
  });

  it('predicts Pending at the defaults and a clean fit at the recommended factor', () => {
    expect(report.fit!.pending.map((p) => [p.name, p.reason])).toEqual([
      // the reference's "some pods didn't come up due to insufficient CPU": k0s's 360m + Knative's
      // 630m steady state leave 10m, too little for the hello Service (queue-proxy 25m) and the Job
      ['hello-00001-deployment-66ddff5b59-jbn6x', 'Insufficient cpu: needs 25m, 10m free'],
      ['default-domain-nwbhr', 'Insufficient cpu: needs 100m, 10m free'],
    ]);
    const { value, min, max } = report.recommendation.reductionFactor;
    expect([min, value, max]).toEqual([0.41, 0.8, 0.84]);
    const cut = buildReport({ snapshot: knative, distro: 'k0s', nodeSize: { cpuMillicores: 1000, memoryBytes: 1500 * MI }, policy: { reduceFactor: value }, reproduce: [] });
    expect(cut.fit!.fits).toBe(true);
  });
});
