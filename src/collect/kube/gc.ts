// Between pages of a big list, V8 grows the heap before it collects: the pages already parsed
// (~10 MB of objects each at 500 pods) pile up and set the peak RSS. A full collection when the
// heap has grown by more than a budget since the last one keeps the peak near "retained + one
// budget" for a few collections per 10k pods (each one at every page cost +40 % wall time).
// gc() is not exposed without --expose-gc; the flag set at run time exposes it in a new context.
import v8 from 'node:v8';
import vm from 'node:vm';

const BUDGET_BYTES = 32 * 2 ** 20;

let collect: (() => void) | null | undefined;
let baseline = 0;

function gcFunction(): (() => void) | null {
  if (collect === undefined) {
    try {
      v8.setFlagsFromString('--expose-gc');
      const fn: unknown = vm.runInNewContext('typeof gc === "function" ? gc : null');
      collect = typeof fn === 'function' ? (fn as () => void) : null;
    } catch {
      collect = null;
    }
  }
  return collect;
}

/** Collects garbage if the heap grew by more than the budget since the last collection. */
export function collectGarbageIfGrown(): void {
  const used = v8.getHeapStatistics().used_heap_size;
  if (used - baseline < BUDGET_BYTES) return;
  const gc = gcFunction();
  if (!gc) return;
  gc();
  baseline = v8.getHeapStatistics().used_heap_size;
}
