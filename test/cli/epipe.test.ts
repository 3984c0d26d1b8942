// A reader that stops early (`edge-profile report big.json | head`) must not get a stack trace.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { generateSnapshot } from '../../bench/gen-snapshot.mjs';

const BIN = fileURLToPath(new URL('../../dist/edge-profile.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'ep-epipe-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('stops quietly with exit 0 when stdout is closed after the first chunk', async () => {
  const file = join(dir, 'big.json');
  // ~2,000 components of table: far more than a pipe buffer, so writes go on after the close.
  writeFileSync(file, JSON.stringify(generateSnapshot({ containers: 5000 })));
  const child = spawn(process.execPath, [BIN, 'report', file], { env: { PATH: process.env['PATH'] ?? '', NO_COLOR: '1' } });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  child.stdout.once('data', () => child.stdout.destroy());
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
}, 60_000);
