/**
 * When a schedule runs next: robfig/cron v3.0.1 `SpecSchedule.Next` (spec.go), line by line, as
 * the Spark operator v2.5.2 calls it (internal/controller/scheduledsparkapplication/controller.go:
 * `NextRun = schedule.Next(now)` after each run). Its DST behaviour is Go's and is kept as it is:
 * a time that a spring-forward night skips does not run that day (robfig/cron's own tests: "2am
 * nightly job (skipped)"), and a time that a fall-back night repeats runs twice ("1am nightly job
 * (runs twice)"); `@hourly` keeps to the hours the day has.
 */
import { CronFields } from './cron';
import { GoLocation, WallClock } from './go-time';

/** The standard parser's schedules give up after five years, as robfig/cron does. */
const YEARS_AHEAD = 5;

/**
 * The first time after `after` (whole seconds since the epoch) that `schedule` matches in
 * `location`, or undefined when none does within five years (`0 0 30 2 *`).
 */
export function cronNext(schedule: CronFields, location: GoLocation, after: number): number | undefined {
  // Start at the earliest possible time (the upcoming second).
  let t = Math.floor(after) + 1;
  let added = false;
  const yearLimit = location.wall(t).year + YEARS_AHEAD;
  wrap: for (;;) {
    let w = location.wall(t);
    if (w.year > yearLimit) { return undefined; }
    while (!schedule.months.has(w.month)) {
      if (!added) { added = true; t = location.date(w.year, w.month, 1, 0, 0, 0); }
      t = location.addDate(t, 0, 1, 0);
      w = location.wall(t);
      if (w.month === 1) { continue wrap; }
    }
    while (!dayMatches(schedule, w)) {
      if (!added) { added = true; t = location.date(w.year, w.month, w.day, 0, 0, 0); }
      t = location.addDate(t, 0, 0, 1);
      w = location.wall(t);
      // Midnight may not exist on a DST day (Sao Paulo until 2019): add an hour if it is 23, subtract one if it is 1.
      if (w.hour !== 0) {
        t += (w.hour > 12 ? 24 - w.hour : -w.hour) * 3600;
        w = location.wall(t);
      }
      if (w.day === 1) { continue wrap; }
    }
    while (!schedule.hours.has(w.hour)) {
      if (!added) { added = true; t = location.date(w.year, w.month, w.day, w.hour, 0, 0); }
      t += 3600;
      w = location.wall(t);
      if (w.hour === 0) { continue wrap; }
    }
    while (!schedule.minutes.has(w.minute)) {
      if (!added) { added = true; t -= ((t % 60) + 60) % 60; }
      t += 60;
      w = location.wall(t);
      if (w.minute === 0) { continue wrap; }
    }
    // The standard parser's second field is 0.
    while (w.second !== 0) {
      added = true;
      t += 1;
      w = location.wall(t);
      if (w.second === 0) { continue wrap; }
    }
    return t;
  }
}

/** robfig/cron `dayMatches`: both day fields must match when either is `*`, else either one. */
function dayMatches(schedule: CronFields, w: WallClock): boolean {
  const dom = schedule.daysOfMonth.has(w.day);
  const dow = schedule.daysOfWeek.has(w.weekday);
  return schedule.daysOfMonthStar || schedule.daysOfWeekStar ? dom && dow : dom || dow;
}
