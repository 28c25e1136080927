/**
 * The options of `plan` that print another report than the plan: `--compare BEFORE AFTER` (what
 * a change does, compare-command.ts) and `--schedule-day DAY` (the runs of a day of the
 * ScheduledSparkApplications, schedule-command.ts). cli.ts parses them with its own options (switches in
 * `MODE_SWITCHES`, options with a value in `MODE_VALUE_FLAGS`) and hands them here.
 */
import { ModeResult, runCompare } from './compare-command';
import { OutputFormat } from './render';
import { runScheduleDay, SCHEDULE_DAY_FLAGS } from './schedule-command';
import { CostModel } from '../model/cost-model';
import { ManifestFile } from '../model/plan';
import { scheduleDayOptionsProblem } from '../model/scheduled-runs';

export type { ModeResult };

/** Options without a value. */
export const MODE_SWITCHES: readonly string[] = ['--compare'];

/** Options with a value. */
export const MODE_VALUE_FLAGS: readonly string[] = SCHEDULE_DAY_FLAGS;

/** The lines of the usage for these options. */
export const MODE_USAGE = `  --compare                plan BEFORE and AFTER (the two arguments: a directory or a file
                           each) and print what the change does: per job, placement, ECI
                           size and cost, cold start, problems added and removed, quota
                           pressure; exit 1 when it adds Pending pods or errors
  --schedule-day YYYY-MM-DD
                           print the runs of that day of every ScheduledSparkApplication (its
                           time zone, DST, concurrency policy) and the minutes where runs that
                           start together leave pods Pending or wait (a ResourcePolicy max not
                           per submission, a quota leaf, a queue); the peak submissions per
                           minute against the operator's ~130; exit 1 when pods stay Pending
  --schedule-time-zone Z   the zone the day is read in (default UTC)
  --operator-time-zone Z   the operator's own zone, for timeZone Local or none (default UTC)`;

/** The options given, by name (`'--compare': ''`). */
export type ModeOptions = { readonly [flag: string]: string };

/**
 * Why the options cannot run with these inputs, or undefined.
 *
 * @param others the other options given that take a value (the prices)
 */
export function modeUsageProblem(modes: ModeOptions, inputs: readonly string[], others: readonly string[] = []): string | undefined {
  if ('--compare' in modes && inputs.length !== 2) {
    return `--compare needs two inputs, BEFORE and AFTER (got ${inputs.length})`;
  }
  const day = SCHEDULE_DAY_FLAGS.filter(f => f in modes);
  if (day.length > 0 && !('--schedule-day' in modes)) { return `${day.join(' and ')} go${day.length === 1 ? 'es' : ''} with --schedule-day`; }
  if ('--schedule-day' in modes) {
    if ('--compare' in modes) { return '--compare and --schedule-day are two reports: run the command once for each'; }
    if (others.length > 0) { return `--schedule-day prints no costs: leave out ${others.join(' and ')}`; }
    const problem = scheduleDayOptionsProblem({
      day: modes['--schedule-day'], timeZone: modes['--schedule-time-zone'], operatorTimeZone: modes['--operator-time-zone'],
    });
    if (problem) {
      const flag = { day: '--schedule-day', timeZone: '--schedule-time-zone', operatorTimeZone: '--operator-time-zone' }[problem.option];
      return `${flag} ${problem.allowed} (got "${String(problem.got)}")`;
    }
  }
  return undefined;
}

/**
 * Runs the report the options ask for, or returns undefined when they ask for the plan.
 *
 * @param read reads one input argument (a directory, a file or `-`) as the plan command does
 */
export function runMode(
  modes: ModeOptions, inputs: readonly string[], read: (input: string) => ManifestFile[],
  options: { readonly costModel?: CostModel; readonly format: OutputFormat },
): ModeResult | undefined {
  if ('--compare' in modes) {
    return runCompare(read(inputs[0]), read(inputs[1]), options);
  }
  if ('--schedule-day' in modes) {
    return runScheduleDay(inputs.flatMap(read), modes, options.format);
  }
  return undefined;
}
