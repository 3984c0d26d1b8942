// The `--fail-on RULE` language: FIGURE OP VALUE, e.g. `steadyState.requests.cpu > +10%`.
// A signed value (+/-) or a percentage compares the change from BASELINE to CURRENT; an unsigned
// value compares the figure in CURRENT. PURE: parse → FailRule, evaluate against a Comparison.
import { UsageError } from '../errors.js';
import { parseCpuMillicores, parseMemoryBytes, QuantityError } from '../quantity.js';
import type { Comparison, Delta, Unevaluated, Violation } from './compare-model.js';
import { formatAmount, formatChange, formatPercent, percentChange, type Unit } from './compare-format.js';

export type Operator = '>' | '>=' | '<' | '<=' | '==' | '!=';

/** absolute: the CURRENT figure; delta: after − before; percent: the change in % of before. */
export type RuleValue =
  | { kind: 'absolute'; amount: number }
  | { kind: 'delta'; amount: number }
  | { kind: 'percent'; amount: number }
  | { kind: 'bool'; value: boolean };

export interface FailRule {
  text: string;
  figure: string;
  op: Operator;
  value: RuleValue;
}

interface Figure {
  id: string;
  /** How the figure reads in a message, e.g. "steady-state CPU requests". */
  label: string;
  unit: Unit | 'bool' | 'count';
  get(c: Comparison): Delta;
}

interface BoolFigure {
  id: string;
  label: string;
  unit: 'bool';
  get(c: Comparison): { before: boolean | null; after: boolean | null };
}

/** `label` has "%" where the resource goes: "steady-state % requests" → "steady-state CPU requests". */
function resourceFigures(
  prefix: string,
  label: string,
  get: (c: Comparison) => { cpuMillicores: Delta; memoryBytes: Delta },
): Figure[] {
  return [
    { id: `${prefix}.cpu`, label: label.replace('%', 'CPU'), unit: 'cpu', get: (c) => get(c).cpuMillicores },
    { id: `${prefix}.memory`, label: label.replace('%', 'memory'), unit: 'memory', get: (c) => get(c).memoryBytes },
  ];
}

function countFigure(id: string, label: string, get: (c: Comparison) => number): Figure {
  return { id, label, unit: 'count', get: (c) => ({ before: null, after: get(c), delta: null }) };
}

const NUMERIC_FIGURES: Figure[] = [
  ...resourceFigures('declared.requests', 'declared % requests', (c) => c.totals.declared.requests),
  ...resourceFigures('declared.limits', 'declared % limits', (c) => c.totals.declared.limits),
  ...resourceFigures('steadyState.requests', 'steady-state % requests', (c) => c.totals.steadyState.requests),
  ...resourceFigures('steadyState.limits', 'steady-state % limits', (c) => c.totals.steadyState.limits),
  ...resourceFigures('observed.pods', 'observed pod % usage', (c) => c.totals.observed.pods),
  ...resourceFigures('observed.nodes', 'observed node % usage', (c) => c.totals.observed.nodes),
  ...resourceFigures('host.outsidePods', '% used outside pods', (c) => c.host.outsidePods),
  { id: 'host.memory.used', label: 'host memory used (max)', unit: 'memory', get: (c) => c.host.memoryUsedMaxBytes },
  ...resourceFigures('recommendation.node', 'recommended node %', (c) => c.recommendation.node),
  { id: 'recommendation.factor', label: 'reduction factor', unit: 'number', get: (c) => c.recommendation.reductionFactor },
  {
    id: 'pods',
    label: 'pods',
    unit: 'number',
    get: (c) => ({ before: c.before.pods, after: c.after.pods, delta: c.after.pods - c.before.pods }),
  },
  countFigure('components.added', 'added', (c) => c.summary.added),
  countFigure('components.removed', 'removed', (c) => c.summary.removed),
  countFigure('components.changed', 'changed', (c) => c.summary.changed),
];

const FIT_FIGURE: BoolFigure = {
  id: 'fit',
  label: 'fits the node',
  unit: 'bool',
  get: (c) => c.fit.fits,
};

const ALIASES: Record<string, string> = { fits: 'fit', 'recommendation.reductionFactor': 'recommendation.factor' };

/** Every figure a rule can name, in the order the help lists them. */
export const FIGURE_IDS: string[] = [...NUMERIC_FIGURES.map((f) => f.id), FIT_FIGURE.id];

function findFigure(id: string): Figure | BoolFigure | undefined {
  const canonical = ALIASES[id] ?? id;
  if (canonical === FIT_FIGURE.id) return FIT_FIGURE;
  return NUMERIC_FIGURES.find((f) => f.id === canonical);
}

const RULE_SHAPE = /^\s*([A-Za-z][A-Za-z0-9_.]*)\s*(>=|<=|==|!=|=|>|<)\s*(.*?)\s*$/;
const EXAMPLE = 'e.g. "steadyState.requests.cpu > +10%"';

function ruleError(text: string, what: string): UsageError {
  return new UsageError(`--fail-on "${text}": ${what}`);
}

/** Parses one `--fail-on` rule; a malformed rule is a UsageError naming it and what is wrong. */
export function parseFailRule(text: string): FailRule {
  if (text.trim() === '') throw ruleError(text, `empty rule; expected FIGURE OP VALUE, ${EXAMPLE}`);
  const m = RULE_SHAPE.exec(text);
  if (!m) {
    const head = /^\s*([^\s<>=!]+)/.exec(text)?.[1] ?? '';
    if (head && !findFigure(head)) throw ruleError(text, unknownFigure(head));
    throw ruleError(text, `no comparison operator; expected FIGURE OP VALUE with OP one of > >= < <= == !=, ${EXAMPLE}`);
  }
  const [, figureId, rawOp, valueText] = m as unknown as [string, string, string, string];
  const figure = findFigure(figureId);
  if (!figure) throw ruleError(text, unknownFigure(figureId));
  const op: Operator = rawOp === '=' ? '==' : (rawOp as Operator);
  if (valueText === '') throw ruleError(text, `no value after "${rawOp}"`);
  const value = parseValue(text, figure, op, valueText);
  return { text: text.trim(), figure: figure.id, op, value };
}

function unknownFigure(id: string): string {
  const lower = id.toLowerCase();
  const near = FIGURE_IDS.find((f) => f.toLowerCase() === lower) ?? closest(id);
  const hint = near ? ` (did you mean ${near}?)` : '';
  return `unknown figure "${id}"${hint}; figures: ${FIGURE_IDS.join(', ')}`;
}

function closest(id: string): string | null {
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const f of FIGURE_IDS) {
    const d = editDistance(id.toLowerCase(), f.toLowerCase());
    if (d < bestDistance) {
      best = f;
      bestDistance = d;
    }
  }
  return bestDistance <= Math.max(2, Math.floor(id.length / 5)) ? best : null;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

function parseValue(text: string, figure: Figure | BoolFigure, op: Operator, valueText: string): RuleValue {
  if (figure.unit === 'bool') {
    if (op !== '==' && op !== '!=') throw ruleError(text, `"${figure.id}" is true or false; compare it with == or !=, e.g. "fit == false"`);
    if (valueText !== 'true' && valueText !== 'false') {
      throw ruleError(text, `"${figure.id}" is true or false, not "${valueText}"`);
    }
    return { kind: 'bool', value: valueText === 'true' };
  }
  if (valueText === 'true' || valueText === 'false') {
    throw ruleError(text, `"${figure.id}" is a ${figure.unit === 'cpu' || figure.unit === 'memory' ? 'quantity' : 'number'}, not ${valueText}`);
  }
  const signed = valueText.startsWith('+') || valueText.startsWith('-');
  if (figure.unit === 'count') {
    if (signed || valueText.endsWith('%') || !/^\d+$/.test(valueText)) {
      throw ruleError(text, `"${figure.id}" counts components of this comparison; compare it with a whole number, e.g. "${figure.id} > 0"`);
    }
    return { kind: 'absolute', amount: Number(valueText) };
  }
  if (valueText.endsWith('%')) {
    const number = valueText.slice(0, -1).trim();
    if (!NUMBER.test(number)) throw ruleError(text, `malformed percentage "${valueText}"; write e.g. +10% or -25%`);
    return { kind: 'percent', amount: Number(number) };
  }
  const amount = parseAmount(text, figure, signed ? valueText.slice(1) : valueText);
  if (!signed) return { kind: 'absolute', amount };
  return { kind: 'delta', amount: valueText.startsWith('-') ? -amount : amount };
}

function parseAmount(text: string, figure: Figure, valueText: string): number {
  if (figure.unit === 'number') {
    if (!NUMBER.test(valueText)) throw ruleError(text, `"${figure.id}" is a plain number, not "${valueText}"`);
    return Number(valueText);
  }
  if (/^[+-]/.test(valueText)) throw ruleError(text, `malformed value "${valueText}": one sign at most`);
  try {
    if (figure.unit === 'cpu') {
      if (/[KMGTPE]i$/.test(valueText)) {
        throw ruleError(text, `"${valueText}" is a memory quantity but ${figure.id} is CPU; write cores (0.5, 2) or millicores (500m)`);
      }
      return parseCpuMillicores(valueText);
    }
    if (/\dm$/.test(valueText)) {
      throw ruleError(text, `"${valueText}" is milli-bytes ("m" means milli); did you mean "${valueText.slice(0, -1)}Mi"?`);
    }
    return parseMemoryBytes(valueText);
  } catch (err) {
    if (err instanceof QuantityError) throw ruleError(text, err.message);
    throw err;
  }
}

export function parseFailRules(texts: string[]): FailRule[] {
  return texts.map(parseFailRule);
}

function compare(x: number, op: Operator, y: number): boolean {
  switch (op) {
    case '>':
      return x > y;
    case '>=':
      return x >= y;
    case '<':
      return x < y;
    case '<=':
      return x <= y;
    case '==':
      return x === y;
    case '!=':
      return x !== y;
  }
}

const OP_WORDS: Record<Operator, string> = {
  '>': 'more than',
  '>=': 'at least',
  '<': 'less than',
  '<=': 'at most',
  '==': 'equal to',
  '!=': 'not equal to',
};

function valueText(rule: FailRule, unit: Unit): string {
  const v = rule.value;
  if (v.kind === 'percent') return `${v.amount >= 0 ? '+' : ''}${v.amount}%`;
  if (v.kind === 'delta') return formatChange(v.amount, unit);
  if (v.kind === 'absolute') return formatAmount(v.amount, unit);
  return String(v.value);
}

export interface RuleResults {
  violations: Violation[];
  unevaluated: Unevaluated[];
}

/** Checks every rule against the comparison: a rule that holds is a violation (exit 1). */
export function evaluateFailRules(rules: FailRule[], comparison: Comparison): RuleResults {
  const out: RuleResults = { violations: [], unevaluated: [] };
  for (const rule of rules) {
    const figure = findFigure(rule.figure)!;
    if (figure.unit === 'bool') {
      const { before, after } = figure.get(comparison);
      if (after === null) {
        out.unevaluated.push({ rule: rule.text, reason: 'no fit check on CURRENT: pass --node-size cpu=Q,memory=Q' });
        continue;
      }
      const want = (rule.value as { value: boolean }).value;
      if ((after === want) === (rule.op === '==')) {
        const now = after ? 'fits the node' : 'does not fit the node';
        const was = before === null ? '' : before === after ? ' (as BASELINE did)' : before ? ' (BASELINE did fit)' : ' (BASELINE did not)';
        out.violations.push({ rule: rule.text, message: `the stack ${now}${was}` });
      }
      continue;
    }
    const d = figure.get(comparison);
    if (figure.unit === 'count') {
      if (compare(d.after!, rule.op, (rule.value as { amount: number }).amount)) {
        const names = comparison.components
          .filter((c) => `components.${c.change}` === figure.id)
          .map((c) => `${c.namespace}/${c.name}`);
        out.violations.push({
          rule: rule.text,
          message: `${d.after} component${d.after === 1 ? '' : 's'} ${figure.label}${names.length ? ` (${names.join(', ')})` : ''}, ${OP_WORDS[rule.op]} ${valueText(rule, 'number')}`,
        });
      }
      continue;
    }
    const unit = figure.unit;
    const { value } = rule;
    let x: number | null;
    let missing: string | null = null;
    if (value.kind === 'absolute') {
      x = d.after;
      if (x === null) missing = `${figure.label} is not known in CURRENT`;
    } else if (value.kind === 'delta') {
      x = d.delta;
      if (x === null) missing = `${figure.label} is not known in ${d.before === null ? 'BASELINE' : 'CURRENT'}`;
    } else {
      x = percentChange(d);
      if (d.before === null || d.after === null) missing = `${figure.label} is not known in ${d.before === null ? 'BASELINE' : 'CURRENT'}`;
    }
    if (missing !== null || x === null) {
      out.unevaluated.push({ rule: rule.text, reason: missing ?? 'not known' });
      continue;
    }
    if (!compare(x, rule.op, (value as { amount: number }).amount)) continue;
    out.violations.push({ rule: rule.text, message: violationMessage(rule, figure.label, unit, d) });
  }
  return out;
}

function violationMessage(rule: FailRule, label: string, unit: Unit, d: Delta): string {
  const limit = `${OP_WORDS[rule.op]} ${valueText(rule, unit)}`;
  const sides = `${formatAmount(d.before, unit)} → ${formatAmount(d.after, unit)}`;
  if (rule.value.kind === 'absolute') return `${label} is ${formatAmount(d.after, unit)} (was ${formatAmount(d.before, unit)}), ${limit}`;
  const pct = percentChange(d);
  if (pct === Infinity || pct === -Infinity) return `${label} changed from 0 (${sides}, ${formatChange(d.delta, unit)}), ${limit}`;
  const [first, second] =
    rule.value.kind === 'percent' ? [formatPercent(pct), formatChange(d.delta, unit)] : [formatChange(d.delta, unit), formatPercent(pct)];
  return `${label} changed by ${first} (${sides}, ${second}), ${limit}`;
}

/** The rule language, for `--help` and the docs. */
export const FAIL_ON_HELP = `RULE is FIGURE OP VALUE (quote it in a shell). OP is > >= < <= == !=.
A VALUE with a sign (+100Mi, -50m) compares the change from BASELINE to CURRENT; a percentage
(+10%) compares the change in % of BASELINE; a VALUE without sign compares the figure in CURRENT.
CPU takes 500m, 0.5 or 2; memory takes 100Mi, 1.5Gi, 512M. Rules that hold fail the run (exit 1).
Figures: ${FIGURE_IDS.join(', ')}.`;
