/**
 * The Spark configuration keys and values about shuffle and decommissioning that the library
 * writes (constructs) and reads (the plan of rendered manifests): one home for each.
 *
 * @see https://spark.apache.org/docs/latest/configuration.html#spark-properties
 * @see https://celeborn.apache.org/docs/latest/deploy/
 */

/** Spark's decommissioning: an executor told to leave hands over its blocks first. */
export const DECOMMISSION_CONF = {
  ENABLED: 'spark.decommission.enabled',
  STORAGE: 'spark.storage.decommission.enabled',
  SHUFFLE_BLOCKS: 'spark.storage.decommission.shuffleBlocks.enabled',
  RDD_BLOCKS: 'spark.storage.decommission.rddBlocks.enabled',
  /** Where blocks go when no executor can take them (e.g. `oss://bucket/spark-fallback/`). */
  FALLBACK_STORAGE_PATH: 'spark.storage.decommission.fallbackStorage.path',
} as const;

/** Shuffle keys of Spark itself. */
export const SHUFFLE_CONF = {
  MANAGER: 'spark.shuffle.manager',
  /** The external shuffle service; Kubernetes has none, and remote shuffle needs it off. */
  SERVICE_ENABLED: 'spark.shuffle.service.enabled',
  IO_PLUGIN: 'spark.shuffle.sort.io.plugin.class',
  SERIALIZER: 'spark.serializer',
  LOCAL_SHUFFLE_READER: 'spark.sql.adaptive.localShuffleReader.enabled',
} as const;

/** Apache Celeborn's Spark client. */
export const CELEBORN = {
  SHUFFLE_MANAGER: 'org.apache.spark.shuffle.celeborn.SparkShuffleManager',
  /** Tells Spark >= 3.5 that shuffle data outlives executors, so dynamic allocation may remove them. */
  SHUFFLE_DATA_IO: 'org.apache.spark.shuffle.celeborn.CelebornShuffleDataIO',
  MASTER_ENDPOINTS: 'spark.celeborn.master.endpoints',
  REPLICATE: 'spark.celeborn.client.push.replicate.enabled',
  KRYO: 'org.apache.spark.serializer.KryoSerializer',
} as const;

/** Whether a `spark.shuffle.manager` value is a remote shuffle service's (Celeborn, Uniffle). */
export function isRemoteShuffleManager(manager: string | undefined): boolean {
  return manager !== undefined && /celeborn|uniffle|\.rss\./i.test(manager);
}

/** A boolean Spark conf as Spark reads it (`true`, case-insensitive); undefined when unset. */
export function confFlag(conf: { readonly [key: string]: string }, key: string): boolean | undefined {
  const value = conf[key];
  return value === undefined ? undefined : value.trim().toLowerCase() === 'true';
}
