// Pure helpers of the benchmark harness: medians, ratios, units, parsing what /usr/bin/time and
// /proc report, and the plain-text table. No I/O here (tested in test/bench/stats.test.ts).

/** Median of finite numbers (mean of the middle two for an even count); null for none. */
export function median(values) {
  const xs = values.filter((v) => typeof v === 'number' && Number.isFinite(v)).sort((a, b) => a - b);
  if (xs.length === 0) return null;
  const mid = xs.length >> 1;
  return xs.length % 2 === 1 ? xs[mid] : (xs[mid - 1] + xs[mid]) / 2;
}

/** "1.84×" — a over b; "–" when either is missing or b is 0. */
export function formatRatio(a, b) {
  if (a === null || b === null || a === undefined || b === undefined || b === 0) return '–';
  const r = a / b;
  return `${r >= 10 ? r.toFixed(1) : r.toFixed(2)}×`;
}

/** Milliseconds as "0.123 s" / "12.3 s"; "–" for null. */
export function formatSeconds(ms) {
  if (ms === null || ms === undefined) return '–';
  const s = ms / 1000;
  return `${s >= 10 ? s.toFixed(1) : s.toFixed(3)} s`;
}

/** Bytes as MiB with one decimal ("63.4 MiB"); "–" for null. */
export function formatMiB(bytes) {
  if (bytes === null || bytes === undefined) return '–';
  return `${(bytes / 1048576).toFixed(1)} MiB`;
}

/** Bytes in the largest fitting binary unit ("412.0 KiB", "1.23 GiB"); "–" for null. */
export function formatBytes(bytes) {
  if (bytes === null || bytes === undefined) return '–';
  const units = ['B', 'KiB', 'MiB', 'GiB'];
  let v = bytes;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return u === 0 ? `${v} B` : `${v.toFixed(v >= 100 ? 0 : 1)} ${units[u]}`;
}

/**
 * The file GNU time writes with `-f '%e %M %x %U %S'`: elapsed seconds, max RSS in KiB, exit
 * status, user and system CPU seconds.
 * time may put a "Command exited with non-zero status N" line first; the last line counts.
 * Returns null when the text has no such line.
 */
export function parseTimeOutput(text) {
  const lines = text.split('\n').map((l) => l.trim()).filter((l) => l !== '');
  const last = lines[lines.length - 1];
  if (last === undefined) return null;
  const m = /^(\d+(?:\.\d+)?) (\d+) (-?\d+) (\d+(?:\.\d+)?) (\d+(?:\.\d+)?)$/.exec(last);
  if (!m) return null;
  return {
    elapsedMs: Math.round(Number(m[1]) * 1000),
    peakRssBytes: Number(m[2]) * 1024,
    exitCode: Number(m[3]),
    cpuMs: Math.round((Number(m[4]) + Number(m[5])) * 1000),
  };
}

/** A field of /proc/PID/status in bytes ("VmHWM:   64512 kB" → 66060288); null if absent. */
export function parseStatusField(text, field) {
  const m = new RegExp(`^${field}:\\s+(\\d+) kB$`, 'm').exec(text);
  return m ? Number(m[1]) * 1024 : null;
}

/**
 * utime + stime (+ cutime + cstime when withChildren) of /proc/PID/stat, in clock ticks.
 * The command name (field 2) may hold spaces and parentheses, so fields are counted after the
 * last ")".
 */
export function parseStatTicks(text, withChildren = false) {
  const close = text.lastIndexOf(')');
  if (close < 0) return null;
  const f = text.slice(close + 2).trim().split(/\s+/);
  // After ")": state is field 3, so field n is f[n - 3]. utime 14, stime 15, cutime 16, cstime 17.
  const n = (k) => Number(f[k - 3]);
  const own = n(14) + n(15);
  const total = withChildren ? own + n(16) + n(17) : own;
  return Number.isFinite(total) ? total : null;
}

/** Least-squares slope of y over x (per unit x); null for fewer than 2 points. */
export function slope(xs, ys) {
  const n = Math.min(xs.length, ys.length);
  if (n < 2) return null;
  let sx = 0, sy = 0;
  for (let i = 0; i < n; i++) { sx += xs[i]; sy += ys[i]; }
  const mx = sx / n, my = sy / n;
  let num = 0, den = 0;
  for (let i = 0; i < n; i++) { num += (xs[i] - mx) * (ys[i] - my); den += (xs[i] - mx) ** 2; }
  return den === 0 ? null : num / den;
}

/**
 * A table: first column left-aligned, the others right-aligned; plain text, or GitHub Markdown
 * when markdown is true.
 */
export function renderTable(header, rows, markdown = false) {
  const all = [header, ...rows].map((r) => r.map((c) => String(c)));
  const widths = header.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  const pad = (c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]));
  if (markdown) {
    const line = (r) => `| ${r.map(pad).join(' | ')} |`;
    const rule = `|${widths.map((w, i) => (i === 0 ? ` ${'-'.repeat(w)} ` : ` ${'-'.repeat(w - 1)}: `)).join('|')}|`;
    return [line(all[0]), rule, ...all.slice(1).map(line)].join('\n');
  }
  const line = (r) => r.map(pad).join('  ').trimEnd();
  return [line(all[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...all.slice(1).map(line)].join('\n');
}

/**
 * Round order for side-by-side runs: peers alternate within each round (A B A B …) and the
 * first peer of a round rotates, so neither always runs first on a warm cache.
 */
export function roundOrder(peers, rounds) {
  const order = [];
  for (let r = 0; r < rounds; r++) {
    for (let k = 0; k < peers.length; k++) order.push({ round: r, peer: peers[(k + r) % peers.length] });
  }
  return order;
}
