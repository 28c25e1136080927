/**
 * The `table` format of the `plan` command (the default): per job a header line, one aligned row
 * per role, then problems, Pending pods, suggestions and notes; then the totals.
 */
import {
  admissionTexts, coldStartTexts, deadlineTexts, diskTexts, jobSourceText, jobTitle, NO_JOBS_TEXT, objectProblemTexts, pendingText, pricesText,
  resourcePolicyText, roleCells, roleColumns, severityText, totalsText,
} from './report-text';
import { PlanReport } from '../model/plan';
import { forTerminal } from '../private/escape';

/**
 * The report as a table people read, with a trailing newline. Text from the manifests (names,
 * namespaces, file names, reasons, notes) goes through `forTerminal`: cells before the column
 * widths are measured, every other line as it is printed.
 */
export function renderTable(report: PlanReport): string {
  if (report.jobs.length === 0 && report.objects.length === 0) {
    return `${NO_JOBS_TEXT}\n`;
  }
  const priced = report.prices !== null;
  const header = roleColumns(report).map(forTerminal);
  const rows = report.jobs.map(job => job.roles.map(role => roleCells(role, priced).map(forTerminal)));
  // One set of widths for every job, so the columns line up down the whole output.
  const widths = header.map((h, c) => Math.max(h.length, ...rows.flat().map(r => r[c].length)));
  const line = (cells: string[]) => `  ${cells.map((cell, c) => (c === cells.length - 1 ? cell : cell.padEnd(widths[c]))).join('  ')}`.trimEnd();

  const out: string[] = [];
  report.jobs.forEach((job, j) => {
    if (j > 0) { out.push(''); }
    out.push(`${jobTitle(job)}  (${jobSourceText(job)})`);
    const policy = resourcePolicyText(job);
    if (policy) { out.push(`  ${policy}`); }
    for (const text of admissionTexts(job)) { out.push(`  ${text}`); }
    out.push(line(header));
    out.push(...rows[j].map(line));
    for (const problem of job.problems) { out.push(`  ${severityText(problem.severity).padEnd(7)}     ${problem.message}`); }
    for (const pending of job.pending) { out.push(`  pending     ${pendingText(pending)}`); }
    for (const s of job.suggestions) { out.push(`  suggestion  ${s.role}: ${s.text}`); }
    for (const text of coldStartTexts(job)) { out.push(`  cold start  ${text}`); }
    for (const note of job.notes) { out.push(`  note        ${note}`); }
    for (const text of diskTexts(job)) { out.push(`  disk        ${text}`); }
    if (job.spotReclaim) { out.push(`  spot        ${job.spotReclaim}`); }
    for (const text of deadlineTexts(job)) { out.push(`  deadline    ${text}`); }
  });

  const objects = objectProblemTexts(report);
  if (objects.length > 0) { out.push(...(out.length > 0 ? [''] : []), 'Other objects', ...objects.map(text => `  ${text}`)); }
  out.push('', totalsText(report));
  for (const a of report.assumptions) { out.push(`assumes: ${a}`); }
  const prices = pricesText(report);
  if (prices) { out.push(prices); }
  return `${out.map(forTerminal).join('\n')}\n`;
}

