/**
 * The `markdown` format of the `plan` command: a pull-request comment, as a pipeline posts a
 * Terraform plan. A summary line first (what the exit code says, and the totals), then per job a
 * `<details>` block (open when the job has Pending pods or problems) with the role table of the
 * text format, its problems, Pending pods, suggestions and notes as lists; the assumptions and
 * prices last. Every text from the report goes through `markdownText`. Written piece by piece
 * (`markdownChunks()`), as the JSON format is.
 */
import {
  admissionTexts, coldStartTexts, deadlineTexts, diskTexts, jobFindingsText, jobSourceText, jobTitle, NO_JOBS_TEXT, objectProblemTexts, pendingText,
  planIsClean, pricesText, resourcePolicyText, roleCells, roleColumns, severityText, totalsText,
} from './report-text';
import { JobPlan, PlanReport } from '../model/plan';
import { markdownText } from '../private/escape';

/** Columns whose cells are counts or amounts: right-aligned. */
const NUMERIC_COLUMNS = new Set(['PODS', 'PENDING']);

/** The report as a Markdown document, with a trailing newline: `markdownChunks()` joined. */
export function renderMarkdown(report: PlanReport): string {
  return Array.from(markdownChunks(report)).join('');
}

/**
 * The Markdown document in pieces: the summary, one per job, then the footer; the command writes
 * them one at a time. The document ends with its last text and one newline (trailing blank lines
 * are held back until more text follows, and dropped at the end).
 */
export function markdownChunks(report: PlanReport): Iterable<string> {
  return endingInOneNewline(markdownPieces(report));
}

function* markdownPieces(report: PlanReport): Generator<string> {
  if (report.jobs.length === 0 && report.objects.length === 0) {
    yield `**cdk8s-spark-eci plan**: ${markdownText(NO_JOBS_TEXT)}\n`;
    return;
  }
  yield lines([`${planIsClean(report) ? '✅' : '❌'} **cdk8s-spark-eci plan**: ${markdownText(totalsText(report))}`, '']);
  for (const job of report.jobs) {
    yield lines([...jobSection(job, report), '']);
  }
  const objects = objectProblemTexts(report);
  if (objects.length > 0) {
    yield lines(['**Other objects**', '', ...objects.map(text => `- ${markdownText(text)}`), '']);
  }
  const footer = [
    ...report.assumptions.map(a => `assumes: ${a}`),
    ...[pricesText(report)].filter((p): p is string => p !== undefined),
  ];
  if (footer.length > 0) {
    yield lines([...footer.map(line => `- ${markdownText(line)}`), '']);
  }
}

/** Each line with its newline. */
function lines(items: string[]): string {
  return items.map(item => `${item}\n`).join('');
}

/**
 * `chunks` with the whitespace at the very end replaced by one newline (what `trimEnd()` and a
 * newline do to the whole text), without holding the text: only whitespace is held back.
 */
function* endingInOneNewline(chunks: Iterable<string>): Generator<string> {
  let held = '';
  for (const chunk of chunks) {
    const text = chunk.trimEnd();
    if (text === '') {
      held += chunk;
      continue;
    }
    yield held + text;
    held = chunk.slice(text.length);
  }
  yield '\n';
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
