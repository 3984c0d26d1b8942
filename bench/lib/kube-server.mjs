// Loads the loopback fake Kubernetes API server of the tests (test/kube-server/server.ts, TypeScript)
// by bundling it with esbuild into the temp dir, so the benchmark serves the same generated cluster
// the live-collection tests use. The server runs in the harness process, on 127.0.0.1 only.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** @returns {Promise<{ startKubeServer: Function, kubeconfigFor: Function } | null>} null when the server has not landed */
export async function loadKubeServer(repoRoot, tmpDir) {
  const entry = join(repoRoot, 'test/kube-server/server.ts');
  if (!existsSync(entry)) return null;
  const { build } = await import('esbuild');
  const outfile = join(tmpDir, 'kube-server.mjs');
  await build({ entryPoints: [entry], outfile, bundle: true, format: 'esm', platform: 'node', target: 'node20', logLevel: 'warning' });
  return import(pathToFileURL(outfile).href);
}
