// Constructs and values for what a user declares about a Spark application.
export * from './spark-application-options';
export * from './dynamic-allocation';
export * from './gang-scheduling';
export * from './job-queue';
export * from './restart-policy';
export * from './role';
export * from './job';
export * from './pod-security';
export * from './spark-driver-rbac';
export * from './scratch-disk';
export * from './remote-shuffle';
export * from './event-log';
export * from './connect';
export * from './spark-job-defaults';
export * from './job-deadlines';
