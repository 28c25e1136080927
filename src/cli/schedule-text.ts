/**
 * The words of a day of scheduled runs (`plan --schedule-day`), shared by its table, Markdown and
 * HTML formats: the summary, one row per schedule, one line per collision and finding.
 */
import { plural } from './diff-text';
import { ScheduleCollision, ScheduleDayReport, ScheduleEntry } from '../model/scheduled-runs';

/** How many run times a schedule's row shows before `+N more`. */
const TIMES_SHOWN = 8;

/** What every format prints without a ScheduledSparkApplication. */
export const NO_SCHEDULES_TEXT = 'No ScheduledSparkApplication found.';

/**
 * `2026-03-09 (UTC): 3 schedules, 26 runs in 25 minutes; peak 2 submissions in a minute (18:00), the
 * operator is assumed to process 130; 1 minute where runs collide, 2 pods Pending`.
 */
export function scheduleSummaryText(report: ScheduleDayReport): string {
  const t = report.totals;
  const peak = report.peak;
  const when = peak.times.length === 0 ? '' : ` (${peak.times.join(', ')}${peak.times.length < report.minutes.filter(m => m.runs.length + peak.unanchored === peak.submissions).length ? ', ...' : ''})`;
  let text = `${report.day} (${report.timeZone}): ${plural(t.schedules, 'schedule')}, ${plural(t.runs, 'run')} in ${plural(t.minutesWithRuns, 'minute')}`
    + `; peak ${plural(peak.submissions, 'submission')} in a minute${when}, the operator is assumed to process ${report.submissionsPerMinute}`;
  text += t.collisionMinutes === 0 ? '; no runs collide' : `; ${plural(t.collisionMinutes, 'minute')} where runs collide, ${plural(t.pendingPods, 'pod')} Pending`;
  if (t.errors + t.warnings > 0) { text += `; ${plural(t.errors, 'error')}, ${plural(t.warnings, 'warning')}`; }
  return text;
}

/** The columns of the schedules table. */
export const SCHEDULE_COLUMNS = ['SCHEDULE', 'CRON', 'ZONE', 'CONCURRENCY', 'RUNS', 'TIMES'];

/** One schedule's cells, in the order of `SCHEDULE_COLUMNS`. */
export function scheduleCells(entry: ScheduleEntry): string[] {
  const runs = entry.refused !== null ? 'refused' : entry.suspended ? 'suspended' : entry.every !== null ? `~${entry.every.runsPerDay}` : String(entry.runs.length);
  const times = entry.every !== null ? `every ${entry.every.seconds} s, minutes unknown`
    : entry.runs.length <= TIMES_SHOWN ? entry.runs.join(' ') : `${entry.runs.slice(0, TIMES_SHOWN).join(' ')} +${entry.runs.length - TIMES_SHOWN} more`;
  return [`${entry.namespace}/${entry.name}`, entry.schedule, entry.zone, entry.concurrencyPolicy ?? 'unset', runs, times || '-'];
}

/** `18:00 (+00:00): runs of ... start together and share ...: 2 pods stay Pending`. */
export function collisionText(c: ScheduleCollision, showOffset: boolean): string {
  return `${c.time}${showOffset ? ` (${c.utcOffset})` : ''}: ${c.message}`;
}

/** Whether the day's minutes have more than one UTC offset (a DST day): times then show theirs. */
export function showsOffsets(report: ScheduleDayReport): boolean {
  return new Set(report.minutes.map(m => m.utcOffset)).size > 1;
}
