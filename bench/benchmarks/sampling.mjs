// Sampling: edge-profile's own CPU and RSS while it takes `--samples N --interval I` readings
// (host on) from the loopback server. /proc/PID/stat (utime+stime) and VmRSS of the child are
// read every second. Side by side, in the same window, the harness runs what a person would
// type instead — `kubectl top pod -A --containers` and `kubectl top node` once per interval —
// and sums those processes' CPU (GNU time %U+%S).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { measure } from '../lib/measure.mjs';
import { checkExit } from '../lib/side-by-side.mjs';
import { formatMiB, formatSeconds, parseStatTicks, parseStatusField, slope } from '../lib/stats.mjs';
import { clusterSpec } from './collection.mjs';

const CLOCK_TICKS = 100; // USER_HZ on Linux

export async function sampling(ctx) {
  if (!ctx.kube) return { title: 'Sampling', header: [], rows: [], notes: ['test/kube-server/ has not landed: sampling not measured'], verdicts: [] };
  if (!ctx.hasCommand('snapshot')) return { title: 'Sampling', header: [], rows: [], notes: ['`snapshot` command not in this build yet: sampling not measured'], verdicts: [] };
  const samples = ctx.quick ? 6 : 60;
  const intervalS = ctx.quick ? 1 : 5;
  // An edge node's worth of pods: the tool runs on the node it sizes.
  const pods = ctx.samplingPods ?? 100;
  const notes = [
    `${samples} samples at ${intervalS} s${ctx.quick ? ' (--quick: shortened from 60 × 5 s; the 1%-of-a-core target is for a 5 s interval)' : ''}, ${pods} pods on ${clusterSpec(pods).nodes} nodes, host on`,
  ];
  const server = await ctx.kube.startKubeServer(clusterSpec(pods));
  try {
    const kc = join(ctx.tmpDir, 'kubeconfig-sampling');
    writeFileSync(kc, ctx.kube.kubeconfigFor(server.url));
    const trace = []; // { tSec, ticks, rssBytes }
    let pid = null;
    const started = performance.now();
    const watch = (p) => {
      pid = p;
      const read = () => {
        try {
          const ticks = parseStatTicks(readFileSync(`/proc/${p}/stat`, 'utf8'));
          const status = readFileSync(`/proc/${p}/status`, 'utf8');
          const rss = parseStatusField(status, 'VmRSS');
          // Before exec the child is still a copy of the harness; node's own RSS is well above 8 MiB.
          if (ticks !== null && rss !== null && rss > 8 * 1048576) {
            trace.push({ tSec: (performance.now() - started) / 1000, ticks, rssBytes: rss, anonBytes: parseStatusField(status, 'RssAnon'), fileBytes: parseStatusField(status, 'RssFile') });
          }
        } catch {
          // exited
        }
      };
      read();
      const t = setInterval(read, 1000);
      return () => clearInterval(t);
    };
    // The peer: kubectl top every interval, in the same window.
    let stop = false;
    const peer = { runs: 0, cpuMs: 0, peakRssBytes: 0 };
    const peerLoop = (async () => {
      if (!ctx.kubectl) return;
      const cache = join(ctx.tmpDir, 'kubectl-cache-sampling');
      for (let k = 0; k < samples && !stop; k++) {
        const t0 = performance.now();
        for (const args of [['top', 'pod', '-A', '--containers'], ['top', 'node']]) {
          const m = await measure(ctx.kubectl, [`--kubeconfig=${kc}`, `--cache-dir=${cache}`, ...args], { tmpDir: ctx.tmpDir });
          checkExit('kubectl top', m);
          peer.cpuMs += m.cpuMs ?? 0;
          peer.peakRssBytes = Math.max(peer.peakRssBytes, m.peakRssBytes ?? 0);
        }
        peer.runs++;
        const wait = intervalS * 1000 - (performance.now() - t0);
        if (wait > 0 && !stop) await new Promise((r) => setTimeout(r, wait));
      }
    })();
    const m = await measure(
      process.execPath,
      [ctx.cli, 'snapshot', '-A', '--kubeconfig', kc, '--samples', String(samples), '--interval', `${intervalS}s`],
      { tmpDir: ctx.tmpDir, cwd: ctx.repoRoot, stdoutFile: join(ctx.tmpDir, 'sampling-out.json'), onStart: watch, timeoutMs: (samples * intervalS + 120) * 1000 },
    );
    stop = true;
    await peerLoop;
    checkExit('edge-profile snapshot --samples', m);
    if (trace.length < 3) throw new Error(`sampling: only ${trace.length} readings of pid ${pid}`);
    const last = trace[trace.length - 1];
    const cpuTotal = last.ticks / CLOCK_TICKS;
    const windowS = last.tSec - trace[0].tSec;
    // Warm-up: the inventory, the first readings and V8's first heap growth — the first
    // interval plus 2 s, or the first fifth of the run if longer; steady state after.
    const warmUpS = Math.max(intervalS + 2, (samples * intervalS) / 5);
    const warm = trace.filter((x) => x.tSec >= warmUpS);
    const steady = warm.length >= 2 ? warm : trace;
    const steadyCpuS = (steady[steady.length - 1].ticks - steady[0].ticks) / CLOCK_TICKS;
    const steadyWindowS = steady[steady.length - 1].tSec - steady[0].tSec;
    const steadyPct = steadyWindowS > 0 ? (100 * steadyCpuS) / steadyWindowS : null;
    const avgPct = windowS > 0 ? (100 * cpuTotal) / windowS : null;
    const rssSlope = slope(steady.map((x) => x.tSec / 60), steady.map((x) => x.rssBytes)); // bytes per minute
    const rssFirst = steady[0].rssBytes;
    const rssMax = Math.max(...steady.map((x) => x.rssBytes));
    const rssLast = steady[steady.length - 1].rssBytes;
    const peerWindowS = m.wallMs / 1000;
    const rows = [
      [
        'edge-profile snapshot --samples',
        formatSeconds(m.wallMs),
        `${cpuTotal.toFixed(2)} s`,
        `${avgPct?.toFixed(2)} %`,
        `${steadyPct?.toFixed(2)} %`,
        `${formatMiB(rssFirst)} → ${formatMiB(rssLast)} (max ${formatMiB(rssMax)})`,
      ],
    ];
    if (ctx.kubectl) {
      rows.push([
        `kubectl top pod -A --containers + top node ×${peer.runs}`,
        formatSeconds(m.wallMs),
        `${(peer.cpuMs / 1000).toFixed(2)} s`,
        `${((100 * peer.cpuMs) / 1000 / peerWindowS).toFixed(2)} %`,
        '',
        `${formatMiB(peer.peakRssBytes)} per run`,
      ]);
    }
    const verdicts = [
      {
        target: `CPU ≤ 1% of one core on average at a 5 s interval`,
        measured: `${avgPct?.toFixed(2)} % over the whole run, ${steadyPct?.toFixed(2)} % after warm-up${intervalS !== 5 ? ` (at ${intervalS} s, not 5 s)` : ''}`,
        met: intervalS === 5 ? avgPct !== null && avgPct <= 1 : null,
      },
      {
        target: 'cost of one reading after warm-up (CPU)',
        measured: `${((1000 * steadyCpuS) / Math.max(1, Math.round(steadyWindowS / intervalS))).toFixed(0)} ms per reading of ${pods} pods`,
        met: null,
      },
      {
        target: `RSS flat after warm-up (${warmUpS.toFixed(0)} s): fitted growth over the rest < min(4 MiB, 5%)`,
        measured: `slope ${rssSlope === null ? '?' : (rssSlope / 1024).toFixed(0)} KiB/min, ${formatMiB(rssFirst)} → ${formatMiB(rssLast)}`,
        // flat: the fitted growth over the window is under 5% of the RSS and under 4 MiB
        met: rssSlope !== null && Math.abs(rssSlope * (steadyWindowS / 60)) < Math.min(4 * 1048576, 0.05 * rssFirst),
      },
    ];
    const first = steady[0];
    if (first.anonBytes !== null && last.anonBytes !== null) {
      notes.push(
        `after warm-up, anonymous RSS (heap, malloc) ${formatMiB(first.anonBytes)} → ${formatMiB(last.anonBytes)}, file-backed (node's own code pages) ${formatMiB(first.fileBytes)} → ${formatMiB(last.fileBytes)}`,
      );
    }
    notes.push(`RSS every 10 s: ${trace.filter((_, i) => i % 10 === 0).map((x) => (x.rssBytes / 1048576).toFixed(1)).join(' ')} MiB`);
    return {
      title: 'Sampling (own CPU and RSS)',
      header: ['run', 'wall', 'CPU time', 'CPU avg (% of a core)', 'after warm-up', 'RSS'],
      rows,
      notes,
      verdicts,
    };
  } finally {
    await server.close();
  }
}
