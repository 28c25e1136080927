/**
 * The formats of `plan --schedule-day`: `table` (the default), `json` (the report as it is; the
 * schema is in docs/scheduled-runs.md), `markdown` (a pull-request comment: the summary first)
 * and `html` (render-schedule-html.ts, with a picture of the day). Their words are in
 * schedule-text.ts.
 */
import { OutputFormat } from './render';
import { renderScheduleHtml } from './render-schedule-html';
import { collisionText, NO_SCHEDULES_TEXT, SCHEDULE_COLUMNS, scheduleCells, scheduleSummaryText, showsOffsets } from './schedule-text';
import { ScheduleDayReport, scheduleDayHasFindings } from '../model/scheduled-runs';
import { markdownText, forTerminal } from '../private/escape';

export { renderScheduleHtml };

/** The report as text people read, with a trailing newline. */
export function renderScheduleTable(report: ScheduleDayReport): string {
  if (report.schedules.length === 0) { return `${NO_SCHEDULES_TEXT}\n`; }
  const offsets = showsOffsets(report);
  const out: string[] = [scheduleSummaryText(report), ''];
  for (const c of report.collisions) { out.push(`${c.outcome === 'PENDING' ? 'pending ' : 'wait    '}  ${collisionText(c, offsets)}`); }
  for (const f of report.findings) { out.push(`${f.severity === 'ERROR' ? 'error   ' : 'warning '}  ${f.schedule ? `${f.schedule.namespace}/${f.schedule.name}: ` : ''}${f.message}`); }
  if (report.collisions.length + report.findings.length > 0) { out.push(''); }
  const rows = [SCHEDULE_COLUMNS, ...report.schedules.map(scheduleCells)].map(r => r.map(forTerminal));
  const widths = SCHEDULE_COLUMNS.map((_, c) => Math.max(...rows.map(r => r[c].length)));
  for (const row of rows) { out.push(`  ${row.map((cell, c) => (c === row.length - 1 ? cell : cell.padEnd(widths[c]))).join('  ')}`.trimEnd()); }
  out.push('');
  for (const a of report.assumptions) { out.push(`assumes: ${a}`); }
  return `${out.map(line => forTerminal(line)).join('\n')}\n`;
}

/** The report as a Markdown comment: the summary, the collisions and findings, then the schedules. */
export function renderScheduleMarkdown(report: ScheduleDayReport): string {
  const title = '**cdk8s-spark-eci plan --schedule-day**';
  if (report.schedules.length === 0) { return `${title}: ${markdownText(NO_SCHEDULES_TEXT)}\n`; }
  const offsets = showsOffsets(report);
  const out = [`${scheduleDayHasFindings(report) ? '❌' : '✅'} ${title}: ${markdownText(scheduleSummaryText(report))}`, ''];
  const list = (heading: string, items: string[]) => {
    if (items.length > 0) { out.push(`**${heading}**`, '', ...items.map(i => `- ${markdownText(i)}`), ''); }
  };
  list('Runs that collide', report.collisions.map(c => collisionText(c, offsets)));
  list('Findings', report.findings.map(f => `${f.severity === 'ERROR' ? 'error' : 'warning'}: ${f.schedule ? `${f.schedule.namespace}/${f.schedule.name}: ` : ''}${f.message}`));
  out.push(
    `| ${SCHEDULE_COLUMNS.map(markdownText).join(' | ')} |`,
    `| ${SCHEDULE_COLUMNS.map(c => (c === 'RUNS' ? '---:' : '---')).join(' | ')} |`,
    ...report.schedules.map(e => `| ${scheduleCells(e).map(markdownText).join(' | ')} |`),
    '',
    ...report.assumptions.map(a => `- ${markdownText(`assumes: ${a}`)}`),
  );
  return `${out.join('\n').trimEnd()}\n`;
}

/** The report as pretty-printed JSON, with a trailing newline. */
export function renderScheduleJson(report: ScheduleDayReport): string {
  return `${JSON.stringify(report, undefined, 2)}\n`;
}

/** Each `--format` value and its renderer of the day. */
export const SCHEDULE_RENDERERS: { readonly [format in OutputFormat]: (report: ScheduleDayReport) => string } = {
  table: renderScheduleTable,
  json: renderScheduleJson,
  markdown: renderScheduleMarkdown,
  html: renderScheduleHtml,
};
