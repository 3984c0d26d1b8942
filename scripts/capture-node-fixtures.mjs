// Captures real kubectl output about nodes from the loopback fake API server of the tests
// (test/kube-server/) into test/fixtures/nodes/. Run: node scripts/capture-node-fixtures.mjs
// Needs /usr/bin/kubectl; the server listens on 127.0.0.1 only and is closed at the end.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { loadKubeServer } from '../bench/lib/kube-server.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'test/fixtures/nodes');
const tmp = mkdtempSync(join(tmpdir(), 'ep-nodes-'));
const run = promisify(execFile);
const ks = await loadKubeServer(root, tmp);
const server = await ks.startKubeServer({ pods: 12, nodes: 3, namespaces: 2 });
try {
  const kubeconfig = join(tmp, 'kubeconfig');
  writeFileSync(kubeconfig, ks.kubeconfigFor(server.url));
  const captures = {
    'get-nodes.json': ['get', 'nodes', '-o', 'json'],
    'get-nodes.yaml': ['get', 'nodes', '-o', 'yaml'],
    'get-node-00.yaml': ['get', 'node', 'node-00', '-o', 'yaml'],
    'get-pods-nodes.yaml': ['get', 'pods,nodes', '-A', '-o', 'yaml'],
    'describe-node-01.txt': ['describe', 'node', 'node-01'],
    'describe-nodes.txt': ['describe', 'nodes'],
    'top-node.txt': ['top', 'node'],
  };
  for (const [file, args] of Object.entries(captures)) {
    const { stdout } = await run('/usr/bin/kubectl', ['--kubeconfig', kubeconfig, '--cache-dir', join(tmp, 'cache'), ...args], {
      encoding: 'utf8',
      timeout: 60_000,
      env: { PATH: '/usr/bin:/bin', HOME: tmp },
    });
    writeFileSync(join(out, file), stdout);
    process.stdout.write(`${file}: kubectl ${args.join(' ')}\n`);
  }
} finally {
  await server.close();
  rmSync(tmp, { recursive: true, force: true });
}
