// The optimizer pause, observed through V8 itself: whether a fresh hot function gets optimized.
import { setFlagsFromString } from 'node:v8';
import { afterEach, describe, expect, test } from 'vitest';
import { processOptimizerPause } from '../../src/collect/optimizer-pause.js';

setFlagsFromString('--allow-natives-syntax');
const optimizationStatus = new Function('f', 'return %GetOptimizationStatus(f)') as (f: unknown) => number;
setFlagsFromString('--no-allow-natives-syntax');
const OPTIMIZED = 1 << 4; // V8's OptimizationStatus::kOptimized

/** Calls a function hot, in bounded rounds, yielding between them so a background compile can land. */
async function getsOptimized(f: (a: number, b: number) => number): Promise<boolean> {
  for (let round = 0; round < 200; round++) {
    for (let i = 0; i < 5_000; i++) f(i, round);
    if (optimizationStatus(f) & OPTIMIZED) return true;
    await new Promise((r) => setImmediate(r));
  }
  return false;
}
const freshFunction = () => new Function('a', 'b', 'return a * b + (a ^ b)') as (a: number, b: number) => number;

afterEach(() => setFlagsFromString('--opt'));

describe('the optimizer pause', () => {
  test('a hot function is optimized before the pause, not during it, and is once it is resumed', async () => {
    const pause = processOptimizerPause([]);
    expect(await getsOptimized(freshFunction())).toBe(true);
    pause.pause();
    const during = freshFunction();
    expect(await getsOptimized(during)).toBe(false);
    pause.resume();
    expect(await getsOptimized(during)).toBe(true);
  });

  test.each([['--no-opt'], ['--no-turbofan'], ['--jitless']])('node started with %s: its flags are left alone', async (flag) => {
    processOptimizerPause([]).pause();
    processOptimizerPause(['--max-old-space-size=100', flag]).resume(); // would turn the optimizer back on
    expect(await getsOptimized(freshFunction())).toBe(false);
  });
});
