// What `SparkPlacement.spotResilient()` does with its options: check them as a whole, and write the
// decommissioning confs into the job it places.
import type { EciPlacement } from './eci-placement';
import { EciSpot } from './eci-pod-options';
import { IPlaceableJob } from './placement-target';
import type { SpotResilience, SpotResilienceOptions } from './spot-resilience';
import { DECOMMISSION_CONF, isRemoteShuffleManager, SHUFFLE_CONF } from '../model/shuffle-confs';
import { checkOptions, invalid } from '../private/errors';

const OPTION_KEYS = ['driver', 'executorSpot', 'executorEci', 'fallbackStoragePath', 'mechanism'];
const FALLBACK_URI = /^[a-z][a-z0-9+.-]*:\/\/[^\s]+\/$/;

/**
 * Checks the preset's options as a whole; the driver placement is checked by the caller, which
 * builds the placements.
 */
export function checkSpotResilience(options: SpotResilienceOptions, driver: EciPlacement): SpotResilience {
  checkOptions('SparkPlacement.spotResilient() options', options, OPTION_KEYS);
  if (driver.usesSpot) {
    invalid('SparkPlacement.spotResilient() driver', 'must not run on spot ECI: a reclaimed driver fails the whole job; '
      + 'use EciPlacement.ecsOnly() or a pay-as-you-go ECI placement', `driver eci.spot ${driver.eci!.spot!.strategy}`);
  }
  const spot = options.executorSpot ?? EciSpot.asPriceGo({ fallbackToOnDemand: true, gracefulRelease: true });
  if (!EciSpot.isEciSpot(spot)) {
    invalid('SparkPlacement.spotResilient() executorSpot', 'must be made with EciSpot.asPriceGo() or EciSpot.withPriceLimit()', spot);
  }
  if (options.executorEci?.spot !== undefined) {
    invalid('SparkPlacement.spotResilient() executorEci.spot', 'must be left out: give the bidding as executorSpot', options.executorEci.spot);
  }
  const path = options.fallbackStoragePath;
  if (path !== undefined && (typeof path !== 'string' || !FALLBACK_URI.test(path))) {
    invalid('SparkPlacement.spotResilient() fallbackStoragePath', 'must be a URI with a scheme ending in "/", e.g. "oss://my-bucket/spark-fallback/"', path);
  }
  return { executorSpot: spot, executorEci: { ...options.executorEci, spot }, fallbackStoragePath: path };
}

/**
 * Writes the decommissioning confs of a spot-resilient placement into a job, keeping values set
 * before: with a remote shuffle service only RDD blocks move (shuffle data is not on the
 * executors); otherwise shuffle blocks move too, which needs `api-evict`.
 */
export function applySpotResilience(job: IPlaceableJob, settings: SpotResilience): void {
  const conf = job.sparkConf;
  const remote = isRemoteShuffleManager(conf[SHUFFLE_CONF.MANAGER]);
  if (!remote && !settings.executorSpot.gracefulRelease) {
    invalid('SparkPlacement.spotResilient() executorSpot', 'must have gracefulRelease: true (api-evict) when shuffle files stay on the executors: '
      + 'without an eviction Spark cannot decommission them and their shuffle files are lost; or use a remote shuffle service (useRemoteShuffle() before place())',
    'gracefulRelease false');
  }
  const set = (key: string, value: string) => { if (conf[key] === undefined) { job.addSparkConf(key, value); } };
  set(DECOMMISSION_CONF.ENABLED, 'true');
  set(DECOMMISSION_CONF.STORAGE, 'true');
  set(DECOMMISSION_CONF.SHUFFLE_BLOCKS, remote ? 'false' : 'true');
  set(DECOMMISSION_CONF.RDD_BLOCKS, 'true');
  if (settings.fallbackStoragePath !== undefined) { set(DECOMMISSION_CONF.FALLBACK_STORAGE_PATH, settings.fallbackStoragePath); }
}
