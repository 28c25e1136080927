/**
 * cronNext() against robfig/cron v3.0.1's own known answers (spec_test.go, `TestNext` and
 * `TestActivation`), the rows whose second field is 0 written as the standard parser's five
 * fields. The rows without a zone ran in the Go test machine's zone; here they run in UTC.
 */
import { CronFields, parseCron } from '../src/private/cron';
import { cronNext } from '../src/private/cron-next';
import { GoLocation } from '../src/private/go-time';

/** Seconds since the epoch of `2012-03-11T00:00:00-0500` (or `...Z`). */
function at(iso: string): number {
  return Date.parse(iso.replace(/([+-]\d\d)(\d\d)$/, '$1:$2')) / 1000;
}

/** `2012-03-11T01:00:00-0500`: the instant as robfig/cron's tests write it, in the zone. */
function shown(unix: number | undefined, location: GoLocation): string {
  if (unix === undefined) { return ''; }
  const w = location.wall(unix);
  const two = (n: number) => String(n).padStart(2, '0');
  const off = Math.abs(w.offset) / 60;
  return `${w.year}-${two(w.month)}-${two(w.day)}T${two(w.hour)}:${two(w.minute)}:${two(w.second)}${w.offset < 0 ? '-' : '+'}${two(Math.floor(off / 60))}${two(off % 60)}`;
}

function next(spec: string, from: string): string {
  const parsed = parseCron(spec);
  expect(parsed.problem).toBeUndefined();
  const schedule = parsed.schedule as CronFields;
  const location = new GoLocation(schedule.timeZone ?? 'UTC');
  return shown(cronNext(schedule, location, at(from)), location);
}

describe('robfig/cron TestNext', () => {
  test.each<[string, string, string]>([
    // Simple cases
    ['2012-07-09T14:45:00Z', '0/15 * * * *', '2012-07-09T15:00:00+0000'],
    ['2012-07-09T14:59:00Z', '0/15 * * * *', '2012-07-09T15:00:00+0000'],
    ['2012-07-09T14:59:59Z', '0/15 * * * *', '2012-07-09T15:00:00+0000'],
    // Wrap around hours
    ['2012-07-09T15:45:00Z', '20-35/15 * * * *', '2012-07-09T16:20:00+0000'],
    // Wrap around days
    ['2012-07-09T23:46:00Z', '*/15 * * * *', '2012-07-10T00:00:00+0000'],
    ['2012-07-09T23:45:00Z', '20-35/15 * * * *', '2012-07-10T00:20:00+0000'],
    // Wrap around months
    ['2012-07-09T23:35:00Z', '0 0 9 Apr-Oct ?', '2012-08-09T00:00:00+0000'],
    ['2012-07-09T23:35:00Z', '0 0 */5 Apr,Aug,Oct Mon', '2012-08-01T00:00:00+0000'],
    ['2012-07-09T23:35:00Z', '0 0 */5 Oct Mon', '2012-10-01T00:00:00+0000'],
    // Wrap around years
    ['2012-07-09T23:35:00Z', '0 0 * Feb Mon', '2013-02-04T00:00:00+0000'],
    ['2012-07-09T23:35:00Z', '0 0 * Feb Mon/2', '2013-02-01T00:00:00+0000'],
    // Wrap around minute, hour, day, month, and year
    ['2012-12-31T23:59:45Z', '* * * * *', '2013-01-01T00:00:00+0000'],
    // Leap year
    ['2012-07-09T23:35:00Z', '0 0 29 Feb ?', '2016-02-29T00:00:00+0000'],
    // Daylight savings time 2am EST (-5) -> 3am EDT (-4)
    ['2012-03-11T00:00:00-0500', 'TZ=America/New_York 30 2 11 Mar ?', '2013-03-11T02:30:00-0400'],
    // hourly job
    ['2012-03-11T00:00:00-0500', 'TZ=America/New_York 0 * * * ?', '2012-03-11T01:00:00-0500'],
    ['2012-03-11T01:00:00-0500', 'TZ=America/New_York 0 * * * ?', '2012-03-11T03:00:00-0400'],
    ['2012-03-11T03:00:00-0400', 'TZ=America/New_York 0 * * * ?', '2012-03-11T04:00:00-0400'],
    ['2012-03-11T04:00:00-0400', 'TZ=America/New_York 0 * * * ?', '2012-03-11T05:00:00-0400'],
    // hourly job using CRON_TZ
    ['2012-03-11T00:00:00-0500', 'CRON_TZ=America/New_York 0 * * * ?', '2012-03-11T01:00:00-0500'],
    ['2012-03-11T01:00:00-0500', 'CRON_TZ=America/New_York 0 * * * ?', '2012-03-11T03:00:00-0400'],
    // 1am nightly job
    ['2012-03-11T00:00:00-0500', 'TZ=America/New_York 0 1 * * ?', '2012-03-11T01:00:00-0500'],
    ['2012-03-11T01:00:00-0500', 'TZ=America/New_York 0 1 * * ?', '2012-03-12T01:00:00-0400'],
    // 2am nightly job (skipped)
    ['2012-03-11T00:00:00-0500', 'TZ=America/New_York 0 2 * * ?', '2012-03-12T02:00:00-0400'],
    // Daylight savings time 2am EDT (-4) => 1am EST (-5)
    ['2012-11-04T00:00:00-0400', 'TZ=America/New_York 30 2 04 Nov ?', '2012-11-04T02:30:00-0500'],
    ['2012-11-04T01:45:00-0400', 'TZ=America/New_York 30 1 04 Nov ?', '2012-11-04T01:30:00-0500'],
    // hourly job
    ['2012-11-04T00:00:00-0400', 'TZ=America/New_York 0 * * * ?', '2012-11-04T01:00:00-0400'],
    ['2012-11-04T01:00:00-0400', 'TZ=America/New_York 0 * * * ?', '2012-11-04T01:00:00-0500'],
    ['2012-11-04T01:00:00-0500', 'TZ=America/New_York 0 * * * ?', '2012-11-04T02:00:00-0500'],
    // 1am nightly job (runs twice)
    ['2012-11-04T00:00:00-0400', 'TZ=America/New_York 0 1 * * ?', '2012-11-04T01:00:00-0400'],
    ['2012-11-04T01:00:00-0400', 'TZ=America/New_York 0 1 * * ?', '2012-11-04T01:00:00-0500'],
    ['2012-11-04T01:00:00-0500', 'TZ=America/New_York 0 1 * * ?', '2012-11-05T01:00:00-0500'],
    // 2am nightly job
    ['2012-11-04T00:00:00-0400', 'TZ=America/New_York 0 2 * * ?', '2012-11-04T02:00:00-0500'],
    ['2012-11-04T02:00:00-0500', 'TZ=America/New_York 0 2 * * ?', '2012-11-05T02:00:00-0500'],
    // 3am nightly job
    ['2012-11-04T00:00:00-0400', 'TZ=America/New_York 0 3 * * ?', '2012-11-04T03:00:00-0500'],
    ['2012-11-04T03:00:00-0500', 'TZ=America/New_York 0 3 * * ?', '2012-11-05T03:00:00-0500'],
    // Unsatisfiable
    ['2012-07-09T23:35:00Z', '0 0 30 Feb ?', ''],
    ['2012-07-09T23:35:00Z', '0 0 31 Apr ?', ''],
    // Monthly job
    ['2012-11-04T00:00:00-0400', 'TZ=America/New_York 0 3 3 * ?', '2012-12-03T03:00:00-0500'],
    // DST resulting in midnight not being a valid time (robfig/cron issue #157)
    ['2018-10-17T05:00:00-0400', 'TZ=America/Sao_Paulo 0 9 10 * ?', '2018-11-10T06:00:00-0500'],
    ['2018-02-14T05:00:00-0500', 'TZ=America/Sao_Paulo 0 9 22 * ?', '2018-02-22T07:00:00-0500'],
  ])('after %s, %j runs at %s', (from, spec, expected) => {
    // As Go's `actual.Equal(expected)`: the same instant, whatever offset the test writes it in.
    const got = next(spec, from);
    expect(got === '' ? '' : new Date(at(got) * 1000).toISOString()).toBe(expected === '' ? '' : new Date(at(expected) * 1000).toISOString());
  });

  test('the offsets robfig/cron\'s tests write are the zone\'s own on the DST days', () => {
    expect(next('TZ=America/New_York 0 1 * * ?', '2012-11-04T01:00:00-0400')).toBe('2012-11-04T01:00:00-0500');
    expect(next('TZ=America/New_York 0 * * * ?', '2012-03-11T01:00:00-0500')).toBe('2012-03-11T03:00:00-0400');
    expect(next('TZ=America/Sao_Paulo 0 9 10 * ?', '2018-10-17T05:00:00-0400')).toBe('2018-11-10T09:00:00-0200');
  });
});

describe('robfig/cron TestActivation: Next(t - 1s) is t exactly when the schedule matches t', () => {
  test.each<[string, string, boolean]>([
    ['2012-07-09T15:00:00Z', '0/15 * * * *', true],
    ['2012-07-09T15:45:00Z', '0/15 * * * *', true],
    ['2012-07-09T15:40:00Z', '0/15 * * * *', false],
    ['2012-07-09T15:05:00Z', '5/15 * * * *', true],
    ['2012-07-09T15:20:00Z', '5/15 * * * *', true],
    ['2012-07-09T15:50:00Z', '5/15 * * * *', true],
    ['2012-07-15T15:00:00Z', '0/15 * * Jul *', true],
    ['2012-07-15T15:00:00Z', '0/15 * * Jun *', false],
    ['2012-07-15T08:30:00Z', '30 08 ? Jul Sun', true],
    ['2012-07-15T08:30:00Z', '30 08 15 Jul ?', true],
    ['2012-07-16T08:30:00Z', '30 08 ? Jul Sun', false],
    ['2012-07-16T08:30:00Z', '30 08 15 Jul ?', false],
    ['2012-07-09T15:00:00Z', '@hourly', true],
    ['2012-07-09T15:04:00Z', '@hourly', false],
    ['2012-07-09T15:00:00Z', '@daily', false],
    ['2012-07-09T00:00:00Z', '@daily', true],
    ['2012-07-09T00:00:00Z', '@weekly', false],
    ['2012-07-08T00:00:00Z', '@weekly', true],
    ['2012-07-08T01:00:00Z', '@weekly', false],
    ['2012-07-08T00:00:00Z', '@monthly', false],
    ['2012-07-01T00:00:00Z', '@monthly', true],
    // If both day fields are restricted, only one needs to match.
    ['2012-07-15T00:00:00Z', '* * 1,15 * Sun', true],
    ['2012-06-15T00:00:00Z', '* * 1,15 * Sun', true],
    ['2012-08-01T00:00:00Z', '* * 1,15 * Sun', true],
    ['2012-07-15T00:00:00Z', '* * */10 * Sun', true],
    // If one has a star, both need to match.
    ['2012-07-15T00:00:00Z', '* * * * Mon', false],
    ['2012-07-09T00:00:00Z', '* * 1,15 * *', false],
    ['2012-07-15T00:00:00Z', '* * 1,15 * *', true],
    ['2012-07-15T00:00:00Z', '* * */2 * Sun', true],
  ])('%s, %j: %s', (time, spec, expected) => {
    const schedule = parseCron(spec).schedule as CronFields;
    const t = at(time);
    expect(cronNext(schedule, new GoLocation('UTC'), t - 1) === t).toBe(expected);
  });
});

describe('the star bit decides AND or OR of the day fields', () => {
  test('"*/2" is no star, "*/1" and "?" are', () => {
    const fields = (spec: string) => parseCron(spec).schedule as CronFields;
    expect(fields('0 0 */2 * Mon').daysOfMonthStar).toBe(false);
    expect(fields('0 0 */1 * Mon').daysOfMonthStar).toBe(true);
    expect(fields('0 0 ? * Mon').daysOfMonthStar).toBe(true);
    expect([...fields('0 0 */10 * *').daysOfMonth]).toEqual([1, 11, 21, 31]);
    expect([...fields('5/20 * * * *').minutes]).toEqual([5, 25, 45]);
    expect(parseCron('@every 90.5s').schedule).toEqual({ kind: 'every', seconds: 90 });
    expect(parseCron('CRON_TZ=Asia/Tokyo @hourly').schedule).toMatchObject({ kind: 'fields', timeZone: 'Asia/Tokyo' });
  });
});

describe('GoLocation.date is Go\'s time.Date in a gap and an overlap', () => {
  test('New York: 2:30 on the spring-forward night is 1:30 EST; 1:30 on the fall-back night the first (EDT)', () => {
    const ny = new GoLocation('America/New_York');
    expect(shown(ny.date(2012, 3, 11, 2, 30, 0), ny)).toBe('2012-03-11T01:30:00-0500');
    expect(shown(ny.date(2012, 11, 4, 1, 30, 0), ny)).toBe('2012-11-04T01:30:00-0400');
  });

  test('London: 1:30 on the fall-back night is the second (GMT); 1:30 on the spring-forward night 2:30 BST', () => {
    const london = new GoLocation('Europe/London');
    expect(shown(london.date(2024, 10, 27, 1, 30, 0), london)).toBe('2024-10-27T01:30:00+0000');
    expect(shown(london.date(2024, 3, 31, 1, 30, 0), london)).toBe('2024-03-31T02:30:00+0100');
  });

  test('fields out of range roll over as in Go', () => {
    const utc = new GoLocation('UTC');
    expect(shown(utc.date(2024, 13, 1, 0, 0, 0), utc)).toBe('2025-01-01T00:00:00+0000');
    expect(shown(utc.date(2024, 2, 30, 0, 0, 0), utc)).toBe('2024-03-01T00:00:00+0000');
  });
});
