// Reading shrink's inputs: manifest files (or directories of them), a Snapshot (for floors, validated
// by src/model/load.ts) and a Report (for the factor: only the fields shrink uses are checked).
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { InputError } from '../errors.js';
import type { Snapshot } from '../model/snapshot.js';
import { parseSnapshot } from '../model/load.js';
import { parseJson } from '../model/json-syntax.js';
import { parseManifest, type ManifestFile } from './manifest-edit.js';

function readText(path: string, cwd: string): string {
  try {
    return readFileSync(resolve(cwd, path), 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError(`cannot read (${code ?? (err as Error).message})`, path);
  }
}

/** Files as given; a directory stands for its *.yaml, *.yml and *.json files (sorted, not recursive). */
export function expandManifestPaths(paths: string[], cwd: string): string[] {
  const out: string[] = [];
  for (const p of paths) {
    let isDir = false;
    try {
      isDir = statSync(resolve(cwd, p)).isDirectory();
    } catch {
      // readText reports it
    }
    if (!isDir) {
      out.push(p);
      continue;
    }
    const names = readdirSync(resolve(cwd, p))
      .filter((n) => /\.(ya?ml|json)$/.test(n))
      .sort();
    if (names.length === 0) throw new InputError('no *.yaml, *.yml or *.json files in this directory', p);
    out.push(...names.map((n) => join(p, n)));
  }
  return out;
}

export function readManifests(paths: string[], cwd: string): ManifestFile[] {
  return expandManifestPaths(paths, cwd).map((p) => parseManifest(p, readText(p, cwd)));
}

/** A JSON file; malformed JSON is an InputError naming file, line and column (as for snapshots). */
export function readJsonFile(path: string, cwd: string): unknown {
  return parseJson(readText(path, cwd), path);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function expectKind(v: unknown, kind: string, path: string): Record<string, unknown> {
  if (!isObject(v) || v['kind'] !== kind) {
    const got = isObject(v) ? JSON.stringify(v['kind'] ?? null) : 'not an object';
    throw new InputError(`not an edge-profile ${kind} (kind ${got})`, path);
  }
  if (v['apiVersion'] !== 'edge-profile/v1') {
    throw new InputError(`unknown apiVersion ${JSON.stringify(v['apiVersion'] ?? null)} (expected "edge-profile/v1")`, path);
  }
  return v;
}

/** The report's recommended reduction factor (recommendation.reductionFactor.value). */
export function loadReportFactor(path: string, cwd: string): number {
  const report = expectKind(readJsonFile(path, cwd), 'Report', path);
  const rec = report['recommendation'];
  const rf = isObject(rec) ? rec['reductionFactor'] : undefined;
  const value = isObject(rf) ? rf['value'] : undefined;
  if (value === null) {
    const reasons = isObject(rec) && Array.isArray(rec['reasons']) ? rec['reasons'].join('; ') : '';
    throw new InputError(`the report recommends no reduction factor${reasons ? ` (${reasons})` : ''}`, path);
  }
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new InputError(`recommendation.reductionFactor.value is ${JSON.stringify(value ?? null)}, expected a number > 0`, path);
  }
  return value;
}

/** A Snapshot for floors, read and validated by the model's loader (src/model/load.ts). */
export function loadSnapshotForShrink(path: string, cwd: string): Snapshot {
  return parseSnapshot(readText(path, cwd), path);
}
