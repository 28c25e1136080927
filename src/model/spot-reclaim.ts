/**
 * What happens when ECI reclaims a spot executor, read from a rendered application spec (plain
 * JSON, synthesized or hand-written): the executors' spot annotations (protection, fallback,
 * graceful release) and the Spark confs that decide what becomes of its shuffle files
 * (decommissioning, fallback storage, a remote shuffle service).
 *
 * ECI checks spot instances every 5 minutes after the protection period and gives about 3 to 5
 * minutes' notice (`SpotToBeReleased`) before the pod fails with `BidFailed`; with
 * `eci-spot-release-strategy: api-evict` it evicts the pod through the API first, which lets
 * Spark's decommissioning run (Spark adds a preStop hook that starts it) within the pod's
 * termination grace period.
 */
import { ECI_ANNOTATION_KEYS } from './eci-annotation-keys';
import { isObject, stringMap } from './json';
import { confFlag, DECOMMISSION_CONF, isRemoteShuffleManager, SHUFFLE_CONF } from './shuffle-confs';

/** Kubernetes' default termination grace period, in seconds. */
const DEFAULT_GRACE_SECONDS = 30;
/** ECI's default spot protection, in hours. */
const DEFAULT_PROTECTION_HOURS = 1;

/** What becomes of a reclaimed executor's shuffle files. */
export enum ShuffleOnReclaim {
  /** Shuffle data lives in a remote shuffle service: nothing is lost. */
  REMOTE = 'REMOTE',
  /** Decommissioning moves shuffle blocks to other executors (and the fallback storage). */
  MIGRATED = 'MIGRATED',
  /** The shuffle files are lost: Spark reruns the map tasks that wrote them. */
  LOST = 'LOST',
}

/** A spot executor's reclaim, as the manifest decides it. */
export interface SpotReclaimModel {
  /** `SpotAsPriceGo` or `SpotWithPriceLimit`. */
  readonly strategy: string;
  readonly protectionHours: number;
  /** Whether ECI creates a pay-as-you-go pod when no spot stock is left. */
  readonly fallbackToOnDemand: boolean;
  /** Whether ECI evicts the pod through the API before releasing the instance (`api-evict`). */
  readonly gracefulRelease: boolean;
  /** Whether Spark decommissions the executor on that eviction. */
  readonly decommission: boolean;
  /** The executors' termination grace period: the time decommissioning has. */
  readonly graceSeconds: number;
  readonly shuffle: ShuffleOnReclaim;
  /** Whether cached RDD blocks move too. */
  readonly rddBlocksMigrate: boolean;
  /** Where blocks go when no executor can take them, if set. */
  readonly fallbackStoragePath?: string;
  /** `spark.shuffle.manager` when it is a remote shuffle service's. */
  readonly shuffleManager?: string;
  /** Whether the driver is on spot too: a reclaimed driver fails the whole job. */
  readonly driverSpot: boolean;
}

/**
 * Reads the reclaim of spot executors; undefined when the executors do not ask for spot.
 *
 * @param spec the SparkApplication spec (a ScheduledSparkApplication's `spec.template`)
 * @param executorAnnotations the executor pods' annotations
 * @param driverAnnotations the driver pod's annotations
 */
export function readSpotReclaim(
  spec: { [key: string]: any },
  executorAnnotations: { readonly [key: string]: string },
  driverAnnotations: { readonly [key: string]: string },
): SpotReclaimModel | undefined {
  const strategy = executorAnnotations[ECI_ANNOTATION_KEYS.SPOT_STRATEGY];
  if (strategy === undefined) { return undefined; }
  const conf = stringMap(spec.sparkConf);
  const manager = conf[SHUFFLE_CONF.MANAGER];
  const remote = isRemoteShuffleManager(manager);
  const gracefulRelease = executorAnnotations[ECI_ANNOTATION_KEYS.SPOT_RELEASE_STRATEGY] === 'api-evict';
  const decommission = confFlag(conf, DECOMMISSION_CONF.ENABLED) === true;
  const storage = decommission && confFlag(conf, DECOMMISSION_CONF.STORAGE) === true;
  // Spark's defaults: with storage decommissioning on, shuffle and RDD block migration default to true.
  const shuffleBlocks = storage && confFlag(conf, DECOMMISSION_CONF.SHUFFLE_BLOCKS) !== false;
  const rddBlocks = storage && confFlag(conf, DECOMMISSION_CONF.RDD_BLOCKS) !== false;
  const executor = isObject(spec.executor) ? spec.executor : {};
  const grace = Number.isInteger(executor.terminationGracePeriodSeconds) ? executor.terminationGracePeriodSeconds as number : DEFAULT_GRACE_SECONDS;
  const protection = Number(executorAnnotations[ECI_ANNOTATION_KEYS.SPOT_DURATION]);
  let shuffle = ShuffleOnReclaim.LOST;
  if (remote) {
    shuffle = ShuffleOnReclaim.REMOTE;
  } else if (gracefulRelease && shuffleBlocks) {
    shuffle = ShuffleOnReclaim.MIGRATED;
  }
  return {
    strategy,
    protectionHours: Number.isInteger(protection) && protection >= 0 ? protection : DEFAULT_PROTECTION_HOURS,
    fallbackToOnDemand: executorAnnotations[ECI_ANNOTATION_KEYS.SPOT_FALLBACK] === 'true',
    gracefulRelease,
    decommission,
    graceSeconds: grace,
    shuffle,
    rddBlocksMigrate: gracefulRelease && rddBlocks,
    fallbackStoragePath: storage ? conf[DECOMMISSION_CONF.FALLBACK_STORAGE_PATH] : undefined,
    shuffleManager: remote ? manager : undefined,
    driverSpot: driverAnnotations[ECI_ANNOTATION_KEYS.SPOT_STRATEGY] !== undefined,
  };
}

/** What happens when a spot executor is reclaimed, in one sentence. */
export function describeSpotReclaim(r: SpotReclaimModel): string {
  const bid = [
    r.strategy,
    r.protectionHours === 0 ? 'no protection period' : `protected for ${r.protectionHours} h`,
    r.fallbackToOnDemand ? 'pay-as-you-go when no spot stock' : 'no pay-as-you-go fallback',
  ].join(', ');
  const notice = r.gracefulRelease
    ? 'ECI evicts the pod through the API (api-evict) on the 3 to 5 minutes\' notice'
    : 'the pod fails with BidFailed after 3 to 5 minutes\' notice, without an eviction Spark could react to';
  let blocks: string;
  switch (r.shuffle) {
    case ShuffleOnReclaim.REMOTE:
      blocks = `its shuffle data is in the remote shuffle service (${r.shuffleManager}): nothing is recomputed`;
      break;
    case ShuffleOnReclaim.MIGRATED:
      blocks = `Spark decommissions it within the ${r.graceSeconds} s grace period, moving shuffle${r.rddBlocksMigrate ? ' and RDD' : ''} blocks `
        + `to other executors${r.fallbackStoragePath ? ` or to ${r.fallbackStoragePath}` : ''}; blocks not moved in time are recomputed`;
      break;
    default:
      blocks = 'its shuffle files are lost and Spark reruns the tasks that wrote them'
        + (r.gracefulRelease ? ` (turn on ${DECOMMISSION_CONF.ENABLED} and ${DECOMMISSION_CONF.STORAGE} to move them)`
          : ' (add api-evict and decommissioning, or a remote shuffle service)');
  }
  const driver = r.driverSpot ? '; the driver is on spot too, and a reclaimed driver fails the whole job' : '';
  return `executors on spot ECI (${bid}); on reclaim ${notice}; ${blocks}; Spark asks for a new executor${driver}`;
}
