// Writing output files: all-or-nothing refusal to overwrite (unless force), then each file written
// to a temporary sibling and renamed into place, so a reader never sees half a file.
import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { InputError, UsageError } from '../errors.js';

export type OutFile = { path: string; text: string } | { path: string; copyFrom: string };

export function writeOutFiles(files: OutFile[], cwd: string, force: boolean): void {
  if (!force) {
    const existing = files.filter((f) => existsSync(resolve(cwd, f.path)));
    if (existing.length) {
      throw new UsageError(`${existing.map((f) => f.path).join(', ')} already exist${existing.length === 1 ? 's' : ''}; pass --force to replace`);
    }
  }
  for (const f of files) {
    const target = resolve(cwd, f.path);
    mkdirSync(dirname(target), { recursive: true });
    const tmp = join(dirname(target), `.${basename(target)}.${process.pid}.tmp`);
    try {
      if ('text' in f) writeFileSync(tmp, f.text);
      else copyFileSync(resolve(cwd, f.copyFrom), tmp);
      renameSync(tmp, target);
    } catch (err) {
      rmSync(tmp, { force: true });
      throw new InputError(`cannot write (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`, f.path);
    }
  }
}
