import { k8s } from 'cdk8s-plus-28';
import type { AbstractSparkJob } from './abstract-spark-job';
import { EciPodOptions, EciSpot } from './eci-pod-options';
import { renderEciAnnotations } from './private/eci-annotations';
import { invalid } from './private/errors';
import { compareVersions } from './private/names';
import { PlacementTarget, SparkRole } from './spark-role';

/** Where ECI capacity shows up: virtual nodes with this label, tainted with `ECI_TOLERATION`'s taint. */
const VIRTUAL_NODE_LABEL = 'type';
const VIRTUAL_NODE_VALUE = 'virtual-kubelet';

/** The toleration for the taint every ECI virtual node carries. */
const ECI_TOLERATION: k8s.Toleration = {
  key: 'virtual-kubelet.io/provider',
  operator: 'Equal',
  value: 'alibabacloud',
  effect: 'NoSchedule',
};

/** The pod label that forces ECI and overrides ResourcePolicy, affinity and topology spread. */
export const ECI_FORCE_LABEL = 'alibabacloud.com/eci';

/** Every ECI annotation starts with this; they only take effect on virtual nodes. */
const ECI_ANNOTATION_PREFIX = 'k8s.aliyun.com/eci-';

/** Spark's answer to spot reclaim notices: move shuffle and RDD blocks off a leaving executor. */
const SPARK_DECOMMISSION_CONF: { [key: string]: string } = {
  'spark.decommission.enabled': 'true',
  'spark.storage.decommission.enabled': 'true',
  'spark.storage.decommission.shuffleBlocks.enabled': 'true',
  'spark.storage.decommission.rddBlocks.enabled': 'true',
};

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
}

/**
 * Where one role's pods run: ECS only, ECI only, ECS first then ECI, or as a ResourcePolicy
 * decides. Renders exactly the tolerations and node affinity ACK documents.
 */
export class EciPlacement {
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

  private constructor(kind: EciPlacementKind, options: EciPlacementOptions) {
    this.kind = kind;
    this.eci = options.eci;
    this.sparkDecommissioning = options.sparkDecommissioning;
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
  public applyTo(role: SparkRole, target: PlacementTarget = PlacementTarget.SPEC_FIELDS): void {
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

  /** Where the driver runs. */
  public readonly driver: EciPlacement;
  /** Where the executors run. */
  public readonly executor: EciPlacement;
  /** Where tolerations and node affinity are written. */
  public readonly mechanism: PlacementTarget;

  private constructor(props: SparkPlacementProps) {
    this.driver = props.driver ?? EciPlacement.ecsOnly();
    this.executor = props.executor ?? EciPlacement.ecsOnly();
    this.mechanism = props.mechanism ?? PlacementTarget.SPEC_FIELDS;
  }

  /**
   * Applies the placement to a job's roles; called by `job.place()`.
   * @internal
   */
  public _applyTo(job: AbstractSparkJob): void {
    if (this.mechanism !== PlacementTarget.SPEC_FIELDS && compareVersions(job.sparkVersion, '3.0.0') < 0) {
      invalid('placement.mechanism', `${this.mechanism} writes pod templates, which Spark applies only since 3.0; use PlacementTarget.SPEC_FIELDS`,
        `sparkVersion ${job.sparkVersion}`);
    }
    if (this.driver.usesSpot) {
      // Allowed, but a reclaimed driver fails the whole job; DOMAIN §2 advises against it.
      job.node.addMetadata('warning', 'driver placed on spot ECI: a reclaimed driver fails the job; prefer EciPlacement.ecsOnly() for the driver');
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

/**
 * Placement contradictions in a job, as messages (empty when there is none).
 * @internal
 */
export function placementProblems(placement: SparkPlacement | undefined, roles: SparkRole[], underResourcePolicy: boolean): string[] {
  const problems: string[] = [];
  for (const role of roles) {
    const rolePlacement = placement ? (role.roleName === 'driver' ? placement.driver : placement.executor) : undefined;
    const neverOnEci = rolePlacement !== undefined ? !rolePlacement.mayRunOnEci : false;
    const eciAnnotations = Object.keys(role.annotations).filter(key => key.startsWith(ECI_ANNOTATION_PREFIX));
    if (neverOnEci && eciAnnotations.length > 0) {
      problems.push(`${role.roleName}.annotations must not carry ECI options on a role placed ECS only, where they never take effect`
        + ` (got ${eciAnnotations.join(', ')}); place it with EciPlacement.eciOnly(), ecsFirst() or resourcePolicy()`);
    }
    const policyPlaced = underResourcePolicy || rolePlacement?.kind === EciPlacementKind.RESOURCE_POLICY;
    if (policyPlaced && role.labels[ECI_FORCE_LABEL] !== undefined) {
      problems.push(`${role.roleName}.labels must not contain "${ECI_FORCE_LABEL}" under a ResourcePolicy: the label forces ECI and overrides the policy's units`
        + ` (got "${ECI_FORCE_LABEL}: ${role.labels[ECI_FORCE_LABEL]}")`);
    }
  }
  return problems;
}
