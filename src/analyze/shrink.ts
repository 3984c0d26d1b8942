// The shrink plan: which container resource changes from what to what, with rounding, floors and
// request ≤ limit. PURE — the manifests arrive already located (collect/manifest-edit.ts) and the
// observations already matched (analyze/shrink-observed.ts). Rules: docs/shrink.md.
import type { ContainerType, R } from '../model/snapshot.js';
import type { ConfigChange, QueueKey } from './shrink-knative.js';
import {
  amountOf,
  formatStyled,
  nanosOf,
  parseStyled,
  roundUp,
  scaleNanos,
  type Rational,
  type ResourceName,
  type StyledQuantity,
} from './shrink-units.js';

export type YamlPath = Array<string | number>;
export type Section = 'requests' | 'limits';
export const RESOURCES: ResourceName[] = ['cpu', 'memory'];
export const SECTIONS: Section[] = ['requests', 'limits'];

export interface ObjectRef {
  file: string;
  /** 0-based index of the YAML document in its file. */
  docIndex: number;
  apiVersion: string;
  kind: string;
  namespace: string | null;
  name: string;
  /** Path from the document root to the object: [] or ['items', i] inside a List. */
  base: YamlPath;
}

export interface DeclaredValue {
  /** As parsed from YAML: a string ("100m") or a number (1). */
  raw: string | number;
  /** "file:line" */
  where: string;
  /** From the document root to the scalar. */
  path: YamlPath;
}

export interface TargetContainer {
  object: ObjectRef;
  container: string;
  type: ContainerType;
  /** Path from the document root to the container (its item in containers/initContainers). */
  path: YamlPath;
  values: Record<Section, Partial<Record<ResourceName, DeclaredValue>>>;
}

/** What a snapshot saw of one container (max over the matched pods). */
export interface Observation {
  /** Latest usage. */
  usage: R;
  /** Peak over the snapshot's samples and latest usage. */
  peak: R;
  pods: number;
}

export interface FloorInfo {
  basis: 'usage' | 'peak';
  observedAmount: number;
  floorAmount: number;
}

export interface ResourceChange {
  object: ObjectRef;
  container: string;
  containerType: ContainerType;
  section: Section;
  resource: ResourceName;
  path: YamlPath;
  before: string;
  after: string;
  /** The YAML value to write: a number only when the input was a plain number and the result is whole. */
  afterValue: string | number;
  beforeAmount: number;
  afterAmount: number;
  /** factor applied and rounded, before floors and the request ≤ limit rule. */
  scaledAmount: number;
  changed: boolean;
  floor: FloorInfo | null;
  /** Why the value is not simply the scaled one, or null. */
  reason: string | null;
}

export interface ShrinkTotals {
  requests: R;
  limits: R;
}

export interface ShrinkOptions {
  factor: Rational;
  headroomPercent: Rational;
}

/** Key of a container in an observations map. */
export function containerKey(c: Pick<TargetContainer, 'object' | 'container'>): string {
  return `${c.object.file}#${c.object.docIndex}/${c.object.kind}/${c.object.name}/${c.container}`;
}

export class DeclaredValueError extends Error {
  constructor(
    readonly where: string,
    message: string,
  ) {
    super(message);
  }
}

function parseDeclared(resource: ResourceName, v: DeclaredValue): StyledQuantity {
  try {
    return parseStyled(resource, v.raw);
  } catch (err) {
    throw new DeclaredValueError(v.where, `${(err as Error).message} in resources ${resource}`);
  }
}

function withHeadroom(amount: number, resource: ResourceName, headroom: Rational): bigint {
  const nanos = nanosOf(resource, amount);
  const num = nanos * (100n * headroom.den + headroom.num);
  const den = 100n * headroom.den;
  return (num + den - 1n) / den;
}

interface Computed {
  q: StyledQuantity;
  after: bigint;
  scaled: bigint;
  floor: FloorInfo | null;
  reason: string | null;
}

/** Plans the change of every declared cpu/memory request and limit of the given containers. */
export function planShrink(
  containers: TargetContainer[],
  observations: Map<string, Observation>,
  opts: ShrinkOptions,
): ResourceChange[] {
  const out: ResourceChange[] = [];
  for (const c of containers) {
    const obs = observations.get(containerKey(c)) ?? null;
    for (const resource of RESOURCES) {
      const computed: Partial<Record<Section, Computed>> = {};
      for (const section of SECTIONS) {
        const declared = c.values[section][resource];
        if (!declared) continue;
        computed[section] = computeOne(parseDeclared(resource, declared), resource, section, obs, opts);
      }
      keepRequestBelowLimit(computed, resource);
      for (const section of SECTIONS) {
        const d = c.values[section][resource];
        const comp = computed[section];
        if (!d || !comp) continue;
        const after = formatStyled(comp.after, comp.q.style, comp.q.suffix);
        const changed = comp.after !== comp.q.nanos;
        out.push({
          object: c.object,
          container: c.container,
          containerType: c.type,
          section,
          resource,
          path: d.path,
          before: String(d.raw),
          after: changed ? after : String(d.raw),
          afterValue: !changed ? d.raw : typeof d.raw === 'number' && /^\d+$/.test(after) ? Number(after) : after,
          beforeAmount: amountOf(resource, comp.q.nanos),
          afterAmount: amountOf(resource, comp.after),
          scaledAmount: amountOf(resource, comp.scaled),
          changed,
          floor: comp.floor,
          reason: comp.reason,
        });
      }
    }
  }
  return out;
}

function computeOne(
  q: StyledQuantity,
  resource: ResourceName,
  section: Section,
  obs: Observation | null,
  opts: ShrinkOptions,
): Computed {
  if (q.nanos <= 0n) return { q, after: q.nanos, scaled: q.nanos, floor: null, reason: 'zero: left as is' };
  const scaled = roundUp(scaleNanos(q.nanos, opts.factor), q.style);
  let after = scaled < q.nanos ? scaled : q.nanos;
  let reason: string | null = scaled >= q.nanos ? 'rounding leaves it unchanged' : null;
  let floor: FloorInfo | null = null;
  const basis: FloorInfo['basis'] | null = section === 'requests' ? 'usage' : resource === 'memory' ? 'peak' : null;
  const observed = basis && obs ? (basis === 'usage' ? obs.usage : obs.peak) : null;
  const observedAmount = observed ? (resource === 'cpu' ? observed.cpuMillicores : observed.memoryBytes) : null;
  if (basis && observedAmount !== null && observedAmount !== undefined) {
    const floorNanos = roundUp(withHeadroom(observedAmount, resource, opts.headroomPercent), q.style);
    if (floorNanos > after) {
      floor = { basis, observedAmount, floorAmount: amountOf(resource, floorNanos) };
      if (floorNanos >= q.nanos) {
        after = q.nanos;
        reason = `observed ${basis} + headroom reaches the declared value: not reduced`;
      } else {
        after = floorNanos;
        reason = `floored at observed ${basis} + headroom`;
      }
    }
  }
  return { q, after, scaled, floor, reason };
}

/** Raises a reduced limit to the reduced request when rounding or a floor put the request above it. */
function keepRequestBelowLimit(computed: Partial<Record<Section, Computed>>, resource: ResourceName): void {
  const req = computed.requests;
  const lim = computed.limits;
  if (!req || !lim || req.after <= lim.after) return;
  if (req.q.nanos > lim.q.nanos) return; // the input already breaks the rule; Kubernetes will say so
  const raised = roundUp(req.after, lim.q.style);
  lim.after = raised < lim.q.nanos ? raised : lim.q.nanos;
  lim.reason = `raised to the ${resource} request (request ≤ limit)`;
}

/** Totals of declared values before and after, over the given changes (one replica each). */
export function shrinkTotals(changes: ResourceChange[]): { before: ShrinkTotals; after: ShrinkTotals } {
  const empty = (): ShrinkTotals => ({
    requests: { cpuMillicores: null, memoryBytes: null },
    limits: { cpuMillicores: null, memoryBytes: null },
  });
  const before = empty();
  const after = empty();
  for (const ch of changes) {
    const key = ch.resource === 'cpu' ? 'cpuMillicores' : 'memoryBytes';
    before[ch.section][key] = (before[ch.section][key] ?? 0) + ch.beforeAmount;
    after[ch.section][key] = (after[ch.section][key] ?? 0) + ch.afterAmount;
  }
  return { before, after };
}

/** Everything shrink decided, for the summary renderers. */
export interface ShrinkSummary {
  /** The factor as given ("0.5") and where it came from ("--factor" or the report's path). */
  factor: string;
  factorSource: string;
  headroomPercent: string;
  /** Path of the snapshot floors came from, or null (no floors). */
  floorsFrom: string | null;
  changes: ResourceChange[];
  knative: null | {
    object: ObjectRef;
    included: boolean;
    changes: ConfigChange[];
    unset: QueueKey[];
    explanation: string[];
  };
  totals: { before: ShrinkTotals; after: ShrinkTotals };
  warnings: string[];
}
