// KubeHttp's per-request timeout and the caller's abort signal: a request in flight is cut short
// by either, and a settled request leaves no timer and no listener behind (sampling runs for
// hours on one signal).
import { createServer, type Server } from 'node:http';
import { getEventListeners } from 'node:events';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { KubeHttp, TransportError } from '../../src/collect/kube/http.js';
import { loadKubeTarget } from '../../src/collect/kube/kubeconfig.js';
import { tempDir, writeKubeconfig } from './helpers.js';

let server: Server;
let kubeconfig: string;
const tmp = tempDir();

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/ok') res.end('{"kind":"Status"}');
    else if (req.url === '/bad') res.end('not JSON');
    // '/hang': never answers; the socket is destroyed when the client gives up
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  kubeconfig = writeKubeconfig(tmp.dir, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  tmp.cleanup();
});

function client(timeoutMs: number, signal?: AbortSignal): KubeHttp {
  return new KubeHttp(loadKubeTarget({ kubeconfig, context: null, env: {} }), { timeoutMs, signal });
}

test('no answer within the timeout: TIMEOUT', async () => {
  const http = client(100);
  const err = await http.getJson('/hang').catch((e: unknown) => e);
  expect(err).toBeInstanceOf(TransportError);
  expect((err as TransportError).code).toBe('TIMEOUT');
  http.close();
});

test("the caller's signal aborts a request in flight: ABORTED, well before the timeout", async () => {
  const ac = new AbortController();
  const http = client(30_000, ac.signal);
  const started = performance.now();
  setTimeout(() => ac.abort(), 50);
  const err = await http.getJson('/hang').catch((e: unknown) => e);
  expect((err as TransportError).code).toBe('ABORTED');
  expect(performance.now() - started).toBeLessThan(5_000);
  expect(getEventListeners(ac.signal, 'abort')).toHaveLength(0);
  http.close();
});

test('settled requests leave no timer running and no listener on the long-lived signal', async () => {
  const ac = new AbortController();
  const http = client(30_000, ac.signal);
  const timers = (): number => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
  const before = timers();
  for (let i = 0; i < 20; i++) await http.getJson('/ok');
  expect(await http.getJson('/bad').catch((e: Error) => e.message)).toBe('/bad: the answer is not JSON');
  expect(timers()).toBeLessThanOrEqual(before);
  expect(getEventListeners(ac.signal, 'abort')).toHaveLength(0);
  http.close();
});

test('a signal already aborted: the request is not sent', async () => {
  const ac = new AbortController();
  ac.abort();
  const http = client(30_000, ac.signal);
  const err = await http.getJson('/ok').catch((e: unknown) => e);
  expect((err as TransportError).code).toBe('ABORTED');
  http.close();
});
