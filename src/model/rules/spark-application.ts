/**
 * Rules about one rendered SparkApplication (or a ScheduledSparkApplication's template): settings
 * that the operator's admission webhook, Spark or the API server refuse, each rule beside its
 * source. They read plain JSON, whoever wrote it (a construct, a hand-written file, an `Include`),
 * and return structured problems; the front ends phrase them.
 */
import { ECI_FORCE_LABEL } from '../eci-scheduling';
import { isObject, list, nonEmptyString } from '../json';
import { SPARK_NAMESPACE_CONF, deniedSparkConfKey } from './spark-conf';
import { SparkRuntimeRuleCode, sparkRuntimeProblems } from './spark-runtime';
import { compareVersions } from '../../private/names';

/** A rule's finding, relative to the application spec (`executor.instances`) or the object (`metadata.name`). */
export interface RuleProblem {
  /** One of the rule codes below; the planner's `ProblemCode` of the same name. */
  readonly code: ApplicationRuleCode;
  readonly role?: 'driver' | 'executor';
  /** The field, relative to the application spec, or `metadata.*`. */
  readonly field: string;
  /** What is allowed, phrased to follow the field: `must be <= maxExecutors (4)`. */
  readonly allowed: string;
  readonly got: unknown;
}

/** The rule codes of this file. */
export type ApplicationRuleCode =
  | 'NODE_SELECTOR_ON_APP_AND_ROLE'
  | 'SPARK_CONF_DENIED'
  | 'SPARK_NAMESPACE_CONF_MISMATCH'
  | 'TEMPLATE_NEEDS_SPARK_3'
  | 'DYNAMIC_ALLOCATION_NEEDS_SPARK_3'
  | 'INSTANCES_ABOVE_MAX_EXECUTORS'
  | 'VOLUME_MOUNT_UNDEFINED'
  | 'PYTHON_VERSION_WITHOUT_PYTHON'
  | 'PYTHON_2_UNSUPPORTED'
  | 'SCHEDULED_NAME_TOO_LONG'
  | SparkRuntimeRuleCode;

const ROLES = ['driver', 'executor'] as const;

function hasKeys(map: unknown): boolean {
  return isObject(map) && Object.keys(map).length > 0;
}

/** Digits of a scheduled run's timestamp suffix per `--scheduled-spark-application-timestamp-precision` (DOMAIN.md §6). */
export const SCHEDULED_TIMESTAMP_DIGITS: { readonly [precision: string]: number } = { nanos: 19, micros: 16, millis: 13, seconds: 10, minutes: 8 };

/** What the rules need beyond the manifest. */
export interface ApplicationRuleContext {
  /**
   * The operator's `--scheduled-spark-application-timestamp-precision` (v2.5.0+): how many digits
   * name a scheduled run.
   *
   * @default 'nanos' (the operator's default: 19 digits)
   */
  readonly scheduledTimestampPrecision?: string;
}

/**
 * Every rule problem of a SparkApplication or ScheduledSparkApplication manifest. Never throws:
 * values the readers refuse (sizes Spark cannot parse) are reported by them.
 */
export function applicationRuleProblems(manifest: { [key: string]: any }, context: ApplicationRuleContext = {}): RuleProblem[] {
  const scheduled = manifest.kind === 'ScheduledSparkApplication';
  const spec: { [key: string]: any } = scheduled ? (isObject(manifest.spec) && isObject(manifest.spec.template) ? manifest.spec.template : {})
    : isObject(manifest.spec) ? manifest.spec : {};
  const metadata = isObject(manifest.metadata) ? manifest.metadata : {};
  const out: RuleProblem[] = [];
  const sparkVersion = nonEmptyString(spec.sparkVersion);

  // Operator v2.5.2 internal/webhook/sparkapplication_validator.go validateSpec: "node selector
  // cannot be defined at both SparkApplication and Driver/Executor". The webhook validates each
  // run of a ScheduledSparkApplication when the controller creates it.
  if (hasKeys(spec.nodeSelector)) {
    for (const role of ROLES) {
      if (hasKeys(spec[role]?.nodeSelector)) {
        out.push({
          code: 'NODE_SELECTOR_ON_APP_AND_ROLE',
          role,
          field: 'nodeSelector',
          allowed: `cannot be set together with ${role}.nodeSelector (the Spark Operator's webhook refuses a nodeSelector on both the application and a role): set it in one place`,
          got: { nodeSelector: spec.nodeSelector, [`${role}.nodeSelector`]: spec[role].nodeSelector },
        });
      }
    }
  }

  // Operator v2.5.2 internal/webhook/sparkconf_validator.go validateSparkConf (called by both the
  // SparkApplication and the ScheduledSparkApplication validators): denied keys, and
  // spark.kubernetes.namespace "must equal the application namespace".
  const namespace = nonEmptyString(metadata.namespace) ?? 'default';
  if (isObject(spec.sparkConf)) {
    for (const key of Object.keys(spec.sparkConf)) {
      const instead = deniedSparkConfKey(key);
      if (instead !== undefined) {
        out.push({ code: 'SPARK_CONF_DENIED', field: `sparkConf["${key}"]`, allowed: `is rejected by the Spark Operator's webhook: ${instead}`, got: key });
      }
    }
    const confNamespace = spec.sparkConf[SPARK_NAMESPACE_CONF];
    if (confNamespace !== undefined && confNamespace !== namespace) {
      out.push({
        code: 'SPARK_NAMESPACE_CONF_MISMATCH',
        field: `sparkConf["${SPARK_NAMESPACE_CONF}"]`,
        allowed: `must equal the object's namespace "${namespace}" (the webhook rejects others); set the namespace on the job or chart instead`,
        got: confNamespace,
      });
    }
  }

  // Operator v2.5.2 sparkapplication_validator.go validateSparkVersion: "pod template feature
  // requires Spark version 3.0.0 or higher" (Spark applies pod templates only since 3.0, SPARK-24434).
  if (sparkVersion !== undefined && compareVersions(sparkVersion, '3.0.0') < 0) {
    for (const role of ROLES) {
      if (spec[role]?.template !== undefined && spec[role]?.template !== null) {
        out.push({
          code: 'TEMPLATE_NEEDS_SPARK_3',
          role,
          field: `${role}.template`,
          allowed: 'needs sparkVersion >= 3.0 (Spark applies pod templates only since 3.0); use the spec fields instead',
          got: `sparkVersion ${sparkVersion}`,
        });
      }
    }
    // Spark 2.4 ExecutorAllocationManager.validateSettings: "Dynamic allocation of executors requires
    // the external shuffle service", which Kubernetes does not have; shuffle tracking, which lifts
    // this, came in 3.0 (SPARK-27963).
    if (spec.dynamicAllocation?.enabled === true) {
      out.push({
        code: 'DYNAMIC_ALLOCATION_NEEDS_SPARK_3',
        field: 'dynamicAllocation',
        allowed: 'needs sparkVersion >= 3.0 (Spark on Kubernetes has no external shuffle service; dynamic allocation relies on shuffle tracking, new in 3.0)',
        got: `sparkVersion ${sparkVersion}`,
      });
    }
  }

  const da = isObject(spec.dynamicAllocation) && spec.dynamicAllocation.enabled === true ? spec.dynamicAllocation : undefined;
  const instances = spec.executor?.instances;
  // Spark's dynamic allocation starts with max(minExecutors, initialExecutors, spark.executor.instances)
  // (Utils.getDynamicAllocationInitialExecutors) and ExecutorAllocationManager refuses an initial
  // count above maxExecutors.
  if (da && Number.isInteger(da.maxExecutors) && Number.isInteger(instances) && instances > da.maxExecutors) {
    out.push({
      code: 'INSTANCES_ABOVE_MAX_EXECUTORS',
      role: 'executor',
      field: 'executor.instances',
      allowed: `must be <= dynamicAllocation.maxExecutors (${da.maxExecutors})`,
      got: instances,
    });
  }

  // A volume mount names a volume of the pod (Kubernetes pod validation, validateVolumeMounts:
  // "Not found"); the operator adds spec.volumes to the pods, so a mount must name one of them.
  const volumeNames = list(spec.volumes).map(v => isObject(v) ? v.name : undefined).filter((n): n is string => typeof n === 'string');
  for (const role of ROLES) {
    for (const mount of list(spec[role]?.volumeMounts)) {
      const name = isObject(mount) ? mount.name : undefined;
      if (typeof name === 'string' && !volumeNames.includes(name)) {
        out.push({
          code: 'VOLUME_MOUNT_UNDEFINED',
          role,
          field: `${role}.volumeMounts[].name`,
          allowed: `must name a volume in volumes (${volumeNames.length ? volumeNames.join(', ') : 'none defined'})`,
          got: name,
        });
      }
    }
  }

  // The operator passes pythonVersion only for Python applications (operator v2.5.2
  // internal/controller/sparkapplication/submission.go, pythonVersionOption): elsewhere it is dropped.
  if (spec.pythonVersion !== undefined && spec.type !== 'Python') {
    out.push({ code: 'PYTHON_VERSION_WITHOUT_PYTHON', field: 'pythonVersion', allowed: 'applies only to type SparkApplicationType.PYTHON', got: `type ${spec.type}` });
  }
  // PySpark dropped Python 2 in Spark 3.1 (SPARK-32138).
  if (spec.pythonVersion === '2' && sparkVersion !== undefined && compareVersions(sparkVersion, '3.1.0') >= 0) {
    out.push({
      code: 'PYTHON_2_UNSUPPORTED',
      field: 'pythonVersion',
      allowed: 'cannot be PythonVersion.PYTHON_2 with sparkVersion >= 3.1 (PySpark dropped Python 2 in 3.1): use PythonVersion.PYTHON_3',
      got: `PYTHON_2, sparkVersion ${sparkVersion}`,
    });
  }

  // A run of a ScheduledSparkApplication is a SparkApplication named `<name>-<timestamp>` (operator
  // v2.5.2 internal/controller/scheduledsparkapplication/controller.go), and the SparkApplication
  // webhook refuses names that are not DNS-1035 labels of at most 63 characters.
  if (scheduled && typeof metadata.name === 'string') {
    const precision = context.scheduledTimestampPrecision ?? 'nanos';
    const digits = SCHEDULED_TIMESTAMP_DIGITS[precision] ?? SCHEDULED_TIMESTAMP_DIGITS.nanos;
    const max = 63 - 1 - digits;
    if (metadata.name.length > max) {
      out.push({
        code: 'SCHEDULED_NAME_TOO_LONG',
        field: 'metadata.name',
        allowed: `must be at most ${max} characters: the operator names runs <name>-<timestamp> with ${digits} digits at `
          + `scheduledTimestampPrecision ${precision}, and a run name must fit 63 characters`,
        got: `${metadata.name.length} characters: "${metadata.name}"`,
      });
    }
  }
  // What Spark itself refuses or ignores at start, whichever way the value was written.
  out.push(...sparkRuntimeProblems(spec, sparkVersion));
  return out;
}

/** Whether a role's rendered labels force its pods onto ECI (`alibabacloud.com/eci: "true"`), in its labels or its template's. */
export function roleForcesEciLabel(spec: { [key: string]: any }, role: 'driver' | 'executor'): Array<{ field: string; value: unknown }> {
  const places: Array<[string, any]> = [[`${role}.labels`, spec[role]?.labels], [`${role}.template.metadata.labels`, spec[role]?.template?.metadata?.labels]];
  return places.filter(([, labels]) => isObject(labels) && labels[ECI_FORCE_LABEL] === 'true')
    .map(([field, labels]) => ({ field: `${field}["${ECI_FORCE_LABEL}"]`, value: labels[ECI_FORCE_LABEL] }));
}
