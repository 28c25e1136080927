/**
 * The output formats of the `plan` command, one renderer per file: `table` (render-table.ts, the
 * default), `json` (render-json.ts), `markdown` (render-markdown.ts, a pull-request comment) and
 * `html` (render-html.ts, one self-contained page). Their shared words are in report-text.ts.
 *
 * Each format is written piece by piece (`CHUNKS`: about one piece per job), so the command never
 * holds the text of a large plan as one string (issue #29: the whole 32 MB HTML page of 10,000
 * jobs, with its parts and its write buffer, was about 100 MiB of the command's peak); the
 * `render*()` functions join the same pieces.
 */
import { htmlChunks, renderHtml } from './render-html';
import { jsonChunks, renderJson } from './render-json';
import { markdownChunks, renderMarkdown } from './render-markdown';
import { renderTable, tableChunks } from './render-table';
import { PlanReport } from '../model/plan';

export { htmlChunks, jsonChunks, markdownChunks, renderHtml, renderJson, renderMarkdown, renderTable, tableChunks };

/** Each `--format` value and its renderer; the first is the default. */
export const RENDERERS = {
  table: renderTable,
  json: renderJson,
  markdown: renderMarkdown,
  html: renderHtml,
} satisfies { [format: string]: (report: PlanReport) => string };

/** A value of `--format`. */
export type OutputFormat = keyof typeof RENDERERS;

/** Each format's text in the pieces the command writes one at a time; joined, its renderer's text. */
export const CHUNKS: { readonly [format in OutputFormat]: (report: PlanReport) => Iterable<string> } = {
  table: tableChunks,
  json: jsonChunks,
  markdown: markdownChunks,
  html: htmlChunks,
};

/** The `--format` values, in the order the usage lists them. */
export const OUTPUT_FORMATS = Object.keys(RENDERERS) as OutputFormat[];

/** Whether `value` names an output format. */
export function isOutputFormat(value: string): value is OutputFormat {
  return Object.prototype.hasOwnProperty.call(RENDERERS, value);
}

/** The text of `format` in the pieces the command writes one at a time. */
export function renderChunks(format: OutputFormat, report: PlanReport): Iterable<string> {
  return CHUNKS[format](report);
}
