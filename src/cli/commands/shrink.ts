// edge-profile shrink: write the manifests with requests and limits scaled by a factor.
import { existsSync, statSync } from 'node:fs';
import { basename, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { Argv } from 'yargs';
import { InputError, UsageError } from '../../errors.js';
import { containerKey, planShrink, shrinkTotals, DeclaredValueError, type ShrinkSummary } from '../../analyze/shrink.js';
import { knativeExplanation, planKnativeConfig, type ConfigChange } from '../../analyze/shrink-knative.js';
import { observationsFrom } from '../../analyze/shrink-observed.js';
import { parseDecimal, type Rational } from '../../analyze/shrink-units.js';
import { applyEdits, findContainers, findKnativeConfig, type ManifestFile, type ValueEdit } from '../../collect/manifest-edit.js';
import { loadReportFactor, loadSnapshotForShrink, readManifests } from '../../collect/shrink-inputs.js';
import { writeOutFiles, type OutFile } from '../../collect/out-files.js';
import { renderShrinkJson, renderShrinkMarkdown, renderShrinkTable } from '../../render/shrink-summary.js';
import { renderKustomization } from '../../render/shrink-kustomize.js';
import { plural } from '../../text.js';
import type { CommandSpec } from '../command.js';
import type { CliIO } from '../io.js';

function list(v: unknown): string[] {
  if (v === undefined || v === null) return [];
  return (Array.isArray(v) ? v : [v]).map(String);
}

function oneOf<T extends string>(v: unknown, allowed: T[], flag: string): T {
  const text = String(v);
  if (!(allowed as string[]).includes(text)) throw new UsageError(`${flag} must be one of ${allowed.join(', ')} (got "${text}")`);
  return text as T;
}

function parseFactor(text: string, source: string): Rational {
  const r = parseDecimal(text);
  if (!r || r.num === 0n || r.num > r.den) {
    throw new UsageError(`${source} must be a number with 0 < F ≤ 1 (got "${text}")`);
  }
  return r;
}

interface Args {
  files: string[];
  factorText: string;
  factorSource: string;
  factor: Rational;
  headroomText: string;
  headroom: Rational;
  format: 'yaml' | 'kustomize';
  out: string | null;
  force: boolean;
  output: 'manifests' | 'json' | 'markdown';
  snapshot: string | null;
  includeConfig: boolean;
  filter: { namespaces: string[]; kinds: string[]; names: string[] };
}

function parseArgs(argv: Record<string, unknown>, io: CliIO): Args {
  const files = list(argv['filename']);
  if (files.length === 0) throw new UsageError('name the manifests with -f FILE (repeatable)');
  const factorFlag = argv['factor'] === undefined ? null : String(argv['factor']);
  const report = argv['report'] === undefined ? null : String(argv['report']);
  if ((factorFlag === null) === (report === null)) throw new UsageError('give exactly one of --factor F or --report REPORT.json');
  // Validated here, not with yargs `choices`: a failed choice must stop the command before it writes.
  const format = oneOf(argv['format'] ?? 'yaml', ['yaml', 'kustomize'], '--format');
  const output = oneOf(argv['output'] ?? 'manifests', ['manifests', 'json', 'markdown'], '-o');
  const out = argv['out'] === undefined ? null : String(argv['out']);
  if (format === 'kustomize' && out === null) throw new UsageError('--format kustomize writes a directory: give --out DIR');
  if (argv['force'] && out === null) throw new UsageError('--force only makes sense with --out');
  const headroomText = String(argv['headroom'] ?? '15');
  const headroom = parseDecimal(headroomText);
  if (!headroom) throw new UsageError(`--headroom must be a percentage ≥ 0 (got "${headroomText}")`);
  let factorText: string;
  let factorSource: string;
  if (factorFlag !== null) {
    factorText = factorFlag;
    factorSource = '--factor';
  } else {
    const value = loadReportFactor(report!, io.cwd);
    factorText = String(value > 1 ? 1 : value);
    factorSource = `recommendation of ${report}`;
  }
  return {
    files,
    factorText,
    factorSource,
    factor: parseFactor(factorText, factorFlag !== null ? '--factor' : `${report}: recommendation.reductionFactor.value`),
    headroomText,
    headroom,
    format,
    out,
    force: Boolean(argv['force']),
    output,
    snapshot: argv['snapshot'] === undefined ? null : String(argv['snapshot']),
    includeConfig: Boolean(argv['include-config']),
    filter: { namespaces: list(argv['namespace']), kinds: list(argv['kind']), names: list(argv['name']) },
  };
}

interface Plan {
  summary: ShrinkSummary;
  configChanges: ConfigChange[];
  editsByFile: Map<string, ValueEdit[]>;
}

function plan(files: ManifestFile[], a: Args, io: CliIO): Plan {
  const containers = findContainers(files, a.filter);
  const snapshot = a.snapshot ? loadSnapshotForShrink(a.snapshot, io.cwd) : null;
  const observations = snapshot ? observationsFrom(snapshot, containers) : new Map();
  const changes = planShrink(containers, observations, { factor: a.factor, headroomPercent: a.headroom });
  const warnings: string[] = [];
  if (containers.length === 0) warnings.push('no workload container in the input matches the filters: nothing to shrink');
  if (snapshot) {
    const unmatched = containers.filter((c) => !observations.has(containerKey(c)));
    if (unmatched.length) {
      warnings.push(`no usage in ${a.snapshot} for ${plural(unmatched.length, 'container')}, not floored: ${unmatched.map((c) => `${c.object.name}/${c.container}`).join(', ')}`);
    }
  }
  const configs = findKnativeConfig(files);
  let knative: ShrinkSummary['knative'] = null;
  const configChanges: ConfigChange[] = [];
  const cfg = configs[0];
  if (cfg) {
    const { changes: kc, unset } = planKnativeConfig(cfg, a.factor);
    if (a.includeConfig) configChanges.push(...kc);
    knative = {
      object: cfg.object,
      included: a.includeConfig,
      changes: a.includeConfig ? kc : [],
      unset,
      explanation: knativeExplanation(a.includeConfig, unset, cfg.resourceDefaultsEnabled),
    };
  } else if (a.includeConfig) {
    warnings.push('--include-config: no Knative config-deployment ConfigMap in the input');
  }
  const editsByFile = new Map<string, ValueEdit[]>();
  const push = (file: string, e: ValueEdit) => editsByFile.set(file, [...(editsByFile.get(file) ?? []), e]);
  for (const c of changes) if (c.changed) push(c.object.file, { docIndex: c.object.docIndex, path: c.path, value: c.afterValue });
  for (const k of configChanges) push(k.object.file, { docIndex: k.object.docIndex, path: k.path, value: k.after, addIfAbsent: true });
  const summary: ShrinkSummary = {
    factor: a.factorText,
    factorSource: a.factorSource,
    headroomPercent: a.headroomText,
    floorsFrom: a.snapshot,
    changes,
    knative,
    totals: shrinkTotals(changes),
    warnings,
  };
  return { summary, configChanges, editsByFile };
}

function joinDocuments(texts: string[]): string {
  return texts.map((t) => (t.endsWith('\n') || t === '' ? t : t + '\n')).join('---\n');
}

function toPosix(p: string): string {
  return p.split(sep).join('/');
}

function kustomizeFiles(files: ManifestFile[], p: Plan, a: Args, io: CliIO): OutFile[] {
  const outDir = resolve(io.cwd, a.out!);
  const out: OutFile[] = [];
  const resources: string[] = [];
  const used = new Set<string>();
  for (const f of files) {
    const rel = relative(outDir, resolve(io.cwd, f.path));
    if (!rel.startsWith('..') && !isAbsolute(rel)) {
      resources.push(toPosix(rel));
      continue;
    }
    // kustomize loads files only from inside the kustomization's directory: keep a pristine copy there.
    let name = basename(f.path);
    for (let i = 2; used.has(name); i++) name = `${i}-${basename(f.path)}`;
    used.add(name);
    out.push({ path: join(a.out!, 'upstream', name), copyFrom: f.path });
    resources.push(`upstream/${name}`);
  }
  const header = [
    `Generated by edge-profile shrink: factor ${a.factorText} (${a.factorSource}).`,
    a.snapshot ? `Floors: observed usage in ${a.snapshot} + ${a.headroomText}%.` : 'No floors (no --snapshot).',
    'The resources are the upstream manifests, unchanged; the patches below set only the scaled values.',
  ];
  const text = renderKustomization({ resources, changes: p.summary.changes, configChanges: p.configChanges, headerLines: header });
  out.push({ path: join(a.out!, 'kustomization.yaml'), text });
  return out;
}

function yamlOutFiles(files: ManifestFile[], texts: string[], a: Args, io: CliIO): OutFile[] {
  const target = resolve(io.cwd, a.out!);
  const isDir = a.out!.endsWith('/') || (existsSync(target) && statSync(target).isDirectory());
  if (!isDir) return [{ path: a.out!, text: joinDocuments(texts) }];
  const names = files.map((f) => basename(f.path));
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup) throw new UsageError(`two inputs are named ${dup}; --out DIR/ writes each under its own name — use --out FILE instead`);
  return files.map((f, i) => ({ path: join(a.out!, basename(f.path)), text: texts[i]! }));
}

async function run(argv: Record<string, unknown>, io: CliIO): Promise<number> {
  const a = parseArgs(argv, io);
  const files = readManifests(a.files, io.cwd);
  let p: Plan;
  try {
    p = plan(files, a, io);
  } catch (err) {
    if (err instanceof DeclaredValueError) throw new InputError(err.message, err.where);
    throw err;
  }
  if (a.format === 'kustomize') {
    writeOutFiles(kustomizeFiles(files, p, a, io), io.cwd, a.force);
  } else {
    const texts = files.map((f) => applyEdits(f, p.editsByFile.get(f.path) ?? []));
    if (a.out !== null) writeOutFiles(yamlOutFiles(files, texts, a, io), io.cwd, a.force);
    else if (a.output === 'manifests') io.out(joinDocuments(texts));
  }
  io.err(renderShrinkTable(p.summary));
  if (a.output === 'json') io.out(renderShrinkJson(p.summary));
  if (a.output === 'markdown') io.out(renderShrinkMarkdown(p.summary));
  return 0;
}

const EPILOG = `Examples:
  # Each input edited, written under reduced/
  edge-profile shrink -f serving-core.yaml -f kourier.yaml --factor 0.5 --out reduced/
  # The report's factor as a kustomization in overlay/, floored by observed usage
  edge-profile shrink -f upstream/ --report report.json --snapshot knative.json \\
      --format kustomize --out overlay
  # Only the Deployments of namespace web; the manifests on stdout
  edge-profile shrink -f app.yaml --factor 0.7 -n web --kind Deployment

Try it on the bundled sample (the Knative v1.8 release manifests):
  edge-profile shrink -f samples/knative-k0s/manifests --factor 0.8 -o markdown

Only resources.requests and resources.limits values change; comments, key order and quoting stay
as they were. --format kustomize writes DIR/kustomization.yaml with JSON patches against the
untouched inputs (copied to DIR/upstream/ when they are outside DIR). A summary of every change
goes to stderr. Knative's queue-proxy sidecar is sized by the config-deployment ConfigMap, not by
any manifest: --include-config scales those keys too.

Exit codes: 0 written; 2 bad flags, or an output file exists without --force; 4 a manifest or
--report/--snapshot file is unreadable or malformed (the message names file and line).
See docs/shrink.md for the rounding rules.`;

export const shrinkCommand: CommandSpec = {
  builder: (y: Argv) =>
    y
      .usage('$0 shrink -f MANIFEST... (--factor F | --report REPORT.json) [--format yaml|kustomize] [--out PATH [--force]] [options]\n\nWrite the manifests with requests and limits scaled by a factor, as edited copies or as a kustomization; with --snapshot, no value goes below observed usage plus headroom.')
      .option('filename', { alias: 'f', type: 'string', array: true, describe: 'Manifest file or directory (repeatable; a directory means its *.yaml, *.yml, *.json files)' })
      .option('factor', { type: 'string', describe: 'Scale requests and limits by F, 0 < F ≤ 1' })
      .option('report', { type: 'string', describe: "Take the factor from a Report's recommendation (edge-profile report -o json)" })
      .option('format', { type: 'string', default: 'yaml', describe: 'yaml|kustomize — yaml: the manifests edited in place; kustomize: patches against the originals (needs --out DIR)' })
      .option('out', { type: 'string', describe: 'Write to FILE (yaml), DIR/ (yaml, one file per input) or DIR (kustomize) instead of stdout' })
      .option('force', { type: 'boolean', default: false, describe: 'With --out: replace existing output files' })
      .option('output', { alias: 'o', type: 'string', default: 'manifests', describe: 'manifests|json|markdown — stdout: the yaml manifests, or the change summary as json/markdown (manifests then only go to --out)' })
      .option('namespace', { alias: 'n', type: 'string', array: true, describe: 'Only objects in this namespace (repeatable; no namespace = default)' })
      .option('kind', { type: 'string', array: true, describe: 'Only objects of this kind (repeatable)' })
      .option('name', { type: 'string', array: true, describe: 'Only objects with this name (repeatable)' })
      .option('snapshot', { type: 'string', describe: 'Floors from this snapshot: no request below observed usage, no memory limit below the observed peak, plus --headroom' })
      .option('headroom', { type: 'string', default: '15', describe: 'Percent added to observed usage for the --snapshot floors' })
      .option('include-config', { type: 'boolean', default: false, describe: "Also scale Knative's queue-proxy keys in config-deployment" })
      .epilog(EPILOG),
  run,
};
