/**
 * The output formats of the `plan` command, one renderer per file: `table` (render-table.ts, the
 * default), `json` (render-json.ts), `markdown` (render-markdown.ts, a pull-request comment) and
 * `html` (render-html.ts, one self-contained page). Their shared words are in report-text.ts.
 */
import { renderHtml } from './render-html';
import { jsonChunks, renderJson } from './render-json';
import { renderMarkdown } from './render-markdown';
import { renderTable } from './render-table';
import { PlanReport } from '../model/plan';

export { jsonChunks, renderHtml, renderJson, renderMarkdown, renderTable };

/** Each `--format` value and its renderer; the first is the default. */
export const RENDERERS = {
  table: renderTable,
  json: renderJson,
  markdown: renderMarkdown,
  html: renderHtml,
} satisfies { [format: string]: (report: PlanReport) => string };

/** A value of `--format`. */
export type OutputFormat = keyof typeof RENDERERS;

/** The `--format` values, in the order the usage lists them. */
export const OUTPUT_FORMATS = Object.keys(RENDERERS) as OutputFormat[];

/** Whether `value` names an output format. */
export function isOutputFormat(value: string): value is OutputFormat {
  return Object.prototype.hasOwnProperty.call(RENDERERS, value);
}

/**
 * The text of `format` in the pieces the command writes one at a time: the JSON format piece by
 * piece (its output is the largest, about 4.4 KB per job), the others whole.
 */
export function renderChunks(format: OutputFormat, report: PlanReport): Iterable<string> {
  return format === 'json' ? jsonChunks(report) : [RENDERERS[format](report)];
}
