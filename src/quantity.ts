// Exact Kubernetes quantities, parsed as k8s.io/apimachinery/pkg/api/resource does.
//
// A quantity is held as an integer count of nano-units (BigInt): apimachinery rounds every
// non-zero parsed value up (away from zero) to nano precision, and caps the magnitude of a
// binary-suffixed value (Ki..Ei) at 2^63-1 units ("9Ei" parses as 2^63-1); decimal values are
// not capped. Nanos therefore represent every parsed value exactly. Value() and MilliValue()
// then round up (away from zero) to whole units / milli-units.
//
// Surrounding whitespace is trimmed, as Quantity.UnmarshalJSON does before ParseQuantity (the
// API server accepts " 100m" in JSON/YAML); whitespace inside ("1 Mi") is an error.

export class QuantityError extends Error {
  constructor(
    readonly value: string,
    readonly reason: string,
  ) {
    super(`malformed quantity "${value}": ${reason}`);
    this.name = 'QuantityError';
  }
}

/** A valid quantity beyond what edge-profile can total exactly, or beyond what it computes. */
export class QuantityRangeError extends QuantityError {}

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

/** Decimal exponents beyond this are not computed: "1e20000" is out of range, "1e-20000" is 1n. */
const MAX_DECIMAL_EXPONENT = 10_000;

/**
 * Parses a quantity exactly as apimachinery's ParseQuantity does, including its leniencies
 * (".5", "1.", leading zeros, "+1", and a value with no digits at all such as "Mi", "m" or "."
 * reading as 0 where apimachinery's int64 fast path takes it) and its cap of binary values at
 * 2^63-1 units.
 */
export function parseQuantity(input: string): Quantity {
  const text = input.trim();
  if (text.length === 0) throw new QuantityError(input, 'empty value');
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
  let hasPoint = false;
  if (text[pos] === '.') {
    hasPoint = true;
    pos++;
    const fracStart = pos;
    while (pos < text.length && isDigit(text[pos]!)) pos++;
    fracDigits = text.slice(fracStart, pos);
  }
  const suffix = text.slice(pos);
  // A bare sign, or a sign and zeros only, is zero before the suffix is even looked at.
  if (!hasPoint && suffix === '' && /^0*$/.test(intDigits)) return { nanos: 0n, text };
  validateSuffixShape(input, suffix);
  const scale = suffixScale(input, suffix);

  if (intDigits.length === 0 && fracDigits.length === 0) {
    // apimachinery reads the missing number as "0" on its int64 fast path and fails on its
    // inf.Dec path (which has no digits to parse): see digitlessIsZero.
    if (digitlessIsZero(scale)) return { nanos: 0n, text };
    throw new QuantityError(input, 'expected a number, e.g. 100m, 0.5, 128Mi, 1Gi');
  }

  // value = digits / 10^fracLen, scaled by the suffix; kept as numerator / denominator.
  let numerator = BigInt((intDigits || '0') + fracDigits);
  let denominator = pow10(fracDigits.length);
  if (scale.binary) {
    numerator <<= scale.exponent;
  } else if (scale.exponent > MAX_DECIMAL_EXPONENT) {
    if (numerator !== 0n) throw new QuantityRangeError(input, 'exponent too large');
  } else if (scale.exponent < -MAX_DECIMAL_EXPONENT) {
    numerator = numerator === 0n ? 0n : 1n;
    denominator = NANOS_PER_UNIT * 10n; // below one nano: rounds up to 1n
  } else if (scale.exponent >= 0) {
    numerator *= pow10(Number(scale.exponent));
  } else {
    denominator *= pow10(Number(-scale.exponent));
  }
  if (scale.binary && numerator > MAX_UNITS * denominator) {
    numerator = MAX_UNITS;
    denominator = 1n;
  }
  // Round the magnitude up to a whole nano-unit.
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

interface SuffixScale {
  binary: boolean;
  /** power of 2 (binary) or of 10 (decimal) */
  exponent: bigint;
}

function suffixScale(input: string, suffix: string): SuffixScale {
  const bin = BINARY_EXPONENT[suffix];
  if (bin !== undefined) return { binary: true, exponent: bin };
  const dec = DECIMAL_EXPONENT[suffix];
  if (dec !== undefined) return { binary: false, exponent: BigInt(dec) };
  if (suffix.length > 1 && (suffix[0] === 'e' || suffix[0] === 'E') && /^[+-]?\d+$/.test(suffix.slice(1))) {
    return { binary: false, exponent: BigInt(suffix.slice(1)) };
  }
  throw new QuantityError(
    input,
    `unknown suffix "${suffix}" (use n, u, m, k, M, G, T, P, E, Ki, Mi, Gi, Ti, Pi, Ei or an exponent like e3)`,
  );
}

/**
 * apimachinery's fast path (taken when its "precision" estimate is >= 0 and the scale is at
 * least nano) parses a missing number as 0; otherwise its inf.Dec path rejects it. For one
 * digit: decimal needs exponent >= -9; binary needs 15 - 1 - floor(exp*3/10) - 1 >= 0,
 * i.e. Ki, Mi, Gi or Ti.
 */
function digitlessIsZero(scale: SuffixScale): boolean {
  if (scale.binary) return 13n - (scale.exponent * 3n) / 10n >= 0n;
  return scale.exponent >= -9n;
}

// Value() and MilliValue() round away from zero, as apimachinery's int64 path does. (Its inf.Dec
// path rounds a negative fraction to trunc+1 instead; requests and limits cannot be negative.)

/** apimachinery's Value(): whole units, rounded up (away from zero). */
export function value(q: Quantity): bigint {
  return divRoundAway(q.nanos, NANOS_PER_UNIT);
}

/** apimachinery's MilliValue(): whole milli-units, rounded up (away from zero). */
export function milliValue(q: Quantity): bigint {
  return divRoundAway(q.nanos, 1_000_000n);
}

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

/** True when the text has no digit at all ("Mi", "m", "."): Kubernetes reads it as 0. */
function hasNoDigits(text: string): boolean {
  return !/\d/.test(text.replace(/[eE][+-]?\d+$/, ''));
}

/** Why a valid CPU value is probably a mistake, or null. */
export function suspiciousCpu(text: string, millicores: number): string | null {
  const t = text.trim();
  if (hasNoDigits(t)) return `CPU "${t}" has no number; Kubernetes reads it as 0`;
  if (millicores >= 64_000) {
    const hint = /^[+]?\d+$/.test(t) ? `; did you mean "${t}m"?` : '';
    return `CPU "${t}" is ${millicores / 1000} cores${hint}`;
  }
  return null;
}

/** Why a valid memory value is probably a mistake, or null. */
export function suspiciousMemory(text: string, bytes: number): string | null {
  const t = text.trim();
  if (hasNoDigits(t)) return `memory "${t}" has no number; Kubernetes reads it as 0`;
  const q = parseQuantity(t);
  if (q.nanos % NANOS_PER_UNIT !== 0n) {
    const hint = t.endsWith('m') ? `; "m" means milli, did you mean "${t.slice(0, -1)}Mi"?` : '';
    return `memory "${t}" is a fraction of a byte (${formatNanosAsUnits(q.nanos)} bytes, counted as ${bytes})${hint}`;
  }
  if (bytes > 0 && bytes < 1024 * 1024) return `memory "${t}" is only ${bytes} bytes; did you mean Mi?`;
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
  const sign = bytes < 0 ? '-' : '';
  const abs = Math.abs(bytes);
  // In doubles while abs × 100 is an exact integer (below ~90 TB): a report formats every
  // component's memory, and BigInt arithmetic was most of the table's time at 100k containers.
  if (abs * 100 > Number.MAX_SAFE_INTEGER) return sign + formatMemoryBig(BigInt(abs));
  for (const [unit, size] of BINARY_UNITS) {
    if (abs < size) continue;
    const hundredths = abs * 100;
    if (hundredths % size === 0) {
      const h = hundredths / size;
      const frac = h % 100;
      const whole = (h - frac) / 100;
      return sign + (frac === 0 ? String(whole) : `${whole}.${frac % 10 === 0 ? frac / 10 : String(frac).padStart(2, '0')}`) + unit;
    }
  }
  for (const [unit, size] of DECIMAL_UNITS) {
    if (abs >= size && abs % size === 0) return sign + String(abs / size) + unit;
  }
  return sign + String(abs);
}

/** formatMemory of a magnitude beyond exact doubles × 100. */
function formatMemoryBig(abs: bigint): string {
  for (const [unit, size] of BINARY_UNITS) {
    const s = BigInt(size);
    if (abs < s) continue;
    // Exact with at most two decimals: abs*100 divisible by size.
    if ((abs * 100n) % s === 0n) return decimalString((abs * 100n) / s, 2) + unit;
  }
  for (const [unit, size] of DECIMAL_UNITS) {
    const s = BigInt(size);
    if (abs >= s && abs % s === 0n) return (abs / s).toString() + unit;
  }
  return abs.toString();
}

/** hundredths → "1.5", "640", "1.25" */
function decimalString(hundredths: bigint, places: number): string {
  const scale = pow10(places);
  const whole = hundredths / scale;
  const frac = (hundredths % scale).toString().padStart(places, '0').replace(/0+$/, '');
  return frac ? `${whole}.${frac}` : whole.toString();
}

/**
 * Memory for people: exact form where short, else one decimal with "~" ("~114.6Mi"). `exact` is
 * formatMemory(bytes), for a caller that already has it.
 */
export function formatMemoryHuman(bytes: number, exact: string = formatMemory(bytes)): string {
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
