import { CELEBORN, SHUFFLE_CONF } from '../model/shuffle-confs';
import { brand, isBranded } from '../private/brand';
import { invalid, invalidMessage, SparkEciValidationError } from '../private/errors';
import { compareVersions } from '../private/names';
import { captureArgument, optionsShape } from '../private/props-shape';

/** Options of `RemoteShuffle.celeborn()`. */
export interface CelebornShuffleOptions {
  /**
   * The Celeborn masters, `host:port` each (the `ack-celeborn` chart's masters listen on 9097), written
   * to `spark.celeborn.master.endpoints`, e.g. `celeborn-master-0.celeborn-master-svc.celeborn:9097`.
   */
  readonly masterEndpoints: string[];

  /**
   * Whether Celeborn workers keep a replica of each shuffle partition, so a lost worker loses
   * nothing (`spark.celeborn.client.push.replicate.enabled`).
   *
   * @default - Celeborn's default (false)
   */
  readonly replicate?: boolean;
}

/** What each option holds (`captureArgument`); typed, so a new option needs a shape to compile. */
const CELEBORN_SHAPE = optionsShape<CelebornShuffleOptions>({ masterEndpoints: 'strings', replicate: 'boolean' });

/** `host:port`, a DNS name or IPv4 address and a port. */
const ENDPOINT = /^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?:([0-9]{1,5})$/;

/** What `RemoteShuffle` needs of a job. */
interface RemoteShuffleJob {
  readonly sparkVersion: string;
  readonly sparkConf: { [key: string]: string };
  readonly dynamicAllocation?: { readonly shuffleTracking?: boolean };
  addSparkConf(key: string, value: string): void;
}

/**
 * A remote shuffle service: executors push shuffle data to it instead of keeping it on their own
 * disk, so a reclaimed spot executor loses no shuffle output and scratch disk stays small.
 *
 * The Spark image must carry the service's client jar (for Celeborn,
 * `celeborn-client-spark-3-shaded_2.12-<version>.jar` in `/opt/spark/jars`); nothing in the
 * manifest can add it.
 *
 * @see https://celeborn.apache.org/docs/latest/deploy/
 * @see https://www.alibabacloud.com/help/en/ack/cloud-native-ai-suite/use-cases/use-celeborn-as-remote-shuffle-service
 */
export class RemoteShuffle {
  /**
   * Whether `x` is a `RemoteShuffle`, also when another copy of this package made it
   * (`instanceof` is not: an app may load two copies of `cdk8s-spark-eci`).
   *
   * @param x any value
   */
  public static isRemoteShuffle(x: any): x is RemoteShuffle {
    return isBranded(x, 'RemoteShuffle');
  }

  /**
   * Apache Celeborn (ACK's `ack-celeborn` chart). Writes `spark.shuffle.manager`
   * (`org.apache.spark.shuffle.celeborn.SparkShuffleManager`), `spark.celeborn.master.endpoints`,
   * `spark.shuffle.service.enabled: false`, `spark.sql.adaptive.localShuffleReader.enabled: false`
   * and, unless set, `spark.serializer` (Kryo); with Spark >= 3.5 also
   * `spark.shuffle.sort.io.plugin.class` (`CelebornShuffleDataIO`), which tells dynamic
   * allocation that shuffle data outlives executors. With dynamic allocation, writes
   * `dynamicAllocation.shuffleTrackingEnabled: false` (the operator's default is true, which
   * would keep idle executors for shuffle data they do not hold) and needs Spark >= 3.5.
   */
  public static celeborn(options: CelebornShuffleOptions): RemoteShuffle {
    options = captureArgument('RemoteShuffle.celeborn() options', options, CELEBORN_SHAPE);
    if (!Array.isArray(options.masterEndpoints) || options.masterEndpoints.length === 0) {
      invalid('RemoteShuffle.celeborn() masterEndpoints', 'must be a non-empty list of "host:port"', options?.masterEndpoints);
    }
    options.masterEndpoints.forEach((endpoint, i) => {
      const match = ENDPOINT.exec(endpoint);
      const port = match ? Number(match[2]) : 0;
      if (!match || port < 1 || port > 65535) {
        invalid(`RemoteShuffle.celeborn() masterEndpoints[${i}]`, 'must be "host:port" with a port from 1 to 65535, e.g. "celeborn-master-0.celeborn-master-svc.celeborn:9097"', endpoint);
      }
    });
    return new RemoteShuffle('Celeborn', options.masterEndpoints, options.replicate);
  }

  /** The service, `Celeborn`. */
  public readonly service: string;
  /** The masters, `host:port` each. */
  public readonly masterEndpoints: string[];
  private readonly replicate?: boolean;

  private constructor(service: string, masterEndpoints: string[], replicate: boolean | undefined) {
    brand(this, 'RemoteShuffle');
    this.service = service;
    this.masterEndpoints = masterEndpoints;
    this.replicate = replicate;
  }

  /**
   * What contradicts this service in a job, as messages (`shuffle` names the prop).
   * @internal
   */
  public _problems(job: RemoteShuffleJob): string[] {
    const conf = job.sparkConf;
    const problems: string[] = [];
    // The external shuffle service on, and dynamic allocation before Spark 3.5, are the model's rules
    // (REMOTE_SHUFFLE_WITH_SHUFFLE_SERVICE, REMOTE_SHUFFLE_NEEDS_SPARK_3_5 in src/model/rules/
    // spark-runtime.ts), which read the rendered conf however it was written.
    const manager = conf[SHUFFLE_CONF.MANAGER];
    if (manager !== undefined && manager !== CELEBORN.SHUFFLE_MANAGER) {
      problems.push(invalidMessage(`sparkConf["${SHUFFLE_CONF.MANAGER}"]`, `must be ${CELEBORN.SHUFFLE_MANAGER} with shuffle ${this.service}, or left out`, manager));
    }
    const da = job.dynamicAllocation;
    // Dynamic allocation before Spark 3.5 is the model's rule (REMOTE_SHUFFLE_NEEDS_SPARK_3_5,
    // src/model/rules/spark-runtime.ts), which reads it however it was turned on.
    if (da) {
      if (da.shuffleTracking === true) {
        problems.push(invalidMessage('dynamicAllocation.shuffleTracking', `must be false or unset with shuffle ${this.service}: executors hold no shuffle data to track`, true));
      }
    }
    return problems;
  }

  /**
   * Writes the service's Spark confs into a job; values the user set are kept.
   * @internal
   */
  public _applyTo(job: RemoteShuffleJob): void {
    const problems = this._problems(job);
    if (problems.length > 0) {
      throw new SparkEciValidationError(problems[0]);
    }
    const conf = job.sparkConf;
    const set = (key: string, value: string) => { if (conf[key] === undefined) { job.addSparkConf(key, value); } };
    set(SHUFFLE_CONF.MANAGER, CELEBORN.SHUFFLE_MANAGER);
    set(CELEBORN.MASTER_ENDPOINTS, this.masterEndpoints.join(','));
    set(SHUFFLE_CONF.SERVICE_ENABLED, 'false');
    set(SHUFFLE_CONF.LOCAL_SHUFFLE_READER, 'false');
    set(SHUFFLE_CONF.SERIALIZER, CELEBORN.KRYO);
    if (compareVersions(job.sparkVersion, '3.5.0') >= 0) { set(SHUFFLE_CONF.IO_PLUGIN, CELEBORN.SHUFFLE_DATA_IO); }
    if (this.replicate !== undefined) { set(CELEBORN.REPLICATE, String(this.replicate)); }
  }
}
