import { checkConfEntry, checkSecretConf, checkSparkConfKey } from '../model/rules/spark-conf';
import { mapOrUndefined } from '../private/render';

/**
 * The Spark and Hadoop configuration of a SparkApplication or a SparkConnect (`sparkConf`,
 * `hadoopConf`), with the keys allowed to hold a clear-text value although their name says
 * credential. Every entry is checked as it is set (src/private/spark-conf-rules.ts: a key the
 * operator's webhook rejects or sets itself, an entry Spark would misread, a credential), so
 * `SparkJob`, `ScheduledSparkJob` and `SparkConnectServer` refuse the same entries with the same
 * messages. The constructs keep their own public mutators (`addSparkConf()`...), which call this.
 */
export class SparkConf {
  private readonly spark: { [key: string]: string } = {};
  private readonly hadoop: { [key: string]: string } = {};
  private readonly allowedSecretKeys = new Set<string>();

  /** The Spark configuration (a copy). */
  public get sparkConf(): { [key: string]: string } {
    return { ...this.spark };
  }

  /** The Hadoop configuration (a copy). */
  public get hadoopConf(): { [key: string]: string } {
    return { ...this.hadoop };
  }

  /** Lets these keys hold clear-text values; call before setting them. */
  public allowSecretKeys(keys: readonly string[]): void {
    for (const key of keys) { this.allowedSecretKeys.add(key); }
  }

  /** Sets a `sparkConf` entry, refusing webhook-owned keys and credentials not allowed. */
  public setSpark(key: string, value: string): void {
    checkConfEntry('sparkConf', key, value);
    checkSparkConfKey(key);
    checkSecretConf('sparkConf', key, value, this.allowedSecretKeys);
    this.spark[key] = value;
  }

  /** Sets a `hadoopConf` entry, refusing credentials not allowed. */
  public setHadoop(key: string, value: string): void {
    checkConfEntry('hadoopConf', key, value);
    checkSecretConf('hadoopConf', key, value, this.allowedSecretKeys);
    this.hadoop[key] = value;
  }

  /** `sparkConf` as the CRD spells it, left out when empty. */
  public renderSparkConf(): { [key: string]: string } | undefined {
    return mapOrUndefined(this.spark);
  }

  /** `hadoopConf` as the CRD spells it, left out when empty. */
  public renderHadoopConf(): { [key: string]: string } | undefined {
    return mapOrUndefined(this.hadoop);
  }
}
