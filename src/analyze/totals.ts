// Totals of effective pod requests/limits: per component (owner workload), per namespace, overall;
// `declared` counts every pod, `steadyState` leaves out run-to-completion pods (Job/CronJob) and
// finished pods (Succeeded/Failed), which hold no resources once done.
import type { Pod, R } from '../model/snapshot.js';
import type { Component, Missing, NamespaceTotals, RequestsLimits } from './report-model.js';
import { addInto, effectivePodResources } from './pod-resources.js';

const RUN_TO_COMPLETION = new Set(['Job', 'CronJob']);
const FINISHED = new Set(['Succeeded', 'Failed']);

export interface ComponentId {
  namespace: string;
  name: string;
  kind: string;
}

/**
 * The workload a pod belongs to. A ReplicaSet named "<deployment>-<pod-template-hash>" is
 * reported as its Deployment and a Job named "<cronjob>-<digits>" as its CronJob (what a user
 * installed); a pod without owner is its own component, kind "Pod".
 */
export function componentOf(pod: Pod): ComponentId {
  const o = pod.owner;
  if (!o) return { namespace: pod.namespace, name: pod.name, kind: 'Pod' };
  const rs = o.kind === 'ReplicaSet' ? /^(.+)-[bcdfghjklmnpqrstvwxz2456789]{5,10}$/.exec(o.name) : null;
  if (rs) return { namespace: pod.namespace, name: rs[1]!, kind: 'Deployment' };
  const cj = o.kind === 'Job' ? /^(.+)-\d{8,}$/.exec(o.name) : null;
  if (cj) return { namespace: pod.namespace, name: cj[1]!, kind: 'CronJob' };
  return { namespace: pod.namespace, name: o.name, kind: o.kind };
}

export function isRunToCompletion(pod: Pod): boolean {
  return RUN_TO_COMPLETION.has(componentOf(pod).kind) || (pod.owner !== null && RUN_TO_COMPLETION.has(pod.owner.kind));
}

export function isFinished(pod: Pod): boolean {
  return pod.phase !== null && FINISHED.has(pod.phase);
}

export function isSteadyState(pod: Pod): boolean {
  return !isRunToCompletion(pod) && !isFinished(pod);
}

/** Pod usage: the pod reading, else the sum of its containers' readings; null when none. */
export function podUsage(pod: Pod): R | null {
  if (pod.usage) return pod.usage;
  let sum: R | null = null;
  for (const c of pod.containers) sum = addUsage(sum, c.usage);
  return sum;
}

/**
 * Namespaces in the order a user installs them: kube-system first (the distribution's own
 * pods), then every other namespace in the order its first pod appears in the snapshot, and
 * `default` last — the user's own apps go there once the platform they run on is up (a
 * Knative Service cannot exist before Knative Serving). Snapshots list pods sorted by name,
 * so without this rule `default` would come first only because of the alphabet.
 */
export function namespaceOrder(pods: Pod[]): string[] {
  return [...byNamespaceInOrder(pods).keys()];
}

/** Pods grouped by namespace in install order, snapshot order kept inside a namespace. */
export function installOrder(pods: Pod[]): Pod[] {
  const out: Pod[] = [];
  for (const group of byNamespaceInOrder(pods).values()) for (const p of group) out.push(p);
  return out;
}

/** One pass: namespace → its pods, keys in install order (see namespaceOrder). */
function byNamespaceInOrder(pods: Pod[]): Map<string, Pod[]> {
  const seen = new Map<string, Pod[]>();
  for (const p of pods) {
    const group = seen.get(p.namespace);
    if (group) group.push(p);
    else seen.set(p.namespace, [p]);
  }
  const ordered = new Map<string, Pod[]>();
  const system = seen.get('kube-system');
  if (system) ordered.set('kube-system', system);
  for (const [ns, group] of seen) if (ns !== 'kube-system' && ns !== 'default') ordered.set(ns, group);
  const user = seen.get('default');
  if (user) ordered.set('default', user);
  return ordered;
}

const emptyR = (): R => ({ cpuMillicores: null, memoryBytes: null });
const emptyRL = (): RequestsLimits => ({ requests: emptyR(), limits: emptyR() });

/** acc += e, in place: the accumulators are computeTotals' own objects, never a pod's. */
function addRLInto(acc: RequestsLimits, e: RequestsLimits): void {
  addInto(acc.requests, e.requests);
  addInto(acc.limits, e.limits);
}

/** A usage accumulator: null until the first reading, then a copy summed into. */
function addUsage(acc: R | null, u: R | null): R | null {
  if (!u) return acc;
  if (!acc) return { cpuMillicores: u.cpuMillicores, memoryBytes: u.memoryBytes };
  addInto(acc, u);
  return acc;
}

export interface Totals {
  declared: RequestsLimits;
  steadyState: RequestsLimits;
  /** Sum of pod usage (latest reading) over pods that have one; null when none has. */
  usage: R | null;
  missing: Missing;
  namespaces: NamespaceTotals[];
  components: Component[];
}

/**
 * `assumed` names pods (podKey) that came from a distribution catalog. Components keep install
 * order (namespaces as installOrder, components by first pod).
 */
export function computeTotals(pods: Pod[], assumed: ReadonlySet<string> = new Set()): Totals {
  const declared = emptyRL();
  const steady = emptyRL();
  let usage: R | null = null;
  const missing: Missing = {
    containersWithoutCpuRequest: 0,
    containersWithoutMemoryRequest: 0,
    containersWithoutCpuLimit: 0,
    containersWithoutMemoryLimit: 0,
    podsWithoutUsage: 0,
  };
  const nsMap = new Map<string, NamespaceTotals>();
  const compMap = new Map<string, Component>();
  // Sums are accumulated in place (42k pods: a new object per addition was most of the time).
  for (const pod of installOrder(pods)) {
    const e = effectivePodResources(pod);
    const steadyPod = isSteadyState(pod);
    const u = podUsage(pod);
    addRLInto(declared, e);
    if (steadyPod) addRLInto(steady, e);
    usage = addUsage(usage, u);
    missing.containersWithoutCpuRequest += e.missing.cpuRequest;
    missing.containersWithoutMemoryRequest += e.missing.memoryRequest;
    missing.containersWithoutCpuLimit += e.missing.cpuLimit;
    missing.containersWithoutMemoryLimit += e.missing.memoryLimit;
    if (!u) missing.podsWithoutUsage += 1;

    let ns = nsMap.get(pod.namespace);
    if (!ns) nsMap.set(pod.namespace, (ns = { namespace: pod.namespace, declared: emptyRL(), steadyState: emptyRL(), usage: null }));
    addRLInto(ns.declared, e);
    if (steadyPod) addRLInto(ns.steadyState, e);
    ns.usage = addUsage(ns.usage, u);

    const id = componentOf(pod);
    const key = `${id.namespace}/${id.kind}/${id.name}`;
    let c = compMap.get(key);
    if (!c) {
      // In the key order -o json writes (src/render/json.ts), so the renderer need not copy it.
      c = { kind: id.kind, steadyState: false, requests: emptyR(), limits: emptyR(), usage: null, pods: 0, namespace: id.namespace, name: id.name, assumed: false };
      compMap.set(key, c);
    }
    addInto(c.requests, e.requests);
    addInto(c.limits, e.limits);
    c.usage = addUsage(c.usage, u);
    c.pods += 1;
    c.steadyState ||= steadyPod;
    if (assumed.size > 0) c.assumed ||= assumed.has(`${pod.namespace}/${pod.name}`);
  }
  return {
    declared,
    steadyState: steady,
    usage,
    missing,
    namespaces: [...nsMap.values()],
    components: [...compMap.values()],
  };
}
