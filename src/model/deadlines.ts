/**
 * How long a job may wait to start, how long it may run, and how long it stays after it ends, read
 * from its rendered manifest (plain JSON, synthesized or hand-written): only what something in the
 * cluster enforces.
 *
 * - **Start**: ECI's `k8s.aliyun.com/eci-max-pending-minute` (DOMAIN.md §4: 10 to 1440 minutes,
 *   default 240) on pods ECI creates. It counts only the ECI instance's Pending phase (after ECI
 *   has chosen where to create it: image pull, volume mounts), not the time a pod waits for a node
 *   or for capacity, nor the time an init container runs; then ECI ends the pod (ECI "Specify the
 *   maximum pending duration of an Elastic Container Instance-based pod",
 *   https://www.alibabacloud.com/help/en/eci/user-guide/customize-the-maximum-pending-duration-of-the-eci-pod).
 *   Pods on ECS nodes have no such bound: Kubernetes ends no Pending pod, and no operator release
 *   from v2.0 to v2.5.2 has a submission or pending timeout (kubeflow/spark-operator v2.5.2
 *   `api/v1beta2/sparkapplication_types.go`: no such field; issues #686 and #2872 ask for one).
 * - **Run**: Spark 4.0's `spark.driver.timeout` (minutes; `0`, the default, is none), read only by
 *   the built-in `org.apache.spark.deploy.DriverTimeoutPlugin` when `spark.plugins` (or
 *   `spark.plugins.defaultList`) names it; the plugin starts its clock when the driver's
 *   SparkContext starts and exits the JVM with code 124 when it rings (Spark v4.0.0-preview2
 *   `core/src/main/scala/org/apache/spark/internal/config/package.scala:1180-1186`,
 *   `core/src/main/scala/org/apache/spark/deploy/DriverTimeoutPlugin.scala:34-64`,
 *   `core/src/main/scala/org/apache/spark/util/SparkExitCode.scala:49`). Spark 3.5 has neither
 *   the conf nor the plugin class, and a plugin class it cannot load fails the SparkContext
 *   (`core/src/main/scala/org/apache/spark/util/Utils.scala@v3.5.2:2770-2787`: `classForName`
 *   throws, uncaught). The operator's `restartPolicy` then decides whether the failed driver runs
 *   again (operator v2.5.2 `pkg/util/sparkapplication.go:84-109`, `ShouldRetry`).
 * - **Clean-up**: the operator's `timeToLiveSeconds`: it deletes the SparkApplication once that
 *   many seconds have passed since it ended (COMPLETED or FAILED) (operator v2.5.2
 *   `pkg/util/sparkapplication.go:63-77`, `IsExpired`;
 *   `internal/controller/sparkapplication/controller.go:665-715`). Every release from v2.0 has it.
 *
 * A cluster profile that asks for deadlines (`requireDeadlines`) says so in the manifest, with the
 * annotation `cdk8s-spark-eci/require-deadlines: "true"` on the SparkApplication (or
 * ScheduledSparkApplication), so that `plan`, the cdk8s plugin and synthesis warn alike.
 */
import { DEFAULT_MAX_PENDING_MINUTES, ECI_ANNOTATION_KEYS } from './eci-annotation-keys';
import { isObject, stringMap } from './json';
import { readSparkTime } from './spark-conf-values';
import { compareVersions } from '../private/names';

/** The annotation (on the application object) that says the job's cluster profile asks for deadlines. */
export const REQUIRE_DEADLINES_ANNOTATION = 'cdk8s-spark-eci/require-deadlines';

/** Spark's driver timeout, in minutes when it has no unit (Spark 4.0+). */
export const DRIVER_TIMEOUT_CONF = 'spark.driver.timeout';
/** The plugins Spark loads into the application (comma-separated class names). */
export const SPARK_PLUGINS_CONF = 'spark.plugins';
/** The plugins an administrator puts before `spark.plugins` (Spark's `withPrepended`). */
export const SPARK_PLUGINS_DEFAULT_LIST_CONF = 'spark.plugins.defaultList';
/** The built-in plugin that reads `spark.driver.timeout`. */
export const DRIVER_TIMEOUT_PLUGIN = 'org.apache.spark.deploy.DriverTimeoutPlugin';
/** The first Spark release with `spark.driver.timeout` and its plugin. */
export const DRIVER_TIMEOUT_SINCE = '4.0.0';
/** The exit code of a driver its timeout ended (`SparkExitCode.DRIVER_TIMEOUT`). */
export const DRIVER_TIMEOUT_EXIT_CODE = 124;

const DRIVER_TIMEOUT_SOURCE = 'Spark v4.0.0-preview2 DriverTimeoutPlugin.scala:34-64, config/package.scala:1180-1186';

/** A value Spark refuses: the application fails. */
export interface DeadlineRefusal {
  /** The field, relative to the application spec: `sparkConf["spark.driver.timeout"]`. */
  readonly field: string;
  /** What the value must be, and its source. */
  readonly allowed: string;
  readonly got: string;
}

/** The run deadline as the manifest sets it. */
export interface RunDeadlineModel {
  /** Minutes after the driver's SparkContext starts at which Spark ends the driver; undefined when nothing does. */
  readonly minutes?: number;
  /** Why a `spark.driver.timeout` of the manifest ends nothing, when it does not. */
  readonly ignored?: string;
  /** What Spark refuses of the run deadline's settings. */
  readonly refusals: readonly DeadlineRefusal[];
}

/** A job's deadlines as its manifest sets them. */
export interface DeadlinesModel {
  /** `eci-max-pending-minute` of each role's pods, as written; undefined where ECI's default applies. */
  readonly eciMaxPendingMinutes: { readonly driver?: number; readonly executor?: number };
  readonly run: RunDeadlineModel;
  /** `timeToLiveSeconds`, when it is a whole number. */
  readonly cleanUpSeconds?: number;
  /** How often the operator runs the application when it fails: 1, retries + 1 (`OnFailure`), or undefined for `Always` (no end). */
  readonly attempts?: number;
  /** Whether the job's cluster profile asks for deadlines (the annotation). */
  readonly required: boolean;
}

/** The minutes of `eci-max-pending-minute` in a pod's annotations, when it holds a whole number above 0. */
export function eciMaxPendingMinutesOf(annotations: { readonly [key: string]: string }): number | undefined {
  const text = annotations[ECI_ANNOTATION_KEYS.MAX_PENDING_MINUTE];
  const minutes = text === undefined || text.trim() === '' ? NaN : Number(text);
  return Number.isInteger(minutes) && minutes > 0 ? minutes : undefined;
}

/** The minutes ECI lets a pod with these annotations stay in its Pending phase: the annotation, else ECI's default. */
export function effectiveEciMaxPendingMinutes(annotations: { readonly [key: string]: string }): number {
  return eciMaxPendingMinutesOf(annotations) ?? DEFAULT_MAX_PENDING_MINUTES;
}

/**
 * Reads a job's deadlines.
 *
 * @param manifest the SparkApplication or ScheduledSparkApplication (its metadata holds the requirement)
 * @param spec the application spec (a ScheduledSparkApplication's `template`)
 * @param annotations each role's pod annotations (the template's and the spec field's)
 */
export function readDeadlines(
  manifest: unknown, spec: { readonly [key: string]: any },
  annotations: { readonly driver: { readonly [key: string]: string }; readonly executor: { readonly [key: string]: string } },
): DeadlinesModel {
  const metadata = isObject(manifest) && isObject(manifest.metadata) ? manifest.metadata : {};
  const ttl = spec.timeToLiveSeconds;
  return {
    eciMaxPendingMinutes: { driver: eciMaxPendingMinutesOf(annotations.driver), executor: eciMaxPendingMinutesOf(annotations.executor) },
    run: readRunDeadline(stringMap(spec.sparkConf), typeof spec.sparkVersion === 'string' ? spec.sparkVersion : undefined),
    cleanUpSeconds: Number.isInteger(ttl) ? ttl : undefined,
    attempts: attemptsOf(spec.restartPolicy),
    required: stringMap(metadata.annotations)[REQUIRE_DEADLINES_ANNOTATION] === 'true',
  };
}

/** Whether `sparkVersion` has `spark.driver.timeout` (4.0 and later). */
export function hasDriverTimeout(sparkVersion: string | undefined): boolean {
  return sparkVersion !== undefined && compareVersions(sparkVersion, DRIVER_TIMEOUT_SINCE) >= 0;
}

/** The plugin class names Spark loads: `spark.plugins.defaultList`, then `spark.plugins` (`Utils.stringToSeq`: split on `,`, trimmed). */
export function sparkPlugins(conf: { readonly [key: string]: string }): string[] {
  return [conf[SPARK_PLUGINS_DEFAULT_LIST_CONF], conf[SPARK_PLUGINS_CONF]]
    .filter((v): v is string => v !== undefined)
    .flatMap(v => v.split(',').map(s => s.trim()).filter(s => s !== ''));
}

function readRunDeadline(conf: { readonly [key: string]: string }, sparkVersion: string | undefined): RunDeadlineModel {
  const spark4 = hasDriverTimeout(sparkVersion);
  const loaded = sparkPlugins(conf).includes(DRIVER_TIMEOUT_PLUGIN);
  const refusals: DeadlineRefusal[] = [];
  if (loaded && !spark4) {
    const key = (conf[SPARK_PLUGINS_CONF] ?? '').includes(DRIVER_TIMEOUT_PLUGIN) ? SPARK_PLUGINS_CONF : SPARK_PLUGINS_DEFAULT_LIST_CONF;
    refusals.push({
      field: `sparkConf[${JSON.stringify(key)}]`,
      allowed: `must not name ${DRIVER_TIMEOUT_PLUGIN} before Spark ${DRIVER_TIMEOUT_SINCE}, which added it: the SparkContext fails on a plugin class it cannot load `
        + '(Spark v3.5.2 Utils.scala:2770-2787)',
      got: `sparkVersion ${sparkVersion ?? 'unset'}`,
    });
  }
  const text = conf[DRIVER_TIMEOUT_CONF];
  if (text === undefined) { return { refusals }; }
  if (!spark4) {
    return { refusals, ignored: `sparkVersion ${sparkVersion ?? 'unset'} has no ${DRIVER_TIMEOUT_CONF}, which Spark ${DRIVER_TIMEOUT_SINCE} added` };
  }
  if (!loaded) {
    return { refusals, ignored: `Spark reads it only in ${DRIVER_TIMEOUT_PLUGIN}, and neither ${SPARK_PLUGINS_CONF} nor ${SPARK_PLUGINS_DEFAULT_LIST_CONF} names it` };
  }
  const minutes = readSparkTime(text, 'min');
  if (minutes === undefined || minutes < 0) {
    refusals.push({
      field: `sparkConf[${JSON.stringify(DRIVER_TIMEOUT_CONF)}]`,
      allowed: `must be a time of 0 or more, such as "30min" or "2h" (${DRIVER_TIMEOUT_SOURCE}; JavaUtils.timeStringAs)`,
      got: text,
    });
    return { refusals };
  }
  if (minutes === 0) {
    // `0` turns the timeout off on purpose; `30s` is 0 whole minutes, which surprises.
    return readSparkTime(text, 'us') === 0 ? { refusals } : { refusals, ignored: `${text} is 0 whole minutes, which Spark reads as no timeout` };
  }
  return { refusals, minutes };
}

/** Runs of the application when each fails (`ShouldRetry`): 1 by default, retries + 1 with OnFailure, no end with Always. */
function attemptsOf(restartPolicy: unknown): number | undefined {
  if (!isObject(restartPolicy)) { return 1; }
  if (restartPolicy.type === 'Always') { return undefined; }
  if (restartPolicy.type === 'OnFailure' && Number.isInteger(restartPolicy.onFailureRetries) && restartPolicy.onFailureRetries >= 0) {
    return restartPolicy.onFailureRetries + 1;
  }
  return 1;
}

/** Where one role's pods may run, as the planner placed them. */
export interface RoleWhere {
  readonly role: 'driver' | 'executor';
  /** Pods of the role that run at once. */
  readonly count: number;
  /** Pods sure to run on ECI, and pods that may. */
  readonly eciPods: { readonly atLeast: number; readonly atMost: number };
}

/** A finding about deadlines, for the planner to make a problem of (a `ProblemCode` name, without importing it). */
export interface DeadlineFinding {
  readonly code: 'DEADLINE_START_MISSING' | 'DEADLINE_RUN_MISSING' | 'DEADLINE_CLEAN_UP_MISSING' | 'DEADLINE_RUN_IGNORED' | 'SPARK_REFUSES_VALUE';
  readonly severity: 'ERROR' | 'WARNING';
  readonly role?: 'driver' | 'executor';
  readonly field: string;
  readonly detail: string;
}

/**
 * What is wrong with a job's deadlines: settings Spark refuses or ignores, and, when the job's
 * cluster profile asks for deadlines, each one it lacks: a start deadline on every role whose pods
 * may run on ECI (nothing can bound the others), a run deadline, a clean-up deadline.
 */
export function deadlineFindings(deadlines: DeadlinesModel, sparkVersion: string | undefined, roles: readonly RoleWhere[]): DeadlineFinding[] {
  const out: DeadlineFinding[] = deadlines.run.refusals.map(r => ({
    code: 'SPARK_REFUSES_VALUE', severity: 'ERROR', role: 'driver', field: r.field, detail: `${r.allowed} (got ${JSON.stringify(r.got)})`,
  }));
  if (deadlines.run.ignored !== undefined) {
    out.push({ code: 'DEADLINE_RUN_IGNORED', severity: 'WARNING', role: 'driver', field: `sparkConf[${JSON.stringify(DRIVER_TIMEOUT_CONF)}]`, detail: deadlines.run.ignored });
  }
  if (!deadlines.required) { return out; }
  for (const role of roles) {
    if (role.eciPods.atMost > 0 && deadlines.eciMaxPendingMinutes[role.role] === undefined) {
      out.push({ code: 'DEADLINE_START_MISSING', severity: 'WARNING', role: role.role, field: `${role.role}.annotations`, detail: `${DEFAULT_MAX_PENDING_MINUTES} min` });
    }
  }
  if (deadlines.run.minutes === undefined) {
    const version = `sparkVersion ${sparkVersion ?? 'unset'}`;
    const detail = hasDriverTimeout(sparkVersion) ? version : `${version}, which has no ${DRIVER_TIMEOUT_CONF}`;
    out.push({ code: 'DEADLINE_RUN_MISSING', severity: 'WARNING', field: 'sparkConf', detail });
  }
  if (deadlines.cleanUpSeconds === undefined) {
    out.push({ code: 'DEADLINE_CLEAN_UP_MISSING', severity: 'WARNING', field: 'timeToLiveSeconds', detail: 'unset' });
  }
  return out;
}

/** One role's start deadline in the plan report. */
export interface StartDeadlinePlan {
  readonly role: string;
  /**
   * Minutes ECI lets the role's ECI pods stay in its Pending phase (image pull, volume mounts)
   * before it ends them; null when no pod of the role runs on ECI.
   */
  readonly eciMaxPendingMinutes: number | null;
  /** Whether the manifest sets it (`k8s.aliyun.com/eci-max-pending-minute`); false where ECI's default of 240 applies. */
  readonly explicit: boolean;
  /** Pods of the role that may run elsewhere than on ECI (ECS nodes, or nowhere yet), where nothing bounds how long they stay Pending. */
  readonly unboundedPods: number;
}

/** A job's effective deadlines in the plan report (`plan --json`): what ends it, and when. */
export interface DeadlinesPlan {
  /** The driver's, then the executors'. */
  readonly start: StartDeadlinePlan[];
  /** Minutes after the driver's SparkContext starts at which Spark ends the driver (exit code 124); null when nothing does. */
  readonly runMinutes: number | null;
  /** How often the operator runs a failed application (a driver its deadline ended fails): 1, retries + 1, or null for `restartPolicy: Always` (no end). */
  readonly attempts: number | null;
  /** Seconds after the application ends at which the operator deletes it (`timeToLiveSeconds`); null when it is kept until deleted. */
  readonly cleanUpSeconds: number | null;
  /** Whether the job's cluster profile asks for deadlines (`cdk8s-spark-eci/require-deadlines: "true"`). */
  readonly required: boolean;
  /** Whether the manifest sets any deadline itself (a start deadline, a run deadline or `timeToLiveSeconds`). */
  readonly set: boolean;
  /** The start, run and clean-up deadlines, one sentence each, as the text formats print them. */
  readonly messages: string[];
}

/** A job's effective deadlines, given where the planner placed its pods. */
export function deadlinesPlan(deadlines: DeadlinesModel, sparkVersion: string | undefined, roles: readonly RoleWhere[]): DeadlinesPlan {
  const start = roles.map((r): StartDeadlinePlan => {
    const minutes = deadlines.eciMaxPendingMinutes[r.role];
    return {
      role: r.role,
      eciMaxPendingMinutes: r.eciPods.atMost > 0 ? minutes ?? DEFAULT_MAX_PENDING_MINUTES : null,
      explicit: r.eciPods.atMost > 0 && minutes !== undefined,
      unboundedPods: r.count - r.eciPods.atLeast,
    };
  });
  const runMinutes = deadlines.run.minutes ?? null;
  const cleanUpSeconds = deadlines.cleanUpSeconds ?? null;
  return {
    start,
    runMinutes,
    attempts: deadlines.attempts ?? null,
    cleanUpSeconds,
    required: deadlines.required,
    set: start.some(s => s.explicit) || runMinutes !== null || cleanUpSeconds !== null,
    messages: [
      startText(start),
      runText(runMinutes, deadlines.attempts, sparkVersion),
      cleanUpText(cleanUpSeconds),
    ],
  };
}

/** `start: executor pods on ECI: 30 min in ECI's Pending phase ...; driver pods off ECI: no limit`. */
function startText(start: readonly StartDeadlinePlan[]): string {
  const parts: string[] = [];
  const onEci = new Map<string, string[]>();
  for (const s of start) {
    if (s.eciMaxPendingMinutes === null) { continue; }
    const text = `${s.eciMaxPendingMinutes} min${s.explicit ? '' : ' (ECI\'s default)'}`;
    onEci.set(text, [...onEci.get(text) ?? [], s.role]);
  }
  for (const [text, names] of onEci) {
    parts.push(`${names.join(' and ')} pods on ECI: ECI ends a pod still starting (pulling images, mounting volumes) after ${text}`);
  }
  const unbounded = start.filter(s => s.unboundedPods > 0).map(s => s.role);
  if (unbounded.length > 0) {
    parts.push(`${unbounded.join(' and ')} pods off ECI: no limit, nothing ends a Pending pod there`);
  }
  return `start: ${parts.join('; ')}`;
}

function runText(minutes: number | null, attempts: number | undefined, sparkVersion: string | undefined): string {
  if (minutes === null) {
    return hasDriverTimeout(sparkVersion)
      ? 'run: no limit'
      : `run: no limit (sparkVersion ${sparkVersion ?? 'unset'} has no ${DRIVER_TIMEOUT_CONF}, which Spark ${DRIVER_TIMEOUT_SINCE} added)`;
  }
  const again = attempts === undefined ? '; restartPolicy Always starts it again, without end'
    : attempts > 1 ? `; restartPolicy OnFailure starts it again, up to ${attempts} runs in all` : '';
  return `run: Spark ends the driver ${formatMinutes(minutes)} after it starts (${DRIVER_TIMEOUT_CONF}, exit code ${DRIVER_TIMEOUT_EXIT_CODE})${again}`;
}

function cleanUpText(seconds: number | null): string {
  return seconds === null
    ? 'clean-up: none, the operator keeps the finished application until someone deletes it'
    : `clean-up: the operator deletes the application ${formatSeconds(Math.max(0, seconds))} after it ends (timeToLiveSeconds)`;
}

/** `30 min`, `2 h`, `1 d`: the largest unit that divides the minutes. */
function formatMinutes(minutes: number): string {
  return formatSeconds(minutes * 60);
}

/** `45 s`, `90 min`, `2 h`, `7 d`: the largest unit that divides the seconds. */
function formatSeconds(seconds: number): string {
  if (seconds === 0) { return '0 s'; }
  for (const [unit, per] of [['d', 86_400], ['h', 3_600], ['min', 60]] as const) {
    if (seconds % per === 0) { return `${seconds / per} ${unit}`; }
  }
  return `${seconds} s`;
}
