// `edge-profile compare BASELINE [CURRENT]`: what changed against a baseline, and a gate for CI.
import type { Argv } from 'yargs';
import type { CommandSpec } from '../command.js';
import type { CliIO } from '../io.js';
import { useColor } from '../io.js';
import { EXIT, UsageError } from '../../errors.js';
import { compareReports } from '../../analyze/compare.js';
import { FAIL_ON_HELP, parseFailRules } from '../../analyze/fail-rules.js';
import type { Snapshot } from '../../model/snapshot.js';
import { renderCompareTable } from '../../render/compare-table.js';
import { renderCompareJson } from '../../render/compare-json.js';
import { renderCompareMarkdown } from '../../render/compare-markdown.js';
import { liveScope, parseSides, readSnapshotText } from './compare-input.js';
import { collectLive, liveFlags, liveFlagsGiven, liveOptions } from './live-flags.js';
import { reportPolicyFrom, reportFor, type ReportFlags } from './compare-report.js';
import { plural } from '../../text.js';

const FORMATS = ['table', 'json', 'markdown'] as const;
type Format = (typeof FORMATS)[number];

const EXAMPLES = `Examples:
  edge-profile compare baseline.json current.json
  edge-profile compare baseline.json current.json -o markdown > CHANGES.md
  edge-profile compare baseline.json -n knative-serving        # CURRENT taken live
  edge-profile compare baseline.json current.json \\
      --fail-on 'steadyState.requests.cpu > +10%' \\
      --fail-on 'declared.limits.memory > +100Mi' \\
      --node-size cpu=2,memory=4Gi --fail-on 'fit == false'

${FAIL_ON_HELP}

Exit codes: 0 compared, no rule holds; 1 a --fail-on rule holds; 2 usage error (e.g. a malformed
rule); 3 cluster unreachable (live CURRENT); 4 a snapshot unreadable, malformed or of an
apiVersion this build cannot upgrade. See docs/compare.md.`;

export const compareCommand: CommandSpec = {
  builder: (y: Argv) =>
    liveFlags(
      y
        .positional('baseline', { type: 'string', describe: 'Baseline snapshot (JSON from `edge-profile snapshot`)' })
        .positional('current', { type: 'string', describe: 'Current snapshot; omitted: taken live with the flags below' })
        .option('output', { alias: 'o', choices: FORMATS, default: 'table' as Format, describe: 'Output format' })
        .option('fail-on', { type: 'string', array: true, default: [], describe: 'Exit 1 when RULE holds (repeatable); see below' })
        .option('all', { type: 'boolean', default: false, describe: 'Also list unchanged components' })
        .option('node-size', { type: 'string', requiresArg: true, describe: 'Check fit on a node of this capacity, cpu=Q,memory=Q (e.g. cpu=2,memory=4Gi)' })
        .option('assume-distro', { type: 'string', requiresArg: true, describe: "Add a distribution's system pods and host footprint, marked assumed (as report does)" })
        .option('headroom', { type: 'string', requiresArg: true, describe: 'Headroom over observed usage, in percent (as report does)', defaultDescription: '15' }),
      'Live CURRENT:',
      "the baseline's",
    ).epilog(EXAMPLES),
  run: runCompare,
};

async function runCompare(argv: Record<string, unknown>, io: CliIO): Promise<number> {
  const rules = parseFailRules((argv['fail-on'] as string[] | undefined) ?? []);
  const flags: ReportFlags = {
    nodeSize: (argv['node-size'] as string | undefined) ?? null,
    assumeDistro: (argv['assume-distro'] as string | undefined) ?? null,
    headroom: argv['headroom'] === undefined ? null : String(argv['headroom']),
  };
  const policy = reportPolicyFrom(flags);
  if (rules.some((r) => r.figure === 'fit') && flags.nodeSize === null) {
    throw new UsageError('a "fit" rule needs --node-size cpu=Q,memory=Q to check the fit against');
  }
  const baselinePath = String(argv['baseline']);
  const currentPath = argv['current'] === undefined ? null : String(argv['current']);
  if (currentPath !== null) {
    const live = liveFlagsGiven(argv);
    if (live.length > 0) {
      throw new UsageError(`${live.join(', ')}: only for a live CURRENT; drop ${live.length > 1 ? 'them' : 'it'} or drop CURRENT`);
    }
  }
  const baselineText = await readSnapshotText(baselinePath, io);
  const currentText = currentPath ? await readSnapshotText(currentPath, io) : null;
  const sides = parseSides(baselineText, currentText);
  const after = sides.after ?? (await takeLive(sides.before, argv, io));

  const comparison = compareReports(
    { report: reportFor(sides.before, policy), label: baselinePath, snapshot: sides.before },
    { report: reportFor(after, policy), label: currentPath ?? 'live', snapshot: after },
    { all: argv['all'] === true, rules },
  );
  const format = argv['output'] as Format;
  const text =
    format === 'json'
      ? renderCompareJson(comparison)
      : format === 'markdown'
        ? renderCompareMarkdown(comparison)
        : renderCompareTable(comparison, { color: useColor(io, 'out') });
  io.out(text);
  for (const u of comparison.unevaluated) io.err(`warning: --fail-on "${u.rule}" not checked: ${u.reason}\n`);
  if (comparison.violations.length > 0) {
    const n = comparison.violations.length;
    io.err(`compare: ${n} of ${plural(rules.length, '--fail-on rule')} violated\n`);
    return EXIT.threshold;
  }
  return EXIT.ok;
}

async function takeLive(baseline: Snapshot, argv: Record<string, unknown>, io: CliIO): Promise<Snapshot> {
  const opts = liveOptions(argv);
  opts.namespaces = liveScope(baseline, opts.namespaces);
  return collectLive(opts, io);
}
