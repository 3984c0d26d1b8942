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

/** metrics-server's own forms ("12345678n", "10240Ki"): exact without the general parser. */
const FAST = /^(\d{1,15})(n|u|m|Ki|Mi|)$/;
const FAST_SCALE: Record<string, bigint> = { n: 1n, u: 1_000n, m: 1_000_000n, '': 1_000_000_000n, Ki: 1_024_000_000_000n, Mi: 1_048_576_000_000_000n };

function nanos(v: unknown, where: string, notes: Note[]): bigint | null {
  if (typeof v === 'number') v = String(v);
  if (typeof v !== 'string') return null;
  const fast = FAST.exec(v);
  if (fast) return BigInt(fast[1]!) * FAST_SCALE[fast[2]!]!;
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

/**
 * A reading's per-pod usage ("namespace/name" → PodUsage), held flat: the amounts of
 * every pod in one number array (NaN for null) and each pod's container names as a list shared
 * by the pods with the same names — ~130 instead of ~320 bytes a pod, for a map that lives
 * through the whole inventory (50k pods: the pod list takes seconds longer than the metrics).
 * `get` builds a pod's PodUsage on demand.
 */
export class PodUsageMap {
  private readonly index = new Map<string, number>();
  private readonly starts: number[] = [];
  private readonly nameLists: string[][] = [];
  private readonly amounts: number[] = [];
  private readonly sharedLists = new Map<string, string[]>();

  get size(): number {
    return this.index.size;
  }

  /**
   * Adds a pod's reading: its usage is the exact sum of its containers' rounded once; each
   * container's is rounded alone; by name, a container read twice keeps the last reading.
   */
  add(key: string, containers: Array<{ name: string; usage: ExactUsage }>): void {
    this.index.set(key, this.starts.length);
    this.starts.push(this.amounts.length);
    this.nameLists.push(this.share(containers.map((c) => c.name)));
    const pod = roundUsage(sumExact(containers.map((c) => c.usage)));
    this.amounts.push(enc(pod.cpuMillicores), enc(pod.memoryBytes));
    for (const c of containers) {
      const r = roundUsage(c.usage);
      this.amounts.push(enc(r.cpuMillicores), enc(r.memoryBytes));
    }
  }

  /** Every entry of `other`, as if added here in its order. */
  addAll(other: PodUsageMap): void {
    for (const [key, e] of other.index) {
      const from = other.starts[e]!;
      const names = other.nameLists[e]!;
      this.index.set(key, this.starts.length);
      this.starts.push(this.amounts.length);
      this.nameLists.push(this.share(names));
      for (let k = 0; k < 2 + 2 * names.length; k++) this.amounts.push(other.amounts[from + k]!);
    }
  }

  get(key: string): PodUsage | undefined {
    const e = this.index.get(key);
    if (e === undefined) return undefined;
    const at = this.starts[e]!;
    const containers: Record<string, R> = {};
    this.nameLists[e]!.forEach((name, k) => {
      containers[name] = { cpuMillicores: dec(this.amounts[at + 2 + 2 * k]!), memoryBytes: dec(this.amounts[at + 3 + 2 * k]!) };
    });
    return { usage: { cpuMillicores: dec(this.amounts[at]!), memoryBytes: dec(this.amounts[at + 1]!) }, containers };
  }

  private share(names: string[]): string[] {
    const listKey = names.join('\u0000');
    const shared = this.sharedLists.get(listKey);
    if (shared) return shared;
    this.sharedLists.set(listKey, names);
    return names;
  }
}

const enc = (v: number | null): number => (v === null ? Number.NaN : v);
const dec = (v: number): number | null => (Number.isNaN(v) ? null : v);
