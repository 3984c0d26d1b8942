// Builders for snapshot objects in analysis tests: quantities as people write them.
import { parseCpuMillicores, parseMemoryBytes } from '../../src/quantity.js';
import type { Container, ContainerType, Pod, R, Snapshot } from '../../src/model/snapshot.js';

export function q(cpu?: string | null, memory?: string | null): R {
  return {
    cpuMillicores: cpu ? parseCpuMillicores(cpu) : null,
    memoryBytes: memory ? parseMemoryBytes(memory) : null,
  };
}

export function ctr(
  name: string,
  opts: { type?: ContainerType; req?: [string | null, string | null]; lim?: [string | null, string | null]; usage?: [string, string] | null } = {},
): Container {
  return {
    name,
    type: opts.type ?? 'app',
    requests: q(...(opts.req ?? [null, null])),
    limits: q(...(opts.lim ?? [null, null])),
    usage: opts.usage ? q(...opts.usage) : null,
  };
}

export function pod(
  namespace: string,
  name: string,
  containers: Container[],
  opts: { owner?: [string, string] | null; phase?: string | null; usage?: [string, string] | null; overhead?: R | null } = {},
): Pod {
  return {
    namespace,
    name,
    phase: opts.phase === undefined ? 'Running' : opts.phase,
    nodeName: null,
    owner: opts.owner ? { kind: opts.owner[0], name: opts.owner[1] } : null,
    containers,
    usage: opts.usage ? q(...opts.usage) : null,
    overhead: opts.overhead ?? null,
  };
}

export function snapshot(pods: Pod[], extra: Partial<Snapshot> = {}): Snapshot {
  return {
    apiVersion: 'edge-profile/v1',
    kind: 'Snapshot',
    takenAt: '2023-03-18T07:24:18Z',
    source: { type: 'import', files: [] },
    pods,
    nodes: [],
    host: null,
    notes: [],
    ...extra,
  };
}

/** One-container pod with requests/limits given as in a custom-columns row. */
export function simplePod(
  namespace: string,
  name: string,
  row: [string | null, string | null, string | null, string | null],
  opts: { owner?: [string, string] | null; usage?: [string, string] | null; phase?: string | null } = {},
): Pod {
  const [cpuReq, cpuLim, memReq, memLim] = row;
  return pod(namespace, name, [ctr(name.split('-')[0]!, { req: [cpuReq, memReq], lim: [cpuLim, memLim] })], opts);
}
