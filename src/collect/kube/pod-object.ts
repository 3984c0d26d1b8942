// A pod object from the API → the snapshot's Pod, keeping only what the snapshot needs.
// Interim: the import-manifests branch brings podFromObject (src/collect/import/pod-spec.ts);
// this file delegates to it once merged.
import type { Container, ContainerType, Note, Owner, Pod, R } from '../../model/snapshot.js';
import { note } from '../../model/snapshot.js';
import { parseCpuMillicores, parseMemoryBytes, QuantityError } from '../../quantity.js';

type Obj = Record<string, unknown>;

function obj(v: unknown): Obj | null {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : null;
}

function str(v: unknown): string | null {
  return typeof v === 'string' && v.length > 0 ? v : null;
}

export function quantityR(list: unknown, where: string, notes: Note[]): R {
  const o = obj(list);
  return {
    cpuMillicores: quantity(o?.cpu, parseCpuMillicores, `${where} cpu`, notes),
    memoryBytes: quantity(o?.memory, parseMemoryBytes, `${where} memory`, notes),
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

function containers(list: unknown, init: boolean, where: string, notes: Note[]): Container[] {
  if (!Array.isArray(list)) return [];
  const out: Container[] = [];
  for (const c of list) {
    const o = obj(c);
    const name = str(o?.name);
    if (!o || !name) continue;
    const type: ContainerType = !init ? 'app' : o.restartPolicy === 'Always' ? 'sidecar' : 'init';
    const res = obj(o.resources);
    out.push({
      name,
      type,
      requests: quantityR(res?.requests, `${where} container ${name} requests`, notes),
      limits: quantityR(res?.limits, `${where} container ${name} limits`, notes),
      usage: null,
    });
  }
  return out;
}

function owner(refs: unknown): Owner | null {
  if (!Array.isArray(refs)) return null;
  const all = refs.map(obj).filter((r): r is Obj => r !== null);
  const ref = all.find((r) => r.controller === true) ?? all[0];
  const kind = str(ref?.kind);
  const name = str(ref?.name);
  return kind && name ? { kind, name } : null;
}

/** Converts one item of a pods list. Returns null for an item without namespace/name. */
export function podFromApiObject(item: unknown, notes: Note[]): Pod | null {
  const o = obj(item);
  const meta = obj(o?.metadata);
  const namespace = str(meta?.namespace);
  const name = str(meta?.name);
  if (!namespace || !name) return null;
  const spec = obj(o?.spec);
  const where = `pod ${namespace}/${name}`;
  const overhead = obj(spec?.overhead) ? quantityR(spec?.overhead, `${where} overhead`, notes) : null;
  return {
    namespace,
    name,
    phase: str(obj(o?.status)?.phase),
    nodeName: str(spec?.nodeName),
    owner: owner(meta?.ownerReferences),
    containers: [...containers(spec?.initContainers, true, where, notes), ...containers(spec?.containers, false, where, notes)],
    usage: null,
    overhead,
    origin: 'live',
  };
}
