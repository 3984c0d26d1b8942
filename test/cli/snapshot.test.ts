import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync, mkdirSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseSnapshot } from '../../src/model/load.js';
import type { Snapshot } from '../../src/model/snapshot.js';
import { runCli, ROOT } from '../helpers/cli.js';
import { expectSchemaValid } from '../helpers/schema.js';

const Mi = 1024 * 1024;
const SAMPLES = 'samples/knative-k0s';
const tmp = mkdtempSync(join(tmpdir(), 'ep-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function snapshotFrom(...paths: string[]): { snap: Snapshot; stderr: string } {
  const r = runCli(['snapshot', ...paths.flatMap((p) => ['--from', p])], { env: { SOURCE_DATE_EPOCH: '1679124258' } });
  expect(r.stderr).not.toMatch(/internal error|at .*\.js:\d+/);
  expect(r.code).toBe(0);
  const snap = parseSnapshot(r.stdout, 'stdout');
  expectSchemaValid(JSON.parse(r.stdout));
  expect(snap.takenAt).toBe('2023-03-18T07:24:18.000Z');
  return { snap, stderr: r.stderr };
}

describe('snapshot --from on the sample stages', () => {
  it('1-base-os: free and top of one folder are one host reading, free -m memory wins', () => {
    const { snap, stderr } = snapshotFrom(`${SAMPLES}/1-base-os`);
    expect(stderr).toContain(`${SAMPLES}/1-base-os/free-m.txt: free -m`);
    expect(stderr).toContain(`${SAMPLES}/1-base-os/top.txt: top`);
    expect(snap.pods).toEqual([]);
    expect(snap.host!.memory.usedBytes).toBe(170 * Mi);
    expect(snap.host!.memory.totalBytes).toBe(971 * Mi);
    expect(snap.host!.cpu.loadAverage).toEqual([0.04, 0.06, 0.02]);
    expect(snap.host!.processes.map((p) => p.command)).toEqual(['snapd']);
    expect(snap.samples).toBeUndefined();
  });

  it('2-k0s: 558 MiB used (free -m), ten processes from top', () => {
    const { snap } = snapshotFrom(`${SAMPLES}/2-k0s`);
    expect(snap.host!.memory).toMatchObject({ usedBytes: 558 * Mi, swapUsedBytes: 208 * Mi, availableBytes: 268 * Mi });
    expect(snap.host!.processes).toHaveLength(10);
    expect(snap.host!.processes[0]).toMatchObject({ pid: 1222, command: 'kube-apiserver', residentBytes: 261064 * 1024 });
  });

  it('3-knative: the custom-columns rows sum to 730m / 4800m / 500Mi / 4500Mi, usage joined by workload', () => {
    const { snap, stderr } = snapshotFrom(`${SAMPLES}/3-knative`);
    expect(stderr.split('\n').filter((l) => l.startsWith(`${SAMPLES}/3-knative/`))).toHaveLength(8);
    const knative = snap.pods.filter((p) => p.namespace === 'knative-serving' || p.namespace === 'kourier-system');
    const sum = (f: (p: Snapshot['pods'][number]) => number | null, pods = knative) => pods.reduce((a, p) => a + (f(p) ?? 0), 0);
    const c = (k: 'requests' | 'limits', r: 'cpuMillicores' | 'memoryBytes') => sum((p) => p.containers.reduce((a, x) => a + (x[k][r] ?? 0), 0));
    expect([c('requests', 'cpuMillicores'), c('limits', 'cpuMillicores'), c('requests', 'memoryBytes') / Mi, c('limits', 'memoryBytes') / Mi])
      .toEqual([730, 4800, 500, 4500]);
    // top pod -A: 12 pods, sum of CPU 43m
    expect(sum((p) => p.usage?.cpuMillicores ?? null, snap.pods)).toBe(43);
    // hello.yaml: the Knative Service's pod carries queue-proxy (25m CPU request, nothing else)
    const hello = snap.pods.find((p) => p.namespace === 'default')!;
    expect(hello.owner).toEqual({ kind: 'Service.serving.knative.dev', name: 'hello' });
    expect(hello.containers.find((x) => x.name === 'queue-proxy')!.requests).toEqual({ cpuMillicores: 25, memoryBytes: null });
    const activator = snap.pods.find((p) => p.name === 'activator-7499d967fc-2npcf')!;
    expect(activator).toMatchObject({ phase: 'Running', usage: { cpuMillicores: 2, memoryBytes: 21 * Mi }, aliases: ['activator-6f78547bf7-xp5jh'] });
    expect(snap.nodes).toEqual([{ name: 'vagrant', capacity: null, allocatable: null, usage: { cpuMillicores: 166, memoryBytes: 1341 * Mi } }]);
    expect(snap.notes.filter((n) => n.code === 'no-spec').map((n) => n.message.split(':')[0]))
      .toEqual(['kube-system/coredns-7bf57bcbd8-b22j4', 'kube-system/kube-proxy-pm4ht',
        'kube-system/kube-router-vdqtv', 'kube-system/metrics-server-7446cc488c-zxdxg']);
  });

  it('3-knative + manifests: default-domain is a Job, containers named, same totals', () => {
    const { snap, stderr } = snapshotFrom(`${SAMPLES}/3-knative`, `${SAMPLES}/manifests`);
    expect(stderr).toContain(`${SAMPLES}/manifests/serving-core.yaml: manifests`);
    expect(stderr).not.toContain('PROVENANCE');
    const dd = snap.pods.find((p) => p.name === 'default-domain-nwbhr')!;
    expect(dd.owner).toEqual({ kind: 'Job', name: 'default-domain' });
    expect(dd.containers.map((x) => x.name)).toEqual(['default-domain']);
    expect(snap.pods.filter((p) => p.origin === 'manifest')).toEqual([]);
    expect(snap.pods.filter((p) => p.namespace === 'knative-serving')).toHaveLength(7);
    expect(snap.notes.filter((n) => n.code === 'manifest-not-running').map((n) => n.message.split(' ')[0]))
      .toEqual(['knative-serving/domain-mapping', 'knative-serving/domainmapping-webhook']);
  });

  it('4-k0s-on-1cpu-1.5g: the transcript with kubectl stderr noise gives the node at 39m / 959Mi', () => {
    const { snap } = snapshotFrom(`${SAMPLES}/4-k0s-on-1cpu-1.5g`);
    expect(snap.nodes).toEqual([{ name: 'vagrant', capacity: null, allocatable: null, usage: { cpuMillicores: 39, memoryBytes: 959 * Mi } }]);
  });

  it('all stages together: each folder is one host reading, kept as samples', () => {
    const { snap } = snapshotFrom(`${SAMPLES}/1-base-os`, `${SAMPLES}/2-k0s`);
    expect(snap.samples!.map((s) => s.host!.memory.usedBytes)).toEqual([170 * Mi, 558 * Mi]);
    expect(snap.host!.memory.usedBytes).toBe(558 * Mi);
  });

  it('--out writes the file atomically, refuses to replace it without --force, replaces it with --force', () => {
    const out = join(tmp, 'k0s.json');
    const first = runCli(['snapshot', '--from', `${SAMPLES}/2-k0s`, '--out', out]);
    expect(first.code).toBe(0);
    expect(first.stdout).toBe('');
    expect(first.stderr).toContain(`wrote ${out}`);
    const written = readFileSync(out, 'utf8');
    parseSnapshot(written, out);

    const again = runCli(['snapshot', '--from', `${SAMPLES}/1-base-os`, '--out', out]);
    expect(again.code).toBe(2);
    expect(again.stderr).toBe(`error: ${out} exists; pass --force to replace it\n`);
    expect(readFileSync(out, 'utf8')).toBe(written);

    const forced = runCli(['snapshot', '--from', `${SAMPLES}/1-base-os`, '--out', out, '--force']);
    expect(forced.code).toBe(0);
    expect(parseSnapshot(readFileSync(out, 'utf8'), out).host!.memory.usedBytes).toBe(170 * Mi);
    expect(readdirSync(tmp).filter((f) => f.includes('k0s.json'))).toEqual(['k0s.json']);
  });

  it('a saved snapshot can be read back with --from', () => {
    const out = join(tmp, 'saved.json');
    expect(runCli(['snapshot', '--from', `${SAMPLES}/3-knative`, '--out', out]).code).toBe(0);
    const { snap } = snapshotFrom(out);
    const { snap: direct } = snapshotFrom(`${SAMPLES}/3-knative`);
    expect(snap.pods).toEqual(direct.pods);
  });
});

describe('bad input exits 4 with one line naming the file, and leaves no --out file', () => {
  const bad = (name: string, text: string): string => {
    const dir = mkdtempSync(join(tmp, 'bad-'));
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  };
  const valid = readFileSync(join(ROOT, `${SAMPLES}/2-k0s/free-m.txt`), 'utf8');
  const savedSnapshot = (): string => {
    const r = runCli(['snapshot', '--from', `${SAMPLES}/3-knative`]);
    expect(r.code).toBe(0);
    return r.stdout;
  };

  it.each<[string, () => string, RegExp]>([
    ['a truncated snapshot', () => bad('s.json', savedSnapshot().slice(0, 500)),
      /^error: .*s\.json: truncated or malformed JSON at line \d+ column \d+ \(unexpected end of input[^)]*\)\n$/],
    ['an unknown apiVersion', () => bad('s.json', savedSnapshot().replace('edge-profile/v1', 'edge-profile/v9')),
      /^error: .*s\.json: unknown apiVersion "edge-profile\/v9"; this edge-profile reads edge-profile\/v1\n$/],
    ['a snapshot with a bad field', () => bad('s.json', savedSnapshot().replace('"cpuMillicores": 300', '"cpuMillicores": "300m"')),
      /^error: .*s\.json: pods\[\d+\]\.containers\[0\]\.requests\.cpuMillicores must be an integer or null, got "300m"\n$/],
    ['a malformed quantity', () => bad('cc.txt', 'NAME   CPU-REQUEST   MEM-REQUEST\nweb-1   100m   64Mi\nweb-2   12x   1Gi\n'),
      /^error: .*cc\.txt:3: malformed quantity "12x" in column CPU-REQUEST\n$/],
    ['an unrecognised file', () => bad('notes.txt', 'shopping list\nmilk\n'),
      /^error: .*notes\.txt: not a format edge-profile recognises; it reads kubectl get pods .*\n$/],
    ['a dangling symlink in a folder', () => {
      const dir = mkdtempSync(join(tmp, 'link-'));
      writeFileSync(join(dir, 'free.txt'), valid);
      symlinkSync(join(dir, 'gone.txt'), join(dir, 'top.txt'));
      return dir;
    }, /^error: .*top\.txt: cannot read: no such file or directory \(ENOENT\)\n$/],
    ['a missing path', () => join(tmp, 'nowhere'), /^error: .*nowhere: cannot read: no such file or directory \(ENOENT\)\n$/],
  ])('%s', (_name, make, message) => {
    const input = make();
    const out = join(tmp, `out-${Math.random().toString(36).slice(2)}.json`);
    const r = runCli(['snapshot', '--from', input, '--out', out]);
    expect(r.code).toBe(4);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n').filter((l) => l.startsWith('error:'))).toHaveLength(1);
    expect(r.stderr.split('\n').filter((l) => l.startsWith('error:')).join('\n') + '\n').toMatch(message);
    expect(readdirSync(tmp).filter((f) => f.startsWith(out.split('/').pop()!.slice(0, 12)) || f.includes('.tmp'))).toEqual([]);
  });

  it.skipIf(process.getuid?.() === 0)('an unreadable file', () => {
    const p = bad('free.txt', valid);
    chmodSync(p, 0o000);
    const r = runCli(['snapshot', '--from', p]);
    expect(r.code).toBe(4);
    expect(r.stderr).toBe(`error: ${p}: cannot read: permission denied (EACCES)\n`);
  });

  it('hidden files and README/PROVENANCE notes in a folder are skipped', () => {
    const dir = mkdtempSync(join(tmp, 'skip-'));
    copyFileSync(join(ROOT, `${SAMPLES}/2-k0s/free-m.txt`), join(dir, 'free.txt'));
    writeFileSync(join(dir, 'README.md'), '# not an input\n');
    writeFileSync(join(dir, 'PROVENANCE.md'), 'from somewhere\n');
    mkdirSync(join(dir, '.git'));
    writeFileSync(join(dir, '.git', 'HEAD'), 'ref: x\n');
    writeFileSync(join(dir, '.hidden.txt'), 'junk\n');
    const r = runCli(['snapshot', '--from', dir]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(`${dir}/free.txt: free -m (1 host reading)\n`);
  });
});

describe('flags', () => {
  it.each<[string[], RegExp]>([
    [['--from', `${SAMPLES}/2-k0s`, '--samples', '3'], /^error: --samples applies to live collection only; drop it or drop --from\n/],
    [['--from', `${SAMPLES}/2-k0s`, '-A', '--no-host'], /^error: --all-namespaces, --no-host apply to live collection only; drop them or drop --from\n/],
    [['--from', `${SAMPLES}/2-k0s`, '--force'], /^error: --force only applies with --out FILE\n/],
    [['--interval', '5x'], /^error: --interval "5x" is not a duration; write it like 500ms, 5s, 1m or 1m30s\n/],
    [['--samples', '2', '--duration', '1m'], /^error: use --samples or --duration, not both\n/],
    [['-A', '-n', 'kube-system'], /^error: use -n NS or -A, not both\n/],
    [['--samples', '0'], /^error: --samples must be a whole number of at least 1, got "0"\n/],
    [['--from', `${SAMPLES}/2-k0s`, '--out', join(tmp, 'never.json'), '--bogus'], /^error: Unknown argument: bogus\nRun 'edge-profile --help' for usage\.\n$/],
  ])('snapshot %j → exit 2', (args, message) => {
    const r = runCli(['snapshot', ...args]);
    expect(r.stderr).toMatch(message);
    expect(r.code).toBe(2);
    expect(readdirSync(tmp)).not.toContain('never.json');
  });

  it('--help teaches: every flag, examples, input formats, exit codes', () => {
    const r = runCli(['snapshot', '--help']);
    expect(r.code).toBe(0);
    for (const flag of ['--from', '--out', '--force', '--kubeconfig', '--context', '--namespace', '--all-namespaces', '--samples',
      '--interval', '--duration', '--host', '--page-limit', '--request-timeout']) {
      expect(r.stdout).toContain(flag);
    }
    expect(r.stdout).toContain('Examples:');
    expect(r.stdout).toMatch(/edge-profile snapshot --from dir\/ --out s\.json +Every capture under dir\/ into s\.json/);
    expect(r.stdout).toContain('  edge-profile snapshot --from samples/knative-k0s/3-knative --from samples/knative-k0s/manifests\n');
    expect(r.stdout).toMatch(/Exit codes: 0 written; 2 bad flags/);
    expect(r.stdout).toContain('custom-columns');
  });

  it('the top-level --help lists the snapshot command', () => {
    const r = runCli(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/edge-profile snapshot\s+Take a snapshot/);
  });
});

describe('edge-profile snapshot: repeated warnings on stderr', () => {
  it('a suspicious quantity on 2,500 pods is one stderr line; the snapshot keeps every note', () => {
    const dir = mkdtempSync(join(tmpdir(), 'edge-profile-fold-'));
    const rows = Array.from({ length: 2500 }, (_, i) => `app-${String(i).padStart(4, '0')}   100m   1   100m   200Mi`);
    writeFileSync(join(dir, 'pods.txt'), ['NAME   CPU-REQUEST   CPU-LIMIT   MEM-REQUEST   MEM-LIMIT', ...rows, ''].join('\n'));
    const r = runCli(['snapshot', '--from', 'pods.txt', '--out', 's.json'], { cwd: dir });
    expect(r.code).toBe(0);
    const warnings = r.stderr.split('\n').filter((l) => l.startsWith('warning:'));
    const suspicious = warnings.filter((l) => l.includes('100m'));
    expect(suspicious).toHaveLength(1);
    expect(suspicious[0]).toMatch(/^warning: suspicious-memory: 2,500 notes \(first: pods\.txt:2: .*\); all 2,500 are in the snapshot's notes$/);
    const snapshot = JSON.parse(readFileSync(join(dir, 's.json'), 'utf8')) as { notes: { code: string }[] };
    expect(snapshot.notes.filter((n) => n.code === 'suspicious-memory')).toHaveLength(2500);
  });
});
