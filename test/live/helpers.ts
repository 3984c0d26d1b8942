import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LiveEnv, LiveOptions, Progress } from '../../src/collect/live.js';
import { kubeconfigFor } from '../kube-server/server.js';

export interface Ticks {
  started: Array<[string, number]>;
  ticks: string[];
  done: number;
}

export function recordingProgress(): Progress & { log: Ticks } {
  const log: Ticks = { started: [], ticks: [], done: 0 };
  return {
    log,
    start: (label, total) => log.started.push([label, total]),
    tick: (d) => log.ticks.push(d ?? ''),
    done: () => log.done++,
  };
}

export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'ep-live-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function writeKubeconfig(dir: string, url: string, opts: Parameters<typeof kubeconfigFor>[1] = {}, name = 'kubeconfig'): string {
  const file = join(dir, name);
  writeFileSync(file, kubeconfigFor(url, opts));
  return file;
}

export function liveOptions(kubeconfig: string, over: Partial<LiveOptions> = {}): LiveOptions {
  return {
    kubeconfig,
    context: null,
    namespaces: null,
    samples: 1,
    intervalMs: 10,
    host: false,
    pageLimit: 500,
    requestTimeoutMs: 5000,
    ...over,
  };
}

export function liveEnv(over: Partial<LiveEnv> = {}): LiveEnv & { progress: ReturnType<typeof recordingProgress> } {
  return {
    progress: recordingProgress(),
    signal: new AbortController().signal,
    env: { HOME: '/nonexistent-home' },
    now: () => new Date('2026-01-02T03:04:05Z'),
    ...over,
  } as LiveEnv & { progress: ReturnType<typeof recordingProgress> };
}
