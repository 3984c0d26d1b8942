// Runs one child process and measures it: wall time (taken here, around spawn → exit) and peak
// RSS. Peak RSS comes from GNU time (`/usr/bin/time -f '%e %M %x %U %S'`: ru_maxrss of the child,
// which for a process that forks is the largest single process among it and its waited-for
// descendants, not a sum) when present, else from polling /proc/PID/status VmHWM every 10 ms
// (the last value read before exit; can miss a final spike of a very short process).
import { spawn } from 'node:child_process';
import { existsSync, openSync, closeSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseStatusField, parseTimeOutput } from './stats.mjs';

const GNU_TIME = '/usr/bin/time';

export function rssMethod() {
  return existsSync(GNU_TIME) ? 'GNU time %M (ru_maxrss of the child)' : '/proc/PID/status VmHWM polled every 10 ms';
}

let seq = 0;

/**
 * @param {string} cmd
 * @param {string[]} args
 * @param {{ tmpDir: string, env?: NodeJS.ProcessEnv, cwd?: string, timeoutMs?: number, stdoutFile?: string | null,
 *           onStart?: (pid: number) => (() => void) | void }} opts
 * @returns {Promise<{ wallMs: number, peakRssBytes: number | null, cpuMs: number | null, exitCode: number | null, signal: string | null, timedOut: boolean, stderr: string }>}
 */
export async function measure(cmd, args, opts) {
  const n = ++seq;
  const timeFile = join(opts.tmpDir, `time-${process.pid}-${n}.txt`);
  const useTime = existsSync(GNU_TIME) && !opts.onStart;
  const argv = useTime ? ['-f', '%e %M %x %U %S', '-o', timeFile, cmd, ...args] : args;
  const outFd = opts.stdoutFile ? openSync(opts.stdoutFile, 'w') : 'ignore';
  const started = process.hrtime.bigint();
  const child = spawn(useTime ? GNU_TIME : cmd, argv, {
    cwd: opts.cwd,
    env: opts.env ?? process.env,
    stdio: ['ignore', outFd, 'pipe'],
    // Own process group, so a timeout kills GNU time and the command under it together.
    detached: true,
  });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (d) => {
    if (stderr.length < 20_000) stderr += d;
  });
  let peakPolled = null;
  let poll = null;
  if (!useTime) {
    const read = () => {
      try {
        const v = parseStatusField(readFileSync(`/proc/${child.pid}/status`, 'utf8'), 'VmHWM');
        if (v !== null) peakPolled = Math.max(peakPolled ?? 0, v);
      } catch {
        // gone
      }
    };
    read();
    poll = setInterval(read, 10);
  }
  const stopWatcher = opts.onStart ? opts.onStart(child.pid) : undefined;
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      child.kill('SIGKILL');
    }
  }, opts.timeoutMs ?? 600_000);
  const [exitCode, signal] = await new Promise((resolve) => child.on('exit', (c, s) => resolve([c, s])));
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  clearTimeout(timer);
  if (poll) clearInterval(poll);
  if (typeof stopWatcher === 'function') stopWatcher();
  if (typeof outFd === 'number') closeSync(outFd);
  await new Promise((r) => (child.stderr.readableEnded ? r() : child.stderr.on('end', r)));
  if (useTime) {
    let parsed = null;
    try {
      parsed = parseTimeOutput(readFileSync(timeFile, 'utf8'));
    } catch {
      // time was killed
    }
    rmSync(timeFile, { force: true });
    // time writes its own lines to the file; the child's stderr is ours untouched.
    return { wallMs, peakRssBytes: parsed?.peakRssBytes ?? null, cpuMs: parsed?.cpuMs ?? null, exitCode: parsed?.exitCode ?? exitCode, signal, timedOut, stderr };
  }
  return { wallMs, peakRssBytes: peakPolled, cpuMs: null, exitCode, signal, timedOut, stderr };
}
