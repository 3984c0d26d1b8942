// `edge-profile snapshot --from` a folder of node captures made by the real kubectl
// (test/fixtures/nodes/PROVENANCE.md): get nodes -o yaml + top node → nodes with capacity,
// allocatable and usage.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseSnapshot } from '../../src/model/load.js';
import { runCli, ROOT } from '../helpers/cli.js';
import { expectSchemaValid } from '../helpers/schema.js';

const FIX = join(ROOT, 'test/fixtures/nodes');
const tmp = mkdtempSync(join(tmpdir(), 'ep-cli-nodes-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const Ki = 1024;
const Mi = 1024 * 1024;

describe('snapshot --from node captures', () => {
  it('a folder with kubectl get nodes -o yaml and kubectl top node: capacity, allocatable and usage per node', () => {
    const dir = join(tmp, 'captures');
    mkdirSync(dir);
    copyFileSync(join(FIX, 'get-nodes.yaml'), join(dir, 'nodes.yaml'));
    copyFileSync(join(FIX, 'top-node.txt'), join(dir, 'top-node.txt'));
    const r = runCli(['snapshot', '--from', dir], { env: { SOURCE_DATE_EPOCH: '1679124258' } });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`${dir}/nodes.yaml: kubectl get nodes -o yaml (3 nodes)`);
    expect(r.stderr).toContain(`${dir}/top-node.txt: kubectl top node (3 nodes)`);
    expectSchemaValid(JSON.parse(r.stdout));
    const snap = parseSnapshot(r.stdout, 'stdout');
    // what kubectl printed: capacity 4 / 16318784Ki, allocatable 3800m / 16216384Ki - j Ki;
    // top node 2454m 6103Mi, 1626m 2231Mi, 633m 1113Mi
    expect(snap.nodes).toEqual([
      { name: 'node-00', capacity: { cpuMillicores: 4000, memoryBytes: 16318784 * Ki }, allocatable: { cpuMillicores: 3800, memoryBytes: 16216384 * Ki }, usage: { cpuMillicores: 2454, memoryBytes: 6103 * Mi } },
      { name: 'node-01', capacity: { cpuMillicores: 4000, memoryBytes: 16318784 * Ki }, allocatable: { cpuMillicores: 3800, memoryBytes: 16216383 * Ki }, usage: { cpuMillicores: 1626, memoryBytes: 2231 * Mi } },
      { name: 'node-02', capacity: { cpuMillicores: 4000, memoryBytes: 16318784 * Ki }, allocatable: { cpuMillicores: 3800, memoryBytes: 16216382 * Ki }, usage: { cpuMillicores: 633, memoryBytes: 1113 * Mi } },
    ]);
    expect(snap.source.files!.map((f) => f.kind)).toEqual(['kubectl get nodes -o yaml (3 nodes)', 'kubectl top node (3 nodes)']);
  });

  it('kubectl describe node gives the same nodes; a malformed quantity exits 4 with one line naming file:line, node and field', () => {
    const ok = runCli(['snapshot', '--from', join(FIX, 'describe-node-01.txt')]);
    expect(ok.code).toBe(0);
    expect(parseSnapshot(ok.stdout, 'stdout').nodes[0]!.allocatable).toEqual({ cpuMillicores: 3800, memoryBytes: 16216383 * Ki });
    const bad = join(tmp, 'describe-bad.txt');
    const text = readFileSync(join(FIX, 'describe-node-01.txt'), 'utf8').replace('  cpu:                3800m', '  cpu:                3800mm');
    writeFileSync(bad, text);
    const line = text.split('\n').indexOf('  cpu:                3800mm') + 1;
    const r = runCli(['snapshot', '--from', bad]);
    expect(r.code).toBe(4);
    const errors = r.stderr.split('\n').filter((l) => l.startsWith('error:'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(new RegExp(`^error: ${bad}:${line}: malformed quantity "3800mm" in node node-01 allocatable\\.cpu`));
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
  });
});
