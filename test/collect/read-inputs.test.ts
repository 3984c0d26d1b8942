import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { listInputFiles, readInputs, skippedInFolder } from '../../src/collect/read-inputs.js';
import { detectAndImport } from '../../src/collect/import/detect.js';
import { defaultRegistry } from '../../src/collect/import/registry.js';
import { InputError } from '../../src/errors.js';

const dir = mkdtempSync(join(tmpdir(), 'ep-inputs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('listInputFiles', () => {
  it.each([
    ['README.md', true], ['readme.md', true], ['PROVENANCE.md', true], ['README.ja.md', true], ['.hidden', true], ['.git', true],
    ['free.txt', false], ['notes.md', false], ['README.txt', false], ['top-README.md', false],
  ])('%s skipped in folders: %s', (name, skipped) => expect(skippedInFolder(name)).toBe(skipped));

  it('walks folders recursively in code-point order, each file once; named files are always read', async () => {
    for (const p of ['b/2.txt', 'b/10.txt', 'a.txt', 'B.txt', 'c/d/e.txt', 'c/README.md', '.x/y.txt']) {
      mkdirSync(join(dir, 'tree', p, '..'), { recursive: true });
      writeFileSync(join(dir, 'tree', p), 'x');
    }
    const t = join(dir, 'tree');
    expect(await listInputFiles([t, join(t, 'a.txt'), join(t, 'c', 'README.md')])).toEqual(
      ['B.txt', 'a.txt', 'b/10.txt', 'b/2.txt', 'c/d/e.txt', 'c/README.md'].map((p) => join(t, p)),
    );
  });

  it('an empty folder is an input error', async () => {
    mkdirSync(join(dir, 'empty'));
    await expect(readInputs([join(dir, 'empty')])).rejects.toThrow(InputError);
  });
});

describe('detectAndImport with the real formats', () => {
  const free = '$ free -m\n               total        used        free      shared  buff/cache   available\nMem:             971         170         502           0         297         668\nSwap:           1941           0        1941\n';
  it.each([
    ['free -m with a "$ cmd" line', free, 'x/free.txt: free -m (1 host reading)'],
    ['a byte-order mark is ignored', '\ufeff' + free, 'x/free.txt: free -m (1 host reading)'],
  ])('%s', (_n, text, line) => {
    const r = detectAndImport([{ path: 'x/free.txt', folder: 'x', text }], defaultRegistry);
    expect(r.summary).toEqual([line]);
    expect(r.inputs[0]!.result.hosts).toHaveLength(1);
  });

  it.each([
    ['empty', '', 'e.txt: not a format edge-profile recognises; it reads kubectl get pods'],
    ['binary', 'ELF\u0000\u0001', 'e.txt: a binary file, not captured text or a manifest'],
    ['prose', 'Hello\nworld\n', 'e.txt: not a format edge-profile recognises'],
  ])('%s → InputError naming the file', (_n, text, message) => {
    expect(() => detectAndImport([{ path: 'e.txt', folder: '.', text }], defaultRegistry)).toThrow(message);
  });
});
