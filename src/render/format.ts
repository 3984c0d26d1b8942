// How numbers look in every human-readable output. Missing values are shown as missing
// ("not set" for requests/limits, "—" for usage nobody observed), never as 0.
import type { R } from '../model/snapshot.js';
import { formatCpu, formatMemory, formatMemoryHuman } from '../quantity.js';

export const NOT_SET = 'not set';
export const NOT_OBSERVED = '—';

/** 860m, 1, 1500m; `missing` when null. Fractional millicores (means) are rounded to whole ones. */
export function cpu(millicores: number | null, missing: string = NOT_SET): string {
  if (millicores === null) return missing;
  return formatCpu(Math.round(millicores));
}

/** 640Mi, 1.5Gi, 30M, ~114.6Mi; `missing` when null. Fractional bytes (means) are rounded. */
export function memory(bytes: number | null, missing: string = NOT_SET): string {
  if (bytes === null) return missing;
  const b = Math.round(bytes);
  const abs = Math.abs(b);
  // "461192Ki" is exact but unreadable: from 1Mi up, a value with no exact Mi/Gi/M/G form is approximated.
  const exact = formatMemory(b);
  if (abs >= MI && /(Ki|\d)$/.test(exact)) {
    const [unit, size] = abs >= GI ? ['Gi', GI] : ['Mi', MI];
    return `~${b < 0 ? '-' : ''}${(abs / size).toFixed(1)}${unit}`;
  }
  return formatMemoryHuman(b, exact);
}

const MI = 2 ** 20;
const GI = 2 ** 30;

/** "1 CPU, 1.5Gi" — a node size. */
export function nodeSize(r: R): string {
  if (r.cpuMillicores === null && r.memoryBytes === null) return 'unknown';
  return `${cores(r.cpuMillicores)}, ${memory(r.memoryBytes, 'memory unknown')}`;
}

/** 1000 → "1 CPU", 1500 → "1.5 CPU", 250 → "0.25 CPU", 1234 → "1.234 CPU". */
export function cores(millicores: number | null): string {
  if (millicores === null) return 'CPU unknown';
  const m = Math.round(millicores);
  const whole = Math.trunc(m / 1000);
  const frac = String(Math.abs(m % 1000)).padStart(3, '0').replace(/0+$/, '');
  return `${m < 0 && whole === 0 ? '-' : ''}${whole}${frac ? '.' + frac : ''} CPU`;
}

/** part of whole as a whole percentage ("71%"); "<1%" for a small non-zero part; "—" when unknown. */
export function percent(part: number | null, whole: number | null): string {
  if (part === null || whole === null || whole <= 0) return NOT_OBSERVED;
  const p = (part / whole) * 100;
  if (p > 0 && p < 0.5) return '<1%';
  return `${Math.round(p)}%`;
}

/** A percentage that is already a percentage (top's %CPU): one decimal, trailing .0 dropped. */
export function percentValue(p: number | null): string {
  if (p === null) return NOT_OBSERVED;
  return `${Number(p.toFixed(1))}%`;
}

/** +18m, -12m, 0; "—" when unknown. */
export function deltaCpu(millicores: number | null): string {
  if (millicores === null) return NOT_OBSERVED;
  return signed(Math.round(millicores), cpu);
}

/** +388Mi, -1Gi, 0; "—" when unknown. */
export function deltaMemory(bytes: number | null): string {
  if (bytes === null) return NOT_OBSERVED;
  return signed(Math.round(bytes), memory);
}

function signed(v: number, fmt: (n: number) => string): string {
  if (v === 0) return '0';
  const abs = fmt(Math.abs(v));
  if (v > 0) return `+${abs}`;
  // "~1.5Gi" keeps its tilde in front of the sign: "~-1.5Gi" reads badly.
  return abs.startsWith('~') ? `~-${abs.slice(1)}` : `-${abs}`;
}

/** A reduction factor: 0.5, 0.35, 1; "—" when none could be given. */
export function factor(f: number | null): string {
  if (f === null) return NOT_OBSERVED;
  return String(Number(f.toFixed(2)));
}

/** Memory in MiB as a plain number with at most one decimal (for charts): 1341, 114.6. */
export function mebibytes(bytes: number): number {
  return Math.round((bytes / 2 ** 20) * 10) / 10;
}

/** "730m" or "730m (1 not set)" for a total over rows some of which had no value. */
export function withUnset(total: string, unset: number): string {
  return unset > 0 ? `${total} (${unset} not set)` : total;
}
