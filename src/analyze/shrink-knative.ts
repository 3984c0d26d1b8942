// Knative Serving's queue-proxy sidecar is not in any Deployment: the controller injects it into
// every Knative Service pod, sized by four keys of the config-deployment ConfigMap. PURE.
import { DeclaredValueError, type DeclaredValue, type ObjectRef, type Section } from './shrink.js';
import { amountOf, formatStyled, parseStyled, roundUp, scaleNanos, type Rational, type ResourceName } from './shrink-units.js';

export const QUEUE_KEYS = [
  'queue-sidecar-cpu-request',
  'queue-sidecar-memory-request',
  'queue-sidecar-cpu-limit',
  'queue-sidecar-memory-limit',
] as const;
export type QueueKey = (typeof QUEUE_KEYS)[number];

export const QUEUE_KEY_INFO: Record<QueueKey, { resource: ResourceName; section: Section }> = {
  'queue-sidecar-cpu-request': { resource: 'cpu', section: 'requests' },
  'queue-sidecar-memory-request': { resource: 'memory', section: 'requests' },
  'queue-sidecar-cpu-limit': { resource: 'cpu', section: 'limits' },
  'queue-sidecar-memory-limit': { resource: 'memory', section: 'limits' },
};

/**
 * Knative's defaults for absent keys (pkg/deployment/config.go, as documented in config-deployment's
 * _example): the CPU request always applies; the other three only when config-features has
 * `queueproxy.resource-defaults: enabled`.
 */
export const QUEUE_DEFAULTS: Record<QueueKey, { value: string; always: boolean }> = {
  'queue-sidecar-cpu-request': { value: '25m', always: true },
  'queue-sidecar-cpu-limit': { value: '1000m', always: false },
  'queue-sidecar-memory-request': { value: '400Mi', always: false },
  'queue-sidecar-memory-limit': { value: '800Mi', always: false },
};

export interface KnativeConfigTarget {
  object: ObjectRef;
  /** Path from the document root to the ConfigMap's data map. */
  dataPath: YamlPath;
  keys: Record<QueueKey, DeclaredValue | null>;
  /** config-features in the same input sets queueproxy.resource-defaults to enabled. */
  resourceDefaultsEnabled: boolean;
}
type YamlPath = Array<string | number>;

export interface ConfigChange {
  object: ObjectRef;
  key: QueueKey;
  resource: ResourceName;
  section: Section;
  path: YamlPath;
  /** The value as set, or null when the key is absent (then `defaultBefore` says what Knative uses). */
  before: string | null;
  defaultBefore: string | null;
  after: string;
  beforeAmount: number;
  afterAmount: number;
  /** true: the key is absent and is added. */
  added: boolean;
}

/** Scales the queue-proxy keys that are set, and sets the defaults that apply when absent. */
export function planKnativeConfig(target: KnativeConfigTarget, factor: Rational): { changes: ConfigChange[]; unset: QueueKey[] } {
  const changes: ConfigChange[] = [];
  const unset: QueueKey[] = [];
  for (const key of QUEUE_KEYS) {
    const { resource, section } = QUEUE_KEY_INFO[key];
    const declared = target.keys[key];
    const def = QUEUE_DEFAULTS[key];
    let text: string;
    if (declared) text = String(declared.raw);
    else if (def.always || target.resourceDefaultsEnabled) text = def.value;
    else {
      unset.push(key);
      continue;
    }
    let q;
    try {
      q = parseStyled(resource, text);
    } catch (err) {
      throw new DeclaredValueError(declared?.where ?? target.object.file, `${(err as Error).message} in ${key}`);
    }
    if (q.nanos <= 0n) continue;
    const scaled = roundUp(scaleNanos(q.nanos, factor), q.style);
    const afterNanos = scaled < q.nanos ? scaled : q.nanos;
    changes.push({
      object: target.object,
      key,
      resource,
      section,
      path: [...target.dataPath, key],
      before: declared ? text : null,
      defaultBefore: declared ? null : text,
      after: formatStyled(afterNanos, q.style, q.suffix),
      beforeAmount: amountOf(resource, q.nanos),
      afterAmount: amountOf(resource, afterNanos),
      added: !declared,
    });
  }
  return { changes, unset };
}

/** What the summary says about queue-proxy, whether or not its keys were scaled. */
export function knativeExplanation(included: boolean, unset: QueueKey[], resourceDefaultsEnabled: boolean): string[] {
  const lines = [
    'queue-proxy is the sidecar Knative Serving injects into every pod of every Knative Service; it is sized ' +
      'by the queue-sidecar-cpu-request, queue-sidecar-memory-request, queue-sidecar-cpu-limit and ' +
      'queue-sidecar-memory-limit keys of the config-deployment ConfigMap (knative-serving), not by any manifest ' +
      'of yours. Its default is a 25m CPU request and nothing else' +
      (resourceDefaultsEnabled
        ? '; with queueproxy.resource-defaults enabled (as config-features here sets) also 1000m / 400Mi / 800Mi.'
        : ' (1000m CPU limit, 400Mi / 800Mi memory only when config-features sets queueproxy.resource-defaults: enabled).'),
  ];
  if (included) {
    lines.push('--include-config: those keys are written as real data keys (not inside _example); pods created after the change get the new size.');
    for (const key of unset) lines.push(`${key} is not set and has no default here: queue-proxy gets none, left unset.`);
  } else {
    lines.push('queue-proxy is NOT scaled: add --include-config to set these keys in config-deployment at the same factor.');
  }
  return lines;
}
