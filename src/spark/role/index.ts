// The driver and executor roles of a Spark application, and their props.
export * from './spark-role-props';
export * from './spark-role';
