import { describe, expect, it } from 'vitest';
import { containerKey, planShrink, shrinkTotals, type Observation, type TargetContainer } from '../../src/analyze/shrink.js';
import { parseDecimal, type Rational } from '../../src/analyze/shrink-units.js';

const obj = { file: 'm.yaml', docIndex: 0, apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'ns', name: 'web', base: [] };

function rat(t: string): Rational {
  const r = parseDecimal(t);
  if (!r) throw new Error(t);
  return r;
}

function target(values: Partial<Record<'requests' | 'limits', Partial<Record<'cpu' | 'memory', string | number>>>>): TargetContainer {
  const v: TargetContainer['values'] = { requests: {}, limits: {} };
  for (const section of ['requests', 'limits'] as const) {
    for (const [res, raw] of Object.entries(values[section] ?? {})) {
      v[section][res as 'cpu' | 'memory'] = { raw: raw!, where: 'm.yaml:1', path: ['spec', section, res] };
    }
  }
  return { object: obj, container: 'app', type: 'app', path: [], values: v };
}

function one(raw: string | number, resource: 'cpu' | 'memory', factor: string) {
  const [c] = planShrink([target({ requests: { [resource]: raw } })], new Map(), { factor: rat(factor), headroomPercent: rat('15') });
  return c!;
}

describe('planShrink rounding and unit style', () => {
  it.each([
    // [declared, resource, factor, written, amount after]
    ['600Mi', 'memory', '0.5', '300Mi', 300 * 2 ** 20],
    ['1Gi', 'memory', '0.5', '512Mi', 512 * 2 ** 20],
    ['2Gi', 'memory', '0.5', '1Gi', 2 ** 30],
    ['3Gi', 'memory', '0.5', '1536Mi', 1536 * 2 ** 20],
    ['1.5Gi', 'memory', '0.5', '768Mi', 768 * 2 ** 20],
    ['100Mi', 'memory', '0.333', '34Mi', 34 * 2 ** 20], // 33.3 → up to whole Mi
    ['204800Ki', 'memory', '0.5', '102400Ki', 100 * 2 ** 20], // stays in Ki when whole
    ['2000Ki', 'memory', '0.5', '1024Ki', 2 ** 20], // 1000Ki → up to 1Mi, written in the input's Ki
    ['30M', 'memory', '0.5', '15M', 15_000_000],
    ['129M', 'memory', '0.5', '65M', 65_000_000],
    ['1G', 'memory', '0.5', '500M', 500_000_000],
    ['1e9', 'memory', '0.5', '500M', 500_000_000],
    ['268435456', 'memory', '0.5', '134217728', 134217728],
    ['100000001', 'memory', '0.5', '50000001', 50000001], // whole bytes, rounded up
    ['1', 'cpu', '0.5', '500m', 500],
    ['2', 'cpu', '0.5', '1', 1000],
    ['0.5', 'cpu', '0.5', '250m', 250],
    ['1000m', 'cpu', '0.5', '500m', 500],
    ['2000m', 'cpu', '0.5', '1000m', 1000],
    ['101m', 'cpu', '0.5', '51m', 51],
    ['100m', 'cpu', '0.333', '34m', 34],
    ['3m', 'cpu', '0.1', '1m', 1], // never to zero
    ['10Mi', 'memory', '0.01', '1Mi', 2 ** 20], // never to zero
    ['1', 'cpu', '1', '1', 1000],
  ])('%s %s × %s → %s', (raw, resource, factor, written, amount) => {
    const c = one(raw, resource as 'cpu' | 'memory', factor);
    expect(c.after).toBe(written);
    expect(c.afterAmount).toBe(amount);
    expect(c.changed).toBe(written !== raw);
  });

  it('never raises a value: rounding above the input leaves it unchanged', () => {
    const c = one('100Ki', 'memory', '0.5'); // 50Ki would round up to 1Mi > 100Ki
    expect(c.after).toBe('100Ki');
    expect(c.changed).toBe(false);
    expect(c.reason).toMatch(/unchanged/);
  });

  it('leaves an explicit zero alone', () => {
    const c = one('0', 'memory', '0.5');
    expect(c.changed).toBe(false);
    expect(c.afterAmount).toBe(0);
  });

  it('writes a number where the input was a number and the result is whole cores', () => {
    expect(one(2, 'cpu', '0.5').afterValue).toBe(1);
    expect(one(1, 'cpu', '0.5').afterValue).toBe('500m');
    expect(one('2', 'cpu', '0.5').afterValue).toBe('1');
  });

  it('reports malformed quantities with where they are', () => {
    expect(() => one('12x', 'cpu', '0.5')).toThrow(/malformed quantity "12x"/);
    try {
      one('12x', 'cpu', '0.5');
    } catch (err) {
      expect((err as { where: string }).where).toBe('m.yaml:1');
    }
  });
});

describe('planShrink floors and request ≤ limit', () => {
  const mi = 2 ** 20;
  function withObs(t: TargetContainer, usage: Observation['usage'], peak: Observation['peak'], factor = '0.25') {
    const m = new Map([[containerKey(t), { usage, peak, pods: 1 }]]);
    return planShrink([t], m, { factor: rat(factor), headroomPercent: rat('15') });
  }
  const find = (cs: ReturnType<typeof planShrink>, section: string, resource: string) =>
    cs.find((c) => c.section === section && c.resource === resource)!;

  it('floors a request at usage + headroom, rounded up in the input style', () => {
    const t = target({ requests: { cpu: '400m', memory: '200Mi' } });
    const cs = withObs(t, { cpuMillicores: 120, memoryBytes: 45 * mi }, { cpuMillicores: 300, memoryBytes: 60 * mi });
    // cpu: 400m × 0.25 = 100m < 120m × 1.15 = 138m
    expect(find(cs, 'requests', 'cpu')).toMatchObject({ after: '138m', scaledAmount: 100, floor: { basis: 'usage', observedAmount: 120, floorAmount: 138 } });
    // memory: 50Mi < 45Mi × 1.15 = 51.75Mi → 52Mi
    expect(find(cs, 'requests', 'memory')).toMatchObject({ after: '52Mi', floor: { basis: 'usage', floorAmount: 52 * mi } });
  });

  it('floors a memory limit at the peak + headroom, never a CPU limit', () => {
    const t = target({ limits: { cpu: '1000m', memory: '400Mi' } });
    const cs = withObs(t, { cpuMillicores: 900, memoryBytes: 10 * mi }, { cpuMillicores: 900, memoryBytes: 200 * mi });
    expect(find(cs, 'limits', 'cpu')).toMatchObject({ after: '250m', floor: null });
    expect(find(cs, 'limits', 'memory')).toMatchObject({ after: '230Mi', floor: { basis: 'peak', observedAmount: 200 * mi } });
  });

  it('does not reduce when usage + headroom reaches the declared value', () => {
    const t = target({ requests: { memory: '100Mi' } });
    const [c] = withObs(t, { cpuMillicores: null, memoryBytes: 95 * mi }, { cpuMillicores: null, memoryBytes: 95 * mi });
    expect(c).toMatchObject({ after: '100Mi', changed: false, reason: expect.stringMatching(/not reduced/) });
  });

  it('no floor where the snapshot has no value', () => {
    const t = target({ requests: { cpu: '400m' } });
    const [c] = withObs(t, { cpuMillicores: null, memoryBytes: 5 }, { cpuMillicores: null, memoryBytes: 5 });
    expect(c).toMatchObject({ after: '100m', floor: null });
  });

  it('raises a limit to a floored request (request ≤ limit)', () => {
    const t = target({ requests: { memory: '100Mi' }, limits: { memory: '100Mi' } });
    const cs = withObs(t, { cpuMillicores: null, memoryBytes: 70 * mi }, { cpuMillicores: null, memoryBytes: 10 * mi });
    expect(find(cs, 'requests', 'memory').after).toBe('81Mi');
    expect(find(cs, 'limits', 'memory')).toMatchObject({ after: '81Mi', reason: expect.stringMatching(/raised to the memory request/) });
  });

  it('keeps request ≤ limit when the two are written in different unit styles', () => {
    // request 1000001 bytes, limit 1M: ×0.5 → 500001 bytes vs 1M minimum; the limit stays ≥ the request
    const t = target({ requests: { memory: '1048576' }, limits: { memory: '2M' } });
    const cs = planShrink([t], new Map(), { factor: rat('0.5'), headroomPercent: rat('15') });
    expect(find(cs, 'requests', 'memory').afterAmount).toBeLessThanOrEqual(find(cs, 'limits', 'memory').afterAmount);
  });

  it('totals sum before and after per section and resource; null where nothing is declared', () => {
    const cs = planShrink(
      [target({ requests: { cpu: '100m', memory: '64Mi' } }), target({ requests: { cpu: '1' }, limits: { memory: '1Gi' } })],
      new Map(),
      { factor: rat('0.5'), headroomPercent: rat('15') },
    );
    const totals = shrinkTotals(cs);
    expect(totals.before).toEqual({ requests: { cpuMillicores: 1100, memoryBytes: 64 * mi }, limits: { cpuMillicores: null, memoryBytes: 1024 * mi } });
    expect(totals.after).toEqual({ requests: { cpuMillicores: 550, memoryBytes: 32 * mi }, limits: { cpuMillicores: null, memoryBytes: 512 * mi } });
  });
});

describe('parseDecimal', () => {
  it.each([
    ['0.5', 1n, 2n],
    ['.25', 1n, 4n],
    ['1', 1n, 1n],
    ['5e-1', 1n, 2n],
  ])('%s', (t, n, d) => {
    const r = parseDecimal(t)!;
    expect(r.num * d).toBe(n * r.den);
  });
  it.each(['', 'abc', '-0.5', '0.5x', '1/2'])('rejects %j', (t) => expect(parseDecimal(t)).toBeNull());
});
