// Kubeconfig the kubectl way: --kubeconfig, KUBECONFIG merging (first wins, missing files
// skipped), ~/.kube/config, --context, the context namespace, in-cluster, and no silent
// localhost:8080 when there is nothing.
import { mkdirSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { ClusterError } from '../../src/errors.js';
import { loadKubeTarget, redactServer } from '../../src/collect/kube/kubeconfig.js';
import { kubeconfigFor } from '../kube-server/server.js';
import { tempDir } from './helpers.js';

let tmp: ReturnType<typeof tempDir>;
afterEach(() => tmp?.cleanup());

function file(name: string, text: string): string {
  const f = join(tmp.dir, name);
  writeFileSync(f, text);
  return f;
}

const noHome = { HOME: '/nonexistent-home' };

test('no kubeconfig anywhere: ClusterError, not localhost:8080', () => {
  tmp = tempDir();
  expect(() => loadKubeTarget({ kubeconfig: null, context: null, env: noHome, serviceAccountDir: join(tmp.dir, 'sa') })).toThrow(
    new ClusterError('no kubeconfig found: pass --kubeconfig, set KUBECONFIG, create ~/.kube/config or run in a pod with a service account'),
  );
});

test('--kubeconfig that does not exist', () => {
  tmp = tempDir();
  expect(() => loadKubeTarget({ kubeconfig: join(tmp.dir, 'nope'), context: null, env: noHome })).toThrow(/kubeconfig .*nope does not exist/);
});

test('--kubeconfig wins over KUBECONFIG and ~/.kube/config', () => {
  tmp = tempDir();
  const a = file('a', kubeconfigFor('https://a.example:6443', { context: 'a' }));
  const b = file('b', kubeconfigFor('https://b.example:6443', { context: 'b' }));
  mkdirSync(join(tmp.dir, 'home', '.kube'), { recursive: true });
  writeFileSync(join(tmp.dir, 'home', '.kube', 'config'), kubeconfigFor('https://home.example:6443', { context: 'home' }));
  const env = { KUBECONFIG: b, HOME: join(tmp.dir, 'home') };
  expect(loadKubeTarget({ kubeconfig: a, context: null, env }).server).toBe('https://a.example:6443');
  expect(loadKubeTarget({ kubeconfig: null, context: null, env }).server).toBe('https://b.example:6443');
  expect(loadKubeTarget({ kubeconfig: null, context: null, env: { HOME: env.HOME } }).server).toBe('https://home.example:6443');
});

test('KUBECONFIG with several files: merged, the first to set a value wins, missing files skipped', () => {
  tmp = tempDir();
  // first file: only a current-context naming a context of the second file, and cluster "shared"
  const first = file(
    'first',
    ['apiVersion: v1', 'kind: Config', 'current-context: b', 'clusters:', '- name: shared', '  cluster:', '    server: https://first.example:6443', 'users: []', 'contexts: []', ''].join('\n'),
  );
  const second = file(
    'second',
    [
      'apiVersion: v1', 'kind: Config', 'current-context: other',
      'clusters:', '- name: shared', '  cluster:', '    server: https://second.example:6443',
      'users:', '- name: u', '  user:', '    token: t',
      'contexts:', '- name: b', '  context:', '    cluster: shared', '    user: u', '    namespace: team-b',
      '- name: other', '  context:', '    cluster: shared', '    user: u',
      '',
    ].join('\n'),
  );
  const env = { KUBECONFIG: [join(tmp.dir, 'missing'), first, second].join(delimiter), HOME: '/nonexistent-home' };
  const t = loadKubeTarget({ kubeconfig: null, context: null, env });
  expect([t.contextName, t.server, t.namespace]).toEqual(['b', 'https://first.example:6443', 'team-b']);
  const o = loadKubeTarget({ kubeconfig: null, context: 'other', env });
  expect([o.contextName, o.namespace]).toEqual(['other', 'default']);
});

test('KUBECONFIG naming only missing files', () => {
  tmp = tempDir();
  expect(() => loadKubeTarget({ kubeconfig: null, context: null, env: { KUBECONFIG: join(tmp.dir, 'x') } })).toThrow(/none of the files in KUBECONFIG exists/);
});

test('--context that does not exist, and a malformed file', () => {
  tmp = tempDir();
  const a = file('a', kubeconfigFor('https://a.example:6443'));
  expect(() => loadKubeTarget({ kubeconfig: a, context: 'prod', env: noHome })).toThrow(new ClusterError(`context "prod" not found in ${a}`));
  const bad = file('bad', 'clusters: [\n');
  expect(() => loadKubeTarget({ kubeconfig: bad, context: null, env: noHome })).toThrow(ClusterError);
});

test('in-cluster: the service account token, CA and namespace', () => {
  tmp = tempDir();
  const sa = join(tmp.dir, 'sa');
  mkdirSync(sa);
  writeFileSync(join(sa, 'token'), 'sa-token');
  writeFileSync(join(sa, 'ca.crt'), 'x');
  writeFileSync(join(sa, 'namespace'), 'edge-system\n');
  const t = loadKubeTarget({
    kubeconfig: null,
    context: null,
    env: { KUBERNETES_SERVICE_HOST: 'fd00::1', KUBERNETES_SERVICE_PORT: '443' },
    serviceAccountDir: sa,
  });
  expect([t.server, t.namespace, t.origin]).toEqual(['https://[fd00::1]', 'edge-system', 'in-cluster service account']);
  expect(t.kc.getCurrentUser()?.authProvider?.config?.tokenFile).toBe(join(sa, 'token'));
});

test.each([
  ['https://user:pass@h.example:6443/', 'https://h.example:6443'],
  ['https://h.example:6443/prefix?x=1', 'https://h.example:6443/prefix'],
  ['not a url', 'not a url'],
])('redactServer(%s)', (input, want) => {
  expect(redactServer(input)).toBe(want);
});
