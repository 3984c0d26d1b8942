// A progress bar with ETA on stderr — drawn only when stderr is a terminal; otherwise silent,
// so logs and pipes stay clean.
import type { Progress } from '../collect/live.js';

export interface ProgressTarget {
  write(text: string): void;
  isTTY: boolean;
  columns?: number;
  now?: () => number;
}

export const silentProgress: Progress = { start() {}, tick() {}, done() {} };

export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}

/** Renders one line of the bar: "label [#####.....] 3/10 ETA 12s detail". */
export function renderBar(label: string, done: number, total: number, elapsedMs: number, detail: string, columns: number): string {
  const eta = done > 0 && total > done ? ` ETA ${formatDuration((elapsedMs / done) * (total - done))}` : '';
  const width = 20;
  const filled = total > 0 ? Math.min(width, Math.round((done / total) * width)) : 0;
  const line = `${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}${eta}${detail ? ' ' + detail : ''}`;
  return line.length > columns - 1 ? line.slice(0, Math.max(0, columns - 2)) + '…' : line;
}

export function createProgress(target: ProgressTarget): Progress {
  if (!target.isTTY) return silentProgress;
  const now = target.now ?? (() => Date.now());
  const columns = target.columns ?? 80;
  let label = '';
  let total = 0;
  let done = 0;
  let started = 0;
  let active = false;
  const draw = (detail: string) => target.write(`\r\x1b[K${renderBar(label, done, total, now() - started, detail, columns)}`);
  return {
    start(l, t) {
      label = l;
      total = t;
      done = 0;
      started = now();
      active = true;
      draw('');
    },
    tick(detail) {
      if (!active) return;
      done++;
      draw(detail ?? '');
    },
    done() {
      if (active) target.write('\r\x1b[K');
      active = false;
    },
  };
}
