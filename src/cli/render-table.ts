/**
 * The `table` format of the `plan` command (the default): per job a header line, one aligned row
 * per role, then problems, Pending pods, suggestions and notes; then the totals. Written piece by
 * piece (`tableChunks()`), as the JSON format is.
 */
import {
  admissionTexts, coldStartTexts, deadlineTexts, diskTexts, jobSourceText, jobTitle, NO_JOBS_TEXT, objectProblemTexts, pendingText, pricesText,
  resourcePolicyText, roleCells, roleColumns, severityText, totalsText,
} from './report-text';
import { PlanReport, RolePlan } from '../model/plan';
import { forTerminal } from '../private/escape';

/** The report as a table people read, with a trailing newline: `tableChunks()` joined. */
export function renderTable(report: PlanReport): string {
  return Array.from(tableChunks(report)).join('');
}

/**
 * The table in pieces, one per job, then the totals: the command writes them one at a time, so
 * the text of 10,000 jobs is never one string. Text from the manifests (names, namespaces, file
 * names, reasons, notes) goes through `forTerminal`: cells before the column widths are measured,
 * every other line as it is printed. One set of widths for every job, so the columns line up
 * down the whole output: a first pass over the roles measures them.
 */
export function* tableChunks(report: PlanReport): Generator<string> {
  if (report.jobs.length === 0 && report.objects.length === 0) {
    yield `${NO_JOBS_TEXT}\n`;
    return;
  }
  const priced = report.prices !== null;
  const header = roleColumns(report).map(forTerminal);
  const cellsOf = (role: RolePlan) => roleCells(role, priced).map(forTerminal);
  const widths = header.map(h => h.length);
  for (const job of report.jobs) {
    for (const role of job.roles) {
      cellsOf(role).forEach((cell, c) => { widths[c] = Math.max(widths[c], cell.length); });
    }
  }
  const line = (cells: string[]) => `  ${cells.map((cell, c) => (c === cells.length - 1 ? cell : cell.padEnd(widths[c]))).join('  ')}`.trimEnd();

  for (const [j, job] of report.jobs.entries()) {
    const out: string[] = [`${jobTitle(job)}  (${jobSourceText(job)})`];
    const policy = resourcePolicyText(job);
    if (policy) { out.push(`  ${policy}`); }
    for (const text of admissionTexts(job)) { out.push(`  ${text}`); }
    out.push(line(header));
    for (const role of job.roles) { out.push(line(cellsOf(role))); }
    for (const problem of job.problems) { out.push(`  ${severityText(problem.severity).padEnd(7)}     ${problem.message}`); }
    for (const pending of job.pending) { out.push(`  pending     ${pendingText(pending)}`); }
    for (const s of job.suggestions) { out.push(`  suggestion  ${s.role}: ${s.text}`); }
    for (const text of coldStartTexts(job)) { out.push(`  cold start  ${text}`); }
    for (const note of job.notes) { out.push(`  note        ${note}`); }
    for (const text of diskTexts(job)) { out.push(`  disk        ${text}`); }
    if (job.spotReclaim) { out.push(`  spot        ${job.spotReclaim}`); }
    for (const text of deadlineTexts(job)) { out.push(`  deadline    ${text}`); }
    // A blank line between jobs.
    yield `${j > 0 ? '\n' : ''}${out.map(forTerminal).join('\n')}\n`;
  }

  const objects = objectProblemTexts(report);
  if (objects.length > 0) {
    yield `${report.jobs.length > 0 ? '\n' : ''}${['Other objects', ...objects.map(text => `  ${text}`)].map(forTerminal).join('\n')}\n`;
  }
  const tail = [totalsText(report), ...report.assumptions.map(a => `assumes: ${a}`)];
  const prices = pricesText(report);
  if (prices) { tail.push(prices); }
  yield `\n${tail.map(forTerminal).join('\n')}\n`;
}
