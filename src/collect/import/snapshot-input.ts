// An edge-profile snapshot given to `snapshot --from` (to combine a saved snapshot with new
// captures). Validated like any snapshot load: bad JSON, an unknown apiVersion or a wrong shape is
// an InputError naming the file. PURE.
import { parseSnapshot } from '../../model/load.js';
import type { Importer } from './types.js';
import { plural } from '../../text.js';

/** The start of a snapshot (or any edge-profile document): a JSON object whose apiVersion is edge-profile/…. */
export function looksLikeSnapshot(text: string): boolean {
  const head = text.trimStart().slice(0, 4096);
  return head.startsWith('{') && /"apiVersion"\s*:\s*"edge-profile\//.test(head);
}

export const importSnapshotFile: Importer = (text, ctx) => {
  const s = parseSnapshot(text, ctx.origin);
  const hosts = s.samples?.length ? s.samples.flatMap((x) => (x.host ? [x.host] : [])) : s.host ? [s.host] : [];
  return {
    kind: `edge-profile snapshot of ${s.takenAt} (${plural(s.pods.length, 'pod')}, ${plural(s.nodes.length, 'node')})`,
    pods: s.pods,
    nodes: s.nodes,
    hosts,
    notes: s.notes,
  };
};
