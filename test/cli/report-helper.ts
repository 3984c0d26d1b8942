// Spawns the built CLI (test/global-setup.ts builds it) with colour off, and makes snapshots of
// the reference's samples in a scratch folder that links samples/ (as scripts/reports.mjs does).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const ENTRY = join(ROOT, 'dist', 'edge-profile.js');

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function cli(args: string[], cwd: string, env: Record<string, string> = {}): Run {
  const r = spawnSync(process.execPath, [ENTRY, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '', SOURCE_DATE_EPOCH: '1679124000', ...env },
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A scratch folder with samples/ linked and bare-os.json, k0s.json, knative.json made from them. */
export function sampleSnapshots(): string {
  const dir = mkdtempSync(join(tmpdir(), 'edge-profile-report-'));
  symlinkSync(join(ROOT, 'samples'), join(dir, 'samples'), 'dir');
  for (const [out, from] of [
    ['bare-os.json', 'samples/knative-k0s/1-base-os'],
    ['k0s.json', 'samples/knative-k0s/2-k0s'],
    ['knative.json', 'samples/knative-k0s/3-knative'],
  ] as const) {
    const r = cli(['snapshot', '--from', from, '--out', out], dir);
    if (r.code !== 0) throw new Error(`snapshot ${from} failed (${r.code}): ${r.stderr}`);
  }
  return dir;
}
