/**
 * Cron schedules and time zones as the Spark operator reads them.
 *
 * The operator (v2.5.2, `internal/controller/scheduledsparkapplication/controller.go`) loads
 * `spec.timeZone` with Go's `time.LoadLocation` ("Local", "UTC" or an IANA name, case as in
 * the tz database), prefixes the schedule with `CRON_TZ=<zone> ` unless it starts with
 * `CRON_TZ=` or `TZ=`, and parses it with robfig/cron v3 `cron.ParseStandard`: five fields,
 * or a descriptor. A schedule it cannot parse leaves the object in `FailedValidation`, which
 * nothing reports at `kubectl apply`; this module refuses the same schedules at synth.
 *
 * `parseCron()` is the one parser: `cronProblem()` reports what it refuses, and the schedule it
 * returns (robfig/cron v3's `SpecSchedule` bit sets, or `@every`'s delay) is what
 * `cron-next.ts` evaluates, so validation and evaluation read a schedule the same way.
 */
import { invalid } from './errors';

/** A refused schedule: which part (`field 1 (minute)`, or empty for the whole), what is allowed, the bad text. */
export interface CronProblem {
  readonly field: string;
  readonly allowed: string;
  readonly got: string;
}

interface CronField {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  readonly names?: readonly string[];
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

/** robfig/cron v3 bounds for the standard five fields. */
const FIELDS: readonly CronField[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day-of-month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: MONTHS },
  { name: 'day-of-week', min: 0, max: 6, names: DAYS },
];

/** robfig/cron v3 `parseDescriptor`: exact, case-sensitive. */
const DESCRIPTORS = ['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly'];
const EVERY = '@every ';

/** Go `time.ParseDuration` units, in nanoseconds. */
const GO_DURATION_UNITS: { [unit: string]: number } = {
  ns: 1, us: 1e3, µs: 1e3, μs: 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9,
};
const GO_DURATION_PART = /(\d+\.?\d*|\.\d+)(ns|us|µs|μs|ms|s|m|h)/y;
const MAX_GO_DURATION_NS = 2 ** 63 - 1;

/**
 * A parsed schedule: robfig/cron v3's `SpecSchedule` (the standard parser fixes the second at 0),
 * or the `ConstantDelaySchedule` of `@every <duration>`.
 */
export type CronSchedule = CronFields | CronEvery;

/** The five fields as the sets of values they match (robfig/cron's bit sets). */
export interface CronFields {
  readonly kind: 'fields';
  readonly minutes: ReadonlySet<number>;
  readonly hours: ReadonlySet<number>;
  readonly daysOfMonth: ReadonlySet<number>;
  readonly months: ReadonlySet<number>;
  /** 0 is Sunday. */
  readonly daysOfWeek: ReadonlySet<number>;
  /** robfig/cron's `starBit`: the field was `*` or `?` without a step above 1; then day-of-month AND day-of-week must match, else either. */
  readonly daysOfMonthStar: boolean;
  readonly daysOfWeekStar: boolean;
  /** A `CRON_TZ=` or `TZ=` zone written in the schedule itself (it wins over `spec.timeZone`). */
  readonly timeZone?: string;
}

/** `@every <duration>`: runs every `seconds` after the time the operator first reconciles the object. */
export interface CronEvery {
  readonly kind: 'every';
  /** The delay in whole seconds (robfig/cron `Every` drops the fraction and runs at least every second). */
  readonly seconds: number;
  readonly timeZone?: string;
}

/**
 * Parses a schedule as robfig/cron v3 `Parser.Parse` with the standard options, step by step:
 * the schedule, or why the operator refuses it.
 */
export function parseCron(schedule: string): { readonly schedule?: CronSchedule; readonly problem?: CronProblem } {
  if (typeof schedule !== 'string' || schedule === '') {
    return { problem: { field: '', allowed: 'must be a cron expression such as "0 3 * * *" or a descriptor such as "@daily"', got: String(schedule) } };
  }
  let spec = schedule;
  let timeZone: string | undefined;
  if (spec.startsWith('TZ=') || spec.startsWith('CRON_TZ=')) {
    const space = spec.indexOf(' ');
    if (space < 0) {
      return { problem: { field: '', allowed: 'must have a schedule after "CRON_TZ=<zone> "', got: schedule } };
    }
    const zone = spec.slice(spec.indexOf('=') + 1, space);
    const zoneProblem = timeZoneProblem(zone);
    if (zoneProblem) {
      return { problem: { field: 'time zone', allowed: zoneProblem, got: zone } };
    }
    timeZone = zone;
    spec = spec.slice(space).trim();
  } else {
    // The operator writes `CRON_TZ=<timeZone> ` in front, and robfig/cron trims what follows.
    spec = spec.trim();
  }
  if (spec.startsWith('@')) {
    const parsed = parseDescriptor(spec);
    return parsed.problem ? parsed : { schedule: { ...parsed.schedule!, ...(timeZone === undefined ? {} : { timeZone }) } };
  }
  const fields = spec.split(/\s+/).filter(f => f !== '');
  if (fields.length !== FIELDS.length) {
    return {
      problem: {
        field: '',
        allowed: `must have exactly 5 fields (minute hour day-of-month month day-of-week), found ${fields.length}`,
        got: schedule,
      },
    };
  }
  const sets: ParsedField[] = [];
  for (let i = 0; i < FIELDS.length; i++) {
    const parsed = parseField(fields[i], FIELDS[i]);
    if (typeof parsed === 'string') {
      return { problem: { field: `field ${i + 1} (${FIELDS[i].name})`, allowed: parsed, got: fields[i] } };
    }
    sets.push(parsed);
  }
  return {
    schedule: {
      kind: 'fields',
      minutes: sets[0].values,
      hours: sets[1].values,
      daysOfMonth: sets[2].values,
      months: sets[3].values,
      daysOfWeek: sets[4].values,
      daysOfMonthStar: sets[2].star,
      daysOfWeekStar: sets[4].star,
      ...(timeZone === undefined ? {} : { timeZone }),
    },
  };
}

/** Why `schedule` is not a schedule the operator parses, or undefined when it is. */
export function cronProblem(schedule: string): CronProblem | undefined {
  return parseCron(schedule).problem;
}

/** Throws the library's standard error for a schedule the operator would refuse. */
export function checkCron(prop: string, schedule: string): string {
  const problem = cronProblem(schedule);
  if (problem) {
    invalid(problem.field ? `${prop} ${problem.field}` : prop, problem.allowed, problem.got);
  }
  return schedule;
}

/** robfig/cron v3 `parseDescriptor`. */
function parseDescriptor(spec: string): { readonly schedule?: CronSchedule; readonly problem?: CronProblem } {
  const descriptor = DESCRIPTOR_FIELDS[spec];
  if (descriptor) { return { schedule: descriptor }; }
  if (spec.startsWith(EVERY)) {
    const text = spec.slice(EVERY.length);
    const ns = parseGoDuration(text);
    if (ns === undefined) {
      return { problem: { field: 'duration', allowed: 'must be a Go duration such as "90s", "15m" or "1h30m"', got: text } };
    }
    if (ns < 1e9) {
      // robfig/cron runs anything shorter (zero and negative included) every second.
      return { problem: { field: 'duration', allowed: 'must be at least 1s', got: text } };
    }
    // `Every`: `duration - duration % time.Second`.
    return { schedule: { kind: 'every', seconds: Math.floor(ns / 1e9) } };
  }
  return {
    problem: {
      field: '',
      allowed: `must be a descriptor (${DESCRIPTORS.join(', ')} or "@every <duration>"), lower-case`,
      got: spec,
    },
  };
}

/** Every value of a field. */
function all(field: CronField): Set<number> {
  return new Set(Array.from({ length: field.max - field.min + 1 }, (_, i) => field.min + i));
}

/** robfig/cron v3 `parseDescriptor`'s schedules: `all()` sets the star bit. */
const DESCRIPTOR_FIELDS: { readonly [descriptor: string]: CronFields } = (() => {
  const [minute, hour, dom, month, dow] = FIELDS;
  const spec = (h: Set<number>, d: Set<number> | undefined, m: Set<number>, w: Set<number> | undefined): CronFields => ({
    kind: 'fields',
    minutes: new Set([0]),
    hours: h,
    daysOfMonth: d ?? all(dom),
    months: m,
    daysOfWeek: w ?? all(dow),
    daysOfMonthStar: d === undefined,
    daysOfWeekStar: w === undefined,
  });
  void minute;
  const yearly = spec(new Set([0]), new Set([1]), new Set([1]), undefined);
  const daily = spec(new Set([0]), undefined, all(month), undefined);
  return {
    '@yearly': yearly,
    '@annually': yearly,
    '@monthly': spec(new Set([0]), new Set([1]), all(month), undefined),
    '@weekly': spec(new Set([0]), undefined, all(month), new Set([0])),
    '@daily': daily,
    '@midnight': daily,
    '@hourly': spec(all(hour), undefined, all(month), undefined),
  };
})();

/** Go `time.ParseDuration`: the duration in nanoseconds, or undefined when Go refuses it. */
export function parseGoDuration(text: string): number | undefined {
  let rest = text;
  let sign = 1;
  if (rest.startsWith('-') || rest.startsWith('+')) {
    sign = rest.startsWith('-') ? -1 : 1;
    rest = rest.slice(1);
  }
  if (rest === '0') { return 0; }
  if (rest === '') { return undefined; }
  let total = 0;
  let at = 0;
  while (at < rest.length) {
    GO_DURATION_PART.lastIndex = at;
    const m = GO_DURATION_PART.exec(rest);
    if (!m) { return undefined; }
    total += Number(m[1]) * GO_DURATION_UNITS[m[2]];
    at = GO_DURATION_PART.lastIndex;
  }
  if (total > MAX_GO_DURATION_NS) { return undefined; }
  return sign * total;
}

/** A field's values, and whether robfig/cron sets its star bit. */
interface ParsedField {
  readonly values: Set<number>;
  readonly star: boolean;
}

/** robfig/cron v3 `getField`: a comma-separated list of ranges, OR-ed; the field, or why it is refused. */
function parseField(text: string, field: CronField): ParsedField | string {
  const values = new Set<number>();
  let star = false;
  for (const part of text.split(',')) {
    const range = parseRange(part, field);
    if (typeof range === 'string') { return range; }
    for (const v of range.values) { values.add(v); }
    star = star || range.star;
  }
  return { values, star };
}

/** robfig/cron v3 `getRange`: `*`, `?`, `n`, `a-b`, each with an optional `/step`; `getBits` for the values. */
function parseRange(expr: string, field: CronField): ParsedField | string {
  const values = field.names
    ? `${field.min}-${field.max} or ${field.names[0].toUpperCase()}-${field.names[field.names.length - 1].toUpperCase()}`
    : `${field.min}-${field.max}`;
  const allowed = `must be ${values}, "*", "?", a list (","), a range ("-") or a step ("/")`;
  const rangeAndStep = expr.split('/');
  if (rangeAndStep.length > 2) { return `${allowed}, with at most one "/"`; }
  const lowAndHigh = rangeAndStep[0].split('-');
  let start: number;
  let end: number;
  let star = false;
  let step = 1;
  if (lowAndHigh[0] === '*' || lowAndHigh[0] === '?') {
    if (lowAndHigh.length > 1) { return `${allowed}; "${lowAndHigh[0]}" cannot start a range`; }
    start = field.min;
    end = field.max;
    star = true;
  } else {
    if (lowAndHigh.length > 2) { return `${allowed}, with at most one "-"`; }
    const low = valueOf(lowAndHigh[0], field);
    const high = lowAndHigh.length === 2 ? valueOf(lowAndHigh[1], field) : low;
    if (low === undefined || high === undefined) { return allowed; }
    start = low;
    end = high;
  }
  if (rangeAndStep.length === 2) {
    if (!/^\+?\d+$/.test(rangeAndStep[1]) || Number(rangeAndStep[1]) < 1) {
      return 'must have a step ("/") that is an integer >= 1';
    }
    step = Number(rangeAndStep[1]);
    // "N/step" means "N-max/step"; a step above 1 clears the star bit ("*/2" is not "*").
    if (lowAndHigh.length === 1) { end = field.max; }
    if (step > 1) { star = false; }
  }
  if (start < field.min || end > field.max) { return `must be ${values}`; }
  if (start > end) { return 'must have a range ("-") whose start is not after its end'; }
  const matched = new Set<number>();
  for (let v = start; v <= end; v += step) { matched.add(v); }
  return { values: matched, star };
}

/** robfig/cron v3 `parseIntOrName`: a name (any case) or a non-negative decimal integer. */
function valueOf(text: string, field: CronField): number | undefined {
  const named = field.names?.indexOf(text.toLowerCase()) ?? -1;
  if (named >= 0) { return field.min + named; }
  return /^\+?\d+$/.test(text) ? Number(text) : undefined;
}

// --- time zones -------------------------------------------------------------------------------

/**
 * tz database names without a `/` (the `backward` and legacy zones). ICU also accepts
 * Java's three-letter ids (`PST`, `IST`, `CTT`...), which Go's `time.LoadLocation` refuses;
 * a name without `/` must be in this list or in the runtime's own list.
 */
const TZDB_NAMES_WITHOUT_SLASH = new Set([
  'CET', 'CST6CDT', 'Cuba', 'EET', 'EST', 'EST5EDT', 'Egypt', 'Eire', 'GB', 'GB-Eire', 'GMT', 'GMT+0', 'GMT-0',
  'GMT0', 'Greenwich', 'HST', 'Hongkong', 'Iceland', 'Iran', 'Israel', 'Jamaica', 'Japan', 'Kwajalein', 'Libya',
  'MET', 'MST', 'MST7MDT', 'NZ', 'NZ-CHAT', 'Navajo', 'PRC', 'PST8PDT', 'Poland', 'Portugal', 'ROC', 'ROK',
  'Singapore', 'Turkey', 'UCT', 'UTC', 'Universal', 'W-SU', 'WET', 'Zulu',
]);

let runtimeZones: Map<string, string> | undefined;

/** The runtime's IANA list, keyed by lower case (for a "did you mean"). */
function zonesByLowerCase(): Map<string, string> {
  if (!runtimeZones) {
    runtimeZones = new Map();
    const supported: string[] = typeof (Intl as any).supportedValuesOf === 'function'
      ? (Intl as any).supportedValuesOf('timeZone') : [];
    for (const zone of [...supported, 'UTC']) { runtimeZones.set(zone.toLowerCase(), zone); }
  }
  return runtimeZones;
}

function runtimeAccepts(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * Why `zone` is not a name Go's `time.LoadLocation` loads, or undefined when it is: `Local`,
 * `UTC`, or an IANA name in the runtime's list (`Intl.supportedValuesOf('timeZone')`), or an
 * alias the runtime accepts (Node lists `Asia/Calcutta` but also knows `Asia/Kolkata`). The
 * tz database is case-sensitive, ICU is not: a name must be written as the database writes it.
 */
export function timeZoneProblem(zone: string): string | undefined {
  const allowed = 'must be "Local", "UTC" or an IANA time zone name such as "Asia/Shanghai"';
  if (typeof zone !== 'string' || zone === '') { return allowed; }
  if (zone === 'Local') { return undefined; }
  const listed = zonesByLowerCase().get(zone.toLowerCase());
  if (listed === zone) { return undefined; }
  if (listed !== undefined) { return `${allowed}, written as the tz database writes it ("${listed}")`; }
  if (!runtimeAccepts(zone)) { return allowed; }
  if (!zone.includes('/')) {
    return TZDB_NAMES_WITHOUT_SLASH.has(zone) ? undefined : `${allowed} (not an ICU-only id such as "PST")`;
  }
  // An alias the runtime does not list: each part of a tz database name starts upper-case.
  const parts = zone.split('/');
  if (parts[0] === 'SystemV' || !parts.every(p => /^[A-Z]/.test(p))) {
    return `${allowed}, written as the tz database writes it`;
  }
  return undefined;
}

/** Throws the library's standard error for a time zone the operator cannot load. */
export function checkTimeZone(prop: string, zone: string): string {
  const problem = timeZoneProblem(zone);
  if (problem) { invalid(prop, problem, zone); }
  return zone;
}
