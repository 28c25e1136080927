import { EciFit, EciFitResult, EciInstanceSize } from './eci-instance-size';
import { SparkPodResources, SparkPodSizing, SparkRoleSizing } from './spark-pod-resources';
import { ECI_ANNOTATIONS } from '../private/eci-annotations';
import { isEciMemoryGibibytes, isEciVcpu } from '../private/eci-sizes';
import { invalid } from '../private/errors';
import { compareVersions } from '../private/names';
// eslint-disable-next-line import/no-restricted-paths -- TEMPORARY (issue "Architecture that shows"): model -> spark, removed by the spark-job-sizing rewrite
import type { AbstractSparkJob } from '../spark/abstract-spark-job';
// eslint-disable-next-line import/no-restricted-paths -- TEMPORARY (issue "Architecture that shows"): model -> spark (SparkApplicationType belongs in model/)
import { SparkApplicationType } from '../spark/spark-application-type';

/** One role of a Spark application: how many pods it runs, their resources, and the ECI size each is billed at. */
export interface SparkRoleFit {
  /** `driver` or `executor`. */
  readonly roleName: string;

  /**
   * How many pods of this role run at the same time: 1 driver; `executor.instances` executors,
   * or `dynamicAllocation.maxExecutors` when dynamic allocation is on.
   */
  readonly podCount: number;

  /** The resources of each pod, as Spark sets them (`SparkPodSizing.compute()`). */
  readonly resources: SparkPodResources;

  /**
   * The ECI size each pod is billed at when it runs on ECI, what it leaves unused and how to
   * waste less (`EciFit.forPod()`), choosing among `instanceSpecs` and honouring `spot`.
   */
  readonly eciFit: EciFitResult;

  /** Whether the pods ask for spot ECI (annotation `k8s.aliyun.com/eci-spot-strategy`). */
  readonly spot: boolean;

  /**
   * The vCPU/memory sizes of the annotation `k8s.aliyun.com/eci-use-specs`, in priority order,
   * that `eciFit` chose from.
   *
   * @default - no such annotation: every size all regions offer
   */
  readonly instanceSpecs?: EciInstanceSize[];

  /** What the sizing does not count or had to assume, one sentence each (empty when nothing). */
  readonly notes: string[];
}

/**
 * The pods of a Spark application, role by role: their CPU and memory exactly as Spark derives
 * them (cores or `coreRequest`, `coreLimit`, memory plus overhead, `memoryLimit`), and the ECI
 * size each pod is billed at, with the unused share and a concrete suggestion.
 *
 * `SparkJobSizing.of(job)` reads a `SparkJob` or `ScheduledSparkJob`;
 * `SparkJobSizing.fromManifest(json)` reads a SparkApplication or ScheduledSparkApplication as
 * written in YAML, hand-written or synthesized (the `cdk8s-spark-eci plan` command uses it).
 * Besides the spec fields, both read the `sparkConf` keys Spark falls back to
 * (`spark.executor.memory`, `spark.kubernetes.executor.limit.cores`,
 * `spark.executor.memoryOverheadFactor`...) and the ECI annotations `k8s.aliyun.com/eci-use-specs`
 * and `k8s.aliyun.com/eci-spot-strategy`.
 *
 * Only the Spark container counts: sidecars, init containers, `spark.executor.pyspark.memory` and
 * off-heap memory are not added (a note says so when they are set).
 */
export class SparkJobSizing {
  /**
   * Sizes the roles of a job as it stands now (call it after the last change to the job, or at
   * synth). JSON patches on the API object are not seen: size the synthesized YAML with
   * `fromManifest()` to include them.
   *
   * @param job a `SparkJob` or `ScheduledSparkJob`
   * @throws if a setting is one Spark or Kubernetes refuses
   */
  public static of(job: AbstractSparkJob): SparkJobSizing {
    const app: AppSpec = {
      type: job.type,
      sparkVersion: job.sparkVersion,
      memoryOverheadFactor: job.memoryOverheadFactor,
      sparkConf: job.sparkConf,
    };
    const kind = (job.apiObject.kind as string) ?? 'SparkApplication';
    // _renderSizing(), not _render(): this runs for every ECI-placed job at synth (see BENCHMARKS.md).
    return new SparkJobSizing(kind, job.name, job.namespace, [
      sizeRole(app, 'driver', job.driver._renderSizing(), 1, 'driver'),
      sizeRole(app, 'executor', job.executor._renderSizing(), job.plannedExecutors, 'executor'),
    ]);
  }

  /**
   * Sizes the roles of a SparkApplication or ScheduledSparkApplication (its `spec.template`) as
   * parsed from YAML.
   *
   * @param manifest the object, plain JSON (`apiVersion`, `kind`, `metadata`, `spec`)
   * @throws if it is not such an object, or a field holds a value Spark or Kubernetes refuses;
   *   the message names the field (`spec.executor.memory must be ...`)
   */
  public static fromManifest(manifest: any): SparkJobSizing {
    if (!isObject(manifest)) {
      return invalid('manifest', 'must be a SparkApplication or ScheduledSparkApplication object', manifest);
    }
    const kind = manifest.kind;
    if (kind !== 'SparkApplication' && kind !== 'ScheduledSparkApplication') {
      return invalid('kind', 'must be SparkApplication or ScheduledSparkApplication', kind);
    }
    const metadata = isObject(manifest.metadata) ? manifest.metadata : {};
    if (typeof metadata.name !== 'string' || metadata.name === '') {
      invalid('metadata.name', 'must be a non-empty string', metadata.name);
    }
    const prefix = kind === 'ScheduledSparkApplication' ? 'spec.template' : 'spec';
    const spec = kind === 'ScheduledSparkApplication' ? (isObject(manifest.spec) ? manifest.spec.template : undefined) : manifest.spec;
    if (!isObject(spec)) {
      return invalid(prefix, 'must be an object holding the application spec', spec);
    }
    const app: AppSpec = {
      type: spec.type,
      sparkVersion: spec.sparkVersion,
      memoryOverheadFactor: spec.memoryOverheadFactor,
      sparkConf: spec.sparkConf,
    };
    checkMap(`${prefix}.sparkConf`, spec.sparkConf);
    checkType(`${prefix}.type`, spec.type);
    const namespace = typeof metadata.namespace === 'string' && metadata.namespace !== '' ? metadata.namespace : undefined;
    const executors = executorCount(spec, prefix);
    return new SparkJobSizing(kind, metadata.name, namespace, [
      sizeRole(app, 'driver', spec.driver, 1, `${prefix}.driver`),
      sizeRole(app, 'executor', spec.executor, executors.count, `${prefix}.executor`, executors.note),
    ]);
  }

  /** `SparkApplication` or `ScheduledSparkApplication`. */
  public readonly kind: string;

  /** Name of the application (`metadata.name`). */
  public readonly jobName: string;

  /**
   * Namespace of the application.
   *
   * @default - none written: the kubectl context's
   */
  public readonly namespace?: string;

  /** The driver pod. */
  public readonly driver: SparkRoleFit;

  /** The executor pods. */
  public readonly executor: SparkRoleFit;

  private constructor(kind: string, jobName: string, namespace: string | undefined, roles: [SparkRoleFit, SparkRoleFit]) {
    this.kind = kind;
    this.jobName = jobName;
    this.namespace = namespace;
    this.driver = roles[0];
    this.executor = roles[1];
  }

  /** The driver, then the executors. */
  public get roles(): SparkRoleFit[] {
    return [this.driver, this.executor];
  }
}

/** The application-level fields sizing reads. */
interface AppSpec {
  readonly type?: unknown;
  readonly sparkVersion?: unknown;
  readonly memoryOverheadFactor?: unknown;
  readonly sparkConf?: unknown;
}

/** Spot strategies that make ECI create a spot instance. */
const SPOT_STRATEGIES = ['SpotAsPriceGo', 'SpotWithPriceLimit'];

/** A vCPU/memory entry of `eci-use-specs`; other entries are ECS instance types. */
const SIZE_SPEC = /^\d+(?:\.\d+)?-\d+(?:\.\d+)?Gi$/;

function sizeRole(app: AppSpec, roleName: 'driver' | 'executor', roleSpec: unknown, podCount: number, prefix: string, countNote?: string): SparkRoleFit {
  if (roleSpec !== undefined && !isObject(roleSpec)) {
    invalid(prefix, 'must be an object', roleSpec);
  }
  const role: { [key: string]: any } = (roleSpec as { [key: string]: any } | undefined) ?? {};
  const conf: { [key: string]: string } = isObject(app.sparkConf) ? app.sparkConf as { [key: string]: string } : {};
  const notes: string[] = countNote ? [countNote] : [];

  const confKey = (key: string): string | undefined => {
    const value: unknown = conf[key];
    return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;
  };
  const coresValue = role.cores ?? confKey(`spark.${roleName}.cores`);
  const cores = typeof coresValue === 'string' && /^\d+$/.test(coresValue.trim()) ? Number(coresValue) : coresValue;
  if (cores !== undefined && typeof cores !== 'number') {
    invalid(`${prefix}.cores`, 'must be an integer >= 1', cores);
  }

  const memory = sparkMemory(role.memory, `${prefix}.memory`) ?? sparkMemory(confKey(`spark.${roleName}.memory`), `sparkConf["spark.${roleName}.memory"]`);
  const overhead = sparkMemory(role.memoryOverhead, `${prefix}.memoryOverhead`)
    ?? sparkMemory(confKey(`spark.${roleName}.memoryOverhead`), `sparkConf["spark.${roleName}.memoryOverhead"]`);

  const factor = factorOf(confKey(`spark.${roleName}.memoryOverheadFactor`), `sparkConf["spark.${roleName}.memoryOverheadFactor"]`)
    ?? factorOf(app.memoryOverheadFactor, 'memoryOverheadFactor')
    ?? factorOf(confKey('spark.kubernetes.memoryOverheadFactor'), 'sparkConf["spark.kubernetes.memoryOverheadFactor"]');

  const minOverheadKey = `spark.${roleName}.minMemoryOverhead`;
  let minOverhead: number | undefined;
  if (confKey(minOverheadKey) !== undefined) {
    if (typeof app.sparkVersion === 'string' && compareVersions(app.sparkVersion, '4.0.0') >= 0) {
      minOverhead = sparkMemory(confKey(minOverheadKey), `sparkConf["${minOverheadKey}"]`);
    } else {
      notes.push(`sparkConf ${minOverheadKey} is ignored: Spark reads it only from 4.0 (sparkVersion ${String(app.sparkVersion)})`);
    }
  }

  const sizing: SparkRoleSizing = {
    type: (app.type ?? SparkApplicationType.SCALA) as SparkApplicationType,
    cores,
    coreRequest: cpuQuantity(role.coreRequest, `${prefix}.coreRequest`) ?? confKey(`spark.kubernetes.${roleName}.request.cores`),
    coreLimit: cpuQuantity(role.coreLimit, `${prefix}.coreLimit`) ?? confKey(`spark.kubernetes.${roleName}.limit.cores`),
    memoryMebibytes: memory,
    memoryOverheadMebibytes: overhead,
    memoryOverheadFactor: factor,
    minMemoryOverheadMebibytes: minOverhead,
    memoryLimitMebibytes: memoryQuantityMebibytes(role.memoryLimit, `${prefix}.memoryLimit`),
  };
  const resources = SparkPodSizing.compute(sizing, { propPrefix: prefix });

  if (roleName === 'executor' && confKey('spark.executor.pyspark.memory') !== undefined) {
    notes.push(`sparkConf spark.executor.pyspark.memory (${confKey('spark.executor.pyspark.memory')}) adds to each executor pod and is not counted`);
  }
  if (confKey('spark.memory.offHeap.enabled') === 'true' && confKey('spark.memory.offHeap.size') !== undefined) {
    notes.push(`off-heap memory (spark.memory.offHeap.size ${confKey('spark.memory.offHeap.size')}) adds to each pod and is not counted`);
  }
  if (Array.isArray(role.sidecars) && role.sidecars.length > 0) {
    notes.push(`${role.sidecars.length} sidecar container(s) add to each ${roleName} pod and are not counted`);
  }

  const annotations = annotationsOf(role);
  const spot = SPOT_STRATEGIES.includes(annotations[ECI_ANNOTATIONS.SPOT_STRATEGY]);
  const instanceSpecs = specsOf(annotations[ECI_ANNOTATIONS.USE_SPECS], `${prefix}.annotations["${ECI_ANNOTATIONS.USE_SPECS}"]`, notes);
  const eciFit = EciFit.forPod(resources, { specs: instanceSpecs, spot });
  return { roleName, podCount, resources, eciFit, spot, instanceSpecs, notes };
}

/** The role's pod annotations that are strings: the pod template's, then the spec field's (which win). */
function annotationsOf(role: { [key: string]: any }): { [key: string]: string } {
  const out: { [key: string]: string } = {};
  const template = isObject(role.template) && isObject(role.template.metadata) ? role.template.metadata.annotations : undefined;
  for (const source of [template, role.annotations]) {
    if (!isObject(source)) { continue; }
    for (const [key, value] of Object.entries(source)) {
      // A value that is not a string yet is resolved at synth (e.g. fitInstanceSpecs' own annotation).
      if (typeof value === 'string') { out[key] = value; }
    }
  }
  return out;
}

/** The vCPU/memory sizes of an `eci-use-specs` value, or undefined to choose from every size. */
function specsOf(value: string | undefined, prop: string, notes: string[]): EciInstanceSize[] | undefined {
  if (value === undefined) { return undefined; }
  const entries = value.split(',').map(s => s.trim()).filter(s => s !== '');
  const sizes: EciInstanceSize[] = [];
  const types: string[] = [];
  for (const entry of entries) {
    if (SIZE_SPEC.test(entry)) {
      const [vcpu, gib] = entry.slice(0, -2).split('-').map(Number);
      if (!isEciVcpu(vcpu) || !isEciMemoryGibibytes(gib)) {
        invalid(prop, 'must list sizes "<vcpu>-<memory>Gi" with 0.25, 0.5 or whole vCPUs and whole or half GiB, or ECS instance types', value);
      }
      sizes.push(EciInstanceSize.custom(vcpu, gib));
    } else {
      types.push(entry);
    }
  }
  if (types.length > 0) {
    notes.push(sizes.length > 0
      ? `eci-use-specs instance types (${types.join(', ')}) are not sized; the fit uses its vCPU/memory sizes only`
      : `eci-use-specs lists only instance types (${types.join(', ')}), which are not sized; the fit uses every size all regions offer`);
  }
  return sizes.length > 0 ? sizes : undefined;
}

/** How many executors run at once: `instances`, or the dynamic allocation bound. */
function executorCount(spec: { [key: string]: any }, prefix: string): { count: number; note?: string } {
  const executor = isObject(spec.executor) ? spec.executor : {};
  const conf = isObject(spec.sparkConf) ? spec.sparkConf : {};
  const confInstances: unknown = conf['spark.executor.instances'];
  const fromConf = /^\d+$/.test(String(confInstances ?? '').trim()) ? Number(confInstances) : undefined;
  const instances = executor.instances ?? fromConf ?? 1;
  if (!(Number.isInteger(instances) && instances >= 1)) {
    invalid(`${prefix}.executor.instances`, 'must be an integer >= 1', instances);
  }
  const da = isObject(spec.dynamicAllocation) ? spec.dynamicAllocation : undefined;
  if (!da || da.enabled !== true) { return { count: instances }; }
  for (const key of ['initialExecutors', 'minExecutors', 'maxExecutors']) {
    const v = da[key];
    if (v !== undefined && !(Number.isInteger(v) && v >= 0)) {
      invalid(`${prefix}.dynamicAllocation.${key}`, 'must be an integer >= 0', v);
    }
  }
  if (da.maxExecutors !== undefined) {
    return { count: da.maxExecutors, note: `dynamic allocation: sized at maxExecutors (${da.maxExecutors} executors)` };
  }
  const count = Math.max(da.initialExecutors ?? 0, da.minExecutors ?? 0, instances);
  return { count, note: `dynamic allocation without maxExecutors: sized at ${count} executors; Spark may start more` };
}

/** A Spark memory string (or a number, MiB) in whole MiB; undefined when absent. */
function sparkMemory(value: unknown, prop: string): number | undefined {
  if (value === undefined || value === null) { return undefined; }
  if (typeof value === 'number' && Number.isInteger(value) && value > 0) { return value; }
  return SparkPodSizing.parseMemoryMebibytes(value as string, prop);
}

/** A CPU quantity as a string (YAML may have read `1` or `0.5` as a number); undefined when absent. */
function cpuQuantity(value: unknown, prop: string): string | undefined {
  if (value === undefined || value === null) { return undefined; }
  if (typeof value === 'number') { return String(value); }
  if (typeof value !== 'string') {
    return invalid(prop, 'must be a Kubernetes CPU quantity such as "500m" or "2"', value);
  }
  return value;
}

/** An overhead factor (a number, or a string as the CRD writes it); undefined when absent. */
function factorOf(value: unknown, prop: string): number | undefined {
  if (value === undefined || value === null) { return undefined; }
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (!(typeof n === 'number' && Number.isFinite(n) && n >= 0)) {
    return invalid(prop, 'must be a number >= 0, e.g. "0.1"', value);
  }
  return n;
}

const QUANTITY = /^([0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:(Ki|Mi|Gi|Ti|Pi|Ei|m|k|M|G|T|P|E)|[eE]([+-]?[0-9]+))?$/;
const BYTES_PER_SUFFIX: ReadonlyMap<string, number> = new Map([
  ['m', 1e-3], ['', 1], ['k', 1e3], ['M', 1e6], ['G', 1e9], ['T', 1e12], ['P', 1e15], ['E', 1e18],
  ['Ki', 2 ** 10], ['Mi', 2 ** 20], ['Gi', 2 ** 30], ['Ti', 2 ** 40], ['Pi', 2 ** 50], ['Ei', 2 ** 60],
]);

/** A Kubernetes memory quantity (`4608Mi`, `5G`, `1e9`) in MiB, rounded up; undefined when absent. */
function memoryQuantityMebibytes(value: unknown, prop: string): number | undefined {
  if (value === undefined || value === null) { return undefined; }
  const text = typeof value === 'number' ? String(value) : value;
  const match = typeof text === 'string' ? QUANTITY.exec(text.trim()) : null;
  if (!match) {
    return invalid(prop, 'must be a Kubernetes memory quantity such as "4608Mi" or "5Gi"', value);
  }
  const bytes = Number(match[1]) * (match[3] !== undefined ? 10 ** Number(match[3]) : BYTES_PER_SUFFIX.get(match[2] ?? '')!);
  const mebibytes = Math.ceil(bytes / 2 ** 20 - 1e-9);
  if (!(mebibytes >= 1)) {
    return invalid(prop, 'must be at least 1Mi', value);
  }
  return mebibytes;
}

function checkMap(prop: string, value: unknown): void {
  if (value !== undefined && value !== null && !isObject(value)) {
    invalid(prop, 'must be a map of strings', value);
  }
}

function checkType(prop: string, value: unknown): void {
  const types = Object.values(SparkApplicationType) as string[];
  if (value !== undefined && !types.includes(value as string)) {
    invalid(prop, `must be one of ${types.join(', ')}`, value);
  }
}

function isObject(value: unknown): value is { [key: string]: any } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
