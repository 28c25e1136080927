/**
 * Integers the Spark operator cannot decode. The operator reads a SparkApplication (and a
 * ScheduledSparkApplication's template) into Go structs whose counts, ports and retries are
 * `int32` and whose durations and IDs are `int64` (kubeflow/spark-operator v2.5.2
 * `api/v1beta2/sparkapplication_types.go`: `Instances *int32`, `Cores *int32`,
 * `FailureRetries *int32`, `MaxExecutors *int32`, `ServicePort *int32`, `TimeToLiveSeconds *int64`,
 * ...; `scheduledsparkapplication_types.go`: `SuccessfulRunHistoryLimit *int32`; the pod template,
 * volumes and sidecars are Kubernetes core types, int32 likewise). The CRD declares them
 * `format: int32` / `format: int64`, but the API server does not bound integers by their format:
 * it stores `executor.instances: 5000000000`, and then Go's JSON decoder refuses the number
 * ("cannot unmarshal number 5000000000 into Go struct field ... of type int32"), so the operator
 * cannot read the object at all. The plan refuses such a value as the reader of the object
 * (applications.ts), with the field named, so `plan`, the plugin and synth say the same.
 *
 * Which keys are int32 and int64 is `INT32_FIELDS` / `INT64_FIELDS` (src/private/api-server-rules.ts,
 * checked against the operator's CRDs, generated from those Go types, by test/api-server-rules.test.ts).
 */
import { INT32_FIELDS, INT64_FIELDS } from './rules/api-server';
import { INT32_MAX, INT32_MIN } from '../private/k8s-names';

/**
 * Maps of strings (Go `map[string]string`): their keys are the user's (`sparkConf: { port: ... }`),
 * not fields of the operator's types.
 */
const STRING_MAPS = new Set([
  'sparkConf', 'hadoopConf', 'labels', 'annotations', 'nodeSelector', 'matchLabels', 'serviceLabels', 'serviceAnnotations',
  'ingressAnnotations', 'envVars',
]);

/**
 * 2^63: the first double past int64. A number is refused as int64 only beyond it: a YAML literal
 * from 2^63 - 1 to 2^63 + 1023 reads as this same double, so nothing in that span can be told
 * apart, and a true prediction refuses none of it.
 */
const INT64_BOUND = 2 ** 63;

/** A number the operator cannot decode: where, what is allowed, the value. */
export interface OperatorIntegerProblem {
  readonly field: string;
  readonly allowed: string;
  readonly got: number;
}

/** What `operatorIntegerProblems()` finds: the first integer out of range, and the first fraction. */
export interface OperatorIntegerProblems {
  /** The first integer past its type's range (or a number that is not finite). */
  readonly outOfRange?: OperatorIntegerProblem;
  /** The first fraction in an integer field. */
  readonly fraction?: OperatorIntegerProblem;
}

const INT32_ALLOWED = `must be an integer from ${INT32_MIN} to ${INT32_MAX}: the Spark operator reads it as a Go int32 and cannot decode the object otherwise`;
const INT64_ALLOWED = 'must be an integer from -9223372036854775808 to 9223372036854775807: the Spark operator reads it as a Go int64 '
  + 'and cannot decode the object otherwise';

/**
 * The int32 and int64 fields under `root` that hold a number the operator cannot decode, in one
 * walk: the first integer out of range, and the first fraction, kept apart so that a reader can
 * refuse the first before its own checks (a size past int32 makes every other message about the
 * field misleading) and the second after them (its own words for a fraction of a core say more).
 *
 * @param root the application's `spec` (a ScheduledSparkApplication's whole `spec`, template included)
 * @param prefix how the fields are named: `spec` (YAML paths), or `''` for a construct's props
 * @param skip a key of `root` to leave out (the template of a ScheduledSparkApplication, when it
 *   is walked on its own with its own prefix)
 */
export function operatorIntegerProblems(root: unknown, prefix: string, skip?: string): OperatorIntegerProblems {
  let outOfRange: OperatorIntegerProblem | undefined;
  let fraction: OperatorIntegerProblem | undefined;
  // Paths are built only for a problem: each entry keeps its parent, not its path.
  const stack: Step[] = [];
  const pushChildren = (value: unknown, parent: Step | undefined) => {
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) { stack.push({ value: value[i], key: i, parent }); }
    } else if (typeof value === 'object' && value !== null) {
      const keys = Object.keys(value);
      for (let i = keys.length - 1; i >= 0; i--) {
        const key = keys[i];
        if (parent === undefined && key === skip) { continue; }
        stack.push({ value: (value as { [key: string]: unknown })[key], key, parent });
      }
    }
  };
  pushChildren(root, undefined);
  while (stack.length > 0 && outOfRange === undefined) {
    const step = stack.pop()!;
    const { value, key } = step;
    if (typeof value !== 'number') {
      if (typeof key === 'number' || !STRING_MAPS.has(key)) { pushChildren(value, step); }
      continue;
    }
    if (typeof key === 'number') { continue; }
    const int32 = INT32_FIELDS.has(key);
    if (!int32 && !INT64_FIELDS.has(key)) { continue; }
    const [min, max, allowed] = int32 ? [INT32_MIN, INT32_MAX, INT32_ALLOWED] : [-INT64_BOUND, INT64_BOUND, INT64_ALLOWED];
    if (!Number.isFinite(value) || value < min || value > max) {
      outOfRange = { field: pathOf(step, prefix), allowed, got: value };
    } else if (!Number.isInteger(value) && fraction === undefined) {
      fraction = { field: pathOf(step, prefix), allowed, got: value };
    }
  }
  return { outOfRange, fraction };
}

/** A value met in the walk: its key (or index) in its parent, and the parent's step. */
interface Step {
  readonly value: unknown;
  readonly key: string | number;
  readonly parent: Step | undefined;
}

/** `spec.driver.ports[0].containerPort`: the YAML path of a step, after `prefix`. */
function pathOf(step: Step, prefix: string): string {
  const keys: Array<string | number> = [];
  for (let s: Step | undefined = step; s !== undefined; s = s.parent) { keys.push(s.key); }
  let at = prefix;
  for (let i = keys.length - 1; i >= 0; i--) {
    const key = keys[i];
    at = typeof key === 'number' ? `${at}[${key}]`
      : /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? `${at === '' ? '' : `${at}.`}${key}` : `${at}[${JSON.stringify(key)}]`;
  }
  return at;
}
