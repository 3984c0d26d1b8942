// A Node object (`kubectl get nodes -o json|yaml`) → a snapshot Node: name, and cpu/memory of
// status.capacity and status.allocatable. Pure. Shared quantity reading with describe-node.ts.
import { InputError } from '../../errors.js';
import type { Node, R } from '../../model/snapshot.js';
import { QuantityError, QuantityRangeError, parseCpuMillicores, parseMemoryBytes } from '../../quantity.js';
import { isRecord, type Locator } from './yaml-objects.js';

/**
 * One cpu or memory quantity of a node, as apimachinery reads it (cpu → MilliValue, memory →
 * Value, both rounded up). A malformed, out-of-range or negative one is an InputError at `at`.
 * @param what "node node-01 allocatable.memory"
 */
export function nodeQuantity(text: string, resource: 'cpu' | 'memory', what: string, at: string): number {
  let amount: number;
  try {
    amount = resource === 'cpu' ? parseCpuMillicores(text) : parseMemoryBytes(text);
  } catch (e) {
    if (e instanceof QuantityRangeError) throw new InputError(`quantity "${text}" of ${what} is out of range: ${e.reason}`, at);
    if (e instanceof QuantityError) throw new InputError(`malformed quantity "${text}" in ${what} (${e.reason})`, at);
    throw e;
  }
  if (amount < 0) throw new InputError(`negative quantity "${text}" in ${what}`, at);
  return amount;
}

/** The quantity as the API would read it: a string, or an unquoted number printed shortest-exact. */
function quantityText(raw: unknown): string | null {
  if (typeof raw === 'string') return raw;
  if (typeof raw === 'number' && Number.isFinite(raw)) return String(raw);
  return null;
}

function resourceList(list: unknown, field: 'capacity' | 'allocatable', name: string, loc: Locator): R | null {
  if (list === undefined || list === null) return null;
  const path = ['status', field];
  if (!isRecord(list)) throw new InputError(`node ${name} status.${field} is not a map of quantities`, loc.at(path));
  const r: R = { cpuMillicores: null, memoryBytes: null };
  for (const resource of ['cpu', 'memory'] as const) {
    const raw = list[resource];
    if (raw === undefined || raw === null) continue;
    const what = `node ${name} ${field}.${resource}`;
    const at = loc.at([...path, resource]);
    const text = quantityText(raw);
    if (text === null) throw new InputError(`expected a quantity in ${what}, found ${JSON.stringify(raw)}`, at);
    const amount = nodeQuantity(text, resource, what, at);
    if (resource === 'cpu') r.cpuMillicores = amount;
    else r.memoryBytes = amount;
  }
  return r;
}

/** A Node object → a Node (usage null: a Node object carries none). */
export function nodeFromObject(obj: Record<string, unknown>, loc: Locator): Node {
  const meta = obj['metadata'];
  const name = isRecord(meta) && typeof meta['name'] === 'string' ? meta['name'] : '';
  if (!name) throw new InputError('Node without metadata.name', loc.at(['metadata']));
  const status = obj['status'];
  if (status !== undefined && status !== null && !isRecord(status)) throw new InputError(`node ${name} status is not an object`, loc.at(['status']));
  return {
    name,
    capacity: resourceList(status?.['capacity'], 'capacity', name, loc),
    allocatable: resourceList(status?.['allocatable'], 'allocatable', name, loc),
    usage: null,
  };
}
