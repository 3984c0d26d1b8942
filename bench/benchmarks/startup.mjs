// Start-up: `edge-profile report <sample snapshot>` and `edge-profile --help` against bare
// `node -e 0`. Targets: report ≤ 2.5× bare node wall time and ≤ 70 MiB peak RSS.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { measure } from '../lib/measure.mjs';
import { checkExit, sideBySide } from '../lib/side-by-side.mjs';
import { formatMiB, formatRatio, formatSeconds } from '../lib/stats.mjs';
import { generateSnapshot } from '../gen-snapshot.mjs';

const MiB = 1048576;

/** The first *.json under samples/ that is a Snapshot, else null. */
function findSampleSnapshot(repoRoot) {
  const root = join(repoRoot, 'samples');
  if (!existsSync(root)) return null;
  const stack = [root];
  for (let guard = 0; stack.length > 0 && guard < 10_000; guard++) {
    const dir = stack.pop();
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? 1 : -1))) {
      const p = join(dir, e.name);
      if (e.isDirectory()) stack.push(p);
      else if (e.name.endsWith('.json') && statSync(p).size < 5 * MiB) {
        try {
          if (JSON.parse(readFileSync(p, 'utf8')).kind === 'Snapshot') return p;
        } catch {
          // not JSON
        }
      }
    }
  }
  return null;
}

export async function startup(ctx) {
  const notes = [];
  let sample = findSampleSnapshot(ctx.repoRoot);
  const captures = join(ctx.repoRoot, 'samples/knative-k0s/3-knative');
  if (sample) notes.push(`sample: ${relative(ctx.repoRoot, sample)}`);
  else if (existsSync(captures) && ctx.hasCommand('snapshot')) {
    // samples/ holds captured text, not snapshot JSON: import it once (not measured).
    sample = join(ctx.tmpDir, 'knative.json');
    execFileSync(process.execPath, [ctx.cli, 'snapshot', '--from', captures, '--out', sample], { cwd: ctx.repoRoot, stdio: ['ignore', 'ignore', 'ignore'] });
    notes.push(`sample: \`edge-profile snapshot --from samples/knative-k0s/3-knative --out knative.json\` (made once, not measured), then \`report knative.json\``);
  } else {
    sample = join(ctx.tmpDir, 'startup-sample.json');
    writeFileSync(sample, JSON.stringify(generateSnapshot({ containers: 30 }), null, 2));
    notes.push('sample: no snapshot under samples/ yet — a generated 30-container snapshot (bench/gen-snapshot.mjs) stands in');
  }
  const node = process.execPath;
  const run = (args, what) => async () => {
    const m = await measure(node, args, { tmpDir: ctx.tmpDir, cwd: ctx.repoRoot, stdoutFile: join(ctx.tmpDir, 'startup-out.txt') });
    checkExit(what, m);
    return m;
  };
  const peers = [
    { name: 'node -e 0', run: run(['-e', '0'], 'node -e 0') },
    { name: 'edge-profile --help', run: run([ctx.cli, '--help'], '--help') },
  ];
  if (ctx.hasCommand('report')) peers.push({ name: 'edge-profile report SAMPLE', run: run([ctx.cli, 'report', sample], 'report') });
  else notes.push('`report` command not in this build yet: only --help measured');
  // Start-up is short and noisy: four times the rounds (alternating as always).
  const res = await sideBySide(peers, ctx.rounds * 4, ctx.log);
  const base = res[0];
  const rows = res.map((r) => [
    r.name,
    String(r.runs.length),
    r.failed ? `FAILED: ${r.failed}` : formatSeconds(r.wallMs),
    formatRatio(r.wallMs, base.wallMs),
    formatMiB(r.peakRssBytes),
    formatRatio(r.peakRssBytes, base.peakRssBytes),
  ]);
  const report = res.find((r) => r.name.startsWith('edge-profile report'));
  const verdicts = [];
  if (report && !report.failed) {
    verdicts.push({ target: 'report wall ≤ 2.5× node -e 0', measured: formatRatio(report.wallMs, base.wallMs), met: report.wallMs <= 2.5 * base.wallMs });
    verdicts.push({ target: 'report peak RSS ≤ 70 MiB', measured: formatMiB(report.peakRssBytes), met: report.peakRssBytes !== null && report.peakRssBytes <= 70 * MiB });
  }
  const help = res[1];
  if (!help.failed) {
    verdicts.push({ target: '--help wall ≤ 2.5× node -e 0 (same bar)', measured: formatRatio(help.wallMs, base.wallMs), met: help.wallMs <= 2.5 * base.wallMs });
  }
  notes.push(...ctx.bundleNotes());
  return {
    title: 'Start-up',
    header: ['command', 'runs', 'wall (median)', 'vs node', 'peak RSS', 'vs node'],
    rows,
    notes,
    verdicts,
  };
}
