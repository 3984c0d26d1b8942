import { describe, expect, it } from 'vitest';
import { importTranscript, makeTranscriptImporter, transcriptPrompt } from '../../src/collect/import/transcript.js';
import { importersByKind, sniffTextKind } from '../../src/collect/import/text-detect.js';
import { emptyImport } from '../../src/collect/import/types.js';
import { fixture } from './fixture.js';

const MiB = 2 ** 20;

describe('importTranscript on the reference sessions', () => {
  it('k0s session: klog noise counted once, get nodes skipped, top node read, prose named', () => {
    const r = importTranscript(fixture('reference/transcript-k0s-memcache.txt'), { origin: 's.txt' });
    expect(r.kind).toBe('terminal transcript (1 section: kubectl top node)');
    expect(r.nodes).toEqual([{ name: 'vagrant', capacity: null, allocatable: null, usage: { cpuMillicores: 39, memoryBytes: 959 * MiB } }]);
    const klog = r.notes.filter((n) => n.code === 'klog-noise');
    expect(klog).toHaveLength(1);
    expect(klog[0]!.message).toMatch(/^kubectl stderr, 4×: couldn't get resource list for metrics\.k8s\.io\/v1beta1/);
    expect(klog[0]!.source).toBe('s.txt:2');
    expect(r.notes.find((n) => n.code === 'transcript-skipped')).toMatchObject({ source: 's.txt:1', message: expect.stringMatching(/`kubectl get nodes`/) });
    expect(r.notes.find((n) => n.code === 'transcript-prose')).toMatchObject({ level: 'warn', source: 's.txt:13' });
  });

  it('monitoring session: pods from get pods and top pod -A, namespaces from -n, comments info-level', () => {
    const r = importTranscript(fixture('reference/transcript-monitoring.txt'), { origin: 'm.txt', firstLine: 86 });
    expect(r.kind).toBe(
      'terminal transcript (5 sections: kubectl get pods -n knative-serving, kubectl get pods -n kourier-system, kubectl get pods, kubectl top node, kubectl top pod -A)',
    );
    expect(r.pods.slice(0, 6).every((p) => p.namespace === 'knative-serving' && p.phase === 'Running')).toBe(true);
    expect(r.pods[6]).toMatchObject({ namespace: 'kourier-system', name: '3scale-kourier-gateway-9b477c667-2hdt2' });
    expect(r.pods[7]).toMatchObject({ namespace: 'default', name: 'hello-00001-deployment-66ddff5b59-jbn6x', containers: [{ name: '#1' }, { name: '#2' }] });
    const usage = r.pods.slice(8);
    expect(usage).toHaveLength(12);
    expect(usage.reduce((a, p) => a + p.usage!.cpuMillicores!, 0)).toBe(43);
    expect(r.nodes[0]!.usage).toEqual({ cpuMillicores: 166, memoryBytes: 1341 * MiB });
    // line numbers are the reference document's own (fixture starts at its line 86)
    const prose = r.notes.filter((n) => n.code === 'transcript-prose');
    expect(prose.map((n) => [n.level, n.source])).toEqual([
      ['info', 'm.txt:97'],
      ['info', 'm.txt:101'],
      ['warn', 'm.txt:108'],
    ]);
    expect(prose[2]!.message).toBe(
      '"Resource Analysis of fully installed knative serving with one knative service, Idle State" is not part of the `kubectl get pods` output, ignored',
    );
    expect(r.notes.filter((n) => n.code === 'top-memory-floored')).toHaveLength(1);
  });

  it('free -m and top pasted without a prompt: four host readings in order, prose after each named', () => {
    const r = importTranscript(fixture('reference/transcript-k0s-default.txt'), { origin: 'd.txt', firstLine: 37 });
    expect(r.hosts.map((h) => h.memory.usedBytes)).toEqual([558 * MiB, Math.round(547.8 * MiB), 170 * MiB, Math.round(170.8 * MiB)]);
    expect(r.hosts[1]!.processes).toHaveLength(10);
    expect(r.notes.filter((n) => n.code === 'transcript-no-prompt').map((n) => n.source)).toEqual(['d.txt:45', 'd.txt:69']);
    const prose = r.notes.filter((n) => n.code === 'transcript-prose');
    expect(prose.map((n) => n.source)).toEqual(['d.txt:43', 'd.txt:61', 'd.txt:68', 'd.txt:76']);
    expect(prose[0]!.message).toBe('"Memory used by k0s - 558 m" is not part of the `free -m` output, ignored (and 1 more line up to the next command)');
  });

  it('an error inside a section names the transcript line', () => {
    const text = 'vagrant@vagrant:~$ sudo k0s kubectl top pod -n x\nNAME    CPU(cores)   MEMORY(bytes)\nweb-0   2q           10Mi\n';
    expect(() => importTranscript(text, { origin: 't.txt', firstLine: 10 })).toThrow('t.txt:12: malformed quantity "2q" in column CPU(cores)');
  });
});

describe('transcript prompts and hooks', () => {
  it.each([
    ['vagrant@vagrant:~$ sudo k0s kubectl top node', 'sudo k0s kubectl top node'],
    ['root@x:/# free -m', 'free -m'],
    ['[user@host ~]$ top -b -n1', 'top -b -n1'],
    ['$ kubectl get pods -A', 'kubectl get pods -A'],
    ['# microk8s kubectl top pod', 'microk8s kubectl top pod'],
    ['# knative core components', null],
    ['NAME   READY', null],
  ])('%s → %s', (line, cmd) => {
    expect(transcriptPrompt(line)).toBe(cmd);
  });

  it('skips -o json without a hook; hands it to a hook when given', () => {
    const text = '$ kubectl get pods -n a -o json\n{\n  "items": []\n}\nsome prose\n$ free -m\n      total   used   free\nMem:    971    558     61\n';
    const without = importTranscript(text, { origin: 'j.txt' });
    expect(without.notes.find((n) => n.code === 'transcript-skipped')!.source).toBe('j.txt:1');
    const seen: Array<[string, number | undefined, string | undefined, string | undefined]> = [];
    const withHook = makeTranscriptImporter({
      'kubectl-json': (t, ctx) => {
        seen.push([t, ctx.firstLine, ctx.namespace, ctx.commandLine]);
        return emptyImport('kubectl json');
      },
    })(text, { origin: 'j.txt' });
    expect(seen).toEqual([['{\n  "items": []\n}\n', 2, 'a', 'kubectl get pods -n a -o json']]);
    expect(withHook.kind).toBe('terminal transcript (2 sections: kubectl get pods -n a -o json, free -m)');
    expect(withHook.notes.find((n) => n.code === 'transcript-prose')!.source).toBe('j.txt:5');
  });
});

describe('sniffTextKind', () => {
  it.each([
    ['reference/custom-columns-knative-serving.txt', 'custom-columns'],
    ['synthetic/custom-columns-multi-container.txt', 'custom-columns'],
    ['reference/get-pods-knative-serving.txt', 'get-pods'],
    ['synthetic/get-pods-wide-all.txt', 'get-pods'],
    ['reference/top-pod-all-namespaces.txt', 'top-pod'],
    ['synthetic/top-pod-containers.txt', 'top-pod-containers'],
    ['reference/top-node-idle.txt', 'top-node'],
    ['synthetic/top-node-notready.txt', 'top-node'],
    ['reference/free-m-k0s.txt', 'free'],
    ['host/jc/centos-7.7/free-w.out', 'free'],
    ['host/procps-4.0.2/free-h.txt', 'free'],
    ['reference/top-b-k0s.txt', 'top-b'],
    ['host/jc/centos-7.7/top-b-n3.out', 'top-b'],
    ['reference/transcript-monitoring.txt', 'transcript'],
    ['reference/transcript-k0s-memcache.txt', 'transcript'],
    ['reference/transcript-k0s-default.txt', 'transcript'],
    ['host/jc/centos-7.7/free.json', null],
    ['reference/PROVENANCE.md', null],
  ])('%s → %s', (path, kind) => {
    const text = fixture(path);
    const k = sniffTextKind(text);
    expect(k).toBe(kind);
    // and the importer for that kind reads it without error
    if (k) expect(() => importersByKind[k](text, { origin: path })).not.toThrow();
  });
});
