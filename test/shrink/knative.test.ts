// The real Knative Serving v1.23 + Kourier release manifests shrunk at 0.5, in both formats:
// only the scaled values differ from the input, and `kubectl kustomize` renders the kustomization
// to exactly the objects of the yaml output.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { parseCpuMillicores, parseMemoryBytes } from '../../src/quantity.js';
import { runCli, kubectlAvailable, ROOT } from '../helpers/cli.js';

const DIR = 'test/fixtures/shrink/knative/v1.23';
const FILES = readdirSync(join(ROOT, DIR)).filter((f) => f.endsWith('.yaml')).sort();
const INPUT = FILES.map((f) => readFileSync(join(ROOT, DIR, f), 'utf8'))
  .map((t) => (t.endsWith('\n') ? t : t + '\n'))
  .join('---\n');
const WORKLOADS = new Set(['Deployment', 'Job']);

type Obj = Record<string, any>;

function objects(text: string): Obj[] {
  return parseAllDocuments(text)
    .map((d) => d.toJS() as Obj | null)
    .filter((o): o is Obj => o !== null);
}

function id(o: Obj): string {
  return `${o.apiVersion}/${o.kind}/${o.metadata?.namespace ?? ''}/${o.metadata?.name}`;
}

function containersOf(o: Obj): Obj[] {
  const spec = o.spec?.template?.spec;
  return WORKLOADS.has(o.kind) && spec ? [...(spec.initContainers ?? []), ...spec.containers] : [];
}

/** A deep copy without the resources of workload containers. */
function stripped(o: Obj): Obj {
  const copy = structuredClone(o);
  for (const c of containersOf(copy)) delete c.resources;
  return copy;
}

function byId(list: Obj[]): Map<string, Obj> {
  return new Map(list.map((o) => [id(o), o]));
}

function kustomize(dir: string, cacheDir: string): string {
  const r = spawnSync('kubectl', ['kustomize', dir, '--cache-dir', cacheDir], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`kubectl kustomize failed: ${r.stderr}`);
  return r.stdout;
}

let tmp = '';
let yamlOut = '';
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'shrink-knative-'));
  const r = runCli(['shrink', '-f', DIR, '--factor', '0.5']);
  expect(r.code, r.stderr).toBe(0);
  yamlOut = r.stdout;
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('shrink of Knative v1.23 at 0.5', () => {
  it('yaml: the objects differ from the input only in container resources', () => {
    const before = objects(INPUT);
    const after = objects(yamlOut);
    expect(after.map(id)).toEqual(before.map(id));
    expect(after.map(stripped)).toEqual(before.map(stripped));
  });

  it('yaml: every declared cpu/memory value is halved, rounded up (whole m / whole Mi)', () => {
    const before = byId(objects(INPUT));
    let checked = 0;
    for (const o of objects(yamlOut)) {
      const was = containersOf(before.get(id(o))!);
      containersOf(o).forEach((c, i) => {
        for (const section of ['requests', 'limits']) {
          for (const res of ['cpu', 'memory']) {
            const b = was[i]!.resources?.[section]?.[res];
            const a = c.resources?.[section]?.[res];
            if (b === undefined) {
              expect(a).toBeUndefined();
              continue;
            }
            if (res === 'cpu') expect(parseCpuMillicores(String(a))).toBe(Math.ceil(parseCpuMillicores(String(b)) / 2));
            else expect(parseMemoryBytes(String(a))).toBe(Math.ceil(parseMemoryBytes(String(b)) / 2 / 2 ** 20) * 2 ** 20);
            checked++;
          }
        }
      });
    }
    // 7 Deployments + 1 Job, each with cpu and memory requests and limits
    expect(checked).toBe(32);
  });

  it('yaml: bytes outside the changed values are the input bytes', () => {
    const a = INPUT.split('\n');
    const b = yamlOut.split('\n');
    expect(b.length).toBe(a.length);
    const changed = a.filter((line, i) => line !== b[i]);
    expect(changed.length).toBe(32);
    for (const line of changed) expect(line).toMatch(/^\s+(cpu|memory): \S+$/);
  });

  it.skipIf(!kubectlAvailable())('kustomize: kubectl kustomize renders the same objects as the yaml output', () => {
    const out = join(tmp, 'k');
    const r = runCli(['shrink', '-f', DIR, '--factor', '0.5', '--format', 'kustomize', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    const rendered = byId(objects(kustomize(out, join(tmp, 'cache'))));
    const expected = byId(objects(yamlOut));
    expect([...rendered.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [k, o] of expected) expect(rendered.get(k), k).toEqual(o);
  });

  it('--include-config: config-deployment gets the scaled queue-proxy CPU request as a real key, nothing else changes', () => {
    const r = runCli(['shrink', '-f', DIR, '--factor', '0.5', '--include-config']);
    expect(r.code, r.stderr).toBe(0);
    const before = byId(objects(INPUT));
    const after = objects(r.stdout);
    for (const o of after) {
      const b = before.get(id(o))!;
      if (o.kind === 'ConfigMap' && o.metadata.name === 'config-deployment') {
        const { ['queue-sidecar-cpu-request']: added, ...rest } = o.data;
        expect(added).toBe('13m');
        expect(rest).toEqual(b.data); // _example and the checksum annotation untouched
        expect(o.metadata).toEqual(b.metadata);
      } else {
        expect(stripped(o)).toEqual(stripped(b));
      }
    }
    expect(r.stderr).toMatch(/queue-sidecar-cpu-request.*unset \(default 25m\).*13m/);
    expect(r.stderr).toMatch(/queue-sidecar-memory-request is not set/);
  });

  it.skipIf(!kubectlAvailable())('--include-config: kustomize renders the same as yaml', () => {
    const out = join(tmp, 'kc');
    const y = runCli(['shrink', '-f', DIR, '--factor', '0.5', '--include-config']);
    const r = runCli(['shrink', '-f', DIR, '--factor', '0.5', '--include-config', '--format', 'kustomize', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    const rendered = byId(objects(kustomize(out, join(tmp, 'cache'))));
    for (const o of objects(y.stdout)) expect(rendered.get(id(o)), id(o)).toEqual(o);
  });

  it('without --include-config the summary says queue-proxy is not scaled and how to scale it', () => {
    const r = runCli(['shrink', '-f', DIR, '--factor', '0.5', '-o', 'json']);
    const s = JSON.parse(r.stdout);
    expect(s.knativeConfig.included).toBe(false);
    expect(s.knativeConfig.explanation.join(' ')).toMatch(/NOT scaled.*--include-config/);
    expect(s.totals.before.requests).toEqual({ cpuMillicores: 1130, memoryBytes: 900 * 2 ** 20 });
    expect(s.totals.after.requests).toEqual({ cpuMillicores: 565, memoryBytes: 450 * 2 ** 20 });
    expect(r.stderr).toMatch(/queue-proxy is NOT scaled/);
  });

  it('a snapshot taken from the shrunk manifests holds the requests the summary reports after', () => {
    const dir = join(tmp, 'per-file') + '/';
    const r = runCli(['shrink', '-f', DIR, '--factor', '0.5', '--out', dir, '-o', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const after = JSON.parse(r.stdout).totals.after;
    const snap = runCli(['snapshot', '--from', dir]);
    expect(snap.code, snap.stderr).toBe(0);
    const pods = JSON.parse(snap.stdout).pods as Array<{ containers: Array<{ requests: { cpuMillicores: number | null; memoryBytes: number | null } }> }>;
    const sum = (k: 'cpuMillicores' | 'memoryBytes') => pods.flatMap((p) => p.containers).reduce((n, c) => n + (c.requests[k] ?? 0), 0);
    expect(pods.length).toBe(8); // 7 Deployments with one replica each + the default-domain Job
    expect({ cpuMillicores: sum('cpuMillicores'), memoryBytes: sum('memoryBytes') }).toEqual(after.requests);
  });
});
