/**
 * The `markdown` format of the `plan` command: a pull-request comment, as a pipeline posts a
 * Terraform plan. A summary line first (what the exit code says, and the totals), then per job a
 * `<details>` block (open when the job has Pending pods or problems) with the role table of the
 * text format, its problems, Pending pods, suggestions and notes as lists; the assumptions and
 * prices last. Every text from the report goes through `markdownText`.
 */
import {
  admissionTexts, coldStartTexts, deadlineTexts, diskTexts, jobFindingsText, jobSourceText, jobTitle, NO_JOBS_TEXT, objectProblemTexts, pendingText,
  planIsClean, pricesText, resourcePolicyText, roleCells, roleColumns, severityText, totalsText,
} from './report-text';
import { JobPlan, PlanReport } from '../model/plan';
import { markdownText } from '../private/escape';

/** Columns whose cells are counts or amounts: right-aligned. */
const NUMERIC_COLUMNS = new Set(['PODS', 'PENDING']);

/** The report as a Markdown document, with a trailing newline. */
export function renderMarkdown(report: PlanReport): string {
  if (report.jobs.length === 0 && report.objects.length === 0) {
    return `**cdk8s-spark-eci plan**: ${markdownText(NO_JOBS_TEXT)}\n`;
  }
  const out: string[] = [
    `${planIsClean(report) ? '✅' : '❌'} **cdk8s-spark-eci plan**: ${markdownText(totalsText(report))}`,
    '',
  ];
  for (const job of report.jobs) {
    out.push(...jobSection(job, report), '');
  }
  const objects = objectProblemTexts(report);
  if (objects.length > 0) {
    out.push('**Other objects**', '', ...objects.map(text => `- ${markdownText(text)}`), '');
  }
  const footer = [
    ...report.assumptions.map(a => `assumes: ${a}`),
    ...[pricesText(report)].filter((p): p is string => p !== undefined),
  ];
  if (footer.length > 0) {
    out.push(...footer.map(line => `- ${markdownText(line)}`), '');
  }
  return `${out.join('\n').trimEnd()}\n`;
}

function jobSection(job: JobPlan, report: PlanReport): string[] {
  const findings = jobFindingsText(job);
  const priced = report.prices !== null;
  const columns = roleColumns(report);
  const out = [
    `<details${findings ? ' open' : ''}>`,
    `<summary><b>${markdownText(jobTitle(job))}</b>${findings ? `: ${markdownText(findings)}` : ''}</summary>`,
    '',
    `${markdownText(jobSourceText(job))}`,
  ];
  const policy = resourcePolicyText(job);
  if (policy) { out.push('', markdownText(policy)); }
  for (const text of admissionTexts(job)) { out.push('', markdownText(text)); }
  out.push(
    '',
    `| ${columns.map(markdownText).join(' | ')} |`,
    `| ${columns.map(c => (NUMERIC_COLUMNS.has(c) || c.startsWith('ECI COST') ? '---:' : '---')).join(' | ')} |`,
    ...job.roles.map(role => `| ${roleCells(role, priced).map(markdownText).join(' | ')} |`),
  );
  list(out, 'Problems', job.problems.map(p => `${severityText(p.severity)}: ${p.message}`));
  list(out, 'Pending pods', job.pending.map(pendingText));
  list(out, 'Suggestions', job.suggestions.map(s => `${s.role}: ${s.text}`));
  list(out, 'Cold start', coldStartTexts(job));
  list(out, 'Notes', job.notes);
  list(out, 'Disk', diskTexts(job));
  list(out, 'Spot reclaim', job.spotReclaim ? [job.spotReclaim] : []);
  list(out, 'Deadlines', deadlineTexts(job));
  out.push('', '</details>');
  return out;
}

function list(out: string[], title: string, items: string[]): void {
  if (items.length === 0) { return; }
  out.push('', `**${title}**`, '', ...items.map(item => `- ${markdownText(item)}`));
}
