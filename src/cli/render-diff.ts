/**
 * The output formats of `plan --compare`, one renderer per file: `table` (render-diff-table.ts,
 * the default), `json` (the diff as it is; schema in docs/plan-diff-json.md), `markdown`
 * (render-diff-markdown.ts, a pull-request comment within GitHub's limit) and `html`
 * (render-diff-html.ts). Their shared words are in diff-text.ts. The format names are the plan's.
 */
import { OutputFormat } from './render';
import { renderDiffHtml } from './render-diff-html';
import { renderDiffMarkdown } from './render-diff-markdown';
import { renderDiffTable } from './render-diff-table';
import { PlanDiff } from '../model/plan-diff';

export { renderDiffHtml, renderDiffMarkdown, renderDiffTable };

/** The diff as pretty-printed JSON with a trailing newline; text from the manifests kept as it is. */
export function renderDiffJson(diff: PlanDiff): string {
  return `${JSON.stringify(diff, undefined, 2)}\n`;
}

/** Each `--format` value and its renderer of a diff. */
export const DIFF_RENDERERS: { readonly [format in OutputFormat]: (diff: PlanDiff) => string } = {
  table: renderDiffTable,
  json: renderDiffJson,
  markdown: renderDiffMarkdown,
  html: renderDiffHtml,
};
