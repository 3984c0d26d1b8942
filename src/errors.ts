// Typed errors and the exit codes they map to. Only the CLI layer turns these into exits.

export const EXIT = {
  ok: 0,
  /** a threshold the user set was crossed (compare --fail-on, report --require-fit) */
  threshold: 1,
  usage: 2,
  /** cluster/API unreachable or refused */
  cluster: 3,
  /** bad input: file unreadable, malformed, unknown schema version */
  input: 4,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** Wrong flags or arguments (exit 2). */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** A file or value the user gave cannot be read or understood (exit 4). `where` is "file:line" or "file". */
export class InputError extends Error {
  override name = 'InputError';
  constructor(
    message: string,
    readonly where: string | null = null,
  ) {
    super(where ? `${where}: ${message}` : message);
  }
}

/** The cluster or its API could not be reached or refused us (exit 3). */
export class ClusterError extends Error {
  override name = 'ClusterError';
}

export function exitCodeFor(err: unknown): ExitCode | null {
  if (err instanceof UsageError) return EXIT.usage;
  if (err instanceof InputError) return EXIT.input;
  if (err instanceof ClusterError) return EXIT.cluster;
  return null;
}
