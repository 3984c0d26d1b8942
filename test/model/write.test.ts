import { mkdtemp, readdir, readFile, writeFile, chmod, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../src/model/write.js';
import { InputError, UsageError } from '../../src/errors.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ep-write-'));
});
afterEach(async () => {
  await chmod(dir, 0o755).catch(() => undefined);
  await rm(dir, { recursive: true, force: true });
});

describe('writeFileAtomic', () => {
  it('writes a new file and leaves no temp file', async () => {
    const out = join(dir, 's.json');
    await writeFileAtomic(out, '{"a":1}\n', { force: false });
    expect(await readFile(out, 'utf8')).toBe('{"a":1}\n');
    expect(await readdir(dir)).toEqual(['s.json']);
  });

  it('refuses to replace an existing file without force (UsageError naming the file)', async () => {
    const out = join(dir, 's.json');
    await writeFile(out, 'old');
    const err = await writeFileAtomic(out, 'new', { force: false }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UsageError);
    expect((err as Error).message).toBe(`${out} exists; pass --force to replace it`);
    expect(await readFile(out, 'utf8')).toBe('old');
    expect(await readdir(dir)).toEqual(['s.json']);
  });

  it('replaces an existing file with force', async () => {
    const out = join(dir, 's.json');
    await writeFile(out, 'old');
    await writeFileAtomic(out, 'new', { force: true });
    expect(await readFile(out, 'utf8')).toBe('new');
    expect(await readdir(dir)).toEqual(['s.json']);
  });

  it.each([false, true])('a write that fails midway leaves nothing (force=%s)', async (force) => {
    const out = join(dir, 's.json');
    function* chunks(): Generator<string> {
      yield '{"pods": [';
      throw new Error('renderer failed');
    }
    await expect(writeFileAtomic(out, chunks(), { force })).rejects.toThrow('renderer failed');
    expect(await readdir(dir)).toEqual([]);
  });

  it('a failed write with force keeps the old file intact', async () => {
    const out = join(dir, 's.json');
    await writeFile(out, 'old');
    async function* chunks(): AsyncGenerator<string> {
      yield 'partial';
      throw new Error('boom');
    }
    await expect(writeFileAtomic(out, chunks(), { force: true })).rejects.toThrow('boom');
    expect(await readFile(out, 'utf8')).toBe('old');
    expect(await readdir(dir)).toEqual(['s.json']);
  });

  // root ignores directory permissions
  it.skipIf(process.getuid?.() === 0)('an unwritable directory is an InputError naming the file', async () => {
    await chmod(dir, 0o555);
    const out = join(dir, 's.json');
    const err = await writeFileAtomic(out, 'x', { force: false }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as Error).message).toBe(`${out}: cannot write: permission denied (EACCES)`);
  });

  it('a missing directory is an InputError', async () => {
    const out = join(dir, 'nope', 's.json');
    await expect(writeFileAtomic(out, 'x', { force: true })).rejects.toThrow(`${out}: cannot write: no such file or directory (ENOENT)`);
  });

  it('two concurrent writers without force: exactly one wins, the other is refused', async () => {
    const out = join(dir, 's.json');
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, (_, i) => writeFileAtomic(out, `writer ${i}`, { force: false })),
    );
    const won = results.filter((r) => r.status === 'fulfilled');
    expect(won).toHaveLength(1);
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(UsageError);
    expect(await readFile(out, 'utf8')).toMatch(/^writer \d$/);
    expect(await readdir(dir)).toEqual(['s.json']);
  });
});
