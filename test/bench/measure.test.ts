// bench/lib/measure.mjs against real child processes: exit codes, peak RSS, output capture and
// the timeout kill (of GNU time and the command under it). Nothing about speed is asserted.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { measure } from '../../bench/lib/measure.mjs';
import { checkExit, sideBySide } from '../../bench/lib/side-by-side.mjs';

const tmpDir = mkdtempSync(join(tmpdir(), 'edge-profile-measure-'));
afterAll(() => rmSync(tmpDir, { recursive: true, force: true }));

describe('measure', () => {
  it('reports the exit code, a peak RSS that grows with what the child allocates, and captures stdout', async () => {
    const out = join(tmpDir, 'out.txt');
    const small = await measure(process.execPath, ['-e', 'process.stdout.write("hi")'], { tmpDir, stdoutFile: out });
    expect(small.exitCode).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe('hi');
    const big = await measure(process.execPath, ['-e', 'const b = Buffer.alloc(96 * 1048576, 1); process.exitCode = b[5] === 1 ? 3 : 0'], { tmpDir });
    expect(big.exitCode).toBe(3);
    expect(small.peakRssBytes).toBeGreaterThan(8 * 1048576);
    expect(big.peakRssBytes! - small.peakRssBytes!).toBeGreaterThan(80 * 1048576);
    expect(() => checkExit('big', big)).toThrow(/big exited 3/);
  });

  it('kills a child that outlives its timeout, and checkExit says so', async () => {
    const m = await measure(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { tmpDir, timeoutMs: 300 });
    expect(m.timedOut).toBe(true);
    expect(() => checkExit('sleeper', m)).toThrow(/did not finish within the timeout/);
  });
});

describe('sideBySide', () => {
  it('runs every peer each round, takes medians, and stops a peer after it fails', async () => {
    const calls: string[] = [];
    let b = 0;
    const res = await sideBySide(
      [
        { name: 'A', run: async (round: number) => (calls.push(`A${round}`), { wallMs: [30, 10, 20][round]!, peakRssBytes: 5 }) },
        {
          name: 'B',
          run: async (round: number) => {
            calls.push(`B${round}`);
            if (++b === 2) throw new Error('boom');
            return { wallMs: 1, peakRssBytes: null };
          },
        },
        { name: 'C', rounds: 1, run: async (round: number) => (calls.push(`C${round}`), { wallMs: 7, peakRssBytes: 1 }) },
      ],
      3,
      () => undefined,
    );
    expect(calls).toEqual(['A0', 'B0', 'C0', 'B1', 'A1', 'A2']);
    expect(res.map((r) => [r.name, r.runs.length, r.wallMs, r.failed])).toEqual([
      ['A', 3, 20, null],
      ['B', 1, 1, 'boom'],
      ['C', 1, 7, null],
    ]);
    expect(res[1]!.peakRssBytes).toBeNull();
  });
});
