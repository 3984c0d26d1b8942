// `edge-profile report` as users run it: the built CLI, spawned, colour off, exact output.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectGolden } from '../render/golden.js';
import { runCli } from '../helpers/cli.js';
import { sampleSnapshots } from './report-helper.js';

let dir = '';
beforeAll(() => {
  dir = sampleSnapshots();
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const FIT = ['--assume-distro', 'k0s', '--node-size', 'cpu=1,memory=1500Mi'];
const LAYERS = ['--layer', 'bare OS=bare-os.json', '--layer', 'k0s=k0s.json', '--layer', 'Knative=knative.json'];

describe('report on the reference samples', () => {
  it('-o table (default) matches its golden file, fits 80 columns, no colour when NO_COLOR', () => {
    const r = runCli(['report', 'knative.json', ...LAYERS, ...FIT], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(/\u001b\[/);
    for (const line of r.stdout.split('\n')) expect([...line].length, line).toBeLessThanOrEqual(80);
    expectGolden('cli/knative-k0s.table.txt', r.stdout);
  });

  it('-o json matches its golden file and is the contract\'s Report', () => {
    const r = runCli(['report', 'knative.json', ...LAYERS, ...FIT, '-o', 'json'], { cwd: dir });
    expect(r.code).toBe(0);
    expectGolden('cli/knative-k0s.json', r.stdout);
    const report = JSON.parse(r.stdout);
    expect(Object.keys(report).slice(0, 6)).toEqual(['apiVersion', 'kind', 'totals', 'components', 'recommendation', 'fit']);
    expect(report.kind).toBe('Report');
  });

  it('colours the table when FORCE_COLOR asks for it, and only then', () => {
    const r = runCli(['report', 'knative.json', ...FIT], { cwd: dir, env: { NO_COLOR: '', FORCE_COLOR: '1' } });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/\u001b\[/);
    const plain = runCli(['report', 'knative.json', ...FIT], { cwd: dir });
    expect(r.stdout.replace(/\u001b\[[0-9;]*m/g, '')).toBe(plain.stdout);
  });

  it('--require-fit: exit 1 at the default requests, exit 0 at the recommended factor', () => {
    const fails = runCli(['report', 'knative.json', ...FIT, '--require-fit', '-o', 'json'], { cwd: dir });
    expect(fails.code).toBe(1);
    expect(fails.stderr).toMatch(/^report: --require-fit: does not fit on 1 CPU, 1500Mi: \d+ pods? would stay Pending/);
    const report = JSON.parse(fails.stdout);
    expect(report.fit.pending.length).toBeGreaterThan(0);
    const factor = report.recommendation.reductionFactor.value;
    expect(factor).toBeGreaterThan(0);
    const passes = runCli(['report', 'knative.json', ...FIT, '--require-fit', '--reduce', String(factor), '-o', 'json'], { cwd: dir });
    expect(passes.stderr).toBe('');
    expect(passes.code).toBe(0);
    expect(JSON.parse(passes.stdout).fit.pending).toEqual([]);
  });

  it('lists the commands that reproduce it, and they do', () => {
    const r = runCli(['report', 'knative.json', ...LAYERS, ...FIT, '-o', 'json'], { cwd: dir });
    const reproduce: string[] = JSON.parse(r.stdout).reproduce;
    expect(reproduce.at(-1)).toBe(
      "edge-profile report knative.json \\\n    --layer 'bare OS=bare-os.json' \\\n    --layer k0s=k0s.json \\\n    --layer Knative=knative.json \\\n" +
        '    --assume-distro k0s \\\n    --node-size cpu=1,memory=1500Mi \\\n    -o json',
    );
    expect(reproduce[0]).toMatch(/^edge-profile snapshot .*--from samples\/knative-k0s\/1-base-os\/free-m\.txt/s);
  });

  it('--out writes the file atomically and refuses to replace it without --force', () => {
    const out = join(dir, 'report.md');
    const first = runCli(['report', 'knative.json', '-o', 'markdown', '--out', 'report.md'], { cwd: dir });
    expect(first.code).toBe(0);
    expect(first.stdout).toBe('');
    expect(readFileSync(out, 'utf8')).toMatch(/^# Sizing report\n/);
    writeFileSync(out, 'keep me');
    const again = runCli(['report', 'knative.json', '-o', 'markdown', '--out', 'report.md'], { cwd: dir });
    expect(again.code).toBe(2);
    expect(again.stderr).toBe('error: report.md exists; pass --force to replace it\n');
    expect(readFileSync(out, 'utf8')).toBe('keep me');
    const forced = runCli(['report', 'knative.json', '-o', 'markdown', '--out', 'report.md', '--force'], { cwd: dir });
    expect(forced.code).toBe(0);
    expect(readFileSync(out, 'utf8')).toMatch(/^# Sizing report\n/);
  });
});

describe('report errors', () => {
  it.each([
    [['--node-size', 'cpu=1'], 'error: --node-size: malformed value "cpu=1": give both cpu and memory (cpu=Q,memory=Q, e.g. cpu=1,memory=1500Mi)\n'],
    [['--node-size', 'cpu=1,mem=2Gi'], 'error: --node-size: malformed value "cpu=1,mem=2Gi": unknown resource "mem" (expected cpu=Q,memory=Q, e.g. cpu=1,memory=1500Mi)\n'],
    [['--node-size', 'cpu=1,memory=12x'], 'error: --node-size: malformed value "cpu=1,memory=12x": memory: malformed quantity "12x": unexpected "x" after the number\n'],
    [['--reduce', '1.5'], 'error: --reduce: malformed value "1.5": expected a factor above 0 and at most 1, e.g. 0.5\n'],
    [['--reduce', '0'], 'error: --reduce: malformed value "0": expected a factor above 0 and at most 1, e.g. 0.5\n'],
    [['--headroom', 'lots'], 'error: --headroom: malformed value "lots": expected a percentage from 0 to 1000, e.g. 20\n'],
    [['--percentile', '101'], 'error: --percentile: malformed value "101": expected a percentile above 0 and at most 100, e.g. 95\n'],
    [['--kube-reserved', 'cpu'], 'error: --kube-reserved: malformed value "cpu": "cpu" has no "=" (expected cpu=Q and/or memory=Q, e.g. cpu=100m,memory=256Mi)\n'],
    [['--eviction-hard', 'nodefs.available=10%'], 'error: --eviction-hard: malformed value "nodefs.available=10%": expected memory.available=Q, e.g. memory.available=100Mi\n'],
    [['--layer', 'k0s'], 'error: --layer: malformed value "k0s": expected NAME=SNAPSHOT, e.g. k0s=k0s.json\n'],
    [['-o', 'xml'], 'error: -o: unknown format "xml"; use table, json, markdown\n'],
    [['--assume-distro', 'microk8s'], 'error: --assume-distro: unknown distribution "microk8s"; known: k0s, k3s\n'],
    [['--require-fit'], 'error: --require-fit needs --node-size cpu=Q,memory=Q to check against\n'],
    [['--force'], 'error: --force only applies with --out FILE\n'],
  ])('%j → exit 2 naming the flag and value', (flags, message) => {
    const r = runCli(['report', 'knative.json', ...flags], { cwd: dir });
    expect(r.stderr).toBe(message);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
  });

  it('a missing snapshot file → exit 4 naming it', () => {
    const r = runCli(['report', 'nope.json'], { cwd: dir });
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/^error: nope\.json: cannot read snapshot: .*\n$/);
  });

  it('a malformed layer snapshot → exit 4 naming the file and line', () => {
    writeFileSync(join(dir, 'broken.json'), '{"apiVersion": "edge-profile/v1",\n  "kind": ');
    const r = runCli(['report', 'knative.json', '--layer', 'x=broken.json'], { cwd: dir });
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/^error: broken\.json: truncated or malformed JSON at line 2/);
    expect(existsSync(join(dir, 'broken.json'))).toBe(true);
  });

  it('--help lists every output format', () => {
    const r = runCli(['report', '--help'], { cwd: dir });
    expect(r.code).toBe(0);
    for (const f of ['table', 'json', 'markdown']) expect(r.stdout).toContain(f);
    expect(r.stdout).toContain('--require-fit');
  });
});
