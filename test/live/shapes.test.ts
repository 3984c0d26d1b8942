// Answers of an unexpected shape (a proxy, a broken aggregated API) are reported, never a crash.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from 'vitest';
import { collectLiveSnapshot } from '../../src/collect/live.js';
import { summaryDoc, summaryFromDoc } from '../../src/collect/kube/summary.js';
import { ClusterError } from '../../src/errors.js';
import { liveEnv, liveOptions, tempDir, writeKubeconfig } from './helpers.js';

test.each([
  [{}],
  [null],
  [{ node: { systemContainers: 'x', memory: { workingSetBytes: -5 } }, pods: 5 }],
  [{ node: { systemContainers: [null, { name: 7 }, { name: 'kubelet' }] }, pods: [null, { podRef: {} }, { podRef: { name: 'a', namespace: 'b' }, containers: 'x' }] }],
])('summaryFromDoc(%j) does not throw', (doc) => {
  const r = summaryFromDoc(doc as never);
  expect(r.node.memoryWorkingSetBytes).toBeNull();
  expect(r.node.systemContainers.every((c) => typeof c.name === 'string')).toBe(true);
});

test('a Summary read without pods: the same node reading, no per-pod usage kept', () => {
  const text = JSON.stringify({
    node: { cpu: { usageNanoCores: 1_500_000 }, memory: { workingSetBytes: 1024 } },
    pods: [{ podRef: { name: 'a', namespace: 'b' }, containers: [{ name: 'c', cpu: { usageNanoCores: 10 }, memory: { workingSetBytes: 5 } }] }],
  });
  const all = summaryFromDoc(summaryDoc(text, true));
  const nodeOnly = summaryFromDoc(summaryDoc(text, false));
  expect(all.pods.get('b/a')?.usage).toEqual({ cpuMillicores: 1, memoryBytes: 5 });
  expect(nodeOnly.pods.size).toBe(0);
  expect(nodeOnly.node).toEqual(all.node);
});

test('a pods answer without items: ClusterError naming the list, no crash', async () => {
  const server = http.createServer((req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(req.url?.startsWith('/api/v1/pods') ? '{"kind":"PodList","metadata":{}}' : '{"items":[]}');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const t = tempDir();
  try {
    const err = await collectLiveSnapshot(liveOptions(writeKubeconfig(t.dir, url)), liveEnv()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ClusterError);
    expect((err as Error).message).toBe(`${url}: GET /api/v1/pods?limit=500 answered 200: pods in all namespaces: the answer has no items list`);
  } finally {
    server.closeAllConnections();
    server.close();
    t.cleanup();
  }
});
