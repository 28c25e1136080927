import { ECI_POD_OPTIONS_SHAPE, renderEciAnnotations } from './eci-annotations';
import { EciPodOptions } from './eci-pod-options';
import { IPlacementTarget, PlacementTarget } from './placement-target';
import { DEFAULT_UNUSED_SHARE_WARNING } from '../model/decisions';
import { ECI_TOLERATION, VIRTUAL_NODE_LABEL, VIRTUAL_NODE_VALUE } from '../model/eci-scheduling';
import { brand, isBranded } from '../private/brand';
import { invalid } from '../private/errors';
import { captureArgument, checkArguments, enumShape, instanceShape, optionsShape } from '../private/props-shape';

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

/** What each option holds (`captureArgument`); typed, so a new option needs a shape to compile. */
const OPTIONS_SHAPE = optionsShape<EciPlacementOptions>({
  eci: ECI_POD_OPTIONS_SHAPE, sparkDecommissioning: 'boolean', fitInstanceSpecs: 'boolean', unusedShareWarning: 'number',
});

/** A role that takes a placement (`applyTo()`): a job's driver or executor. */
const PLACEMENT_TARGET_SHAPE = instanceShape<IPlacementTarget>('IPlacementTarget',
  (value): value is IPlacementTarget => typeof value === 'object' && value !== null && typeof (value as Partial<IPlacementTarget>).addToleration === 'function',
  'must be a job\'s role (job.driver or job.executor)');

/** The factory of each kind, for messages. */
const FACTORY: { readonly [kind in EciPlacementKind]: string } = {
  ECS_ONLY: 'ecsOnly', ECI_ONLY: 'eciOnly', ECS_FIRST: 'ecsFirst', RESOURCE_POLICY: 'resourcePolicy',
};


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
    options = captureArgument(`EciPlacement.${FACTORY[kind]}() options`, options, OPTIONS_SHAPE, true) ?? {};
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
    checkArguments('applyTo()', ['role', role, PLACEMENT_TARGET_SHAPE], ['target', target, enumShape('PlacementTarget', PlacementTarget)]);
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
