// Builds dist/edge-profile.js once before the tests when it is missing or older than any file in
// src/, so CLI tests that spawn the built tool never run a stale bundle.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const ENTRY = join(ROOT, 'dist', 'edge-profile.js');

function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

export default function setup(): void {
  const stale = !existsSync(ENTRY) || statSync(ENTRY).mtimeMs < Math.max(newest(join(ROOT, 'src')), statSync(join(ROOT, 'build.mjs')).mtimeMs);
  if (stale) execFileSync(process.execPath, [join(ROOT, 'build.mjs')], { cwd: ROOT, stdio: 'inherit' });
}
