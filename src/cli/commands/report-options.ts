// Parsing the flags of `report` into typed values. A malformed value is a UsageError (exit 2)
// that names the flag, the value and the expected form.
import { UsageError } from '../../errors.js';
import type { R } from '../../model/snapshot.js';
import { parseCpuMillicores, parseMemoryBytes, QuantityError } from '../../quantity.js';

function bad(flag: string, value: string, why: string): UsageError {
  return new UsageError(`--${flag}: malformed value ${JSON.stringify(value)}: ${why}`);
}

/** "cpu=1,memory=1500Mi" → R. `requireBoth` for a node size; reserved amounts may name one. */
export function parseResourceList(flag: string, value: string, requireBoth: boolean): R {
  const out: R = { cpuMillicores: null, memoryBytes: null };
  const form = requireBoth ? 'cpu=Q,memory=Q, e.g. cpu=1,memory=1500Mi' : 'cpu=Q and/or memory=Q, e.g. cpu=100m,memory=256Mi';
  if (value.trim() === '') throw bad(flag, value, `expected ${form}`);
  for (const part of value.split(',')) {
    const eq = part.indexOf('=');
    if (eq < 0) throw bad(flag, value, `"${part}" has no "=" (expected ${form})`);
    const key = part.slice(0, eq).trim();
    const q = part.slice(eq + 1).trim();
    if (key !== 'cpu' && key !== 'memory') throw bad(flag, value, `unknown resource "${key}" (expected ${form})`);
    const field = key === 'cpu' ? 'cpuMillicores' : 'memoryBytes';
    if (out[field] !== null) throw bad(flag, value, `${key} is given twice`);
    let n: number;
    try {
      n = key === 'cpu' ? parseCpuMillicores(q) : parseMemoryBytes(q);
    } catch (err) {
      if (err instanceof QuantityError) throw bad(flag, value, `${key}: ${err.message}`);
      throw err;
    }
    if (n < 0) throw bad(flag, value, `${key} must not be negative`);
    if (requireBoth && n === 0) throw bad(flag, value, `${key} must be more than 0`);
    out[field] = n;
  }
  if (requireBoth && (out.cpuMillicores === null || out.memoryBytes === null)) {
    throw bad(flag, value, `give both cpu and memory (${form})`);
  }
  return out;
}

/** "memory.available=100Mi" (also the kubelet's "memory.available<100Mi") → bytes. */
export function parseEvictionHard(value: string): number {
  const m = /^\s*memory\.available\s*[=<]\s*(.+?)\s*$/.exec(value);
  if (!m) throw bad('eviction-hard', value, 'expected memory.available=Q, e.g. memory.available=100Mi');
  const q = m[1]!;
  if (q.endsWith('%')) throw bad('eviction-hard', value, 'a percentage is not supported; give a quantity such as 100Mi');
  try {
    const n = parseMemoryBytes(q);
    if (n < 0) throw bad('eviction-hard', value, 'must not be negative');
    return n;
  } catch (err) {
    if (err instanceof QuantityError) throw bad('eviction-hard', value, err.message);
    throw err;
  }
}

/** A plain decimal number (no units, no hex, no exponent) within [min, max]. */
export function parseNumber(flag: string, value: string, min: number, max: number, what: string, minExclusive = false): number {
  const t = value.trim().replace(/%$/, '');
  if (!/^\d+(\.\d+)?$|^\.\d+$/.test(t)) throw bad(flag, value, `expected ${what}`);
  const n = Number(t);
  if (n > max || n < min || (minExclusive && n === min)) throw bad(flag, value, `expected ${what}`);
  return n;
}

export interface LayerArg {
  name: string;
  path: string;
}

/** "NAME=SNAPSHOT" → {name, path}; the name is what the layers table shows. */
export function parseLayer(value: string): LayerArg {
  const eq = value.indexOf('=');
  const name = eq < 0 ? '' : value.slice(0, eq).trim();
  const path = eq < 0 ? '' : value.slice(eq + 1).trim();
  if (name === '' || path === '') throw bad('layer', value, 'expected NAME=SNAPSHOT, e.g. k0s=k0s.json');
  return { name, path };
}

/** Flags yargs gives as a string or, when repeated, as an array. */
export function list(v: unknown): string[] {
  if (v === undefined || v === null) return [];
  return (Array.isArray(v) ? v : [v]).map(String);
}

/** The last value of a flag that may be repeated, or undefined. */
export function single(v: unknown): string | undefined {
  const all = list(v);
  return all.length ? all[all.length - 1] : undefined;
}

/** A word safe to paste into a POSIX shell. */
export function shellQuote(s: string): string {
  if (/^[A-Za-z0-9_./:=,@%+-]+$/.test(s)) return s;
  return `'${s.replace(/'/g, `'\\''`)}'`;
}
