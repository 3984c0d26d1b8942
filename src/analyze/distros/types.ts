import type { ContainerType, R } from '../../model/snapshot.js';

export interface CatalogPod {
  namespace: string;
  /** Workload name; snapshot pods "<workload>" or "<workload>-<suffix>" in the namespace match it. */
  workload: string;
  kind: 'Deployment' | 'DaemonSet';
  containers: Array<{ name: string; type: ContainerType; requests: R; limits: R }>;
}

export interface DistroEntry {
  name: string;
  title: string;
  pods: CatalogPod[];
  /** What the distribution's host processes (control plane, kubelet, runtime) use outside pods. */
  host: {
    memoryBytes: number | null;
    cpuMillicores: number | null;
    basis: string;
    processes: Array<{ command: string; residentBytes: number }>;
  };
  /** The bare OS the host figures were measured on top of, when the source measured it. */
  os: { memoryBytes: number | null; basis: string } | null;
  sources: string[];
}

export const MI = 2 ** 20;
export const KI = 2 ** 10;
export const r = (cpuMillicores: number | null, memoryBytes: number | null): R => ({ cpuMillicores, memoryBytes });
export const NONE: R = { cpuMillicores: null, memoryBytes: null };
