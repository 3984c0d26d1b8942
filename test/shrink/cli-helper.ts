// Builds dist/ when it is missing or older than any source file (once, even with parallel test
// files: a lock directory serialises the build) and runs the built CLI as a child process.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');
const ENTRY = join(ROOT, 'dist', 'edge-profile.js');
const LOCK = join(ROOT, '.build-lock');

function newestSource(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestSource(p) : statSync(p).mtimeMs);
  }
  return newest;
}

function fresh(): boolean {
  return existsSync(ENTRY) && statSync(ENTRY).mtimeMs >= newestSource(join(ROOT, 'src'));
}

export async function ensureBuilt(): Promise<void> {
  for (let i = 0; i < 600 && !fresh(); i++) {
    try {
      mkdirSync(LOCK);
    } catch {
      await new Promise((r) => setTimeout(r, 200)); // another test file is building
      continue;
    }
    try {
      if (!fresh()) execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'pipe' });
    } finally {
      rmSync(LOCK, { recursive: true, force: true });
    }
  }
  if (!fresh()) throw new Error('dist/edge-profile.js could not be built');
}

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

export function cli(args: string[], cwd = ROOT): Run {
  const r = spawnSync(process.execPath, [ENTRY, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    maxBuffer: 64 * 1024 * 1024,
    timeout: 60_000,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

export function kubectlAvailable(): boolean {
  return spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' }).status === 0;
}
