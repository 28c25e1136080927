import { checkCron, checkTimeZone, cronProblem, parseGoDuration, timeZoneProblem } from '../src/private/cron';

describe('cronProblem accepts what robfig/cron v3 ParseStandard accepts', () => {
  test.each([
    '0 3 * * *',
    '* * * * *',
    '*/15 * * * *',
    '0 0 1 1 0',
    '59 23 31 12 6',
    '0 9-17 * * MON-FRI',
    '0 9-17/2 * * mon-fri',
    '0 0 ? * Sun',
    '5/15 * * * *',
    '0,15,30,45 * * * *',
    '0 0 1-7,15 JAN,jul *',
    '0 0 * Feb-Apr *',
    '+5 * * * *',
    '  0 3 * * *  ',
    '0\t3 * * *',
    '? ? ? ? ?',
    '@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly',
    '@every 1h30m', '@every 90s', '@every 1.5h', '@every 1s', '@every 2h45m30.5s',
    'CRON_TZ=UTC 0 3 * * *',
    'TZ=Asia/Shanghai 0 3 * * *',
    'CRON_TZ=America/New_York @daily',
    'CRON_TZ=Local 0 3 * * *',
    ' @daily',
  ])('accepts %j', schedule => {
    expect(cronProblem(schedule)).toBeUndefined();
  });
});

describe('cronProblem refuses what the operator would leave in FailedValidation', () => {
  test.each<[string, string, string, string]>([
    ['61 25 32 13 8', 'field 1 (minute)', 'must be 0-59', '61'],
    ['0 24 * * *', 'field 2 (hour)', 'must be 0-23', '24'],
    ['0 0 0 * *', 'field 3 (day-of-month)', 'must be 1-31', '0'],
    ['0 0 32 * *', 'field 3 (day-of-month)', 'must be 1-31', '32'],
    ['0 0 * 13 *', 'field 4 (month)', 'must be 1-12 or JAN-DEC', '13'],
    ['0 0 * 0 *', 'field 4 (month)', 'must be 1-12 or JAN-DEC', '0'],
    ['0 0 * * 7', 'field 5 (day-of-week)', 'must be 0-6 or SUN-SAT', '7'],
    ['0 0 * * 1-7', 'field 5 (day-of-week)', 'must be 0-6 or SUN-SAT', '1-7'],
    ['0 0 * * FRI-MON', 'field 5 (day-of-week)', 'must have a range ("-") whose start is not after its end', 'FRI-MON'],
    ['30-10 * * * *', 'field 1 (minute)', 'must have a range ("-") whose start is not after its end', '30-10'],
    ['*/0 * * * *', 'field 1 (minute)', 'must have a step ("/") that is an integer >= 1', '*/0'],
    ['*/x * * * *', 'field 1 (minute)', 'must have a step ("/") that is an integer >= 1', '*/x'],
    ['1/2/3 * * * *', 'field 1 (minute)', 'must be 0-59, "*", "?", a list (","), a range ("-") or a step ("/"), with at most one "/"', '1/2/3'],
    ['1-2-3 * * * *', 'field 1 (minute)', 'must be 0-59, "*", "?", a list (","), a range ("-") or a step ("/"), with at most one "-"', '1-2-3'],
    ['a b c d e', 'field 1 (minute)', 'must be 0-59, "*", "?", a list (","), a range ("-") or a step ("/")', 'a'],
    ['0 0 * JANUARY *', 'field 4 (month)', 'must be 1-12 or JAN-DEC, "*", "?", a list (","), a range ("-") or a step ("/")', 'JANUARY'],
    ['MON * * * *', 'field 1 (minute)', 'must be 0-59, "*", "?", a list (","), a range ("-") or a step ("/")', 'MON'],
    ['1,,2 * * * *', 'field 1 (minute)', 'must be 0-59, "*", "?", a list (","), a range ("-") or a step ("/")', '1,,2'],
    ['-1 * * * *', 'field 1 (minute)', 'must be 0-59, "*", "?", a list (","), a range ("-") or a step ("/")', '-1'],
    ['0 3 * *', '', 'must have exactly 5 fields (minute hour day-of-month month day-of-week), found 4', '0 3 * *'],
    ['0 0 3 * * *', '', 'must have exactly 5 fields (minute hour day-of-month month day-of-week), found 6', '0 0 3 * * *'],
    ['@sometimes', '', 'must be a descriptor (@yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly or "@every <duration>"), lower-case', '@sometimes'],
    ['@DAILY', '', 'must be a descriptor (@yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly or "@every <duration>"), lower-case', '@DAILY'],
    ['@daily 0', '', 'must be a descriptor (@yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly or "@every <duration>"), lower-case', '@daily 0'],
    ['@every soon', 'duration', 'must be a Go duration such as "90s", "15m" or "1h30m"', 'soon'],
    ['@every 5', 'duration', 'must be a Go duration such as "90s", "15m" or "1h30m"', '5'],
    ['@every 1d', 'duration', 'must be a Go duration such as "90s", "15m" or "1h30m"', '1d'],
    ['@every  5m', 'duration', 'must be a Go duration such as "90s", "15m" or "1h30m"', ' 5m'],
    ['@every 500ms', 'duration', 'must be at least 1s', '500ms'],
    ['@every -5m', 'duration', 'must be at least 1s', '-5m'],
    ['CRON_TZ=Mars/Olympus_Mons 0 3 * * *', 'time zone', 'must be "Local", "UTC" or an IANA time zone name such as "Asia/Shanghai"', 'Mars/Olympus_Mons'],
    ['CRON_TZ=UTC', '', 'must have a schedule after "CRON_TZ=<zone> "', 'CRON_TZ=UTC'],
    [' CRON_TZ=UTC 0 3 * * *', '', 'must have exactly 5 fields (minute hour day-of-month month day-of-week), found 6', ' CRON_TZ=UTC 0 3 * * *'],
  ])('refuses %j', (schedule, field, allowed, got) => {
    expect(cronProblem(schedule)).toEqual({ field, allowed, got });
  });

  test('checkCron names the prop and the field', () => {
    expect(() => checkCron('schedule', '61 25 32 13 8')).toThrow('schedule field 1 (minute) must be 0-59 (got "61")');
    expect(() => checkCron('schedule', '0 3 * *')).toThrow(/^schedule must have exactly 5 fields/);
  });
});

describe('parseGoDuration follows time.ParseDuration', () => {
  test.each<[string, number | undefined]>([
    ['0', 0], ['1h30m', 5400e9], ['1.5h', 5400e9], ['.5s', 0.5e9], ['5.s', 5e9], ['300ms', 300e6], ['1µs', 1e3], ['1us', 1e3],
    ['-2m', -120e9], ['+2m', 120e9], ['', undefined], ['5', undefined], ['1d', undefined], ['h', undefined], ['1h ', undefined],
    ['9999999h', undefined],
  ])('%j', (text, ns) => {
    expect(parseGoDuration(text)).toBe(ns);
  });
});

describe('timeZoneProblem follows time.LoadLocation', () => {
  test.each([
    'UTC', 'Local', 'Asia/Shanghai', 'America/New_York', 'Europe/Berlin', 'Etc/GMT+5',
    // Node 20 lists the ICU names and canonicalizes others; both the alias and its target load in Go.
    'Asia/Calcutta', 'Asia/Kolkata', 'Asia/Saigon', 'Asia/Ho_Chi_Minh', 'Europe/Kiev', 'Europe/Kyiv',
    'America/Argentina/Buenos_Aires', 'US/Pacific', 'GMT', 'EST5EDT', 'PRC', 'Zulu', 'Etc/UTC',
  ])('accepts %j', zone => {
    expect(timeZoneProblem(zone)).toBeUndefined();
  });
  test.each([
    ['', 'must be "Local", "UTC" or an IANA time zone name such as "Asia/Shanghai"'],
    ['Mars/Olympus_Mons', 'must be "Local", "UTC" or an IANA time zone name such as "Asia/Shanghai"'],
    ['Asia Shanghai', 'must be "Local", "UTC" or an IANA time zone name such as "Asia/Shanghai"'],
    ['+08:00', 'must be "Local", "UTC" or an IANA time zone name such as "Asia/Shanghai"'],
    ['local', 'must be "Local", "UTC" or an IANA time zone name such as "Asia/Shanghai"'],
    ['asia/shanghai', 'must be "Local", "UTC" or an IANA time zone name such as "Asia/Shanghai", written as the tz database writes it ("Asia/Shanghai")'],
    ['utc', 'must be "Local", "UTC" or an IANA time zone name such as "Asia/Shanghai", written as the tz database writes it ("UTC")'],
    ['asia/kolkata', 'must be "Local", "UTC" or an IANA time zone name such as "Asia/Shanghai", written as the tz database writes it'],
    ['PST', 'must be "Local", "UTC" or an IANA time zone name such as "Asia/Shanghai" (not an ICU-only id such as "PST")'],
    ['CTT', 'must be "Local", "UTC" or an IANA time zone name such as "Asia/Shanghai" (not an ICU-only id such as "PST")'],
    ['SystemV/EST5', 'must be "Local", "UTC" or an IANA time zone name such as "Asia/Shanghai", written as the tz database writes it'],
  ])('refuses %j', (zone, problem) => {
    expect(timeZoneProblem(zone)).toBe(problem);
  });
  test('checkTimeZone names the prop', () => {
    expect(() => checkTimeZone('timeZone', 'Mars/Olympus_Mons')).toThrow('timeZone must be "Local", "UTC" or an IANA time zone name such as "Asia/Shanghai" (got "Mars/Olympus_Mons")');
  });
});
