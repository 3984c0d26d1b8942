// Issue 6, "a snapshot taken from the shrunk manifests fits the node the report said it would":
// report → shrink --report → snapshot of the shrunk files → report --require-fit, all spawned.
import { mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli, type CliResult } from '../helpers/cli.js';

const cli = (args: string[], cwd: string): CliResult => runCli(args, { cwd, env: { SOURCE_DATE_EPOCH: '1679124000' } });

const NODE = ['--assume-distro', 'k0s', '--node-size', 'cpu=1,memory=1500Mi'];

describe('shrink at the recommended factor, then fit', () => {
  const dir = mkdtempSync(join(tmpdir(), 'edge-profile-shrink-fit-'));
  symlinkSync(join(ROOT, 'test', 'fixtures', 'manifests', 'knative', 'v1.8'), join(dir, 'v1.8'), 'dir');

  it('Knative v1.8 release manifests on k0s do not fit 1 CPU / 1500Mi as released', () => {
    expect(cli(['snapshot', '--from', 'v1.8', '--out', 'before.json'], dir).code).toBe(0);
    const r = cli(['report', 'before.json', ...NODE, '--require-fit', '-o', 'json', '--out', 'report.json'], dir);
    expect(r.code).toBe(1);
    const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'));
    expect(report.fit.fits).toBe(false);
    // the release's own requests: the reference's Total row (860m, 640Mi) sums these, domain-mapping included
    expect(report.totals.declared.requests.cpuMillicores).toBe(860 + 360);
    expect(report.recommendation.reductionFactor.value).toBeGreaterThan(0);
    expect(report.recommendation.basis).toBe('requests');
  });

  it('the manifests shrunk with --report fit that node', () => {
    const factor = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')).recommendation.reductionFactor.value as number;
    const s = cli(['shrink', '-f', 'v1.8', '--report', 'report.json', '--out', 'shrunk/'], dir);
    expect(s.code, s.stderr).toBe(0);
    expect(cli(['snapshot', '--from', 'shrunk', '--out', 'after.json'], dir).code).toBe(0);
    const r = cli(['report', 'after.json', ...NODE, '--require-fit', '-o', 'json'], dir);
    expect(r.code, r.stderr).toBe(0);
    const after = JSON.parse(r.stdout);
    expect(after.fit.fits).toBe(true);
    expect(after.fit.pending).toEqual([]);
    // the cut is the factor, rounded up per value: never more than 1m per container above it
    const before = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'));
    const knativeCpu = (rep: { namespaces: Array<{ namespace: string; declared: { requests: { cpuMillicores: number } } }> }) =>
      rep.namespaces.filter((n) => n.namespace !== 'kube-system').reduce((a, n) => a + n.declared.requests.cpuMillicores, 0);
    expect(knativeCpu(after)).toBeGreaterThanOrEqual(Math.ceil(knativeCpu(before) * factor) - 1);
    expect(knativeCpu(after)).toBeLessThanOrEqual(Math.ceil(knativeCpu(before) * factor) + 10);
  });
});
