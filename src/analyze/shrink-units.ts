// Exact arithmetic for shrink: factors as rationals, quantities in nano-units (BigInt), and the
// rounding / unit-style rules of docs/shrink.md. PURE.
import { parseQuantity } from '../quantity.js';

export type ResourceName = 'cpu' | 'memory';

/** A non-negative rational num/den (den > 0). */
export interface Rational {
  num: bigint;
  den: bigint;
}

/** "0.5", "1", ".35", "5e-1" → exact rational; null if it is not a plain decimal number. */
export function parseDecimal(text: string): Rational | null {
  const m = /^\+?(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d{1,3}))?$/.exec(text.trim());
  if (!m) return null;
  const int = m[1] ?? '';
  const frac = m[2] ?? '';
  if (int === '' && frac === '') return null;
  let num = BigInt((int || '0') + frac);
  let den = 10n ** BigInt(frac.length);
  const exp = Number(m[3] ?? '0');
  if (exp > 0) num *= 10n ** BigInt(exp);
  else if (exp < 0) den *= 10n ** BigInt(-exp);
  return { num, den };
}

export function ceilDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return q * b === a ? q : q + 1n;
}

const NANO = 1_000_000_000n;
const MILLI_IN_NANOS = 1_000_000n;
const MI_IN_NANOS = (1n << 20n) * NANO;
const M_IN_NANOS = 1_000_000n * NANO;

/**
 * How a value was written, which decides its rounding step and how the result is written:
 * cpu-cores ("1", "0.5"), cpu-milli ("100m"), mem-binary ("600Mi", "1Gi", "512Ki"),
 * mem-decimal ("30M", "1G", "1e9"), mem-bytes ("104857600").
 */
export type UnitStyle = 'cpu-cores' | 'cpu-milli' | 'mem-binary' | 'mem-decimal' | 'mem-bytes';

export interface StyledQuantity {
  nanos: bigint;
  style: UnitStyle;
  /** The suffix as written ("Mi", "G", "m", "" …). */
  suffix: string;
}

const BINARY = ['Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];
const DECIMAL = ['k', 'M', 'G', 'T', 'P', 'E'];

function suffixOf(text: string): string {
  return /[a-zA-Z][a-zA-Z0-9+-]*$/.exec(text.trim())?.[0] ?? '';
}

/** Parses a declared value; throws QuantityError when malformed. */
export function parseStyled(resource: ResourceName, raw: string | number): StyledQuantity {
  const text = String(raw).trim();
  const q = parseQuantity(text);
  const suffix = suffixOf(text);
  let style: UnitStyle;
  if (resource === 'cpu') style = suffix === '' || /^[eE]/.test(suffix) ? 'cpu-cores' : 'cpu-milli';
  else if (BINARY.includes(suffix)) style = 'mem-binary';
  else if (DECIMAL.includes(suffix) || /^[eE]/.test(suffix)) style = 'mem-decimal';
  else style = 'mem-bytes';
  return { nanos: q.nanos, style, suffix };
}

/** Rounding step, in nanos, for a style. */
export function stepNanos(style: UnitStyle): bigint {
  switch (style) {
    case 'cpu-cores':
    case 'cpu-milli':
      return MILLI_IN_NANOS;
    case 'mem-binary':
      return MI_IN_NANOS;
    case 'mem-decimal':
      return M_IN_NANOS;
    case 'mem-bytes':
      return NANO;
  }
}

/** The smallest value shrink ever writes: 1m CPU, 1Mi memory (1M in decimal style). */
export function minimumNanos(style: UnitStyle): bigint {
  if (style === 'mem-decimal') return M_IN_NANOS;
  if (style === 'mem-bytes') return MI_IN_NANOS;
  return stepNanos(style);
}

/** Rounds up to the style's step, never below its minimum. */
export function roundUp(nanos: bigint, style: UnitStyle): bigint {
  const step = stepNanos(style);
  const rounded = ceilDiv(nanos, step) * step;
  const min = minimumNanos(style);
  return rounded < min ? min : rounded;
}

export function scaleNanos(nanos: bigint, factor: Rational): bigint {
  return ceilDiv(nanos * factor.num, factor.den);
}

function unitSize(unit: string): bigint {
  const b = BINARY.indexOf(unit);
  if (b >= 0) return 1n << BigInt(10 * (b + 1));
  const d = DECIMAL.indexOf(unit);
  if (d >= 0) return 10n ** BigInt(3 * (d + 1));
  return 1n;
}

function wholeIn(bytes: bigint, unit: string): string | null {
  const size = unitSize(unit);
  return bytes % size === 0n ? `${bytes / size}${unit}` : null;
}

/**
 * Writes a rounded value in the style it was declared in: the input's own unit when the result is
 * a whole number of it, else the largest unit of the same family that is whole
 * (1Gi → 512Mi, 600Mi → 300Mi, 1 → 500m, 2 → 1, 1000m → 500m, 30M → 15M).
 */
export function formatStyled(nanos: bigint, style: UnitStyle, suffix: string): string {
  if (style === 'cpu-cores' || style === 'cpu-milli') {
    const milli = nanos / MILLI_IN_NANOS;
    if (style === 'cpu-cores' && milli % 1000n === 0n) return (milli / 1000n).toString();
    return `${milli}m`;
  }
  const bytes = nanos / NANO;
  if (style === 'mem-bytes') return bytes.toString();
  const family = style === 'mem-binary' ? BINARY : DECIMAL;
  if (family.includes(suffix)) {
    const own = wholeIn(bytes, suffix);
    if (own) return own;
  }
  for (let i = family.length - 1; i >= 0; i--) {
    const text = wholeIn(bytes, family[i]!);
    if (text) return text;
  }
  return bytes.toString();
}

/** Amount as the contract counts it: millicores (CPU) or bytes (memory), rounded up. */
export function amountOf(resource: ResourceName, nanos: bigint): number {
  return Number(resource === 'cpu' ? ceilDiv(nanos, MILLI_IN_NANOS) : ceilDiv(nanos, NANO));
}

/** The inverse of amountOf. */
export function nanosOf(resource: ResourceName, amount: number): bigint {
  return BigInt(amount) * (resource === 'cpu' ? MILLI_IN_NANOS : NANO);
}
