// Durations on the command line: 500ms, 5s, 1m, 1h, or combined (1m30s). No bare numbers:
// "5" could mean seconds or milliseconds.
import { UsageError } from '../errors.js';

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
const WHOLE = /^(?:\d+(?:\.\d+)?(?:ms|s|m|h))+$/;
const PART = /(\d+(?:\.\d+)?)(ms|s|m|h)/g;

export function parseDuration(text: string, flag: string): number {
  const t = text.trim();
  if (!WHOLE.test(t)) {
    throw new UsageError(`${flag} "${text}" is not a duration; write it like 500ms, 5s, 1m or 1m30s`);
  }
  let ms = 0;
  for (const m of t.matchAll(PART)) ms += Number(m[1]) * UNIT_MS[m[2]!]!;
  return Math.round(ms);
}
