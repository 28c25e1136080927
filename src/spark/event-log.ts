import { Size, SizeRoundingBehavior } from 'cdk8s';
import { brand, isBranded } from '../private/brand';
import { checkOptions, invalid } from '../private/errors';

/** Options of `SparkEventLog.toOss()` and `SparkEventLog.toUri()`. */
export interface SparkEventLogOptions {
  /**
   * Whether event logs are compressed (`spark.eventLog.compress`).
   *
   * @default - Spark's default (false)
   */
  readonly compress?: boolean;

  /**
   * Roll the log into files of at most this size, so a long job's history can be read while it
   * runs (`spark.eventLog.rolling.enabled: true`, `spark.eventLog.rolling.maxFileSize`); whole
   * MiB, at least 10 (Spark's minimum).
   *
   * @default - one file per application
   */
  readonly rollingMaxFileSize?: Size;
}

/** Options of `SparkEventLog.toOss()`. */
export interface SparkOssEventLogOptions extends SparkEventLogOptions {
  /**
   * The OSS endpoint the Hadoop OSS connector uses (`spark.hadoop.fs.oss.endpoint`), e.g.
   * `oss-cn-hangzhou-internal.aliyuncs.com`.
   *
   * @default - the connector's configuration in the image or `hadoopConf`
   */
  readonly endpoint?: string;
}

/** `oss://<bucket>/<path>`: a bucket name of 3 to 63 lowercase letters, digits and `-`. */
const OSS_URI = /^oss:\/\/[a-z0-9][a-z0-9-]{1,61}[a-z0-9](\/[^\s]*)?$/;
/** A URI with a scheme: `hdfs://nn:8020/spark-events`, `s3a://bucket/events`. */
const URI = /^[a-z][a-z0-9+.-]*:\/\/[^\s]+$/;
const ENDPOINT = /^[a-z0-9][a-z0-9.-]*[a-z0-9]$/;
const OPTION_KEYS = ['compress', 'rollingMaxFileSize', 'endpoint'];
/** Spark's minimum of `spark.eventLog.rolling.maxFileSize`. */
const MIN_ROLLING_MEBIBYTES = 10;

/**
 * Spark event logs written to shared storage, so a Spark History Server can show finished (and,
 * with rolling, running) applications. Writes `spark.eventLog.enabled: true` and
 * `spark.eventLog.dir`.
 *
 * Credentials never go into the Spark configuration: the job refuses clear-text keys in
 * `sparkConf` and `hadoopConf` (see `allowedSecretConfKeys`). For OSS, give the pods a RAM role
 * (`EciPodOptions.ramRoleName` on ECI, the node's RAM role on ECS) with a credentials provider in
 * the image, or set `fs.oss.accessKeyId` / `fs.oss.accessKeySecret` to `${env.NAME}` references of
 * environment variables filled from a Secret (`EnvValue.fromSecretValue()`). The image must carry
 * the storage's Hadoop connector (for OSS, `hadoop-aliyun`).
 *
 * @see https://spark.apache.org/docs/latest/monitoring.html#spark-history-server-configuration-options
 */
export class SparkEventLog {
  /**
   * Whether `x` is a `SparkEventLog`, also when another copy of this package made it
   * (`instanceof` is not: an app may load two copies of `cdk8s-spark-eci`).
   *
   * @param x any value
   */
  public static isSparkEventLog(x: any): x is SparkEventLog {
    return isBranded(x, 'SparkEventLog');
  }

  /**
   * Event logs in an OSS bucket, read by Hadoop's OSS connector.
   *
   * @param dir `oss://<bucket>/<path>`, e.g. `oss://my-bucket/spark-events/`
   */
  public static toOss(dir: string, options: SparkOssEventLogOptions = {}): SparkEventLog {
    if (typeof dir !== 'string' || !OSS_URI.test(dir)) {
      invalid('SparkEventLog.toOss() dir', 'must be "oss://<bucket>/<path>" with a bucket of 3 to 63 lowercase letters, digits and "-"', dir);
    }
    return new SparkEventLog('SparkEventLog.toOss()', dir, options);
  }

  /**
   * Event logs at any Hadoop file system URI (`hdfs://`, `s3a://`, `oss://`...).
   *
   * @param dir a URI with a scheme, e.g. `hdfs://namenode:8020/spark-events`
   */
  public static toUri(dir: string, options: SparkEventLogOptions = {}): SparkEventLog {
    if (typeof dir !== 'string' || !URI.test(dir)) {
      invalid('SparkEventLog.toUri() dir', 'must be a URI with a scheme, e.g. "hdfs://namenode:8020/spark-events"', dir);
    }
    return new SparkEventLog('SparkEventLog.toUri()', dir, options);
  }

  /** Where the logs go (`spark.eventLog.dir`). */
  public readonly dir: string;
  private readonly conf: { [key: string]: string } = {};

  private constructor(factory: string, dir: string, options: SparkOssEventLogOptions) {
    brand(this, 'SparkEventLog');
    checkOptions(`${factory} options`, options, factory === 'SparkEventLog.toOss()' ? OPTION_KEYS : OPTION_KEYS.filter(k => k !== 'endpoint'));
    this.dir = dir;
    this.conf['spark.eventLog.enabled'] = 'true';
    this.conf['spark.eventLog.dir'] = dir;
    if (options.compress !== undefined) {
      if (typeof options.compress !== 'boolean') { invalid(`${factory} compress`, 'must be a boolean', options.compress); }
      this.conf['spark.eventLog.compress'] = String(options.compress);
    }
    const rolling = options.rollingMaxFileSize;
    if (rolling !== undefined) {
      const mib = typeof rolling?.toMebibytes === 'function' ? rolling.toMebibytes({ rounding: SizeRoundingBehavior.NONE }) : NaN;
      if (!(Number.isInteger(mib) && mib >= MIN_ROLLING_MEBIBYTES)) {
        invalid(`${factory} rollingMaxFileSize`, `must be a whole number of MiB, at least ${MIN_ROLLING_MEBIBYTES} (Spark's minimum)`, Number.isNaN(mib) ? rolling : `${mib} MiB`);
      }
      this.conf['spark.eventLog.rolling.enabled'] = 'true';
      this.conf['spark.eventLog.rolling.maxFileSize'] = `${mib}m`;
    }
    if (options.endpoint !== undefined) {
      if (typeof options.endpoint !== 'string' || !ENDPOINT.test(options.endpoint)) {
        invalid(`${factory} endpoint`, 'must be an OSS endpoint host name, e.g. "oss-cn-hangzhou-internal.aliyuncs.com"', options.endpoint);
      }
      this.conf['spark.hadoop.fs.oss.endpoint'] = options.endpoint;
    }
  }

  /** The Spark configuration this writes (a copy). */
  public get sparkConf(): { [key: string]: string } {
    return { ...this.conf };
  }
}
