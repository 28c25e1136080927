import type { Duration } from 'cdk8s';

/**
 * How long a job may take to start and to run, written where the cluster enforces it (see
 * docs/deadlines.md). How long the finished application is kept is the job's `timeToLive`.
 *
 * Each deadline ends the pod or the driver; the job's `restartPolicy` then decides whether the
 * operator runs it again.
 */
export interface JobDeadlines {
  /**
   * How long a pod ECI creates may take to start (pull its images, mount its volumes) before ECI
   * ends it, in whole minutes from 10 to 1440, written to `k8s.aliyun.com/eci-max-pending-minute`
   * on each role whose placement may run it on ECI. It does not count the time a pod waits for a
   * node or for capacity, and nothing bounds how long a pod stays Pending on ECS nodes; a job
   * with it needs a placement that lets a role run on ECI.
   *
   * @default - ECI's default on ECI pods, 240 minutes
   * @see https://www.alibabacloud.com/help/en/eci/user-guide/customize-the-maximum-pending-duration-of-the-eci-pod
   */
  readonly start?: Duration;

  /**
   * How long the driver may run, from the start of its SparkContext, before Spark ends it with
   * exit code 124, in whole minutes: `spark.driver.timeout` in `sparkConf`, with
   * `org.apache.spark.deploy.DriverTimeoutPlugin` added to `spark.plugins`. Needs `sparkVersion`
   * 4.0 or later; a driver that waits for executors that never start is ended too.
   *
   * @default - no limit
   */
  readonly run?: Duration;
}
