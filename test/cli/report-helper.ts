// Snapshots of the reference's samples in a scratch folder that links samples/ (as scripts/reports.mjs does).
import { mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, runCli } from '../helpers/cli.js';

/** A scratch folder with samples/ linked and bare-os.json, k0s.json, knative.json made from them (as reports/ is). */
export function sampleSnapshots(): string {
  const dir = mkdtempSync(join(tmpdir(), 'edge-profile-report-'));
  symlinkSync(join(ROOT, 'samples'), join(dir, 'samples'), 'dir');
  for (const [out, from] of [
    ['bare-os.json', ['samples/knative-k0s/1-base-os']],
    ['k0s.json', ['samples/knative-k0s/2-k0s']],
    ['knative.json', ['samples/knative-k0s/3-knative', 'samples/knative-k0s/manifests']],
  ] as const) {
    const r = runCli(['snapshot', ...from.flatMap((f) => ['--from', f]), '--out', out], { cwd: dir, env: { SOURCE_DATE_EPOCH: '1679124000' } });
    if (r.code !== 0) throw new Error(`snapshot ${from} failed (${r.code}): ${r.stderr}`);
  }
  return dir;
}
