// Knative 1.8 → 1.23 from the release manifests: the true total deltas and the components that
// came and went, in every format, held by golden files (UPDATE_GOLDEN=1 rewrites them).
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareReports } from '../../src/analyze/compare.js';
import { buildReport } from '../../src/analyze/report.js';
import { parseFailRules } from '../../src/analyze/fail-rules.js';
import { renderCompareJson } from '../../src/render/compare-json.js';
import { renderCompareMarkdown } from '../../src/render/compare-markdown.js';
import { renderCompareTable } from '../../src/render/compare-table.js';
import { knativeSnapshot } from './knative.js';

const GOLDEN = join(import.meta.dirname, '..', 'golden', 'compare');
const Mi = 2 ** 20;

function golden(name: string, actual: string): void {
  const path = join(GOLDEN, name);
  if (process.env['UPDATE_GOLDEN'] === '1' || !existsSync(path)) {
    mkdirSync(GOLDEN, { recursive: true });
    writeFileSync(path, actual);
    if (process.env['UPDATE_GOLDEN'] !== '1') throw new Error(`golden file ${name} was missing; written — check it and run again`);
  }
  expect(actual).toBe(readFileSync(path, 'utf8'));
}

describe('Knative 1.8 → 1.23 from release manifests', () => {
  const b = knativeSnapshot('v1.8');
  const a = knativeSnapshot('v1.23');
  const nodeSize = { cpuMillicores: 1000, memoryBytes: 2048 * Mi };
  const report = (snapshot: typeof b) => buildReport({ snapshot, nodeSize, reproduce: [] });
  const rules = parseFailRules(['steadyState.requests.cpu > +10%', 'declared.limits.memory > +1Gi', 'fit == false', 'observed.pods.memory > +5%']);
  const cmp = compareReports(
    { report: report(b), label: 'knative-v1.8.json', snapshot: b },
    { report: report(a), label: 'knative-v1.23.json', snapshot: a },
    { rules },
  );

  // Sums of the manifests' requests and limits (one replica each; Kourier sets none in v1.8):
  // v1.8 requests activator 300m/60Mi, autoscaler 100m/100Mi, autoscaler-hpa 30m/40Mi,
  // controller 100m/100Mi, default-domain Job 100m/100Mi, domain-mapping 30m/40Mi,
  // domainmapping-webhook 100m/100Mi, webhook 100m/100Mi = 860m/640Mi.
  // v1.23: no domain-mapping pair; net-kourier-controller and 3scale-kourier-gateway 200m/200Mi each
  // = 860 − 130 + 400 = 1130m, 640 − 140 + 400 = 900Mi.
  it('has the true total deltas', () => {
    expect(cmp.totals.declared.requests).toEqual({
      cpuMillicores: { before: 860, after: 1130, delta: 270 },
      memoryBytes: { before: 640 * Mi, after: 900 * Mi, delta: 260 * Mi },
    });
    // Steady state leaves out the default-domain Job (100m/100Mi, limits 1/1000Mi).
    expect(cmp.totals.steadyState.requests).toEqual({
      cpuMillicores: { before: 760, after: 1030, delta: 270 },
      memoryBytes: { before: 540 * Mi, after: 800 * Mi, delta: 260 * Mi },
    });
    // Limits: v1.8 5600m/5400Mi; v1.23 drops 300m+500m / 400Mi+500Mi and adds 1/500Mi + 1/800Mi.
    expect(cmp.totals.declared.limits).toEqual({
      cpuMillicores: { before: 5600, after: 6800, delta: 1200 },
      memoryBytes: { before: 5400 * Mi, after: 5800 * Mi, delta: 400 * Mi },
    });
    expect(cmp.totals.observed.pods.memoryBytes).toEqual({ before: null, after: null, delta: null });
  });

  it('shows the components that came, went and changed', () => {
    expect(cmp.components.map((c) => `${c.change} ${c.namespace}/${c.name}`)).toEqual([
      'removed knative-serving/domain-mapping',
      'removed knative-serving/domainmapping-webhook',
      'changed knative-serving/net-kourier-controller',
      'changed kourier-system/3scale-kourier-gateway',
    ]);
    expect(cmp.summary).toEqual({ added: 0, removed: 2, changed: 2, unchanged: 6 });
    const gateway = cmp.components.find((c) => c.name === '3scale-kourier-gateway')!;
    expect(gateway.containers).toEqual([
      {
        name: 'kourier-gateway', type: 'app', change: 'changed',
        resources: [
          { resource: 'requests.cpu', before: null, after: 200, delta: null },
          { resource: 'requests.memory', before: null, after: 200 * Mi, delta: null },
          { resource: 'limits.cpu', before: null, after: 1000, delta: null },
          { resource: 'limits.memory', before: null, after: 800 * Mi, delta: null },
        ],
      },
    ]);
  });

  it('gates: grew > 10 % CPU and stops fitting a 1-CPU node; usage rules are not checkable', () => {
    expect(cmp.fit.fits).toEqual({ before: true, after: false });
    expect(cmp.violations.map((v) => v.rule)).toEqual(['steadyState.requests.cpu > +10%', 'fit == false']);
    expect(cmp.unevaluated.map((u) => u.rule)).toEqual(['observed.pods.memory > +5%']);
  });

  it('renders the table', () => golden('knative-1.8-1.23.txt', renderCompareTable(cmp, { color: false })));
  it('renders markdown', () => golden('knative-1.8-1.23.md', renderCompareMarkdown(cmp)));
  it('renders json', () => golden('knative-1.8-1.23.json', renderCompareJson(cmp)));
  it('renders --all', () => {
    const all = compareReports({ report: report(b), label: 'knative-v1.8.json', snapshot: b }, { report: report(a), label: 'knative-v1.23.json', snapshot: a }, { all: true });
    golden('knative-1.8-1.23-all.txt', renderCompareTable(all, { color: false }));
  });
});
