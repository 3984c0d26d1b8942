// `edge-profile snapshot`: one Snapshot v1 from captured text and manifests (--from), or from
// the live cluster. The JSON goes to stdout or --out; what each file was recognised as, warnings
// and progress go to stderr.
import type { Argv } from 'yargs';
import type { CommandSpec } from '../command.js';
import type { CliIO } from '../io.js';
import { EXIT, UsageError } from '../../errors.js';
import type { Snapshot } from '../../model/snapshot.js';
import { warningLines } from '../../render/words.js';
import { refuseExisting, writeFileAtomic } from '../../model/write.js';
import { jsonChunks } from '../../model/json-chunks.js';
import { snapshotShapeErrors } from '../../model/validate.js';
import { plural } from '../../text.js';
import { collectLive, liveFlags, liveFlagsGiven, liveOptions } from './live-flags.js';

const FORMATS = `Try it on the bundled sample (the Knative-on-k0s captures and the v1.8 release manifests):
  edge-profile snapshot --from samples/knative-k0s/3-knative --from samples/knative-k0s/manifests

Input formats recognised by content (--from): kubectl get pods as a table, with
-o custom-columns (request/limit columns in any order and spelling), -o json or -o yaml;
kubectl top pod [-A] [--containers]; kubectl top node; kubectl get nodes -o json|yaml and
kubectl describe node (node capacity and allocatable); free (any unit flag,
-w, procps 3.3 and 4); top -b (one reading per iteration); terminal transcripts of those
commands (prompts and kubectl's E0318… noise are skipped); and manifests (multi-document YAML
or JSON Lists of Deployments, StatefulSets, DaemonSets, ReplicaSets, Jobs, CronJobs, Pods and
Knative Services). Folders are read recursively in name order; hidden files and
README/PROVENANCE .md files are skipped. The same pod seen in several files is one entry.

Exit codes: 0 written; 2 bad flags, or --out exists without --force; 3 cluster unreachable or
refused; 4 an input file is unreadable, unrecognised or malformed (the message names file and line).
Set SOURCE_DATE_EPOCH to fix takenAt (reproducible imports). See docs/snapshot.md.`;

function builder(y: Argv): Argv {
  const own = y
    .usage('$0 snapshot [--from PATH]... [--out FILE [--force]]\n\nTake a snapshot: pods with their requests, limits and usage, nodes, and the host\'s memory, CPU and processes — from captured text and manifests (--from) or from the live cluster of your kubeconfig.')
    .option('from', { type: 'string', array: true, requiresArg: true, describe: 'File or folder of captured kubectl/free/top output or manifests (repeatable)' })
    .option('out', { type: 'string', requiresArg: true, describe: 'Write the snapshot to FILE (atomically) instead of stdout' })
    .option('force', { type: 'boolean', describe: 'With --out: replace FILE if it exists' });
  return liveFlags(own, 'Live:', "the context's namespace")
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

async function run(argv: Record<string, unknown>, io: CliIO): Promise<number> {
  const from = (argv['from'] as string[] | undefined) ?? [];
  const out = given(argv, 'out') ? String(argv['out']) : null;
  if (argv['force'] && out === null) throw new UsageError('--force only applies with --out FILE');
  if (from.length > 0) {
    const live = liveFlagsGiven(argv);
    if (live.length > 0) {
      throw new UsageError(`${live.join(', ')} appl${live.length > 1 ? 'y' : 'ies'} to live collection only; drop ${live.length > 1 ? 'them' : 'it'} or drop --from`);
    }
  }
  if (out !== null) await refuseExisting(out, { force: Boolean(argv['force']) });
  const snapshot = from.length > 0 ? await importSnapshot(from, io) : await collectLive(liveOptions(argv), io);
  const problems = snapshotShapeErrors(snapshot as unknown as Record<string, unknown>);
  if (problems.length > 0) throw new Error(`the snapshot built is not valid: ${problems[0]}`);
  io.err(warningLines(snapshot.notes));
  // In chunks, pod by pod: one string of the whole snapshot would double the peak memory.
  const chunks = jsonChunks(snapshot as unknown as Record<string, unknown>);
  if (out === null) for (const chunk of chunks) io.out(chunk);
  else {
    await writeFileAtomic(out, chunks, { force: Boolean(argv['force']) });
    io.err(`wrote ${out}: ${plural(snapshot.pods.length, 'pod')}, ${plural(snapshot.nodes.length, 'node')}, ${snapshot.host ? 'host reading' : 'no host reading'}${snapshot.samples ? `, ${plural(snapshot.samples.length, 'sample')}` : ''}\n`);
  }
  return EXIT.ok;
}

export const snapshotCommand: CommandSpec = {
  builder,
  run,
};
