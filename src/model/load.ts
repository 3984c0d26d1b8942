// Reading a snapshot file: parse, check the version, upgrade, validate the shape. Every failure is
// an InputError with one line naming the file and what is wrong (exit 4).
import { readFile } from 'node:fs/promises';
import { InputError } from '../errors.js';
import { API_VERSION, type Snapshot } from './snapshot.js';
import { parseJson } from './json-syntax.js';
import { describeFsError } from '../fs-errors.js';
import { describeValue, snapshotShapeErrors } from './validate.js';

/** apiVersions this build reads. Only v1 exists; an upgrade step per older version goes in UPGRADES. */
export const KNOWN_API_VERSIONS: readonly string[] = [API_VERSION];

/** Upgrade steps: apiVersion → function turning a document of that version into the next one. */
const UPGRADES: Record<string, (doc: Record<string, unknown>) => Record<string, unknown>> = {};

/**
 * Brings a parsed document of any known apiVersion to the current one (the hook compare uses
 * to read an older baseline). Only v1 exists, so this returns v1 documents unchanged.
 */
export function upgradeSnapshot(doc: Record<string, unknown>, origin: string): Record<string, unknown> {
  let current = doc;
  for (let guard = 0; guard < 16 && current['apiVersion'] !== API_VERSION; guard++) {
    const step = UPGRADES[String(current['apiVersion'])];
    if (!step) break;
    current = step(current);
  }
  if (current['apiVersion'] !== API_VERSION) {
    throw new InputError(
      `unknown apiVersion ${describeValue(doc['apiVersion'])}; this edge-profile reads ${KNOWN_API_VERSIONS.join(', ')}`,
      origin,
    );
  }
  return current;
}

/** Parses and validates snapshot text; `origin` (the file name) prefixes every error. */
export function parseSnapshot(text: string, origin: string): Snapshot {
  return snapshotFromDoc(parseJson(text, origin), origin);
}

/** parseSnapshot of a document already parsed from JSON. */
export function snapshotFromDoc(doc: unknown, origin: string): Snapshot {
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
    throw new InputError(`not an edge-profile snapshot: expected a JSON object, got ${describeValue(doc)}`, origin);
  }
  const obj = doc as Record<string, unknown>;
  if (!('apiVersion' in obj)) {
    throw new InputError(`not an edge-profile snapshot: no apiVersion (expected "${API_VERSION}")`, origin);
  }
  if (typeof obj['apiVersion'] !== 'string' || !obj['apiVersion'].startsWith('edge-profile/')) {
    throw new InputError(
      `not an edge-profile snapshot: apiVersion ${describeValue(obj['apiVersion'])} (expected "${API_VERSION}")`,
      origin,
    );
  }
  if (obj['kind'] !== 'Snapshot') {
    throw new InputError(`kind is ${describeValue(obj['kind'])}, expected "Snapshot" (is this a report or a comparison?)`, origin);
  }
  const upgraded = upgradeSnapshot(obj, origin);
  const errors = snapshotShapeErrors(upgraded);
  if (errors.length > 0) {
    const more = errors.length > 1 ? ` (and ${errors.length - 1} more problem${errors.length > 2 ? 's' : ''})` : '';
    throw new InputError(`${errors[0]}${more}`, origin);
  }
  return upgraded as unknown as Snapshot;
}

/** Reads and validates a snapshot file. Unreadable → InputError naming the file. */
export async function loadSnapshot(path: string): Promise<Snapshot> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new InputError(`cannot read snapshot: ${describeFsError(err)}`, path);
  }
  return parseSnapshot(text, path);
}
