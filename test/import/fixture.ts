import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Pod, R } from '../../src/model/snapshot.js';

const ROOT = fileURLToPath(new URL('../fixtures/', import.meta.url));

export function fixture(path: string): string {
  return readFileSync(ROOT + path, 'utf8');
}

export function fixtureJson<T = unknown>(path: string): T {
  return JSON.parse(fixture(path)) as T;
}

/** Sum of the set values of one field over every container; null when none is set. */
export function sumContainers(pods: Pod[], kind: 'requests' | 'limits', field: keyof R): number | null {
  let total: number | null = null;
  for (const p of pods) {
    for (const c of p.containers) {
      const v = c[kind][field];
      if (v !== null) total = (total ?? 0) + v;
    }
  }
  return total;
}
