/**
 * Cron schedules and time zones as the Spark operator reads them.
 *
 * The operator (v2.5.2, `internal/controller/scheduledsparkapplication/controller.go`) loads
 * `spec.timeZone` with Go's `time.LoadLocation` ("Local", "UTC" or an IANA name, case as in
 * the tz database), prefixes the schedule with `CRON_TZ=<zone> ` unless it starts with
 * `CRON_TZ=` or `TZ=`, and parses it with robfig/cron v3 `cron.ParseStandard`: five fields,
 * or a descriptor. A schedule it cannot parse leaves the object in `FailedValidation`, which
 * nothing reports at `kubectl apply`; this module refuses the same schedules at synth.
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
 * Why `schedule` is not a schedule the operator parses, or undefined when it is.
 * Follows robfig/cron v3 `Parser.Parse` with the standard options, step by step.
 */
export function cronProblem(schedule: string): CronProblem | undefined {
  if (typeof schedule !== 'string' || schedule === '') {
    return { field: '', allowed: 'must be a cron expression such as "0 3 * * *" or a descriptor such as "@daily"', got: String(schedule) };
  }
  let spec = schedule;
  if (spec.startsWith('TZ=') || spec.startsWith('CRON_TZ=')) {
    const space = spec.indexOf(' ');
    if (space < 0) {
      return { field: '', allowed: 'must have a schedule after "CRON_TZ=<zone> "', got: schedule };
    }
    const zone = spec.slice(spec.indexOf('=') + 1, space);
    const zoneProblem = timeZoneProblem(zone);
    if (zoneProblem) {
      return { field: 'time zone', allowed: zoneProblem, got: zone };
    }
    spec = spec.slice(space).trim();
  } else {
    // The operator writes `CRON_TZ=<timeZone> ` in front, and robfig/cron trims what follows.
    spec = spec.trim();
  }
  if (spec.startsWith('@')) {
    return descriptorProblem(spec);
  }
  const fields = spec.split(/\s+/).filter(f => f !== '');
  if (fields.length !== FIELDS.length) {
    return {
      field: '',
      allowed: `must have exactly 5 fields (minute hour day-of-month month day-of-week), found ${fields.length}`,
      got: schedule,
    };
  }
  for (let i = 0; i < FIELDS.length; i++) {
    const problem = fieldProblem(fields[i], FIELDS[i]);
    if (problem) {
      return { field: `field ${i + 1} (${FIELDS[i].name})`, allowed: problem, got: fields[i] };
    }
  }
  return undefined;
}

/** Throws the library's standard error for a schedule the operator would refuse. */
export function checkCron(prop: string, schedule: string): string {
  const problem = cronProblem(schedule);
  if (problem) {
    invalid(problem.field ? `${prop} ${problem.field}` : prop, problem.allowed, problem.got);
  }
  return schedule;
}

function descriptorProblem(spec: string): CronProblem | undefined {
  if (DESCRIPTORS.includes(spec)) { return undefined; }
  if (spec.startsWith(EVERY)) {
    const text = spec.slice(EVERY.length);
    const ns = parseGoDuration(text);
    if (ns === undefined) {
      return { field: 'duration', allowed: 'must be a Go duration such as "90s", "15m" or "1h30m"', got: text };
    }
    if (ns < 1e9) {
      // robfig/cron runs anything shorter (zero and negative included) every second.
      return { field: 'duration', allowed: 'must be at least 1s', got: text };
    }
    return undefined;
  }
  return {
    field: '',
    allowed: `must be a descriptor (${DESCRIPTORS.join(', ')} or "@every <duration>"), lower-case`,
    got: spec,
  };
}

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

/** robfig/cron v3 `getField`: a comma-separated list of ranges. */
function fieldProblem(text: string, field: CronField): string | undefined {
  for (const part of text.split(',')) {
    const problem = rangeProblem(part, field);
    if (problem) { return problem; }
  }
  return undefined;
}

/** robfig/cron v3 `getRange`: `*`, `?`, `n`, `a-b`, each with an optional `/step`. */
function rangeProblem(expr: string, field: CronField): string | undefined {
  const values = field.names
    ? `${field.min}-${field.max} or ${field.names[0].toUpperCase()}-${field.names[field.names.length - 1].toUpperCase()}`
    : `${field.min}-${field.max}`;
  const allowed = `must be ${values}, "*", "?", a list (","), a range ("-") or a step ("/")`;
  const rangeAndStep = expr.split('/');
  if (rangeAndStep.length > 2) { return `${allowed}, with at most one "/"`; }
  const lowAndHigh = rangeAndStep[0].split('-');
  let start: number;
  let end: number;
  if (lowAndHigh[0] === '*' || lowAndHigh[0] === '?') {
    if (lowAndHigh.length > 1) { return `${allowed}; "${lowAndHigh[0]}" cannot start a range`; }
    start = field.min;
    end = field.max;
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
    if (lowAndHigh.length === 1) { end = field.max; }
  }
  if (start < field.min || end > field.max) { return `must be ${values}`; }
  if (start > end) { return 'must have a range ("-") whose start is not after its end'; }
  return undefined;
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
