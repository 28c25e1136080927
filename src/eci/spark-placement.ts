import { ECI_POD_OPTIONS_SHAPE, renderEciAnnotations } from './eci-annotations';
import { EciPlacement } from './eci-placement';
import { EciPodOptions, EciSpot } from './eci-pod-options';
import { IPlaceableJob, PlacementTarget } from './placement-target';
import { SpotResilience, SpotResilienceOptions } from './spot-resilience';
import { applySpotResilience, checkSpotResilience } from './spot-resilience-internal';
import { DECOMMISSION_CONF } from '../model/shuffle-confs';
import { brand, isBranded } from '../private/brand';
import { invalid } from '../private/errors';
import { compareVersions } from '../private/names';
import { captureArgument, checkArguments, enumShape, instanceShape, optionsShape } from '../private/props-shape';

/** Spark's answer to spot reclaim notices: move shuffle and RDD blocks off a leaving executor. */
const SPARK_DECOMMISSION_CONF: { [key: string]: string } = {
  [DECOMMISSION_CONF.ENABLED]: 'true',
  [DECOMMISSION_CONF.STORAGE]: 'true',
  [DECOMMISSION_CONF.SHUFFLE_BLOCKS]: 'true',
  [DECOMMISSION_CONF.RDD_BLOCKS]: 'true',
};

/** What a spot preset keeps to write decommissioning and check the job when it is placed. */
interface PresetResilience {
  readonly settings: SpotResilience;
  /** The preset, as errors name it. */
  readonly preset: string;
  /** The option the bidding came from, as errors name it. */
  readonly spotProp: string;
}

/** A placement per role, for `SparkPlacement.perRole()`. */
export interface SparkPlacementProps {
  /**
   * Where the driver runs.
   *
   * @default EciPlacement.ecsOnly()
   */
  readonly driver?: EciPlacement;

  /**
   * Where the executors run.
   *
   * @default EciPlacement.ecsOnly()
   */
  readonly executor?: EciPlacement;

  /**
   * Where tolerations and node affinity are written. The spec fields need the operator's
   * mutating webhook; the pod template is applied by Spark itself (Spark >= 3.0, operator >= 2.1).
   *
   * @default PlacementTarget.SPEC_FIELDS
   */
  readonly mechanism?: PlacementTarget;
}

/** Options of `SparkPlacement.recommended()`. */
export interface RecommendedPlacementOptions {
  /**
   * Run executors on spot ECI only with this bidding, instead of ECS first then on-demand ECI.
   * Spot executors get what `spotResilient()` gives them: graceful release (`api-evict`) unless
   * the bidding sets `gracefulRelease: false`, and Spark's decommissioning, so a reclaim loses no
   * shuffle files; a setup that would lose them (no eviction, or decommissioning turned off in
   * `sparkConf`, without a remote shuffle service) is refused.
   *
   * @default - executors ECS first, then ECI
   */
  readonly executorSpot?: EciSpot;

  /**
   * Other ECI options of the executors (image cache, instance specs...). A `spot` bidding here
   * (without `executorSpot`) keeps executors ECS first and makes the ECI ones spot, with the
   * same graceful release and decommissioning as `executorSpot`.
   *
   * @default - none
   */
  readonly executorEci?: EciPodOptions;

  /**
   * Where tolerations and node affinity are written.
   *
   * @default PlacementTarget.SPEC_FIELDS
   */
  readonly mechanism?: PlacementTarget;
}

const MECHANISM = enumShape('PlacementTarget', PlacementTarget);
const ECI_PLACEMENT = instanceShape<EciPlacement>('EciPlacement', (value): value is EciPlacement => EciPlacement.isEciPlacement(value),
  'must be made with EciPlacement.ecsOnly(), eciOnly(), ecsFirst() or resourcePolicy()');
const ECI_SPOT = instanceShape<EciSpot>('EciSpot', (value): value is EciSpot => EciSpot.isEciSpot(value),
  'must be made with EciSpot.asPriceGo() or EciSpot.withPriceLimit()');

/** What each prop or option holds (`captureArgument`); typed, so a new one needs a shape to compile. */
const PER_ROLE_SHAPE = optionsShape<SparkPlacementProps>({ driver: ECI_PLACEMENT, executor: ECI_PLACEMENT, mechanism: MECHANISM });
const RECOMMENDED_SHAPE = optionsShape<RecommendedPlacementOptions>({
  executorSpot: ECI_SPOT, executorEci: ECI_POD_OPTIONS_SHAPE, mechanism: MECHANISM,
});
const SPOT_RESILIENT_SHAPE = optionsShape<SpotResilienceOptions>({
  driver: ECI_PLACEMENT, executorSpot: ECI_SPOT, executorEci: ECI_POD_OPTIONS_SHAPE, fallbackStoragePath: 'string', mechanism: MECHANISM,
});

/** Where a Spark application's driver and executors run. */
export class SparkPlacement {
  /**
   * Whether `x` is a `SparkPlacement`, also when another copy of this package made it
   * (`instanceof` is not: an app may load two copies of `cdk8s-spark-eci`).
   *
   * @param x any value
   */
  public static isSparkPlacement(x: any): x is SparkPlacement {
    return isBranded(x, 'SparkPlacement');
  }

  /** The same placement for the driver and the executors. */
  public static of(placement: EciPlacement, mechanism?: PlacementTarget): SparkPlacement {
    checkArguments('SparkPlacement.of()', ['placement', placement, ECI_PLACEMENT], ['mechanism', mechanism, MECHANISM, true]);
    return new SparkPlacement({ driver: placement, executor: placement, mechanism });
  }

  /** One placement for the driver and one for the executors. */
  public static perRole(props: SparkPlacementProps): SparkPlacement {
    return new SparkPlacement(captureArgument('SparkPlacement.perRole() props', props, PER_ROLE_SHAPE));
  }

  /**
   * Alibaba's advice: keep the driver on ECS (a lost driver fails the job) and send executors
   * to ECS first then ECI, or to spot ECI (Spark replaces lost executors), released gracefully
   * and decommissioned so that a reclaim loses no shuffle files.
   */
  public static recommended(options: RecommendedPlacementOptions = {}): SparkPlacement {
    options = captureArgument('SparkPlacement.recommended() options', options, RECOMMENDED_SHAPE, true) ?? {};
    const preset = 'SparkPlacement.recommended()';
    // Render once here so a bad option is named as written (`options.executorEci.vSwitches[0]`),
    // not as the ECI-only placement built from it would name it.
    if (options.executorEci !== undefined) { renderEciAnnotations(`${preset} options.executorEci`, { ...options.executorEci, spot: undefined }); }
    const driver = EciPlacement.ecsOnly();
    const eciSpot = options.executorEci?.spot;
    if (options.executorSpot === undefined && eciSpot === undefined) {
      return new SparkPlacement({ driver, executor: EciPlacement.ecsFirst({ eci: options.executorEci }), mechanism: options.mechanism });
    }
    if (options.executorSpot !== undefined && eciSpot !== undefined) {
      invalid(`${preset} executorEci.spot`, 'must be left out when executorSpot is given: give the bidding once', eciSpot);
    }
    const spotProp = options.executorSpot !== undefined ? 'executorSpot' : 'executorEci.spot';
    const executorEci = options.executorEci === undefined ? undefined : { ...options.executorEci, spot: undefined };
    const resilience = checkSpotResilience({ executorSpot: options.executorSpot ?? eciSpot, executorEci }, driver, preset, spotProp);
    const executorOptions = { eci: resilience.executorEci, sparkDecommissioning: false };
    const executor = options.executorSpot !== undefined ? EciPlacement.eciOnly(executorOptions) : EciPlacement.ecsFirst(executorOptions);
    return new SparkPlacement({ driver, executor, mechanism: options.mechanism }, { settings: resilience, preset, spotProp });
  }

  /**
   * Spot executors that survive a reclaim, checked as a whole: the driver never on spot (ECS, or
   * pay-as-you-go ECI; a spot driver is refused), executors on spot ECI only with pay-as-you-go
   * fallback and graceful release (`api-evict`) by default, and Spark's decommissioning
   * (`spark.decommission.enabled`, `spark.storage.decommission.*`, optional fallback storage) so a
   * reclaimed executor hands over its blocks. With a remote shuffle service (`useRemoteShuffle()`
   * before `place()`), only RDD blocks move: shuffle data is not on the executors. The plan says
   * per job what a reclaim does (`cdk8s-spark-eci plan`).
   */
  public static spotResilient(options: SpotResilienceOptions = {}): SparkPlacement {
    options = captureArgument('SparkPlacement.spotResilient() options', options, SPOT_RESILIENT_SHAPE, true) ?? {};
    const driver = options.driver ?? EciPlacement.ecsOnly();
    const resilience = checkSpotResilience(options, driver);
    const executor = EciPlacement.eciOnly({ eci: resilience.executorEci, sparkDecommissioning: false });
    return new SparkPlacement({ driver, executor, mechanism: options.mechanism },
      { settings: resilience, preset: 'SparkPlacement.spotResilient()', spotProp: 'executorSpot' });
  }

  /** Where the driver runs. */
  public readonly driver: EciPlacement;
  /** Where the executors run. */
  public readonly executor: EciPlacement;
  /** Where tolerations and node affinity are written. */
  public readonly mechanism: PlacementTarget;
  /**
   * Whether the caller chose the mechanism (an explicit choice is kept or refused, never moved).
   * @internal
   */
  public readonly _mechanismGiven: boolean;
  private readonly resilience?: PresetResilience;

  private constructor(props: SparkPlacementProps, resilience?: PresetResilience) {
    brand(this, 'SparkPlacement');
    this.driver = props.driver ?? EciPlacement.ecsOnly();
    this.executor = props.executor ?? EciPlacement.ecsOnly();
    this.mechanism = props.mechanism ?? PlacementTarget.SPEC_FIELDS;
    this._mechanismGiven = props.mechanism !== undefined;
    this.resilience = resilience;
  }

  /**
   * Applies the placement to a job's roles; called by `job.place()`.
   * @internal
   */
  public _applyTo(job: IPlaceableJob): void {
    if (this.mechanism !== PlacementTarget.SPEC_FIELDS && compareVersions(job.sparkVersion, '3.0.0') < 0) {
      invalid('placement.mechanism', `${this.mechanism} writes pod templates, which Spark applies only since 3.0; use PlacementTarget.SPEC_FIELDS`,
        `sparkVersion ${job.sparkVersion}`);
    }
    if (this.resilience) {
      const { settings, preset, spotProp } = this.resilience;
      applySpotResilience(job, settings, preset, spotProp);
    }
    this.driver.applyTo(job.driver, this.mechanism);
    this.executor.applyTo(job.executor, this.mechanism);
    if (this.executor.usesSpot && this.executor.sparkDecommissioning !== false) {
      const current = job.sparkConf;
      for (const [key, value] of Object.entries(SPARK_DECOMMISSION_CONF)) {
        if (current[key] === undefined) { job.addSparkConf(key, value); }
      }
    }
  }
}
