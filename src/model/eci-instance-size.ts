import { SparkPodResources, SparkPodSizing } from './spark-pod-resources';
import { brand, isBranded } from '../private/brand';
import { checkEciVcpu, formatEciSize, isEciMemoryGibibytes } from '../private/eci-sizes';
import { invalid } from '../private/errors';
import { captureArgument, checkArguments, instanceShape, optionsShape, registeredShape } from '../private/props-shape';
import { formatPercent as percent, sparkMemoryOfMebibytes } from '../private/units';

/** vCPU: GiB sizes every ECI region offers (ECI documentation, "specify vCPU and memory"). */
const TABLE: ReadonlyArray<readonly [number, readonly number[]]> = [
  [0.25, [0.5, 1]],
  [0.5, [1, 2]],
  [1, [2, 4, 8]],
  [2, [1, 2, 4, 8, 16]],
  [4, [2, 4, 8, 16, 32]],
  [8, [4, 8, 16, 32, 64]],
  [12, [12, 24, 48, 96]],
  [16, [16, 32, 64, 128]],
  [24, [24, 48, 96, 192]],
  [32, [32, 64, 128, 256]],
  [52, [96, 192, 384]],
  [64, [128, 256, 512]],
];

/**
 * vCPU: GiB sizes ECI creates a spot (preemptible) pod at when it is sized by vCPU and memory:
 * ECI "Create a preemptible elastic container instance" (doc 165053, "该方式仅支持2 vCPU及以上规格
 * … 如果指定的规格不支持,系统会自动向上规整"; DOMAIN.md §4): the pay-as-you-go table without the
 * sizes under 2 vCPU and those with less GiB than vCPUs, so a 2 vCPU / 896 MiB spot pod is created
 * and billed as 2-2Gi, not 2-1Gi (2 vCPU with 2, 4, 8 or 16 GiB, 4 with 4 to 32, and so on; the
 * rows of 52 and 64 vCPU could be read only up to "52: 96, 192", and follow the same rule).
 */
const SPOT_TABLE: ReadonlyArray<readonly [number, readonly number[]]> = TABLE
  .filter(([vcpu]) => vcpu >= 2)
  .map(([vcpu, gibs]) => [vcpu, gibs.filter(gib => gib >= vcpu)] as const);

const SPEC_PATTERN = /^(\d+(?:\.\d+)?)-(\d+(?:\.\d+)?)Gi$/;

/** The smallest vCPU count ECI accepts for a spot pod sized by vCPU and memory (the spot table's first row). */
const SPOT_MIN_VCPU = SPOT_TABLE[0][0];

let tableSizes: EciInstanceSize[] | undefined;
let spotSizes: EciInstanceSize[] | undefined;

/**
 * A vCPU/memory size of an ECI instance, as ECI bills it and as
 * `k8s.aliyun.com/eci-use-specs` spells it (`2-4Gi`).
 *
 * `EciInstanceSize.of()` and `all()` cover the sizes every region offers; regions offer a few
 * more (Alibaba's example: 8 vCPU / 14 GiB), which `custom()` describes.
 */
export class EciInstanceSize {
  /** What ECI creates for a pod that declares no CPU or memory: 2 vCPU / 4 GiB. */
  public static readonly DEFAULT: EciInstanceSize = EciInstanceSize.of(2, 4);

  /**
   * Whether `x` is an `EciInstanceSize`, also when another copy of this package made it
   * (`instanceof` is not: an app may load two copies of `cdk8s-spark-eci`).
   *
   * @param x any value
   */
  public static isEciInstanceSize(x: any): x is EciInstanceSize {
    return isBranded(x, 'EciInstanceSize');
  }

  /**
   * A size every ECI region offers.
   *
   * @param vcpu vCPUs: 0.25, 0.5, 1, 2, 4, 8, 12, 16, 24, 32, 52 or 64
   * @param memoryGibibytes memory in GiB, one of the sizes offered with that vCPU count
   * @throws if the size is not in the table every region offers
   */
  public static of(vcpu: number, memoryGibibytes: number): EciInstanceSize {
    checkArguments('EciInstanceSize.of()', ['vcpu', vcpu, 'number'], ['memoryGibibytes', memoryGibibytes, 'number']);
    const row = TABLE.find(([v]) => v === vcpu);
    if (!row) {
      return invalid('EciInstanceSize vcpu', `must be one of ${TABLE.map(([v]) => v).join(', ')} (use EciInstanceSize.custom() for a size one region offers)`, vcpu);
    }
    const found = EciInstanceSize.all().find(s => s.vcpu === vcpu && s.memoryGibibytes === memoryGibibytes);
    if (!found) {
      return invalid('EciInstanceSize memoryGibibytes',
        `must be one of ${row[1].join(', ')} for ${vcpu} vCPU (use EciInstanceSize.custom() for a size one region offers)`, memoryGibibytes);
    }
    return found;
  }

  /**
   * A size outside the table every region offers, such as one that only some regions sell.
   * Its syntax is checked, not whether a region offers it.
   *
   * @param vcpu vCPUs: 0.25, 0.5 or a whole number >= 1
   * @param memoryGibibytes memory in GiB, a positive whole or half number
   */
  public static custom(vcpu: number, memoryGibibytes: number): EciInstanceSize {
    checkArguments('EciInstanceSize.custom()', ['vcpu', vcpu, 'number'], ['memoryGibibytes', memoryGibibytes, 'number']);
    checkEciVcpu('EciInstanceSize vcpu', vcpu);
    if (!isEciMemoryGibibytes(memoryGibibytes)) {
      invalid('EciInstanceSize memoryGibibytes', 'must be a positive whole or half number of GiB', memoryGibibytes);
    }
    const inTable = EciInstanceSize.all().find(s => s.vcpu === vcpu && s.memoryGibibytes === memoryGibibytes);
    return inTable ?? new EciInstanceSize(vcpu, memoryGibibytes, false);
  }

  /**
   * Reads a size as `k8s.aliyun.com/eci-use-specs` spells it (`2-4Gi`, `0.5-1Gi`): the table's
   * size when every region offers it, else a `custom()` size.
   *
   * @param spec the size, `<vcpu>-<memory>Gi`
   * @throws if `spec` is not of that form (ECS instance types such as `ecs.c6.xlarge` are not sizes)
   */
  public static parse(spec: string): EciInstanceSize {
    const match = typeof spec === 'string' ? SPEC_PATTERN.exec(spec) : null;
    if (!match) {
      return invalid('EciInstanceSize.parse() spec', 'must be an ECI size written "<vcpu>-<memory>Gi", e.g. "2-4Gi"', spec);
    }
    return EciInstanceSize.custom(Number(match[1]), Number(match[2]));
  }

  /** Every size all regions offer, ordered by vCPU, then memory. */
  public static all(): EciInstanceSize[] {
    if (!tableSizes) {
      tableSizes = TABLE.flatMap(([vcpu, memories]) => memories.map(gib => new EciInstanceSize(vcpu, gib, true)));
    }
    return [...tableSizes];
  }

  /**
   * Every size ECI creates a spot pod at, ordered by vCPU, then memory: a spot pod (or an
   * `eci-use-specs` entry) that matches none is rounded up to the first that covers it.
   */
  public static allSpot(): EciInstanceSize[] {
    if (!spotSizes) {
      const all = EciInstanceSize.all();
      spotSizes = SPOT_TABLE.flatMap(([vcpu, memories]) => memories.map(gib => all.find(s => s.vcpu === vcpu && s.memoryGibibytes === gib)!));
    }
    return [...spotSizes];
  }

  /** vCPUs of the size. */
  public readonly vcpu: number;

  /** Memory of the size, in GiB. */
  public readonly memoryGibibytes: number;

  /** Whether every ECI region offers this size (it is in the table `all()` lists). */
  public readonly inEveryRegion: boolean;

  private constructor(vcpu: number, memoryGibibytes: number, inEveryRegion: boolean) {
    brand(this, 'EciInstanceSize');
    this.vcpu = vcpu;
    this.memoryGibibytes = memoryGibibytes;
    this.inEveryRegion = inEveryRegion;
  }

  /** vCPUs of the size, in millicores. */
  public get cpuMillis(): number {
    return Math.round(this.vcpu * 1000);
  }

  /** Memory of the size, in MiB. */
  public get memoryMebibytes(): number {
    return Math.round(this.memoryGibibytes * 1024);
  }

  /** The size as `k8s.aliyun.com/eci-use-specs` spells it: `2-4Gi`. */
  public toString(): string {
    return formatEciSize('EciInstanceSize', this.vcpu, this.memoryGibibytes);
  }
}

/** A size in `EciFitOptions.specs`, recognised by its brand. */
const ECI_INSTANCE_SIZE_SHAPE = instanceShape<EciInstanceSize>('EciInstanceSize',
  (value): value is EciInstanceSize => EciInstanceSize.isEciInstanceSize(value),
  'must be made with EciInstanceSize.of(), parse(), custom() or taken from EciInstanceSize.all()');

/** Options for `EciFit.forPod()`. */
export interface EciFitOptions {
  /**
   * The sizes the pod may get, in priority order, as in `k8s.aliyun.com/eci-use-specs`: the pod
   * gets the first one that fits.
   *
   * @default - every size all regions offer, smallest first (ECI rounds a pod up to the next size)
   */
  readonly specs?: EciInstanceSize[];

  /**
   * Whether the pod runs on spot ECI, which sizes a pod from its own, smaller table
   * (`EciInstanceSize.allSpot()`: at least 2 vCPU, at least as many GiB as vCPUs) and rounds
   * `specs` up to it.
   *
   * @default false
   */
  readonly spot?: boolean;
}

/** The ECI size a pod is billed at, what it leaves unused, and how to waste less. */
export interface EciFitResult {
  /** Whether some size fits the pod. */
  readonly fits: boolean;

  /**
   * The size ECI creates and bills the pod at.
   *
   * @default - none: no size fits (see `suggestion`)
   */
  readonly billed?: EciInstanceSize;

  /**
   * For a spot pod: the size pay-as-you-go ECI would create it at, when ECI's smaller spot table
   * rounds the pod (or its `eci-use-specs` entry) up to `billed` (a 2 vCPU / 896 MiB pod: 2-1Gi,
   * billed 2-2Gi).
   *
   * @default - not spot, or the spot size is the pay-as-you-go size
   */
  readonly spotRoundedUpFrom?: EciInstanceSize;

  /** CPU ECI sizes the pod by, in millicores: its CPU limit, else its CPU request. */
  readonly podCpuMillis: number;

  /** Memory ECI sizes the pod by, in MiB: its memory limit (the memory Spark requests unless `memoryLimit`). */
  readonly podMemoryMebibytes: number;

  /**
   * Share of the billed vCPUs above the pod's CPU: `(billed vCPU - pod CPU) / billed vCPU`, 0..1.
   *
   * @default - none: no size fits
   */
  readonly unusedVcpuShare?: number;

  /**
   * Share of the billed memory above the pod's memory: `(billed memory - pod memory) / billed memory`, 0..1.
   *
   * @default - none: no size fits
   */
  readonly unusedMemoryShare?: number;

  /**
   * Share of the billed size the pod leaves unused, vCPU and memory weighing alike: the mean
   * of `unusedVcpuShare` and `unusedMemoryShare`. Weigh them by price with `CostModel`.
   *
   * @default - none: no size fits
   */
  readonly unusedShare?: number;

  /**
   * The largest Spark `memory` (`3712m`) whose pod fits `smallerSize`, the next smaller size
   * with the same vCPUs; set when the billed size leaves memory unused and such a size exists.
   * The pod is sized again as Spark sizes it (`SparkPodSizing.podMemoryMebibytes()`): the
   * overhead derived again with the pod's factor, or kept when given explicitly; off-heap and
   * pyspark memory kept.
   *
   * @default - no smaller size to suggest
   */
  readonly maxMemoryForSmallerSize?: string;

  /**
   * `maxMemoryForSmallerSize` in MiB.
   *
   * @default - no smaller size to suggest
   */
  readonly maxMemoryMebibytesForSmallerSize?: number;

  /**
   * The size the pod is billed at with `memory` at `maxMemoryForSmallerSize`.
   *
   * @default - no smaller size to suggest
   */
  readonly smallerSize?: EciInstanceSize;

  /**
   * The largest `coreLimit` (`1`) that keeps the pod in the vCPU tier of its CPU request, set when
   * `coreLimit` pushes the pod into a size with more vCPUs.
   *
   * @default - the CPU limit does not raise the size
   */
  readonly coreLimitForSmallerSize?: string;

  /**
   * The size the pod is billed at with `coreLimit` at `coreLimitForSmallerSize`.
   *
   * @default - the CPU limit does not raise the size
   */
  readonly sizeWithCoreLimit?: EciInstanceSize;

  /**
   * The findings in one sentence for people: what wastes capacity and what to change, or why no
   * size fits.
   *
   * @default - nothing to suggest
   */
  readonly suggestion?: string;
}

/**
 * Which ECI size a Spark pod is billed at.
 *
 * ECI sizes a pod by its limits (requests where no limit is set) and rounds it up to the smallest
 * supported size, ordered by vCPU, then memory, whose vCPUs and memory both cover the pod. Spark's
 * memory overhead and a `coreLimit` above `cores` often push a pod into a size with much unused
 * capacity: an executor with 2 cores and `memory: 4g` is a 4505 MiB pod, billed as 2 vCPU / 8 GiB,
 * where `memory: 3712m` fits 2 vCPU / 4 GiB.
 *
 * Only the Spark container counts: sidecars and init containers are not added.
 */
export class EciFit {
  /**
   * Finds the size a pod is billed at and what it leaves unused. Never throws for a pod that is
   * too large: `fits` is false and `suggestion` says why.
   *
   * @param resources the pod, from `SparkPodSizing.compute()`
   * @param options sizes to choose from, spot
   */
  public static forPod(resources: SparkPodResources, options: EciFitOptions = {}): EciFitResult {
    resources = captureArgument('resources', resources, registeredShape('SparkPodResources'));
    options = captureArgument('', options, FIT_OPTIONS_SHAPE, true, 'options') ?? {};
    return EciFit._forPod(resources, options);
  }

  /**
   * `forPod()` for a pod the model sized itself (`SparkPodSizing._compute()`): the same rules on
   * the values, without the run-time shape check and copy of each argument.
   * @internal
   */
  public static _forPod(resources: SparkPodResources, options: EciFitOptions = {}): EciFitResult {
    checkPositive('resources.cpuRequestMillis', resources.cpuRequestMillis);
    if (resources.cpuLimitMillis !== undefined) { checkPositive('resources.cpuLimitMillis', resources.cpuLimitMillis); }
    checkPositive('resources.memoryMebibytes', resources.memoryMebibytes);
    checkPositive('resources.memoryLimitMebibytes', resources.memoryLimitMebibytes);
    if (options.specs !== undefined && options.specs.length === 0) {
      invalid('specs', 'must list at least one size', options.specs);
    }
    options.specs?.forEach((size, i) => {
      if (!EciInstanceSize.isEciInstanceSize(size)) {
        invalid(`specs[${i}]`, 'must be made with EciInstanceSize.of(), parse(), custom() or taken from EciInstanceSize.all()', size);
      }
    });

    const payAsYouGo = options.specs ?? EciInstanceSize.all();
    const candidates = options.spot ? spotCandidates(options.specs) : payAsYouGo;
    const podCpuMillis = resources.cpuLimitMillis ?? resources.cpuRequestMillis;
    const podMemoryMebibytes = resources.memoryLimitMebibytes;
    const billed = firstFit(candidates, podCpuMillis, podMemoryMebibytes);

    if (!billed) {
      const among = options.specs
        ? `among the specs ${options.specs.join(', ')}${options.spot ? ' (spot: at least 2 vCPU, rounded up to ECI\'s spot sizes)' : ''}`
        : `in the ${options.spot ? 'spot table (at least 2 vCPU)' : 'table every region offers'}; the largest is 64-512Gi`;
      return {
        fits: false,
        podCpuMillis,
        podMemoryMebibytes,
        suggestion: `no ECI size fits a pod of ${describeCpu(podCpuMillis)} / ${podMemoryMebibytes} MiB ${among}`,
      };
    }

    const unusedVcpuShare = (billed.cpuMillis - podCpuMillis) / billed.cpuMillis;
    const unusedMemoryShare = (billed.memoryMebibytes - podMemoryMebibytes) / billed.memoryMebibytes;
    const notes: string[] = [];
    const memory = memorySuggestion(resources, candidates, billed, podCpuMillis, unusedMemoryShare, notes);
    const cpu = coreLimitSuggestion(resources, candidates, billed, podMemoryMebibytes, notes);

    // Spot only: the size pay-as-you-go ECI would create, when the spot table rounds the pod up from it.
    const unrounded = options.spot ? firstFit(payAsYouGo, podCpuMillis, podMemoryMebibytes) : undefined;
    return {
      fits: true,
      billed,
      spotRoundedUpFrom: unrounded && !sameSize(unrounded, billed) ? unrounded : undefined,
      podCpuMillis,
      podMemoryMebibytes,
      unusedVcpuShare,
      unusedMemoryShare,
      unusedShare: (unusedVcpuShare + unusedMemoryShare) / 2,
      maxMemoryForSmallerSize: memory && sparkMemoryOfMebibytes('memory', memory.mebibytes),
      maxMemoryMebibytesForSmallerSize: memory?.mebibytes,
      smallerSize: memory?.size,
      coreLimitForSmallerSize: cpu && SparkPodSizing.formatCpuMillis(cpu.millis),
      sizeWithCoreLimit: cpu?.size,
      suggestion: notes.length > 0 ? notes.join('; ') : undefined,
    };
  }

  private constructor() {}
}

/**
 * The sizes a spot pod may get: ECI's spot table, or each `eci-use-specs` size of at least 2 vCPU
 * rounded up to the first spot size that covers it (ECI: "the system automatically uses supported
 * higher specifications"), in the specs' order.
 */
function spotCandidates(specs: EciInstanceSize[] | undefined): EciInstanceSize[] {
  const spot = EciInstanceSize.allSpot();
  if (!specs) { return spot; }
  const out: EciInstanceSize[] = [];
  for (const spec of specs) {
    if (spec.vcpu < SPOT_MIN_VCPU) { continue; }
    const rounded = firstFit(spot, spec.cpuMillis, spec.memoryMebibytes);
    if (rounded && !out.includes(rounded)) { out.push(rounded); }
  }
  return out;
}

/** The first size, in order, whose vCPUs and memory both cover the pod. */
function firstFit(sizes: EciInstanceSize[], cpuMillis: number, memoryMebibytes: number): EciInstanceSize | undefined {
  return sizes.find(size => size.cpuMillis >= cpuMillis && size.memoryMebibytes >= memoryMebibytes);
}

function sameSize(a: EciInstanceSize | undefined, b: EciInstanceSize): boolean {
  return a !== undefined && a.vcpu === b.vcpu && a.memoryGibibytes === b.memoryGibibytes;
}

/** The next smaller size with the same vCPUs, and the largest `memory` whose pod is billed at it. */
function memorySuggestion(
  resources: SparkPodResources,
  candidates: EciInstanceSize[],
  billed: EciInstanceSize,
  podCpuMillis: number,
  unusedMemoryShare: number,
  notes: string[],
): { mebibytes: number; size: EciInstanceSize } | undefined {
  if (unusedMemoryShare <= 0) { return undefined; }
  const smaller = candidates
    .filter(size => size.vcpu === billed.vcpu && size.memoryMebibytes < billed.memoryMebibytes)
    .sort((a, b) => b.memoryMebibytes - a.memoryMebibytes)[0];
  if (!smaller) { return undefined; }
  const wasted = `${percent(unusedMemoryShare)} of its memory unused`;

  if (resources.memoryLimitGiven || resources.memoryLimitMebibytes > resources.memoryMebibytes) {
    // `memoryLimit` sets the billed memory; lowering `memory` would not change it.
    if (resources.memoryMebibytes <= smaller.memoryMebibytes
      && sameSize(firstFit(candidates, podCpuMillis, smaller.memoryMebibytes), smaller)) {
      notes.push(`memoryLimit ${resources.memoryLimitMebibytes} MiB makes the pod billed as ${billed} with ${wasted}; `
        + `a memoryLimit of at most ${smaller.memoryMebibytes} MiB fits ${smaller}`);
    }
    return undefined;
  }

  // The pod Spark makes with a smaller `memory`, by the same function that sized this one.
  const mebibytes = SparkPodSizing._maxMemoryMebibytesWithin(resources, smaller.memoryMebibytes);
  if (mebibytes < 1) { return undefined; }
  const podMemory = SparkPodSizing._podMemoryMebibytes(resources, mebibytes);
  if (!sameSize(firstFit(candidates, podCpuMillis, podMemory), smaller)) { return undefined; }

  const memoryNow = sparkMemoryOfMebibytes('memory', resources.sparkMemoryMebibytes);
  const memoryThen = sparkMemoryOfMebibytes('memory', mebibytes);
  const parts = [
    `${resources.sparkMemoryMebibytes} MiB`,
    `${resources.overheadMebibytes} MiB overhead`,
    ...(resources.offHeapMebibytes ? [`${resources.offHeapMebibytes} MiB off-heap`] : []),
    ...(resources.pysparkMemoryMebibytes ? [`${resources.pysparkMemoryMebibytes} MiB pyspark`] : []),
  ];
  notes.push(`memory ${memoryNow} makes a ${resources.memoryMebibytes} MiB pod (${parts.join(' + ')}), `
    + `billed as ${billed} with ${wasted}; memory ${memoryThen} or less fits ${smaller}`);
  return { mebibytes, size: smaller };
}

/** The largest `coreLimit` that keeps the pod at the size its CPU request alone would get. */
function coreLimitSuggestion(
  resources: SparkPodResources,
  candidates: EciInstanceSize[],
  billed: EciInstanceSize,
  podMemoryMebibytes: number,
  notes: string[],
): { millis: number; size: EciInstanceSize } | undefined {
  const limit = resources.cpuLimitMillis;
  if (limit === undefined || limit <= resources.cpuRequestMillis) { return undefined; }
  const byRequest = firstFit(candidates, resources.cpuRequestMillis, podMemoryMebibytes);
  if (!byRequest || byRequest.vcpu >= billed.vcpu) { return undefined; }
  const millis = byRequest.cpuMillis;
  // A CPU limit from the pod template survives when coreLimit is unset: only a coreLimit replaces it.
  const limitName = resources.cpuLimitFromTemplate ? 'the pod template\'s CPU limit' : 'coreLimit';
  notes.push(`${limitName} ${SparkPodSizing.formatCpuMillis(limit)} rounds the pod up to ${billed.vcpu} vCPU (${billed}); `
    + `with coreLimit ${SparkPodSizing.formatCpuMillis(millis)}${resources.cpuLimitFromTemplate ? '' : ' or none'} it is billed as ${byRequest}`);
  return { millis, size: byRequest };
}

function checkPositive(prop: string, value: number): void {
  if (!(typeof value === 'number' && Number.isFinite(value) && value > 0)) {
    invalid(prop, 'must be a number > 0', value);
  }
}

function describeCpu(millis: number): string {
  return `${millis / 1000} vCPU`;
}


/** What each option holds (`captureArgument`); typed, so a new option needs a shape to compile. */
const FIT_OPTIONS_SHAPE = optionsShape<EciFitOptions>({ specs: { list: ECI_INSTANCE_SIZE_SHAPE }, spot: 'boolean' });
