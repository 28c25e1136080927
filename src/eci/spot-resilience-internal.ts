// What the spot presets (`SparkPlacement.spotResilient()`, and `recommended()` with spot executors)
// do with their options: check them as a whole, and write the decommissioning confs into the job
// they place, refusing a setup whose plan would say a reclaim loses shuffle files.
import { renderEciAnnotations } from './eci-annotations';
import type { EciPlacement } from './eci-placement';
import { EciSpot, EciSpotStrategy } from './eci-pod-options';
import { IPlaceableJob } from './placement-target';
import type { SpotResilience, SpotResilienceOptions } from './spot-resilience';
import { confFlag, DECOMMISSION_CONF, isRemoteShuffleManager, SHUFFLE_CONF } from '../model/shuffle-confs';
import { readSpotReclaim, ShuffleOnReclaim } from '../model/spot-reclaim';
import { invalid } from '../private/errors';
import { checkNoUriCredentials } from '../private/uri-credentials';

const SPOT_RESILIENT = 'SparkPlacement.spotResilient()';
const FALLBACK_URI = /^[a-z][a-z0-9+.-]*:\/\/[^\s]+\/$/;

/**
 * The bidding a spot preset writes: the one given, with graceful release (`api-evict`) turned on
 * unless the bidding set `gracefulRelease` itself. Without the eviction a reclaimed pod just fails
 * (`BidFailed`) and Spark's decommissioning never starts (ECI "Create a preemptible elastic
 * container instance"; DOMAIN.md sections 4 and 8).
 */
function gracefulByDefault(spot: EciSpot): EciSpot {
  if (spot.gracefulRelease || spot._gracefulReleaseGiven) { return spot; }
  const options = { protectionHours: spot.protectionHours, fallbackToOnDemand: spot.fallbackToOnDemand, gracefulRelease: true };
  return spot.strategy === EciSpotStrategy.WITH_PRICE_LIMIT ? EciSpot.withPriceLimit(spot.priceLimit!, options) : EciSpot.asPriceGo(options);
}

/**
 * Checks the preset's options as a whole; their types and keys are checked by the caller (the
 * preset's shape in spark-placement.ts), which builds the placements.
 *
 * @param options the preset's options
 * @param driver the driver's placement
 * @param preset the preset, as errors name it
 * @param spotProp the option the bidding came from, as errors name it
 */
export function checkSpotResilience(options: SpotResilienceOptions, driver: EciPlacement, preset = SPOT_RESILIENT, spotProp = 'executorSpot'): SpotResilience {
  if (driver.usesSpot) {
    invalid(`${preset} driver`, 'must not run on spot ECI: a reclaimed driver fails the whole job; '
      + 'use EciPlacement.ecsOnly() or a pay-as-you-go ECI placement', `driver eci.spot ${driver.eci!.spot!.strategy}`);
  }
  const given = options.executorSpot ?? EciSpot.asPriceGo({ fallbackToOnDemand: true, gracefulRelease: true });
  if (!EciSpot.isEciSpot(given)) {
    invalid(`${preset} ${spotProp}`, 'must be made with EciSpot.asPriceGo() or EciSpot.withPriceLimit()', given);
  }
  if (options.executorEci?.spot !== undefined) {
    invalid(`${preset} executorEci.spot`, 'must be left out: give the bidding as executorSpot', options.executorEci.spot);
  }
  const path = options.fallbackStoragePath;
  if (typeof path === 'string') { checkNoUriCredentials(`${preset} fallbackStoragePath`, path); }
  if (path !== undefined && (typeof path !== 'string' || !FALLBACK_URI.test(path))) {
    invalid(`${preset} fallbackStoragePath`, 'must be a URI with a scheme ending in "/", e.g. "oss://my-bucket/spark-fallback/"', path);
  }
  const spot = gracefulByDefault(given);
  return { executorSpot: spot, executorEci: { ...options.executorEci, spot }, fallbackStoragePath: path };
}

/**
 * Writes the decommissioning confs of a spot-resilient placement into a job, keeping values set
 * before: with a remote shuffle service only RDD blocks move (shuffle data is not on the
 * executors); otherwise shuffle blocks move too, which needs `api-evict`. Then asks the model what
 * a reclaim does to the job as written (`readSpotReclaim()`, what `plan` says) and refuses a setup
 * that would lose shuffle files: the presets' promise.
 *
 * @param job the job placed
 * @param settings the checked settings
 * @param preset the preset, as errors name it
 * @param spotProp the option the bidding came from, as errors name it
 */
export function applySpotResilience(job: IPlaceableJob, settings: SpotResilience, preset = SPOT_RESILIENT, spotProp = 'executorSpot'): void {
  const conf = job.sparkConf;
  const remote = isRemoteShuffleManager(conf[SHUFFLE_CONF.MANAGER]);
  const wanted: { [key: string]: string | undefined } = {
    [DECOMMISSION_CONF.ENABLED]: 'true',
    [DECOMMISSION_CONF.STORAGE]: 'true',
    [DECOMMISSION_CONF.SHUFFLE_BLOCKS]: remote ? 'false' : 'true',
    [DECOMMISSION_CONF.RDD_BLOCKS]: 'true',
    [DECOMMISSION_CONF.FALLBACK_STORAGE_PATH]: settings.fallbackStoragePath,
  };
  const added = Object.entries(wanted).filter((e): e is [string, string] => e[1] !== undefined && conf[e[0]] === undefined);
  const written = { ...conf, ...Object.fromEntries(added) };
  checkShuffleSurvives(written, settings, preset, spotProp);
  for (const [key, value] of added) { job.addSparkConf(key, value); }
}

/** Refuses, before anything is written, a setup whose plan says a reclaim loses shuffle files. */
function checkShuffleSurvives(written: { [key: string]: string }, settings: SpotResilience, preset: string, spotProp: string): void {
  const reclaim = readSpotReclaim({ sparkConf: written }, renderEciAnnotations('executor.eci', settings.executorEci), {});
  if (reclaim?.shuffle !== ShuffleOnReclaim.LOST) { return; }
  const instead = 'or use a remote shuffle service (useRemoteShuffle() before place()), '
    + 'or place the executors with SparkPlacement.perRole() to accept lost shuffle files on reclaim';
  if (!reclaim.gracefulRelease) {
    invalid(`${preset} ${spotProp}`, 'must not set gracefulRelease: false while shuffle files stay on the executors: without an eviction (api-evict) '
      + `Spark cannot decommission a reclaimed executor and its shuffle files are lost; leave gracefulRelease out (the preset releases gracefully), ${instead}`,
    'gracefulRelease false');
  }
  // Decommissioning moves shuffle blocks only when all three are on (the model's rule).
  const off = [DECOMMISSION_CONF.ENABLED, DECOMMISSION_CONF.STORAGE].find(key => confFlag(written, key) !== true)
    ?? DECOMMISSION_CONF.SHUFFLE_BLOCKS;
  invalid(`sparkConf["${off}"]`, `must not turn decommissioning off with the spot executors of ${preset}: a reclaimed executor's shuffle files `
    + `would be lost; leave it out (the preset turns it on), ${instead}`, written[off]);
}
