/**
 * `cdk8s-spark-eci plan --schedule-day YYYY-MM-DD`: the runs of one day of every
 * ScheduledSparkApplication in the input (`scheduleDay()`, src/model/scheduled-runs.ts), in one of
 * the plan's formats. Exit code 1 when runs that start together leave pods Pending or the
 * operator would refuse a schedule; 0 otherwise (waits in a queue, borrowed quota and a peak
 * above the operator's throughput are warnings).
 */
import { ModeResult } from './compare-command';
import { OutputFormat } from './render';
import { SCHEDULE_RENDERERS } from './render-schedule';
import { inputError, ManifestFile, parseManifests } from '../model/plan';
import { scheduleDay, scheduleDayHasFindings } from '../model/scheduled-runs';

/** The options of the mode. */
export const SCHEDULE_DAY_FLAGS: readonly string[] = ['--schedule-day', '--schedule-time-zone', '--operator-time-zone'];

/** Plans the day of the files' schedules and renders it. */
export function runScheduleDay(files: readonly ManifestFile[], modes: { readonly [flag: string]: string }, format: OutputFormat): ModeResult {
  const report = scheduleDay(parseManifests(files), {
    day: modes['--schedule-day'],
    timeZone: modes['--schedule-time-zone'],
    operatorTimeZone: modes['--operator-time-zone'],
    onError: inputError,
  });
  const bad = scheduleDayHasFindings(report);
  const t = report.totals;
  const parts = [
    ...(t.collisionMinutes > 0 && report.collisions.some(c => c.outcome === 'PENDING') ? [`pods Pending in ${t.collisionMinutes} minute${t.collisionMinutes === 1 ? '' : 's'}`] : []),
    ...(t.errors > 0 ? [`${t.errors} error${t.errors === 1 ? '' : 's'}`] : []),
  ];
  return {
    chunks: [SCHEDULE_RENDERERS[format](report)],
    exitCode: bad ? 1 : 0,
    noun: 'schedule',
    findings: bad ? ` (${parts.join(', ')}: exit code 1)` : '',
  };
}
