/**
 * Rules about what Spark itself does with a rendered SparkApplication when it starts: settings it
 * refuses, or ignores so that a guarantee the job asked for is silently lost. They read the spec
 * and its `sparkConf` as the operator passes them to spark-submit, whoever wrote them (a typed
 * prop, `addSparkConf()`, defaults, a profile, a hand-written file), so one rule holds for every
 * way a value arrives.
 */
import { compareVersions } from '../../private/names';
import { isObject, nonEmptyString } from '../json';
import { confFlag, DECOMMISSION_CONF, isRemoteShuffleManager, SHUFFLE_CONF } from '../shuffle-confs';

/** The rule codes of this file (the planner's `ProblemCode` of the same name). */
export type SparkRuntimeRuleCode =
  | 'IMAGE_MISSING' | 'REMOTE_SHUFFLE_NEEDS_SPARK_3_5' | 'REMOTE_SHUFFLE_WITH_SHUFFLE_SERVICE' | 'DECOMMISSION_NEEDS_SPARK_3_1';

/** A finding of these rules, as `spark-application.ts`'s `RuleProblem`: fields relative to the spec. */
export interface SparkRuntimeProblem {
  readonly code: SparkRuntimeRuleCode;
  readonly role?: 'driver' | 'executor';
  readonly field: string;
  readonly allowed: string;
  readonly got: unknown;
}

/** Spark's `spark.dynamicAllocation.enabled`, which the operator also writes for `dynamicAllocation.enabled`. */
const DYNAMIC_ALLOCATION_CONF = 'spark.dynamicAllocation.enabled';

/** The sparkConf keys of the images, which the webhook refuses (`SPARK_CONF_DENIED` reports them). */
const IMAGE_CONFS = {
  driver: ['spark.kubernetes.container.image', 'spark.kubernetes.driver.container.image'],
  executor: ['spark.kubernetes.container.image', 'spark.kubernetes.executor.container.image'],
} as const;

/** Every Spark start-up problem of an application spec (a SparkApplication's, or a scheduled one's template). */
export function sparkRuntimeProblems(spec: { [key: string]: any }, sparkVersion: string | undefined): SparkRuntimeProblem[] {
  const conf: { [key: string]: string } = isObject(spec.sparkConf) ? spec.sparkConf : {};
  return [...imageProblems(spec, conf), ...remoteShuffleProblems(spec, conf, sparkVersion), ...decommissionProblems(conf, sparkVersion)];
}

/**
 * The operator passes `image` as `spark.kubernetes.container.image` and a role's `image` as
 * `spark.kubernetes.{driver,executor}.container.image` (v2.5.2 internal/controller/sparkapplication/
 * submission.go); Spark falls back from a role's key to the shared one and otherwise refuses to
 * build the pod: "Must specify the driver container image" (v3.5.0 BasicDriverFeatureStep.scala
 * line 45), "Must specify the executor container image" (BasicExecutorFeatureStep.scala line 44).
 */
function imageProblems(spec: { [key: string]: any }, conf: { [key: string]: string }): SparkRuntimeProblem[] {
  const out: SparkRuntimeProblem[] = [];
  for (const role of ['driver', 'executor'] as const) {
    const image = nonEmptyString(spec[role]?.image) ?? nonEmptyString(spec.image);
    if (image === undefined && !IMAGE_CONFS[role].some(key => conf[key] !== undefined)) {
      out.push({
        code: 'IMAGE_MISSING',
        role,
        field: 'image',
        allowed: `or ${role}.image is required: Spark refuses to start without a ${role} container image ("Must specify the ${role} container image")`,
        got: 'no image',
      });
    }
  }
  return out;
}

/**
 * A remote shuffle service (Celeborn, Uniffle) keeps shuffle data off the executors; only Spark 3.5
 * lets dynamic allocation remove executors on that ground (v3.5.0 ExecutorAllocationManager.scala
 * validateSettings, line 207: `!reliableShuffleStorage`, from the ShuffleDataIO's
 * `supportsReliableStorage()`; v3.4.0 line 206 has no such case). Before it, dynamic allocation
 * with remote shuffle needs a patched Spark (apache/celeborn `assets/spark-patch/
 * Celeborn_Dynamic_Allocation_spark3_{0..4}.patch`, "Support enabling DRA with Apache Celeborn",
 * which patch ExecutorAllocationManager): refused whichever way dynamic allocation was turned on.
 *
 * And the external shuffle service must be off with one (Celeborn's Spark configuration:
 * `spark.shuffle.service.enabled false`): with it on, every executor first registers with an
 * external shuffle service on its node (Spark v3.5.0 BlockManager.scala line 526,
 * `registerWithExternalShuffleServer()`), which the remote service does not provide, and an
 * executor that cannot register fails.
 */
function remoteShuffleProblems(
  spec: { [key: string]: any }, conf: { [key: string]: string }, sparkVersion: string | undefined,
): SparkRuntimeProblem[] {
  const manager = conf[SHUFFLE_CONF.MANAGER];
  if (!isRemoteShuffleManager(manager)) { return []; }
  const out: SparkRuntimeProblem[] = [];
  if (confFlag(conf, SHUFFLE_CONF.SERVICE_ENABLED) === true) {
    out.push({
      code: 'REMOTE_SHUFFLE_WITH_SHUFFLE_SERVICE',
      role: 'executor',
      field: `sparkConf["${SHUFFLE_CONF.SERVICE_ENABLED}"]`,
      allowed: `must be false with the remote shuffle manager ${manager}: executors push shuffle data to the remote service, `
        + 'and with it on each executor must first register with an external shuffle service that is not there',
      got: conf[SHUFFLE_CONF.SERVICE_ENABLED],
    });
  }
  if (sparkVersion === undefined || compareVersions(sparkVersion, '3.5.0') >= 0) { return out; }
  const field = spec.dynamicAllocation?.enabled === true ? 'dynamicAllocation.enabled'
    : confFlag(conf, DYNAMIC_ALLOCATION_CONF) === true ? `sparkConf["${DYNAMIC_ALLOCATION_CONF}"]` : undefined;
  if (field === undefined) { return out; }
  return [...out, {
    code: 'REMOTE_SHUFFLE_NEEDS_SPARK_3_5',
    role: 'executor',
    field,
    allowed: `must be off with the remote shuffle manager ${manager} before Spark 3.5: older Spark cannot tell dynamic allocation `
      + 'that shuffle data outlives executors without patching Spark; turn dynamic allocation off or use sparkVersion >= 3.5',
    got: `sparkVersion ${sparkVersion}`,
  }];
}

/**
 * Spark's decommissioning (`spark.decommission.enabled`, `spark.storage.decommission.*`) came in
 * 3.1.0 (v3.1.1 core/.../internal/config/package.scala `DECOMMISSION_ENABLED` line 1906,
 * `.version("3.1.0")`; none of the keys exists in v3.0.0): older Spark ignores the keys, so a
 * reclaimed spot executor's blocks are lost although the job asked to keep them.
 */
function decommissionProblems(conf: { [key: string]: string }, sparkVersion: string | undefined): SparkRuntimeProblem[] {
  if (sparkVersion === undefined || compareVersions(sparkVersion, '3.1.0') >= 0) { return []; }
  return [DECOMMISSION_CONF.ENABLED, DECOMMISSION_CONF.STORAGE].filter(key => confFlag(conf, key) === true).map(key => ({
    code: 'DECOMMISSION_NEEDS_SPARK_3_1' as const,
    role: 'executor' as const,
    field: `sparkConf["${key}"]`,
    allowed: 'is ignored before Spark 3.1, which has no decommissioning: a reclaimed executor\'s blocks are lost; use sparkVersion >= 3.1 or remove it',
    got: `sparkVersion ${sparkVersion}`,
  }));
}
