// Hand-written validator for Snapshot v1, kept in step with schema.json (a test checks both
// accept and reject the same documents). No ajv at runtime: start-up stays cheap.

// Paths are formatted only when a check fails: building one string per value cost seconds on
// 50k pods. A Path is the chain of keys from the root, walked on failure.
interface Path {
  up: Path | null;
  key: string | number;
  /** a map key, shown as ["key"] */
  quoted?: boolean;
}
type Check = (v: unknown, path: Path | null, errs: string[]) => void;

function pathText(p: Path | null): string {
  let s = '';
  for (let at = p; at !== null; at = at.up) {
    s = (typeof at.key === 'number' ? `[${at.key}]` : at.quoted ? `[${JSON.stringify(at.key)}]` : `.${at.key}`) + s;
  }
  return s;
}

const TIMESTAMP = /^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})$/;

/** How a value is shown in an error: strings quoted, objects by kind, long text cut. */
export function describeValue(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (Array.isArray(v)) return 'an array';
  if (v !== null && typeof v === 'object') return 'an object';
  const s = JSON.stringify(v);
  return s.length > 40 ? s.slice(0, 37) + '…"' : s;
}

function fail(errs: string[], path: Path | null, what: string, v: unknown): void {
  errs.push(`${pathText(path)} must be ${what}, got ${describeValue(v)}`);
}

// Each rule has two forms: `ok`, a yes/no answer that allocates nothing (run on every document),
// and `check`, which collects every message with its path (run only when `ok` said no). Both are
// built by the same combinators below so they cannot drift apart.
interface Rule {
  ok: (v: unknown) => boolean;
  check: Check;
}
const leaf = (ok: (v: unknown) => boolean, what: string): Rule => ({
  ok,
  check: (v, p, e) => { if (!ok(v)) fail(e, p, what, v); },
});
const isCount = (v: unknown): boolean => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const isFiniteNumber = (v: unknown): boolean => typeof v === 'number' && Number.isFinite(v);

const str = leaf((v) => typeof v === 'string', 'a string');
const strOrNull = leaf((v) => v === null || typeof v === 'string', 'a string or null');
const bool = leaf((v) => typeof v === 'boolean', 'true or false');
const count = leaf(isCount, 'a non-negative integer');
const countOrNull = leaf((v) => v === null || isCount(v), 'an integer or null');
const numOrNull = leaf((v) => v === null || isFiniteNumber(v), 'a number or null');
const num = leaf(isFiniteNumber, 'a number');
const timestamp = leaf(
  (v) => typeof v === 'string' && TIMESTAMP.test(v),
  'an ISO-8601 date-time such as "2026-03-18T07:24:18Z"',
);
const oneOfValues = (values: readonly string[]): Rule =>
  leaf((v) => typeof v === 'string' && values.includes(v), `one of ${values.map((x) => `"${x}"`).join(', ')}`);
const orNull = (r: Rule): Rule => ({
  ok: (v) => v === null || r.ok(v),
  check: (v, p, e) => { if (v !== null) r.check(v, p, e); },
});

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** An object with required and optional fields; other fields are allowed (extensions). */
const obj = (required: Record<string, Rule>, optional: Record<string, Rule> = {}): Rule => {
  const reqKeys = Object.keys(required);
  const reqRules = reqKeys.map((k) => required[k]!);
  const optKeys = Object.keys(optional);
  const optRules = optKeys.map((k) => optional[k]!);
  return {
    ok: (v) => {
      if (!isObject(v)) return false;
      for (let i = 0; i < reqKeys.length; i++) {
        const k = reqKeys[i]!;
        if (!(k in v) || !reqRules[i]!.ok(v[k])) return false;
      }
      for (let i = 0; i < optKeys.length; i++) {
        const k = optKeys[i]!;
        if (k in v && !optRules[i]!.ok(v[k])) return false;
      }
      return true;
    },
    check: (v, p, e) => {
      if (!isObject(v)) return fail(e, p, 'an object', v);
      for (let i = 0; i < reqKeys.length; i++) {
        const k = reqKeys[i]!;
        if (!(k in v)) e.push(`${pathText({ up: p, key: k })} is missing`);
        else reqRules[i]!.check(v[k], { up: p, key: k }, e);
      }
      for (let i = 0; i < optKeys.length; i++) {
        const k = optKeys[i]!;
        if (k in v) optRules[i]!.check(v[k], { up: p, key: k }, e);
      }
    },
  };
};
const arr = (item: Rule): Rule => ({
  ok: (v) => {
    if (!Array.isArray(v)) return false;
    for (let i = 0; i < v.length; i++) if (!item.ok(v[i])) return false;
    return true;
  },
  check: (v, p, e) => {
    if (!Array.isArray(v)) return fail(e, p, 'an array', v);
    for (let i = 0; i < v.length; i++) item.check(v[i], { up: p, key: i }, e);
  },
});
const map = (value: Rule): Rule => ({
  ok: (v) => {
    if (!isObject(v)) return false;
    for (const k in v) if (Object.hasOwn(v, k) && !value.ok(v[k])) return false;
    return true;
  },
  check: (v, p, e) => {
    if (!isObject(v)) return fail(e, p, 'an object', v);
    for (const k of Object.keys(v)) value.check(v[k], { up: p, key: k, quoted: true }, e);
  },
});
const tuple3 = (item: Rule): Rule => ({
  ok: (v) => Array.isArray(v) && v.length === 3 && item.ok(v[0]) && item.ok(v[1]) && item.ok(v[2]),
  check: (v, p, e) => {
    if (!Array.isArray(v) || v.length !== 3) return fail(e, p, 'an array of 3 numbers or null', v);
    for (let i = 0; i < v.length; i++) item.check(v[i], { up: p, key: i }, e);
  },
});

// Requests, limits and usage: three per container on every document, so a direct test.
const RObj = obj({ cpuMillicores: countOrNull, memoryBytes: countOrNull });
const isRField = (v: unknown): boolean => v === null || (typeof v === 'number' && Number.isInteger(v) && v >= 0);
const R: Rule = {
  ok: (v) => isObject(v) && 'cpuMillicores' in v && 'memoryBytes' in v && isRField(v['cpuMillicores']) && isRField(v['memoryBytes']),
  check: RObj.check,
};
const ROrNull = orNull(R);

const hostMemory = obj(Object.fromEntries(
  ['totalBytes', 'usedBytes', 'freeBytes', 'sharedBytes', 'buffCacheBytes', 'availableBytes',
   'swapTotalBytes', 'swapUsedBytes', 'swapFreeBytes'].map((k) => [k, countOrNull]),
));
const host = obj({
  memory: hostMemory,
  cpu: obj({ cores: countOrNull, loadAverage: orNull(tuple3(num)), busyPercent: numOrNull }),
  processes: arr(obj({ pid: count, user: strOrNull, command: str, residentBytes: countOrNull, cpuPercent: numOrNull })),
});

const container = obj({
  name: str,
  type: oneOfValues(['app', 'init', 'sidecar']),
  requests: R,
  limits: R,
  usage: ROrNull,
});

const pod = obj(
  {
    namespace: str,
    name: str,
    phase: strOrNull,
    nodeName: strOrNull,
    owner: orNull(obj({ kind: str, name: str })),
    containers: arr(container),
    usage: ROrNull,
  },
  { overhead: ROrNull, origin: oneOfValues(['live', 'capture', 'manifest']), ownerInferred: bool, aliases: arr(str) },
);

const node = obj({ name: str, capacity: ROrNull, allocatable: ROrNull, usage: ROrNull });
const noteCheck = obj({ code: str, level: oneOfValues(['info', 'warn', 'error']), message: str, source: strOrNull });

const source = obj(
  { type: oneOfValues(['live', 'import']) },
  {
    context: strOrNull,
    server: strOrNull,
    serverVersion: strOrNull,
    namespaces: orNull(arr(str)),
    files: arr(obj({ path: str, kind: str })),
  },
);

const sample = obj({
  takenAt: orNull(timestamp),
  host: orNull(host),
  nodes: map(R),
  pods: map(obj({ usage: ROrNull, containers: map(R) })),
});

const snapshotBody = obj(
  {
    takenAt: timestamp,
    source,
    pods: arr(pod),
    nodes: arr(node),
    host: orNull(host),
    notes: arr(noteCheck),
  },
  { samples: arr(sample) },
);

/**
 * Checks the shape of a v1 snapshot (apiVersion and kind already checked). Returns one message
 * per violation, each naming the JSON path ("pods[3].containers[0].requests.cpuMillicores must be
 * an integer or null, got \"100m\""); empty when the document is valid.
 */
export function snapshotShapeErrors(doc: Record<string, unknown>): string[] {
  const errs: string[] = [];
  if (snapshotBody.ok(doc)) return errs;
  snapshotBody.check(doc, null, errs);
  // Paths were built as ".pods[3]…"; drop the leading dot.
  return errs.map((m) => (m.startsWith('.') ? m.slice(1) : m));
}
