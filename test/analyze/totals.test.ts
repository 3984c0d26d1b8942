import { describe, expect, it } from 'vitest';
import { componentOf, computeTotals, installOrder, isSteadyState } from '../../src/analyze/totals.js';
import { ctr, pod, q } from './helpers.js';

const web = (name: string, extra: Parameters<typeof pod>[3] = {}) => pod('app', name, [ctr('c', { req: ['100m', '100Mi'], lim: ['1', '1Gi'] })], extra);

describe('steady state', () => {
  it.each([
    ['a Deployment pod', web('w-1', { owner: ['ReplicaSet', 'web-7499d967fc'] }), true],
    ['a Job pod', web('j-1', { owner: ['Job', 'default-domain'] }), false],
    ['a CronJob pod (owner Job web-28001234)', web('c-1', { owner: ['Job', 'backup-28001234'] }), false],
    ['a Succeeded pod', web('s-1', { owner: ['ReplicaSet', 'web-7499d967fc'], phase: 'Succeeded' }), false],
    ['a Failed pod', web('f-1', { phase: 'Failed' }), false],
    ['a bare pod with unknown phase', web('b', { phase: null }), true],
  ])('%s → %s', (_, p, want) => {
    expect(isSteadyState(p)).toBe(want);
  });
});

describe('components', () => {
  it.each([
    [{ owner: ['ReplicaSet', 'activator-7499d967fc'] as [string, string] }, { name: 'activator', kind: 'Deployment' }],
    [{ owner: ['ReplicaSet', 'odd'] as [string, string] }, { name: 'odd', kind: 'ReplicaSet' }],
    [{ owner: ['Job', 'backup-28001234'] as [string, string] }, { name: 'backup', kind: 'CronJob' }],
    [{ owner: ['DaemonSet', 'kube-router'] as [string, string] }, { name: 'kube-router', kind: 'DaemonSet' }],
    [{ owner: null }, { name: 'lonely', kind: 'Pod' }],
  ])('%j → %j', (opts, want) => {
    expect(componentOf(web('lonely', opts))).toEqual({ namespace: 'app', ...want });
  });
});

describe('computeTotals', () => {
  it('declared counts every pod, steady state leaves Jobs and finished pods out', () => {
    const t = computeTotals([
      web('web-a', { owner: ['ReplicaSet', 'web-7499d967fc'], usage: ['5m', '20Mi'] }),
      web('web-b', { owner: ['ReplicaSet', 'web-7499d967fc'] }),
      web('job', { owner: ['Job', 'default-domain'], usage: ['1m', '7Mi'] }),
      web('old', { phase: 'Succeeded' }),
    ]);
    expect(t.declared.requests).toEqual(q('400m', '400Mi'));
    expect(t.declared.limits).toEqual(q('4', '4Gi'));
    expect(t.steadyState.requests).toEqual(q('200m', '200Mi'));
    expect(t.components.map((c) => [c.name, c.kind, c.pods, c.steadyState])).toEqual([
      ['web', 'Deployment', 2, true],
      ['default-domain', 'Job', 1, false],
      ['old', 'Pod', 1, false],
    ]);
    // usage: only the pods that have it; the others are counted as missing, not as zero
    expect(t.components[0]!.usage).toEqual(q('5m', '20Mi'));
    expect(t.usage).toEqual(q('6m', '27Mi'));
    expect(t.missing.podsWithoutUsage).toBe(2);
    expect(t.components[2]!.usage).toBeNull();
  });

  it('an empty snapshot gives null totals and empty lists, no NaN', () => {
    const t = computeTotals([]);
    expect(t.declared).toEqual({ requests: q(null, null), limits: q(null, null) });
    expect(t.usage).toBeNull();
    expect(t.namespaces).toEqual([]);
    expect(JSON.stringify(t)).not.toContain('NaN');
  });

  it('pods without requests leave the figure null and are counted', () => {
    const t = computeTotals([pod('k', 'gw', [ctr('envoy')]), pod('k', 'ctl', [ctr('c', { req: ['100m', null] })])]);
    expect(t.declared.requests).toEqual(q('100m', null));
    expect(t.missing.containersWithoutCpuRequest).toBe(1);
    expect(t.missing.containersWithoutMemoryRequest).toBe(2);
  });

  it('groups namespaces in install order: kube-system first, then by first appearance', () => {
    const pods = [web('a'), pod('zeta', 'z', []), pod('kube-system', 'dns', []), web('b')];
    expect(installOrder(pods).map((p) => `${p.namespace}/${p.name}`)).toEqual(['kube-system/dns', 'app/a', 'app/b', 'zeta/z']);
    expect(computeTotals(pods).namespaces.map((n) => n.namespace)).toEqual(['kube-system', 'app', 'zeta']);
  });
});
