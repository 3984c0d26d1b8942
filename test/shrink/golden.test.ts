// Golden files for a small commented manifest: the edited YAML (comments, quoting, flow maps,
// blank lines and separators survive), the stderr table, -o json, -o markdown and the
// kustomization. UPDATE_GOLDEN=1 rewrites them; review the diff before committing.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { runCli, kubectlAvailable, ROOT } from '../helpers/cli.js';

const INPUT = 'test/fixtures/shrink/commented.yaml';
const GOLDEN = join(ROOT, 'test/golden/shrink');

function golden(name: string, actual: string): void {
  const path = join(GOLDEN, name);
  if (process.env['UPDATE_GOLDEN'] || !existsSync(path)) writeFileSync(path, actual);
  expect(actual).toBe(readFileSync(path, 'utf8'));
}

/** Objects of a YAML stream with every container's resources removed. */
function withoutResources(text: string): unknown[] {
  const strip = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(strip);
    if (v && typeof v === 'object') {
      return Object.fromEntries(Object.entries(v).filter(([k]) => k !== 'resources' || !('image' in v)).map(([k, x]) => [k, strip(x)]));
    }
    return v;
  };
  return parseAllDocuments(text).map((d) => strip(d.toJS())).filter((o) => o !== null);
}

let tmp = '';
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'shrink-golden-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('shrink of a commented manifest (golden)', () => {
  it('yaml output: only the scaled values change, byte for byte elsewhere', () => {
    const r = runCli(['shrink', '-f', INPUT, '--factor', '0.5']);
    expect(r.code).toBe(0);
    golden('commented.0.5.yaml', r.stdout);
    golden('commented.0.5.stderr.txt', r.stderr);
    const input = readFileSync(join(ROOT, INPUT), 'utf8');
    expect(withoutResources(r.stdout)).toEqual(withoutResources(input));
    // every line that differs holds a cpu or memory value
    const a = input.split('\n');
    const b = r.stdout.split('\n');
    expect(b.length).toBe(a.length);
    const changed = a.filter((line, i) => line !== b[i]);
    expect(changed.length).toBe(16);
    for (const line of changed) expect(line).toMatch(/cpu|memory/);
  });

  it('-o json and -o markdown summaries', () => {
    const json = runCli(['shrink', '-f', INPUT, '--factor', '0.5', '-o', 'json']);
    expect(json.code).toBe(0);
    golden('commented.0.5.summary.json', json.stdout);
    const parsed = JSON.parse(json.stdout);
    expect(parsed.kind).toBe('ShrinkSummary');
    expect(parsed.totals.before.requests.cpuMillicores).toBe(250 + 50 + 1000 + 1 + 500 + 100);
    expect(parsed.totals.after.requests.cpuMillicores).toBe(125 + 25 + 500 + 1 + 250 + 50);
    const md = runCli(['shrink', '-f', INPUT, '--factor', '0.5', '-o', 'markdown']);
    expect(md.code).toBe(0);
    golden('commented.0.5.summary.md', md.stdout);
  });

  it('kustomization', () => {
    const out = join(tmp, 'k');
    const r = runCli(['shrink', '-f', INPUT, '--factor', '0.5', '--format', 'kustomize', '--out', out]);
    expect(r.code).toBe(0);
    golden('commented.0.5.kustomization.yaml', readFileSync(join(out, 'kustomization.yaml'), 'utf8'));
    // the upstream file is copied unchanged
    expect(readFileSync(join(out, 'upstream', 'commented.yaml'), 'utf8')).toBe(readFileSync(join(ROOT, INPUT), 'utf8'));
  });

  it.skipIf(!kubectlAvailable())('kubectl kustomize renders the kustomization to the yaml output', () => {
    const out = join(tmp, 'k2');
    expect(runCli(['shrink', '-f', INPUT, '--factor', '0.5', '--format', 'kustomize', '--out', out]).code).toBe(0);
    const k = spawnSync('kubectl', ['kustomize', out, '--cache-dir', join(tmp, 'cache')], { encoding: 'utf8' });
    expect(k.status, k.stderr).toBe(0);
    const key = (o: any) => `${o.apiVersion}/${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`;
    const sorted = (t: string) => parseAllDocuments(t).map((d) => d.toJS()).filter(Boolean).sort((a, b) => key(a).localeCompare(key(b)));
    expect(sorted(k.stdout)).toEqual(sorted(runCli(['shrink', '-f', INPUT, '--factor', '0.5']).stdout));
  });
});
