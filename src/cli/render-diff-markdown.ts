/**
 * The `markdown` format of `plan --compare`: a pull-request comment. The verdict and the totals
 * come first, then per job that differs a `<details>` block (open when the change adds Pending
 * pods or errors to it), those jobs first. GitHub refuses a comment longer than 65,536
 * characters: job blocks that would not fit are left out, and a note says how many and where the
 * whole diff is. Every text from the diff goes through `markdownText`.
 */
import {
  changeText, diffJobTitle, diffSourceText, jobChangeLines, jobCountsText, jobsByConcern, jobVerdictText, NO_JOBS_EITHER_SIDE_TEXT,
  plural, TOTALS_COLUMNS, totalsRows, verdictText,
} from './diff-text';
import { JobDiff, PlanDiff } from '../model/plan-diff';
import { markdownText } from '../private/escape';

/**
 * The largest comment GitHub takes: 65,536 characters (its API answers "body is too long" past
 * that). Counted here in UTF-16 code units, which is never fewer than the characters.
 */
export const MAX_COMMENT_CHARACTERS = 65_536;

/**
 * The diff as a Markdown comment of at most `maxCharacters`, with a trailing newline.
 *
 * @param maxCharacters the longest comment to write (default `MAX_COMMENT_CHARACTERS`)
 */
export function renderDiffMarkdown(diff: PlanDiff, maxCharacters: number = MAX_COMMENT_CHARACTERS): string {
  const t = diff.totals;
  const title = '**cdk8s-spark-eci plan --compare**';
  if (t.before.jobs === 0 && t.after.jobs === 0) { return `${title}: ${markdownText(NO_JOBS_EITHER_SIDE_TEXT)}\n`; }
  const head = [
    `${diff.addsPendingOrErrors ? '❌' : '✅'} ${title}: ${markdownText(`${verdictText(diff)}: ${jobCountsText(diff)}`)}`,
    '',
    `| ${TOTALS_COLUMNS.map(markdownText).join(' | ')} |`,
    '| --- | ---: | ---: | ---: |',
    ...totalsRows(diff).map(r => `| ${r.map(markdownText).join(' | ')} |`),
    '',
    '',
  ].join('\n');
  const foot = diff.assumptions.length === 0 ? '' : `\n${diff.assumptions.map(a => `- ${markdownText(`assumes: ${a}`)}`).join('\n')}\n`;
  const jobs = jobsByConcern(diff);
  const sections = jobs.map(job => jobSection(job, diff.prices?.currency ?? null));
  let body = head;
  let shown = 0;
  for (const section of sections) {
    const note = shown + 1 < sections.length ? truncationNote(shown + 1, sections.length) : '';
    if (body.length + section.length + note.length + foot.length + 1 > maxCharacters) { break; }
    body += section;
    shown++;
  }
  if (shown < sections.length) { body += truncationNote(shown, sections.length); }
  return `${`${body}${foot}`.trimEnd()}\n`;
}

/** What a reader of a cut comment needs: how many jobs are left out, and where to see them. */
function truncationNote(shown: number, total: number): string {
  return `\n> **${plural(total - shown, 'more job')} not shown** (${shown} of ${total} that differ): GitHub limits a comment to `
    + `${MAX_COMMENT_CHARACTERS.toLocaleString('en-US')} characters. The jobs that add Pending pods or errors come first; `
    + 'the whole diff is in `plan --compare --format html` or `--format json`.\n';
}

function jobSection(job: JobDiff, currency: string | null): string {
  const verdict = jobVerdictText(job);
  const lines = jobChangeLines(job, currency).map(line => {
    const mark = line.kind === 'added' ? '**+** ' : line.kind === 'removed' ? '**−** ' : '';
    return `- ${mark}${markdownText(line.text)}`;
  });
  return [
    `<details${verdict ? ' open' : ''}>`,
    `<summary><b>${markdownText(diffJobTitle(job))}</b>: ${markdownText(`${changeText(job)}${verdict ? `, ${verdict}` : ''}`)}</summary>`,
    '',
    markdownText(diffSourceText(job)),
    '',
    ...lines,
    '',
    '</details>',
    '',
  ].join('\n');
}
