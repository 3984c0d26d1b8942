// Kubeconfig loading the kubectl way, on top of @kubernetes/client-node's KubeConfig:
// --kubeconfig > KUBECONFIG (several files, first one to set a value wins, missing files
// skipped) > ~/.kube/config > in-cluster service account. Unlike the client's
// loadFromDefault() it never falls back silently to http://localhost:8080.
import { existsSync, readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import type { Cluster, Context, User } from '@kubernetes/client-node';
import { ClusterError } from '../../errors.js';

export const SERVICE_ACCOUNT_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';

export interface KubeTarget {
  kc: KubeConfig;
  contextName: string | null;
  /** The API server URL, without any user:password part. */
  server: string;
  /** The context's namespace, "default" when it names none. */
  namespace: string;
  /** Where the configuration came from, for messages. */
  origin: string;
}

export interface KubeconfigRequest {
  kubeconfig: string | null;
  context: string | null;
  env: NodeJS.ProcessEnv;
  /** For tests: where the in-cluster service account files live. */
  serviceAccountDir?: string;
}

export function loadKubeTarget(req: KubeconfigRequest): KubeTarget {
  const { kc, origin } = loadConfig(req);
  if (req.context !== null) {
    if (!kc.getContextObject(req.context)) {
      throw new ClusterError(`context "${req.context}" not found in ${origin}`);
    }
    kc.setCurrentContext(req.context);
  }
  const contextName = kc.getCurrentContext() || null;
  if (contextName !== null && !kc.getContextObject(contextName)) {
    throw new ClusterError(`current context "${contextName}" not found in ${origin}`);
  }
  const cluster = kc.getCurrentCluster();
  if (!cluster || !cluster.server) {
    throw new ClusterError(
      contextName === null
        ? `no current context in ${origin}; pass --context`
        : `context "${contextName}" names no cluster with a server in ${origin}`,
    );
  }
  const namespace = kc.getContextObject(contextName ?? '')?.namespace || 'default';
  return { kc: allowPlainHttp(kc), contextName, server: redactServer(cluster.server), namespace, origin };
}

function loadConfig(req: KubeconfigRequest): { kc: KubeConfig; origin: string } {
  if (req.kubeconfig !== null) {
    if (!existsSync(req.kubeconfig)) throw new ClusterError(`kubeconfig ${req.kubeconfig} does not exist`);
    return { kc: loadFiles([req.kubeconfig]), origin: req.kubeconfig };
  }
  const list = req.env.KUBECONFIG;
  if (list) {
    const files = list.split(delimiter).filter((f) => f.length > 0 && existsSync(f));
    if (files.length === 0) throw new ClusterError(`none of the files in KUBECONFIG exists (${list})`);
    return { kc: loadFiles(files), origin: files.join(delimiter) };
  }
  const home = req.env.HOME || req.env.USERPROFILE;
  if (home) {
    const file = join(home, '.kube', 'config');
    if (existsSync(file)) return { kc: loadFiles([file]), origin: file };
  }
  const inCluster = loadInCluster(req.env, req.serviceAccountDir ?? SERVICE_ACCOUNT_DIR);
  if (inCluster) return { kc: inCluster, origin: 'in-cluster service account' };
  throw new ClusterError(
    'no kubeconfig found: pass --kubeconfig, set KUBECONFIG, create ~/.kube/config or run in a pod with a service account',
  );
}

function loadFiles(files: string[]): KubeConfig {
  const clusters = new Map<string, Cluster>();
  const users = new Map<string, User>();
  const contexts = new Map<string, Context>();
  let currentContext = '';
  for (const file of files) {
    const one = new KubeConfig();
    try {
      one.loadFromFile(file);
    } catch (err) {
      throw new ClusterError(`kubeconfig ${file}: ${oneLine(err)}`);
    }
    // kubectl's merge rule: the first file to set a value wins.
    for (const c of one.getClusters()) if (!clusters.has(c.name)) clusters.set(c.name, c);
    for (const u of one.getUsers()) if (!users.has(u.name)) users.set(u.name, u);
    for (const c of one.getContexts()) if (!contexts.has(c.name)) contexts.set(c.name, c);
    if (!currentContext && one.getCurrentContext()) currentContext = one.getCurrentContext();
  }
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [...clusters.values()],
    users: [...users.values()],
    contexts: [...contexts.values()],
    currentContext,
  });
  return kc;
}

function loadInCluster(env: NodeJS.ProcessEnv, dir: string): KubeConfig | null {
  const host = env.KUBERNETES_SERVICE_HOST;
  const port = env.KUBERNETES_SERVICE_PORT;
  const tokenFile = join(dir, 'token');
  if (!host || !port || !existsSync(tokenFile)) return null;
  const hostPart = host.includes(':') ? `[${host}]` : host;
  const nsFile = join(dir, 'namespace');
  const namespace = existsSync(nsFile) ? readFileSync(nsFile, 'utf8').trim() : undefined;
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: 'inCluster', server: `https://${hostPart}:${port}`, caFile: join(dir, 'ca.crt'), skipTLSVerify: false }],
    users: [{ name: 'inClusterUser', authProvider: { name: 'tokenFile', config: { tokenFile } } }],
    contexts: [{ name: 'inClusterContext', cluster: 'inCluster', user: 'inClusterUser', namespace }],
    currentContext: 'inClusterContext',
  });
  return kc;
}

/**
 * The client refuses an http:// server unless insecure-skip-tls-verify is set; kubectl does not
 * (e.g. `kubectl proxy` on localhost:8001). TLS options mean nothing over plain HTTP, so mark it.
 */
function allowPlainHttp(kc: KubeConfig): KubeConfig {
  const cluster = kc.getCurrentCluster();
  if (!cluster || !cluster.server.startsWith('http:') || cluster.skipTLSVerify) return kc;
  const out = new KubeConfig();
  out.loadFromOptions({
    clusters: kc.getClusters().map((c) => (c.name === cluster.name ? { ...c, skipTLSVerify: true } : c)),
    users: kc.getUsers(),
    contexts: kc.getContexts(),
    currentContext: kc.getCurrentContext(),
  });
  return out;
}

export function redactServer(server: string): string {
  try {
    const url = new URL(server);
    url.username = '';
    url.password = '';
    url.search = '';
    return url.toString().replace(/\/$/, '');
  } catch {
    return server;
  }
}

function oneLine(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  return msg.split('\n')[0]!.trim();
}
