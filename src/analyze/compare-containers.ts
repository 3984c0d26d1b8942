// Which container of a component changed, and which resource: the report's components carry only
// totals, so this diffs the snapshots' pods grouped by component. PURE.
import type { Pod, R, Snapshot } from '../model/snapshot.js';
import { componentOf } from './totals.js';
import type { ContainerChange, ResourceChange, ResourceField } from './compare-model.js';

/** A container declared in a component, summed over the component's pods. */
export interface ContainerTotals {
  name: string;
  type: string;
  requests: R;
  limits: R;
}

/** The component a pod belongs to, exactly as the report groups pods (owner workload, hashes stripped). */
export function componentNameOfPod(pod: Pod): string {
  return componentOf(pod).name;
}

export function componentKey(namespace: string, name: string): string {
  return `${namespace}/${name}`;
}

function addNullable(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return a + b;
}

function addR(a: R, b: R): R {
  return {
    cpuMillicores: addNullable(a.cpuMillicores, b.cpuMillicores),
    memoryBytes: addNullable(a.memoryBytes, b.memoryBytes),
  };
}

/** "namespace/component" → container name → declared totals over the component's pods. */
export function containersByComponent(snapshot: Snapshot): Map<string, Map<string, ContainerTotals>> {
  const out = new Map<string, Map<string, ContainerTotals>>();
  for (const pod of snapshot.pods) {
    const key = componentKey(pod.namespace, componentNameOfPod(pod));
    let containers = out.get(key);
    if (!containers) {
      containers = new Map();
      out.set(key, containers);
    }
    for (const c of pod.containers) {
      const seen = containers.get(c.name);
      if (seen) {
        seen.requests = addR(seen.requests, c.requests);
        seen.limits = addR(seen.limits, c.limits);
      } else {
        containers.set(c.name, { name: c.name, type: c.type, requests: { ...c.requests }, limits: { ...c.limits } });
      }
    }
  }
  return out;
}

const FIELDS: Array<[ResourceField, (c: ContainerTotals) => number | null]> = [
  ['requests.cpu', (c) => c.requests.cpuMillicores],
  ['requests.memory', (c) => c.requests.memoryBytes],
  ['limits.cpu', (c) => c.limits.cpuMillicores],
  ['limits.memory', (c) => c.limits.memoryBytes],
];

function resourceChange(resource: ResourceField, before: number | null, after: number | null): ResourceChange {
  return { resource, before, after, delta: before === null || after === null ? null : after - before };
}

/** The containers that came, went or changed between two versions of one component, by name. */
export function diffContainers(
  before: Map<string, ContainerTotals> | undefined,
  after: Map<string, ContainerTotals> | undefined,
): ContainerChange[] {
  const names = new Set([...(before?.keys() ?? []), ...(after?.keys() ?? [])]);
  const out: ContainerChange[] = [];
  for (const name of [...names].sort()) {
    const b = before?.get(name);
    const a = after?.get(name);
    if (b && a) {
      const resources = FIELDS.filter(([, get]) => get(b) !== get(a)).map(([field, get]) =>
        resourceChange(field, get(b), get(a)),
      );
      if (resources.length === 0 && a.type === b.type) continue;
      const change: ContainerChange = { name, type: a.type, change: 'changed', resources };
      if (a.type !== b.type) change.typeBefore = b.type;
      out.push(change);
    } else if (a) {
      out.push({
        name,
        type: a.type,
        change: 'added',
        resources: FIELDS.filter(([, get]) => get(a) !== null).map(([field, get]) => resourceChange(field, null, get(a))),
      });
    } else if (b) {
      out.push({
        name,
        type: b.type,
        change: 'removed',
        resources: FIELDS.filter(([, get]) => get(b) !== null).map(([field, get]) => resourceChange(field, get(b), null)),
      });
    }
  }
  return out;
}
