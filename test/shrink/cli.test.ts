// The shrink command spawned as users run it: exit codes, --out/--force, --report, --snapshot floors, filters.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const INPUT = 'test/fixtures/shrink/commented.yaml';
const KNATIVE = 'test/fixtures/shrink/knative/v1.23';
let tmp = '';

function file(name: string, text: string): string {
  const p = join(tmp, name);
  writeFileSync(p, text);
  return p;
}

const report = (value: unknown) =>
  JSON.stringify({ apiVersion: 'edge-profile/v1', kind: 'Report', recommendation: { reductionFactor: { value, min: null, max: null }, reasons: ['memory is the bottleneck'] } });

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'shrink-cli-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('exit 2: usage', () => {
  it.each([
    [['--factor', '0']],
    [['--factor', '1.5']],
    [['--factor', '-0.5']],
    [['--factor', 'half']],
    [[]], // neither --factor nor --report
    [['--factor', '0.5', '--report', 'r.json']], // both
    [['--factor', '0.5', '--format', 'kustomize']], // kustomize needs --out
    [['--factor', '0.5', '--format', 'helm']],
    [['--factor', '0.5', '--force']],
    [['--factor', '0.5', '--headroom', 'lots']],
  ])('shrink -f commented.yaml %j', (args) => {
    const r = runCli(['shrink', '-f', INPUT, ...args]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^error: /);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('names the factor rule', () => {
    expect(runCli(['shrink', '-f', INPUT, '--factor', '2']).stderr).toMatch(/0 < F ≤ 1/);
  });

  it('shrink without -f', () => {
    expect(runCli(['shrink', '--factor', '0.5']).code).toBe(2);
  });
});

describe('exit 4: bad input, naming file:line', () => {
  it('unreadable manifest', () => {
    const r = runCli(['shrink', '-f', join(tmp, 'nope.yaml'), '--factor', '0.5']);
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/nope\.yaml: cannot read \(ENOENT\)/);
  });

  it('malformed YAML', () => {
    const p = file('bad.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n  labels: {a: b\n---\n');
    const r = runCli(['shrink', '-f', p, '--factor', '0.5']);
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/bad\.yaml:\d+: malformed YAML/);
  });

  it('malformed quantity', () => {
    const p = file('q.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  containers:\n  - name: a\n    resources:\n      requests:\n        cpu: 12x\n');
    const r = runCli(['shrink', '-f', p, '--factor', '0.5']);
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/q\.yaml:10: malformed quantity "12x"/);
  });

  it('malformed report JSON', () => {
    const p = file('r.json', '{\n  "kind": "Report",\n  "recommendation": {,\n}\n');
    const r = runCli(['shrink', '-f', INPUT, '--report', p]);
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/r\.json: truncated or malformed JSON at line 3 column 22 \(/);
  });

  it('a report with no factor, or not a report', () => {
    const r = runCli(['shrink', '-f', INPUT, '--report', file('r0.json', report(null))]);
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/no reduction factor \(memory is the bottleneck\)/);
    const s = runCli(['shrink', '-f', INPUT, '--report', file('snap.json', JSON.stringify({ apiVersion: 'edge-profile/v1', kind: 'Snapshot', pods: [] }))]);
    expect(s.code).toBe(4);
    expect(s.stderr).toMatch(/not an edge-profile Report/);
  });

  it('a malformed snapshot', () => {
    const r = runCli(['shrink', '-f', INPUT, '--factor', '0.5', '--snapshot', file('s.json', '{"apiVersion":"edge-profile/v1","kind":"Snapshot","pods":[{"name":1}]}')]);
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/s\.json: takenAt is missing/); // validated by src/model/load.ts
  });
});

describe('factor from a report', () => {
  it('uses recommendation.reductionFactor.value', () => {
    const viaReport = runCli(['shrink', '-f', INPUT, '--report', file('r6.json', report(0.6))]);
    const viaFlag = runCli(['shrink', '-f', INPUT, '--factor', '0.6']);
    expect(viaReport.code).toBe(0);
    expect(viaReport.stdout).toBe(viaFlag.stdout);
    expect(viaReport.stderr).toMatch(/factor 0\.6 \(recommendation of .*r6\.json\)/);
  });
});

describe('--out', () => {
  it('writes the yaml to a file, refuses to replace it without --force, replaces with --force', () => {
    const out = join(tmp, 'out.yaml');
    const first = runCli(['shrink', '-f', INPUT, '--factor', '0.5', '--out', out]);
    expect(first.code).toBe(0);
    expect(first.stdout).toBe('');
    const written = readFileSync(out, 'utf8');
    expect(written).toBe(runCli(['shrink', '-f', INPUT, '--factor', '0.5']).stdout);
    const again = runCli(['shrink', '-f', INPUT, '--factor', '0.25', '--out', out]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already exists; pass --force/);
    expect(readFileSync(out, 'utf8')).toBe(written);
    expect(runCli(['shrink', '-f', INPUT, '--factor', '0.25', '--out', out, '--force']).code).toBe(0);
    expect(readFileSync(out, 'utf8')).not.toBe(written);
    expect(readdirSync(tmp).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('DIR/ writes one file per input under its own name', () => {
    const dir = join(tmp, 'per-file') + '/';
    const r = runCli(['shrink', '-f', KNATIVE, '--factor', '0.5', '--out', dir]);
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['kourier.yaml', 'serving-core.yaml', 'serving-default-domain.yaml', 'serving-hpa.yaml']);
  });

  it('kustomize refuses an existing kustomization.yaml without --force', () => {
    const dir = join(tmp, 'kz');
    mkdirSync(dir);
    writeFileSync(join(dir, 'kustomization.yaml'), 'mine\n');
    const r = runCli(['shrink', '-f', INPUT, '--factor', '0.5', '--format', 'kustomize', '--out', dir]);
    expect(r.code).toBe(2);
    expect(readFileSync(join(dir, 'kustomization.yaml'), 'utf8')).toBe('mine\n');
    expect(existsSync(join(dir, 'upstream'))).toBe(false); // all-or-nothing
  });

  it('-o json with --out: manifests to the file, summary to stdout', () => {
    const out = join(tmp, 'j.yaml');
    const r = runCli(['shrink', '-f', INPUT, '--factor', '0.5', '--out', out, '-o', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).kind).toBe('ShrinkSummary');
    expect(readFileSync(out, 'utf8')).toMatch(/cpu: 500m/);
  });
});

describe('filters', () => {
  it.each([
    [['--kind', 'cronjob'], ['nightly']],
    [['--name', 'web', '--name', 'debug'], ['web', 'debug']],
    [['--namespace', 'default'], ['hello', 'debug']], // no namespace counts as default
    [['-n', 'shop', '--kind', 'Deployment'], ['web']],
  ])('%j touches only %j', (args, names) => {
    const r = runCli(['shrink', '-f', INPUT, '--factor', '0.5', '-o', 'json', ...args]);
    expect(r.code).toBe(0);
    const touched = new Set(JSON.parse(r.stdout).changes.map((c: { object: { name: string } }) => c.object.name));
    expect([...touched].sort()).toEqual([...names].sort());
  });

  it('warns when nothing matches', () => {
    const r = runCli(['shrink', '-f', INPUT, '--factor', '0.5', '--name', 'nothing']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/warning: no workload container in the input matches the filters/);
  });
});

describe('--snapshot floors', () => {
  const mi = 2 ** 20;
  const snapshot = {
    apiVersion: 'edge-profile/v1',
    kind: 'Snapshot',
    takenAt: '2026-01-01T00:00:00Z',
    source: { type: 'import' },
    nodes: [],
    host: null,
    notes: [],
    pods: [
      {
        namespace: 'knative-serving',
        name: 'activator-7499d967fc-2npcf',
        phase: 'Running',
        nodeName: 'edge',
        owner: { kind: 'ReplicaSet', name: 'activator-7499d967fc' },
        containers: [
          {
            name: 'activator',
            type: 'app',
            requests: { cpuMillicores: 300, memoryBytes: 60 * mi },
            limits: { cpuMillicores: 1000, memoryBytes: 600 * mi },
            usage: { cpuMillicores: 200, memoryBytes: 40 * mi },
          },
        ],
        usage: null,
      },
    ],
    samples: [
      {
        takenAt: null,
        host: null,
        nodes: {},
        pods: { 'knative-serving/activator-7499d967fc-2npcf': { usage: null, containers: { activator: { cpuMillicores: 250, memoryBytes: 300 * mi } } } },
      },
    ],
  };

  it('floors requests at usage + headroom and the memory limit at the peak + headroom, and reports each', () => {
    const snap = file('snap-ok.json', JSON.stringify(snapshot));
    const r = runCli(['shrink', '-f', KNATIVE, '--factor', '0.25', '--snapshot', snap, '--name', 'activator', '-o', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const s = JSON.parse(r.stdout);
    const get = (section: string, resource: string) => s.changes.find((c: any) => c.section === section && c.resource === resource);
    // cpu request: 300m × 0.25 = 75m < 200m × 1.15 = 230m
    expect(get('requests', 'cpu')).toMatchObject({ before: '300m', after: '230m', floor: { basis: 'usage', observedAmount: 200, floorAmount: 230 } });
    // memory request: 15Mi < 40Mi × 1.15 = 46Mi
    expect(get('requests', 'memory')).toMatchObject({ before: '60Mi', after: '46Mi', floor: { basis: 'usage' } });
    // memory limit: 150Mi < peak 300Mi × 1.15 = 345Mi
    expect(get('limits', 'memory')).toMatchObject({ before: '600Mi', after: '345Mi', floor: { basis: 'peak', observedAmount: 300 * mi } });
    // cpu limit: not floored
    expect(get('limits', 'cpu')).toMatchObject({ before: '1000m', after: '250m', floor: null });
    const table = runCli(['shrink', '-f', KNATIVE, '--factor', '0.25', '--snapshot', snap, '--name', 'activator']).stderr;
    expect(table).toMatch(/floored at observed usage \+ headroom \(usage 200m → floor 230m; factor alone gave 75m\)/);
    expect(table).toMatch(/floors from .*snap-ok\.json \(observed \+ 15%\)/);
  });

  it('--headroom changes the floor', () => {
    const snap = file('snap-h.json', JSON.stringify(snapshot));
    const r = runCli(['shrink', '-f', KNATIVE, '--factor', '0.25', '--snapshot', snap, '--name', 'activator', '--headroom', '50', '-o', 'json']);
    const cpu = JSON.parse(r.stdout).changes.find((c: any) => c.section === 'requests' && c.resource === 'cpu');
    expect(cpu.after).toBe('300m'); // 200m × 1.5 = 300m: not reduced
    expect(cpu.changed).toBe(false);
  });
});
