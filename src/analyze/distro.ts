// --assume-distro NAME: add what a distribution brings and a snapshot taken from captures may
// lack — its system pods (by namespace + workload name) and its host processes — marked assumed.
import type { Container, Pod } from '../model/snapshot.js';
import { podKey } from '../model/snapshot.js';
import type { AssumedDistro } from './report-model.js';
import { componentOf } from './totals.js';
import type { CatalogPod, DistroEntry } from './distros/types.js';
import { k0s } from './distros/k0s.js';
import { k3s } from './distros/k3s.js';

const CATALOG: Record<string, DistroEntry> = { k0s, k3s };

export function distroNames(): string[] {
  return Object.keys(CATALOG).sort();
}

export function distroEntry(name: string): DistroEntry | null {
  return Object.hasOwn(CATALOG, name) ? CATALOG[name]! : null;
}

function belongsTo(pod: Pod, cp: CatalogPod): boolean {
  if (pod.namespace !== cp.namespace) return false;
  return componentOf(pod).name === cp.workload || pod.name === cp.workload || pod.name.startsWith(`${cp.workload}-`);
}

const declaresNothing = (pod: Pod) =>
  pod.containers.every(
    (c) => c.requests.cpuMillicores === null && c.requests.memoryBytes === null && c.limits.cpuMillicores === null && c.limits.memoryBytes === null,
  );
const catalogDeclares = (cp: CatalogPod) =>
  cp.containers.some((c) => [c.requests.cpuMillicores, c.requests.memoryBytes, c.limits.cpuMillicores, c.limits.memoryBytes].some((v) => v !== null));

function catalogContainers(cp: CatalogPod, existing: Container[]): Container[] {
  return cp.containers.map((c) => ({
    name: c.name,
    type: c.type,
    requests: { ...c.requests },
    limits: { ...c.limits },
    usage: existing.find((e) => e.name === c.name)?.usage ?? null,
  }));
}

export interface DistroApplied {
  pods: Pod[];
  /** podKey of every pod added or completed from the catalog. */
  assumed: Set<string>;
  summary: AssumedDistro;
}

/**
 * Adds the catalog's pods the snapshot lacks (named after the workload, owner set), and
 * completes a snapshot pod of a catalog workload that declares no resources at all (e.g. known
 * only from `kubectl top`) with the catalog's requests and limits, keeping its usage.
 * Pods that declare resources are left as they are: the snapshot wins over the catalog.
 */
export function applyDistro(pods: Pod[], entry: DistroEntry): DistroApplied {
  const assumed = new Set<string>();
  const actions: AssumedDistro['pods'] = [];
  const out = pods.map((p) => ({ ...p }));
  for (const cp of entry.pods) {
    const mine = out.filter((p) => belongsTo(p, cp));
    if (mine.length === 0) {
      const pod: Pod = {
        namespace: cp.namespace,
        name: cp.workload,
        phase: null,
        nodeName: null,
        owner: { kind: cp.kind, name: cp.workload },
        containers: catalogContainers(cp, []),
        usage: null,
      };
      out.push(pod);
      assumed.add(podKey(pod));
      actions.push({ namespace: pod.namespace, name: pod.name, action: 'added' });
      continue;
    }
    // An owner the importer guessed from the pod name ("Workload") takes the catalog's kind, so a
    // DaemonSet is placed first by the fit.
    for (const p of mine) {
      if (p.owner === null || (p.ownerInferred && p.owner.kind !== cp.kind)) {
        out[out.indexOf(p)] = { ...p, owner: { kind: cp.kind, name: cp.workload }, ownerInferred: true };
      }
    }
    if (!catalogDeclares(cp)) continue;
    for (const p of out.filter((x) => belongsTo(x, cp))) {
      if (!declaresNothing(p)) continue;
      const i = out.indexOf(p);
      out[i] = {
        ...p,
        containers: catalogContainers(cp, p.containers),
      };
      assumed.add(podKey(p));
      actions.push({ namespace: p.namespace, name: p.name, action: 'completed' });
    }
  }
  return {
    pods: out,
    assumed,
    summary: {
      name: entry.name,
      title: entry.title,
      assumed: true,
      pods: actions,
      host: { memoryBytes: entry.host.memoryBytes, cpuMillicores: entry.host.cpuMillicores, basis: entry.host.basis },
      os: entry.os ? { ...entry.os } : null,
      sources: [...entry.sources],
    },
  };
}
