/**
 * The testing kit's day of scheduled runs: the report `plan --schedule-day` prints for the
 * scope's YAML (`scheduleDay()`, the same function), and the assertion that no runs that start
 * together leave pods Pending.
 */
import { ApiObject } from 'cdk8s';
import { CheckResult } from './plan-checks';
import { checkScope } from './scope-plan';
import { ScheduleCollisionOutcome, scheduleDay, ScheduleDayReport } from '../model/scheduled-runs';
import { invalid } from '../private/errors';

/** The day's report for the API objects under the scope, each with its construct path as its source. */
export function scopeScheduleDay(scope: unknown, day: string, timeZone?: string): ScheduleDayReport {
  const objects = checkScope(scope).node.findAll().filter((c): c is ApiObject => ApiObject.isApiObject(c))
    .map(o => ({ object: o.toJson(), origin: { path: o.node.path } }));
  return scheduleDay(objects, {
    day,
    timeZone,
    onError: (manifest, error) => invalid(`the manifest at ${manifest.origin.path}`, 'must be readable to be planned', error.message),
  });
}

/** Passes when no minute's runs leave pods Pending together; the message lists each such minute. */
export function checkNoScheduleCollisions(report: ScheduleDayReport): CheckResult {
  const pending = report.collisions.filter(c => c.outcome === ScheduleCollisionOutcome.PENDING);
  return pending.length === 0
    ? { pass: true, message: `expected runs that start together on ${report.day} to leave pods Pending, but none do` }
    : {
      pass: false,
      message: `expected no runs that start together on ${report.day} (${report.timeZone}) to leave pods Pending, but:\n`
        + pending.map(c => `  ${c.time} (${c.utcOffset}): ${c.message}`).join('\n'),
    };
}
