import { KUEUE_QUEUE_LABEL } from '../model/queues';
import { brand, isBranded } from '../private/brand';
import { invalid } from '../private/errors';
import { checkDns1123Subdomain, checkLabelValue } from '../private/k8s-names';

/**
 * The job queue that holds a job until the cluster has room for it, so that jobs wait in line
 * instead of starting part of their pods and holding them.
 *
 * Both need Spark Operator >= 2.4, which added `suspend` to SparkApplication.
 */
export class JobQueue {
  /**
   * Whether `x` is a `JobQueue`, also when another copy of this package made it.
   *
   * @param x any value
   */
  public static isJobQueue(x: any): x is JobQueue {
    return isBranded(x, 'JobQueue');
  }

  /**
   * Kueue, in a LocalQueue of the job's namespace: writes the label `kueue.x-k8s.io/queue-name`
   * on the SparkApplication (on a ScheduledSparkApplication, whose runs get its labels). Kueue
   * suspends the application when it is created and lets the operator submit it once admitted.
   * Kueue rejects applications with dynamic allocation: synthesis refuses them.
   *
   * @param localQueue the LocalQueue's name, a DNS subdomain of at most 63 characters
   */
  public static kueue(localQueue: string): JobQueue {
    if (typeof localQueue !== 'string') { invalid('JobQueue.kueue() localQueue', 'must be a string', localQueue); }
    checkDns1123Subdomain('JobQueue.kueue() localQueue', localQueue);
    checkLabelValue('JobQueue.kueue() localQueue', localQueue);
    return new JobQueue('KUEUE', localQueue);
  }

  /**
   * ACK's ack-kube-queue: the application is created suspended (`suspend: true`, on a scheduled
   * job in the template of every run), and the queue un-suspends it when the namespace's quota in
   * the ElasticQuotaTree has room. Needs ack-kube-queue with its `sparkapp` extension (v0.4.0+);
   * without it, nothing un-suspends the job.
   */
  public static ackKubeQueue(): JobQueue {
    return new JobQueue('ACK_KUBE_QUEUE');
  }

  private constructor(
    /** `KUEUE` or `ACK_KUBE_QUEUE`. */
    public readonly system: string,
    /** Kueue's LocalQueue; undefined for ack-kube-queue. */
    public readonly localQueue?: string,
  ) {
    brand(this, 'JobQueue');
  }

  /**
   * The labels it writes on the application object.
   * @internal
   */
  public _labels(): { [key: string]: string } {
    return this.localQueue === undefined ? {} : { [KUEUE_QUEUE_LABEL]: this.localQueue };
  }

  /**
   * Whether the application is created suspended.
   * @internal
   */
  public get _suspends(): boolean {
    return this.system === 'ACK_KUBE_QUEUE';
  }
}
