#!/usr/bin/env node
// Regenerates reports/ from samples/ with the built CLI: `npm run reports` (builds first).
//   node scripts/reports.mjs [--out-dir DIR]   (default: reports/)
// Snapshots are taken in a scratch folder that links samples/, so the commands each report lists
// under "Reproduce" read exactly as you would type them from the repository root.
// SOURCE_DATE_EPOCH fixes the snapshots' takenAt (2023-03-18, when the reference was captured),
// so the same samples always give the same bytes.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const ENTRY = join(ROOT, 'dist', 'edge-profile.js');
const SOURCE_DATE_EPOCH = '1679124000';

export const KNATIVE_K0S = [
  ['bare-os.json', ['samples/knative-k0s/1-base-os']],
  ['k0s.json', ['samples/knative-k0s/2-k0s']],
  // The release manifests tell what the captures cannot: default-domain is a Job.
  ['knative.json', ['samples/knative-k0s/3-knative', 'samples/knative-k0s/manifests']],
];

export const REPORTS = [
  {
    file: 'knative-k0s.md',
    snapshots: KNATIVE_K0S,
    report: [
      'knative.json',
      '--layer', 'bare OS=bare-os.json',
      '--layer', 'k0s=k0s.json',
      '--layer', 'Knative=knative.json',
      '--assume-distro', 'k0s',
      '--node-size', 'cpu=1,memory=1500Mi',
      '--sizes',
      '-o', 'markdown',
    ],
  },
  {
    // The same node with Knative's requests and limits cut by the factor the first report
    // recommends (read from its JSON, not written here): every pod should now fit.
    file: 'knative-k0s-reduced.md',
    snapshots: KNATIVE_K0S,
    reduceBy: ['knative.json', '--assume-distro', 'k0s', '--node-size', 'cpu=1,memory=1500Mi', '-o', 'json'],
    report: ['knative.json', '--assume-distro', 'k0s', '--node-size', 'cpu=1,memory=1500Mi', '--require-fit', '-o', 'markdown'],
  },
];

function run(args, cwd, capture = false) {
  const r = spawnSync(process.execPath, [ENTRY, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', SOURCE_DATE_EPOCH },
    timeout: 120_000,
  });
  // --require-fit is not used here, so only 0 is success.
  if (r.status !== 0) {
    throw new Error(`edge-profile ${args.join(' ')} exited ${r.status ?? r.signal}:\n${r.stderr}`);
  }
  return capture ? r.stdout : '';
}

export function generate(outDir = join(ROOT, 'reports')) {
  mkdirSync(outDir, { recursive: true });
  const written = [];
  for (const def of REPORTS) {
    const scratch = mkdtempSync(join(tmpdir(), 'edge-profile-reports-'));
    try {
      symlinkSync(join(ROOT, 'samples'), join(scratch, 'samples'), 'dir');
      for (const [out, from] of def.snapshots) run(['snapshot', ...from.flatMap((f) => ['--from', f]), '--out', out], scratch);
      const target = join(resolve(outDir), def.file);
      const extra = [];
      if (def.reduceBy) {
        const factor = JSON.parse(run(['report', ...def.reduceBy], scratch, true)).recommendation.reductionFactor.value;
        if (typeof factor !== 'number') throw new Error(`${def.file}: no recommended factor to reduce by`);
        extra.push('--reduce', String(factor));
      }
      // With --require-fit, a report that no longer fits fails the generation (exit 1).
      run(['report', ...def.report, ...extra, '--out', target, '--force'], scratch);
      written.push(target);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  }
  return written;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf('--out-dir');
  const outDir = i > 0 ? resolve(process.argv[i + 1] ?? '') : undefined;
  for (const f of generate(outDir)) process.stderr.write(`wrote ${f}\n`);
}
