import { Duration } from 'cdk8s';

/**
 * Spark dynamic allocation on Kubernetes (`spec.dynamicAllocation`, Spark >= 3.0): executors
 * are added and removed with the load. Giving this prop turns it on (`enabled: true`).
 */
export interface DynamicAllocation {
  /**
   * Executors requested at start (`initialExecutors`), between min and max. The operator starts
   * the larger of this and `executor.instances`.
   *
   * @default - Spark's default, `minExecutors`
   */
  readonly initialExecutors?: number;

  /**
   * Lower bound of executors (`minExecutors`), an integer >= 0.
   *
   * @default - Spark's default, 0
   */
  readonly minExecutors?: number;

  /**
   * Upper bound of executors (`maxExecutors`), an integer >= 1. Set it: capacity planning
   * (ResourcePolicy caps, ECI cost) uses it as the executor count.
   *
   * @default - no bound (Spark's default)
   */
  readonly maxExecutors?: number;

  /**
   * Keep executors that hold shuffle data alive instead of needing an external shuffle
   * service (`shuffleTrackingEnabled`).
   *
   * @default - true when dynamic allocation is on (Spark's default)
   */
  readonly shuffleTracking?: boolean;

  /**
   * How long executors holding shuffle data are kept (`shuffleTrackingTimeout`, milliseconds).
   *
   * @default - no timeout (Spark's default)
   */
  readonly shuffleTrackingTimeout?: Duration;
}
