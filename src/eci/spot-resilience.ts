import type { EciPlacement } from './eci-placement';
import type { EciPodOptions, EciSpot } from './eci-pod-options';
import type { PlacementTarget } from './placement-target';

/** Options of `SparkPlacement.spotResilient()`. */
export interface SpotResilienceOptions {
  /**
   * Where the driver runs: ECS (`EciPlacement.ecsOnly()`) or pay-as-you-go ECI; a placement
   * whose ECI options ask for spot is refused, as a reclaimed driver fails the whole job.
   *
   * @default EciPlacement.ecsOnly()
   */
  readonly driver?: EciPlacement;

  /**
   * Spot bidding of the executors, which run on ECI only. Graceful release (`api-evict`, so Spark
   * gets an eviction to decommission on) is on unless the bidding sets `gracefulRelease: false`,
   * which is refused unless shuffle data is in a remote shuffle service.
   *
   * @default EciSpot.asPriceGo({ fallbackToOnDemand: true, gracefulRelease: true })
   */
  readonly executorSpot?: EciSpot;

  /**
   * Other ECI options of the executors (image cache, instance specs...); `spot` goes in
   * `executorSpot`.
   *
   * @default - none
   */
  readonly executorEci?: EciPodOptions;

  /**
   * Where decommissioning executors put blocks no other executor can take
   * (`spark.storage.decommission.fallbackStorage.path`), e.g. `oss://my-bucket/spark-fallback/`;
   * a URI with a scheme, ending in `/`. The image needs the storage's Hadoop connector, and the
   * pods credentials for it (see `SparkEventLog` for OSS).
   *
   * @default - no fallback storage: blocks go to other executors only
   */
  readonly fallbackStoragePath?: string;

  /**
   * Where tolerations and node affinity are written.
   *
   * @default PlacementTarget.SPEC_FIELDS
   */
  readonly mechanism?: PlacementTarget;
}

/** The checked settings of a spot-resilient placement (what `SparkPlacement.spotResilient()` keeps). */
export interface SpotResilience {
  /** The executors' spot bidding. */
  readonly executorSpot: EciSpot;
  /** The executors' ECI options, the bidding included. */
  readonly executorEci: EciPodOptions;
  /**
   * Where decommissioning puts blocks no executor can take.
   *
   * @default - none
   */
  readonly fallbackStoragePath?: string;
}
