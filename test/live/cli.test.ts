// The built CLI against the loopback server: `edge-profile snapshot -A --out s.json` writes the
// same snapshot the collector gives (itself checked against kubectl), valid against the schema;
// an unreachable server is exit 3 with one line on stderr.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { collectLiveSnapshot } from '../../src/collect/live.js';
import { parseSnapshot } from '../../src/model/load.js';
import { runCliAsync } from '../helpers/cli.js';
import { expectSchemaValid } from '../helpers/schema.js';
import { startKubeServer, type KubeServer } from '../kube-server/server.js';
import { liveEnv, liveOptions, tempDir, writeKubeconfig } from './helpers.js';

let server: KubeServer;
let tmp: ReturnType<typeof tempDir>;
let kubeconfig: string;

beforeAll(async () => {
  server = await startKubeServer({ pods: 300, nodes: 3, namespaces: 6 });
  tmp = tempDir();
  kubeconfig = writeKubeconfig(tmp.dir, server.url);
});
afterAll(async () => {
  await server.close();
  tmp.cleanup();
});

/** Async: the server runs in this process and must answer while the CLI waits. */
const cli = (args: string[]) => runCliAsync(args, { cwd: tmp.dir, env: { HOME: tmp.dir } });

test('snapshot -A --out s.json: the collector\'s snapshot, schema-valid', async () => {
  const r = await cli(['snapshot', '-A', '--kubeconfig', kubeconfig, '--no-host', '--page-limit', '41', '--out', 's.json']);
  expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
  expect(r.code).toBe(0);
  expect(r.stderr).toContain('wrote s.json: 300 pods, 3 nodes, no host reading');
  const text = readFileSync(join(tmp.dir, 's.json'), 'utf8');
  expectSchemaValid(JSON.parse(text));
  const fromCli = parseSnapshot(text, 's.json');
  const direct = await collectLiveSnapshot(liveOptions(kubeconfig), liveEnv());
  expect(fromCli.pods).toEqual(direct.pods);
  expect(fromCli.nodes).toEqual(direct.nodes);
  expect(fromCli.source).toEqual(direct.source);
  expect(fromCli.pods.filter((p) => p.usage !== null).length).toBeGreaterThan(200);
});

test('snapshot --samples 3 --interval 1s: three readings, host memory as free -b', async () => {
  const r = await cli(['snapshot', '-n', 'ns-001', '--kubeconfig', kubeconfig, '--samples', '3', '--interval', '1s']);
  expect(r.code).toBe(0);
  const snap = parseSnapshot(r.stdout, 'stdout');
  expectSchemaValid(JSON.parse(r.stdout));
  expect(snap.samples).toHaveLength(3);
  expect(snap.samples!.every((x) => x.host !== null)).toBe(true);
  let free: string | null = null;
  try {
    free = execFileSync('free', ['-b'], { encoding: 'utf8' });
  } catch {
    // no procps here
  }
  if (free) {
    expect(snap.host!.memory.totalBytes).toBe(Number(/^Mem:\s+(\d+)/m.exec(free)![1]));
    expect(snap.host!.memory.swapTotalBytes).toBe(Number(/^Swap:\s+(\d+)/m.exec(free)![1]));
  }
});

test('unreachable server: exit 3, one line naming it, no stack', async () => {
  const down = writeKubeconfig(tmp.dir, 'http://127.0.0.1:1', {}, 'down');
  const r = await cli(['snapshot', '-A', '--kubeconfig', down, '--no-host']);
  expect(r.code).toBe(3);
  expect(r.stdout).toBe('');
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
  expect(r.stderr).toMatch(/http:\/\/127\.0\.0\.1:1: unreachable on GET \/\S+: ECONNREFUSED/);
});

test('no kubeconfig at all: exit 3 saying so', async () => {
  const r = await cli(['snapshot', '-A', '--no-host']);
  expect(r.code).toBe(3);
  expect(r.stderr).toMatch(/no kubeconfig found/);
});
