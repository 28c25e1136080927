/**
 * Rules about a rendered SparkConnect (`sparkoperator.k8s.io/v1alpha1`, operator >= 2.3): what
 * the operator's admission webhook refuses (v2.5.2 internal/webhook/sparkconnect_validator.go),
 * read from plain JSON whoever wrote it.
 */
import { isObject, list, nonEmptyString } from '../json';
import { RuleProblem } from './spark-application';
import { deniedSparkConfKey, SPARK_NAMESPACE_CONF } from './spark-conf';
import { compareVersions } from '../../private/names';

/** The Service the operator makes for a server is `<name>-server`, a DNS-1035 label of at most 63 characters. */
export const SPARK_CONNECT_MAX_NAME_LENGTH = 63 - '-server'.length;

/** The rule codes of this file (the planner's `ProblemCode` of the same name). */
export type SparkConnectRuleCode =
  | 'SPARK_CONNECT_NAME_TOO_LONG' | 'SPARK_CONNECT_IMAGE_MISSING' | 'DYNAMIC_ALLOCATION_BOUNDS' | 'SPARK_MEMORY_FORMAT'
  | 'SPARK_CONF_DENIED' | 'SPARK_NAMESPACE_CONF_MISMATCH' | 'TEMPLATE_NEEDS_SPARK_3' | 'SPARK_CONNECT_GRPC_PORT';

/** Spark Connect's server port (Spark v3.5.0 connector/connect/server/.../config/Connect.scala line 28: an `intConf`, default 15002). */
export const SPARK_CONNECT_GRPC_PORT_CONF = 'spark.connect.grpc.binding.port';

/**
 * The port the operator's Service of a server targets (v2.5.2 internal/controller/sparkconnect/
 * reconciler.go mutateServerService: `spark-connect-server`, `TargetPort: intstr.FromInt(15002)`),
 * whatever the server listens on.
 */
export const SPARK_CONNECT_SERVICE_PORT = 15002;

/** A SparkConnect rule's finding; fields are YAML paths. */
export interface SparkConnectProblem extends Omit<RuleProblem, 'code' | 'role'> {
  readonly code: SparkConnectRuleCode;
}

/** Whether a manifest is a SparkConnect of the operator. */
export function isSparkConnectManifest(manifest: unknown): boolean {
  return isObject(manifest) && manifest.kind === 'SparkConnect' && typeof manifest.apiVersion === 'string'
    && manifest.apiVersion.startsWith('sparkoperator.k8s.io/');
}

/** `validateMemoryString`: a non-negative integer with an optional b, k, m, g, t, p (or kb...pb) suffix, any case. */
function isSparkMemoryString(memory: string): boolean {
  return /^\d+([kmgtp]b?|b)?$/.test(memory.trim().toLowerCase());
}

/** Every webhook problem of a SparkConnect manifest. Never throws. */
export function sparkConnectRuleProblems(manifest: { [key: string]: any }): SparkConnectProblem[] {
  const out: SparkConnectProblem[] = [];
  const metadata = isObject(manifest.metadata) ? manifest.metadata : {};
  const spec = isObject(manifest.spec) ? manifest.spec : {};
  const name = metadata.name;
  // validateName: "must be at most 56 characters so that the derived Service name ... does not exceed" 63.
  if (typeof name === 'string' && name.length > SPARK_CONNECT_MAX_NAME_LENGTH) {
    out.push({
      code: 'SPARK_CONNECT_NAME_TOO_LONG',
      field: 'metadata.name',
      allowed: `must be at most ${SPARK_CONNECT_MAX_NAME_LENGTH} characters: the operator names the server's Service <name>-server, a DNS-1035 label of at most 63`,
      got: name,
    });
  }
  // validateImage: spec.image, or an image in both the server's and the executors' pod templates.
  const templateImage = (role: string) =>
    list(spec[role]?.template?.spec?.containers).some(c => isObject(c) && nonEmptyString(c.image) !== undefined);
  if (nonEmptyString(spec.image) === undefined && !(templateImage('server') && templateImage('executor'))) {
    out.push({
      code: 'SPARK_CONNECT_IMAGE_MISSING',
      field: 'spec.image',
      allowed: 'is required: the operator refuses a SparkConnect without spec.image, unless both the server and executor pod templates give an image',
      got: spec.image,
    });
  }
  // validateSparkVersion: pod templates need Spark 3.0.
  const sparkVersion = nonEmptyString(spec.sparkVersion);
  if (sparkVersion !== undefined && compareVersions(sparkVersion, '3.0.0') < 0) {
    for (const role of ['server', 'executor']) {
      if (spec[role]?.template !== undefined && spec[role]?.template !== null) {
        out.push({ code: 'TEMPLATE_NEEDS_SPARK_3', field: `spec.${role}.template`, allowed: 'needs sparkVersion >= 3.0 (the webhook refuses pod templates before it)', got: `sparkVersion ${sparkVersion}` });
      }
    }
  }
  // validateDynamicAllocation: minExecutors <= initialExecutors <= maxExecutors.
  const da = isObject(spec.dynamicAllocation) && spec.dynamicAllocation.enabled === true ? spec.dynamicAllocation : undefined;
  if (da) {
    const [min, initial, max] = [da.minExecutors, da.initialExecutors, da.maxExecutors].map(n => (typeof n === 'number' ? n : undefined));
    const bad = (min !== undefined && max !== undefined && min > max) || (initial !== undefined && min !== undefined && initial < min)
      || (initial !== undefined && max !== undefined && initial > max);
    if (bad) {
      out.push({ code: 'DYNAMIC_ALLOCATION_BOUNDS', field: 'spec.dynamicAllocation', allowed: 'must have minExecutors <= initialExecutors <= maxExecutors', got: { minExecutors: min, initialExecutors: initial, maxExecutors: max } });
    }
  }
  // validateServerSpec / validateExecutorSpec: memory as Spark writes it.
  for (const role of ['server', 'executor']) {
    const memory = spec[role]?.memory;
    if (typeof memory === 'string' && memory !== '' && !isSparkMemoryString(memory)) {
      out.push({ code: 'SPARK_MEMORY_FORMAT', field: `spec.${role}.memory`, allowed: 'must be a whole number with an optional suffix b, k, m, g, t or p (e.g. 512m, 4g)', got: memory });
    }
  }
  // validateSparkConf, as for a SparkApplication.
  const namespace = nonEmptyString(metadata.namespace) ?? 'default';
  if (isObject(spec.sparkConf)) {
    for (const key of Object.keys(spec.sparkConf)) {
      const instead = deniedSparkConfKey(key);
      if (instead !== undefined) {
        out.push({ code: 'SPARK_CONF_DENIED', field: `spec.sparkConf["${key}"]`, allowed: `is rejected by the Spark Operator's webhook: ${instead}`, got: key });
      }
    }
    // Spark reads the port as an int (a value it cannot parse fails the server's start); any port but
    // the Service's leaves clients connecting to a port nobody listens on.
    const port = spec.sparkConf[SPARK_CONNECT_GRPC_PORT_CONF];
    if (port !== undefined && String(port).trim() !== String(SPARK_CONNECT_SERVICE_PORT)) {
      out.push({
        code: 'SPARK_CONNECT_GRPC_PORT',
        field: `spec.sparkConf["${SPARK_CONNECT_GRPC_PORT_CONF}"]`,
        allowed: `must be ${SPARK_CONNECT_SERVICE_PORT} or left out: the operator's Service sends clients to port ${SPARK_CONNECT_SERVICE_PORT} of the server`
          + (/^\s*-?\d+\s*$/.test(String(port)) ? '' : ', and Spark refuses a port that is not an integer'),
        got: port,
      });
    }
    const confNamespace = spec.sparkConf[SPARK_NAMESPACE_CONF];
    if (confNamespace !== undefined && confNamespace !== namespace) {
      out.push({
        code: 'SPARK_NAMESPACE_CONF_MISMATCH',
        field: `spec.sparkConf["${SPARK_NAMESPACE_CONF}"]`,
        allowed: `must equal the object's namespace "${namespace}" (the webhook rejects others)`,
        got: confNamespace,
      });
    }
  }
  return out;
}
