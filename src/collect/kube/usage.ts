// Usage readings (metrics.k8s.io, Summary API) → R, rounded as kubectl top does: CPU by
// MilliValue() (up), memory by Value() (up). A pod's usage is the exact sum of its containers'
// quantities, rounded once — as `kubectl top pod` sums before it prints.
import type { Note, R } from '../../model/snapshot.js';
import { note } from '../../model/snapshot.js';
import { milliValue, parseQuantity, QuantityError, value } from '../../quantity.js';

export interface ExactUsage {
  cpuNanos: bigint | null;
  memoryNanos: bigint | null;
}

export interface PodUsage {
  usage: R;
  containers: Record<string, R>;
}

function nanos(v: unknown, where: string, notes: Note[]): bigint | null {
  if (typeof v === 'number') v = String(v);
  if (typeof v !== 'string') return null;
  try {
    return parseQuantity(v).nanos;
  } catch (err) {
    if (!(err instanceof QuantityError)) throw err;
    notes.push(note('live.bad-quantity', 'warn', `${where}: ${err.message}`));
    return null;
  }
}

export function exactUsage(list: unknown, where: string, notes: Note[]): ExactUsage {
  const o = (list ?? {}) as { cpu?: unknown; memory?: unknown };
  return { cpuNanos: nanos(o.cpu, `${where} cpu`, notes), memoryNanos: nanos(o.memory, `${where} memory`, notes) };
}

export function roundUsage(u: ExactUsage): R {
  return {
    cpuMillicores: u.cpuNanos === null ? null : Number(milliValue({ nanos: u.cpuNanos, text: '' })),
    memoryBytes: u.memoryNanos === null ? null : Number(value({ nanos: u.memoryNanos, text: '' })),
  };
}

/** Sum of readings; a part is null only when every reading lacks it. */
export function sumExact(parts: ExactUsage[]): ExactUsage {
  let cpu: bigint | null = null;
  let mem: bigint | null = null;
  for (const p of parts) {
    if (p.cpuNanos !== null) cpu = (cpu ?? 0n) + p.cpuNanos;
    if (p.memoryNanos !== null) mem = (mem ?? 0n) + p.memoryNanos;
  }
  return { cpuNanos: cpu, memoryNanos: mem };
}

export function podUsage(containers: Array<{ name: string; usage: ExactUsage }>): PodUsage {
  const out: Record<string, R> = {};
  for (const c of containers) out[c.name] = roundUsage(c.usage);
  return { usage: roundUsage(sumExact(containers.map((c) => c.usage))), containers: out };
}
