// No new optimized code while sampling a small cluster.
//
// V8 compiles optimized (TurboFan) code on worker threads, and glibc gives each thread an arena
// of its own that keeps the high-water mark of what that thread allocated. Measured at 5 s against
// 100 pods: those arenas held 3.4–5.2 MiB at 60 s and 4.0–5.9 MiB at 290 s, most of the RSS climb
// after warm-up; with new optimization off from the first reading on they stayed at 3.0 MiB and a
// reading cost no more CPU (docs/performance.md, Sampling → "sampling-arenas").
// Code that is already optimized stays so; only new tier-ups stop, until the window is over.
// V8 reads this flag at each tier-up decision, so it can be set at run time (unlike
// --no-concurrent-recompilation, read once at start-up). Large clusters keep the optimizer
// (live.ts): their list scanners still tier up after the first reading.
import { setFlagsFromString } from 'node:v8';

export interface OptimizerPause {
  pause(): void;
  resume(): void;
}

/** node started with the optimizer off or without a JIT: leave its flags alone */
const USER_CHOSE = /^--(no-opt|no-turbofan|jitless)$/;

export function processOptimizerPause(execArgv: readonly string[] = process.execArgv): OptimizerPause {
  if (execArgv.some((a) => USER_CHOSE.test(a))) return { pause() {}, resume() {} };
  return {
    pause: () => setFlagsFromString('--no-opt'),
    resume: () => setFlagsFromString('--opt'),
  };
}
