// The output formats of `report`: one renderer each. The list also feeds `--help` and the
// validation of `-o`, so adding a format here is all it takes.
import type { Report } from '../analyze/report-model.js';
import { renderJson } from './json.js';
import { renderMarkdown } from './markdown.js';
import { renderTable } from './table.js';

export interface RenderOptions {
  /** Colour (terminal output only); the CLI decides from the TTY and NO_COLOR. */
  color: boolean;
}

export const REPORT_FORMATS = {
  table: { describe: 'for a terminal, 80 columns', render: (r: Report, o: RenderOptions) => renderTable(r, { color: o.color }) },
  json: { describe: 'the contract\'s Report (apiVersion edge-profile/v1)', render: (r: Report) => renderJson(r) },
  markdown: { describe: 'GitHub-flavoured, to paste into docs', render: (r: Report) => renderMarkdown(r) },
} as const satisfies Record<string, { describe: string; render: (r: Report, o: RenderOptions) => string }>;

export type ReportFormat = keyof typeof REPORT_FORMATS;

export const REPORT_FORMAT_NAMES = Object.keys(REPORT_FORMATS) as ReportFormat[];

export function isReportFormat(s: string): s is ReportFormat {
  return Object.hasOwn(REPORT_FORMATS, s);
}

export function renderReport(report: Report, format: ReportFormat, opts: RenderOptions): string {
  return REPORT_FORMATS[format].render(report, opts);
}
