/**
 * The one function that gives a driver or executor pod its CPU, memory and other resources from
 * a SparkApplication, as Spark 3.5 / 4.0 and the Spark Operator v2.5.2 do. Everything that sizes
 * pods (`SparkJobSizing`, the plan, ECI fit and suggestions, quota, cost) goes through it;
 * `SparkPodSizing.compute()` does the arithmetic.
 *
 * Sources (see `../shared/facts/spark-pod-resources.md`; abbreviations as there):
 * - DSTEP = Spark `resource-managers/kubernetes/core/src/main/scala/org/apache/spark/deploy/k8s/features/BasicDriverFeatureStep.scala`
 * - ESTEP = Spark `.../k8s/features/BasicExecutorFeatureStep.scala`
 * - RPROF = Spark `core/src/main/scala/org/apache/spark/resource/ResourceProfile.scala`
 * - CONF = Spark `core/src/main/scala/org/apache/spark/internal/config/package.scala`
 * - K8SCONF = Spark `resource-managers/kubernetes/core/src/main/scala/org/apache/spark/deploy/k8s/Config.scala`
 * - RUTILS = Spark `core/src/main/scala/org/apache/spark/resource/ResourceUtils.scala`
 * - DEFAULTER = spark-operator `internal/webhook/sparkpod_defaulter.go`
 * Line numbers are at Spark v3.5.2 unless a tag is named; v4.0.0-preview2 (and upstream master of
 * 2024-09-24) differ only by `spark.{driver,executor}.minMemoryOverhead` (SPARK-47208).
 */
import { isObject } from './json';
import { SparkApplicationType } from './spark-application-type';
import { readScalaInt, readSparkBoolean, readSparkBytes, readSparkDouble, readSparkInt, readSparkMebibytes } from './spark-conf-values';
import { SparkPodResources, SparkPodSizing } from './spark-pod-resources';
import { ConfEntry, MainResource, sparkConfField, SubmitConf } from './spark-submit-conf';
import { describeValue, invalid } from '../private/errors';
import { compareVersions } from '../private/names';
import { nanosCeil, NANOS_PER_UNIT, parseQuantityNanos } from '../private/units';

/** A driver or executor. */
export type SparkRoleName = 'driver' | 'executor';

/** Who refuses a value. */
export enum RefusedBy {
  /** spark-submit, or the driver when it builds executor pods: the application fails. */
  SPARK = 'SPARK',
  /** The operator's pod webhook: the API server refuses the pod. */
  WEBHOOK = 'WEBHOOK',
}

/**
 * A value that reads well but that Spark or the webhook refuses by a rule: the pods are never
 * created. The role is sized as if the value were not set.
 */
export interface SizingRefusal {
  readonly by: RefusedBy;
  readonly role: SparkRoleName;
  /** The field, relative to the application spec: `sparkConf["spark.driver.memoryOverheadFactor"]`, `executor.memoryLimit`. */
  readonly field: string;
  /** What the value must be and what happens otherwise, phrased to follow the field. */
  readonly allowed: string;
  /** The rule's source: file, tag and line. */
  readonly source: string;
  /** The refused value as written. */
  readonly got: unknown;
}

/** A refusal after its field: what the value must be, the rule's source, and the value. */
export function describeRefusalRule(refusal: SizingRefusal): string {
  return `${refusal.allowed} (${refusal.source}) (got ${describeValue(refusal.got)})`;
}

/** A refusal in one sentence, naming the field with `field`. */
export function describeRefusal(refusal: SizingRefusal, field: (f: string) => string = f => f): string {
  return `${field(refusal.field)} ${describeRefusalRule(refusal)}`;
}

/** What `sparkRoleResources()` reads. */
export interface RoleResourcesInput {
  readonly role: SparkRoleName;
  /** The keys spark-submit receives (`submitConf()`). */
  readonly conf: SubmitConf;
  /** How Spark classifies the main resource (`mainResourceOf()`). */
  readonly mainResource: MainResource;
  /** `spec.sparkVersion`: 4.0.0 and later read `spark.{driver,executor}.minMemoryOverhead`. */
  readonly sparkVersion?: unknown;
  /** The role's spec (`spec.driver`), for the fields only the webhook applies and the pod template. */
  readonly roleSpec: { readonly [key: string]: any };
  /** Names a field, relative to the application spec, for errors: `spec.driver.memory`, or `driver.memory` for a construct. */
  readonly name: (field: string) => string;
}

/** The resources of a role's pods, with what Spark or the webhook refuses and what the sizing notes. */
export interface RoleResources {
  readonly resources: SparkPodResources;
  readonly refusals: readonly SizingRefusal[];
  /** True statements about settings Spark reads but does not add to this role's pods. */
  readonly notes: readonly string[];
}

/** Nanos in one MiB: quantities are compared in nanos (`parseQuantityNanos()`). */
const MEBIBYTE_NANOS = BigInt(2) ** BigInt(20) * NANOS_PER_UNIT;

const MEMORY_STRING = 'must be a Spark memory string: a whole number with an optional b, k, m, g, t or p suffix, e.g. "512m" or "4g" (not "1Gi" or "1.5g")';

/** The Spark container of a pod template, as the operator names it (spark-operator v2.5.2 `pkg/common/spark.go:365,373`). */
const TEMPLATE_CONTAINER: { readonly [role in SparkRoleName]: string } = {
  driver: 'spark-kubernetes-driver',
  executor: 'spark-kubernetes-executor',
};

/** The Java units the webhook converts in `memoryLimit` (spark-operator v2.5.2 `pkg/util/util.go:35-46`). */
const JAVA_TO_K8S_UNITS: ReadonlyArray<readonly [string, string]> = [
  ['kb', 'Ki'], ['mb', 'Mi'], ['gb', 'Gi'], ['tb', 'Ti'], ['pb', 'Pi'], ['k', 'Ki'], ['m', 'Mi'], ['g', 'Gi'], ['t', 'Ti'], ['p', 'Pi'],
];

/**
 * `util.ConvertJavaMemoryStringToK8sMemoryString` (spark-operator v2.5.2 `pkg/util/util.go:118-128`):
 * when the lower-cased text ends with a Java unit, the unit is cut from the text as written and
 * the Kubernetes unit appended. The cut is case-sensitive: `10g` becomes `10Gi`, but `10G`
 * becomes `10GGi`, which does not parse. Kubernetes units (`10Gi`) pass unchanged. At most one
 * unit matches any text, so the Go map's random order does not matter.
 */
export function webhookMemoryLimit(text: string): string {
  const lower = text.toLowerCase();
  for (const [unit, k8s] of JAVA_TO_K8S_UNITS) {
    if (lower.endsWith(unit)) {
      return (text.endsWith(unit) ? text.slice(0, -unit.length) : text) + k8s;
    }
  }
  return text;
}

/**
 * The resources of one role's pods, exactly as Spark and the webhook set them.
 *
 * @throws SparkEciValidationError for a value that cannot be read at all (a memory string Spark
 *   cannot parse, cores that are no integer, a CPU or memory quantity Kubernetes cannot parse,
 *   a memory or CPU limit below the request, which Kubernetes refuses)
 */
export function sparkRoleResources(input: RoleResourcesInput): RoleResources {
  return new RoleReader(input).read();
}

class RoleReader {
  private readonly refusals: SizingRefusal[] = [];
  private readonly notes: string[] = [];
  private readonly role: SparkRoleName;

  constructor(private readonly input: RoleResourcesInput) {
    this.role = input.role;
  }

  public read(): RoleResources {
    const role = this.role;
    const nonJvm = this.input.mainResource !== MainResource.JVM;

    // CPU (DSTEP:47-51; ESTEP:78-86 and RPROF:394-399): the request is
    // spark.kubernetes.<role>.request.cores, else spark.<role>.cores; the limit limit.cores.
    const coresEntry = this.entry(`spark.${role}.cores`);
    const cores = coresEntry === undefined ? 1 : readSparkInt(coresEntry.value);
    if (cores === undefined || cores < 1) {
      invalid(this.name(coresEntry!), 'must be an integer >= 1', coresEntry!.raw);
    }
    const requestEntry = this.entry(`spark.kubernetes.${role}.request.cores`);
    const cpuRequestMillis = requestEntry === undefined ? cores * 1000 : SparkPodSizing.parseCpuMillis(requestEntry.value, this.name(requestEntry));
    const limit = this.cpuLimit();
    if (limit !== undefined && limit.millis < cpuRequestMillis) {
      invalid(limit.field, `must be at least the CPU request (${SparkPodSizing.formatCpuMillis(cpuRequestMillis)}), or Kubernetes refuses the pod`, limit.raw);
    }

    // Memory: spark.<role>.memory (CONF:97-101, 323-327), default 1g.
    const memoryEntry = this.entry(`spark.${role}.memory`);
    const memory = this.mebibytes(memoryEntry);
    if (memory !== undefined && memory < 1) {
      invalid(this.name(memoryEntry!), 'must be at least 1m: Spark gives the JVM no heap below that', memoryEntry!.raw);
    }
    // An explicit overhead (CONF:103-108, 329-334), or its YARN-era alternate, which SparkConf
    // still reads (core/src/main/scala/org/apache/spark/SparkConf.scala@v3.5.2:700-703).
    const overhead = this.mebibytes(this.entry(`spark.${role}.memoryOverhead`) ?? this.entry(`spark.yarn.${role}.memoryOverhead`));

    const limitMebibytes = this.memoryLimit();
    const sizing = {
      type: this.input.mainResource === MainResource.PYTHON ? SparkApplicationType.PYTHON
        : this.input.mainResource === MainResource.R ? SparkApplicationType.R : SparkApplicationType.SCALA,
      cores,
      coreRequest: SparkPodSizing.formatCpuMillis(cpuRequestMillis),
      coreLimit: limit && SparkPodSizing.formatCpuMillis(limit.millis),
      memoryMebibytes: memory,
      memoryOverheadMebibytes: overhead,
      memoryOverheadFactor: this.factor(nonJvm),
      minMemoryOverheadMebibytes: this.minimumOverhead(),
      offHeapMebibytes: role === 'executor' ? this.offHeap() : undefined,
      pysparkMemoryMebibytes: role === 'executor' ? this.pysparkMemory() : undefined,
      extendedResources: this.extendedResources(),
    };
    const resources = SparkPodSizing._compute(sizing);
    // Spark requests the pod's memory in whole MiB (DSTEP@v3.5.2:133-139 `${driverMemoryWithOverheadMiB}Mi`,
    // ESTEP@v3.5.2:193-198 `${execResources.totalMemMiB}Mi`) and the webhook sets the limit as written:
    // compared exactly, as the API server compares them (1536Ki is below 2Mi, though both round up to 2 MiB).
    if (limitMebibytes !== undefined && limitMebibytes.nanos < BigInt(resources.memoryMebibytes) * MEBIBYTE_NANOS) {
      invalid(limitMebibytes.field, `must be at least the memory Spark requests (${resources.memoryMebibytes}Mi), or Kubernetes refuses the pod`,
        limitMebibytes.raw);
    }
    return {
      resources: {
        ...resources,
        ...(limit?.fromTemplate ? { cpuLimitFromTemplate: true } : {}),
        ...(limitMebibytes === undefined ? {} : { memoryLimitMebibytes: limitMebibytes.mebibytes, memoryLimitGiven: true }),
      },
      refusals: this.refusals,
      notes: this.notes,
    };
  }

  /** A key as spark-submit receives it, with the raw value written in the spec. */
  private entry(key: string): ConfEntry | undefined {
    return this.input.conf.get(key);
  }

  private name(entry: ConfEntry): string {
    return this.input.name(entry.field);
  }

  private refuse(by: RefusedBy, field: string, allowed: string, source: string, got: unknown): void {
    this.refusals.push({ by, role: this.role, field, allowed, source, got });
  }

  /** A MiB `bytesConf` value; throws for text Spark cannot parse. */
  private mebibytes(entry: ConfEntry | undefined): number | undefined {
    if (entry === undefined) { return undefined; }
    const value = readSparkMebibytes(entry.value);
    return value ?? invalid(this.name(entry), MEMORY_STRING, entry.raw);
  }

  /**
   * The CPU limit: spark.kubernetes.<role>.limit.cores (DSTEP:51,90-92; ESTEP:86,217-225), else
   * the pod template's own, which Spark leaves in place (`addToLimits` with an empty map).
   */
  private cpuLimit(): { millis: number; field: string; raw: unknown; fromTemplate?: boolean } | undefined {
    const e = this.entry(`spark.kubernetes.${this.role}.limit.cores`);
    if (e !== undefined) {
      return { millis: SparkPodSizing.parseCpuMillis(e.value, this.name(e)), field: this.name(e), raw: e.raw };
    }
    const template = this.templateLimits();
    if (template?.limits.cpu === undefined) { return undefined; }
    const field = this.input.name(`${template.path}.resources.limits.cpu`);
    const nanos = parseQuantityNanos(template.limits.cpu);
    if (nanos === undefined || nanos <= BigInt(0)) {
      return invalid(field, 'must be a positive Kubernetes CPU quantity, e.g. "500m" or "2"', template.limits.cpu);
    }
    return { millis: nanosCeil(nanos, BigInt(1_000_000)), field, raw: template.limits.cpu, fromTemplate: true };
  }

  /**
   * The overhead factor (DSTEP:57-76 for the driver; ESTEP:61-65 for executors, with the
   * `spark.kubernetes.memoryOverheadFactor` the driver propagates, DSTEP:163-168):
   * `spark.<role>.memoryOverheadFactor` if set, else `spark.kubernetes.memoryOverheadFactor` if
   * set, else 0.4 for Python and R, 0.1 for the JVM. A refused factor is left out.
   */
  private factor(nonJvm: boolean): number {
    const k8s = this.entry('spark.kubernetes.memoryOverheadFactor');
    let k8sFactor: number | undefined;
    if (k8s !== undefined) {
      k8sFactor = readSparkDouble(k8s.value) ?? invalid(this.name(k8s), 'must be a number >= 0, e.g. "0.1"', k8s.raw);
      if (!(k8sFactor >= 0)) {
        // The driver step reads it in spark-submit: reported once, on the driver.
        if (this.role === 'driver') {
          this.refuse(RefusedBy.SPARK, k8s.field, 'must be a number >= 0, or spark-submit fails: "Ensure that memory overhead is non-negative"',
            'Spark v3.5.2 K8SCONF:546-554', k8s.raw);
        }
        k8sFactor = undefined;
      }
    }
    const own = this.entry(`spark.${this.role}.memoryOverheadFactor`);
    if (own !== undefined) {
      const value = readSparkDouble(own.value) ?? invalid(this.name(own), 'must be a number > 0, e.g. "0.1"', own.raw);
      if (value > 0) { return value; }
      const effect = this.role === 'driver' ? 'spark-submit fails' : 'the driver fails to create executors';
      this.refuse(RefusedBy.SPARK, own.field, `must be a number > 0 (unlike spark.kubernetes.memoryOverheadFactor, 0 is refused), or ${effect}: `
        + '"Ensure that memory overhead is a double greater than 0"',
      `Spark v3.5.2 CONF:${this.role === 'driver' ? '110-124' : '336-350'}`, own.raw);
    }
    return k8sFactor ?? (nonJvm ? SparkPodSizing.NON_JVM_MEMORY_OVERHEAD_FACTOR : SparkPodSizing.JVM_MEMORY_OVERHEAD_FACTOR);
  }

  /**
   * The smallest factor-derived overhead: spark.<role>.minMemoryOverhead from Spark 4.0
   * (DSTEP@v4.0.0-preview2:69,78-81; ESTEP@v4.0.0-preview2:62,69-76; CONF@v4.0.0-preview2:132-138,414-421),
   * a key Spark 3.5 does not know (the floor stays 384 MiB, RPROF:339).
   */
  private minimumOverhead(): number | undefined {
    const key = `spark.${this.role}.minMemoryOverhead`;
    const e = this.entry(key);
    if (e === undefined) { return undefined; }
    const version = this.input.sparkVersion;
    if (typeof version === 'string' && compareVersions(version, '4.0.0') >= 0) { return this.mebibytes(e); }
    this.notes.push(`sparkConf ${key} is ignored: Spark reads it only from 4.0 (sparkVersion ${String(version)})`);
    return undefined;
  }

  /**
   * Off-heap memory of an executor: `spark.memory.offHeap.size` (bytes when no unit, CONF:370-379)
   * in whole MiB when `spark.memory.offHeap.enabled` (or its alternate `spark.unsafe.offHeap`,
   * CONF:362-368) is true, which must then be at least 1 MiB
   * (`core/src/main/scala/org/apache/spark/util/Utils.scala@v3.5.2:3017-3033`, RPROF:411-412).
   */
  private offHeap(): number | undefined {
    const enabledEntry = this.entry('spark.memory.offHeap.enabled') ?? this.entry('spark.unsafe.offHeap');
    const enabled = enabledEntry === undefined ? false
      : readSparkBoolean(enabledEntry.value) ?? invalid(this.name(enabledEntry), 'must be true or false', enabledEntry.raw);
    const sizeEntry = this.entry('spark.memory.offHeap.size');
    const bytes = sizeEntry === undefined ? 0
      : readSparkBytes(sizeEntry.value, 1) ?? invalid(this.name(sizeEntry), MEMORY_STRING.replace('"512m" or "4g"', '"512m" or "4g"; a bare number is bytes'), sizeEntry.raw);
    const mebibytes = Math.floor(bytes / 2 ** 20);
    if (!enabled) {
      if (mebibytes > 0) {
        this.notes.push(`spark.memory.offHeap.size (${sizeEntry!.value}) is not added to the executor pods: spark.memory.offHeap.enabled is not true`);
      }
      return undefined;
    }
    if (mebibytes > 0) { return mebibytes; }
    this.refuse(RefusedBy.SPARK, sizeEntry?.field ?? enabledEntry!.field,
      'must be at least 1m (a bare number is bytes) when spark.memory.offHeap.enabled is true, or the driver fails at start: '
      + '"spark.memory.offHeap.size must be > 0 when spark.memory.offHeap.enabled == true"',
      'Spark v3.5.2 core/src/main/scala/org/apache/spark/util/Utils.scala:3025-3033', sizeEntry?.raw ?? '0');
    return undefined;
  }

  /**
   * `spark.executor.pyspark.memory` (MiB when no unit, `core/src/main/scala/org/apache/spark/internal/config/Python.scala@v3.5.2:54-57`),
   * added to the executors of Python applications only (RPROF:526-531, `isPythonApp`: the main
   * resource is a `.py` file; R applications are not Python, ESTEP:60).
   */
  private pysparkMemory(): number | undefined {
    const e = this.entry('spark.executor.pyspark.memory');
    const mebibytes = this.mebibytes(e);
    if (mebibytes === undefined || mebibytes === 0) { return undefined; }
    if (this.input.mainResource === MainResource.PYTHON) { return mebibytes; }
    this.notes.push(`spark.executor.pyspark.memory (${e!.value}) is not added to the executor pods: Spark adds it for Python applications only `
      + '(mainApplicationFile ending in .py)');
    return undefined;
  }

  /**
   * Limits other than CPU and memory, in the order they land on the container: the pod
   * template's, then Spark's `spark.<role>.resource.<name>.{amount,vendor}` as `<vendor>/<name>`
   * (DSTEP:94-95,139 with `KubernetesUtils.buildResourcesQuantities`; ESTEP:88-100,122,197), then
   * the webhook's `gpu` (DEFAULTER:625-656), each replacing the same name.
   */
  private extendedResources(): { [name: string]: number } | undefined {
    const out: { [name: string]: number } = {};
    const template = this.templateLimits();
    for (const [name, value] of Object.entries(template?.limits ?? {})) {
      if (name === 'cpu' || name === 'memory') { continue; }
      const nanos = parseQuantityNanos(value);
      if (nanos === undefined || nanos < BigInt(0) || nanos % NANOS_PER_UNIT !== BigInt(0)) {
        invalid(this.input.name(`${template!.path}.resources.limits[${JSON.stringify(name)}]`),
          'must be a whole number: Kubernetes refuses fractions of an extended resource', value);
      }
      out[name] = Number(nanos! / NANOS_PER_UNIT);
    }
    Object.assign(out, this.sparkResources());
    const gpu = this.webhookGpu();
    if (gpu) { out[gpu.name] = gpu.quantity; }
    return out;
  }

  /**
   * `spark.<role>.resource.*` as Spark reads it (RUTILS:140-167): every key names a resource and a
   * setting; each resource needs an integer `amount` (0 or less leaves it out) and, on Kubernetes,
   * a `vendor` (`KubernetesUtils.scala@v3.5.2:253-267`, ESTEP:88-100).
   */
  private sparkResources(): { [name: string]: number } {
    const role = this.role;
    const prefix = `spark.${role}.resource.`;
    const names: string[] = [];
    const effect = role === 'driver' ? 'spark-submit fails' : 'the driver fails';
    for (const key of this.input.conf.keys()) {
      if (!key.startsWith(prefix)) { continue; }
      const rest = key.slice(prefix.length);
      const dot = rest.indexOf('.');
      if (dot < 0) {
        this.refuse(RefusedBy.SPARK, this.input.conf.get(key)!.field,
          `must be a setting of a resource (${prefix}${rest}.amount, .vendor), or ${effect}: "You must specify an amount config for resource: ${rest}"`,
          'Spark v3.5.2 RUTILS:150-159', this.input.conf.get(key)!.value);
        continue;
      }
      const name = rest.slice(0, dot);
      if (!names.includes(name)) { names.push(name); }
    }
    const out: { [name: string]: number } = {};
    for (const name of names) {
      const amountEntry = this.entry(`${prefix}${name}.amount`);
      if (amountEntry === undefined) {
        this.refuse(RefusedBy.SPARK, sparkConfField(`${prefix}${name}.amount`),
          `must be set when other ${prefix}${name}.* settings are, or ${effect}: "You must specify an amount for ${name}"`,
          'Spark v3.5.2 RUTILS:140-148', undefined);
        continue;
      }
      const amount = readScalaInt(amountEntry.value);
      if (amount === undefined) {
        this.refuse(RefusedBy.SPARK, amountEntry.field, `must be a whole number, or ${effect} (Scala's toInt)`, 'Spark v3.5.2 RUTILS:142-144', amountEntry.raw);
        continue;
      }
      if (amount <= 0) { continue; } // RUTILS:166: `.filter(_.amount > 0)`
      const vendorEntry = this.entry(`${prefix}${name}.vendor`);
      if (vendorEntry === undefined || vendorEntry.value === '') {
        this.refuse(RefusedBy.SPARK, vendorEntry?.field ?? sparkConfField(`${prefix}${name}.vendor`),
          `must name the vendor on Kubernetes (e.g. nvidia.com), or ${role === 'driver' ? 'spark-submit fails' : 'the driver fails to create executors'}: `
          + `"Resource: ${name} was requested, but vendor was not specified"`,
          role === 'driver' ? 'Spark v3.5.2 resource-managers/kubernetes/core/src/main/scala/org/apache/spark/deploy/k8s/KubernetesUtils.scala:258-263'
            : 'Spark v3.5.2 ESTEP:88-100', vendorEntry?.raw);
        continue;
      }
      out[`${vendorEntry.value}/${name}`] = amount; // KubernetesConf.buildKubernetesResourceName: "<vendor>/<name>"
    }
    return out;
  }

  /**
   * The webhook's `gpu` (DEFAULTER:625-656): `limits[name] = quantity`; a missing name or a
   * quantity of 0 or less is logged and skipped.
   */
  private webhookGpu(): { name: string; quantity: number } | undefined {
    const gpu = this.input.roleSpec.gpu;
    if (gpu === undefined || gpu === null) { return undefined; }
    const field = this.input.name(`${this.role}.gpu`);
    if (!isObject(gpu) || typeof gpu.name !== 'string' || !Number.isInteger(gpu.quantity)) {
      return invalid(field, 'must be { name: string, quantity: integer }', gpu);
    }
    if (gpu.name === '' || gpu.quantity <= 0) {
      this.notes.push(`${this.role}.gpu (${describeValue(gpu)}) is ignored: the webhook skips a GPU without a name or with a quantity below 1`);
      return undefined;
    }
    return { name: gpu.name, quantity: gpu.quantity };
  }

  /**
   * The pod template's Spark container limits: the container named as the operator tells Spark
   * (`submission.go:1141-1146,1181-1186`), else the first (`KubernetesUtils.selectSparkContainer`,
   * `KubernetesUtils.scala@v3.5.2:116-140`).
   */
  private templateLimits(): { limits: { [name: string]: unknown }; path: string } | undefined {
    const template = this.input.roleSpec.template;
    const containers = isObject(template) && isObject(template.spec) && Array.isArray(template.spec.containers) ? template.spec.containers : [];
    const named = containers.filter((c: any) => isObject(c) && c.name === TEMPLATE_CONTAINER[this.role]);
    const index = named.length === 1 ? containers.indexOf(named[0]) : 0;
    const container = containers[index];
    if (!isObject(container) || !isObject(container.resources) || !isObject(container.resources.limits)) { return undefined; }
    return { limits: container.resources.limits, path: `${this.role}.template.spec.containers[${index}]` };
  }

  /**
   * `memoryLimit`, as the webhook applies it (DEFAULTER:103-133): Java units converted to
   * Kubernetes ones, then parsed as a quantity; text that still does not parse makes the webhook
   * fail, and the API server refuses the pod.
   */
  /** The memory limit: in MiB rounded up (what ECI sizes by), and exactly (what the API server compares). */
  private memoryLimit(): { mebibytes: number; nanos: bigint; field: string; raw: unknown } | undefined {
    const raw = this.input.roleSpec.memoryLimit;
    if (raw === undefined || raw === null) { return undefined; }
    const field = this.input.name(`${this.role}.memoryLimit`);
    if (typeof raw !== 'string' && typeof raw !== 'number') {
      return invalid(field, 'must be a memory quantity such as "5Gi" or "5g"', raw);
    }
    const converted = webhookMemoryLimit(String(raw));
    const nanos = parseQuantityNanos(converted);
    if (nanos === undefined) {
      this.refuse(RefusedBy.WEBHOOK, `${this.role}.memoryLimit`,
        `must be a Kubernetes quantity ("10Gi") or a Java size with a lower-case unit ("10g"): the webhook rewrites it to "${converted}", `
        + 'which does not parse, and the pod is refused',
        'spark-operator v2.5.2 pkg/util/util.go:118-128, internal/webhook/sparkpod_defaulter.go:119-123', raw);
      return undefined;
    }
    const mebibytes = nanosCeil(nanos, MEBIBYTE_NANOS);
    if (!(mebibytes >= 1)) { return invalid(field, 'must be at least 1Mi', raw); }
    return { mebibytes, nanos, field, raw };
  }
}
