// `edge-profile report SNAPSHOT`: totals, observed usage, layers, fit and recommendation, as a
// terminal table, the contract's JSON or Markdown for docs.
import { isAbsolute, relative, resolve } from 'node:path';
import type { Argv } from 'yargs';
import type { CommandSpec } from '../command.js';
import { useColor, type CliIO } from '../io.js';
import { EXIT, UsageError } from '../../errors.js';
import { buildReport, DEFAULT_POLICY, type BuildReportInput } from '../../analyze/report.js';
import { distroNames } from '../../analyze/distro.js';
import type { Snapshot } from '../../model/snapshot.js';
import { loadSnapshot } from '../../model/load.js';
import { refuseExisting, writeFileAtomic } from '../../model/write.js';
import { isReportFormat, renderReport, REPORT_FORMAT_NAMES, REPORT_FORMATS, type ReportFormat } from '../../render/index.js';
import { fitVerdict } from '../../render/words.js';
import { list, parseEvictionHard, parseLayer, parseNumber, parseResourceList, shellQuote, single, type LayerArg } from './report-options.js';

const FORMAT_HELP = REPORT_FORMAT_NAMES.map((n) => `${n} (${REPORT_FORMATS[n].describe})`).join(', ');

const EPILOG = `Examples:
  # Will it fit on a 1 CPU, 1.5 GB node?
  edge-profile report knative.json --assume-distro k0s --node-size cpu=1,memory=1500Mi
  # A report for docs, with what each layer costs
  edge-profile report knative.json --layer 'bare OS=bare-os.json' --layer k0s=k0s.json \\
      --layer Knative=knative.json -o markdown --out report.md
  # The Report JSON (shrink --report takes its factor)
  edge-profile report knative.json -o json > report.json

The scheduler fits pods by their requests against the node's allocatable (capacity −
kube-reserved − system-reserved − the hard eviction threshold, memory.available 100Mi by
default); host processes and usage play no part. --require-fit exits 1 when a pod would stay
Pending on --node-size. See docs/sizing.md for how the recommendation is made.

Try it on the bundled sample: npm run sample (it prints every command it runs).

Exit codes: 0 reported; 1 --require-fit and a pod would stay Pending; 2 bad flags, or --out exists
without --force; 4 a snapshot unreadable, malformed or of an unknown apiVersion.`;

function builder(y: Argv): Argv {
  return y
    .usage('$0 report SNAPSHOT [--layer NAME=SNAPSHOT]... [-o table|json|markdown] [options]\n\nSize a node for a snapshot: default and steady-state totals, observed usage, layers, fit on a target node, the minimum node and a safe reduction factor.')
    .positional('snapshot', { type: 'string', describe: 'Snapshot file (edge-profile snapshot --out)' })
    .option('output', { alias: 'o', type: 'string', requiresArg: true, describe: `Format: ${FORMAT_HELP}`, defaultDescription: 'table' })
    .option('layer', { type: 'string', requiresArg: true, describe: 'NAME=SNAPSHOT, in install order (repeatable): what each layer adds, by difference' })
    .option('node-size', { type: 'string', requiresArg: true, describe: 'Target node capacity, cpu=Q,memory=Q (e.g. cpu=1,memory=1500Mi): adds the fit check' })
    .option('assume-distro', { type: 'string', requiresArg: true, describe: `Add the system pods and host footprint of a distribution, marked assumed (${distroNames().join(', ')})` })
    .option('reduce', { type: 'string', requiresArg: true, describe: 'Multiply requests and limits by FACTOR (0 < FACTOR ≤ 1) before everything else' })
    .option('reduce-namespace', { type: 'string', requiresArg: true, describe: 'Namespace --reduce and the recommended factor apply to (repeatable)', defaultDescription: 'all but kube-system' })
    .option('headroom', { type: 'string', requiresArg: true, describe: 'Headroom over observed usage, in percent', defaultDescription: String(DEFAULT_POLICY.headroomPercent) })
    .option('percentile', { type: 'string', requiresArg: true, describe: 'Percentile of the readings used as usage', defaultDescription: String(DEFAULT_POLICY.percentile) })
    .option('kube-reserved', { type: 'string', requiresArg: true, describe: 'The kubelet\'s kube-reserved, cpu=Q,memory=Q', defaultDescription: 'none' })
    .option('system-reserved', { type: 'string', requiresArg: true, describe: 'The kubelet\'s system-reserved, cpu=Q,memory=Q', defaultDescription: 'none' })
    .option('eviction-hard', { type: 'string', requiresArg: true, describe: 'The kubelet\'s hard eviction threshold, memory.available=Q', defaultDescription: 'memory.available=100Mi' })
    .option('sizes', { type: 'boolean', describe: 'Rank common edge boards and VM sizes' })
    .option('require-fit', { type: 'boolean', describe: 'Exit 1 when a pod would stay Pending on --node-size' })
    .option('out', { type: 'string', requiresArg: true, describe: 'Write the report to FILE (atomically) instead of stdout' })
    .option('force', { type: 'boolean', describe: 'With --out: replace FILE if it exists' })
    .epilog(EPILOG);
}

export interface ReportArgs {
  snapshot: string;
  format: ReportFormat;
  layers: LayerArg[];
  input: Omit<BuildReportInput, 'snapshot' | 'layers' | 'reproduce'>;
  requireFit: boolean;
  out: string | null;
  force: boolean;
  /** Resource flags as typed (spaces removed), so the reproducing command shows them as given. */
  raw: Record<string, string>;
}

/** Flags → typed arguments; every malformed value is a UsageError naming the flag. Exported for tests. */
export function reportArgs(argv: Record<string, unknown>): ReportArgs {
  const snapshot = single(argv['snapshot']);
  if (!snapshot) throw new UsageError('name the snapshot file: edge-profile report SNAPSHOT');
  const format = single(argv['output']) ?? 'table';
  if (!isReportFormat(format)) throw new UsageError(`-o: unknown format ${JSON.stringify(format)}; use ${REPORT_FORMAT_NAMES.join(', ')}`);
  const str = (k: string) => single(argv[k]);
  const nodeSizeText = str('node-size');
  const nodeSize = nodeSizeText === undefined ? null : parseResourceList('node-size', nodeSizeText, true);
  const distro = str('assume-distro') ?? null;
  if (distro !== null && !distroNames().includes(distro)) {
    throw new UsageError(`--assume-distro: unknown distribution ${JSON.stringify(distro)}; known: ${distroNames().join(', ')}`);
  }
  const reduce = str('reduce');
  const headroom = str('headroom');
  const percentile = str('percentile');
  const reduceNamespaces = list(argv['reduce-namespace']);
  for (const ns of reduceNamespaces) if (ns.trim() === '') throw new UsageError('--reduce-namespace: empty namespace name');
  const kubeReserved = str('kube-reserved');
  const systemReserved = str('system-reserved');
  const evictionHard = str('eviction-hard');
  const out = str('out') ?? null;
  if (argv['force'] && out === null) throw new UsageError('--force only applies with --out FILE');
  const requireFit = argv['require-fit'] === true;
  if (requireFit && nodeSize === null) throw new UsageError('--require-fit needs --node-size cpu=Q,memory=Q to check against');
  return {
    snapshot,
    format,
    layers: list(argv['layer']).map(parseLayer),
    input: {
      policy: {
        ...(reduce !== undefined ? { reduceFactor: parseNumber('reduce', reduce, 0, 1, 'a factor above 0 and at most 1, e.g. 0.5', { minExclusive: true }) } : {}),
        ...(headroom !== undefined ? { headroomPercent: parseNumber('headroom', headroom, 0, 1000, 'a percentage from 0 to 1000, e.g. 20', { percentSign: true }) } : {}),
        ...(percentile !== undefined ? { percentile: parseNumber('percentile', percentile, 0, 100, 'a percentile above 0 and at most 100, e.g. 95', { minExclusive: true }) } : {}),
        ...(reduceNamespaces.length ? { reduceNamespaces } : {}),
      },
      nodeSize: nodeSize === null ? null : { cpuMillicores: nodeSize.cpuMillicores!, memoryBytes: nodeSize.memoryBytes! },
      reserved: {
        ...(kubeReserved !== undefined ? { kubeReserved: parseResourceList('kube-reserved', kubeReserved, false) } : {}),
        ...(systemReserved !== undefined ? { systemReserved: parseResourceList('system-reserved', systemReserved, false) } : {}),
        ...(evictionHard !== undefined ? { evictionHardMemoryBytes: parseEvictionHard(evictionHard) } : {}),
      },
      distro,
      sizes: argv['sizes'] === true,
    },
    requireFit,
    out,
    force: argv['force'] === true,
    raw: Object.fromEntries(
      ['node-size', 'kube-reserved', 'system-reserved', 'eviction-hard'].flatMap((k) => {
        const v = single(argv[k]);
        return v === undefined ? [] : [[k, v.replace(/\s+/g, '')]];
      }),
    ),
  };
}

/** A path as the user would type it from `cwd`: relative when it is inside. */
function displayPath(p: string, cwd: string): string {
  if (!isAbsolute(p)) return p;
  const rel = relative(cwd, p);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : p;
}

function command(words: string[]): string {
  const one = words.map(shellQuote).join(' ');
  if (one.length <= 100) return one;
  // Long commands: one flag per line, as people write them in docs.
  const lines: string[] = [];
  for (const w of words.map(shellQuote)) {
    if (w.startsWith('-') || lines.length === 0) lines.push(w);
    else lines[lines.length - 1] += ' ' + w;
  }
  return lines.join(' \\\n    ');
}

/** The commands that rebuild the snapshots (when imported from files) and this report. */
export function reproduceCommands(args: ReportArgs, snapshots: Map<string, Snapshot>, cwd: string): string[] {
  const cmds: string[] = [];
  for (const [path, s] of snapshots) {
    const files = s.source.type === 'import' ? (s.source.files ?? []) : [];
    if (files.length === 0) continue;
    cmds.push(command(['edge-profile', 'snapshot', ...files.flatMap((f) => ['--from', displayPath(f.path, cwd)]), '--out', path]));
  }
  const i = args.input;
  const p = i.policy ?? {};
  const r = i.reserved ?? {};
  const q = (x: { cpuMillicores: number | null; memoryBytes: number | null }) =>
    [x.cpuMillicores !== null ? `cpu=${x.cpuMillicores}m` : '', x.memoryBytes !== null ? `memory=${x.memoryBytes}` : ''].filter(Boolean).join(',');
  const words = ['edge-profile', 'report', args.snapshot];
  for (const l of args.layers) words.push('--layer', `${l.name}=${l.path}`);
  if (i.distro) words.push('--assume-distro', i.distro);
  if (i.nodeSize) words.push('--node-size', rawFlag('node-size') ?? q(i.nodeSize));
  if (r.kubeReserved) words.push('--kube-reserved', rawFlag('kube-reserved') ?? q(r.kubeReserved));
  if (r.systemReserved) words.push('--system-reserved', rawFlag('system-reserved') ?? q(r.systemReserved));
  if (r.evictionHardMemoryBytes !== undefined) words.push('--eviction-hard', rawFlag('eviction-hard') ?? `memory.available=${r.evictionHardMemoryBytes}`);
  if (p.reduceFactor != null) words.push('--reduce', String(p.reduceFactor));
  for (const ns of p.reduceNamespaces ?? []) words.push('--reduce-namespace', ns);
  if (p.headroomPercent !== undefined) words.push('--headroom', String(p.headroomPercent));
  if (p.percentile !== undefined) words.push('--percentile', String(p.percentile));
  if (i.sizes) words.push('--sizes');
  if (args.requireFit) words.push('--require-fit');
  words.push('-o', args.format);
  cmds.push(command(words));
  return cmds;

  function rawFlag(k: string): string | undefined {
    return args.raw[k];
  }
}

async function run(argv: Record<string, unknown>, io: CliIO): Promise<number> {
  const args = reportArgs(argv);
  if (args.out !== null) await refuseExisting(resolve(io.cwd, args.out), { force: args.force }, args.out);
  const at = (p: string) => (io.cwd === process.cwd() || isAbsolute(p) ? p : resolve(io.cwd, p));
  const snapshots = new Map<string, Snapshot>();
  const load = async (p: string) => {
    const hit = snapshots.get(p);
    if (hit) return hit;
    const s = await loadSnapshot(at(p));
    snapshots.set(p, s);
    return s;
  };
  // Layer snapshots first: in install order, the report's own snapshot is usually the last layer.
  const layers = [];
  for (const l of args.layers) layers.push({ name: l.name, snapshot: await load(l.path) });
  const snapshot = await load(args.snapshot);
  const report = buildReport({
    ...args.input,
    snapshot,
    layers,
    reproduce: reproduceCommands(args, snapshots, io.cwd),
  });
  const color = args.out === null && args.format === 'table' && useColor(io);
  const text = renderReport(report, args.format, { color });
  if (args.out !== null) await writeFileAtomic(at(args.out), text, { force: args.force });
  else io.out(text);
  if (args.requireFit && report.fit && !report.fit.fits) {
    io.err(`report: --require-fit: ${fitVerdict(report)}\n`);
    return EXIT.threshold;
  }
  return EXIT.ok;
}

export const reportCommand: CommandSpec = {
  builder,
  run,
};
