// Reading the two sides of `compare`: snapshot files (apiVersions checked together, the older
// upgraded in memory where it can be) or a live snapshot taken with the snapshot command's flags.
import { readFile } from 'node:fs/promises';
import { InputError } from '../../errors.js';
import { describeFsError } from '../../fs-errors.js';
import { KNOWN_API_VERSIONS, parseSnapshot, snapshotFromDoc, upgradeSnapshot } from '../../model/load.js';
import type { Snapshot } from '../../model/snapshot.js';
import type { CliIO } from '../io.js';

export interface SnapshotText {
  path: string;
  text: string;
}

export async function readSnapshotText(path: string, io: CliIO): Promise<SnapshotText> {
  const { resolve } = await import('node:path');
  try {
    return { path, text: await readFile(resolve(io.cwd, path), 'utf8') };
  } catch (err) {
    throw new InputError(`cannot read snapshot: ${describeFsError(err)}`, path);
  }
}

function parsedDoc(text: string): Record<string, unknown> | null {
  try {
    const doc = JSON.parse(text) as unknown;
    if (doc && typeof doc === 'object' && !Array.isArray(doc)) return doc as Record<string, unknown>;
  } catch {
    // parseSnapshot says where the JSON is broken.
  }
  return null;
}

/**
 * Parses both sides. When their apiVersions differ, the older one is upgraded in memory (the
 * loader's upgrade hook); when one cannot be read by this build, the error names both versions.
 */
export function parseSides(baseline: SnapshotText, current: SnapshotText | null): { before: Snapshot; after: Snapshot | null } {
  const db = parsedDoc(baseline.text);
  const dc = current ? parsedDoc(current.text) : null;
  const vb = db?.['apiVersion'];
  const vc = dc?.['apiVersion'];
  if (current && db && dc && typeof vb === 'string' && typeof vc === 'string' && vb !== vc) {
    for (const [side, doc, v] of [[baseline, db, vb], [current, dc, vc]] as const) {
      try {
        upgradeSnapshot(doc, side.path);
      } catch {
        throw new InputError(
          `cannot compare ${baseline.path} (apiVersion ${vb}) with ${current.path} (apiVersion ${vc}): ` +
            `${v} cannot be read or upgraded by this edge-profile, which reads ${KNOWN_API_VERSIONS.join(', ')}`,
        );
      }
    }
  }
  // A document JSON.parse could not read is parsed again by parseSnapshot, which says where it breaks.
  return {
    before: db ? snapshotFromDoc(db, baseline.path) : parseSnapshot(baseline.text, baseline.path),
    after: current ? (dc ? snapshotFromDoc(dc, current.path) : parseSnapshot(current.text, current.path)) : null,
  };
}

/**
 * The namespaces a live CURRENT is read from: what -n / -A asked (`asked`, from the snapshot
 * command's liveOptions: null = all, [] = none given), else the baseline's scope.
 */
export function liveScope(baseline: Snapshot, asked: string[] | null): string[] | null {
  if (asked === null) return null;
  if (asked.length > 0) return [...new Set(asked)].sort();
  if (baseline.source.type === 'live' && baseline.source.namespaces !== undefined) return baseline.source.namespaces;
  return [...new Set(baseline.pods.map((p) => p.namespace))].sort();
}
