import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { PodPool } from '../../src/collect/kube/pod-pool.js';
import type { Pod, R } from '../../src/model/snapshot.js';

const amount = fc.record({
  cpuMillicores: fc.option(fc.integer({ min: 0, max: 1_000_000 }), { nil: null }),
  memoryBytes: fc.option(fc.maxSafeNat(), { nil: null }),
});

function pod(name: string, requests: R, limits: R, nodeName: string | null): Pod {
  return {
    namespace: ['ns', name.length].join('-'),
    name,
    phase: 'Running',
    nodeName,
    owner: { kind: 'Deployment', name: `web-${name.length}` },
    containers: [{ name: 'app', type: 'app', requests, limits, usage: null }],
    usage: null,
    overhead: null,
    origin: 'live',
  };
}

describe('PodPool', () => {
  it('leaves every pod equal to what it was (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.string({ minLength: 1 }), amount, amount, fc.option(fc.string(), { nil: null })), { maxLength: 30 }), (rows) => {
        const pool = new PodPool();
        const pods = rows.map(([n, r, l, node]) => pod(n, { ...r }, { ...l }, node));
        const before = JSON.stringify(pods);
        pods.forEach((p) => pool.share(p));
        expect(JSON.stringify(pods)).toBe(before);
      }),
    );
  });

  it('shares equal amounts, owners and strings, and keeps distinct ones apart', () => {
    const pool = new PodPool();
    const a = pool.share(pod('a', { cpuMillicores: 100, memoryBytes: 64 }, { cpuMillicores: null, memoryBytes: 128 }, 'node-1'.slice(0)));
    const b = pool.share(pod('b', { cpuMillicores: 100, memoryBytes: 64 }, { cpuMillicores: 100, memoryBytes: 128 }, ['node', '1'].join('-')));
    expect(b.containers[0]!.requests).toBe(a.containers[0]!.requests);
    expect(b.containers[0]!.limits).not.toBe(a.containers[0]!.limits);
    expect(b.owner).toBe(a.owner);
    expect(b.namespace).toBe(a.namespace);
    expect(b.nodeName).toBe('node-1');
    // null and 0 are different amounts
    expect(pool.amount({ cpuMillicores: 0, memoryBytes: null })).not.toBe(pool.amount({ cpuMillicores: null, memoryBytes: null }));
  });

  it('freezes shared amounts so one pod cannot change another', () => {
    const pool = new PodPool();
    const r = pool.amount({ cpuMillicores: 1, memoryBytes: 2 });
    expect(() => {
      (r as { cpuMillicores: number }).cpuMillicores = 5;
    }).toThrow(TypeError);
    expect(pool.amount({ cpuMillicores: 1, memoryBytes: 2 })).toEqual({ cpuMillicores: 1, memoryBytes: 2 });
  });

  it('copies the containers array to its own length', () => {
    const pool = new PodPool();
    const p = pod('x', { cpuMillicores: 1, memoryBytes: 1 }, { cpuMillicores: 1, memoryBytes: 1 }, null);
    const list = p.containers;
    pool.share(p);
    expect(p.containers).not.toBe(list);
    expect(p.containers).toEqual(list);
  });
});
