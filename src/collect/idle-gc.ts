// A full garbage collection in the idle gap between readings, now and then.
//
// Sampling leaves the process idle >99% of the time, but V8 sizes its old-generation limit for a
// busy process: objects that are still in use when a scavenge runs mid-reading (answers being
// parsed, /proc texts) are promoted and die in the old generation, which V8 then leaves to grow
// for minutes before it collects it. Measured at 5 s against 100 pods: RSS climbed ~1–2 MiB a
// minute between V8's own collections. A collection costs ~20 ms (~30 ms of CPU) on this heap.
// So after a reading, when the old generation has grown by `minGrowthBytes` since the last
// collection and at least `minGapMs` have passed, one is run: ~0.05% of a core at 5 s, and the
// heap stays near what is in use instead of climbing for minutes (docs/performance.md, Sampling).
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

export interface IdleCollectorOptions {
  minGapMs: number;
  minGrowthBytes: number;
}

export const IDLE_GC_DEFAULTS: IdleCollectorOptions = { minGapMs: 60_000, minGrowthBytes: 1024 * 1024 };

export interface IdleCollectorDeps {
  /** a full collection */
  collect: () => void;
  /** bytes in use in the old generation */
  oldSpaceUsedBytes: () => number;
  nowMs: () => number;
}

export class IdleCollector {
  /** old-generation bytes in use after the last collection (ours or V8's) */
  private baselineBytes: number | null = null;
  private lastMs = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly deps: IdleCollectorDeps,
    private readonly opts: IdleCollectorOptions = IDLE_GC_DEFAULTS,
  ) {}

  /** Called in the idle gap after a reading; true when it collected. */
  afterReading(): boolean {
    const used = this.deps.oldSpaceUsedBytes();
    // V8 collected on its own since: measure from what is left.
    if (this.baselineBytes === null || used < this.baselineBytes) this.baselineBytes = used;
    const now = this.deps.nowMs();
    if (now - this.lastMs < this.opts.minGapMs || used - this.baselineBytes < this.opts.minGrowthBytes) return false;
    this.deps.collect();
    this.lastMs = now;
    this.baselineBytes = this.deps.oldSpaceUsedBytes();
    return true;
  }
}

/**
 * V8's full collection, without starting node with --expose-gc: the flag is set just long enough
 * to take `gc` from a fresh context (as jest-leak-detector does). null where that fails.
 */
export function v8FullCollection(): (() => void) | null {
  const exposed = (globalThis as { gc?: unknown }).gc;
  if (typeof exposed === 'function') return exposed as () => void;
  try {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as unknown;
    return typeof gc === 'function' ? (gc as () => void) : null;
  } catch {
    return null;
  } finally {
    setFlagsFromString('--no-expose-gc');
  }
}

export function oldSpaceUsedBytes(): number {
  return getHeapSpaceStatistics().find((s) => s.space_name === 'old_space')?.space_used_size ?? 0;
}

/** The collector of this process, or null when V8 will not hand out `gc`. */
export function processIdleCollector(nowMs: () => number): IdleCollector | null {
  const collect = v8FullCollection();
  return collect ? new IdleCollector({ collect, oldSpaceUsedBytes, nowMs }) : null;
}
