import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importKubectlPodsJson, importKubectlPodsYaml } from '../../../src/collect/import/kubectl-json.js';
import { sniffManifestKind } from '../../../src/collect/import/manifest-detect.js';
import { InputError } from '../../../src/errors.js';
import type { ImportResult } from '../../../src/collect/import/types.js';
import type { R } from '../../../src/model/snapshot.js';

const FIX = join(import.meta.dirname, '../../fixtures/kubectl/pods-knative.json');
const podsJson = readFileSync(FIX, 'utf8');
const Mi = 2 ** 20;
const r = (cpuMillicores: number | null, memoryBytes: number | null): R => ({ cpuMillicores, memoryBytes });

function checkKnativeList(res: { pods: ImportResult['pods']; notes: ImportResult['notes'] }) {
  const byName = new Map(res.pods.map((p) => [p.name, p]));
  const act = byName.get('activator-7499d967fc-2npcf')!;
  expect(act).toMatchObject({
    namespace: 'knative-serving',
    phase: 'Running',
    nodeName: 'vagrant',
    owner: { kind: 'Deployment', name: 'activator' },
    origin: 'capture',
    overhead: null,
  });
  expect(act.ownerInferred).toBeUndefined();
  expect(act.containers).toEqual([{ name: 'activator', type: 'app', requests: r(300, 60 * Mi), limits: r(1000, 600 * Mi), usage: null }]);
  expect(byName.get('metrics-server-7446cc488c-zxq9b')!.containers[0]!.requests).toEqual(r(10, 30_000_000));
  const router = byName.get('kube-router-8xk2p')!;
  expect(router.owner).toEqual({ kind: 'DaemonSet', name: 'kube-router' });
  expect(router.containers.map((c) => `${c.name}:${c.type}`)).toEqual(['install-cni-bins:init', 'install-cniconf:init', 'kube-router:app']);
  const job = byName.get('default-domain-k7x2d')!;
  expect(job).toMatchObject({ phase: 'Succeeded', owner: { kind: 'Job', name: 'default-domain' }, overhead: r(250, 120 * Mi) });
  expect(job.containers.map((c) => [c.name, c.type, c.requests])).toEqual([
    ['proxy', 'sidecar', r(50, 32 * Mi)],
    ['domain-setup', 'app', r(100, 100 * Mi)],
  ]);
  const other = res.notes.filter((n) => n.code === 'other-resources-ignored');
  expect(other).toHaveLength(1);
  expect(other[0]!.message).toContain('ephemeral-storage');
}

describe('kubectl get pods -o json', () => {
  it('reads containers, init containers, sidecars, overhead, owners, phase and node', () => {
    const res = importKubectlPodsJson(podsJson, { origin: 'pods.json' });
    expect(res.kind).toBe('kubectl get pods -o json (4 pods)');
    checkKnativeList(res);
  });
  it('never copies env values or secret references', () => {
    const out = JSON.stringify(importKubectlPodsJson(podsJson, { origin: 'pods.json' }));
    expect(out).not.toContain('GOGC');
    expect(out).not.toContain('activator-secret');
    expect(out).not.toContain('image');
  });
  it('reads a single Pod', () => {
    const one = JSON.parse(podsJson).items[1];
    const res = importKubectlPodsJson(JSON.stringify(one), { origin: 'pod.json' });
    expect(res.pods.map((p) => p.name)).toEqual(['metrics-server-7446cc488c-zxq9b']);
    expect(res.pods[0]!.owner).toEqual({ kind: 'Deployment', name: 'metrics-server' });
  });
  it('ReplicaSet owner without pod-template-hash: Deployment inferred from the name; otherwise kept', () => {
    const pod = (rs: string) =>
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'p', namespace: 'n', ownerReferences: [{ kind: 'ReplicaSet', name: rs, controller: true }] },
        spec: { containers: [{ name: 'c' }] },
      });
    const a = importKubectlPodsJson(pod('web-5d8f7b9c6d'), { origin: 'x' }).pods[0]!;
    expect(a.owner).toEqual({ kind: 'Deployment', name: 'web' });
    expect(a.ownerInferred).toBe(true);
    const b = importKubectlPodsJson(pod('standalone'), { origin: 'x' }).pods[0]!;
    expect(b.owner).toEqual({ kind: 'ReplicaSet', name: 'standalone' });
  });
  it('a malformed quantity names file:line, pod and field', () => {
    const bad = podsJson.replace('"cpu": "10m"', '"cpu": "10 m"');
    const line = bad.split('\n').findIndex((l) => l.includes('"10 m"')) + 1;
    let err: unknown;
    try {
      importKubectlPodsJson(bad, { origin: 'pods.json' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InputError);
    expect((err as Error).message).toBe(
      `pods.json:${line}: malformed quantity "10 m" at Pod kube-system/metrics-server-7446cc488c-zxq9b containers[metrics-server].resources.requests.cpu (unexpected " m" after the number)`,
    );
  });
  it('truncated JSON is an InputError with a line', () => {
    expect(() => importKubectlPodsJson(podsJson.slice(0, 900), { origin: 'pods.json' })).toThrow(/^pods\.json:\d+: YAML syntax error/);
  });
  it('a list of Deployments is not a pod capture', () => {
    const text = JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [{ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' } }] });
    expect(() => importKubectlPodsJson(text, { origin: 'x.json' })).toThrow('no Pods or Nodes here (found Deployment)');
  });
});

// ---- kubectl as the oracle: the same list rendered by the real kubectl -------------------------

const KUBECTL = '/usr/bin/kubectl';
const haveKubectl = existsSync(KUBECTL);

describe.skipIf(!haveKubectl)('real kubectl output (fake API server on 127.0.0.1)', () => {
  let server: Server;
  let dir: string;
  beforeAll(async () => {
    const list = JSON.parse(podsJson);
    const podList = { kind: 'PodList', apiVersion: 'v1', metadata: { resourceVersion: '1234' }, items: list.items };
    server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      const send = (body: unknown) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (url.pathname === '/api') return send({ kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [] });
      if (url.pathname === '/apis') return send({ kind: 'APIGroupList', apiVersion: 'v1', groups: [] });
      if (url.pathname === '/api/v1')
        return send({
          kind: 'APIResourceList',
          groupVersion: 'v1',
          resources: [{ name: 'pods', singularName: 'pod', namespaced: true, kind: 'Pod', verbs: ['get', 'list'], shortNames: ['po'] }],
        });
      if (url.pathname === '/api/v1/pods') return send(podList);
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', code: 404, reason: 'NotFound' }));
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    dir = mkdtempSync(join(tmpdir(), 'ep-kubectl-'));
    const port = (server.address() as AddressInfo).port;
    writeFileSync(
      join(dir, 'config'),
      `apiVersion: v1\nkind: Config\nclusters: [{name: fake, cluster: {server: "http://127.0.0.1:${port}"}}]\nusers: [{name: u, user: {}}]\ncontexts: [{name: fake, context: {cluster: fake, user: u}}]\ncurrent-context: fake\n`,
    );
  });
  afterAll(async () => {
    await new Promise((ok) => server.close(ok));
    rmSync(dir, { recursive: true, force: true });
  });

  const kubectl = (format: 'json' | 'yaml') =>
    new Promise<string>((resolve, reject) => {
      execFile(
        KUBECTL,
        ['get', 'pods', '-A', '-o', format, '--kubeconfig', join(dir, 'config'), '--cache-dir', join(dir, 'cache'), '--request-timeout', '10s'],
        { timeout: 20_000 },
        (err, stdout, stderr) => (err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(stdout)),
      );
    });

  it('kubectl -o json output is recognised and read', async () => {
    const text = await kubectl('json');
    expect(sniffManifestKind(text)).toBe('kubectl-get-pods-json');
    checkKnativeList(importKubectlPodsJson(text, { origin: 'kubectl.json' }));
  });
  it('kubectl -o yaml output is recognised and read', async () => {
    const text = await kubectl('yaml');
    expect(text).toMatch(/^apiVersion: v1\nitems:\n- apiVersion: v1\n {2}kind: Pod/);
    expect(sniffManifestKind(text)).toBe('kubectl-get-pods-yaml');
    const res = importKubectlPodsYaml(text, { origin: 'kubectl.yaml' });
    expect(res.kind).toBe('kubectl get pods -o yaml (4 pods)');
    checkKnativeList(res);
  });
});
