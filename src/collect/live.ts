// Live collection entry point (issue 4). The snapshot command loads this module dynamically so
// that @kubernetes/client-node is only imported by commands that talk to a cluster.
import type { Snapshot } from '../model/snapshot.js';
import { ClusterError } from '../errors.js';

export interface LiveOptions {
  kubeconfig: string | null;
  context: string | null;
  /** null = all namespaces (-A); otherwise the -n values, or the context's namespace */
  namespaces: string[] | null;
  samples: number;
  intervalMs: number;
  /** read /proc of this machine (unless --no-host) */
  host: boolean;
  pageLimit: number;
  requestTimeoutMs: number;
}

export interface Progress {
  /** A phase with a known number of steps (e.g. samples). */
  start(label: string, total: number): void;
  tick(detail?: string): void;
  done(): void;
}

export interface LiveEnv {
  progress: Progress;
  /** Aborted on Ctrl-C: stop sampling and return what has been taken. */
  signal: AbortSignal;
  env: NodeJS.ProcessEnv;
  now: () => Date;
}

export async function collectLiveSnapshot(_opts: LiveOptions, _env: LiveEnv): Promise<Snapshot> {
  // Replaced by the live collector (issue 4).
  throw new ClusterError('live collection is not available in this build');
}
