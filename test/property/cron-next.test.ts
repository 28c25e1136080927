/**
 * cronNext() (robfig/cron's Next, searching field by field) against a plain scan of every minute
 * of a day: on a day without a DST transition in the schedule's zone, the runs are exactly the
 * minutes whose wall clock matches the fields, with robfig/cron's rule for the two day fields.
 * The DST days, where the two differ on purpose, are tested with robfig/cron's own answers in
 * test/cron-next.test.ts.
 */
import * as fc from 'fast-check';
import { NUM_RUNS, parameters } from './support';
import { CronFields, parseCron } from '../../src/private/cron';
import { cronNext } from '../../src/private/cron-next';
import { GoLocation } from '../../src/private/go-time';

const ZONES = ['UTC', 'Asia/Shanghai', 'Asia/Kolkata', 'America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'America/Sao_Paulo', 'Pacific/Chatham'];

/** One comma-separated part of a field: `*`, `*\/n`, `n`, `a-b`, `a-b/n`, `a/n`. */
function part(min: number, max: number): fc.Arbitrary<string> {
  const value = fc.integer({ min, max });
  const step = fc.integer({ min: 1, max: Math.max(1, max - min) });
  return fc.oneof(
    fc.constant('*'),
    step.map(s => `*/${s}`),
    value.map(String),
    fc.tuple(value, value).map(([a, b]) => `${Math.min(a, b)}-${Math.max(a, b)}`),
    fc.tuple(value, value, step).map(([a, b, s]) => `${Math.min(a, b)}-${Math.max(a, b)}/${s}`),
    fc.tuple(value, step).map(([a, s]) => `${a}/${s}`),
  );
}

function field(min: number, max: number): fc.Arbitrary<string> {
  return fc.array(part(min, max), { minLength: 1, maxLength: 3 }).map(parts => parts.join(','));
}

const SCHEDULE = fc.tuple(field(0, 59), field(0, 23), field(1, 31), field(1, 12), field(0, 6)).map(f => f.join(' '));
const DAY = fc.date({ min: new Date('2001-01-01T00:00:00Z'), max: new Date('2035-12-31T00:00:00Z'), noInvalidDate: true });

/** The wall clock of an instant in a zone, read with Intl directly. */
function wallClock(format: Intl.DateTimeFormat, unix: number): { [part: string]: number } {
  const parts: { [part: string]: number } = {};
  for (const p of format.formatToParts(new Date(unix * 1000))) {
    if (p.type !== 'literal') { parts[p.type] = p.type === 'weekday' ? ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(p.value) : Number(p.value); }
  }
  return parts;
}

test('on a day without a DST change, the runs are the minutes that match', () => {
  fc.assert(fc.property(SCHEDULE, DAY, fc.constantFrom(...ZONES), (spec, date, zone) => {
    const schedule = parseCron(spec).schedule as CronFields;
    const location = new GoLocation(zone);
    const start = location.date(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), 0, 0, 0);
    const end = location.date(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate() + 1, 0, 0, 0);
    // Only days whose offset stays the same, checked every 15 minutes (Lord Howe moves by 30).
    const offsets = new Set<number>();
    for (let t = start - 3600; t <= end + 3600; t += 900) { offsets.add(location.offsetAt(t)); }
    fc.pre(offsets.size === 1);

    const format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone, hourCycle: 'h23', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', weekday: 'short',
    });
    const scanned: number[] = [];
    for (let t = start; t < end; t += 60) {
      const w = wallClock(format, t);
      const dom = schedule.daysOfMonth.has(w.day);
      const dow = schedule.daysOfWeek.has(w.weekday);
      const day = schedule.daysOfMonthStar || schedule.daysOfWeekStar ? dom && dow : dom || dow;
      if (schedule.minutes.has(w.minute) && schedule.hours.has(w.hour) && schedule.months.has(w.month) && day) { scanned.push(t); }
    }
    const found: number[] = [];
    for (let t = cronNext(schedule, location, start - 1); t !== undefined && t < end; t = cronNext(schedule, location, t)) { found.push(t); }
    expect(found).toEqual(scanned);
  }), { ...parameters(), numRuns: Math.max(20, Math.floor(NUM_RUNS / 10)) });
});
