/**
 * The `table` format of `plan --compare` (the default): the verdict and job counts first, the
 * totals before and after, then per job that differs a header and one line per change, marked
 * `+` (the change adds it), `-` (removes it) or `~` (changes it).
 */
import {
  changeText, diffJobTitle, diffSourceText, jobChangeLines, jobCountsText, jobsByConcern, jobVerdictText, LINE_MARKERS,
  NO_JOBS_EITHER_SIDE_TEXT, TOTALS_COLUMNS, totalsRows, verdictText,
} from './diff-text';
import { PlanDiff } from '../model/plan-diff';
import { forTerminal } from '../private/escape';

/** The diff as text people read, with a trailing newline; text from the manifests goes through `forTerminal`. */
export function renderDiffTable(diff: PlanDiff): string {
  const t = diff.totals;
  if (t.before.jobs === 0 && t.after.jobs === 0) { return `${NO_JOBS_EITHER_SIDE_TEXT}\n`; }
  const out: string[] = [`${verdictText(diff)}: ${jobCountsText(diff)}`, ''];
  const rows = [TOTALS_COLUMNS, ...totalsRows(diff)];
  const widths = TOTALS_COLUMNS.map((_, c) => Math.max(...rows.map(r => r[c].length)));
  for (const row of rows) {
    out.push(`  ${row.map((cell, c) => (c === row.length - 1 ? cell : cell.padEnd(widths[c]))).join('  ')}`.trimEnd());
  }
  const currency = diff.prices?.currency ?? null;
  for (const job of jobsByConcern(diff)) {
    const verdict = jobVerdictText(job);
    out.push('', `${diffJobTitle(job)}  (${changeText(job)}${verdict ? `, ${verdict}` : ''}; ${diffSourceText(job)})`);
    for (const line of jobChangeLines(job, currency)) { out.push(`  ${LINE_MARKERS[line.kind]} ${line.text}`); }
  }
  for (const a of diff.assumptions) { out.push(`assumes: ${a}`); }
  return `${out.map(forTerminal).join('\n')}\n`;
}
