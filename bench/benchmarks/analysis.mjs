// Analysis: `edge-profile report` (table and -o json) on generated snapshots of 1k, 10k and
// 100k containers, next to the floor of reading and JSON.parse-ing the same file. Target: 100k
// containers under 2 s. A last snapshot of 10k containers with 60 samples (what
// `snapshot --samples 60` gives) checks that sampled usage does not change the picture.
import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { measure } from '../lib/measure.mjs';
import { checkExit, sideBySide } from '../lib/side-by-side.mjs';
import { formatBytes, formatMiB, formatRatio, formatSeconds } from '../lib/stats.mjs';
import { generateSnapshot } from '../gen-snapshot.mjs';

/** A run this much over the 2 s target tells enough; it is killed and not repeated. */
const ANALYSIS_TIMEOUT_MS = 60_000;

export async function analysis(ctx) {
  const notes = [];
  if (!ctx.hasCommand('report')) {
    return { title: 'Analysis', header: [], rows: [], notes: ['`report` command not in this build yet: analysis not measured'], verdicts: [] };
  }
  const sizes = [
    { containers: 1000, samples: 1 },
    { containers: 10_000, samples: 1 },
    { containers: 100_000, samples: 1 },
    { containers: 10_000, samples: 60 },
  ];
  const rows = [];
  const verdicts = [];
  const out = join(ctx.tmpDir, 'analysis-out.txt');
  const first = new Map();
  for (const { containers: n, samples } of sizes) {
    const label = `${n.toLocaleString('en')} containers${samples > 1 ? ` × ${samples} samples` : ''}`;
    const file = join(ctx.tmpDir, `snapshot-${n}-${samples}.json`);
    writeFileSync(file, JSON.stringify(generateSnapshot({ containers: n, samples }), null, 2) + '\n');
    ctx.log(`analysis: ${label} (${formatBytes(statSync(file).size)})`);
    const run = (args, what) => async () => {
      const m = await measure(process.execPath, args, { tmpDir: ctx.tmpDir, cwd: ctx.repoRoot, stdoutFile: out, timeoutMs: ANALYSIS_TIMEOUT_MS });
      checkExit(what, m);
      return m;
    };
    const peers = [
      { name: 'floor: read + JSON.parse', run: run(['-e', `JSON.parse(require('fs').readFileSync(${JSON.stringify(file)}, 'utf8'))`], 'floor') },
      { name: 'edge-profile report', run: run([ctx.cli, 'report', file], 'report') },
      { name: 'edge-profile report -o json', run: run([ctx.cli, 'report', file, '-o', 'json'], 'report -o json') },
    ];
    const res = await sideBySide(peers, ctx.rounds, ctx.log);
    for (const r of res) {
      if (!first.has(r.name)) first.set(r.name, r);
      const base = first.get(r.name);
      rows.push([
        `${label}: ${r.name}`,
        String(r.runs.length),
        r.failed ? `FAILED: ${r.failed.slice(0, 120)}` : formatSeconds(r.wallMs),
        formatRatio(r.wallMs, res[0].wallMs),
        formatMiB(r.peakRssBytes),
        n === sizes[0].containers && samples === 1 ? '' : `${formatRatio(r.wallMs, base.wallMs)} / ${formatRatio(r.peakRssBytes, base.peakRssBytes)}`,
      ]);
    }
    if (n === 100_000 && samples === 1) {
      for (const r of res.slice(1)) {
        if (!r.failed) verdicts.push({ target: `100k containers: ${r.name} < 2 s`, measured: formatSeconds(r.wallMs), met: r.wallMs < 2000 });
      }
    }
  }
  notes.push(
    `snapshots: bench/gen-snapshot.mjs (deterministic); the 100k-container file is ${formatBytes(statSync(join(ctx.tmpDir, 'snapshot-100000-1.json')).size)}, ` +
      `the sampled one ${formatBytes(statSync(join(ctx.tmpDir, 'snapshot-10000-60.json')).size)}`,
  );
  return {
    title: 'Analysis (report on generated snapshots)',
    header: ['run', 'runs', 'wall (median)', 'vs floor', 'peak RSS', `growth vs ${sizes[0].containers.toLocaleString('en')} (wall / RSS)`],
    rows,
    notes,
    verdicts,
  };
}
