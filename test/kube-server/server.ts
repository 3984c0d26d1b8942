// A loopback Kubernetes API server for tests and the benchmark: node:http on 127.0.0.1 with a
// random port, serving the shapes the client and kubectl read — /version, discovery (/api,
// /api/v1, /apis, metrics.k8s.io), pods and nodes lists with limit/continue (and 410 Expired),
// metrics.k8s.io, the kubelet Summary API through nodes/proxy — from a generated FakeCluster.
// Behaviour knobs: 403 namespaces, 503 metrics, slow answers, a required bearer token.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { FakeCluster, type ClusterSpec } from './cluster.js';

export interface ServerBehaviour {
  /** ok: served; absent: not in discovery, 404; unavailable: in discovery, every call 503 */
  metrics: 'ok' | 'absent' | 'unavailable';
  /** namespaces whose pods (and pod metrics) may not be listed */
  forbiddenNamespaces: string[];
  /** refuse /api/v1/pods (cluster-wide) and cluster-wide pod metrics */
  forbidClusterPods: boolean;
  forbidNamespaceList: boolean;
  forbidNodes: boolean;
  forbidSummary: boolean;
  /** how many continue requests to answer with 410 Expired (counts down) */
  expireContinues: number;
  /** paths matching the pattern answer after ms */
  slow: Array<{ path: RegExp; ms: number }>;
  /** when set, requests without "Authorization: Bearer <token>" get 401 */
  token: string | null;
}

export interface KubeServer {
  url: string;
  cluster: FakeCluster;
  behaviour: ServerBehaviour;
  /** request paths (with query) in arrival order */
  requests: string[];
  bytesSent: number;
  close(): Promise<void>;
}

export function defaultBehaviour(): ServerBehaviour {
  return {
    metrics: 'ok',
    forbiddenNamespaces: [],
    forbidClusterPods: false,
    forbidNamespaceList: false,
    forbidNodes: false,
    forbidSummary: false,
    expireContinues: 0,
    slow: [],
    token: null,
  };
}

const RESOURCE_VERSION = '424242';

export async function startKubeServer(spec: ClusterSpec, behaviour: Partial<ServerBehaviour> = {}): Promise<KubeServer> {
  const cluster = new FakeCluster(spec);
  const state: KubeServer = {
    url: '',
    cluster,
    behaviour: { ...defaultBehaviour(), ...behaviour },
    requests: [],
    bytesSent: 0,
    close: async () => undefined,
  };
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    state.requests.push(url.pathname + url.search);
    const b = state.behaviour;
    const slow = b.slow.find((s) => s.path.test(url.pathname));
    const go = (): void => {
      if (res.destroyed) return;
      try {
        route(state, req, url, res);
      } catch (err) {
        send(state, res, 500, status(500, 'InternalError', String(err)));
      }
    };
    if (slow) setTimeout(go, slow.ms);
    else go();
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  state.url = `http://127.0.0.1:${port}`;
  state.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return state;
}

function status(code: number, reason: string, message: string): Record<string, unknown> {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code };
}

function send(state: KubeServer, res: http.ServerResponse, code: number, body: unknown): void {
  const text = JSON.stringify(body);
  state.bytesSent += Buffer.byteLength(text);
  res.writeHead(code, { 'Content-Type': 'application/json' });
  res.end(text);
}

function forbidden(state: KubeServer, res: http.ServerResponse, verb: string, resource: string, ns: string | null): void {
  const scope = ns === null ? 'at the cluster scope' : `in the namespace "${ns}"`;
  send(state, res, 403, status(403, 'Forbidden', `${resource} is forbidden: User "system:serviceaccount:edge:profiler" cannot ${verb} resource "${resource}" in API group "" ${scope}`));
}

/** Streams a list: header, items one by one (each made on demand), footer. */
async function streamList(
  state: KubeServer,
  res: http.ServerResponse,
  head: Record<string, unknown>,
  count: number,
  item: (k: number) => unknown,
): Promise<void> {
  res.writeHead(200, { 'Content-Type': 'application/json' });
  const write = (s: string): boolean => {
    state.bytesSent += Buffer.byteLength(s);
    return res.write(s);
  };
  const headText = JSON.stringify({ ...head, items: [] });
  write(headText.slice(0, -2));
  let first = true;
  for (let k = 0; k < count; k++) {
    const v = item(k);
    if (v === null) continue;
    const ok = write((first ? '' : ',') + JSON.stringify(v));
    first = false;
    if (!ok) await new Promise((r) => res.once('drain', r));
    if (res.destroyed) return;
  }
  write(']}');
  res.end();
}

interface Token {
  start: number;
}

function route(state: KubeServer, req: http.IncomingMessage, url: URL, res: http.ServerResponse): void {
  const b = state.behaviour;
  const c = state.cluster;
  const p = url.pathname.replace(/\/+$/, '') || '/';
  if (b.token !== null && req.headers.authorization !== `Bearer ${b.token}`) {
    send(state, res, 401, status(401, 'Unauthorized', 'Unauthorized'));
    return;
  }
  if (p === '/version') {
    send(state, res, 200, { major: '1', minor: '32', gitVersion: 'v1.32.0', gitCommit: '0'.repeat(40), gitTreeState: 'clean', buildDate: '2025-01-01T00:00:00Z', goVersion: 'go1.23.4', compiler: 'gc', platform: 'linux/amd64' });
    return;
  }
  if (p === '/api') {
    send(state, res, 200, { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: url.host }] });
    return;
  }
  if (p === '/api/v1') {
    send(state, res, 200, {
      kind: 'APIResourceList',
      groupVersion: 'v1',
      resources: [
        { name: 'namespaces', singularName: 'namespace', namespaced: false, kind: 'Namespace', verbs: ['get', 'list', 'watch'], shortNames: ['ns'] },
        { name: 'nodes', singularName: 'node', namespaced: false, kind: 'Node', verbs: ['get', 'list', 'watch'], shortNames: ['no'] },
        { name: 'nodes/proxy', singularName: '', namespaced: false, kind: 'NodeProxyOptions', verbs: ['get'] },
        { name: 'pods', singularName: 'pod', namespaced: true, kind: 'Pod', verbs: ['get', 'list', 'watch'], shortNames: ['po'], categories: ['all'] },
      ],
    });
    return;
  }
  if (p === '/apis') {
    const groups =
      b.metrics === 'absent'
        ? []
        : [{ name: 'metrics.k8s.io', versions: [{ groupVersion: 'metrics.k8s.io/v1beta1', version: 'v1beta1' }], preferredVersion: { groupVersion: 'metrics.k8s.io/v1beta1', version: 'v1beta1' } }];
    send(state, res, 200, { kind: 'APIGroupList', apiVersion: 'v1', groups });
    return;
  }
  if (p.startsWith('/apis/metrics.k8s.io')) {
    metrics(state, url, p, res);
    return;
  }
  let m: RegExpExecArray | null;
  if (p === '/api/v1/pods' || (m = /^\/api\/v1\/namespaces\/([^/]+)\/pods$/.exec(p))) {
    const ns = p === '/api/v1/pods' ? null : decodeURIComponent(m![1]!);
    if (ns === null ? b.forbidClusterPods : b.forbiddenNamespaces.includes(ns)) {
      forbidden(state, res, 'list', 'pods', ns);
      return;
    }
    const range = c.range(ns) ?? [0, 0];
    void listPage(state, url, res, 'PodList', range, (i) => c.pod(i));
    return;
  }
  if (p === '/api/v1/namespaces') {
    if (b.forbidNamespaceList) return forbidden(state, res, 'list', 'namespaces', null);
    void listPage(state, url, res, 'NamespaceList', [0, c.namespaces.length], (k) => ({
      metadata: { name: c.namespaces[k]!, uid: `ns-${k}`, creationTimestamp: '2026-01-01T00:00:00Z' },
      spec: { finalizers: ['kubernetes'] },
      status: { phase: 'Active' },
    }));
    return;
  }
  if (p === '/api/v1/nodes') {
    if (b.forbidNodes) return forbidden(state, res, 'list', 'nodes', null);
    void listPage(state, url, res, 'NodeList', [0, c.nodeNames.length], (j) => c.node(j));
    return;
  }
  if ((m = /^\/api\/v1\/nodes\/([^/]+)\/proxy\/stats\/summary$/.exec(p))) {
    const j = c.nodeNames.indexOf(decodeURIComponent(m[1]!));
    if (j < 0) return send(state, res, 404, status(404, 'NotFound', `nodes "${m[1]}" not found`));
    if (b.forbidSummary) return forbidden(state, res, 'get', 'nodes/proxy', null);
    send(state, res, 200, c.summary(j));
    return;
  }
  send(state, res, 404, status(404, 'NotFound', 'the server could not find the requested resource'));
}

async function listPage(
  state: KubeServer,
  url: URL,
  res: http.ServerResponse,
  kind: string,
  [first, end]: [number, number],
  item: (i: number) => unknown,
): Promise<void> {
  const limit = Number(url.searchParams.get('limit') ?? '0');
  const cont = url.searchParams.get('continue');
  let start = first;
  if (cont) {
    if (state.behaviour.expireContinues > 0) {
      state.behaviour.expireContinues--;
      send(
        state,
        res,
        410,
        status(
          410,
          'Expired',
          'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.',
        ),
      );
      return;
    }
    try {
      start = (JSON.parse(Buffer.from(cont, 'base64url').toString()) as Token).start;
    } catch {
      send(state, res, 400, status(400, 'BadRequest', 'continue key is not valid'));
      return;
    }
  }
  const stop = limit > 0 ? Math.min(end, start + limit) : end;
  const metadata: Record<string, unknown> = { resourceVersion: RESOURCE_VERSION };
  if (stop < end) {
    metadata.continue = Buffer.from(JSON.stringify({ start: stop } satisfies Token)).toString('base64url');
    metadata.remainingItemCount = end - stop;
  }
  await streamList(state, res, { kind, apiVersion: 'v1', metadata }, stop - start, (k) => item(start + k));
}

function metrics(state: KubeServer, url: URL, p: string, res: http.ServerResponse): void {
  const b = state.behaviour;
  const c = state.cluster;
  if (b.metrics === 'absent') return send(state, res, 404, status(404, 'NotFound', 'the server could not find the requested resource'));
  if (b.metrics === 'unavailable') {
    return send(state, res, 503, status(503, 'ServiceUnavailable', 'the server is currently unable to handle the request'));
  }
  const base = '/apis/metrics.k8s.io/v1beta1';
  if (p === base) {
    send(state, res, 200, {
      kind: 'APIResourceList',
      apiVersion: 'v1',
      groupVersion: 'metrics.k8s.io/v1beta1',
      resources: [
        { name: 'nodes', singularName: '', namespaced: false, kind: 'NodeMetrics', verbs: ['get', 'list'] },
        { name: 'pods', singularName: '', namespaced: true, kind: 'PodMetrics', verbs: ['get', 'list'] },
      ],
    });
    return;
  }
  const head = (kind: string) => ({ kind, apiVersion: 'metrics.k8s.io/v1beta1', metadata: {} });
  if (p === `${base}/nodes`) {
    void streamList(state, res, head('NodeMetricsList'), c.nodeNames.length, (j) => c.nodeMetrics(j));
    return;
  }
  let m: RegExpExecArray | null;
  if (p === `${base}/pods` || (m = /^\/apis\/metrics\.k8s\.io\/v1beta1\/namespaces\/([^/]+)\/pods$/.exec(p))) {
    const ns = p === `${base}/pods` ? null : decodeURIComponent(m![1]!);
    if (ns === null ? b.forbidClusterPods : b.forbiddenNamespaces.includes(ns)) {
      return send(state, res, 403, status(403, 'Forbidden', `pods.metrics.k8s.io is forbidden: User "system:serviceaccount:edge:profiler" cannot list resource "pods" in API group "metrics.k8s.io"`));
    }
    const [first, end] = c.range(ns) ?? [0, 0];
    void streamList(state, res, head('PodMetricsList'), end - first, (k) => c.podMetrics(first + k));
    return;
  }
  send(state, res, 404, status(404, 'NotFound', 'the server could not find the requested resource'));
}

/** A kubeconfig (YAML) pointing at the server. */
export function kubeconfigFor(url: string, opts: { token?: string; namespace?: string; context?: string } = {}): string {
  const ctx = opts.context ?? 'test';
  return [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    `- name: ${ctx}-cluster`,
    '  cluster:',
    `    server: ${url}`,
    'users:',
    `- name: ${ctx}-user`,
    '  user:',
    `    token: ${opts.token ?? 'no-token'}`,
    'contexts:',
    `- name: ${ctx}`,
    '  context:',
    `    cluster: ${ctx}-cluster`,
    `    user: ${ctx}-user`,
    ...(opts.namespace ? [`    namespace: ${opts.namespace}`] : []),
    `current-context: ${ctx}`,
    '',
  ].join('\n');
}
