// Host readings: free and top readings of one folder merged field by field. PURE.
import type { Host, HostMemory } from '../../model/snapshot.js';

/** A reading with no CPU figures and no processes: what `free` gives. */
export function isMemoryOnly(h: Host): boolean {
  return h.processes.length === 0 && h.cpu.cores === null && h.cpu.loadAverage === null && h.cpu.busyPercent === null;
}

function mergeMemory(first: HostMemory, second: HostMemory): HostMemory {
  const out = { ...second };
  for (const k of Object.keys(first) as Array<keyof HostMemory>) {
    if (first[k] !== null) out[k] = first[k];
  }
  return out;
}

/** `free`'s memory (whole units, or exact bytes) wins over top's one-decimal header; CPU and processes from top. */
export function mergeFreeIntoTop(free: Host, top: Host): Host {
  return {
    memory: mergeMemory(free.memory, top.memory),
    cpu: { ...top.cpu },
    processes: top.processes.map((p) => ({ ...p })),
  };
}

/**
 * The readings of one folder, in file order then reading order. Memory-only readings (free) and
 * the others (top) are paired by position — the i-th free with the i-th top — into one reading;
 * unpaired readings stay as they are. Readings of one kind only are returned unchanged.
 */
export function combineFolderReadings(readings: Host[]): Host[] {
  const free = readings.filter(isMemoryOnly);
  const top = readings.filter((h) => !isMemoryOnly(h));
  if (free.length === 0 || top.length === 0) return readings;
  const out: Host[] = [];
  const n = Math.max(free.length, top.length);
  for (let i = 0; i < n; i++) {
    const f = free[i];
    const t = top[i];
    if (f && t) out.push(mergeFreeIntoTop(f, t));
    else out.push((f ?? t)!);
  }
  return out;
}
