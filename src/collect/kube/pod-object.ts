// A pod object from the API → the snapshot's Pod, through the shared PodSpec conversion
// (src/collect/import/pod-spec.ts: init containers, native sidecars, overhead, workload owner).
// Called on each item as its page arrives; only the converted Pod is kept.
import { InputError } from '../../errors.js';
import type { Note, Pod, R } from '../../model/snapshot.js';
import { note } from '../../model/snapshot.js';
import { parseCpuMillicores, parseMemoryBytes, QuantityError } from '../../quantity.js';
import { NOTE, podFromObject, type NoteSink } from '../import/pod-spec.js';

/** Converts one item of a pods list. An item that cannot be read is left out with a note. */
export function podFromApiObject(item: unknown, notes: NoteSink): Pod | null {
  const meta = (item as { metadata?: { namespace?: unknown; name?: unknown } } | null)?.metadata;
  const where = `pod ${String(meta?.namespace ?? '?')}/${String(meta?.name ?? '?')} from the API`;
  try {
    const { pod, notes: podNotes } = podFromObject(item, where, { origin: 'live' });
    // A live pod has no file:line; its messages name it already. The "other resources" note keeps
    // the pod as its source so the folded note can say where it was first seen.
    for (const n of podNotes) notes.push(n.code === NOTE.otherResources ? n : { ...n, source: null });
    return pod;
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    notes.push(note('live.pod-unreadable', 'warn', `left out of the snapshot: ${err.message}`));
    return null;
  }
}

/** A cpu/memory resource list (node capacity/allocatable); a bad value becomes null with a note. */
export function quantityR(list: unknown, where: string, notes: Note[]): R {
  const o = (list ?? {}) as { cpu?: unknown; memory?: unknown };
  return {
    cpuMillicores: quantity(o.cpu, parseCpuMillicores, `${where} cpu`, notes),
    memoryBytes: quantity(o.memory, parseMemoryBytes, `${where} memory`, notes),
  };
}

function quantity(v: unknown, parse: (s: string) => number, where: string, notes: Note[]): number | null {
  if (typeof v === 'number') v = String(v);
  if (typeof v !== 'string') return null;
  try {
    return parse(v);
  } catch (err) {
    if (!(err instanceof QuantityError)) throw err;
    notes.push(note('live.bad-quantity', 'warn', `${where}: ${err.message}`));
    return null;
  }
}
