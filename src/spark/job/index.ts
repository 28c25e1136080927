// The Spark application constructs: SparkJob, ScheduledSparkJob, their base and props.
export * from './abstract-spark-job-props';
export * from './abstract-spark-job';
export * from './spark-job';
export * from './scheduled-spark-job';
