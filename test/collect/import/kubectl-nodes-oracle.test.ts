// The real kubectl against the loopback fake API server: what `kubectl get nodes -o json|yaml`,
// `kubectl describe nodes` and `kubectl top node` print, read by the importers and merged, must
// equal the server's own Node objects (read here with src/quantity.ts) and node metrics.
// Skipped cleanly when kubectl is absent.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultRegistry } from '../../../src/collect/import/registry.js';
import { detectAndImport } from '../../../src/collect/import/detect.js';
import { mergeImports } from '../../../src/collect/import/merge.js';
import type { Node } from '../../../src/model/snapshot.js';
import { parseCpuMillicores, parseMemoryBytes } from '../../../src/quantity.js';
import { kubeconfigFor, startKubeServer, type KubeServer } from '../../kube-server/server.js';

const KUBECTL = '/usr/bin/kubectl';
const run = promisify(execFile);

describe.skipIf(!existsSync(KUBECTL))('kubectl node output, imported, equals the API server\'s nodes', () => {
  let server: KubeServer;
  let dir: string;
  const kubectl = async (...args: string[]): Promise<string> => {
    const { stdout } = await run(KUBECTL, ['--kubeconfig', join(dir, 'kubeconfig'), '--cache-dir', join(dir, 'cache'), ...args], {
      encoding: 'utf8',
      timeout: 60_000,
      env: { PATH: '/usr/bin:/bin', HOME: dir },
    });
    return stdout;
  };

  beforeAll(async () => {
    server = await startKubeServer({ pods: 30, nodes: 7, namespaces: 3 });
    dir = mkdtempSync(join(tmpdir(), 'ep-nodes-oracle-'));
    writeFileSync(join(dir, 'kubeconfig'), kubeconfigFor(server.url));
  });
  afterAll(async () => {
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** The server's nodes as the API holds them, parsed independently of the importers. */
  function serverNodes(withUsage: boolean): Node[] {
    const c = server.cluster;
    return c.nodeNames.map((name, j) => {
      const status = c.node(j)['status'] as { capacity: Record<string, string>; allocatable: Record<string, string> };
      const usage = (c.nodeMetrics(j)['usage'] as Record<string, string>);
      const r = (l: Record<string, string>) => ({ cpuMillicores: parseCpuMillicores(l['cpu']!), memoryBytes: parseMemoryBytes(l['memory']!) });
      return {
        name,
        capacity: r(status.capacity),
        allocatable: r(status.allocatable),
        // kubectl top floors memory to whole Mi and prints cpu in whole millicores (rounded up)
        usage: withUsage ? { cpuMillicores: parseCpuMillicores(usage['cpu']!), memoryBytes: Math.floor(parseMemoryBytes(usage['memory']!) / 2 ** 20) * 2 ** 20 } : null,
      };
    });
  }

  const captures: Array<[string, string[][]]> = [
    ['get nodes -o json', [['get', 'nodes', '-o', 'json']]],
    ['get nodes -o yaml', [['get', 'nodes', '-o', 'yaml']]],
    ['describe nodes', [['describe', 'nodes']]],
    ['get pods,nodes -A -o yaml + top node', [['get', 'pods,nodes', '-A', '-o', 'yaml'], ['top', 'node']]],
    ['describe nodes + top node', [['describe', 'nodes'], ['top', 'node']]],
  ];
  it.each(captures)('%s', async (_, commands) => {
    const texts = [];
    for (const args of commands) texts.push({ path: `${args.join('_')}.txt`, folder: '.', text: await kubectl(...args) });
    const d = detectAndImport(texts, defaultRegistry);
    const s = mergeImports(d.inputs, '2026-01-01T00:00:00.000Z');
    expect(s.nodes).toEqual(serverNodes(commands.some((c) => c[0] === 'top')));
    expect(s.notes.filter((n) => n.level !== 'info' && n.code !== 'suspicious-quantity')).toEqual([]);
  });
});
