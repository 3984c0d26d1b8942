// Exact Kubernetes quantities, parsed as k8s.io/apimachinery/pkg/api/resource does.
//
// A quantity is held as an integer count of nano-units (BigInt): apimachinery rounds every
// non-zero parsed value up (away from zero) to nano precision and caps its magnitude at
// 2^63-1 units, so nanos represent every parsed value exactly. Value() and MilliValue()
// then round up (away from zero) to whole units / milli-units.

export class QuantityError extends Error {
  constructor(
    readonly value: string,
    readonly reason: string,
  ) {
    super(`malformed quantity "${value}": ${reason}`);
    this.name = 'QuantityError';
  }
}

export interface Quantity {
  /** The amount in nano-units (1e-9 of a core or of a byte), exact. */
  readonly nanos: bigint;
  /** The text it was parsed from, trimmed. */
  readonly text: string;
}

const BINARY_EXPONENT: Record<string, bigint> = { Ki: 10n, Mi: 20n, Gi: 30n, Ti: 40n, Pi: 50n, Ei: 60n };
const DECIMAL_EXPONENT: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const MAX_UNITS = (1n << 63n) - 1n;
const NANOS_PER_UNIT = 1_000_000_000n;
const SUFFIX_CHARS = 'eEinumkKMGTP';

function pow10(n: number): bigint {
  return 10n ** BigInt(n);
}

/** Division of a by b (b > 0) rounding the magnitude up, as inf.RoundUp does. */
function divRoundAway(a: bigint, b: bigint): bigint {
  const q = a / b;
  if (q * b === a) return q;
  return a < 0n ? q - 1n : q + 1n;
}

/**
 * Parses a quantity exactly as apimachinery's ParseQuantity does, including its leniencies
 * (".5", "1.", leading zeros, "+1") and its cap at 2^63-1 units.
 */
export function parseQuantity(input: string): Quantity {
  const text = input.trim();
  if (text.length === 0) throw new QuantityError(input, 'empty value');
  // apimachinery returns zero for a bare sign before it looks for digits.
  if (text === '+' || text === '-') return { nanos: 0n, text };
  let pos = 0;
  let negative = false;
  if (text[0] === '-' || text[0] === '+') {
    negative = text[0] === '-';
    pos++;
  }
  const intStart = pos;
  while (pos < text.length && isDigit(text[pos]!)) pos++;
  const intDigits = text.slice(intStart, pos);
  let fracDigits = '';
  if (text[pos] === '.') {
    pos++;
    const fracStart = pos;
    while (pos < text.length && isDigit(text[pos]!)) pos++;
    fracDigits = text.slice(fracStart, pos);
  }
  if (intDigits.length === 0 && fracDigits.length === 0) {
    throw new QuantityError(input, 'expected a number, e.g. 100m, 0.5, 128Mi, 1Gi');
  }
  const suffix = text.slice(pos);
  validateSuffixShape(input, suffix);

  // value = digits / 10^fracLen, scaled by the suffix; kept as numerator / denominator.
  let numerator = BigInt((intDigits || '0') + fracDigits);
  let denominator = pow10(fracDigits.length);
  if (suffix in BINARY_EXPONENT) {
    numerator <<= BINARY_EXPONENT[suffix]!;
  } else {
    const exp = decimalExponent(input, suffix);
    if (exp >= 0) numerator *= pow10(exp);
    else denominator *= pow10(-exp);
  }
  // Cap at 2^63-1 units, then round the magnitude up to a whole nano-unit.
  if (numerator > MAX_UNITS * denominator) {
    numerator = MAX_UNITS;
    denominator = 1n;
  }
  let nanos = divRoundAway(numerator * NANOS_PER_UNIT, denominator);
  if (negative) nanos = -nanos;
  return { nanos, text };
}

function isDigit(c: string): boolean {
  return c >= '0' && c <= '9';
}

function validateSuffixShape(input: string, suffix: string): void {
  // apimachinery's scanner: suffix letters from a fixed set, then an optional signed integer.
  let i = 0;
  while (i < suffix.length && SUFFIX_CHARS.includes(suffix[i]!)) i++;
  if (i < suffix.length && (suffix[i] === '+' || suffix[i] === '-')) i++;
  while (i < suffix.length && isDigit(suffix[i]!)) i++;
  if (i !== suffix.length) {
    throw new QuantityError(input, `unexpected "${suffix.slice(i)}" after the number`);
  }
}

function decimalExponent(input: string, suffix: string): number {
  const known = DECIMAL_EXPONENT[suffix];
  if (known !== undefined) return known;
  if (suffix.length > 1 && (suffix[0] === 'e' || suffix[0] === 'E') && /^[+-]?\d+$/.test(suffix.slice(1))) {
    const exp = Number(suffix.slice(1));
    // Beyond this the value is 0 (rounded up to 1n) or capped; keep BigInt sizes sane.
    return Math.max(-40, Math.min(40, exp));
  }
  throw new QuantityError(
    input,
    `unknown suffix "${suffix}" (use n, u, m, k, M, G, T, P, E, Ki, Mi, Gi, Ti, Pi, Ei or an exponent like e3)`,
  );
}

/** apimachinery's Value(): whole units, rounded up (away from zero). */
export function value(q: Quantity): bigint {
  return divRoundAway(q.nanos, NANOS_PER_UNIT);
}

/** apimachinery's MilliValue(): whole milli-units, rounded up (away from zero). */
export function milliValue(q: Quantity): bigint {
  return divRoundAway(q.nanos, 1_000_000n);
}

export class QuantityRangeError extends QuantityError {}

function toSafeNumber(n: bigint, input: string, unit: string): number {
  if (n > BigInt(Number.MAX_SAFE_INTEGER) || n < -BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new QuantityRangeError(input, `${n} ${unit} is beyond the range edge-profile totals exactly (2^53-1)`);
  }
  return Number(n);
}

/** CPU quantity → millicores, rounded up as MilliValue() does. */
export function parseCpuMillicores(text: string): number {
  const q = parseQuantity(text);
  return toSafeNumber(milliValue(q), text, 'millicores');
}

/** Memory quantity → bytes, rounded up as Value() does. */
export function parseMemoryBytes(text: string): number {
  const q = parseQuantity(text);
  return toSafeNumber(value(q), text, 'bytes');
}

/** Why a valid value is probably a mistake, or null. */
export function suspiciousCpu(text: string, millicores: number): string | null {
  if (millicores >= 64_000) return `CPU "${text}" is ${millicores / 1000} cores; did you mean "${text}m"?`;
  return null;
}

export function suspiciousMemory(text: string, bytes: number): string | null {
  const q = parseQuantity(text);
  if (q.nanos % NANOS_PER_UNIT !== 0n) {
    return `memory "${text}" is a fraction of a byte (${formatNanosAsUnits(q.nanos)} bytes, counted as ${bytes}); "m" means milli, did you mean "${text.slice(0, -1)}Mi"?`;
  }
  if (bytes > 0 && bytes < 1024 * 1024) return `memory "${text}" is only ${bytes} bytes; did you mean Mi?`;
  return null;
}

function formatNanosAsUnits(nanos: bigint): string {
  const sign = nanos < 0n ? '-' : '';
  const abs = nanos < 0n ? -nanos : nanos;
  const whole = abs / NANOS_PER_UNIT;
  const frac = (abs % NANOS_PER_UNIT).toString().padStart(9, '0').replace(/0+$/, '');
  return sign + whole.toString() + (frac ? '.' + frac : '');
}

// ---- formatting -------------------------------------------------------------------------------

/** CPU as kubectl shows a canonical quantity: whole cores when exact ("2"), else millicores ("860m"). */
export function formatCpu(millicores: number): string {
  if (millicores % 1000 === 0) return String(millicores / 1000);
  return `${millicores}m`;
}

const BINARY_UNITS: Array<[string, number]> = [
  ['Ei', 2 ** 60],
  ['Pi', 2 ** 50],
  ['Ti', 2 ** 40],
  ['Gi', 2 ** 30],
  ['Mi', 2 ** 20],
  ['Ki', 2 ** 10],
];
const DECIMAL_UNITS: Array<[string, number]> = [
  ['E', 1e18],
  ['P', 1e15],
  ['T', 1e12],
  ['G', 1e9],
  ['M', 1e6],
  ['k', 1e3],
];

/**
 * Memory as a quantity string that parses back to exactly the same bytes: the largest binary
 * unit that gives a whole number or up to two exact decimals ("640Mi", "1.5Gi"), else a whole
 * decimal unit ("30M"), else bytes.
 */
export function formatMemory(bytes: number): string {
  if (bytes === 0) return '0';
  const abs = BigInt(Math.abs(bytes));
  const sign = bytes < 0 ? '-' : '';
  for (const [unit, size] of BINARY_UNITS) {
    const s = BigInt(size);
    if (abs < s) continue;
    // Exact with at most two decimals: abs*100 divisible by size.
    if ((abs * 100n) % s === 0n) return sign + decimalString((abs * 100n) / s, 2) + unit;
  }
  for (const [unit, size] of DECIMAL_UNITS) {
    const s = BigInt(size);
    if (abs >= s && abs % s === 0n) return sign + (abs / s).toString() + unit;
  }
  return sign + abs.toString();
}

/** hundredths → "1.5", "640", "1.25" */
function decimalString(hundredths: bigint, places: number): string {
  const scale = pow10(places);
  const whole = hundredths / scale;
  const frac = (hundredths % scale).toString().padStart(places, '0').replace(/0+$/, '');
  return frac ? `${whole}.${frac}` : whole.toString();
}

/** Memory for people: exact form where short, else one decimal with "~" ("~114.6Mi"). */
export function formatMemoryHuman(bytes: number): string {
  const exact = formatMemory(bytes);
  if (!/^-?\d{7,}$/.test(exact) && exact.length <= 8) return exact;
  const abs = Math.abs(bytes);
  const unit = BINARY_UNITS.find(([, size]) => abs >= size) ?? ['', 1];
  const v = (abs / unit[1]).toFixed(1).replace(/\.0$/, '');
  return `~${bytes < 0 ? '-' : ''}${v}${unit[0] || 'B'}`;
}

/** What `kubectl top` prints for CPU: MilliValue() then "m". */
export function formatTopCpu(millicores: number): string {
  return `${millicores}m`;
}

/** What `kubectl top` prints for memory: Value() / 2^20, floored, then "Mi". */
export function formatTopMemory(bytes: number): string {
  return `${Math.floor(bytes / 2 ** 20)}Mi`;
}
