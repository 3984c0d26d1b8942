// edge-profile benchmarks, side by side with their peers on the same data (docs/performance.md).
//
//   npm run bench                      # everything, 5 alternating rounds
//   npm run bench -- --quick           # short smoke run (fewer rounds and samples; kubectl only at 1k pods)
//   npm run bench -- --only startup    # one benchmark: startup, collection, analysis, sampling
//   options: --rounds N, --sampling-pods N (default 100), --markdown (tables as GitHub Markdown), --no-build (use dist/ as it is)
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rssMethod } from './lib/measure.mjs';
import { loadKubeServer } from './lib/kube-server.mjs';
import { formatBytes, renderTable } from './lib/stats.mjs';
import { startup } from './benchmarks/startup.mjs';
import { collection } from './benchmarks/collection.mjs';
import { analysis } from './benchmarks/analysis.mjs';
import { sampling } from './benchmarks/sampling.mjs';

const BENCHMARKS = { startup, collection, analysis, sampling };

function parseArgs(argv) {
  const o = { quick: false, only: null, rounds: null, markdown: false, build: true, samplingPods: null };
  for (let k = 0; k < argv.length; k++) {
    const a = argv[k];
    if (a === '--quick') o.quick = true;
    else if (a === '--markdown') o.markdown = true;
    else if (a === '--no-build') o.build = false;
    else if (a === '--only') o.only = argv[++k];
    else if (a === '--rounds') o.rounds = Number(argv[++k]);
    else if (a === '--sampling-pods') o.samplingPods = Number(argv[++k]);
    else throw new Error(`unknown option ${a} (see the top of bench/run.mjs)`);
  }
  if (o.only !== null && !(o.only in BENCHMARKS)) throw new Error(`--only takes one of ${Object.keys(BENCHMARKS).join(', ')}`);
  if (o.rounds !== null && !(Number.isInteger(o.rounds) && o.rounds >= 1 && o.rounds <= 100)) throw new Error('--rounds takes 1..100');
  return o;
}

function kubectlPath() {
  for (const p of ['/usr/bin/kubectl', '/usr/local/bin/kubectl']) if (existsSync(p)) return p;
  return null;
}

function machine(kubectl) {
  const cpuinfo = existsSync('/proc/cpuinfo') ? readFileSync('/proc/cpuinfo', 'utf8') : '';
  const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1] ?? cpus()[0]?.model ?? '?';
  const mem = /^MemTotal:\s+(\d+) kB/m.exec(existsSync('/proc/meminfo') ? readFileSync('/proc/meminfo', 'utf8') : '')?.[1];
  let kv = 'absent';
  if (kubectl) {
    try {
      kv = /Client Version: (\S+)/.exec(execFileSync(kubectl, ['version', '--client'], { encoding: 'utf8' }))?.[1] ?? '?';
    } catch {
      kv = '?';
    }
  }
  let nproc = String(cpus().length);
  try {
    nproc = execFileSync('nproc', { encoding: 'utf8' }).trim();
  } catch {
    // os.cpus() it is
  }
  return { nproc, model, memory: mem ? formatBytes(Number(mem) * 1024) : '?', node: process.version, kubectl: kv };
}

/** Size of the entry chunk and of the chunks it imports statically, and which packages they hold. */
function bundleNotes(repoRoot) {
  const dist = join(repoRoot, 'dist');
  const entry = join(dist, 'edge-profile.js');
  if (!existsSync(entry)) return [];
  const seen = new Set();
  const queue = [entry];
  let bytes = 0;
  const packages = new Map();
  for (let guard = 0; queue.length > 0 && guard < 1000; guard++) {
    const file = queue.shift();
    if (seen.has(file)) continue;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    bytes += statSync(file).size;
    // esbuild's static imports of split chunks: `import { … } from "./chunk-XXXX.js";` at top level
    for (const m of text.matchAll(/^import\s[^;]*?from\s*"(\.\/[^"]+\.js)";/gm)) queue.push(join(dirname(file), m[1]));
    if (existsSync(`${file}.map`)) {
      for (const src of JSON.parse(readFileSync(`${file}.map`, 'utf8')).sources ?? []) {
        const pm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(src);
        const key = pm ? pm[1] : 'edge-profile src';
        packages.set(key, (packages.get(key) ?? 0) + 1);
      }
    }
  }
  const pk = [...packages].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} (${v})`).join(', ');
  return [
    `loaded at start-up: the entry and ${seen.size - 1} statically imported chunk(s), ${formatBytes(bytes)}; source files by package: ${pk || '(no source maps)'}`,
  ];
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const repoRoot = fileURLToPath(new URL('..', import.meta.url));
  const rounds = opts.rounds ?? (opts.quick ? 2 : 5);
  if (opts.build) execFileSync(process.execPath, ['build.mjs'], { cwd: repoRoot, stdio: 'inherit' });
  const cli = join(repoRoot, 'dist/edge-profile.js');
  if (!existsSync(cli)) throw new Error('dist/edge-profile.js is missing: run npm run build');
  const help = execFileSync(process.execPath, [cli, '--help'], { encoding: 'utf8' });
  const tmpDir = mkdtempSync(join(tmpdir(), 'edge-profile-bench-'));
  const kubectl = kubectlPath();
  const m = machine(kubectl);
  const log = (s) => process.stderr.write(`${s}\n`);
  const names = opts.only ? [opts.only] : Object.keys(BENCHMARKS);
  const needsServer = names.some((n) => n === 'collection' || n === 'sampling');
  try {
    const kube = needsServer ? await loadKubeServer(repoRoot, tmpDir) : null;
    const ctx = {
      repoRoot,
      tmpDir,
      cli,
      rounds,
      quick: opts.quick,
      log,
      kube,
      kubectl,
      hasCommand: (name) => new RegExp(`^\\s+\\S+ ${name}\\b`, 'm').test(help),
      bundleNotes: () => bundleNotes(repoRoot),
      samplingPods: opts.samplingPods,
    };
    const out = [];
    out.push(`machine: ${m.nproc} CPU (${m.model}), ${m.memory} RAM; node ${m.node}; kubectl ${m.kubectl}; load average at start ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
    out.push(`rounds: ${rounds} (alternating); peak RSS by ${rssMethod()}; wall time measured by the harness around spawn → exit`);
    out.push(`command: npm run bench --${opts.quick ? ' --quick' : ''}${opts.only ? ` --only ${opts.only}` : ''}${opts.rounds ? ` --rounds ${opts.rounds}` : ''}`);
    for (const name of names) {
      log(`== ${name}`);
      const r = await BENCHMARKS[name](ctx);
      out.push('', `## ${r.title}`, '');
      if (r.rows.length > 0) out.push(renderTable(r.header, r.rows, opts.markdown), '');
      for (const n of r.notes) out.push(`- ${n}`);
      for (const v of r.verdicts) out.push(`- ${v.met === null ? 'n/a' : v.met ? 'MET' : 'MISSED'}: ${v.target} — measured ${v.measured}`);
    }
    out.push('', `load average at end: ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
    process.stdout.write(out.join('\n') + '\n');
  } finally {
    rmSync(tmpDir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  process.stderr.write(`bench: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
