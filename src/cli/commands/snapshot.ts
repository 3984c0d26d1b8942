// `edge-profile snapshot`: one Snapshot v1 from captured text and manifests (--from), or from
// the live cluster. The JSON goes to stdout or --out; what each file was recognised as, warnings
// and progress go to stderr.
import { access } from 'node:fs/promises';
import type { Argv } from 'yargs';
import type { CommandSpec } from '../command.js';
import type { CliIO } from '../io.js';
import { EXIT, UsageError } from '../../errors.js';
import type { Note, Snapshot } from '../../model/snapshot.js';
import { writeFileAtomic } from '../../model/write.js';
import { jsonChunks } from '../../model/json-chunks.js';
import { snapshotShapeErrors } from '../../model/validate.js';
import { parseDuration } from '../duration.js';
import { createProgress } from '../progress.js';
import { onInterrupt } from '../interrupt.js';
import type { LiveOptions } from '../../collect/live.js';

const LIVE_ONLY = ['kubeconfig', 'context', 'namespace', 'all-namespaces', 'samples', 'interval', 'duration', 'host', 'page-limit', 'request-timeout'] as const;

const FORMATS = `Try it on the bundled sample (the Knative-on-k0s captures and the v1.8 release manifests):
  edge-profile snapshot --from samples/knative-k0s/3-knative --from samples/knative-k0s/manifests

Input formats recognised by content (--from): kubectl get pods as a table, with
-o custom-columns (request/limit columns in any order and spelling), -o json or -o yaml;
kubectl top pod [-A] [--containers]; kubectl top node; free (any unit flag,
-w, procps 3.3 and 4); top -b (one reading per iteration); terminal transcripts of those
commands (prompts and kubectl's E0318… noise are skipped); and manifests (multi-document YAML
or JSON Lists of Deployments, StatefulSets, DaemonSets, ReplicaSets, Jobs, CronJobs, Pods and
Knative Services). Folders are read recursively in name order; hidden files and
README/PROVENANCE .md files are skipped. The same pod seen in several files is one entry.

Exit codes: 0 written; 2 bad flags, or --out exists without --force; 3 cluster unreachable or
refused; 4 an input file is unreadable, unrecognised or malformed (the message names file and line).
Set SOURCE_DATE_EPOCH to fix takenAt (reproducible imports). See docs/snapshot.md.`;

function builder(y: Argv): Argv {
  return y
    .usage('$0 snapshot [--from PATH]... [--out FILE [--force]]\n\nTake a snapshot: pods with their requests, limits and usage, nodes, and the host\'s memory, CPU and processes — from captured text and manifests (--from) or from the live cluster of your kubeconfig.')
    .option('from', { type: 'string', array: true, requiresArg: true, describe: 'File or folder of captured kubectl/free/top output or manifests (repeatable)' })
    .option('out', { type: 'string', requiresArg: true, describe: 'Write the snapshot to FILE (atomically) instead of stdout' })
    .option('force', { type: 'boolean', describe: 'With --out: replace FILE if it exists' })
    .option('kubeconfig', { type: 'string', requiresArg: true, describe: 'Live: kubeconfig file', defaultDescription: '$KUBECONFIG or ~/.kube/config' })
    .option('context', { type: 'string', requiresArg: true, describe: 'Live: kubeconfig context', defaultDescription: 'current context' })
    .option('namespace', { alias: 'n', type: 'string', array: true, requiresArg: true, describe: 'Live: namespace to read (repeatable)', defaultDescription: "the context's namespace" })
    .option('all-namespaces', { alias: 'A', type: 'boolean', describe: 'Live: read every namespace (what sizing a node needs)' })
    .option('samples', { type: 'number', requiresArg: true, describe: 'Live: usage readings to take', defaultDescription: '1' })
    .option('interval', { type: 'string', requiresArg: true, describe: 'Live: time between readings (500ms, 5s, 1m)', defaultDescription: '5s' })
    .option('duration', { type: 'string', requiresArg: true, describe: 'Live: sample for this long instead of --samples (readings = duration/interval + 1)' })
    .option('host', { type: 'boolean', describe: "Live: read this machine's /proc (memory, CPU, processes); --no-host skips it", defaultDescription: 'true' })
    .option('page-limit', { type: 'number', requiresArg: true, describe: 'Live: items per list request', defaultDescription: '500' })
    .option('request-timeout', { type: 'string', requiresArg: true, describe: 'Live: timeout of each API request', defaultDescription: '30s' })
    .example('$0 snapshot --from dir/ --out s.json', 'Every capture under dir/ into s.json')
    .example('$0 snapshot --from x.txt --from y.yaml', 'A capture plus manifests; JSON on stdout')
    .example('$0 snapshot -A --samples 12', 'Live: all namespaces, 12 readings 5 s apart')
    .example('$0 snapshot -n web --duration 1m', 'Live: namespace web, readings for a minute')
    .strict()
    .epilog(FORMATS);
}

function given(argv: Record<string, unknown>, key: string): boolean {
  return argv[key] !== undefined;
}

function positiveInt(value: unknown, flag: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw new UsageError(`${flag} must be a whole number of at least 1, got ${JSON.stringify(String(value))}`);
  }
  return value;
}

/** Live options from the flags, defaults applied. Exported for tests. */
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

function takenAtFrom(env: NodeJS.ProcessEnv): string {
  const epoch = env['SOURCE_DATE_EPOCH'];
  if (epoch !== undefined && epoch !== '') {
    if (!/^\d+$/.test(epoch)) throw new UsageError(`SOURCE_DATE_EPOCH must be whole seconds since 1970, got "${epoch}"`);
    return new Date(Number(epoch) * 1000).toISOString();
  }
  return new Date().toISOString();
}

async function importSnapshot(paths: string[], io: CliIO): Promise<Snapshot> {
  const [{ readInputs }, { detectAndImport }, { mergeImports }, { defaultRegistry }] = await Promise.all([
    import('../../collect/read-inputs.js'),
    import('../../collect/import/detect.js'),
    import('../../collect/import/merge.js'),
    import('../../collect/import/registry.js'),
  ]);
  const texts = await readInputs(paths);
  const { inputs, summary } = detectAndImport(texts, defaultRegistry);
  for (const line of summary) io.err(line + '\n');
  return mergeImports(inputs, takenAtFrom(io.env));
}

async function liveSnapshot(argv: Record<string, unknown>, io: CliIO): Promise<Snapshot> {
  const opts = liveOptions(argv);
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

function warnLines(notes: Note[]): string {
  return notes
    .filter((n) => n.level !== 'info')
    .map((n) => `${n.level === 'error' ? 'error' : 'warning'}: ${n.source ? n.source + ': ' : ''}${n.message}\n`)
    .join('');
}

async function run(argv: Record<string, unknown>, io: CliIO): Promise<number> {
  const from = (argv['from'] as string[] | undefined) ?? [];
  const out = given(argv, 'out') ? String(argv['out']) : null;
  if (argv['force'] && out === null) throw new UsageError('--force only applies with --out FILE');
  if (from.length > 0) {
    const liveFlags = LIVE_ONLY.filter((k) => given(argv, k));
    if (liveFlags.length > 0) {
      throw new UsageError(`${liveFlags.map((k) => (k === 'host' ? '--no-host' : `--${k}`)).join(', ')} appl${liveFlags.length > 1 ? 'y' : 'ies'} to live collection only; drop ${liveFlags.length > 1 ? 'them' : 'it'} or drop --from`);
    }
  }
  if (out !== null && !argv['force']) {
    // Fail before collecting; the write itself still never replaces a file (link, not rename).
    const exists = await access(out).then(() => true, () => false);
    if (exists) throw new UsageError(`${out} exists; pass --force to replace it`);
  }
  const snapshot = from.length > 0 ? await importSnapshot(from, io) : await liveSnapshot(argv, io);
  const problems = snapshotShapeErrors(snapshot as unknown as Record<string, unknown>);
  if (problems.length > 0) throw new Error(`the snapshot built is not valid: ${problems[0]}`);
  io.err(warnLines(snapshot.notes));
  // In chunks, pod by pod: one string of the whole snapshot would double the peak memory.
  const chunks = jsonChunks(snapshot as unknown as Record<string, unknown>);
  if (out === null) for (const chunk of chunks) io.out(chunk);
  else {
    await writeFileAtomic(out, chunks, { force: Boolean(argv['force']) });
    io.err(`wrote ${out}: ${snapshot.pods.length} pods, ${snapshot.nodes.length} nodes, ${snapshot.host ? 'host reading' : 'no host reading'}${snapshot.samples ? `, ${snapshot.samples.length} samples` : ''}\n`);
  }
  return EXIT.ok;
}

export const snapshotCommand: CommandSpec = {
  command: 'snapshot',
  describe: 'Take a snapshot of pods, nodes and host from captured text/manifests (--from) or the live cluster',
  builder,
  run,
};
