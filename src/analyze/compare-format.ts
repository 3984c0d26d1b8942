// How a compared figure reads: amounts, signed changes and percentages. Shared by the rule
// messages (part of the Comparison) and the compare renderers. PURE.
import { formatCpu, formatMemoryHuman } from '../quantity.js';
import type { Delta } from './compare-model.js';

export type Unit = 'cpu' | 'memory' | 'number' | 'percent';

/** Shown where a side has no value (not set / not observed / not there). */
export const NONE = '—';

export function formatAmount(v: number | null, unit: Unit): string {
  if (v === null) return NONE;
  switch (unit) {
    case 'cpu':
      return formatCpu(v);
    case 'memory':
      return formatMemoryHuman(v);
    case 'percent':
      return `${round(v, 1)}%`;
    case 'number':
      return String(round(v, 4));
  }
}

/** A change with its sign: +120m, -50Mi, 0. */
export function formatChange(v: number | null, unit: Unit): string {
  if (v === null) return NONE;
  if (v === 0) return '0';
  const text = formatAmount(Math.abs(v), unit).replace(/^~/, '');
  const approx = formatAmount(Math.abs(v), unit).startsWith('~') ? '~' : '';
  return `${approx}${v > 0 ? '+' : '-'}${text}`;
}

/** The change in % of before: null when a side is unknown, ±Infinity when before is 0. */
export function percentChange(d: Delta): number | null {
  if (d.before === null || d.after === null) return null;
  const delta = d.after - d.before;
  if (d.before === 0) return delta === 0 ? 0 : delta > 0 ? Infinity : -Infinity;
  return (delta / Math.abs(d.before)) * 100;
}

export function formatPercent(p: number | null): string {
  if (p === null) return NONE;
  if (p === Infinity) return 'new';
  if (p === -Infinity) return '-∞';
  if (p === 0) return '0%';
  const r = round(p, 1);
  if (r === 0) return p > 0 ? '+<0.1%' : '-<0.1%';
  return `${r > 0 ? '+' : ''}${r}%`;
}

function round(v: number, places: number): number {
  const f = 10 ** places;
  return Math.round(v * f) / f;
}
