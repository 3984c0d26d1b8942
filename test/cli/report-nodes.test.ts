// `report` on snapshots made `--from` the real kubectl's node captures (test/fixtures/nodes):
// the NODES section, the nodes in -o json, and the --node-size hint followed back into a fit.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, ROOT } from '../helpers/cli.js';

const FIX = join(ROOT, 'test/fixtures/nodes');
const tmp = mkdtempSync(join(tmpdir(), 'ep-cli-report-nodes-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const Ki = 1024;
const env = { SOURCE_DATE_EPOCH: '1679124258', NO_COLOR: '1' };

function snapshotOf(name: string, files: Array<[string, string]>): string {
  const dir = join(tmp, name);
  mkdirSync(dir);
  for (const [from, to] of files) copyFileSync(join(FIX, from), join(dir, to));
  const out = join(tmp, `${name}.json`);
  const r = runCli(['snapshot', '--from', dir, '--out', out], { env });
  expect(r.code, r.stderr).toBe(0);
  return out;
}

describe('report shows the snapshot\'s nodes', () => {
  it('get nodes -o json + top node: every node in -o json, a NODES table, no hint for a cluster of 3', () => {
    const snap = snapshotOf('three', [['get-nodes.json', 'nodes.json'], ['top-node.txt', 'top-node.txt']]);
    const json = runCli(['report', snap, '-o', 'json'], { env });
    expect(json.code, json.stderr).toBe(0);
    const report = JSON.parse(json.stdout) as { nodes: unknown[]; recommendation: { reasons: string[] } };
    expect(report.nodes).toEqual([
      { name: 'node-00', capacity: { cpuMillicores: 4000, memoryBytes: 16318784 * Ki }, allocatable: { cpuMillicores: 3800, memoryBytes: 16216384 * Ki }, usage: { cpuMillicores: 2454, memoryBytes: 6103 * 1024 * Ki } },
      { name: 'node-01', capacity: { cpuMillicores: 4000, memoryBytes: 16318784 * Ki }, allocatable: { cpuMillicores: 3800, memoryBytes: 16216383 * Ki }, usage: { cpuMillicores: 1626, memoryBytes: 2231 * 1024 * Ki } },
      { name: 'node-02', capacity: { cpuMillicores: 4000, memoryBytes: 16318784 * Ki }, allocatable: { cpuMillicores: 3800, memoryBytes: 16216382 * Ki }, usage: { cpuMillicores: 633, memoryBytes: 1113 * 1024 * Ki } },
    ]);
    expect(report.recommendation.reasons.join('\n')).not.toContain('--node-size');

    const table = runCli(['report', snap], { env });
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toContain('NODES (as captured; — = not known)');
    expect(table.stdout).toMatch(/^ {2}node-00 +4 +~15\.6Gi +3800m +~15\.5Gi +2454m +6103Mi$/m);
    expect(table.stdout).toMatch(/^ {2}node-02 +4 +~15\.6Gi +3800m +~15\.5Gi +633m +1113Mi$/m);

    const md = runCli(['report', snap, '-o', 'markdown'], { env });
    expect(md.stdout).toContain('| node-01 | 4 | ~15.6Gi | 3800m | ~15.5Gi | 1626m | 2231Mi |');
  });

  it('a single node from get node -o yaml: the hint gives a --node-size that runs the fit on it, and the fit notes the kubelet\'s own allocatable', () => {
    const snap = snapshotOf('one', [['get-node-00.yaml', 'node.yaml']]);
    const first = runCli(['report', snap], { env });
    expect(first.code, first.stderr).toBe(0);
    const hint = /add --node-size (\S+) to check the fit on it/.exec(first.stdout.replace(/\n\s+/g, ' '));
    expect(hint?.[1]).toBe('cpu=4,memory=16318784Ki');
    expect(first.stdout).toMatch(/^ {2}node-00 +4 +~15\.6Gi +3800m +~15\.5Gi +— +—$/m);

    const second = runCli(['report', snap, '--node-size', hint![1]!, '-o', 'json'], { env });
    expect(second.code, second.stderr).toBe(0);
    const report = JSON.parse(second.stdout) as { fit: { nodeSize: unknown }; recommendation: { reasons: string[] }; notes: Array<{ code: string; message: string }> };
    expect(report.fit.nodeSize).toEqual({ cpuMillicores: 4000, memoryBytes: 16318784 * Ki });
    expect(report.recommendation.reasons.join('\n')).not.toContain('add --node-size');
    // kubectl says allocatable 3800m / 16216384Ki; with no flags the fit takes 4 CPUs and capacity − 100Mi = 16216384Ki.
    const differs = report.notes.find((n) => n.code === 'node-allocatable-differs');
    expect(differs?.message).toContain('reports allocatable cpu=3800m,memory=16216384Ki, but the fit on its capacity used cpu=4,memory=16216384Ki');
    const secondTable = runCli(['report', snap, '--node-size', hint![1]!], { env });
    expect(secondTable.stdout.replace(/\n\s+/g, ' ')).toMatch(/warn +node-allocatable-differs: Node node-00 reports allocatable cpu=3800m,memory=16216384Ki/);

    const matched = runCli(['report', snap, '--node-size', hint![1]!, '--kube-reserved', 'cpu=200m', '-o', 'json'], { env });
    expect((JSON.parse(matched.stdout) as { notes: Array<{ code: string }> }).notes.map((n) => n.code)).not.toContain('node-allocatable-differs');
  });
});
