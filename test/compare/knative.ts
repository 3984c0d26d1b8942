// Snapshots of Knative Serving + Kourier v1.8 and v1.23, made from the release manifests
// (test/fixtures/manifests/knative, see its PROVENANCE.md) with the manifest importer, as
// `edge-profile snapshot --from <dir>` does.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importManifestSet } from '../../src/collect/import/manifests.js';
import { mergeImports } from '../../src/collect/import/merge.js';
import type { Snapshot } from '../../src/model/snapshot.js';

export const KNATIVE_DIR = join(import.meta.dirname, '..', 'fixtures', 'manifests', 'knative');

export function knativeSnapshot(version: 'v1.8' | 'v1.23'): Snapshot {
  const dir = join(KNATIVE_DIR, version);
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => ({ text: readFileSync(join(dir, f), 'utf8'), origin: `knative/${version}/${f}` }));
  const result = importManifestSet(files);
  return mergeImports([{ path: `knative/${version}`, folder: `knative/${version}`, result }], '2026-01-01T00:00:00.000Z');
}
