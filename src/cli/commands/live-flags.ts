// The live-collection flags, shared by `snapshot` (without --from) and `compare` (CURRENT omitted):
// their yargs definitions, their parsing into LiveOptions, and the collection with progress and Ctrl-C.
import type { Argv } from 'yargs';
import type { CliIO } from '../io.js';
import { UsageError } from '../../errors.js';
import type { Snapshot } from '../../model/snapshot.js';
import type { LiveOptions } from '../../collect/live.js';
import { parseDuration } from '../duration.js';
import { createProgress } from '../progress.js';
import { onInterrupt } from '../interrupt.js';

const LIVE_ONLY = ['kubeconfig', 'context', 'namespace', 'all-namespaces', 'samples', 'interval', 'duration', 'host', 'page-limit', 'request-timeout'] as const;

/** Adds the live flags; `prefix` starts each description ("Live:"), `namespaceDefault` says what no -n means. */
export function liveFlags(y: Argv, prefix: string, namespaceDefault: string): Argv {
  return y
    .option('kubeconfig', { type: 'string', requiresArg: true, describe: `${prefix} kubeconfig file`, defaultDescription: '$KUBECONFIG or ~/.kube/config' })
    .option('context', { type: 'string', requiresArg: true, describe: `${prefix} kubeconfig context`, defaultDescription: 'current context' })
    .option('namespace', { alias: 'n', type: 'string', array: true, requiresArg: true, describe: `${prefix} namespace to read (repeatable)`, defaultDescription: namespaceDefault })
    .option('all-namespaces', { alias: 'A', type: 'boolean', describe: `${prefix} read every namespace (what sizing a node needs)` })
    .option('samples', { type: 'number', requiresArg: true, describe: `${prefix} usage readings to take`, defaultDescription: '1' })
    .option('interval', { type: 'string', requiresArg: true, describe: `${prefix} time between readings (500ms, 5s, 1m)`, defaultDescription: '5s' })
    .option('duration', { type: 'string', requiresArg: true, describe: `${prefix} sample for this long instead of --samples (readings = duration/interval + 1)` })
    .option('host', { type: 'boolean', describe: `${prefix} read this machine's /proc (memory, CPU, processes); --no-host skips it`, defaultDescription: 'true' })
    .option('page-limit', { type: 'number', requiresArg: true, describe: `${prefix} items per list request`, defaultDescription: '500' })
    .option('request-timeout', { type: 'string', requiresArg: true, describe: `${prefix} timeout of each API request`, defaultDescription: '30s' });
}

function given(argv: Record<string, unknown>, key: string): boolean {
  return argv[key] !== undefined;
}

/** The live flags given, as typed ("--no-host" for --host false), e.g. to refuse them with files. */
export function liveFlagsGiven(argv: Record<string, unknown>): string[] {
  return LIVE_ONLY.filter((k) => given(argv, k)).map((k) => (k === 'host' ? '--no-host' : `--${k}`));
}

function positiveInt(value: unknown, flag: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw new UsageError(`${flag} must be a whole number of at least 1, got ${JSON.stringify(String(value))}`);
  }
  return value;
}

/** Live options from the flags, defaults applied. */
export function liveOptions(argv: Record<string, unknown>): LiveOptions {
  if (argv['all-namespaces'] && given(argv, 'namespace')) throw new UsageError('use -n NS or -A, not both');
  if (given(argv, 'samples') && given(argv, 'duration')) throw new UsageError('use --samples or --duration, not both');
  const intervalMs = given(argv, 'interval') ? parseDuration(String(argv['interval']), '--interval') : 5000;
  if (intervalMs <= 0) throw new UsageError('--interval must be longer than 0');
  let samples = given(argv, 'samples') ? positiveInt(argv['samples'], '--samples') : 1;
  if (given(argv, 'duration')) samples = Math.floor(parseDuration(String(argv['duration']), '--duration') / intervalMs) + 1;
  const requestTimeoutMs = given(argv, 'request-timeout') ? parseDuration(String(argv['request-timeout']), '--request-timeout') : 30_000;
  if (requestTimeoutMs <= 0) throw new UsageError('--request-timeout must be longer than 0');
  return {
    kubeconfig: given(argv, 'kubeconfig') ? String(argv['kubeconfig']) : null,
    context: given(argv, 'context') ? String(argv['context']) : null,
    namespaces: argv['all-namespaces'] ? null : ((argv['namespace'] as string[] | undefined) ?? []),
    samples,
    intervalMs,
    host: argv['host'] !== false,
    pageLimit: given(argv, 'page-limit') ? positiveInt(argv['page-limit'], '--page-limit') : 500,
    requestTimeoutMs,
  };
}

/** Collects a live snapshot with a progress bar on stderr; Ctrl-C keeps the samples taken. */
export async function collectLive(opts: LiveOptions, io: CliIO): Promise<Snapshot> {
  const { collectLiveSnapshot } = await import('../../collect/live.js');
  const interrupts = onInterrupt(io.err);
  try {
    return await collectLiveSnapshot(opts, {
      progress: createProgress({ write: io.err, isTTY: io.stderrIsTTY, columns: process.stderr.columns }),
      signal: interrupts.signal,
      env: io.env,
      now: () => new Date(),
    });
  } finally {
    interrupts.dispose();
  }
}
