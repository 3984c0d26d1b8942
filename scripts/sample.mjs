#!/usr/bin/env node
// The quick start: `npm run sample` — snapshots of the bundled Knative-on-k0s captures (one per
// stage the reference measured) and the sizing report for its 1 CPU / 1500Mi edge node.
// Every edge-profile command it runs is echoed on stderr, so you can run them yourself.
//   node scripts/sample.mjs [-o table|json|markdown]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ENTRY, KNATIVE_K0S, ROOT } from './reports.mjs';

const i = process.argv.indexOf('-o');
const format = i > 0 ? (process.argv[i + 1] ?? 'table') : 'table';
const scratch = mkdtempSync(join(tmpdir(), 'edge-profile-sample-'));

function edgeProfile(args, stdio) {
  process.stderr.write(`$ edge-profile ${args.map((a) => (/[\s=']/.test(a) && !/^--/.test(a) ? `'${a}'` : a)).join(' ')}\n`);
  const r = spawnSync(process.execPath, [ENTRY, ...args], { cwd: scratch, stdio, timeout: 120_000 });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

try {
  symlinkSync(join(ROOT, 'samples'), join(scratch, 'samples'), 'dir');
  for (const [out, from] of KNATIVE_K0S) {
    edgeProfile(['snapshot', ...from.flatMap((f) => ['--from', f]), '--out', out], ['ignore', 'ignore', 'ignore']);
  }
  edgeProfile(
    [
      'report', 'knative.json',
      '--layer', 'bare OS=bare-os.json', '--layer', 'k0s=k0s.json', '--layer', 'Knative=knative.json',
      '--assume-distro', 'k0s', '--node-size', 'cpu=1,memory=1500Mi', '-o', format,
    ],
    'inherit',
  );
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
