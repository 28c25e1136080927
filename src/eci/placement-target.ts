// Where a placement rule is written, and what it writes into (a role, a job). It lives in eci/ because placements (EciPlacement) write
// into a role through it, and eci/ must not import spark/; the roles (spark/) import it from here.
import type { k8s } from 'cdk8s-plus-28';

/** Where a placement rule is written: the spec fields, the pod template, or both. */
export enum PlacementTarget {
  /** `affinity` / `tolerations` / `nodeSelector` of the role: applied by the operator's webhook. */
  SPEC_FIELDS = 'SPEC_FIELDS',
  /** The role's `template`: applied by Spark itself (Spark >= 3.0, operator >= 2.1), no webhook needed. */
  POD_TEMPLATE = 'POD_TEMPLATE',
  /** Both: works whether or not the webhook runs. */
  BOTH = 'BOTH',
}

/** Where to write a placement rule (tolerations, node affinity, node selectors). */
export interface PlacementOptions {
  /**
   * Write into the spec fields, the pod template, or both.
   *
   * @default PlacementTarget.SPEC_FIELDS
   */
  readonly target?: PlacementTarget;
}

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
