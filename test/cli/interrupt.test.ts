// Ctrl-C handling, in a real child process: the first SIGINT aborts the signal (sampling stops,
// the snapshot is still written), the second exits with 130.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'ep-int-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function child(script: string): Promise<string> {
  const entry = join(dir, `entry-${Math.random().toString(36).slice(2)}.ts`);
  writeFileSync(entry, `import { onInterrupt } from ${JSON.stringify(join(ROOT, 'src/cli/interrupt.ts'))};\n${script}`);
  const out = entry.replace(/\.ts$/, '.mjs');
  await build({ entryPoints: [entry], outfile: out, bundle: true, platform: 'node', format: 'esm', logLevel: 'error' });
  return out;
}

function run(file: string, signals: number): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [file], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let sent = 0;
    p.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      // the child prints "ready" once its handler is installed, and "stopping" after the first abort
      if (sent < signals && (stdout.includes('ready') && sent === 0 || stdout.includes('stopping') && sent === 1)) {
        sent++;
        p.kill('SIGINT');
      }
    });
    p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => p.kill('SIGKILL'), 10_000);
    p.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

const script = `
const i = onInterrupt((t) => process.stderr.write(t));
i.signal.addEventListener('abort', () => { process.stdout.write('stopping\\n'); });
process.stdout.write('ready\\n');
const until = Date.now() + 5000;
const wait = () => (Date.now() > until ? (process.stdout.write('timeout\\n'), process.exit(9)) : setTimeout(wait, 20));
wait();
`;

it('first Ctrl-C aborts the signal and says so; the second exits 130', async () => {
  const r = await run(await child(script), 2);
  expect(r.stdout).toBe('ready\nstopping\n');
  expect(r.stderr).toContain('interrupted: stopping after the readings taken so far');
  expect(r.code).toBe(130);
});

it('after dispose() Ctrl-C is the default again (the process dies of SIGINT)', async () => {
  const r = await run(await child(`const i = onInterrupt(() => {}); i.dispose(); process.stdout.write('ready\\n'); setTimeout(() => process.exit(9), 5000);`), 1);
  expect(r.code).toBe(null);
});
