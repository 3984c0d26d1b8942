import { describe, expect, it } from 'vitest';
import { evaluateFailRules, parseFailRule, FIGURE_IDS } from '../../src/analyze/fail-rules.js';
import { compareReports } from '../../src/analyze/compare.js';
import { UsageError } from '../../src/errors.js';
import { component, Gi, makeReport, Mi, r } from './make-report.js';

describe('parseFailRule', () => {
  it.each([
    ['steadyState.requests.cpu > +10%', 'steadyState.requests.cpu', '>', { kind: 'percent', amount: 10 }],
    ['steadyState.requests.cpu>10%', 'steadyState.requests.cpu', '>', { kind: 'percent', amount: 10 }],
    ['declared.limits.memory > +100Mi', 'declared.limits.memory', '>', { kind: 'delta', amount: 100 * Mi }],
    ['declared.requests.cpu <= -50m', 'declared.requests.cpu', '<=', { kind: 'delta', amount: -50 }],
    ['recommendation.node.memory > 1.5Gi', 'recommendation.node.memory', '>', { kind: 'absolute', amount: 1.5 * Gi }],
    ['recommendation.node.cpu >= 2', 'recommendation.node.cpu', '>=', { kind: 'absolute', amount: 2000 }],
    ['steadyState.limits.memory != 512M', 'steadyState.limits.memory', '!=', { kind: 'absolute', amount: 512e6 }],
    ['fit == false', 'fit', '==', { kind: 'bool', value: false }],
    ['fits = false', 'fit', '==', { kind: 'bool', value: false }],
    ['components.added > 0', 'components.added', '>', { kind: 'absolute', amount: 0 }],
    ['recommendation.factor < 0.5', 'recommendation.factor', '<', { kind: 'absolute', amount: 0.5 }],
    ['pods > +2', 'pods', '>', { kind: 'delta', amount: 2 }],
    ['observed.pods.memory > +25.5%', 'observed.pods.memory', '>', { kind: 'percent', amount: 25.5 }],
  ])('%s', (text, figure, op, value) => {
    expect(parseFailRule(text)).toEqual({ text, figure, op, value });
  });

  it.each([
    ['', /empty rule/],
    ['steadyState.requests.cpu 10%', /no comparison operator/],
    ['steadystate.requests.cpu > 10%', /unknown figure "steadystate.requests.cpu" \(did you mean steadyState.requests.cpu\?\)/],
    ['steadyState.request.cpu > 10%', /did you mean steadyState.requests.cpu\?/],
    ['bogus > 1', /unknown figure "bogus"; figures: declared.requests.cpu/],
    ['declared.limits.memory > +100Mx', /malformed quantity "100Mx"/],
    ['declared.limits.memory > 100m', /did you mean "100Mi"\?/],
    ['declared.requests.cpu > 1Gi', /is a memory quantity/],
    ['declared.requests.cpu >', /no value after ">"/],
    ['declared.requests.cpu > ++10m', /one sign at most/],
    ['declared.requests.cpu > +x%', /malformed percentage "\+x%"/],
    ['fit > 1', /compare it with == or !=/],
    ['fit == maybe', /true or false, not "maybe"/],
    ['components.added > +1', /whole number/],
    ['components.removed >= 10%', /whole number/],
    ['declared.requests.cpu == true', /is a quantity, not true/],
    ['recommendation.factor < 1Gi', /plain number/],
  ])('rejects %j', (text, message) => {
    let err: unknown;
    try {
      parseFailRule(text);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UsageError);
    expect((err as Error).message).toMatch(message);
    expect((err as Error).message.startsWith(`--fail-on "${text}": `)).toBe(true);
  });

  it('lists every figure it accepts', () => {
    for (const f of FIGURE_IDS) expect(() => parseFailRule(`${f} ${f === 'fit' ? '== false' : '> 0'}`)).not.toThrow();
  });
});

describe('evaluateFailRules', () => {
  // before: 100m/100Mi requests; after: 115m/150Mi; one component added.
  const before = makeReport([component('ns', 'a', r(100, 100 * Mi), r(null, 200 * Mi))]);
  const after = makeReport(
    [component('ns', 'a', r(100, 100 * Mi), r(null, 200 * Mi)), component('ns', 'b', r(15, 50 * Mi))],
    { fit: null },
  );
  const cmp = compareReports({ report: before, label: 'b' }, { report: after, label: 'a' });
  const run = (rule: string) => evaluateFailRules([parseFailRule(rule)], cmp);

  it.each([
    ['steadyState.requests.cpu > +10%', true],
    ['steadyState.requests.cpu > +15%', false],
    ['steadyState.requests.cpu >= +15%', true],
    ['steadyState.requests.cpu > +14m', true],
    ['steadyState.requests.cpu > +15m', false],
    ['steadyState.requests.memory > +49Mi', true],
    ['steadyState.requests.memory > 150Mi', false],
    ['steadyState.requests.memory >= 150Mi', true],
    ['steadyState.requests.memory < -1Mi', false],
    ['declared.limits.memory > +0', false],
    ['declared.limits.memory == +0', true],
    ['components.added > 0', true],
    ['components.removed > 0', false],
    ['pods > +0', true],
    ['recommendation.node.memory > 1Gi', false],
  ])('%s → violated %s', (rule, violated) => {
    const res = run(rule);
    expect(res.violations.length).toBe(violated ? 1 : 0);
    expect(res.unevaluated).toEqual([]);
  });

  it('explains a violation with both sides, the change and the limit', () => {
    expect(run('steadyState.requests.cpu > +10%').violations).toEqual([
      { rule: 'steadyState.requests.cpu > +10%', message: 'steady-state CPU requests changed by +15% (100m → 115m, +15m), more than +10%' },
    ]);
    expect(run('components.added > 0').violations[0]!.message).toBe('1 component added (ns/b), more than 0');
  });

  it('does not count an unknown figure as a violation, and says why', () => {
    expect(run('fit == false')).toEqual({
      violations: [],
      unevaluated: [{ rule: 'fit == false', reason: 'no fit check on CURRENT: pass --node-size cpu=Q,memory=Q' }],
    });
    expect(run('observed.pods.memory > +10%').unevaluated[0]!.reason).toBe('observed pod memory usage is not known in BASELINE');
    expect(run('steadyState.limits.cpu > 0').unevaluated.length).toBe(1);
  });

  it('checks the fit verdict', () => {
    const fit = (fits: boolean) => ({
      nodeSize: r(2000, 4 * Gi), allocatable: r(2000, 4 * Gi - 100 * Mi),
      reserved: { kubeReserved: r(null, null), systemReserved: r(null, null), evictionHardMemoryBytes: 100 * Mi },
      fits, placedRequests: r(0, 0), free: r(0, 0), placed: [], pending: [],
    });
    const c = compareReports({ report: makeReport([], { fit: fit(true) }), label: 'b' }, { report: makeReport([], { fit: fit(false) }), label: 'a' });
    expect(evaluateFailRules([parseFailRule('fit == false')], c).violations).toEqual([
      { rule: 'fit == false', message: 'the stack does not fit the node (BASELINE did fit)' },
    ]);
    expect(evaluateFailRules([parseFailRule('fit != false')], c).violations).toEqual([]);
    expect(evaluateFailRules([parseFailRule('fit == true')], c).violations).toEqual([]);
  });

  it('treats growth from zero as infinitely large', () => {
    const c = compareReports(
      { report: makeReport([component('ns', 'a', r(0, 0))]), label: 'b' },
      { report: makeReport([component('ns', 'a', r(10, 0))]), label: 'a' },
    );
    expect(evaluateFailRules([parseFailRule('declared.requests.cpu > +1000%')], c).violations[0]!.message).toBe(
      'declared CPU requests changed from 0 (0 → 10m, +10m), more than +1000%',
    );
    expect(evaluateFailRules([parseFailRule('declared.requests.memory > +1%')], c).violations).toEqual([]);
  });
});
