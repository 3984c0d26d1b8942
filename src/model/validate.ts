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
const str: Check = (v, p, e) => { if (typeof v !== 'string') fail(e, p, 'a string', v); };
const strOrNull: Check = (v, p, e) => { if (v !== null && typeof v !== 'string') fail(e, p, 'a string or null', v); };
const bool: Check = (v, p, e) => { if (typeof v !== 'boolean') fail(e, p, 'true or false', v); };
const count: Check = (v, p, e) => {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) fail(e, p, 'a non-negative integer', v);
};
const countOrNull: Check = (v, p, e) => {
  if (v !== null && (typeof v !== 'number' || !Number.isInteger(v) || v < 0)) fail(e, p, 'an integer or null', v);
};
const numOrNull: Check = (v, p, e) => {
  if (v !== null && (typeof v !== 'number' || !Number.isFinite(v))) fail(e, p, 'a number or null', v);
};
const timestamp: Check = (v, p, e) => {
  if (typeof v !== 'string' || !TIMESTAMP.test(v)) fail(e, p, 'an ISO-8601 date-time such as "2026-03-18T07:24:18Z"', v);
};
const oneOfValues = (values: readonly string[]): Check => (v, p, e) => {
  if (typeof v !== 'string' || !values.includes(v)) fail(e, p, `one of ${values.map((x) => `"${x}"`).join(', ')}`, v);
};
const orNull = (c: Check): Check => (v, p, e) => { if (v !== null) c(v, p, e); };

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** An object with required and optional fields; other fields are allowed (extensions). */
const obj = (required: Record<string, Check>, optional: Record<string, Check> = {}): Check => {
  const req = Object.entries(required);
  const opt = Object.entries(optional);
  return (v, p, e) => {
  if (!isObject(v)) return fail(e, p, 'an object', v);
  for (const [k, c] of req) {
    if (!(k in v)) e.push(`${pathText({ up: p, key: k })} is missing`);
    else c(v[k], { up: p, key: k }, e);
  }
  for (const [k, c] of opt) if (k in v) c(v[k], { up: p, key: k }, e);
  };
};
const arr = (item: Check): Check => (v, p, e) => {
  if (!Array.isArray(v)) return fail(e, p, 'an array', v);
  for (let i = 0; i < v.length; i++) item(v[i], { up: p, key: i }, e);
};
const map = (value: Check): Check => (v, p, e) => {
  if (!isObject(v)) return fail(e, p, 'an object', v);
  for (const k of Object.keys(v)) value(v[k], { up: p, key: k, quoted: true }, e);
};
const tuple3 = (item: Check): Check => (v, p, e) => {
  if (!Array.isArray(v) || v.length !== 3) return fail(e, p, 'an array of 3 numbers or null', v);
  for (let i = 0; i < v.length; i++) item(v[i], { up: p, key: i }, e);
};
const num: Check = (v, p, e) => { if (typeof v !== 'number' || !Number.isFinite(v)) fail(e, p, 'a number', v); };

const R = obj({ cpuMillicores: countOrNull, memoryBytes: countOrNull });
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
  snapshotBody(doc, null, errs);
  // Paths were built as ".pods[3]…"; drop the leading dot.
  return errs.map((m) => (m.startsWith('.') ? m.slice(1) : m));
}
