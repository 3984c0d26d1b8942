// The built CLI: `compare` on snapshots taken by `snapshot --from` of the Knative 1.8 and 1.23
// release manifests, the CI example of docs/compare.md both ways (exit 1 / 0), malformed rules
// (exit 2), unreadable and mismatched inputs (exit 4); and CURRENT omitted: a live snapshot from
// the loopback fake API server, scoped to the baseline's namespaces unless -n / -A say otherwise.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kubeconfigFor, startKubeServer, type KubeServer } from '../kube-server/server.js';
import { ROOT, runCli, runCliAsync } from '../helpers/cli.js';

let dir = '';

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ep-compare-'));
  for (const v of ['v1.8', 'v1.23']) {
    const r = runCli(['snapshot', '--from', join(ROOT, 'test/fixtures/manifests/knative', v), '--out', join(dir, `knative-${v}.json`)], { cwd: dir, env: { SOURCE_DATE_EPOCH: '0' } });
    expect(r.code, r.stderr).toBe(0);
  }
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const compare = (...args: string[]) => runCli(['compare', 'knative-v1.8.json', 'knative-v1.23.json', ...args], { cwd: dir });

/** The CI example of docs/compare.md, its rules as written there. */
function ciRules(): string[] {
  const doc = readFileSync(join(ROOT, 'docs/compare.md'), 'utf8');
  const block = /### CI example\s+```yaml\n([\s\S]*?)```/.exec(doc)![1]!;
  const rules = [...block.matchAll(/--fail-on '([^']+)'/g)].map((m) => m[1]!);
  expect(rules.length).toBeGreaterThan(1);
  return rules;
}

describe('edge-profile compare (built CLI)', () => {
  it('CI example: exit 1 when a rule holds, with the violation on stdout and a count on stderr', () => {
    const rules = ciRules();
    const r = compare('-o', 'markdown', '--node-size', 'cpu=2,memory=4Gi', ...rules.flatMap((x) => ['--fail-on', x]));
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('- ❌ `steadyState.requests.cpu > +10%`: steady-state CPU requests changed by +35.5% (760m → 1030m, +270m), more than +10%');
    expect(r.stdout).toContain('- ❌ `steadyState.requests.memory > +100Mi`');
    expect(r.stderr).toBe(`compare: 2 of ${rules.length} --fail-on rules violated\n`);
  });

  it('CI example: exit 0 when the same gate allows the growth', () => {
    const r = compare('-o', 'json', '--node-size', 'cpu=2,memory=4Gi',
      '--fail-on', 'steadyState.requests.cpu > +40%', '--fail-on', 'steadyState.requests.memory > +300Mi', '--fail-on', 'fit == false');
    expect(r.code, r.stderr).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.kind).toBe('Comparison');
    expect(json.violations).toEqual([]);
    expect(json.totals.declared.requests.cpuMillicores).toEqual({ before: 860, after: 1130, delta: 270 });
    expect(json.fit.fits).toEqual({ before: true, after: true });
  });

  it('the table names the components that came and went', () => {
    const r = compare();
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/removed +knative-serving\/domain-mapping /);
    expect(r.stdout).toMatch(/removed +knative-serving\/domainmapping-webhook /);
    expect(r.stdout).toMatch(/changed +kourier-system\/3scale-kourier-gateway +Deployment +1 +— → 200m +— → 200Mi/);
    expect(r.stdout).not.toMatch(/\u001b\[/);
  });

  it.each([
    ['steadyState.requests.cpu > +x%', 'malformed percentage "+x%"'],
    ['steadystate.requests.cpu > 10%', 'did you mean steadyState.requests.cpu?'],
    ['declared.limits.memory > +100m', 'did you mean "100Mi"?'],
    ['fits', 'no comparison operator'],
  ])('exit 2 for the malformed rule %j, naming it', (rule, what) => {
    const r = compare('--fail-on', 'steadyState.requests.cpu > +10%', '--fail-on', rule);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`error: --fail-on "${rule}": `);
    expect(r.stderr).toContain(what);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('exit 2 for a fit rule without --node-size, and for live flags with CURRENT', () => {
    expect(compare('--fail-on', 'fit == false').stderr).toContain('needs --node-size');
    expect(compare('--fail-on', 'fit == false').code).toBe(2);
    const live = compare('-n', 'knative-serving');
    expect(live.code).toBe(2);
    expect(live.stderr).toContain('--namespace: only for a live CURRENT');
  });

  it('applies the report policy flags to both sides, and rejects a malformed one with exit 2', () => {
    const r = compare('-o', 'json', '--assume-distro', 'k0s', '--node-size', 'cpu=1,memory=1500Mi', '--headroom', '20');
    expect(r.code, r.stderr).toBe(0);
    const json = JSON.parse(r.stdout);
    // k0s's assumed pods (coredns, kube-router, metrics-server…) are on both sides: the delta is Knative's alone.
    expect(json.totals.declared.requests.cpuMillicores.delta).toBe(270);
    expect(json.totals.declared.requests.cpuMillicores.before).toBeGreaterThan(860);
    expect(json.components.every((c: { namespace: string }) => c.namespace !== 'kube-system')).toBe(true);
    expect(json.fit.nodeSize.after).toEqual({ cpuMillicores: 1000, memoryBytes: 1500 * 2 ** 20 });
    const bad = compare('--node-size', 'cpu=1');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('error: --node-size: malformed value "cpu=1": give both cpu and memory (cpu=Q,memory=Q, e.g. cpu=1,memory=1500Mi)\n');
    expect(compare('--assume-distro', 'minix').code).toBe(2);
  });

  it('exit 4 for an unreadable baseline, and for an apiVersion it cannot upgrade, naming both', () => {
    const missing = runCli(['compare', 'nope.json', 'knative-v1.23.json'], { cwd: dir });
    expect(missing.code).toBe(4);
    expect(missing.stderr).toBe('error: nope.json: cannot read snapshot: no such file or directory (ENOENT)\n');
    const doc = JSON.parse(readFileSync(join(dir, 'knative-v1.8.json'), 'utf8'));
    writeFileSync(join(dir, 'future.json'), JSON.stringify({ ...doc, apiVersion: 'edge-profile/v9' }));
    const future = runCli(['compare', 'future.json', 'knative-v1.23.json'], { cwd: dir });
    expect(future.code).toBe(4);
    expect(future.stderr).toBe(
      'error: cannot compare future.json (apiVersion edge-profile/v9) with knative-v1.23.json (apiVersion edge-profile/v1): ' +
        'edge-profile/v9 cannot be read or upgraded by this edge-profile, which reads edge-profile/v1\n',
    );
  });

  it('states a difference of scope at the top', () => {
    const doc = JSON.parse(readFileSync(join(dir, 'knative-v1.23.json'), 'utf8'));
    doc.pods = doc.pods.filter((p: { namespace: string }) => p.namespace !== 'kourier-system');
    writeFileSync(join(dir, 'serving-only.json'), JSON.stringify(doc));
    const r = runCli(['compare', 'knative-v1.8.json', 'serving-only.json'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[2]).toBe('Scope: Namespaces only in BASELINE: kourier-system.');
  });

  it('lists the rule language in --help', () => {
    const r = runCli(['compare', '--help'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("--fail-on 'steadyState.requests.cpu > +10%'");
    expect(r.stdout).toContain('RULE is FIGURE OP VALUE');
    expect(r.stdout).toContain('recommendation.node.memory');
  });
});

// ---- CURRENT omitted: live ------------------------------------------------------------------

let server: KubeServer;
let liveDir = '';
let kubeconfig = '';

beforeAll(async () => {
  server = await startKubeServer({ pods: 30, nodes: 1, namespaces: 3 });
  liveDir = mkdtempSync(join(tmpdir(), 'ep-compare-live-'));
  kubeconfig = join(liveDir, 'kubeconfig');
  writeFileSync(kubeconfig, kubeconfigFor(server.url));
  const r = await runCliAsync(['snapshot', '--kubeconfig', kubeconfig, '-n', 'ns-001', '--no-host', '--out', 'base.json'], { cwd: liveDir });
  expect(r.code, r.stderr).toBe(0);
});

afterAll(async () => {
  await server?.close();
  if (liveDir) rmSync(liveDir, { recursive: true, force: true });
});

describe('compare with a live CURRENT', () => {
  it("reads the baseline's namespaces by default and finds nothing changed", async () => {
    server.requests.length = 0;
    const r = await runCliAsync(['compare', 'base.json', '--kubeconfig', kubeconfig, '--no-host', '-o', 'json', '--fail-on', 'components.changed > 0'], { cwd: liveDir });
    expect(r.code, r.stderr).toBe(0);
    const podLists = server.requests.filter((p) => p.includes('/pods'));
    expect(podLists.length).toBeGreaterThan(0);
    expect(podLists.every((p) => p.includes('/namespaces/ns-001/'))).toBe(true);
    const json = JSON.parse(r.stdout);
    expect(json.after.label).toBe('live');
    expect(json.after.sourceType).toBe('live');
    expect(json.summary.added + json.summary.removed + json.summary.changed).toBe(0);
    expect(json.summary.unchanged).toBeGreaterThan(0);
    expect(json.scope).toEqual([]);
    expect(json.totals.declared.requests.cpuMillicores.delta).toBe(0);
  });

  it('with -A reads every namespace and says the scopes differ', async () => {
    const r = await runCliAsync(['compare', 'base.json', '--kubeconfig', kubeconfig, '--no-host', '-A'], { cwd: liveDir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Scope: Namespaces only in CURRENT: ns-000, ns-002.');
    expect(r.stdout).toContain('Scope: Collected with different scopes: BASELINE namespaces ns-001, CURRENT all namespaces.');
    expect(r.stdout).toMatch(/Components: \d+ added, 0 removed, 0 changed/);
  });

  it('exits 3 when the cluster cannot be reached', async () => {
    const bad = join(liveDir, 'bad-kubeconfig');
    writeFileSync(bad, kubeconfigFor('http://127.0.0.1:9'));
    const r = await runCliAsync(['compare', 'base.json', '--kubeconfig', bad, '--no-host', '--request-timeout', '2s'], { cwd: liveDir });
    expect(r.code).toBe(3);
    expect(r.stdout).toBe('');
  });
});
