// Reads the files and folders given to `snapshot --from`: folders walked recursively in sorted
// order, hidden files and README/PROVENANCE markdown skipped (a file named explicitly is always
// read). Any unreadable path is an InputError naming it.
import { readdir, readFile, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { InputError } from '../errors.js';
import { describeFsError } from '../fs-errors.js';
import type { InputText } from './import/detect.js';

const SKIPPED_DOC = /^(readme|provenance)(\.[a-z0-9-]+)*\.(md|markdown)$/i;

export function skippedInFolder(name: string): boolean {
  return name.startsWith('.') || SKIPPED_DOC.test(name);
}

const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

async function walk(dir: string, out: string[], depth: number): Promise<void> {
  if (depth > 64) throw new InputError('folders nested too deep (a symbolic link loop?)', dir);
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (err) {
    throw new InputError(`cannot read folder: ${describeFsError(err)}`, dir);
  }
  for (const e of entries.sort((a, b) => byCodePoint(a.name, b.name))) {
    if (skippedInFolder(e.name)) continue;
    const p = join(dir, e.name);
    const isDir = e.isDirectory() || (e.isSymbolicLink() && (await stat(p).then((s) => s.isDirectory(), () => false)));
    if (isDir) await walk(p, out, depth + 1);
    else out.push(p);
  }
}

/** The files under the given paths, in order, each once. */
export async function listInputFiles(paths: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  for (const p of paths) {
    let st;
    try {
      st = await stat(p);
    } catch (err) {
      throw new InputError(`cannot read: ${describeFsError(err)}`, p);
    }
    if (st.isDirectory()) await walk(p, files, 0);
    else files.push(p);
  }
  const seen = new Set<string>();
  return files.filter((f) => {
    const k = resolve(f);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

export async function readInputs(paths: readonly string[]): Promise<InputText[]> {
  const files = await listInputFiles(paths);
  if (files.length === 0) throw new InputError(`no input files found (hidden files and README/PROVENANCE notes are skipped)`, paths.join(', '));
  const out: InputText[] = [];
  for (const f of files) {
    let text: string;
    try {
      text = await readFile(f, 'utf8');
    } catch (err) {
      throw new InputError(`cannot read: ${describeFsError(err)}`, f);
    }
    out.push({ path: f, folder: dirname(f), text });
  }
  return out;
}
