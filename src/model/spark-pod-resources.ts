import { SparkApplicationType } from './spark-application-type';
import { scalaToInt } from './spark-conf-values';
import { checkInteger, invalid } from '../private/errors';
import { captureArgument, checkArguments, enumShape, optionsShape, registerShape } from '../private/props-shape';
import { cpuQuantity, parseSparkMemoryMebibytes } from '../private/units';

/**
 * What one role (driver or executors) of a SparkApplication asks for, in the units Spark reads.
 *
 * The fields mirror the role's `cores`, `coreRequest`, `coreLimit`, `memory`, `memoryOverhead`
 * and `memoryLimit`, plus the application's `type` and `memoryOverheadFactor`. Memory is given in
 * whole MiB; `SparkPodSizing.parseMemoryMebibytes('4g')` reads Spark's strings.
 */
export interface SparkRoleSizing {
  /**
   * Language of the application (`spec.type`); it sets the default overhead factor: 0.1 for
   * Java and Scala, 0.4 for Python and R.
   *
   * @default SparkApplicationType.SCALA
   */
  readonly type?: SparkApplicationType;

  /**
   * CPU cores Spark uses (`cores`), an integer >= 1; the pod's CPU request when `coreRequest`
   * is not set.
   *
   * @default 1
   */
  readonly cores?: number;

  /**
   * Kubernetes CPU request of the pod (`coreRequest`), a quantity such as `500m`, `1.5` or `2`.
   *
   * @default - the request is `cores`
   */
  readonly coreRequest?: string;

  /**
   * Kubernetes CPU limit of the pod (`coreLimit`), a quantity such as `1200m` or `2`.
   *
   * @default - no CPU limit
   */
  readonly coreLimit?: string;

  /**
   * Memory Spark gives the JVM heap (or the Python/R process) (`memory`), in whole MiB.
   *
   * @default 1024 (Spark's `1g`)
   */
  readonly memoryMebibytes?: number;

  /**
   * Memory overhead (`memoryOverhead`), in whole MiB; when set, Spark uses it as is, with no
   * factor and no minimum.
   *
   * @default - `max(trunc(memory * factor), minMemoryOverheadMebibytes)`
   */
  readonly memoryOverheadMebibytes?: number;

  /**
   * Overhead factor, a number >= 0: the one Spark uses after its precedence
   * (`spark.{driver,executor}.memoryOverheadFactor`, else `spark.kubernetes.memoryOverheadFactor`,
   * which `spec.memoryOverheadFactor` writes). Ignored when `memoryOverheadMebibytes` is set.
   *
   * @default - 0.1 for Java and Scala, 0.4 for Python and R
   */
  readonly memoryOverheadFactor?: number;

  /**
   * Smallest overhead Spark derives from the factor, in whole MiB. Spark 4.0 made it configurable
   * (`spark.{driver,executor}.minMemoryOverhead`); earlier releases always use 384.
   *
   * @default 384
   */
  readonly minMemoryOverheadMebibytes?: number;

  /**
   * Off-heap memory Spark adds to each executor pod, in whole MiB: `spark.memory.offHeap.size`
   * when `spark.memory.offHeap.enabled` is true. Spark adds nothing to the driver pod for it.
   *
   * @default 0
   */
  readonly offHeapMebibytes?: number;

  /**
   * Python worker memory Spark adds to each executor pod of a Python application, in whole MiB
   * (`spark.executor.pyspark.memory`). Spark adds nothing to drivers, nor to Java, Scala or R
   * executors, for it.
   *
   * @default 0
   */
  readonly pysparkMemoryMebibytes?: number;

  /**
   * Memory limit of the pod (`memoryLimit`, applied by the operator's webhook), in whole MiB;
   * it must be at least the memory Spark requests.
   *
   * @default - the limit equals the memory Spark requests
   */
  readonly memoryLimitMebibytes?: number;

  /**
   * Limits of other resources on the Spark container, by Kubernetes resource name
   * (`{ 'nvidia.com/gpu': 2 }`): Spark's `spark.{driver,executor}.resource.<name>.amount` as
   * `<vendor>/<name>`, the webhook's `gpu`, and what the pod template sets. Kubernetes sets the
   * request of such a resource equal to its limit.
   *
   * @default - none
   */
  readonly extendedResources?: { [name: string]: number };
}

/** Options for `SparkPodSizing.compute()`. */
export interface SparkPodSizingOptions {
  /**
   * Prefix for prop names in error messages: `executor` makes them read
   * `executor.coreLimit must be ...`.
   *
   * @default - prop names without a prefix
   */
  readonly propPrefix?: string;
}

/**
 * The resources of the Spark container in a driver or executor pod, as Spark sets them.
 *
 * Spark requests CPU `coreRequest` (or `cores`) and limits it to `coreLimit`; it requests and
 * limits memory at `memory + overhead`. ECI sizes a pod by its limits, then its requests.
 */
export interface SparkPodResources {
  /** CPU request of the pod, in millicores (`coreRequest`, else `cores` x 1000). */
  readonly cpuRequestMillis: number;

  /**
   * CPU limit of the pod, in millicores (`coreLimit`).
   *
   * @default - no CPU limit
   */
  readonly cpuLimitMillis?: number;

  /** Memory Spark gives the JVM heap or the Python/R process (`memory`), in MiB. */
  readonly sparkMemoryMebibytes: number;

  /** Memory overhead Spark adds (`memoryOverhead`, or the factor rule), in MiB. */
  readonly overheadMebibytes: number;

  /**
   * The factor the overhead was derived from.
   *
   * @default - none: the overhead was given explicitly (`memoryOverhead`)
   */
  readonly overheadFactor?: number;

  /**
   * The smallest overhead the factor rule allows, in MiB.
   *
   * @default 384
   */
  readonly minOverheadMebibytes?: number;

  /**
   * Off-heap memory added to the pod (executors with `spark.memory.offHeap.enabled`), in MiB.
   *
   * @default 0
   */
  readonly offHeapMebibytes?: number;

  /**
   * Python worker memory added to the pod (executors of Python applications,
   * `spark.executor.pyspark.memory`), in MiB.
   *
   * @default 0
   */
  readonly pysparkMemoryMebibytes?: number;

  /**
   * Memory request of the pod, in MiB: memory plus overhead, plus off-heap and pyspark memory on
   * executors (Spark's `totalMemMiB`).
   */
  readonly memoryMebibytes: number;

  /**
   * Memory limit of the pod, in MiB: `memoryLimit` when set, else the request (Spark sets request
   * and limit alike). This is the memory ECI sizes the pod by.
   */
  readonly memoryLimitMebibytes: number;

  /**
   * Whether `memoryLimit` sets the memory limit: lowering `memory` then leaves the limit, and the
   * size ECI bills, as they are.
   *
   * @default false
   */
  readonly memoryLimitGiven?: boolean;

  /**
   * Whether the CPU limit is the pod template's own, which Spark keeps when no `coreLimit` is set.
   *
   * @default false
   */
  readonly cpuLimitFromTemplate?: boolean;

  /**
   * Limits of other resources (GPUs, FPGAs) by Kubernetes resource name; their requests equal them.
   *
   * @default - none
   */
  readonly extendedResources?: { [name: string]: number };
}

/**
 * How Spark turns a role's settings into the resources of its pods, exactly as Spark on
 * Kubernetes computes them (Spark v3.5.2 and v4.0.0-preview2 `BasicDriverFeatureStep`,
 * `BasicExecutorFeatureStep` and `ResourceProfile.getResourcesForClusterManager`):
 *
 * - CPU request = `coreRequest`, else `cores`; CPU limit = `coreLimit`.
 * - overhead = `memoryOverhead`, else `max(trunc(factor × memory), minimum)` MiB, with the
 *   factor Spark chose (0.1 for JVM applications and 0.4 for Python and R unless set) and the
 *   minimum 384 MiB (Spark 4.0: `spark.{driver,executor}.minMemoryOverhead`).
 * - pod memory (request and limit) = memory + overhead, plus on executors off-heap memory and a
 *   Python application's `spark.executor.pyspark.memory`; the operator's webhook replaces the
 *   limit with `memoryLimit` when set.
 *
 * `SparkJobSizing` reads these settings from a SparkApplication as Spark does (spec fields,
 * `sparkConf`, the operator's order of arguments) and calls `compute()`: this class is the one
 * place the arithmetic lives. Sidecar containers are not counted.
 */
export class SparkPodSizing {
  /** Spark's default `memory` (`1g`), in MiB. */
  public static readonly DEFAULT_MEMORY_MEBIBYTES = 1024;

  /**
   * Spark's smallest factor-derived overhead, in MiB: `MEMORY_OVERHEAD_MIN_MIB` in Spark 3.5, the
   * default of `spark.{driver,executor}.minMemoryOverhead` (`384m`) in Spark 4.0.
   */
  public static readonly MIN_MEMORY_OVERHEAD_MEBIBYTES = 384;

  /** Spark's overhead factor for Java and Scala applications. */
  public static readonly JVM_MEMORY_OVERHEAD_FACTOR = 0.1;

  /** Spark's overhead factor for Python and R applications (`NON_JVM_MEMORY_OVERHEAD_FACTOR`). */
  public static readonly NON_JVM_MEMORY_OVERHEAD_FACTOR = 0.4;

  /**
   * Computes the resources of a role's pods.
   *
   * @param sizing the role's settings
   * @param options error message options
   * @throws if a setting is one Spark or Kubernetes refuses
   */
  public static compute(sizing: SparkRoleSizing, options: SparkPodSizingOptions = {}): SparkPodResources {
    options = captureArgument('', options, SIZING_OPTIONS_SHAPE, true, 'options') ?? {};
    sizing = captureArgument(options.propPrefix ?? '', sizing, ROLE_SIZING_SHAPE, false, 'sizing');
    return SparkPodSizing._compute(sizing, options.propPrefix);
  }

  /**
   * `compute()` for settings the model built itself (typed, so their shape needs no run-time
   * check): the same rules on the values, without copying the argument each time a role is sized.
   * @internal
   */
  public static _compute(sizing: SparkRoleSizing, propPrefix?: string): SparkPodResources {
    const p = propPrefix ? `${propPrefix}.` : '';
    const type = sizing.type ?? SparkApplicationType.SCALA;
    if (!Object.values(SparkApplicationType).includes(type)) {
      invalid(`${p}type`, `must be one of ${Object.values(SparkApplicationType).join(', ')}`, type);
    }

    checkInteger(`${p}cores`, sizing.cores, 1);
    const cpuRequestMillis = sizing.coreRequest === undefined
      ? (sizing.cores ?? 1) * 1000
      : SparkPodSizing.parseCpuMillis(sizing.coreRequest, `${p}coreRequest`);
    const cpuLimitMillis = sizing.coreLimit === undefined
      ? undefined
      : SparkPodSizing.parseCpuMillis(sizing.coreLimit, `${p}coreLimit`);
    if (cpuLimitMillis !== undefined && cpuLimitMillis < cpuRequestMillis) {
      invalid(`${p}coreLimit`,
        `must be at least the CPU request (${SparkPodSizing.formatCpuMillis(cpuRequestMillis)}), or Kubernetes refuses the pod`,
        sizing.coreLimit);
    }

    checkInteger(`${p}memoryMebibytes`, sizing.memoryMebibytes, 1);
    checkInteger(`${p}memoryOverheadMebibytes`, sizing.memoryOverheadMebibytes, 0);
    checkInteger(`${p}minMemoryOverheadMebibytes`, sizing.minMemoryOverheadMebibytes, 0);
    checkInteger(`${p}offHeapMebibytes`, sizing.offHeapMebibytes, 0);
    checkInteger(`${p}pysparkMemoryMebibytes`, sizing.pysparkMemoryMebibytes, 0);
    const factorGiven = sizing.memoryOverheadFactor;
    if (factorGiven !== undefined && !(typeof factorGiven === 'number' && factorGiven >= 0)) {
      invalid(`${p}memoryOverheadFactor`, 'must be a number >= 0, e.g. 0.1', factorGiven);
    }
    const extendedResources = checkExtendedResources(`${p}extendedResources`, sizing.extendedResources);

    const sparkMemoryMebibytes = sizing.memoryMebibytes ?? SparkPodSizing.DEFAULT_MEMORY_MEBIBYTES;
    const explicitOverhead = sizing.memoryOverheadMebibytes;
    const overheadFactor = explicitOverhead === undefined
      ? factorGiven ?? SparkPodSizing.defaultOverheadFactor(type)
      : undefined;
    const minOverheadMebibytes = explicitOverhead === undefined
      ? sizing.minMemoryOverheadMebibytes ?? SparkPodSizing.MIN_MEMORY_OVERHEAD_MEBIBYTES
      : undefined;
    const rule: MemoryRule = {
      overheadMebibytes: explicitOverhead,
      overheadFactor,
      minOverheadMebibytes,
      offHeapMebibytes: sizing.offHeapMebibytes ?? 0,
      pysparkMemoryMebibytes: sizing.pysparkMemoryMebibytes ?? 0,
    };
    const overheadMebibytes = overheadFor(rule, sparkMemoryMebibytes);
    const memoryMebibytes = podMemoryFor(rule, sparkMemoryMebibytes);

    checkInteger(`${p}memoryLimitMebibytes`, sizing.memoryLimitMebibytes, 1);
    if (sizing.memoryLimitMebibytes !== undefined && sizing.memoryLimitMebibytes < memoryMebibytes) {
      invalid(`${p}memoryLimitMebibytes`,
        `must be at least the memory Spark requests (${memoryMebibytes} MiB), or Kubernetes refuses the pod`,
        sizing.memoryLimitMebibytes);
    }

    return {
      cpuRequestMillis,
      cpuLimitMillis,
      sparkMemoryMebibytes,
      overheadMebibytes,
      overheadFactor,
      minOverheadMebibytes,
      offHeapMebibytes: rule.offHeapMebibytes || undefined,
      pysparkMemoryMebibytes: rule.pysparkMemoryMebibytes || undefined,
      memoryMebibytes,
      memoryLimitMebibytes: sizing.memoryLimitMebibytes ?? memoryMebibytes,
      memoryLimitGiven: sizing.memoryLimitMebibytes === undefined ? undefined : true,
      extendedResources,
    };
  }

  /**
   * Spark's default overhead factor for an application type: 0.1 for Java and Scala, 0.4 for
   * Python and R.
   */
  public static defaultOverheadFactor(type: SparkApplicationType): number {
    checkArguments('defaultOverheadFactor()', ['type', type, APPLICATION_TYPE]);
    return type === SparkApplicationType.PYTHON || type === SparkApplicationType.R
      ? SparkPodSizing.NON_JVM_MEMORY_OVERHEAD_FACTOR
      : SparkPodSizing.JVM_MEMORY_OVERHEAD_FACTOR;
  }

  /**
   * Spark's factor rule for the overhead: `max(trunc(factor * memory), minimum)` MiB (Spark
   * truncates the product toward zero: 0.1 x 4096 gives 409).
   *
   * @param memoryMebibytes the role's `memory`, in MiB
   * @param factor the overhead factor
   * @param minimumMebibytes the smallest overhead; default 384
   */
  public static overheadMebibytes(memoryMebibytes: number, factor: number, minimumMebibytes?: number): number {
    checkArguments('overheadMebibytes()', ['memoryMebibytes', memoryMebibytes, 'number'], ['factor', factor, 'number'], ['minimumMebibytes', minimumMebibytes, 'number', true]);
    return overheadFor({ overheadFactor: factor, minOverheadMebibytes: minimumMebibytes }, memoryMebibytes);
  }

  /**
   * The memory request of the pod `resources` describes had its `memory` been
   * `memoryMebibytes`: the same rule (an explicit overhead stays, a factor-derived one is derived
   * again; off-heap and pyspark memory stay). `compute()` uses the same function.
   *
   * @param resources the pod whose rule applies
   * @param memoryMebibytes another `memory`, in MiB
   */
  public static podMemoryMebibytes(resources: SparkPodResources, memoryMebibytes: number): number {
    checkArguments('podMemoryMebibytes()', ['resources', resources, POD_RESOURCES_SHAPE], ['memoryMebibytes', memoryMebibytes, 'number']);
    return SparkPodSizing._podMemoryMebibytes(resources, memoryMebibytes);
  }

  /**
   * `podMemoryMebibytes()` without the argument checks, for the model, which passes resources it
   * computed itself (the checks cost more than the rule).
   * @internal
   */
  public static _podMemoryMebibytes(resources: SparkPodResources, memoryMebibytes: number): number {
    return podMemoryFor(ruleOf(resources), memoryMebibytes);
  }

  /**
   * The largest whole-MiB `memory` whose pod, under the same rule as `resources` (see
   * `podMemoryMebibytes()`), requests at most `podMebibytes` of memory. Returns 0 when no
   * `memory` of 1 MiB or more fits.
   *
   * @param resources the pod whose overhead rule applies
   * @param podMebibytes the pod memory to stay within, in MiB
   */
  public static maxMemoryMebibytesWithin(resources: SparkPodResources, podMebibytes: number): number {
    checkArguments('maxMemoryMebibytesWithin()', ['resources', resources, POD_RESOURCES_SHAPE], ['podMebibytes', podMebibytes, 'number']);
    return SparkPodSizing._maxMemoryMebibytesWithin(resources, podMebibytes);
  }

  /**
   * `maxMemoryMebibytesWithin()` without the argument checks, for the model.
   * @internal
   */
  public static _maxMemoryMebibytesWithin(resources: SparkPodResources, podMebibytes: number): number {
    const rule = ruleOf(resources);
    // The pod memory never decreases as memory grows, so a binary search finds the edge.
    let low = 0;
    let high = Math.max(0, Math.floor(podMebibytes));
    while (low < high) {
      const mid = Math.ceil((low + high) / 2);
      if (podMemoryFor(rule, mid) <= podMebibytes) {
        low = mid;
      } else {
        high = mid - 1;
      }
    }
    return low;
  }

  /**
   * Parses a Kubernetes CPU quantity as `coreRequest` and `coreLimit` take it (`500m`, `1`,
   * `1.5`, `0.25`) and returns millicores.
   *
   * @param quantity the quantity
   * @param prop prop name for the error message; default `coreRequest`
   * @throws if the quantity is not a positive decimal or millicore count, or is finer than 1m
   */
  public static parseCpuMillis(quantity: string, prop?: string): number {
    checkArguments('parseCpuMillis()', ['prop', prop, 'string', true]);
    const name = prop ?? 'coreRequest';
    const allowed = 'must be a positive Kubernetes CPU quantity in cores or millicores, e.g. "500m", "1" or "1.5"';
    const match = typeof quantity === 'string' ? /^(\d*)(?:\.(\d*))?(m?)$/.exec(quantity) : null;
    if (!match || (match[1] === '' && !match[2])) {
      return invalid(name, allowed, quantity);
    }
    const whole = Number(match[1] || '0');
    const fraction = match[2] ?? '';
    const digits = match[3] === 'm' ? 0 : 3;
    if (/[1-9]/.test(fraction.slice(digits))) {
      return invalid(name, 'must be a whole number of millicores: Kubernetes refuses CPU finer than 1m', quantity);
    }
    const millis = whole * (match[3] === 'm' ? 1 : 1000) + Number(fraction.slice(0, digits).padEnd(digits, '0') || '0');
    if (!(millis > 0) || !Number.isSafeInteger(millis)) {
      return invalid(name, allowed, quantity);
    }
    return millis;
  }

  /**
   * Renders millicores as a Kubernetes CPU quantity: whole cores as a number (`1`, `2`),
   * anything else in millicores (`500m`, `1200m`).
   */
  public static formatCpuMillis(millis: number): string {
    checkArguments('formatCpuMillis()', ['millis', millis, 'number']);
    return cpuQuantity('formatCpuMillis() millis', millis);
  }

  /**
   * Parses a Spark memory string (`512m`, `4g`; a bare number is MiB) and returns whole MiB,
   * truncated as Spark truncates (`1536k` is 1 MiB).
   *
   * @param value the string, as in a SparkApplication's `memory` or `memoryOverhead`
   * @param prop prop name for the error message; default `memory`
   * @throws if Spark would refuse the string (`1Gi`, `1.5g`)
   */
  public static parseMemoryMebibytes(value: string, prop?: string): number {
    checkArguments('parseMemoryMebibytes()', ['prop', prop, 'string', true]);
    const mebibytes = typeof value === 'string' ? parseSparkMemoryMebibytes(value) : undefined;
    if (mebibytes === undefined) {
      return invalid(prop ?? 'memory',
        'must be a Spark memory string: a whole number with an optional b, k, m, g, t or p suffix, e.g. "512m" or "4g" (not "1Gi" or "1.5g")',
        value);
    }
    return Math.floor(mebibytes);
  }

  private constructor() {}
}

/** What a pod's memory is made of, besides `memory` itself. */
interface MemoryRule {
  /** An explicit overhead, used as is. */
  readonly overheadMebibytes?: number;
  /** Otherwise the factor and the minimum. */
  readonly overheadFactor?: number;
  readonly minOverheadMebibytes?: number;
  readonly offHeapMebibytes?: number;
  readonly pysparkMemoryMebibytes?: number;
}

function ruleOf(resources: SparkPodResources): MemoryRule {
  return {
    overheadMebibytes: resources.overheadFactor === undefined ? resources.overheadMebibytes : undefined,
    overheadFactor: resources.overheadFactor,
    minOverheadMebibytes: resources.minOverheadMebibytes,
    offHeapMebibytes: resources.offHeapMebibytes,
    pysparkMemoryMebibytes: resources.pysparkMemoryMebibytes,
  };
}

/**
 * The overhead: explicit, else `max((factor * memory).toInt, minimum)`
 * (`BasicDriverFeatureStep.scala@v3.5.2:78-81`; `ResourceProfile.scala@v3.5.2:474-480`; the
 * minimum a conf in `@v4.0.0-preview2:78-81` and `489-496`).
 */
function overheadFor(rule: MemoryRule, memoryMebibytes: number): number {
  if (rule.overheadMebibytes !== undefined) { return rule.overheadMebibytes; }
  return Math.max(scalaToInt(rule.overheadFactor! * memoryMebibytes), rule.minOverheadMebibytes ?? SparkPodSizing.MIN_MEMORY_OVERHEAD_MEBIBYTES);
}

/**
 * The pod's memory request: `executorMemoryMiB + memoryOverheadMiB + memoryOffHeapMiB +
 * pysparkMemToUseMiB` (`ResourceProfile.scala@v3.5.2:530-539`); the driver's
 * `driverMemoryMiB + memoryOverheadMiB` (`BasicDriverFeatureStep.scala@v3.5.2:82`) is the same sum
 * with the last two at 0.
 */
function podMemoryFor(rule: MemoryRule, memoryMebibytes: number): number {
  return memoryMebibytes + overheadFor(rule, memoryMebibytes) + (rule.offHeapMebibytes ?? 0) + (rule.pysparkMemoryMebibytes ?? 0);
}

/** Refuses limits that are not whole, non-negative counts; returns a copy without zeros, or undefined when empty. */
function checkExtendedResources(prop: string, value: { [name: string]: number } | undefined): { [name: string]: number } | undefined {
  if (value === undefined) { return undefined; }
  if (typeof value !== 'object' || value === null || Array.isArray(value) || value instanceof Map) {
    return invalid(prop, 'must be a map of resource names to whole numbers, e.g. { "nvidia.com/gpu": 1 }', value);
  }
  const out: { [name: string]: number } = {};
  for (const [name, amount] of Object.entries(value)) {
    if (name === '' || name === 'cpu' || name === 'memory') {
      invalid(prop, 'must name resources other than cpu and memory, e.g. "nvidia.com/gpu"', name);
    }
    checkInteger(`${prop}[${JSON.stringify(name)}]`, amount, 0);
    if (amount > 0) { out[name] = amount; }
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

const APPLICATION_TYPE = enumShape('SparkApplicationType', SparkApplicationType);

/** What each field holds (`captureArgument`); typed, so a new field needs a shape to compile. */
const ROLE_SIZING_SHAPE = optionsShape<SparkRoleSizing>({
  type: APPLICATION_TYPE,
  cores: 'number',
  coreRequest: 'string',
  coreLimit: 'string',
  memoryMebibytes: 'number',
  memoryOverheadMebibytes: 'number',
  memoryOverheadFactor: 'number',
  minMemoryOverheadMebibytes: 'number',
  offHeapMebibytes: 'number',
  pysparkMemoryMebibytes: 'number',
  memoryLimitMebibytes: 'number',
  extendedResources: { map: 'number' },
});
const SIZING_OPTIONS_SHAPE = optionsShape<SparkPodSizingOptions>({ propPrefix: 'string' });

/**
 * `SparkPodResources` given back to the library (`podMemoryMebibytes()`,
 * `maxMemoryMebibytesWithin()`, and `EciFit.forPod()`, which reads it from the registry: an export
 * here would be public API).
 */
const POD_RESOURCES_SHAPE = registerShape('SparkPodResources', optionsShape<SparkPodResources>({
  cpuRequestMillis: 'number',
  cpuLimitMillis: 'number',
  sparkMemoryMebibytes: 'number',
  overheadMebibytes: 'number',
  overheadFactor: 'number',
  minOverheadMebibytes: 'number',
  offHeapMebibytes: 'number',
  pysparkMemoryMebibytes: 'number',
  memoryMebibytes: 'number',
  memoryLimitMebibytes: 'number',
  memoryLimitGiven: 'boolean',
  cpuLimitFromTemplate: 'boolean',
  extendedResources: { map: 'number' },
}));
