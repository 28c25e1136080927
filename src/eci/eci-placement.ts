import { k8s } from 'cdk8s-plus-28';
import { renderEciAnnotations } from './eci-annotations';
import { EciPodOptions, EciSpot } from './eci-pod-options';
import { PlacementOptions, PlacementTarget } from './placement-target';
import { applySpotResilience, checkSpotResilience, SpotResilience, SpotResilienceOptions } from './spot-resilience';
import { ECI_TOLERATION, VIRTUAL_NODE_LABEL, VIRTUAL_NODE_VALUE } from '../model/eci-scheduling';
import { DECOMMISSION_CONF } from '../model/shuffle-confs';
import { brand, isBranded } from '../private/brand';
import { invalid } from '../private/errors';
import { compareVersions } from '../private/names';

/** Spark's answer to spot reclaim notices: move shuffle and RDD blocks off a leaving executor. */
const SPARK_DECOMMISSION_CONF: { [key: string]: string } = {
  [DECOMMISSION_CONF.ENABLED]: 'true',
  [DECOMMISSION_CONF.STORAGE]: 'true',
  [DECOMMISSION_CONF.SHUFFLE_BLOCKS]: 'true',
  [DECOMMISSION_CONF.RDD_BLOCKS]: 'true',
};

/** What a placement writes into: one role of a job (a `SparkDriver` or `SparkExecutor`). */
export interface IPlacementTarget {
  /** `driver` or `executor`, for error messages. */
  readonly roleName: string;
  /** Adds a toleration, unless an equal one is there. */
  addToleration(toleration: k8s.Toleration, options?: PlacementOptions): void;
  /** Requires a node label expression, ANDed into every required node affinity term. */
  requireNodeAffinity(requirement: k8s.NodeSelectorRequirement, options?: PlacementOptions): void;
  /** Prefers nodes matching a label expression, with a weight from 1 to 100. */
  preferNodeAffinity(weight: number, requirement: k8s.NodeSelectorRequirement, options?: PlacementOptions): void;
  /** Adds an annotation to the pods. */
  addAnnotation(key: string, value: string, options?: PlacementOptions): void;
}

/** What a `SparkPlacement` needs of a job: a `SparkJob` or `ScheduledSparkJob`. */
export interface IPlaceableJob {
  /** Spark version of the image (pod templates need 3.0). */
  readonly sparkVersion: string;
  /** The driver role. */
  readonly driver: IPlacementTarget;
  /** The executor role. */
  readonly executor: IPlacementTarget;
  /** The Spark configuration (a copy). */
  readonly sparkConf: { [key: string]: string };
  /** Sets a Spark configuration entry. */
  addSparkConf(key: string, value: string): void;
}

/** How a role's pods choose between ECS nodes and ECI virtual nodes. */
export enum EciPlacementKind {
  /** ECS nodes only: the ECI taint keeps pods off virtual nodes; nothing is added. */
  ECS_ONLY = 'ECS_ONLY',
  /** ECI only: the ECI toleration plus required node affinity `type In [virtual-kubelet]`. */
  ECI_ONLY = 'ECI_ONLY',
  /** ECS first, ECI when ECS is short: the toleration plus a weight-1 preference `type NotIn [virtual-kubelet]`. */
  ECS_FIRST = 'ECS_FIRST',
  /** A ResourcePolicy decides: the toleration only; its units order ECS and ECI. */
  RESOURCE_POLICY = 'RESOURCE_POLICY',
}

/** Options of the placements that can run pods on ECI. */
export interface EciPlacementOptions {
  /**
   * ECI options of the pods (image cache, instance specs, spot...), written as pod annotations.
   * They take effect only when a pod lands on a virtual node.
   *
   * @default - none
   */
  readonly eci?: EciPodOptions;

  /**
   * With spot ECI, turn on Spark's decommissioning (`spark.decommission.enabled` and
   * `spark.storage.decommission.{,shuffleBlocks.,rddBlocks.}enabled`), so an executor that gets
   * a reclaim notice hands its blocks over before it goes. Values you set yourself are kept.
   *
   * @default true when `eci.spot` is set on executors
   */
  readonly sparkDecommissioning?: boolean;

  /**
   * Write the ECI size the role's pods are billed at into `k8s.aliyun.com/eci-use-specs`
   * (e.g. `2-8Gi`), computed at synth from the role's cores, `coreRequest`, `coreLimit`, memory,
   * overhead and `memoryLimit` (see `SparkJobSizing`), so the pods ask ECI for exactly that size.
   * Nothing is written when `eci.instanceSpecs` is given or the role already has that annotation.
   * Synthesis fails when no ECI size fits the pod. Takes effect when the placement is given to a
   * job (`placement`, `place()`), not by `applyTo()`.
   *
   * @default false
   */
  readonly fitInstanceSpecs?: boolean;

  /**
   * Print a warning at synth (standard error, once) when the role's pods would leave
   * more than this share of their billed ECI size unused (`EciFitResult.unusedShare`: the mean
   * of the unused vCPU share and the unused memory share), naming the job, the role, the billed
   * size, the unused share and the change that wastes less. A share from 0 to 1; `0` turns the
   * warning off. Like `fitInstanceSpecs`, it needs the placement to be applied through a job.
   *
   * @default 0.25
   */
  readonly unusedShareWarning?: number;
}

/** Default of `EciPlacementOptions.unusedShareWarning`. */
const DEFAULT_UNUSED_SHARE_WARNING = 0.25;

/**
 * Where one role's pods run: ECS only, ECI only, ECS first then ECI, or as a ResourcePolicy
 * decides. Renders exactly the tolerations and node affinity ACK documents.
 *
 * @see https://www.alibabacloud.com/help/en/document_detail/2369750.html
 */
export class EciPlacement {
  /**
   * Whether `x` is an `EciPlacement`, also when another copy of this package made it
   * (`instanceof` is not: an app may load two copies of `cdk8s-spark-eci`).
   *
   * @param x any value
   */
  public static isEciPlacement(x: any): x is EciPlacement {
    return isBranded(x, 'EciPlacement');
  }

  /** ECS nodes only (nothing is added: the ECI taint keeps pods off virtual nodes). */
  public static ecsOnly(): EciPlacement {
    return new EciPlacement(EciPlacementKind.ECS_ONLY, {});
  }

  /** ECI only: tolerate the ECI taint and require `type In [virtual-kubelet]`. */
  public static eciOnly(options: EciPlacementOptions = {}): EciPlacement {
    return new EciPlacement(EciPlacementKind.ECI_ONLY, options);
  }

  /**
   * ECS first, ECI when ECS is short: tolerate the ECI taint and prefer (weight 1)
   * `type NotIn [virtual-kubelet]`. A soft preference: strict ordering needs a ResourcePolicy.
   */
  public static ecsFirst(options: EciPlacementOptions = {}): EciPlacement {
    return new EciPlacement(EciPlacementKind.ECS_FIRST, options);
  }

  /** A ResourcePolicy's units decide: only the ECI toleration is added. */
  public static resourcePolicy(options: EciPlacementOptions = {}): EciPlacement {
    return new EciPlacement(EciPlacementKind.RESOURCE_POLICY, options);
  }

  /** Which strategy this is. */
  public readonly kind: EciPlacementKind;
  /** ECI options of the pods, if any. */
  public readonly eci?: EciPodOptions;
  /** Whether Spark decommissioning is wanted with spot (see `EciPlacementOptions`). */
  public readonly sparkDecommissioning?: boolean;
  /** Whether the fitted ECI size is written to `k8s.aliyun.com/eci-use-specs` (see `EciPlacementOptions`). */
  public readonly fitInstanceSpecs: boolean;
  /** Unused share of the billed ECI size above which synth warns; 0 when the warning is off. */
  public readonly unusedShareWarning: number;

  private constructor(kind: EciPlacementKind, options: EciPlacementOptions) {
    brand(this, 'EciPlacement');
    this.kind = kind;
    this.eci = options.eci;
    this.sparkDecommissioning = options.sparkDecommissioning;
    const threshold = options.unusedShareWarning;
    if (threshold !== undefined && !(typeof threshold === 'number' && threshold >= 0 && threshold < 1)) {
      invalid('unusedShareWarning', 'must be a share from 0 (no warning) to less than 1, e.g. 0.25', threshold);
    }
    if (options.fitInstanceSpecs !== undefined && typeof options.fitInstanceSpecs !== 'boolean') {
      invalid('fitInstanceSpecs', 'must be a boolean', options.fitInstanceSpecs);
    }
    this.fitInstanceSpecs = kind !== EciPlacementKind.ECS_ONLY && options.fitInstanceSpecs === true;
    this.unusedShareWarning = kind === EciPlacementKind.ECS_ONLY ? 0 : threshold ?? DEFAULT_UNUSED_SHARE_WARNING;
    // Render once so bad ECI options fail where they were written.
    renderEciAnnotations('eci', options.eci ?? {});
  }

  /** Whether pods placed this way can land on an ECI virtual node. */
  public get mayRunOnEci(): boolean {
    return this.kind !== EciPlacementKind.ECS_ONLY;
  }

  /** Whether the pods ask for spot ECI instances. */
  public get usesSpot(): boolean {
    return this.eci?.spot !== undefined;
  }

  /**
   * Writes this placement into a role: tolerations and node affinity into the spec fields,
   * the pod template or both; ECI options as annotations (which need no webhook).
   */
  public applyTo(role: IPlacementTarget, target: PlacementTarget = PlacementTarget.SPEC_FIELDS): void {
    const options = { target };
    if (this.kind !== EciPlacementKind.ECS_ONLY) {
      role.addToleration(ECI_TOLERATION, options);
    }
    if (this.kind === EciPlacementKind.ECI_ONLY) {
      role.requireNodeAffinity({ key: VIRTUAL_NODE_LABEL, operator: 'In', values: [VIRTUAL_NODE_VALUE] }, options);
    }
    if (this.kind === EciPlacementKind.ECS_FIRST) {
      role.preferNodeAffinity(1, { key: VIRTUAL_NODE_LABEL, operator: 'NotIn', values: [VIRTUAL_NODE_VALUE] }, options);
    }
    for (const [key, value] of Object.entries(renderEciAnnotations(`${role.roleName}.eci`, this.eci ?? {}))) {
      role.addAnnotation(key, value);
    }
  }
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
   * Run executors on spot ECI with this bidding, instead of ECS first then on-demand ECI.
   *
   * @default - executors ECS first, then ECI
   */
  readonly executorSpot?: EciSpot;

  /**
   * Other ECI options of the executors (image cache, instance specs...).
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
    return new SparkPlacement({ driver: placement, executor: placement, mechanism });
  }

  /** One placement for the driver and one for the executors. */
  public static perRole(props: SparkPlacementProps): SparkPlacement {
    return new SparkPlacement(props);
  }

  /**
   * Alibaba's advice: keep the driver on ECS (a lost driver fails the job) and send executors
   * to ECS first then ECI, or to spot ECI (Spark replaces lost executors).
   */
  public static recommended(options: RecommendedPlacementOptions = {}): SparkPlacement {
    const eci = options.executorSpot ? { ...options.executorEci, spot: options.executorSpot } : options.executorEci;
    return new SparkPlacement({
      driver: EciPlacement.ecsOnly(),
      executor: options.executorSpot ? EciPlacement.eciOnly({ eci }) : EciPlacement.ecsFirst({ eci }),
      mechanism: options.mechanism,
    });
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
    const driver = options.driver ?? EciPlacement.ecsOnly();
    if (!EciPlacement.isEciPlacement(driver)) {
      invalid('SparkPlacement.spotResilient() driver', 'must be made with EciPlacement.ecsOnly(), eciOnly(), ecsFirst() or resourcePolicy()', driver);
    }
    const resilience = checkSpotResilience(options, driver);
    const executor = EciPlacement.eciOnly({ eci: resilience.executorEci, sparkDecommissioning: false });
    return new SparkPlacement({ driver, executor, mechanism: options.mechanism }, resilience);
  }

  /** Where the driver runs. */
  public readonly driver: EciPlacement;
  /** Where the executors run. */
  public readonly executor: EciPlacement;
  /** Where tolerations and node affinity are written. */
  public readonly mechanism: PlacementTarget;
  private readonly resilience?: SpotResilience;

  private constructor(props: SparkPlacementProps, resilience?: SpotResilience) {
    brand(this, 'SparkPlacement');
    this.driver = props.driver ?? EciPlacement.ecsOnly();
    this.executor = props.executor ?? EciPlacement.ecsOnly();
    this.mechanism = props.mechanism ?? PlacementTarget.SPEC_FIELDS;
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
    if (this.resilience) { applySpotResilience(job, this.resilience); }
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
