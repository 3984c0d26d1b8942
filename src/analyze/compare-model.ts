// The Comparison: what `edge-profile compare` computes from two reports (and their snapshots),
// and what every compare renderer reads. Names the contract gives (totals, components, change,
// violations, before/after/delta) keep those names; the rest are extensions.
import type { R } from '../model/snapshot.js';

/** One figure on both sides. delta = after − before, null when either side is null. */
export interface Delta {
  before: number | null;
  after: number | null;
  delta: number | null;
}

export interface DeltaR {
  cpuMillicores: Delta;
  memoryBytes: Delta;
}

export interface DeltaRequestsLimits {
  requests: DeltaR;
  limits: DeltaR;
}

/** What a side was made from, for the header and for stating differences in scope. */
export interface ComparedSide {
  label: string;
  takenAt: string;
  source: string;
  /** "live" or "import" */
  sourceType: string;
  /** Namespaces present in the snapshot's pods, sorted. */
  namespaces: string[];
  pods: number;
}

export type ChangeKind = 'added' | 'removed' | 'changed' | 'unchanged';

/** Which figure of a container (or a component) moved. */
export type ResourceField =
  | 'requests.cpu'
  | 'requests.memory'
  | 'limits.cpu'
  | 'limits.memory';

export interface ResourceChange {
  resource: ResourceField;
  before: number | null;
  after: number | null;
  delta: number | null;
}

export interface ContainerChange {
  name: string;
  type: string;
  /** Set when the container's type differs between the sides (e.g. init → sidecar). */
  typeBefore?: string;
  change: Exclude<ChangeKind, 'unchanged'>;
  /** Declared per container, summed over the component's pods. */
  resources: ResourceChange[];
}

export interface ComponentChange {
  namespace: string;
  name: string;
  kind: string;
  /** Set when the owner kind differs between the sides (e.g. Deployment → StatefulSet). */
  kindBefore?: string;
  change: ChangeKind;
  pods: Delta;
  requests: DeltaR;
  limits: DeltaR;
  usage: DeltaR;
  steadyState: { before: boolean | null; after: boolean | null };
  /** Containers that came, went or changed (empty when the snapshots were not given). */
  containers: ContainerChange[];
}

export interface ComparisonSummary {
  added: number;
  removed: number;
  changed: number;
  unchanged: number;
}

export interface FitChange {
  nodeSize: { before: R | null; after: R | null };
  fits: { before: boolean | null; after: boolean | null };
  pending: Delta;
}

export interface Violation {
  rule: string;
  message: string;
}

/** A rule whose figure is not known on a side (e.g. usage in a manifest snapshot): not a violation. */
export interface Unevaluated {
  rule: string;
  reason: string;
}

export interface Comparison {
  apiVersion: 'edge-profile/v1';
  kind: 'Comparison';
  before: ComparedSide;
  after: ComparedSide;
  /** Differences in scope or source between the sides, stated at the top of every output. */
  scope: string[];
  totals: {
    declared: DeltaRequestsLimits;
    steadyState: DeltaRequestsLimits;
    observed: { pods: DeltaR; nodes: DeltaR };
  };
  /** Host figures (latest/maximum readings of `free` / `top` / /proc), null-aware. */
  host: {
    /** Largest `used` reading of the window. */
    memoryUsedMaxBytes: Delta;
    /** Largest CPU busy % of the window (a float, rounded to 0.1). */
    cpuBusyMaxPercent: Delta;
    /** Node usage minus pod usage: what runs outside pods. */
    outsidePods: DeltaR;
  };
  fit: FitChange;
  recommendation: {
    node: DeltaR;
    /** Fractions are not summed, so this delta is a float rounded to 4 decimals. */
    reductionFactor: Delta;
    bottleneck: { before: string | null; after: string | null };
  };
  summary: ComparisonSummary;
  /** Sorted by namespace then name; unchanged components only with --all. */
  components: ComponentChange[];
  violations: Violation[];
  unevaluated: Unevaluated[];
}
