// Atomic file output: the content goes to a temp file in the same directory, is fsynced, then
// takes the target name in one step. With force, rename() replaces an existing file; without,
// link() fails with EEXIST if the name is taken, so an existing file is never replaced — even
// if it appears between our check and our write. Whatever fails, the temp file is removed:
// no partial file is ever left under either name.
import { constants } from 'node:fs';
import { access, copyFile, link, open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { InputError, UsageError } from '../errors.js';
import { describeFsError } from '../fs-errors.js';

export interface WriteOptions {
  /** Replace an existing file. */
  force: boolean;
}

/**
 * Writes `content` (a string, or chunks produced one by one) to `path` atomically.
 * Throws UsageError (exit 2) when `path` exists and !force — the fix is a flag; InputError
 * (exit 4) when the directory cannot be written.
 */
export async function writeFileAtomic(
  path: string,
  content: string | Iterable<string> | AsyncIterable<string>,
  opts: WriteOptions,
): Promise<void> {
  const dir = dirname(path);
  // node:crypto is loaded only when a file is written: `report` to stdout starts ~5 ms sooner.
  const { randomBytes } = await import('node:crypto');
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  let tmpExists = false;
  try {
    const fh = await open(tmp, 'wx').catch((err: unknown) => {
      throw new InputError(`cannot write: ${describeFsError(err)}`, path);
    });
    tmpExists = true;
    try {
      const chunks = typeof content === 'string' ? [content] : content;
      for await (const chunk of chunks) await fh.write(chunk);
      await fh.sync();
    } finally {
      await fh.close();
    }
    if (opts.force) {
      await rename(tmp, path).catch((err: unknown) => {
        throw new InputError(`cannot write: ${describeFsError(err)}`, path);
      });
      tmpExists = false;
    } else {
      await linkExclusive(tmp, path);
    }
    await syncDir(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOSPC' || (err as NodeJS.ErrnoException).code === 'EDQUOT') {
      err = new InputError(`cannot write: ${describeFsError(err)}`, path);
    }
    throw err;
  } finally {
    if (tmpExists) await unlink(tmp).catch(() => undefined);
  }
}

/**
 * Fails early, before the work that makes the content, when `path` exists and !force (UsageError
 * naming `shownAs`). writeFileAtomic still never replaces a file that appears meanwhile.
 */
export async function refuseExisting(path: string, opts: WriteOptions, shownAs: string = path): Promise<void> {
  if (opts.force) return;
  const exists = await access(path).then(() => true, () => false);
  if (exists) throw existsError(shownAs);
}

function existsError(path: string): UsageError {
  return new UsageError(`${path} exists; pass --force to replace it`);
}

async function linkExclusive(tmp: string, path: string): Promise<void> {
  try {
    await link(tmp, path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw existsError(path);
    // Some file systems (FAT, some FUSE mounts) have no hard links: an exclusive copy still
    // never replaces an existing file, and a failed copy is removed.
    if (code === 'EPERM' || code === 'ENOTSUP' || code === 'EOPNOTSUPP' || code === 'ENOSYS') {
      try {
        await copyFile(tmp, path, constants.COPYFILE_EXCL);
      } catch (copyErr) {
        if ((copyErr as NodeJS.ErrnoException).code === 'EEXIST') throw existsError(path);
        await unlink(path).catch(() => undefined);
        throw new InputError(`cannot write: ${describeFsError(copyErr)}`, path);
      }
      return;
    }
    throw new InputError(`cannot write: ${describeFsError(err)}`, path);
  }
}

/** fsync the directory so the new name survives a power cut; not every platform allows it. */
async function syncDir(dir: string): Promise<void> {
  try {
    const fh = await open(dir, 'r');
    try {
      await fh.sync();
    } finally {
      await fh.close();
    }
  } catch {
    // best effort
  }
}
