/**
 * The Spark configuration a SparkApplication hands spark-submit, as the Spark Operator builds its
 * `--conf` arguments (kubeflow/spark-operator v2.5.2
 * `internal/controller/sparkapplication/submission.go`), for the keys that size pods.
 *
 * The order is the operator's (`buildSparkSubmitArgs`, `submission.go:98-128`):
 * `memoryOverheadFactorOption`, then `sparkConfOption`, then `driverConfOption` and later
 * `executorConfOption`. spark-submit keeps the **last** value of a repeated `--conf`
 * (`core/src/main/scala/org/apache/spark/deploy/SparkSubmitArguments.scala@v3.5.2:76,434-436`:
 * `sparkProperties(confName) = confValue`), so `sparkConf` beats `spec.memoryOverheadFactor` for
 * `spark.kubernetes.memoryOverheadFactor`, and the role fields beat `sparkConf`.
 */
import { isObject } from './json';
import { invalid } from '../private/errors';

/** One key as spark-submit receives it: its text, and the field of the spec that wrote it. */
export interface ConfEntry {
  /** The value, as text. */
  readonly value: string;
  /** The field that wrote it, relative to the application spec: `driver.memory`, `sparkConf["spark.driver.memory"]`. */
  readonly field: string;
  /** The value as the spec holds it (a number where YAML read one), for messages. */
  readonly raw: unknown;
}

/** The keys spark-submit receives, each with its last value. */
export type SubmitConf = ReadonlyMap<string, ConfEntry>;

/** The role fields the operator turns into `--conf` (`submission.go:351-374` driver, `716-749` executor). */
const ROLE_FIELDS: ReadonlyArray<readonly [field: string, key: (role: string) => string]> = [
  ['cores', role => `spark.${role}.cores`],
  ['coreRequest', role => `spark.kubernetes.${role}.request.cores`],
  ['coreLimit', role => `spark.kubernetes.${role}.limit.cores`],
  ['memory', role => `spark.${role}.memory`],
  ['memoryOverhead', role => `spark.${role}.memoryOverhead`],
];

/** What each field must hold, for the message when it holds something else (the CRD's types). */
const ROLE_FIELD_TYPES: { readonly [field: string]: string } = {
  cores: 'must be an integer >= 1',
  coreRequest: 'must be a Kubernetes CPU quantity such as "500m" or "2"',
  coreLimit: 'must be a Kubernetes CPU quantity such as "500m" or "2"',
  memory: 'must be a Spark memory string such as "512m" or "4g"',
  memoryOverhead: 'must be a Spark memory string such as "512m" or "4g"',
};

/** The field name of a `sparkConf` key: `sparkConf["spark.driver.memory"]`. */
export function sparkConfField(key: string): string {
  return `sparkConf[${JSON.stringify(key)}]`;
}

/**
 * The sizing keys spark-submit receives from an application spec, in the operator's order, the
 * last value of each kept.
 *
 * @param name names a field relative to the spec, for errors
 * @throws for a value that is no string or number (the CRD's types), which the API server refuses
 */
export function submitConf(spec: { readonly [key: string]: any }, name: (field: string) => string = f => f): SubmitConf {
  const conf = new Map<string, ConfEntry>();
  const put = (key: string, value: unknown, field: string, allowed: string) => {
    if (value === undefined || value === null) { return; }
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
      invalid(name(field), allowed, value);
    }
    conf.set(key, { value: String(value), field, raw: value });
  };
  // memoryOverheadFactorOption (submission.go:268-277): only when set and not empty.
  if (spec.memoryOverheadFactor !== '') {
    put('spark.kubernetes.memoryOverheadFactor', spec.memoryOverheadFactor, 'memoryOverheadFactor', 'must be a number >= 0, e.g. "0.1"');
  }
  // sparkConfOption (submission.go:288-301).
  if (isObject(spec.sparkConf)) {
    for (const [key, value] of Object.entries(spec.sparkConf)) { put(key, value, sparkConfField(key), 'must be a string'); }
  }
  // driverConfOption, then executorConfOption.
  for (const role of ['driver', 'executor']) {
    const roleSpec = isObject(spec[role]) ? spec[role] : {};
    for (const [field, key] of ROLE_FIELDS) { put(key(role), roleSpec[field], `${role}.${field}`, ROLE_FIELD_TYPES[field]); }
  }
  return conf;
}

/** The kind of main resource Spark sees, which decides the overhead factor and pyspark memory. */
export enum MainResource {
  /** A JVM application (`JavaMainAppResource`): factor 0.1. */
  JVM = 'java',
  /** A Python application (`PythonMainAppResource`): factor 0.4, pyspark memory added to executors. */
  PYTHON = 'python',
  /** An R application (`RMainAppResource`): factor 0.4. */
  R = 'r',
}

/**
 * The main resource as Spark classifies it. The operator passes `mainApplicationFile` as
 * spark-submit's primary resource (`submission.go:1102-1108`; without it, the first of
 * `arguments` is taken); spark-submit decides the language by the name alone
 * (`core/src/main/scala/org/apache/spark/deploy/SparkSubmit.scala@v3.5.2:1170-1179`: `.py` is
 * Python, `.R` or `.r` is R, anything else the JVM), not by `spec.type`.
 */
export function mainResourceOf(spec: { readonly [key: string]: any }): MainResource {
  const primary = typeof spec.mainApplicationFile === 'string'
    ? spec.mainApplicationFile
    : Array.isArray(spec.arguments) && typeof spec.arguments[0] === 'string' ? spec.arguments[0] : undefined;
  if (primary === undefined) { return MainResource.JVM; }
  if (primary.endsWith('.py')) { return MainResource.PYTHON; }
  if (primary.endsWith('.R') || primary.endsWith('.r')) { return MainResource.R; }
  return MainResource.JVM;
}
