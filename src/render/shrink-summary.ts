// The change summary of `shrink`: a plain table (stderr), JSON (`-o json`) and Markdown
// (`-o markdown`, for a PR description). Renderers return strings.
import Table from 'cli-table3';
import { formatCpu, formatMemoryHuman } from '../quantity.js';
import { API_VERSION, type R } from '../model/snapshot.js';
import type { ObjectRef, ResourceChange, ShrinkSummary } from '../analyze/shrink.js';

function objectName(o: ObjectRef): string {
  return `${o.kind}/${o.namespace ? o.namespace + '/' : ''}${o.name}`;
}

function amount(resource: 'cpu' | 'memory', n: number | null): string {
  if (n === null) return '-';
  return resource === 'cpu' ? formatCpu(n) : formatMemoryHuman(n);
}

function percent(before: number | null, after: number | null): string {
  if (before === null || after === null || before === 0) return '';
  return `${Math.round(((after - before) * 1000) / before) / 10}%`;
}

function note(c: ResourceChange): string {
  if (!c.reason) return '';
  if (!c.floor) return c.reason;
  const seen = amount(c.resource, c.floor.observedAmount);
  const fl = amount(c.resource, c.floor.floorAmount);
  const scaled = amount(c.resource, c.scaledAmount);
  return `${c.reason} (${c.floor.basis} ${seen} → floor ${fl}; factor alone gave ${scaled})`;
}

interface Row {
  object: string;
  container: string;
  resource: string;
  before: string;
  after: string;
  note: string;
}

function rows(s: ShrinkSummary): Row[] {
  const out: Row[] = s.changes.map((c) => ({
    object: objectName(c.object),
    container: c.containerType === 'app' ? c.container : `${c.container} (${c.containerType})`,
    resource: `${c.section}.${c.resource}`,
    before: c.before,
    after: c.changed ? c.after : `${c.after} (unchanged)`,
    note: note(c),
  }));
  if (s.knative?.included) {
    for (const k of s.knative.changes) {
      out.push({
        object: objectName(k.object),
        container: 'queue-proxy (config)',
        resource: k.key,
        before: k.before ?? `unset (default ${k.defaultBefore})`,
        after: k.after,
        note: k.added ? 'key added' : '',
      });
    }
  }
  return out;
}

const TOTAL_LINES: Array<['requests' | 'limits', 'cpu' | 'memory', keyof R]> = [
  ['requests', 'cpu', 'cpuMillicores'],
  ['requests', 'memory', 'memoryBytes'],
  ['limits', 'cpu', 'cpuMillicores'],
  ['limits', 'memory', 'memoryBytes'],
];

function totalRows(s: ShrinkSummary): string[][] {
  return TOTAL_LINES.map(([section, resource, key]) => {
    const b = s.totals.before[section][key];
    const a = s.totals.after[section][key];
    return [`${section}.${resource}`, amount(resource, b), amount(resource, a), percent(b, a)];
  });
}

function header(s: ShrinkSummary): string {
  const floors = s.floorsFrom ? `floors from ${s.floorsFrom} (observed + ${s.headroomPercent}%)` : 'no floors (no --snapshot)';
  return `shrink: factor ${s.factor} (${s.factorSource}), ${floors}`;
}

const PLAIN = { head: [] as string[], border: [] as string[] };
// No rule between body rows: the table stays as tall as the number of changes.
const COMPACT = { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' };

/** The human summary (stderr). */
export function renderShrinkTable(s: ShrinkSummary): string {
  const lines = [header(s)];
  const r = rows(s);
  if (r.length === 0) lines.push('no container in the input declares cpu/memory requests or limits that match the filters');
  else {
    const t = new Table({ head: ['OBJECT', 'CONTAINER', 'RESOURCE', 'BEFORE', 'AFTER', 'NOTE'], style: PLAIN, chars: COMPACT });
    for (const x of r) t.push([x.object, x.container, x.resource, x.before, x.after, x.note]);
    lines.push(t.toString());
  }
  const tt = new Table({ head: ['TOTAL (one replica each)', 'BEFORE', 'AFTER', 'CHANGE'], style: PLAIN, chars: COMPACT });
  for (const row of totalRows(s)) tt.push(row);
  lines.push(tt.toString());
  if (s.knative) lines.push(...s.knative.explanation.map((l) => `note: ${l}`));
  lines.push(...s.warnings.map((w) => `warning: ${w}`));
  return lines.join('\n') + '\n';
}

function mdEscape(t: string): string {
  return t.replace(/\|/g, '\\|');
}

/** The summary as Markdown, to paste into a pull request. */
export function renderShrinkMarkdown(s: ShrinkSummary): string {
  const out = [`### ${mdEscape(header(s))}`, ''];
  out.push('| object | container | resource | before | after | note |', '|---|---|---|---|---|---|');
  for (const x of rows(s)) {
    out.push(`| ${[x.object, x.container, x.resource, `\`${x.before}\``, `\`${x.after}\``, x.note].map(mdEscape).join(' | ')} |`);
  }
  out.push('', '| total (one replica each) | before | after | change |', '|---|---|---|---|');
  for (const row of totalRows(s)) out.push(`| ${row.join(' | ')} |`);
  if (s.knative) out.push('', ...s.knative.explanation.map((l) => `> ${l}`));
  if (s.warnings.length) out.push('', ...s.warnings.map((w) => `- warning: ${mdEscape(w)}`));
  return out.join('\n') + '\n';
}

function objectJson(o: ObjectRef) {
  return { file: o.file, apiVersion: o.apiVersion, kind: o.kind, namespace: o.namespace, name: o.name };
}

/** `-o json`: kind ShrinkSummary. */
export function shrinkSummaryJson(s: ShrinkSummary): unknown {
  return {
    apiVersion: API_VERSION,
    kind: 'ShrinkSummary',
    factor: Number(s.factor),
    factorSource: s.factorSource,
    headroomPercent: Number(s.headroomPercent),
    floorsFrom: s.floorsFrom,
    changes: s.changes.map((c) => ({
      object: objectJson(c.object),
      container: c.container,
      containerType: c.containerType,
      section: c.section,
      resource: c.resource,
      before: c.before,
      after: c.after,
      beforeAmount: c.beforeAmount,
      afterAmount: c.afterAmount,
      changed: c.changed,
      floor: c.floor,
      reason: c.reason,
    })),
    knativeConfig: s.knative && {
      object: objectJson(s.knative.object),
      included: s.knative.included,
      changes: s.knative.changes.map((k) => ({
        key: k.key,
        before: k.before,
        defaultBefore: k.defaultBefore,
        after: k.after,
        beforeAmount: k.beforeAmount,
        afterAmount: k.afterAmount,
        added: k.added,
      })),
      unset: s.knative.unset,
      explanation: s.knative.explanation,
    },
    totals: s.totals,
    warnings: s.warnings,
  };
}

export function renderShrinkJson(s: ShrinkSummary): string {
  return JSON.stringify(shrinkSummaryJson(s), null, 2) + '\n';
}
