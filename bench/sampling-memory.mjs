// What edge-profile's memory is made of while it samples, for several builds or node flags side by
// side against one loopback server (the sampling benchmark gives the verdict; this explains it).
//
//   node bench/sampling-memory.mjs [--samples 60] [--interval 5s] [--pods 100] [--every 30] NAME=DIST_JS[,NODE_FLAG...] ...
//   e.g. node bench/sampling-memory.mjs now=dist/edge-profile.js before=/tmp/old/dist/edge-profile.js
//
// Prints, per variant, a line every 30 s (--every: a multiple of 10): RSS, anonymous and
// file-backed RSS, glibc's main heap (compare it first: the same build sits at one of two levels
// depending on the bundle's bytes and path, docs/performance.md) and the other threads' arenas,
// V8's committed and used heap, and the anonymous rest. Writes only under os.tmpdir().
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadKubeServer } from './lib/kube-server.mjs';
import { clusterSpec } from './benchmarks/collection.mjs';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const opts = { samples: '60', interval: '5s', pods: 100, everyS: 30 };
const variants = [];
const argv = process.argv.slice(2);
for (let k = 0; k < argv.length; k++) {
  const a = argv[k];
  if (a === '--samples') opts.samples = argv[++k];
  else if (a === '--interval') opts.interval = argv[++k];
  else if (a === '--pods') opts.pods = Number(argv[++k]);
  else if (a === '--every') opts.everyS = Number(argv[++k]);
  else if (/^[\w-]+=/.test(a)) {
    const [name, rest] = [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)];
    const [dist, ...flags] = rest.split(',');
    variants.push({ name, dist: resolve(dist), flags });
  } else throw new Error(`unknown argument ${a} (see the top of bench/sampling-memory.mjs)`);
}
if (variants.length === 0) throw new Error('name at least one variant: NAME=path/to/edge-profile.js');

const tmp = mkdtempSync(join(tmpdir(), 'ep-sampling-memory-'));
const kube = await loadKubeServer(repoRoot, tmp);
if (!kube) throw new Error('test/kube-server/ is missing');
const server = await kube.startKubeServer(clusterSpec(opts.pods));
try {
  const kubeconfig = join(tmp, 'kubeconfig');
  writeFileSync(kubeconfig, kube.kubeconfigFor(server.url));
  const preload = join(repoRoot, 'bench/lib/memory-log.cjs');
  await Promise.all(
    variants.map(
      (v) =>
        new Promise((done, fail) => {
          v.log = join(tmp, `${v.name}.log`);
          const args = [...v.flags, '-r', preload, v.dist, 'snapshot', '-A', '--kubeconfig', kubeconfig, '--samples', opts.samples, '--interval', opts.interval, '--out', join(tmp, `${v.name}.json`)];
          const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, EP_MEMORY_LOG: v.log } });
          let stderr = '';
          child.stderr.on('data', (d) => (stderr = (stderr + d).slice(-2000)));
          child.on('error', fail);
          child.on('exit', (code) => (code === 0 ? done() : fail(new Error(`${v.name} exited with ${code}: ${stderr.trim()}`))));
        }),
    ),
  );
  for (const v of variants) {
    console.log(`== ${v.name}: ${v.dist} ${v.flags.join(' ')}`);
    const lines = readFileSync(v.log, 'utf8').trim().split('\n');
    const every = Math.max(1, Math.round(opts.everyS / 10));
    console.log(lines.filter((_, i) => i % every === every - 1).join('\n'));
  }
} finally {
  await server.close();
  rmSync(tmp, { recursive: true, force: true });
}
