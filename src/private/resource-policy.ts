/**
 * Private helpers of the ResourcePolicy constructs: Kubernetes label and quantity syntax,
 * Go durations, kube-scheduler versions, and the input of the placement planner.
 */
import { Duration } from 'cdk8s';
import { invalid } from './errors';
import { compareVersions } from './names';
import { formatInteger, MAX_INT64 } from './number-format';
import { checkDuration, NANOS_PER_UNIT, parseQuantityNanos } from './units';

// --- labels ---------------------------------------------------------------------------------

// The label and annotation rules live in the one Kubernetes names module; the constructs import
// them from here, where they have always been.
export { checkAnnotations, checkLabelKey, checkLabelKeyList, checkLabels, checkLabelValue } from './k8s-names';


// --- quantities -------------------------------------------------------------------------------

/** Refuses a string that is not a non-negative Kubernetes quantity (`2`, `0.5`, `1500m`, `40Gi`, `1e3`). */
export function checkQuantity(prop: string, value: string): string {
  const nanos = typeof value === 'string' ? parseQuantityNanos(value) : undefined;
  // apimachinery caps a quantity above 2^63-1 of its unit silently (src/private/number-format.ts): refused here
  if (nanos === undefined || nanos < BigInt(0) || nanos > MAX_INT64 * NANOS_PER_UNIT || value.trim() !== value) {
    invalid(prop, 'must be a non-negative Kubernetes quantity of at most 2^63-1 (9223372036854775807) such as `2`, `500m` or `40Gi`', value);
  }
  return value;
}

// --- durations --------------------------------------------------------------------------------

const GO_UNITS: ReadonlyArray<[string, number]> = [
  ['h', 3_600_000],
  ['m', 60_000],
  ['s', 1_000],
  ['ms', 1],
];

const SUFFIX_OF_UNIT: { [unitLabel: string]: [string, number] } = {
  seconds: ['s', 1_000],
  minutes: ['m', 60_000],
  hours: ['h', 3_600_000],
};

/**
 * Renders a positive `Duration` as a Go duration string. A whole amount in the unit it was
 * written in keeps that unit (`Duration.seconds(90)` is `90s`, `Duration.minutes(15)` is `15m`);
 * anything else is split into hours, minutes, seconds and milliseconds (`Duration.hours(1.5)` is
 * `1h30m`, `Duration.days(1)` is `24h`: Go has no day unit).
 */
export function toGoDuration(prop: string, duration: Duration): string {
  checkDuration(prop, duration, 'Duration.minutes(15)');
  const millis = duration.toMilliseconds({ integral: false });
  if (!Number.isInteger(millis) || millis <= 0) {
    invalid(prop, 'must be a positive whole number of milliseconds', `${millis} ms`);
  }
  if (millis > MAX_GO_DURATION_MILLIS) {
    invalid(prop, 'must be at most 2562047h47m16.854s (Go\'s time.Duration, int64 nanoseconds: time.ParseDuration refuses more)', `${millis} ms`);
  }
  const own = Object.prototype.hasOwnProperty.call(SUFFIX_OF_UNIT, duration.unitLabel()) ? SUFFIX_OF_UNIT[duration.unitLabel()] : undefined;
  if (own && millis % own[1] === 0) {
    return `${formatInteger(prop, millis / own[1])}${own[0]}`;
  }
  let rest = millis;
  let out = '';
  for (const [suffix, factor] of GO_UNITS) {
    const amount = Math.floor(rest / factor);
    if (amount > 0) {
      out += `${formatInteger(prop, amount)}${suffix}`;
      rest -= amount * factor;
    }
  }
  return out;
}

/** The longest Go `time.Duration` (2^63 - 1 ns) in whole milliseconds. */
const MAX_GO_DURATION_MILLIS = Number(MAX_INT64 / BigInt(1_000_000));

// --- kube-scheduler versions ------------------------------------------------------------------

/** A parsed kube-scheduler version, e.g. `[6, 4, 3]`. */
export type SchedulerVersion = readonly number[];

/**
 * Parses an ACK kube-scheduler version: `6.4.3`, `v6.4.3`, or the component's full version
 * `v1.28.3-aliyun-6.4.3.e8a4c58b` (whose `-aliyun-` part is the scheduler version).
 */
export function parseSchedulerVersion(prop: string, version: string): SchedulerVersion {
  const text = (version ?? '').trim();
  const match = /-aliyun-(\d+(?:\.\d+){0,2})/.exec(text) ?? /^v?(\d+(?:\.\d+){0,2})(?:[-+.][0-9A-Za-z.+-]*)?$/.exec(text);
  if (!match) {
    invalid(prop, 'must be a kube-scheduler version such as `6.4.3`, `v6.4.3` or `v1.28.3-aliyun-6.4.3.e8a4c58b`', version);
  }
  const parts = match[1].split('.').map(Number);
  while (parts.length < 3) { parts.push(0); }
  return parts;
}

/** True when `version` is at or above `minimum` (both `major.minor[.patch]`). */
export function versionAtLeast(version: SchedulerVersion, minimum: string): boolean {
  return compareVersions(formatVersion(version), minimum) >= 0;
}

/** Renders a parsed version as `6.4.3`. */
export function formatVersion(version: SchedulerVersion): string {
  return version.join('.');
}

/**
 * Minimum ACK kube-scheduler versions of ResourcePolicy fields, as ACK's ResourcePolicy page lists them.
 *
 * @see https://www.alibabacloud.com/help/en/ack/ack-managed-and-ack-dedicated/user-guide/configure-priority-based-resource-scheduling
 */
export const MIN_SCHEDULER_VERSION = {
  max: '5.0',
  preemptPolicy: '6.1',
  ignorePreviousPod: '6.1',
  ignoreTerminatingPod: '6.1',
  matchLabelKeys: '6.2',
  whenTryNextUnits: '6.4',
  elastic: '6.4.3',
  acs: '6.7.1',
  /**
   * More than one `acs` unit in one policy. Not on ACK's page (nor in DOMAIN.md); from the
   * reliability review (issue #16: "several `acs` units below scheduler 6.8.3" are refused).
   */
  severalAcs: '6.8.3',
  maxResources: '6.9.5',
} as const;

/** A scheduler feature that a policy or unit uses, and the kube-scheduler version it needs. */
export interface SchedulerFeature {
  /** The field as the user wrote it, e.g. `preemptPolicy` or `resource`. */
  readonly field: string;
  /** Minimum version, `major.minor[.patch]`. */
  readonly minimum: string;
  /** The value that uses the feature, for the message. */
  readonly value: unknown;
}

/**
 * Lists pod names, writing runs of four or more consecutive executors as a range:
 * `driver, executor-1` or `executor-2 to executor-40`.
 */
export function describePods(names: readonly string[]): string {
  const parts: string[] = [];
  let run: number[] = [];
  const flush = () => {
    if (run.length >= 4) {
      parts.push(`executor-${run[0]} to executor-${run[run.length - 1]}`);
    } else {
      parts.push(...run.map(n => `executor-${n}`));
    }
    run = [];
  };
  for (const name of names) {
    const match = /^executor-(\d+)$/.exec(name);
    const n = match ? Number(match[1]) : undefined;
    if (n !== undefined && (run.length === 0 || n === run[run.length - 1] + 1)) {
      run.push(n);
      continue;
    }
    flush();
    if (n !== undefined) { run.push(n); } else { parts.push(name); }
  }
  flush();
  return parts.join(', ');
}
