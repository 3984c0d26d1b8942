// The idle collector's policy (table-driven, fake heap and clock) and the real V8 collection it uses.
import { describe, expect, test } from 'vitest';
import { IdleCollector, oldSpaceUsedBytes, processIdleCollector, v8FullCollection } from '../../src/collect/idle-gc.js';

const MiB = 1024 * 1024;

/** Runs afterReading once per step: [ms since start, old-space MiB before, MiB left after a collection]. */
function run(steps: Array<[number, number, number?]>): boolean[] {
  let i = 0;
  let used = 0;
  const c = new IdleCollector(
    {
      collect: () => (used = (steps[i]![2] ?? used / MiB) * MiB),
      oldSpaceUsedBytes: () => used,
      nowMs: () => steps[i]![0],
    },
    { minGapMs: 60_000, minGrowthBytes: MiB },
  );
  const out: boolean[] = [];
  for (i = 0; i < steps.length; i++) {
    used = steps[i]![1] * MiB;
    out.push(c.afterReading());
  }
  return out;
}

describe('when the idle collector collects', () => {
  test.each<[string, Array<[number, number, number?]>, boolean[]]>([
    ['not on the first reading: it only sets the baseline', [[0, 50]], [false]],
    ['growth under 1 MiB: never', [[0, 12], [5_000, 12.5], [65_000, 12.9], [200_000, 12.99]], [false, false, false, false]],
    ['growth of 1 MiB: at once the first time', [[0, 12], [5_000, 13, 12.1]], [false, true]],
    [
      'then not again within 60 s, however much it grows',
      [[0, 12], [5_000, 13, 12.1], [30_000, 20], [64_999, 30], [65_000, 30, 12.2]],
      [false, true, false, false, true],
    ],
    ['growth is measured from what the last collection left', [[0, 12], [5_000, 14, 13.5], [70_000, 14.4], [80_000, 14.5, 13.6]], [false, true, false, true]],
    ['V8 collected on its own: measured from the lower level', [[0, 12], [5_000, 10], [10_000, 10.9], [15_000, 11, 10]], [false, false, false, true]],
  ])('%s', (_name, steps, want) => {
    expect(run(steps)).toEqual(want);
  });
});

describe("this process's collector", () => {
  test('is V8 full collection: an unreachable object is gone after it; gc stays hidden from this context', async () => {
    const hidden = typeof (globalThis as { gc?: unknown }).gc !== 'function';
    const gc = v8FullCollection();
    expect(gc).toBeTypeOf('function');
    if (hidden) expect((globalThis as { gc?: unknown }).gc).toBeUndefined();
    let target: object | null = { big: new Array(1000).fill(1) };
    const ref = new WeakRef(target);
    target = null;
    await new Promise((r) => setTimeout(r, 0)); // a WeakRef holds its target until the job that made it ends
    gc!();
    expect(ref.deref()).toBeUndefined();
  });

  test('reads the old space of this heap', () => {
    expect(oldSpaceUsedBytes()).toBeGreaterThan(MiB);
    expect(processIdleCollector(() => performance.now())).toBeInstanceOf(IdleCollector);
  });
});
