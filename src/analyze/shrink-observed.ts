// Matches snapshot pods to manifest containers (namespace + owner workload + container name) and
// collects what was observed of each: latest usage and the peak over the samples. PURE.
import { podKey, type Pod, type R, type Snapshot } from '../model/snapshot.js';
import { containerKey, type Observation, type ObjectRef, type TargetContainer } from './shrink.js';

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Whether a pod was made by the workload the manifest object declares. */
export function podBelongsTo(pod: Pick<Pod, 'namespace' | 'name' | 'owner'>, obj: ObjectRef): boolean {
  if (obj.namespace !== null && pod.namespace !== obj.namespace) return false;
  const name = escape(obj.name);
  if (obj.kind === 'Pod') return pod.name === obj.name;
  const owner = pod.owner;
  if (!owner) return false;
  let pattern: RegExp;
  switch (obj.kind) {
    case 'Deployment':
      // owned by the Deployment itself (manifest-made pods) or by its ReplicaSet <name>-<pod-template-hash>
      pattern = new RegExp(`^${name}(-[a-z0-9]{1,10})?$`);
      break;
    case 'CronJob':
      pattern = new RegExp(`^${name}(-\\d+)?$`);
      break;
    case 'Service': // Knative: revisions <name>-00001, their Deployment <revision>-deployment and its ReplicaSets
      pattern = new RegExp(`^${name}(-\\d{5}(-deployment(-[a-z0-9]{1,10})?)?)?$`);
      break;
    default:
      pattern = new RegExp(`^${name}$`);
  }
  return pattern.test(owner.name);
}

function maxR(a: R, b: R | null | undefined): R {
  if (!b) return a;
  const pick = (x: number | null, y: number | null): number | null => (x === null ? y : y === null ? x : Math.max(x, y));
  return { cpuMillicores: pick(a.cpuMillicores, b.cpuMillicores), memoryBytes: pick(a.memoryBytes, b.memoryBytes) };
}

/** One observation per target container that at least one snapshot pod matched. */
export function observationsFrom(snapshot: Pick<Snapshot, 'pods' | 'samples'>, targets: TargetContainer[]): Map<string, Observation> {
  const out = new Map<string, Observation>();
  for (const t of targets) {
    let usage: R = { cpuMillicores: null, memoryBytes: null };
    let peak: R = { cpuMillicores: null, memoryBytes: null };
    let pods = 0;
    for (const pod of snapshot.pods) {
      if (!podBelongsTo(pod, t.object)) continue;
      const c = pod.containers.find((x) => x.name === t.container);
      if (!c) continue;
      pods++;
      usage = maxR(usage, c.usage);
      peak = maxR(peak, c.usage);
      for (const s of snapshot.samples ?? []) peak = maxR(peak, s.pods[podKey(pod)]?.containers[t.container]);
    }
    if (pods > 0) out.set(containerKey(t), { usage, peak, pods });
  }
  return out;
}
