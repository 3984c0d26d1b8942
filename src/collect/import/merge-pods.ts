// Field-by-field merging of two views of the same pod or container. PURE.
// `a` wins a conflict (the caller puts the view it trusts first); every conflict is noted.
import type { Container, Note, Pod, R } from '../../model/snapshot.js';
import { note, podKey } from '../../model/snapshot.js';

export interface Conflicts {
  notes: Note[];
  /** code and level of the note a conflict produces */
  code: string;
  level: 'info' | 'warn';
  /** how the losing side is named in the message, e.g. "the manifest" */
  otherLabel: string;
  source: string | null;
}

const PLACEHOLDER = /^#(\d+)$/;

export function isPlaceholder(name: string): boolean {
  return PLACEHOLDER.test(name);
}

function conflict(c: Conflicts, what: string, kept: unknown, other: unknown): void {
  c.notes.push(
    note(c.code, c.level, `${what}: kept ${JSON.stringify(kept)}, ${c.otherLabel} says ${JSON.stringify(other)}`, c.source),
  );
}

function pick<T>(a: T | null, b: T | null, what: string, c: Conflicts, same: (x: T, y: T) => boolean = Object.is): T | null {
  if (a === null || a === undefined) return b ?? null;
  if (b === null || b === undefined) return a;
  if (!same(a, b)) conflict(c, what, a, b);
  return a;
}

export function mergeR(a: R | null, b: R | null, what: string, c: Conflicts): R | null {
  if (a === null) return b === null ? null : { ...b };
  if (b === null) return { ...a };
  return {
    cpuMillicores: pick(a.cpuMillicores, b.cpuMillicores, `${what} CPU (millicores)`, c),
    memoryBytes: pick(a.memoryBytes, b.memoryBytes, `${what} memory (bytes)`, c),
  };
}

function mergeContainer(a: Container, b: Container, name: string, where: string, c: Conflicts): Container {
  let type = a.type;
  if (a.type !== b.type) {
    // Only spec-bearing sources know init containers and sidecars; "app" is every importer's default.
    if (a.type === 'app') type = b.type;
    else if (b.type !== 'app') conflict(c, `${where} container ${name} type`, a.type, b.type);
  }
  const w = `${where} container ${name}`;
  return {
    ...b,
    ...a,
    name,
    type,
    requests: mergeR(a.requests, b.requests, `${w} request`, c)!,
    limits: mergeR(a.limits, b.limits, `${w} limit`, c)!,
    usage: mergeR(a.usage, b.usage, `${w} usage`, c),
  };
}

function nthApp(list: Container[], n: number): number {
  let seen = 0;
  for (let i = 0; i < list.length; i++) {
    if (list[i]!.type === 'app' && ++seen === n) return i;
  }
  return -1;
}

/**
 * Containers matched by name; a placeholder "#k" (custom-columns without container names) is the
 * k-th app container, matched by position to a named one (the named one keeps its name).
 */
export function mergeContainers(a: Container[], b: Container[], where: string, c: Conflicts): Container[] {
  const res = a.map((x) => ({ ...x }));
  let appPos = 0;
  for (const bc of b) {
    if (bc.type === 'app') appPos++;
    let i = res.findIndex((x) => x.name === bc.name);
    let name = bc.name;
    if (i < 0) {
      const m = PLACEHOLDER.exec(bc.name);
      if (m) {
        i = nthApp(res, Number(m[1]));
        if (i >= 0) name = res[i]!.name;
      } else if (bc.type === 'app') {
        const j = nthApp(res, appPos);
        if (j >= 0 && isPlaceholder(res[j]!.name)) i = j;
      }
    } else name = res[i]!.name;
    if (i < 0) res.push({ ...bc });
    else res[i] = mergeContainer(res[i]!, bc, name, where, c);
  }
  return res;
}

export function mergePod(a: Pod, b: Pod, c: Conflicts): Pod {
  const where = podKey(a);
  const merged: Pod = {
    ...b,
    ...a,
    phase: pick(a.phase, b.phase, `${where} phase`, c),
    nodeName: pick(a.nodeName, b.nodeName, `${where} node`, c),
    owner: mergeOwner(a, b, where, c),
    containers: mergeContainers(a.containers, b.containers, where, c),
    usage: mergeR(a.usage, b.usage, `${where} usage`, c),
  };
  const overhead = mergeR(a.overhead ?? null, b.overhead ?? null, `${where} overhead`, c);
  if (overhead !== null || 'overhead' in a || 'overhead' in b) merged.overhead = overhead;
  const origin = a.origin === 'live' || b.origin === 'live' ? 'live' : (a.origin ?? b.origin);
  if (origin !== undefined) merged.origin = origin;
  if (merged.owner === a.owner) setInferred(merged, a.ownerInferred);
  else setInferred(merged, b.ownerInferred);
  return merged;
}

function setInferred(p: Pod, v: boolean | undefined): void {
  if (v) p.ownerInferred = true;
  else delete p.ownerInferred;
}

function mergeOwner(a: Pod, b: Pod, where: string, c: Conflicts): Pod['owner'] {
  if (a.owner === null) return b.owner;
  if (b.owner === null) return a.owner;
  // An owner read from ownerReferences or a manifest beats one guessed from the pod name.
  if (a.ownerInferred && !b.ownerInferred) return b.owner;
  if (b.ownerInferred && !a.ownerInferred) return a.owner;
  if (a.owner.kind !== b.owner.kind || a.owner.name !== b.owner.name) {
    conflict(c, `${where} owner`, `${a.owner.kind}/${a.owner.name}`, `${b.owner.kind}/${b.owner.name}`);
  }
  return a.owner;
}
