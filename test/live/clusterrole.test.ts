// deploy/clusterrole.yaml grants exactly what the collector uses: every request made in runs
// that touch every path (-A, its namespace fallback, -n) is allowed, and nothing but get/list.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterEach, expect, test } from 'vitest';
import { collectLiveSnapshot } from '../../src/collect/live.js';
import { startKubeServer, type KubeServer } from '../kube-server/server.js';
import { liveEnv, liveOptions, tempDir, writeKubeconfig } from './helpers.js';

type Rule = { apiGroups: string[]; resources: string[]; verbs: string[] };
const role = parse(readFileSync(join(import.meta.dirname, '..', '..', 'deploy', 'clusterrole.yaml'), 'utf8')) as {
  kind: string;
  rules: Rule[];
};

/** A request path → what RBAC checks (group, resource, verb); null for non-resource URLs. */
function attributes(path: string): { group: string; resource: string; verb: string } | null {
  const p = path.split('?')[0]!;
  let m: RegExpExecArray | null;
  if (p === '/version') return null; // public (system:public-info-viewer)
  if ((m = /^\/api\/v1\/nodes\/[^/]+\/proxy\/.*$/.exec(p))) return { group: '', resource: 'nodes/proxy', verb: 'get' };
  if ((m = /^\/api\/v1\/(?:namespaces\/[^/]+\/)?(pods|nodes|namespaces)$/.exec(p))) return { group: '', resource: m[1]!, verb: 'list' };
  if ((m = /^\/apis\/metrics\.k8s\.io\/v1beta1\/(?:namespaces\/[^/]+\/)?(pods|nodes)$/.exec(p))) return { group: 'metrics.k8s.io', resource: m[1]!, verb: 'list' };
  throw new Error(`unmapped request ${path}`);
}

const allowed = (a: { group: string; resource: string; verb: string }): boolean =>
  role.rules.some((r) => r.apiGroups.includes(a.group) && r.resources.includes(a.resource) && r.verbs.includes(a.verb));

let server: KubeServer | null = null;
let tmp: ReturnType<typeof tempDir> | null = null;
afterEach(async () => {
  await server?.close();
  tmp?.cleanup();
});

test('read-only: only get and list', () => {
  expect(role.kind).toBe('ClusterRole');
  expect([...new Set(role.rules.flatMap((r) => r.verbs))].sort()).toEqual(['get', 'list']);
  expect(role.rules.flatMap((r) => r.resources)).not.toContain('secrets');
});

test('every request of the collector is allowed, and every rule is used', async () => {
  server = await startKubeServer({ pods: 30, nodes: 2, namespaces: 3 }, { forbidClusterPods: true });
  tmp = tempDir();
  const kc = writeKubeconfig(tmp.dir, server.url);
  await collectLiveSnapshot(liveOptions(kc, { pageLimit: 7 }), liveEnv()); // -A with its fallback
  await collectLiveSnapshot(liveOptions(kc, { namespaces: ['ns-001'], samples: 2, intervalMs: 5 }), liveEnv());
  const used = server.requests.map(attributes).filter((a) => a !== null);
  expect(used.filter((a) => !allowed(a))).toEqual([]);
  const granted = role.rules.flatMap((r) => r.apiGroups.flatMap((g) => r.resources.flatMap((res) => r.verbs.map((v) => `${g}/${res}/${v}`))));
  const usedKeys = new Set(used.map((a) => `${a.group}/${a.resource}/${a.verb}`));
  expect(granted.filter((k) => !usedKeys.has(k))).toEqual([]);
});
