// The public part of the pure model: sizing, ECI fit and cost, and the shape of a job's pods.
export * from './spark-application-type';
export * from './spark-pods';
export * from './spark-pod-resources';
export * from './eci-instance-size';
export * from './cost-model';
export * from './spark-job-sizing';
