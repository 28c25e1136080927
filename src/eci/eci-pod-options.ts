import { Duration, Size, SizeRoundingBehavior } from 'cdk8s';
import { brand, isBranded } from '../private/brand';
import { IMAGE_CACHE_ID, INSTANCE_TYPE, checkEciVcpu, formatEciSize, isEciMemoryGibibytes, SPOT_PRICE_LIMIT } from '../private/eci-sizes';
import { checkInteger, invalid } from '../private/errors';
import { formatDecimal } from '../private/number-format';
import { captureArgument, checkArguments, enumShape, optionsShape, SIZE_SHAPE } from '../private/props-shape';

/**
 * Which generation of annotation names to write for image caches.
 *
 * ACK's documentation uses `k8s.aliyun.com/eci-image-cache` and
 * `k8s.aliyun.com/eci-image-snapshot-id`; the current ECI documentation uses
 * `k8s.aliyun.com/eci-auto-imc` and `k8s.aliyun.com/eci-imc-id` for the same behaviour.
 *
 * @see https://www.alibabacloud.com/help/en/ack/ack-managed-and-ack-dedicated/user-guide/pod-annotations-1
 * @see https://www.alibabacloud.com/help/en/elastic-container-instance/latest/use-imagecache
 */
export enum EciAnnotationNaming {
  /** ACK's names: `eci-image-cache` / `eci-image-snapshot-id`. */
  ACK = 'ACK',
  /** ECI's current names: `eci-auto-imc` / `eci-imc-id`. */
  ECI = 'ECI',
}

/** Options for `EciImageCache.auto()` and `EciImageCache.id()`. */
export interface EciImageCacheOptions {
  /**
   * Which annotation names to write.
   *
   * @default EciAnnotationNaming.ACK
   */
  readonly naming?: EciAnnotationNaming;
}


/** What each option holds (`captureArgument`); typed, so a new option needs a shape to compile. */
const IMAGE_CACHE_OPTIONS_SHAPE = optionsShape<EciImageCacheOptions>({ naming: enumShape('EciAnnotationNaming', EciAnnotationNaming) });

/**
 * How an ECI pod finds an image cache, so that its images are not pulled at creation.
 *
 * The image pull is the main delay in starting an ECI pod (about 100 s for a Spark image in one
 * measurement on ACK); on a cache hit the image is not pulled.
 *
 * @see https://www.alibabacloud.com/help/en/elastic-container-instance/latest/use-imagecache
 */
export class EciImageCache {
  /**
   * Whether `x` is an `EciImageCache`, also when another copy of this package made it
   * (`instanceof` is not: an app may load two copies of `cdk8s-spark-eci`).
   *
   * @param x any value
   */
  public static isEciImageCache(x: any): x is EciImageCache {
    return isBranded(x, 'EciImageCache');
  }

  /**
   * Lets ECI match an existing image cache, or create one on a miss: writes
   * `k8s.aliyun.com/eci-image-cache: "true"` (or `k8s.aliyun.com/eci-auto-imc: "true"` with
   * `EciAnnotationNaming.ECI`).
   *
   * This is the one to pair with an `ImageCache` object created by the same manifest, whose id
   * is only known once the cloud has created it.
   */
  public static auto(options: EciImageCacheOptions = {}): EciImageCache {
    options = captureArgument('EciImageCache.auto() options', options, IMAGE_CACHE_OPTIONS_SHAPE, true) ?? {};
    return new EciImageCache(undefined, options.naming ?? EciAnnotationNaming.ACK);
  }

  /**
   * Uses the named image cache: writes `k8s.aliyun.com/eci-image-snapshot-id: <id>` (or
   * `k8s.aliyun.com/eci-imc-id: <id>` with `EciAnnotationNaming.ECI`).
   *
   * @param imageCacheId the cache id, `imc-` followed by letters and digits (`imc-2ze...`)
   */
  public static id(imageCacheId: string, options: EciImageCacheOptions = {}): EciImageCache {
    if (typeof imageCacheId !== 'string' || !IMAGE_CACHE_ID.test(imageCacheId)) {
      invalid('EciImageCache.id() imageCacheId', 'must be "imc-" followed by letters and digits, e.g. "imc-2ze0123456789abcdef"', imageCacheId);
    }
    options = captureArgument('EciImageCache.id() options', options, IMAGE_CACHE_OPTIONS_SHAPE, true) ?? {};
    return new EciImageCache(imageCacheId, options.naming ?? EciAnnotationNaming.ACK);
  }

  /**
   * Turns ECI's image-cache matching off, so that every pod pulls its image and no cache is
   * created (or billed): writes `k8s.aliyun.com/eci-auto-imc: "false"`. Without any image-cache
   * annotation ECI matches a cache, and on a miss creates one on the first run: `eci-auto-imc`
   * defaults to true (ECI "使用ImageCache加速创建Pod", doc 141241; DOMAIN.md §4).
   */
  public static off(): EciImageCache {
    return new EciImageCache(undefined, EciAnnotationNaming.ECI, true);
  }

  /** The image cache id; `undefined` when ECI matches (or creates) a cache itself, or matching is off. */
  public readonly imageCacheId?: string;
  /** Which annotation names this writes. */
  public readonly naming: EciAnnotationNaming;
  /** Whether matching is off (`off()`): every pod pulls its image. */
  public readonly isOff: boolean;

  private constructor(imageCacheId: string | undefined, naming: EciAnnotationNaming, off = false) {
    brand(this, 'EciImageCache');
    this.imageCacheId = imageCacheId;
    this.naming = naming;
    this.isOff = off;
  }

  /** Whether ECI picks (or creates) the cache itself. */
  public get isAuto(): boolean {
    return !this.isOff && this.imageCacheId === undefined;
  }
}


/**
 * One entry of `k8s.aliyun.com/eci-use-specs`: a vCPU/memory size (`2-4Gi`) or an ECS
 * instance type (`ecs.c6.xlarge`).
 *
 * This class checks the annotation's syntax only; whether a region offers the size is up to ECI.
 */
export class EciInstanceSpec {
  /**
   * Whether `x` is an `EciInstanceSpec`, also when another copy of this package made it
   * (`instanceof` is not: an app may load two copies of `cdk8s-spark-eci`).
   *
   * @param x any value
   */
  public static isEciInstanceSpec(x: any): x is EciInstanceSpec {
    return isBranded(x, 'EciInstanceSpec');
  }

  /**
   * A vCPU/memory size, written as `<vcpu>-<memory>Gi` (`2-4Gi`, `0.5-1Gi`).
   *
   * @param vcpu vCPUs: 0.25, 0.5 or a whole number >= 1
   * @param memory memory, a positive whole or half number of GiB
   */
  public static size(vcpu: number, memory: Size): EciInstanceSpec {
    checkArguments('EciInstanceSpec.size()', ['vcpu', vcpu, 'number'], ['memory', memory, SIZE_SHAPE]);
    checkEciVcpu('EciInstanceSpec.size() vcpu', vcpu);
    const gib = gibibytesOf(memory);
    if (!isEciMemoryGibibytes(gib)) {
      invalid('EciInstanceSpec.size() memory', 'must be a positive whole or half number of GiB, e.g. Size.gibibytes(4)', `${gib} GiB`);
    }
    return new EciInstanceSpec(formatEciSize('EciInstanceSpec.size()', vcpu, gib), vcpu);
  }

  /**
   * An ECS instance type, written as is.
   *
   * @param instanceType `ecs.<family>.<size>`, e.g. `ecs.c6.xlarge`
   */
  public static instanceType(instanceType: string): EciInstanceSpec {
    if (typeof instanceType !== 'string' || !INSTANCE_TYPE.test(instanceType)) {
      invalid('EciInstanceSpec.instanceType() instanceType', 'must be an ECS instance type "ecs.<family>.<size>", e.g. "ecs.c6.xlarge"', instanceType);
    }
    return new EciInstanceSpec(instanceType, undefined);
  }

  /** The entry as written in the annotation: `2-4Gi` or `ecs.c6.xlarge`. */
  public readonly value: string;
  /** vCPUs of a size entry; `undefined` for an instance type. */
  public readonly vcpu?: number;

  private constructor(value: string, vcpu: number | undefined) {
    brand(this, 'EciInstanceSpec');
    this.value = value;
    this.vcpu = vcpu;
  }

  /** The entry as written in the annotation. */
  public toString(): string {
    return this.value;
  }
}

/** ECS instance families ECI may or may not use, for `k8s.aliyun.com/eci-instance-family`. */
export interface EciInstanceFamilies {
  /**
   * Families ECI may use, e.g. `ecs.c6`.
   *
   * @default - no restriction
   */
  readonly include?: string[];

  /**
   * Families ECI must not use, e.g. `ecs.hfg5` (written with a leading `-`).
   *
   * @default - none excluded
   */
  readonly exclude?: string[];
}

/** Options shared by the `EciSpot` factories. */
export interface EciSpotOptions {
  /**
   * Hours during which the spot instance is not reclaimed, written to
   * `k8s.aliyun.com/eci-spot-duration`; 0 means no protection.
   *
   * @default - ECI's default, 1 hour (the annotation is left out)
   */
  readonly protectionHours?: number;

  /**
   * Whether to create a pay-as-you-go instance when no spot stock is left, written as
   * `k8s.aliyun.com/eci-spot-fallback: "true"`.
   *
   * @default false
   */
  readonly fallbackToOnDemand?: boolean;

  /**
   * Whether to evict the pod through the API before the instance is released (so Spark can
   * decommission the executor), written as `k8s.aliyun.com/eci-spot-release-strategy: api-evict`.
   *
   * @default false; true for the executors of `SparkPlacement.recommended()` and
   * `SparkPlacement.spotResilient()`
   */
  readonly gracefulRelease?: boolean;
}

/** What each option holds (`captureArgument`); typed, so a new option needs a shape to compile. */
const SPOT_OPTIONS_SHAPE = optionsShape<EciSpotOptions>({ protectionHours: 'number', fallbackToOnDemand: 'boolean', gracefulRelease: 'boolean' });

/** Values of `k8s.aliyun.com/eci-spot-strategy`. */
export enum EciSpotStrategy {
  /** Bid the current market price (`SpotAsPriceGo`). */
  AS_PRICE_GO = 'SpotAsPriceGo',
  /** Bid up to a price limit (`SpotWithPriceLimit`). */
  WITH_PRICE_LIMIT = 'SpotWithPriceLimit',
}

/**
 * Runs the pod on a spot (preemptible) ECI instance.
 *
 * Spot instances are checked every 5 minutes after the protection period and released with
 * about 3 to 5 minutes' notice. Sizes given as vCPU/memory need at least 2 vCPU.
 */
export class EciSpot {
  /**
   * Whether `x` is an `EciSpot`, also when another copy of this package made it
   * (`instanceof` is not: an app may load two copies of `cdk8s-spark-eci`).
   *
   * @param x any value
   */
  public static isEciSpot(x: any): x is EciSpot {
    return isBranded(x, 'EciSpot');
  }

  /**
   * Bids the market price: writes `k8s.aliyun.com/eci-spot-strategy: SpotAsPriceGo`.
   */
  public static asPriceGo(options: EciSpotOptions = {}): EciSpot {
    return new EciSpot(EciSpotStrategy.AS_PRICE_GO, undefined, captureArgument('EciSpot.asPriceGo() options', options, SPOT_OPTIONS_SHAPE, true) ?? {});
  }

  /**
   * Bids up to an hourly price: writes `k8s.aliyun.com/eci-spot-strategy: SpotWithPriceLimit`
   * and `k8s.aliyun.com/eci-spot-price-limit: <price>`.
   *
   * @param pricePerHour the highest hourly price, a positive number with at most 3 decimals (ECI's
   * limit), e.g. 0.5
   */
  public static withPriceLimit(pricePerHour: number, options: EciSpotOptions = {}): EciSpot {
    checkArguments('EciSpot.withPriceLimit()', ['pricePerHour', pricePerHour, 'number']);
    formatDecimal('EciSpot.withPriceLimit() pricePerHour', pricePerHour, SPOT_PRICE_LIMIT);
    return new EciSpot(EciSpotStrategy.WITH_PRICE_LIMIT, pricePerHour,
      captureArgument('EciSpot.withPriceLimit() options', options, SPOT_OPTIONS_SHAPE, true) ?? {});
  }

  /** The bidding strategy. */
  public readonly strategy: EciSpotStrategy;
  /** The hourly price limit; only with `EciSpotStrategy.WITH_PRICE_LIMIT`. */
  public readonly priceLimit?: number;
  /** Hours of protection from reclaim; `undefined` leaves ECI's default (1). */
  public readonly protectionHours?: number;
  /** Whether a pay-as-you-go instance is created when no spot stock is left. */
  public readonly fallbackToOnDemand: boolean;
  /** Whether the pod is evicted through the API before the instance is released. */
  public readonly gracefulRelease: boolean;
  /**
   * Whether `gracefulRelease` was given rather than defaulted: the spot presets of
   * `SparkPlacement` release gracefully unless the bidding says otherwise.
   * @internal
   */
  public readonly _gracefulReleaseGiven: boolean;

  private constructor(strategy: EciSpotStrategy, priceLimit: number | undefined, options: EciSpotOptions) {
    brand(this, 'EciSpot');
    this.strategy = strategy;
    this.priceLimit = priceLimit;
    const factory = strategy === EciSpotStrategy.AS_PRICE_GO ? 'EciSpot.asPriceGo()' : 'EciSpot.withPriceLimit()';
    checkInteger(`${factory} options.protectionHours`, options.protectionHours, 0);
    this.protectionHours = options.protectionHours;
    this.fallbackToOnDemand = options.fallbackToOnDemand ?? false;
    this.gracefulRelease = options.gracefulRelease ?? false;
    this._gracefulReleaseGiven = options.gracefulRelease !== undefined;
  }
}

/** Values of `k8s.aliyun.com/eci-schedule-strategy`: how ECI picks among `vSwitches`. */
export enum EciZoneStrategy {
  /** Try the vSwitches (and their zones) in the order given (`VSwitchOrdered`). */
  ORDERED = 'VSwitchOrdered',
  /** Pick a vSwitch at random, spreading pods over zones (`VSwitchRandom`). */
  RANDOM = 'VSwitchRandom',
}

/** Values of `k8s.aliyun.com/eci-fail-strategy`: what ECI does when it cannot create a pod. */
export enum EciFailStrategy {
  /** Retry, falling back to other specs and zones, and keep the pod Pending (`fail-back`). */
  FAIL_BACK = 'fail-back',
  /** Retry in other specs and zones, then fail (`fail-over`). */
  FAIL_OVER = 'fail-over',
  /** Fail the pod at once (`fail-fast`). */
  FAIL_FAST = 'fail-fast',
}

/**
 * ECI options for one kind of pod (driver or executors), written as pod annotations.
 *
 * ECI reads these only when it creates a pod on a virtual node; on ECS nodes they do nothing.
 */
export interface EciPodOptions {
  /**
   * Image cache to start from, written to `k8s.aliyun.com/eci-image-cache` or
   * `k8s.aliyun.com/eci-image-snapshot-id` (or their ECI-named equivalents).
   *
   * @default - no image cache: images are pulled when the pod starts
   */
  readonly imageCache?: EciImageCache;

  /**
   * Up to 5 instance specs ECI tries in order, written to `k8s.aliyun.com/eci-use-specs`.
   *
   * @default - ECI sizes the instance from the containers' requests
   */
  readonly instanceSpecs?: EciInstanceSpec[];

  /**
   * ECS instance families to use or avoid, written to `k8s.aliyun.com/eci-instance-family`.
   *
   * @default - any family
   */
  readonly instanceFamilies?: EciInstanceFamilies;

  /**
   * Spot bidding, written to `k8s.aliyun.com/eci-spot-strategy` and the other
   * `k8s.aliyun.com/eci-spot-*` annotations.
   *
   * @default - pay-as-you-go instances
   */
  readonly spot?: EciSpot;

  /**
   * vSwitch ids (`vsw-...`) the pod may be created in, written to `k8s.aliyun.com/eci-vswitch`.
   *
   * @default - the vSwitches configured for the virtual node
   */
  readonly vSwitches?: string[];

  /**
   * How ECI picks among `vSwitches`, written to `k8s.aliyun.com/eci-schedule-strategy`;
   * requires `vSwitches`.
   *
   * @default - ECI's default
   */
  readonly zoneStrategy?: EciZoneStrategy;

  /**
   * Extra local disk on top of ECI's 30 GiB, in whole GiB, written to
   * `k8s.aliyun.com/eci-extra-ephemeral-storage`.
   *
   * @default - no extra disk
   */
  readonly extraEphemeralStorage?: Size;

  /**
   * RAM role the instance assumes (e.g. for OSS access without keys), written to
   * `k8s.aliyun.com/eci-ram-role-name`.
   *
   * @default - no RAM role
   */
  readonly ramRoleName?: string;

  /**
   * What ECI does when it cannot create the pod, written to `k8s.aliyun.com/eci-fail-strategy`.
   *
   * @default - ECI's default
   */
  readonly failStrategy?: EciFailStrategy;

  /**
   * How long ECI keeps trying to create a pending pod, in whole minutes from 10 to 1440,
   * written to `k8s.aliyun.com/eci-max-pending-minute`.
   *
   * @default - ECI's default, 240 minutes
   */
  readonly maxPending?: Duration;

  /**
   * Up to 3 tags on the ECI instance for cost allocation, written to
   * `k8s.aliyun.com/eci-custom-tags` as `k:v,k:v`; keys and values may not contain `:` or `,`.
   *
   * @default - no tags
   */
  readonly customTags?: { [key: string]: string };

  /**
   * RAM role ARNs of this cluster's account that ECI assumes first to pull images from a Container
   * Registry instance of another Alibaba Cloud account, written to `k8s.aliyun.com/acr-service-arns`
   * (comma-separated), e.g. `acs:ram::1609982529******:role/role-assume`; needs `acrUserArns`.
   *
   * @default - images are pulled with this account's ECI service role
   * @see https://www.alibabacloud.com/help/en/ack/serverless-kubernetes/user-guide/pull-images-from-a-container-registry-enterprise-edition-instance-without-using-a-secret-1
   */
  readonly acrServiceArns?: string[];

  /**
   * RAM role ARNs of the registry's account that ECI assumes next, holding the pull permission,
   * written to `k8s.aliyun.com/acr-user-arns` (comma-separated); needs `acrServiceArns`.
   *
   * @default - images are pulled with this account's ECI service role
   */
  readonly acrUserArns?: string[];
}

/** A `Size` in GiB, unrounded: callers check and report fractions themselves. */
function gibibytesOf(size: Size): number {
  return size.toGibibytes({ rounding: SizeRoundingBehavior.NONE });
}
