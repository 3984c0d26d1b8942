import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  QuantityError,
  QuantityRangeError,
  formatCpu,
  formatMemory,
  milliValue,
  parseCpuMillicores,
  parseMemoryBytes,
  parseQuantity,
  suspiciousCpu,
  suspiciousMemory,
  value,
} from '../src/quantity.js';

const MAX63 = (1n << 63n) - 1n;
const GI = 1n << 30n;

// [input, MilliValue(), Value()] as apimachinery computes them. Expected values are worked out by
// hand; cases marked (am) are from apimachinery's quantity_test.go (TestQuantityParse,
// TestParseQuantity).
const VALID: Array<[string, bigint, bigint]> = [
  ['100m', 100n, 1n],
  ['0.5', 500n, 1n],
  ['1', 1000n, 1n],
  ['1e3', 1_000_000n, 1000n],
  ['1E3', 1_000_000n, 1000n],
  ['1e-3', 1n, 1n],
  ['1.5Gi', 1_610_612_736_000n, 1_610_612_736n],
  ['128974848000m', 128_974_848_000n, 128_974_848n],
  ['12345678n', 13n, 1n],
  ['250u', 1n, 1n],
  ['64Ki', 65_536_000n, 65_536n],
  ['1M', 1_000_000_000n, 1_000_000n],
  ['2E', 2n * 10n ** 21n, 2n * 10n ** 18n],
  ['2Ei', 2n ** 61n * 1000n, 2n ** 61n],
  ['.5', 500n, 1n],
  ['1.', 1000n, 1n],
  ['+1', 1000n, 1n],
  ['0', 0n, 0n],
  ['000', 0n, 0n],
  ['-0', 0n, 0n],
  ['0.0001', 1n, 1n],
  ['1n', 1n, 1n],
  ['999999n', 1n, 1n],
  ['1000000n', 1n, 1n],
  ['1000001n', 2n, 1n],
  ['1.0000000001', 1001n, 2n], // rounded up to 1.000000001 first
  ['1.000000001', 1001n, 2n],
  ['0.999', 999n, 1n],
  ['9223372036854775807', MAX63 * 1000n, MAX63],
  ['9223372036854775808', (MAX63 + 1n) * 1000n, MAX63 + 1n], // decimal: not capped (am)
  ['1e100', 10n ** 103n, 10n ** 100n], // decimal: not capped
  ['8Ei', MAX63 * 1000n, MAX63], // binary: capped at 2^63-1
  ['9Ei', MAX63 * 1000n, MAX63], // (am)
  ['9223372036854775807Ki', MAX63 * 1000n, MAX63], // (am)
  ['-100m', -100n, -1n],
  ['-1.5', -1500n, -2n],
  ['-1Gi', -GI * 1000n, -GI],
  ['-12345678n', -13n, -1n],
  ['-9Ei', -MAX63 * 1000n, -MAX63],
  [' 250m ', 250n, 1n], // trimmed as Quantity.UnmarshalJSON does
  // zero with every suffix (am)
  ['0n', 0n, 0n],
  ['0u', 0n, 0n],
  ['0m', 0n, 0n],
  ['0Ki', 0n, 0n],
  ['0k', 0n, 0n],
  ['0Mi', 0n, 0n],
  ['0M', 0n, 0n],
  ['0Gi', 0n, 0n],
  ['0G', 0n, 0n],
  ['0Ti', 0n, 0n],
  ['0T', 0n, 0n],
  // binary suffixes (am)
  ['1Ki', 1_024_000n, 1024n],
  ['8Ki', 8_192_000n, 8192n],
  ['7Mi', 7n * 2n ** 20n * 1000n, 7n * 2n ** 20n],
  ['6Gi', 6n * GI * 1000n, 6n * GI],
  ['5Ti', 5n * 2n ** 40n * 1000n, 5n * 2n ** 40n],
  ['4Pi', 4n * 2n ** 50n * 1000n, 4n * 2n ** 50n],
  ['3Ei', 3n * 2n ** 60n * 1000n, 3n * 2n ** 60n],
  // decimal suffixes (am)
  ['5n', 1n, 1n],
  ['4u', 1n, 1n],
  ['3m', 3n, 1n],
  ['9', 9000n, 9n],
  ['8k', 8_000_000n, 8000n],
  ['50k', 50_000_000n, 50_000n],
  ['7M', 7n * 10n ** 9n, 7n * 10n ** 6n],
  ['6G', 6n * 10n ** 12n, 6n * 10n ** 9n],
  ['40T', 4n * 10n ** 16n, 4n * 10n ** 13n],
  ['2P', 2n * 10n ** 18n, 2n * 10n ** 15n],
  ['1E', 10n ** 21n, 10n ** 18n],
  ['12E', 12n * 10n ** 21n, 12n * 10n ** 18n],
  // exponents (am)
  ['1E-3', 1n, 1n],
  ['1E6', 10n ** 9n, 10n ** 6n],
  ['1e9', 10n ** 12n, 10n ** 9n],
  ['1E18', 10n ** 21n, 10n ** 18n],
  ['1.2e3', 1_200_000n, 1200n],
  ['1.3E+6', 1_300_000_000n, 1_300_000n],
  ['1.40e9', 14n * 10n ** 11n, 14n * 10n ** 8n],
  ['0.5e-1', 50n, 1n],
  ['0.5e-2', 5n, 1n],
  ['1.1E-9', 1n, 1n],
  // fractions (am)
  ['100.035k', 100_035_000n, 100_035n],
  ['0.0005k', 500n, 1n],
  ['0.00050k', 500n, 1n],
  ['0.005', 5n, 1n],
  ['0.05000', 50n, 1n],
  ['10.035M', 10_035_000_000n, 10_035_000n],
  ['9.01', 9010n, 10n],
  ['7.123456M', 7_123_456_000n, 7_123_456n],
  ['6.987654321G', 6_987_654_321_000n, 6_987_654_321n],
  ['2.5P', 25n * 10n ** 17n, 25n * 10n ** 14n],
  ['1.01E', 101n * 10n ** 19n, 101n * 10n ** 16n],
  ['1.G', 10n ** 12n, 10n ** 9n],
  // rounding to nano (am)
  ['3.001n', 1n, 1n],
  ['0.0000000001', 1n, 1n],
  ['0.00000012345', 1n, 1n],
  ['0.9n', 1n, 1n],
  ['1e-20000', 1n, 1n],
  ['0.000000000001Ki', 1n, 1n],
  // fractional binary (am)
  ['100.035Ki', 102_435_840n, 102_436n],
  ['0.5Mi', 524_288_000n, 524_288n],
  ['0.05Gi', 53_687_091_200n, 53_687_092n],
  ['0.025Ti', 27_487_790_694_400n, 27_487_790_695n],
  ['.001', 1n, 1n],
  ['.0001k', 100n, 1n],
  // large decimals (am, TestParseQuantity)
  ['999999999999999999.1', 999_999_999_999_999_999_100n, 1_000_000_000_000_000_000n],
  ['9999999999999999999000m', 9_999_999_999_999_999_999_000n, 9_999_999_999_999_999_999n],
  ['10.0000000000000000001E', 10n ** 22n + 100n, 10n ** 19n + 1n],
  // no digits: apimachinery's int64 path reads the missing number as 0 (see digitlessIsZero)
  ['.', 0n, 0n],
  ['-.', 0n, 0n],
  ['+', 0n, 0n],
  ['-', 0n, 0n],
  ['Mi', 0n, 0n],
  ['Ti', 0n, 0n],
  ['m', 0n, 0n],
  ['e-9', 0n, 0n],
];

const MALFORMED = [
  '',
  '   ',
  '1K',
  '1ki',
  '1e',
  '1e3Mi',
  'abc',
  'aoeu',
  '1.2.3',
  '1.1.M',
  '1+1.0M',
  '0.1mi',
  '0.1am',
  '.5i',
  '1i',
  '-3.01i',
  '-3.01e-',
  '1 Mi',
  '1Mi3',
  '1ee3',
  '1e3.5',
  '--1',
  '0x10',
  '1,5',
  '12x',
  'Pi', // no digits, and apimachinery's inf.Dec path has none to parse
  'Ei',
  'e-10',
];

describe('parseQuantity: MilliValue() and Value() as apimachinery computes them', () => {
  it('has a table of at least 70 valid forms', () => {
    expect(VALID.length + MALFORMED.length).toBeGreaterThanOrEqual(70);
    expect(new Set(VALID.map((v) => v[0])).size).toBe(VALID.length);
  });
  it.each(VALID)('%j → milli %s, value %s', (input, milli, val) => {
    const q = parseQuantity(input);
    expect(milliValue(q)).toBe(milli);
    expect(value(q)).toBe(val);
  });
  it.each(MALFORMED)('rejects %j with an error naming it', (input) => {
    expect(() => parseQuantity(input)).toThrow(QuantityError);
    expect(() => parseQuantity(input)).toThrow(`"${input}"`);
  });
  it('refuses an exponent it cannot compute rather than guessing', () => {
    expect(() => parseQuantity('1e20001')).toThrow(QuantityRangeError);
  });
});

describe('parseCpuMillicores / parseMemoryBytes', () => {
  it.each([
    ['100m', 100],
    ['0.5', 500],
    ['12345678n', 13],
    ['2', 2000],
    ['1.5', 1500],
  ])('cpu %s → %d', (t, m) => expect(parseCpuMillicores(t)).toBe(m));
  it.each([
    ['1.5Gi', 1610612736],
    ['128974848000m', 128974848],
    ['30M', 30000000],
    ['70Mi', 73400320],
    ['100m', 1],
    ['1Pi', 2 ** 50],
  ])('memory %s → %d', (t, b) => expect(parseMemoryBytes(t)).toBe(b));
  it('refuses values beyond 2^53-1 instead of losing precision', () => {
    expect(() => parseMemoryBytes('2E')).toThrow(QuantityRangeError);
    expect(() => parseCpuMillicores('9007199254741')).toThrow(QuantityRangeError);
    expect(parseCpuMillicores('9007199254740991m')).toBe(Number.MAX_SAFE_INTEGER);
  });
  it('propagates malformed values', () => {
    expect(() => parseCpuMillicores('1x')).toThrow('malformed quantity "1x"');
  });
});

describe('suspicious values', () => {
  it('flags memory "100m" (0.1 bytes) and suggests Mi', () => {
    const msg = suspiciousMemory('100m', parseMemoryBytes('100m'));
    expect(msg).toContain('fraction of a byte');
    expect(msg).toContain('0.1 bytes');
    expect(msg).toContain('"100Mi"');
  });
  it('flags CPU "100" (100 cores) and suggests 100m', () => {
    const msg = suspiciousCpu('100', parseCpuMillicores('100'));
    expect(msg).toContain('100 cores');
    expect(msg).toContain('"100m"');
  });
  it('flags large CPU without a misleading hint when a suffix is present', () => {
    const msg = suspiciousCpu('100000m', 100000);
    expect(msg).toContain('100 cores');
    expect(msg).not.toContain('did you mean');
  });
  it('flags tiny memory and digitless values', () => {
    expect(suspiciousMemory('512', 512)).toContain('only 512 bytes');
    expect(suspiciousMemory('Mi', 0)).toContain('no number');
    expect(suspiciousCpu('m', 0)).toContain('no number');
    expect(suspiciousMemory('0.5', 1)).toContain('fraction of a byte');
    expect(suspiciousMemory('0.5', 1)).not.toContain('did you mean');
  });
  it.each([
    ['250m', 'cpu'],
    ['2', 'cpu'],
    ['64Mi', 'memory'],
    ['128974848000m', 'memory'],
    ['30M', 'memory'],
    ['0', 'memory'],
    ['4', 'cpu'],
  ])('does not flag %s (%s)', (t, kind) => {
    if (kind === 'cpu') expect(suspiciousCpu(t, parseCpuMillicores(t))).toBeNull();
    else expect(suspiciousMemory(t, parseMemoryBytes(t))).toBeNull();
  });
});

// ---- independent reference: decimal strings, no division ---------------------------------------

interface Parts {
  sign: '' | '+' | '-';
  int: string;
  point: boolean;
  frac: string;
  suffix: string;
}

const BIN: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const DEC: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };

/** ceil(|x| * 10^shift) for x = digits / 10^fracLen, by moving the decimal point in the string. */
function ceilShifted(digits: string, fracLen: number, shift: number): bigint {
  const f = fracLen - shift;
  if (f <= 0) return BigInt(digits + '0'.repeat(-f));
  const padded = digits.padStart(f + 1, '0');
  const whole = BigInt(padded.slice(0, padded.length - f));
  return /[1-9]/.test(padded.slice(padded.length - f)) ? whole + 1n : whole;
}

/** [milli, value] by the apimachinery rules, computed a different way from src/quantity.ts. */
function reference(p: Parts): [bigint, bigint] {
  let digits = (p.int + p.frac).replace(/^0+(?=\d)/, '') || '0';
  let fracLen = p.frac.length;
  let binary = false;
  if (p.suffix in BIN) {
    binary = true;
    digits = (BigInt(digits) * 2n ** BigInt(BIN[p.suffix]!)).toString();
  } else if (p.suffix in DEC) {
    fracLen -= DEC[p.suffix]!;
  } else {
    fracLen -= Number(p.suffix.slice(1));
  }
  // Rounding to nano first and then to milli / unit is the same as rounding once (nested grids).
  let milli = ceilShifted(digits, fracLen, 3);
  let units = ceilShifted(digits, fracLen, 0);
  if (binary && units > MAX63) {
    milli = MAX63 * 1000n;
    units = MAX63;
  }
  return p.sign === '-' ? [-milli, -units] : [milli, units];
}

const partsArb: fc.Arbitrary<Parts> = fc
  .record({
    sign: fc.constantFrom('' as const, '+' as const, '-' as const),
    int: fc.stringMatching(/^[0-9]{0,20}$/),
    point: fc.boolean(),
    frac: fc.stringMatching(/^[0-9]{0,14}$/),
    suffix: fc.oneof(
      fc.constantFrom('n', 'u', 'm', '', 'k', 'M', 'G', 'T', 'P', 'E', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'),
      fc.integer({ min: -15, max: 25 }).chain((e) => fc.constantFrom(`e${e}`, `E${e}`, `e${e >= 0 ? '+' : ''}${e}`)),
    ),
  })
  .map((p) => ({ ...p, frac: p.point ? p.frac : '' }))
  .filter((p) => /[0-9]/.test(p.int + p.frac));

const text = (p: Parts) => `${p.sign}${p.int}${p.point ? '.' : ''}${p.frac}${p.suffix}`;

describe('properties', () => {
  it('agrees with an independent decimal-string reference', () => {
    fc.assert(
      fc.property(partsArb, (p) => {
        const q = parseQuantity(text(p));
        expect([milliValue(q), value(q)]).toEqual(reference(p));
      }),
      { numRuns: 3000 },
    );
  });

  it('MilliValue/Value round up: never below the exact value, less than one unit above', () => {
    fc.assert(
      fc.property(
        partsArb.filter((p) => p.sign !== '-' && !(p.suffix in BIN)),
        (p) => {
          // exact = N / D with N, D integers
          let n = BigInt(p.int + p.frac || '0');
          let d = 10n ** BigInt(p.frac.length);
          const e = p.suffix in DEC ? DEC[p.suffix]! : Number(p.suffix.slice(1));
          if (e >= 0) n *= 10n ** BigInt(e);
          else d *= 10n ** BigInt(-e);
          const q = parseQuantity(text(p));
          const m = milliValue(q);
          const v = value(q);
          expect(m * d >= n * 1000n).toBe(true);
          expect((m - 1n) * d < n * 1000n).toBe(true);
          expect(v * d >= n).toBe(true);
          expect((v - 1n) * d < n).toBe(true);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('parse(formatCpu(x)) = x over safe integers', () => {
    fc.assert(
      fc.property(fc.maxSafeInteger(), (x) => {
        expect(parseCpuMillicores(formatCpu(x))).toBe(x);
      }),
      { numRuns: 2000 },
    );
    fc.assert(fc.property(fc.integer({ min: -100_000, max: 100_000 }), (x) => {
        expect(parseCpuMillicores(formatCpu(x))).toBe(x);
      }),
    );
  });

  it('parse(formatMemory(x)) = x over safe integers', () => {
    const interesting = fc.oneof(
      fc.maxSafeInteger(),
      fc.integer({ min: -(2 ** 20), max: 2 ** 31 }),
      fc.tuple(fc.integer({ min: -9999, max: 9999 }), fc.constantFrom(1, 10, 1000, 1024, 2 ** 20, 10.24 * 2 ** 20, 2 ** 30, 1e6, 1e9, 2 ** 40, 1e12)).map(([a, b]) => Math.round(a * b)).filter((x) => Number.isSafeInteger(x)),
    );
    fc.assert(
      fc.property(interesting, (x) => {
        expect(parseMemoryBytes(formatMemory(x))).toBe(x);
      }),
      { numRuns: 3000 },
    );
  });
});

/** formatMemory as it was, all in BigInt: the oracle for its faster double arithmetic. */
function formatMemoryReference(bytes: number): string {
  if (bytes === 0) return '0';
  const abs = BigInt(Math.abs(bytes));
  const sign = bytes < 0 ? '-' : '';
  const binary: Array<[string, bigint]> = [['Ei', 2n ** 60n], ['Pi', 2n ** 50n], ['Ti', 2n ** 40n], ['Gi', 2n ** 30n], ['Mi', 2n ** 20n], ['Ki', 2n ** 10n]];
  const decimal: Array<[string, bigint]> = [['E', 10n ** 18n], ['P', 10n ** 15n], ['T', 10n ** 12n], ['G', 10n ** 9n], ['M', 10n ** 6n], ['k', 10n ** 3n]];
  for (const [unit, s] of binary) {
    if (abs < s || (abs * 100n) % s !== 0n) continue;
    const h = (abs * 100n) / s;
    const frac = (h % 100n).toString().padStart(2, '0').replace(/0+$/, '');
    return sign + (frac ? `${h / 100n}.${frac}` : `${h / 100n}`) + unit;
  }
  for (const [unit, s] of decimal) if (abs >= s && abs % s === 0n) return sign + (abs / s).toString() + unit;
  return sign + abs.toString();
}

describe('formatMemory in doubles agrees with exact BigInt arithmetic', () => {
  it('over the safe integers, around unit sizes and the switch to BigInt', () => {
    const near = fc
      .tuple(fc.integer({ min: -9999, max: 9999 }), fc.constantFrom(1, 1000, 1024, 2 ** 20, 10.24 * 2 ** 20, 2 ** 30, 2 ** 40, 2 ** 50, 1e12, 1e15, 9.007e13))
      .map(([a, b]) => Math.round(a * b))
      .filter((x) => Number.isSafeInteger(x));
    fc.assert(
      fc.property(fc.oneof(fc.maxSafeInteger(), fc.integer({ min: -(2 ** 31), max: 2 ** 31 }), near), (x) => {
        expect(formatMemory(x)).toBe(formatMemoryReference(x));
      }),
      { numRuns: 5000 },
    );
  });

  it.each([
    [1.25 * 2 ** 30, '1.25Gi'],
    [1075, '1075'],
    [107 * 2 ** 24, '1712Mi'],
    [2883584, '2.75Mi'],
    [0.5 * 2 ** 20 + 512, '512.5Ki'],
    [1.5 * 2 ** 50, '1.5Pi'],
    [Number.MAX_SAFE_INTEGER, formatMemoryReference(Number.MAX_SAFE_INTEGER)],
    [-(2 ** 53 - 2 ** 40), '-8191Ti'],
  ])('formatMemory(%d) = %s', (b, s) => expect(formatMemory(b)).toBe(s));
});

describe('formatting', () => {
  it.each([
    [860, '860m'],
    [2000, '2'],
    [0, '0'],
    [1500, '1500m'],
  ])('formatCpu(%d) = %s', (m, s) => expect(formatCpu(m)).toBe(s));
  it.each([
    [640 * 2 ** 20, '640Mi'],
    [1610612736, '1.5Gi'],
    [30_000_000, '30M'],
    [120177536, '120177536'],
    [0, '0'],
    [1024, '1Ki'],
  ])('formatMemory(%d) = %s', (b, s) => expect(formatMemory(b)).toBe(s));
});
