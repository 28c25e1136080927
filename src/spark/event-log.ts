import { Size, SizeRoundingBehavior } from 'cdk8s';
import type { Node } from 'constructs';
import { brand, isBranded } from '../private/brand';
import { invalid, invalidMessage, SparkEciValidationError } from '../private/errors';
import { formatInteger, MAX_INT64 } from '../private/number-format';
import { captureArgument, checkArguments, optionsShape, ShapeOf, SIZE_SHAPE } from '../private/props-shape';
import { checkNoUriCredentials } from '../private/uri-credentials';

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

/** What each option holds (`captureArgument`); typed, so a new option needs a shape to compile. */
const OPTIONS: ShapeOf<SparkEventLogOptions> = { compress: 'boolean', rollingMaxFileSize: SIZE_SHAPE };
const OPTIONS_SHAPE = optionsShape<SparkEventLogOptions>(OPTIONS);
const OSS_OPTIONS_SHAPE = optionsShape<SparkOssEventLogOptions>({ ...OPTIONS, endpoint: 'string' });

/** Spark's minimum of `spark.eventLog.rolling.maxFileSize`. */
const MIN_ROLLING_MEBIBYTES = 10;
/** Spark reads the size into a long of bytes (`bytesConf`): at most 2^63 - 1 bytes, so 2^43 - 1 MiB. */
const MAX_ROLLING_MEBIBYTES = Number(MAX_INT64 / BigInt(2 ** 20));

/** The Spark confs an event log writes. */
const CONF = {
  ENABLED: 'spark.eventLog.enabled',
  DIR: 'spark.eventLog.dir',
  COMPRESS: 'spark.eventLog.compress',
  ROLLING: 'spark.eventLog.rolling.enabled',
  ROLLING_MAX: 'spark.eventLog.rolling.maxFileSize',
  OSS_ENDPOINT: 'spark.hadoop.fs.oss.endpoint',
} as const;
/** The Hadoop key the OSS endpoint conf sets; the same key in `hadoopConf` wins (see `_problems`). */
const HADOOP_OSS_ENDPOINT = 'fs.oss.endpoint';
/** Confs Spark reads as booleans: `TRUE` and `true` are one value (Scala's `toBoolean`). */
const BOOLEAN_CONFS: readonly string[] = [CONF.ENABLED, CONF.COMPRESS, CONF.ROLLING];

/** What an event log needs of the job (or SparkConnectServer) it is given to. */
interface EventLogJob {
  readonly node: Node;
  readonly sparkConf: { [key: string]: string };
  readonly hadoopConf?: { [key: string]: string };
  addSparkConf(key: string, value: string): void;
}

/**
 * Spark event logs written to shared storage, so a Spark History Server can show finished (and,
 * with rolling, running) applications. Writes `spark.eventLog.enabled: true` and
 * `spark.eventLog.dir`.
 *
 * The event log does not override what the job says: a job whose `sparkConf` already sets one of
 * the keys it writes to another value (`spark.eventLog.enabled: "false"`, another
 * `spark.eventLog.dir`), or whose `hadoopConf` sets another `fs.oss.endpoint` (the operator passes
 * `hadoopConf` after `sparkConf`, so it would win over the event log's endpoint), is refused,
 * naming both; so is such a conf added later, at synth.
 *
 * Credentials never go into the Spark configuration: a `dir` with user info
 * (`s3a://key:secret@bucket/`) or a signed query (an Azure SAS `sig=`) is refused without the
 * message repeating the secret, and the job refuses clear-text keys in `sparkConf` and `hadoopConf`
 * (see `allowedSecretConfKeys`). For OSS, give the pods a RAM role (`EciPodOptions.ramRoleName` on
 * ECI, the node's RAM role on ECS) with a credentials provider in the image, or set
 * `fs.oss.accessKeyId` / `fs.oss.accessKeySecret` to `${env.NAME}` references of environment
 * variables filled from a Secret (`EnvValue.fromSecretValue()`). The image must carry the storage's
 * Hadoop connector (for OSS, `hadoop-aliyun`).
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
    const factory = 'SparkEventLog.toOss()';
    checkArguments(factory, ['dir', dir, 'string']);
    checkNoUriCredentials(`${factory} dir`, dir);
    if (!OSS_URI.test(dir)) {
      invalid(`${factory} dir`, 'must be "oss://<bucket>/<path>" with a bucket of 3 to 63 lowercase letters, digits and "-"', dir);
    }
    return new SparkEventLog(factory, dir, captureArgument(`${factory} options`, options, OSS_OPTIONS_SHAPE, true) ?? {});
  }

  /**
   * Event logs at any Hadoop file system URI (`hdfs://`, `s3a://`, `oss://`...).
   *
   * @param dir a URI with a scheme, e.g. `hdfs://namenode:8020/spark-events`
   */
  public static toUri(dir: string, options: SparkEventLogOptions = {}): SparkEventLog {
    const factory = 'SparkEventLog.toUri()';
    checkArguments(factory, ['dir', dir, 'string']);
    checkNoUriCredentials(`${factory} dir`, dir);
    if (!URI.test(dir)) {
      invalid(`${factory} dir`, 'must be a URI with a scheme, e.g. "hdfs://namenode:8020/spark-events"', dir);
    }
    return new SparkEventLog(factory, dir, captureArgument(`${factory} options`, options, OPTIONS_SHAPE, true) ?? {});
  }

  /** Where the logs go (`spark.eventLog.dir`). */
  public readonly dir: string;
  private readonly conf: { [key: string]: string } = {};
  /** How it was made, for messages: `SparkEventLog.toOss("oss://bucket/events/")`. */
  private readonly description: string;

  private constructor(factory: string, dir: string, options: SparkOssEventLogOptions) {
    brand(this, 'SparkEventLog');
    this.dir = dir;
    this.description = `${factory.slice(0, -1)}${JSON.stringify(dir)})`;
    this.conf[CONF.ENABLED] = 'true';
    this.conf[CONF.DIR] = dir;
    if (options.compress !== undefined) {
      this.conf[CONF.COMPRESS] = options.compress ? 'true' : 'false';
    }
    const rolling = options.rollingMaxFileSize;
    if (rolling !== undefined) {
      const mib = rolling.toMebibytes({ rounding: SizeRoundingBehavior.NONE });
      if (!Number.isInteger(mib)) {
        invalid(`${factory} rollingMaxFileSize`, `must be a whole number of MiB, at least ${MIN_ROLLING_MEBIBYTES} (Spark's minimum)`, `${mib} MiB`);
      }
      this.conf[CONF.ROLLING] = 'true';
      this.conf[CONF.ROLLING_MAX] = `${formatInteger(`${factory} rollingMaxFileSize (MiB)`, mib,
        { min: MIN_ROLLING_MEBIBYTES, max: MAX_ROLLING_MEBIBYTES, reader: 'Spark\'s minimum is 10 MiB, and it reads the size into a long of bytes' })}m`;
    }
    if (options.endpoint !== undefined) {
      if (!ENDPOINT.test(options.endpoint)) {
        invalid(`${factory} endpoint`, 'must be an OSS endpoint host name, e.g. "oss-cn-hangzhou-internal.aliyuncs.com"', options.endpoint);
      }
      this.conf[CONF.OSS_ENDPOINT] = options.endpoint;
    }
  }

  /** The Spark configuration this writes (a copy). */
  public get sparkConf(): { [key: string]: string } {
    return { ...this.conf };
  }

  /**
   * What in a job contradicts this event log, as messages naming both sides: a `sparkConf` key it
   * writes set to another value, or another `fs.oss.endpoint` in `hadoopConf`.
   *
   * @param hadoopConf reads the job's Hadoop configuration, when the job has no `hadoopConf` getter
   * @internal
   */
  public _problems(job: EventLogJob, hadoopConf: () => { [key: string]: string } = () => job.hadoopConf ?? {}): string[] {
    const conf = job.sparkConf;
    const problems: string[] = [];
    for (const [key, value] of Object.entries(this.conf)) {
      const theirs = conf[key];
      if (theirs !== undefined && !sameConfValue(key, theirs, value)) {
        problems.push(invalidMessage(`sparkConf["${key}"]`,
          `must be ${JSON.stringify(value)} or left out with eventLog ${this.description}, which writes it: one of the two settings would be lost`, theirs));
      }
    }
    const endpoint = this.conf[CONF.OSS_ENDPOINT];
    const hadoopEndpoint = hadoopConf()[HADOOP_OSS_ENDPOINT];
    if (endpoint !== undefined && hadoopEndpoint !== undefined && hadoopEndpoint !== endpoint) {
      problems.push(invalidMessage(`hadoopConf["${HADOOP_OSS_ENDPOINT}"]`,
        `must be ${JSON.stringify(endpoint)} or left out with eventLog ${this.description} (endpoint ${JSON.stringify(endpoint)}): `
        + 'the operator passes hadoopConf after sparkConf, so this one would win over the event log\'s', hadoopEndpoint));
    }
    return problems;
  }

  /**
   * Writes the event log's Spark confs into a job, refusing what contradicts them now, and at
   * synth what is added later (`addSparkConf()` of another `spark.eventLog.dir`).
   *
   * @param hadoopConf reads the job's Hadoop configuration, when the job has no `hadoopConf` getter
   * @internal
   */
  public _applyTo(job: EventLogJob, hadoopConf?: () => { [key: string]: string }): void {
    const problems = this._problems(job, hadoopConf);
    if (problems.length > 0) { throw new SparkEciValidationError(problems[0]); }
    const conf = job.sparkConf;
    for (const [key, value] of Object.entries(this.conf)) {
      if (conf[key] === undefined) { job.addSparkConf(key, value); }
    }
    job.node.addValidation({ validate: () => this._problems(job, hadoopConf) });
  }
}

/** Whether a conf value the job set says what the event log would write (booleans as Spark reads them). */
function sameConfValue(key: string, theirs: string, ours: string): boolean {
  return BOOLEAN_CONFS.includes(key) ? theirs.trim().toLowerCase() === ours : theirs === ours;
}
